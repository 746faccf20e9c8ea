/**
 * The production build in the app's 128Mi pod: the bundle (scripts/build-prod.ts, built into a temporary
 * layout like the image's) runs through the image's entry script (docker/pipelock: its node flags and malloc
 * setting) with V8's heap capped (`--max-old-space-size` from PIPELOCK_MAX_HEAP_MB, as a 128 MB limit demands), while 50
 * connections send 10 KB JSON POSTs through it to a loopback origin for a few seconds. Every request must be
 * answered 200 and the proxy must still be running at the end. No duration is asserted.
 *
 * The limit is a real one where the machine lets the test make a memory cgroup (v1 `memory.limit_in_bytes`
 * or v2 `memory.max`, as root): the proxy runs inside it, and the kernel's OOM killer must not have fired.
 * Elsewhere a watchdog samples the process's anonymous RSS every 50 ms and fails above 128 MB: anonymous
 * memory is what a cgroup cannot reclaim (the node binary's clean file pages, ~50 MB of RSS, are page cache a
 * cgroup drops under pressure instead of killing). Both figures, and the total RSS, are printed.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { delimiter, dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "../..")
const LIMIT = 128 * 1024 * 1024
const CONNECTIONS = 50
const LOAD_MS = 4000

const statusOf = (pid: number, field: "VmRSS" | "RssAnon"): number => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))
  return m === null ? 0 : Number(m[1]) * 1024
}

interface Cgroup {
  readonly kind: string
  readonly procs: string
  readonly peak: () => number
  readonly oomKills: () => number
  readonly remove: () => void
}
/** A memory cgroup limited to `limit` bytes, when this machine lets the test make one (root, v1 or v2); else undefined. */
const makeCgroup = (limit: number): Cgroup | undefined => {
  const name = `pipelock-memtest-${process.pid}`
  const read = (path: string) => {
    try {
      return readFileSync(path, "utf8")
    } catch {
      return ""
    }
  }
  const counter = (text: string, key: string) => Number(new RegExp(`^${key} (\\d+)$`, "m").exec(text)?.[1] ?? 0)
  for (const [kind, dir, limitFile, peakFile, events] of [
    ["v1", `/sys/fs/cgroup/memory/${name}`, "memory.limit_in_bytes", "memory.max_usage_in_bytes", "memory.oom_control"],
    ["v2", `/sys/fs/cgroup/unified/${name}`, "memory.max", "memory.peak", "memory.events"],
    ["v2", `/sys/fs/cgroup/${name}`, "memory.max", "memory.peak", "memory.events"]
  ] as const) {
    try {
      mkdirSync(dir)
    } catch {
      continue
    }
    try {
      writeFileSync(join(dir, limitFile), String(limit))
      if (Number(readFileSync(join(dir, limitFile), "utf8")) !== limit) throw new Error("limit not taken")
      return {
        kind,
        procs: join(dir, "cgroup.procs"),
        peak: () => Number(read(join(dir, peakFile)) || 0),
        oomKills: () => counter(read(join(dir, events)), "oom_kill"),
        remove: () => {
          try {
            rmdirSync(dir)
          } catch {
            // Still holding a process (it is killed in afterAll first): left for the OS.
          }
        }
      }
    } catch {
      try {
        rmdirSync(dir)
      } catch {
        // nothing to clean
      }
    }
  }
  return undefined
}

let tmp = ""
let app = ""
let origin: http.Server | undefined
let proxy: ChildProcess | undefined
let cgroup: Cgroup | undefined

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "pipelock-memlimit-"))
  app = join(tmp, "opt/pipelock")
  mkdirSync(app, { recursive: true })
  const built = await new Promise<{ code: number; out: string }>((resolve) => {
    execFile(process.execPath, [join(root, "scripts/build-prod.ts"), "--outdir", join(app, "dist-prod")], { cwd: root, timeout: 120_000 }, (e, stdout, stderr) =>
      resolve({ code: e === null ? 0 : 1, out: stdout + stderr }))
  })
  if (built.code !== 0) throw new Error(`build:prod failed:\n${built.out}`)
  for (const p of ["bin", "config", "package.json"]) cpSync(join(root, p), join(app, p), { recursive: true })
  symlinkSync(join(root, "node_modules"), join(app, "node_modules"), "dir")
}, 150_000)

afterAll(async () => {
  if (proxy !== undefined && proxy.exitCode === null) {
    proxy.kill("SIGKILL")
    await new Promise((r) => proxy!.once("close", r))
  }
  origin?.close()
  cgroup?.remove()
  if (tmp !== "") rmSync(tmp, { recursive: true, force: true })
})

describe("the production build under a 128 MB limit", () => {
  it("serves a 50-connection load inside a 128 MB memory cgroup (or, without one, with anonymous RSS under 128 MB)", async () => {
    const responseBody = JSON.stringify({ results: Array.from({ length: 80 }, (_, i) => ({ id: i, title: `result ${i}`, price: i * 1.5, score: i / 80 })) })
    origin = http.createServer((req, res) => {
      req.resume()
      req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(responseBody))
    })
    await new Promise<void>((r) => origin!.listen(0, "127.0.0.1", () => r()))
    const originPort = (origin.address() as AddressInfo).port

    const config = join(tmp, "pipelock.yaml")
    writeFileSync(config, [
      "ssrf:", "  ip_allowlist: [\"127.0.0.0/8\"]",
      "fetch_proxy:", "  monitoring:", "    max_requests_per_minute: 100000000",
      "logging:", "  output: stderr", "  include_allowed: false"
    ].join("\n") + "\n")
    // Port 0: the proxy picks a free port and logs it.
    cgroup = makeCgroup(LIMIT)
    // In the cgroup from the first instruction: the shell joins it, then becomes the entry (exec).
    const entry = join(root, "docker/pipelock")
    const args = ["run", "--config", config, "--listen", "127.0.0.1:0"]
    proxy = spawn(cgroup === undefined ? entry : "/bin/sh", cgroup === undefined ? args : ["-c", `echo $$ > "${cgroup.procs}" && exec "$0" "$@"`, entry, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
        HOME: tmp,
        PIPELOCK_APP_DIR: app,
        // The entry's heap cap for a 128 MB container (--max-old-space-size), stated here.
        PIPELOCK_MAX_HEAP_MB: "80"
      }
    })
    let output = ""
    proxy.stdout!.on("data", (c: Buffer) => (output += c))
    proxy.stderr!.on("data", (c: Buffer) => (output += c))
    const port = await new Promise<number>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /"event":"listening","listener":"proxy","address":"127\.0\.0\.1:(\d+)"/.exec(output)
        if (m !== null) (clearInterval(t), resolve(Number(m[1])))
        if (proxy!.exitCode !== null) (clearInterval(t), reject(new Error(`pipelock exited:\n${output}`)))
      }, 50)
    })

    const pid = proxy.pid!
    let peak = statusOf(pid, "VmRSS")
    let peakAnon = statusOf(pid, "RssAnon")
    const sample = () => {
      if (proxy!.exitCode !== null) return
      peak = Math.max(peak, statusOf(pid, "VmRSS"))
      peakAnon = Math.max(peakAnon, statusOf(pid, "RssAnon"))
    }
    const watchdog = setInterval(sample, 50)

    const payload = JSON.stringify({ items: Array.from({ length: 80 }, (_, i) => ({ id: i, name: `item ${i}`, note: "ordinary text in a request body" })) })
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })
    const statuses = new Map<number | string, number>()
    const one = () => new Promise<void>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: `http://127.0.0.1:${originPort}/echo`, agent, headers: { host: `127.0.0.1:${originPort}`, "content-type": "application/json" } }, (res) => {
        res.resume()
        res.on("end", () => (statuses.set(res.statusCode!, (statuses.get(res.statusCode!) ?? 0) + 1), resolve()))
      })
      req.on("error", (e) => {
        const k = String((e as NodeJS.ErrnoException).code ?? e.message)
        statuses.set(k, (statuses.get(k) ?? 0) + 1)
        resolve()
      })
      req.end(payload)
    })
    const until = Date.now() + LOAD_MS
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) await one()
    }))
    agent.destroy()
    clearInterval(watchdog)
    sample()

    expect(proxy.exitCode, output).toBeNull()
    if (!statuses.has(200)) console.log(output.slice(0, 3000))
    expect([...statuses.keys()], JSON.stringify([...statuses])).toEqual([200])
    expect(statuses.get(200)).toBeGreaterThanOrEqual(CONNECTIONS)
    const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`
    console.log(`memory limit test: ${statuses.get(200)} requests over ${CONNECTIONS} connections; peak RSS ${mb(peak)}, of it anonymous ${mb(peakAnon)}; ` +
      (cgroup === undefined ? "no memory cgroup could be made here: anonymous RSS judged against 128 MB" : `cgroup ${cgroup.kind} limit 128 MB, peak charge ${mb(cgroup.peak())}, OOM kills ${cgroup.oomKills()}`))
    if (cgroup !== undefined) expect(cgroup.oomKills(), "the kernel's OOM killer fired in the 128 MB cgroup").toBe(0)
    else expect(peakAnon, `peak anonymous RSS ${mb(peakAnon)}`).toBeLessThanOrEqual(LIMIT)
  })
})
