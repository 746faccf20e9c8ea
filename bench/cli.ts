/**
 * `npm run bench:cli`: wall time of CLI commands of the production build (dist-prod/, rebuilt first when
 * missing or stale), each run `BENCH_RUNS` times (default 15, after 2 warm-up runs), beside `node -e 0` measured in the
 * same run (Node's own start-up on this machine) and the targets: `pipelock version` ≤ 150 ms,
 * `pipelock check --url` ≤ 300 ms. Also the tsc build (dist/) and the TypeScript sources for comparison.
 * Uses hyperfine when installed (apt-get install -y hyperfine), else a loop of spawnSync; with hyperfine each row
 * also shows its CPU time (user + system) and that ratio, steadier than wall time on a shared machine.
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { join } from "node:path"
import { prodBuild } from "./prodBuild.ts"

const root = join(import.meta.dirname, "..")
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const node = process.execPath
const bundle = prodBuild(root)

interface Row { readonly name: string; readonly args: ReadonlyArray<string>; readonly target?: number }

const url = "https://example.com/docs?page=2"
const rows: Row[] = [
  { name: "node -e 0 (reference)", args: ["-e", "0"] },
  { name: "version (dist-prod)", args: [bundle, "version"], target: 150 },
  { name: "--help (dist-prod)", args: [bundle, "--help"] },
  { name: "check --url (dist-prod)", args: [bundle, "check", "--url", url], target: 300 }
]
if (existsSync(join(root, "dist/programs/main.js"))) {
  rows.push({ name: "version (dist/, tsc)", args: [join(root, "dist/programs/main.js"), "version"] })
  rows.push({ name: "check --url (dist/, tsc)", args: [join(root, "dist/programs/main.js"), "check", "--url", url] })
}
rows.push({ name: "version (sources)", args: [join(root, "src/programs/main.ts"), "version"] })

const hyperfine = spawnSync("hyperfine", ["--version"]).error === undefined

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

const measure = (row: Row): { mean: number; median: number; cpu?: number } => {
  if (hyperfine) {
    const quoted = [node, ...row.args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ")
    const out = join(root, ".bench-out")
    spawnSync("mkdir", ["-p", out])
    const json = join(out, "cli.json")
    // Exit code 1 is check's "blocked"; the URL here is allowed, but do not fail the run on it.
    const r = spawnSync("hyperfine", ["-N", "-i", "-w", "2", "-r", String(RUNS), "--export-json", json, quoted], { stdio: ["ignore", "ignore", "inherit"] })
    if (r.status === 0) {
      const res = (JSON.parse(spawnSync("cat", [json]).stdout.toString()) as { results: Array<{ mean: number; median: number; user: number; system: number }> }).results[0]
      return { mean: res.mean * 1000, median: res.median * 1000, cpu: (res.user + res.system) * 1000 }
    }
  }
  const times: number[] = []
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now()
    spawnSync(node, [...row.args], { stdio: "ignore" })
    if (i >= 2) times.push(performance.now() - t)
  }
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, median: median(times) }
}

const results = rows.map((r) => ({ row: r, ...measure(r) }))
const ref = results[0]
console.log(`\nCLI wall time, ${RUNS} runs each (${hyperfine ? "hyperfine" : "spawnSync loop"}), ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}\n`)
const w = Math.max(...rows.map((r) => r.name.length))
// CPU time (user + system, mean) moves less than wall time when other work shares the cores.
console.log(`${"command".padEnd(w)}  ${"mean ms".padStart(8)}  ${"median".padStart(7)}  ${"× node -e 0".padStart(11)}  ${"CPU ms".padStart(7)}  ${"CPU ×".padStart(6)}  target`)
for (const r of results) {
  const target = r.row.target === undefined ? "" : `≤ ${r.row.target} ms ${r.median <= r.row.target ? "met" : "MISSED"} (scaled to this machine: ≤ ${((r.row.target / 40) * ref.median).toFixed(0)} ms, taking node -e 0 = 40 ms as the quiet reference)`
  const cpu = r.cpu === undefined ? "-" : r.cpu.toFixed(0)
  const cpuRatio = r.cpu === undefined || ref.cpu === undefined ? "-" : (r.cpu / ref.cpu).toFixed(2)
  console.log(`${r.row.name.padEnd(w)}  ${r.mean.toFixed(0).padStart(8)}  ${r.median.toFixed(0).padStart(7)}  ${(r.median / ref.median).toFixed(2).padStart(11)}  ${cpu.padStart(7)}  ${cpuRatio.padStart(6)}  ${target}`)
}
