/**
 * The production build in the app's 128Mi pod: the bundle (scripts/build-prod.ts, built into a temporary
 * layout like the image's) runs through the image's entry script (docker/pipelock: its node flags and malloc
 * setting) with V8's heap capped (`--max-old-space-size` from PIPELOCK_MAX_HEAP_MB, as a 128 MB limit demands), while 50
 * connections send 10 KB JSON POSTs through it to a loopback origin for a few seconds. A watchdog samples the
 * process's RSS every 50 ms: above 128 MB is a failure, as a cgroup limit would have killed it. Every request
 * must be answered 200 and the proxy must still be running at the end. No duration is asserted.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { delimiter, dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "../..")
const LIMIT = 128 * 1024 * 1024
const CONNECTIONS = 50
const LOAD_MS = 4000

const rssOf = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
  return m === null ? 0 : Number(m[1]) * 1024
}

let tmp = ""
let app = ""
let origin: http.Server | undefined
let proxy: ChildProcess | undefined

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
  if (tmp !== "") rmSync(tmp, { recursive: true, force: true })
})

describe("the production build under a 128 MB limit", () => {
  it("serves a 50-connection load without RSS ever passing 128 MB", async () => {
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
    proxy = spawn(join(root, "docker/pipelock"), ["run", "--config", config, "--listen", "127.0.0.1:0"], {
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
    let peak = rssOf(pid)
    const watchdog = setInterval(() => {
      if (proxy!.exitCode === null) peak = Math.max(peak, rssOf(pid))
    }, 50)

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
    peak = Math.max(peak, proxy.exitCode === null ? rssOf(pid) : 0)

    expect(proxy.exitCode, output).toBeNull()
    if (!statuses.has(200)) console.log(output.slice(0, 3000))
    expect([...statuses.keys()], JSON.stringify([...statuses])).toEqual([200])
    expect(statuses.get(200)).toBeGreaterThanOrEqual(CONNECTIONS)
    expect(peak, `peak RSS ${(peak / 1048576).toFixed(1)} MB`).toBeLessThanOrEqual(LIMIT)
    console.log(`memory limit test: ${statuses.get(200)} requests over ${CONNECTIONS} connections, peak RSS ${(peak / 1048576).toFixed(1)} MB (limit 128 MB)`)
  })
})
