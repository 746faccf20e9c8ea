/**
 * The scripts the Quick start and CI stand on, offline: scripts/node.sh choosing the Node (the machine's when
 * it is recent enough, else the cached Node 24 — fetching it needs the registry, which tests never reach), and
 * scripts/test-summary.ts turning vitest's JSON report into CI's one summary line.
 */
import { execFile } from "node:child_process"
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, dirname, join } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..", "..")
const dir = mkdtempSync(join(tmpdir(), "pipelock-scripts-"))

const run = (command: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(command, [...args], { env, cwd: root, timeout: 60_000 }, (e, stdout, stderr) =>
      resolve({ code: e === null ? 0 : typeof e.code === "number" ? e.code : 1, stdout, stderr })))

describe("scripts/node.sh", () => {
  it("uses the machine's Node when it is >= 22.18, and builds addons against its headers when they are beside it", async () => {
    const path = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`
    const r = await run(join(root, "scripts/node.sh"), ["node", "-p", "process.execPath + ' ' + process.env.npm_config_nodedir"], { ...process.env, PATH: path, npm_config_nodedir: "" })
    expect(r.code, r.stderr).toBe(0)
    const prefix = dirname(dirname(process.execPath))
    expect(r.stdout.trim()).toBe(`${process.execPath} ${existsSync(join(prefix, "include", "node", "node.h")) ? prefix : ""}`)
    expect(r.stderr).toBe("")
  })

  it("with an older machine Node, runs the command with the cached Node 24 first on PATH and its headers for addons", async () => {
    // A machine `node` that says it is 20.11.1, and a cache that already holds a Node (this one).
    const machine = join(dir, "machine-bin")
    mkdirSync(machine, { recursive: true })
    const old = 'data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:"20.11.1"}})'
    writeFileSync(join(machine, "node"), `#!/bin/sh\nexec "${process.execPath}" --import '${old}' "$@"\n`)
    chmodSync(join(machine, "node"), 0o755)
    const cache = join(dir, "cache")
    mkdirSync(join(cache, "node24", "bin"), { recursive: true })
    symlinkSync(process.execPath, join(cache, "node24", "bin", "node"))
    const env = { ...process.env, PATH: `${machine}${delimiter}/usr/bin${delimiter}/bin`, PIPELOCK_CI_CACHE: cache }

    expect((await run("node", ["-p", "process.versions.node"], env)).stdout.trim()).toBe("20.11.1")
    const r = await run(join(root, "scripts/node.sh"), ["node", "-p", "process.versions.node + ' ' + process.env.npm_config_nodedir"], env)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe(`${process.versions.node} ${join(cache, "node24")}`)
    const e = await run(join(root, "scripts/node.sh"), ["--env"], env)
    expect(e.stdout).toContain(`export PATH='${join(cache, "node24", "bin")}${delimiter}${machine}`)
    expect(e.stdout).toContain(`export npm_config_nodedir='${join(cache, "node24")}'`)
  })
})

describe("scripts/test-summary.ts", () => {
  const report = (name: string, value: unknown) => {
    const path = join(dir, name)
    writeFileSync(path, JSON.stringify(value))
    return path
  }
  const base = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, success: true, testResults: [] as unknown[] }

  it("prints one plain line from vitest's counts, exit 0 when all passed", async () => {
    const r = await run(process.execPath, [join(root, "scripts/test-summary.ts"), report("ok.json", { ...base, numPassedTests: 12, numPendingTests: 2, numTodoTests: 1 })])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe("12 passed, 0 failed, 3 skipped\n")
  })

  it("counts a test file that failed outside any test as a failure, exit 1", async () => {
    const broken = { name: "/x/broken.test.ts", status: "failed", message: "Error: boom\n  at …", assertionResults: [] }
    const failing = { name: "/x/fail.test.ts", status: "failed", assertionResults: [{ status: "failed" }, { status: "passed" }] }
    const r = await run(process.execPath, [join(root, "scripts/test-summary.ts"), report("failed.json", { ...base, numPassedTests: 1, numFailedTests: 1, success: false, testResults: [broken, failing] })])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("1 passed, 2 failed, 0 skipped\n")
    expect(r.stderr).toContain("broken.test.ts failed outside a test: Error: boom")
  })

  it("says so and exits 1 when vitest wrote no report", async () => {
    const r = await run(process.execPath, [join(root, "scripts/test-summary.ts"), join(dir, "missing.json")])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain("the test run did not finish")
  })
})
