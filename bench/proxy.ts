/**
 * `npm run bench:proxy`: a 10 KB JSON POST answered by a 10 KB JSON response, on loopback, sent (1) direct,
 * (2) through Pipelock with scanning on (request body DLP, response injection scanning), and (3) through a
 * plain forwarding proxy (tinyproxy from Debian; installed with apt-get when missing, and said so). Load from
 * autocannon in a separate process. Prints p50/p99 latency, requests/s, the added latency and the ratios,
 * a streaming row (per-event delay of a 200-event SSE stream, direct and through Pipelock), then Pipelock's RSS
 * with 1,000 idle CONNECT tunnels open. Targets: docs/benchmarks.md. `BENCH_ONLY=streaming` runs the streaming row alone.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import * as net from "node:net"
import { cpus, loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import * as ConfigStoreLayer from "../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../src/layers/config/load.ts"
import * as InspectorLayer from "../src/layers/Inspector.ts"
import * as ResolverLayer from "../src/layers/Resolver.ts"
import * as SessionStoreLayer from "../src/layers/SessionStore.ts"
import { Inspector } from "../src/services/Inspector.ts"

const root = join(import.meta.dirname, "..")
const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)

const payload = JSON.stringify({ items: Array.from({ length: 80 }, (_, i) => ({ id: i, name: `item ${i}`, note: "ordinary text in a request body", price: i * 1.5 })) }).slice(0, 10 * 1024)
const responseBody = JSON.stringify({ results: Array.from({ length: 80 }, (_, i) => ({ id: i, title: `result ${i}`, summary: "an ordinary sentence of response text", score: i / 80 })) }).slice(0, 10 * 1024 - 2) + "\"}"

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const port = (s.address() as net.AddressInfo).port
    s.close(() => resolve(port))
  })
})

const waitFor = async (port: number) => {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => (c.destroy(), resolve(true)))
      c.on("error", () => resolve(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`nothing listening on ${port}`)
}

interface Result { readonly name: string; readonly mean: number; readonly p50: number; readonly p99: number; readonly rps: number; readonly errors: number; readonly non2xx: number }

/** autocannon in a child process (the load generator must not share the proxy's core). */
const load = (name: string, target: string, path: string, connections = CONNECTIONS): Promise<Result> => {
  const script = `
    const autocannon = require(${JSON.stringify(join(root, "node_modules/autocannon"))})
    autocannon({ url: ${JSON.stringify(target)}, connections: ${connections}, duration: ${DURATION}, pipelining: 1,
      requests: [{ method: "POST", path: ${JSON.stringify(path)}, headers: { "content-type": "application/json" }, body: ${JSON.stringify(payload)} }]
    }, (err, r) => {
      if (err) { console.error(err); process.exit(1) }
      console.log(JSON.stringify({ mean: r.latency.mean, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors + r.timeouts, non2xx: r.non2xx }))
    })`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (c: Buffer) => (out += c))
    child.on("close", (code) => (code === 0 ? resolve({ name, ...JSON.parse(out.trim().split("\n").pop()!) }) : reject(new Error(`autocannon exited ${code}`))))
  })
}

const ensureTinyproxy = (): string | undefined => {
  const found = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"].find(existsSync)
  if (found) return found
  console.log("tinyproxy is not installed: installing it from Debian (apt-get install -y tinyproxy)…")
  try {
    execFileSync("apt-get", ["install", "-y", "tinyproxy"], { stdio: "ignore" })
  } catch {
    try {
      execFileSync("apt-get", ["update"], { stdio: "ignore" })
      execFileSync("apt-get", ["install", "-y", "tinyproxy"], { stdio: "ignore" })
    } catch {
      console.log("could not install tinyproxy: the plain-proxy comparison is skipped")
      return undefined
    }
  }
  return ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"].find(existsSync)
}

/** Tokens of ordinary prose, as a model streams them (a few characters each). */
const TOKENS = ("The forecast for tomorrow is mostly sunny with a light breeze from the west. Temperatures will reach " +
  "the low twenties in the afternoon and fall to twelve degrees overnight. If you plan to cycle, the morning is the " +
  "best window: the wind picks up after three o'clock and showers are possible near the coast in the evening. ")
  .match(/\S+\s*/g)!
const STREAM_EVENTS = 200
const STREAM_GAP_MS = Number(process.env.BENCH_STREAM_GAP_MS ?? 5)
const STREAM_RUNS = Number(process.env.BENCH_STREAMS ?? 5)

/** One OpenAI Chat Completions chunk as it goes on the wire. */
const chatChunk = (content: string) =>
  `data: ${JSON.stringify({ id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", object: "chat.completion.chunk", created: 1741290958, model: "gpt-4o-mini", system_fingerprint: "fp_44709d6fcb", choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] })}\n\n`

/** When the origin wrote each event of the stream being measured (same process as the client: one clock). */
let sentAt: number[] = []

/** Serves a 200-event SSE stream, one event every STREAM_GAP_MS. */
const serveStream = (res: http.ServerResponse) => {
  sentAt = []
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })
  let i = 0
  const next = () => {
    if (i >= STREAM_EVENTS) {
      res.end("data: [DONE]\n\n")
      return
    }
    sentAt.push(performance.now())
    res.write(chatChunk(TOKENS[i++ % TOKENS.length]))
    setTimeout(next, STREAM_GAP_MS)
  }
  next()
}

/** Reads one stream (direct, or through a forward proxy) and returns each event's delay from write to arrival, ms. */
const readStream = (upstreamPort: number, proxyPort?: number): Promise<number[]> =>
  new Promise((resolve, reject) => {
    const url = `http://127.0.0.1:${upstreamPort}/stream`
    const req = http.request(proxyPort === undefined ? url : { host: "127.0.0.1", port: proxyPort, path: url, headers: { host: `127.0.0.1:${upstreamPort}` } }, (res) => {
      const delays: number[] = []
      let buffered = ""
      res.setEncoding("utf8")
      res.on("data", (c: string) => {
        const now = performance.now()
        buffered += c
        let at: number
        while ((at = buffered.indexOf("\n\n")) >= 0) {
          const event = buffered.slice(0, at)
          buffered = buffered.slice(at + 2)
          if (event.includes("[DONE]")) continue
          delays.push(now - sentAt[delays.length])
        }
      })
      res.on("end", () => (delays.length === STREAM_EVENTS ? resolve(delays) : reject(new Error(`stream ended after ${delays.length} events`))))
      res.on("error", reject)
    })
    req.on("error", reject)
    req.end()
  })

const percentile = (values: ReadonlyArray<number>, p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/**
 * The work behind that delay, without the sockets: the real Inspector's stream scanner judging the same
 * events in this process (parse, reassemble, injection scan of the joined text). Less exposed to a busy
 * machine than the wall-clock figure (the process can still be descheduled).
 */
const scannerWork = async (): Promise<number[]> => {
  const layer = InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(ConfigStoreLayer.layerTest(loadOrThrow({ env: {} })), ResolverLayer.layer, SessionStoreLayer.layerTest())))
  const runtime = ManagedRuntime.make(layer)
  const open = () => runtime.runSync(Effect.flatMap(Inspector, (i: Inspector["Service"]) => i.responseStream({ requestId: "bench", listener: "forward", url: "http://127.0.0.1/stream", contentType: "text/event-stream" })))
  const events = Array.from({ length: STREAM_EVENTS }, (_, i) => chatChunk(TOKENS[i % TOKENS.length]))
  const times: number[] = []
  for (let r = 0; r < STREAM_RUNS + 3; r++) {
    const scanner = open()
    for (const e of events) {
      const t = performance.now()
      scanner.push(e)
      if (r >= 3) times.push(performance.now() - t)
    }
  }
  await runtime.dispose()
  return times
}

/** The streaming row: per-event delivery delay direct and through pipelock, interleaved run by run (lines to print). */
const streamingRow = async (upstreamPort: number, pipelockPort: number, rawPort: number): Promise<string[]> => {
  const direct: number[] = []
  const piped: number[] = []
  // Warm-up (JIT, the scanners' RE2 DFA caches, connections): the first streams of a fresh process are slower.
  for (let w = 0; w < 3; w++) {
    await readStream(upstreamPort, pipelockPort)
    await readStream(upstreamPort, rawPort)
  }
  const raw: number[] = []
  for (let r = 0; r < STREAM_RUNS; r++) {
    direct.push(...await readStream(upstreamPort))
    piped.push(...await readStream(upstreamPort, pipelockPort))
    raw.push(...await readStream(upstreamPort, rawPort))
  }
  const row = (name: string, d: number[]) => `${name.padEnd(20)}  ${percentile(d, 50).toFixed(3).padStart(8)}  ${percentile(d, 99).toFixed(3).padStart(8)}  ${Math.max(...d).toFixed(3).padStart(8)}`
  const out: string[] = []
  out.push(`\nstreaming: ${STREAM_RUNS} × ${STREAM_EVENTS}-event SSE streams (OpenAI chat chunks, one every ${STREAM_GAP_MS} ms), delay from the origin's write to the client's read\n`)
  out.push(`${"route".padEnd(20)}  ${"p50 ms".padStart(8)}  ${"p99 ms".padStart(8)}  ${"max ms".padStart(8)}`)
  out.push(row("direct", direct), row("through pipelock", piped), row("  raw chunks only", raw), row("scanner work only", await scannerWork()))
  const p50 = percentile(piped, 50) - percentile(direct, 50)
  const p99 = percentile(piped, 99) - percentile(direct, 99)
  out.push(`(load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(", ")} on ${cpus().length} cores: a busy machine shows in the p99 of both wall-clock rows)`)
  out.push(`added delay per event by pipelock (reassembly + injection scan per event): p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (target p99 ≤ 5 ms)`)
  out.push(`the same hop scanning raw chunks (sse_streaming off, the path before reassembly): p50 ${(percentile(raw, 50) - percentile(direct, 50)).toFixed(3)} ms, p99 ${(percentile(raw, 99) - percentile(direct, 99)).toFixed(3)} ms`)
  return out
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(execFileSync("cat", [`/proc/${pid}/status`], { encoding: "utf8" }))?.[1] ?? 0)

const children: ChildProcess[] = []
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")))

const main = async () => {
  const upstreamPort = await freePort()
  const upstream = http.createServer({ keepAlive: true, noDelay: true }, (req, res) => {
    if (req.url === "/stream") return serveStream(res)
    req.resume()
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(responseBody) })
      res.end(responseBody)
    })
  })
  // Keep the origin busy on its own core where possible: it runs in this process, the proxies in theirs.
  await new Promise<void>((r) => upstream.listen(upstreamPort, "127.0.0.1", () => r()))

  const dir = mkdtempSync(join(tmpdir(), "pipelock-bench-"))
  const config = join(dir, "pipelock.yaml")
  writeFileSync(config, [
    "ssrf:", "  ip_allowlist: [\"127.0.0.0/8\"]",
    "fetch_proxy:", "  monitoring:", "    max_requests_per_minute: 100000000",
    "logging:", "  output: stderr", "  include_allowed: false", "  include_blocked: false", "  level: error"
  ].join("\n") + "\n")
  // The production artifact (dist/, as the image runs it) when built; the TypeScript sources otherwise.
  const useDist = existsSync(join(root, "dist/programs/main.js"))
  const startPipelock = async (env: Record<string, string> = {}) => {
    const port = await freePort()
    const child = spawn(process.execPath, [join(root, "bin/pipelock.js"), "run", "--config", config, "--listen", `127.0.0.1:${port}`], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PIPELOCK_USE_DIST: useDist ? "1" : "0", ...env }
    })
    children.push(child)
    await waitFor(port)
    return { port, child }
  }
  const { port: pipelockPort, child: pipelock } = await startPipelock()
  // The reference for what reassembly adds: the same proxy hop with event-aware scanning off (raw chunks scanned).
  const rawPipelock = await startPipelock({ PIPELOCK__response_scanning__sse_streaming__enabled: "false" })
  if (process.env.BENCH_ONLY === "streaming") {
    for (const line of await streamingRow(upstreamPort, pipelockPort, rawPipelock.port)) console.log(line)
    upstream.close()
    process.exit(0)
  }

  const results: Result[] = []
  const path = `http://127.0.0.1:${upstreamPort}/echo`
  // Added latency: one connection at a time, so queueing does not hide the proxy's own cost.
  const latencyDirect = await load("direct, 1 connection", `http://127.0.0.1:${upstreamPort}`, "/echo", 1)
  const latencyPipelock = await load("through pipelock, 1 connection", `http://127.0.0.1:${pipelockPort}`, path, 1)
  // The same hop with body and response scanning off (URL checks still run): what the transport costs alone, so
  // the added latency splits into transport and scanning.
  const unscanned = await startPipelock({ PIPELOCK__request_body_scanning__enabled: "false", PIPELOCK__response_scanning__enabled: "false" })
  const latencyUnscanned = await load("through pipelock, scanning off, 1 connection", `http://127.0.0.1:${unscanned.port}`, path, 1)
  unscanned.child.kill("SIGTERM")
  results.push(latencyDirect, latencyPipelock)
  results.push(await load(`direct, ${CONNECTIONS} connections`, `http://127.0.0.1:${upstreamPort}`, "/echo"))
  results.push(await load(`through pipelock, ${CONNECTIONS} connections`, `http://127.0.0.1:${pipelockPort}`, path))

  const tinyproxy = ensureTinyproxy()
  if (tinyproxy !== undefined) {
    const tinyPort = await freePort()
    const tconf = join(dir, "tinyproxy.conf")
    writeFileSync(tconf, `Port ${tinyPort}\nListen 127.0.0.1\nTimeout 600\nMaxClients 1024\nLogLevel Critical\nAllow 127.0.0.1\nDisableViaHeader Yes\n`)
    const tp = spawn(tinyproxy, ["-d", "-c", tconf], { stdio: "ignore" })
    children.push(tp)
    await waitFor(tinyPort)
    results.push(await load(`through tinyproxy, ${CONNECTIONS} connections`, `http://127.0.0.1:${tinyPort}`, path))
  }

  const streaming = await streamingRow(upstreamPort, pipelockPort, rawPipelock.port)
  rawPipelock.child.kill("SIGTERM")

  // 1,000 idle CONNECT tunnels, in a fresh process (memory after a load test says more about the GC).
  pipelock.kill("SIGTERM")
  const fresh = await startPipelock()
  await new Promise((r) => setTimeout(r, 1000))
  const before = rssKb(fresh.child.pid!)
  const sockets: net.Socket[] = []
  for (let i = 0; i < 1000; i++) {
    const s = net.connect(fresh.port, "127.0.0.1")
    s.on("error", () => {})
    s.write(`CONNECT 127.0.0.1:${upstreamPort} HTTP/1.1\r\nHost: 127.0.0.1:${upstreamPort}\r\n\r\n`)
    sockets.push(s)
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 50))
  }
  // Tunnels wait up to 5 s for a ClientHello (SNI check) before they count as open.
  await new Promise((r) => setTimeout(r, 7000))
  const withTunnels = rssKb(fresh.child.pid!)
  const established = await new Promise<number>((resolve) => {
    const r = http.get(`http://127.0.0.1:${fresh.port}/metrics`, (res) => {
      let b = ""
      res.on("data", (c: Buffer) => (b += c))
      res.on("end", () => resolve(Number(/pipelock_active_tunnels (\d+)/.exec(b)?.[1] ?? 0)))
    })
    r.on("error", () => resolve(0))
  })
  sockets.forEach((s) => s.destroy())

  const direct = results[2]
  const piped = results[3]
  const width = Math.max(...[...results, latencyUnscanned].map((r) => r.name.length))
  console.log(`\n10 KB JSON POST → 10 KB JSON response, loopback, ${CONNECTIONS} connections × ${DURATION}s (autocannon)\n`)
  console.log(`${"route".padEnd(width)}  ${"mean ms".padStart(8)}  ${"p50 ms".padStart(7)}  ${"p99 ms".padStart(7)}  ${"req/s".padStart(9)}  ${"errors".padStart(7)}  ${"non-2xx".padStart(8)}`)
  for (const r of [...results, latencyUnscanned]) console.log(`${r.name.padEnd(width)}  ${r.mean.toFixed(3).padStart(8)}  ${r.p50.toFixed(0).padStart(7)}  ${r.p99.toFixed(0).padStart(7)}  ${r.rps.toFixed(0).padStart(9)}  ${String(r.errors).padStart(7)}  ${String(r.non2xx).padStart(8)}`)
  console.log("(autocannon reports percentiles in whole milliseconds; the mean is exact)")
  const addedP50 = latencyPipelock.p50 - latencyDirect.p50
  const addedP99 = latencyPipelock.p99 - latencyDirect.p99
  // With one connection requests are sequential: time per request = 1000/rps ms (autocannon's percentiles are
  // whole milliseconds, too coarse here).
  const per = (r: Result) => 1000 / r.rps
  const addedMean = per(latencyPipelock) - per(latencyDirect)
  console.log(`\nadded latency by pipelock (1 connection): ${addedMean.toFixed(3)} ms per request (${per(latencyDirect).toFixed(3)} → ${per(latencyPipelock).toFixed(3)} ms; target p50 ≤ 1 ms); p99 ${addedP99.toFixed(0)} ms (target ≤ 5 ms); p50 difference ${addedP50.toFixed(0)} ms at whole-ms resolution`)
  const transport = per(latencyUnscanned) - per(latencyDirect)
  console.log(`  of which transport (scanning off: URL checks only) ${transport.toFixed(3)} ms, body and response scanning ${(addedMean - transport).toFixed(3)} ms`)
  console.log(`throughput through pipelock: ${((piped.rps / direct.rps) * 100).toFixed(0)}% of direct (target ≥ 50%)`)
  if (results[4]) console.log(`throughput through pipelock vs tinyproxy: ${((piped.rps / results[4].rps) * 100).toFixed(0)}%`)
  for (const line of streaming) console.log(line)
  console.log(`\nRSS (${useDist ? "dist build" : "TypeScript sources"}): ${(before / 1024).toFixed(0)} MB idle, ${(withTunnels / 1024).toFixed(0)} MB with ${established} idle CONNECT tunnels open (target ≤ 150 MB at 1,000)`)
  console.log("note: on a 2-core machine the load generator, the origin and the proxy share the cores; compare ratios, not absolutes")
  upstream.close()
  process.exit(0)
}

await main()
