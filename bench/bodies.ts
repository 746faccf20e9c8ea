/**
 * `npm run bench:bodies`: Pipelock (`pipelock run`, a child process) under hostile bodies, on loopback.
 *
 * 1. Slow bodies (the issue's "Done when"): `SLOW_CONNECTIONS` (300) connections, two thirds on the main port
 *    (absolute-form POSTs through the forward proxy) and one third on the MCP port, each announcing
 *    `Content-Length: 100000` and sending one byte a second, for `SLOW_SECONDS` (180). A connection the proxy
 *    closes is replaced at once, so the load stays at 300. Prints how long each took to be closed and whether
 *    with a 408, and `/health` latency during the run beside `/health` on the idle proxy (the reference).
 * 2. Large bodies: `LARGE_COUNT` (5) concurrent 9.9 MB MCP `tools/call` requests; prints each one's time,
 *    the `/health` latency meanwhile (reference: idle), and the proxy's RSS before and at its peak.
 *
 * Set `BENCH_PART=slow` or `large` to run one part.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import * as net from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort, waitForPort } from "../test/support/fixtures.ts"

const root = join(import.meta.dirname, "..")
const PART = process.env.BENCH_PART ?? "all"
const SLOW_CONNECTIONS = Number(process.env.SLOW_CONNECTIONS ?? 300)
const SLOW_SECONDS = Number(process.env.SLOW_SECONDS ?? 180)
const LARGE_COUNT = Number(process.env.LARGE_COUNT ?? 5)
const children: ChildProcess[] = []
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")))

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
const ms = (x: number) => `${x.toFixed(1)} ms`
const rssOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 }
}

// One origin for the forward proxy and one MCP upstream, both answering at once.
const origin = http.createServer((req, res) => {
  req.resume()
  req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'))
})
const upstream = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on("data", (c: Buffer) => chunks.push(c))
  req.on("end", () => {
    let id: unknown = null
    try {
      id = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id?: unknown }).id ?? null
    } catch {
      // not JSON: answer anyway
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id, result: { content: [{ type: "text", text: "ok" }] } }))
  })
})
const originPort = await freePort()
const upstreamPort = await freePort()
await new Promise<void>((r) => origin.listen(originPort, "127.0.0.1", r))
await new Promise<void>((r) => upstream.listen(upstreamPort, "127.0.0.1", r))

const dir = mkdtempSync(join(tmpdir(), "pipelock-bench-bodies-"))
const config = join(dir, "pipelock.yaml")
writeFileSync(config, [
  "forward_proxy: { enabled: true }",
  "ssrf: { ip_allowlist: [\"127.0.0.0/8\"] }",
  "fetch_proxy: { monitoring: { max_requests_per_minute: 100000000 } }",
  "mcp_input_scanning: { enabled: true, action: block }",
  "logging: { output: stderr, include_allowed: false, include_blocked: false, level: error }",
  ""
].join("\n"))
const port = await freePort()
const mcpPort = await freePort()
const pipelock = spawn(process.execPath, [join(root, "bin/pipelock.js"), "run", "--config", config, "--listen", `127.0.0.1:${port}`, "--mcp-listen", `127.0.0.1:${mcpPort}`, "--mcp-upstream", `http://127.0.0.1:${upstreamPort}/mcp`],
  { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, PIPELOCK_USE_DIST: "0" } })
children.push(pipelock)
await waitForPort(port)
await waitForPort(mcpPort)

const healthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const health = () => new Promise<number>((resolve, reject) => {
  const t = performance.now()
  http.get({ host: "127.0.0.1", port, path: "/health", agent: healthAgent }, (res) => {
    res.resume()
    res.on("end", () => resolve(performance.now() - t))
  }).on("error", reject)
})
/** Probes /health every `every` ms until `stop()`; returns the latencies. */
const probe = (every: number) => {
  const out: number[] = []
  let on = true
  const done = (async () => {
    while (on) {
      out.push(await health())
      await sleep(every)
    }
  })()
  return { stop: async () => { on = false; await done; return out } }
}
const idleHealth: number[] = []
for (let i = 0; i < 50; i++) {
  idleHealth.push(await health())
  await sleep(20)
}
console.log(`/health on the idle proxy (reference): p50 ${ms(pct(idleHealth, 50))}, p99 ${ms(pct(idleHealth, 99))}, max ${ms(Math.max(...idleHealth))}`)

// ---------------------------------------------------------------------------------------------
// 1. Slow bodies
// ---------------------------------------------------------------------------------------------

if (PART === "all" || PART === "slow") {
  interface Slow { socket: net.Socket; opened: number; got408: boolean; sent: number }
  const open = new Set<Slow>()
  const closed: Array<{ seconds: number; got408: boolean; mcp: boolean }> = []
  let running = true
  const head = (mcp: boolean) => mcp
    ? `POST / HTTP/1.1\r\nHost: 127.0.0.1:${mcpPort}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: 100000\r\n\r\n`
    : `POST http://127.0.0.1:${originPort}/upload HTTP/1.1\r\nHost: 127.0.0.1:${originPort}\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n`
  const connect = (mcp: boolean) => {
    const socket = net.connect(mcp ? mcpPort : port, "127.0.0.1")
    const s: Slow = { socket, opened: performance.now(), got408: false, sent: 0 }
    socket.on("connect", () => socket.write(head(mcp)))
    socket.on("data", (d: Buffer) => {
      if (d.toString("latin1").startsWith("HTTP/1.1 408")) s.got408 = true
    })
    socket.on("error", () => {})
    socket.on("close", () => {
      if (!open.delete(s)) return
      closed.push({ seconds: (performance.now() - s.opened) / 1000, got408: s.got408, mcp })
      if (running) connect(mcp)
    })
    open.add(s)
  }
  const started = performance.now()
  for (let i = 0; i < SLOW_CONNECTIONS; i++) connect(i % 3 === 2)
  const trickle = setInterval(() => {
    for (const s of open) {
      if (s.socket.writable && s.sent < 100000) {
        s.socket.write("x")
        s.sent++
      }
    }
  }, 1000)
  const p = probe(100)
  let lastReport = performance.now()
  while (performance.now() - started < SLOW_SECONDS * 1000) {
    await sleep(1000)
    if (performance.now() - lastReport >= 30_000) {
      lastReport = performance.now()
      console.log(`  ${Math.round((performance.now() - started) / 1000)} s: ${open.size} slow connections open, ${closed.length} closed so far, RSS ${rssOf(pipelock.pid!).rss.toFixed(0)} MB`)
    }
  }
  running = false
  clearInterval(trickle)
  const latencies = await p.stop()
  // Connections still open at the end: how long they have been open (none may pass the timeout).
  const now = performance.now()
  const oldest = Math.max(0, ...[...open].map((s) => (now - s.opened) / 1000))
  for (const s of open) s.socket.destroy()
  const secs = closed.map((c) => c.seconds)
  const with408 = closed.filter((c) => c.got408).length
  console.log(`slow bodies: ${SLOW_CONNECTIONS} connections held for ${SLOW_SECONDS} s (1 byte/s, Content-Length 100000; ${Math.round(SLOW_CONNECTIONS * 2 / 3)} on the main port, ${Math.round(SLOW_CONNECTIONS / 3)} on the MCP port)`)
  console.log(`  closed by Pipelock: ${closed.length} (${with408} with 408; main port ${closed.filter((c) => !c.mcp).length}, MCP port ${closed.filter((c) => c.mcp).length}); time to close p50 ${pct(secs, 50).toFixed(1)} s, max ${Math.max(...secs).toFixed(1)} s`)
  console.log(`  still open at the end: ${open.size}, the oldest for ${oldest.toFixed(1)} s (the timeout closes at about 10 s)`)
  console.log(`  /health during the run (${latencies.length} probes): p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))}, max ${ms(Math.max(...latencies))}; idle reference p99 ${ms(pct(idleHealth, 99))} (ratio ${(pct(latencies, 99) / pct(idleHealth, 99)).toFixed(1)}x)`)
  console.log(`  RSS ${rssOf(pipelock.pid!).rss.toFixed(0)} MB, peak ${rssOf(pipelock.pid!).peak.toFixed(0)} MB`)
  await sleep(2000)
}

// ---------------------------------------------------------------------------------------------
// 2. Large bodies
// ---------------------------------------------------------------------------------------------

if (PART === "all" || PART === "large") {
  const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. "
  const items: string[] = []
  let size = 0
  while (size < 9.9 * 1024 * 1024 - 200) {
    const item = JSON.stringify({ id: items.length, text: filler, n: items.length * 7 })
    items.push(item)
    size += item.length + 1
  }
  const body = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ingest","arguments":{"rows":[${items.join(",")}]}}}`
  const before = rssOf(pipelock.pid!)
  const send = () => new Promise<{ ms: number; status: number }>((resolve) => {
    const t = performance.now()
    const req = http.request({ host: "127.0.0.1", port: mcpPort, path: "/", method: "POST", agent: false, headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume()
      res.on("end", () => resolve({ ms: performance.now() - t, status: res.statusCode ?? 0 }))
    })
    req.on("error", () => resolve({ ms: performance.now() - t, status: 0 }))
    req.end(body)
  })
  const p = probe(50)
  let peak = before.rss
  const watch = setInterval(() => (peak = Math.max(peak, rssOf(pipelock.pid!).rss)), 100)
  const results = await Promise.all(Array.from({ length: LARGE_COUNT }, send))
  clearInterval(watch)
  const latencies = await p.stop()
  console.log(`large bodies: ${LARGE_COUNT} concurrent ${(Buffer.byteLength(body) / 1024 / 1024).toFixed(1)} MB MCP tools/call requests`)
  console.log(`  each: ${results.map((r) => `${(r.ms / 1000).toFixed(1)} s (${r.status})`).join(", ")}`)
  console.log(`  /health meanwhile (${latencies.length} probes): p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))}, max ${ms(Math.max(...latencies))}; idle reference p99 ${ms(pct(idleHealth, 99))}`)
  console.log(`  RSS before ${before.rss.toFixed(0)} MB, peak during ${peak.toFixed(0)} MB`)
}

pipelock.kill("SIGTERM")
origin.close()
upstream.close()
healthAgent.destroy()
process.exit(0)
