/**
 * `npm run bench:proxy`: a 10 KB JSON POST answered by a 10 KB JSON response, on loopback, sent (1) direct,
 * (2) through Pipelock with scanning on (request body DLP, response injection scanning), (3) through Pipelock
 * with body scanning off (transport cost alone), (4) through Pipelock with `workers: 1` pinned to one core
 * (taskset) and with `workers: 2` (the 1-vs-2-core scaling row, also derived from CPU time per request), and (5) through plain forwarding proxies from Debian: tinyproxy (installed with apt-get when
 * missing, and said so) and squid (no cache; a "not installed" row when missing). Then intercepted HTTPS: the
 * same exchange through CONNECT with TLS interception to a loopback HTTPS origin, through Pipelock (scanning on)
 * and through mitmproxy (mitmdump, same interception, no scanning; "not installed" when missing). Plain-HTTP load
 * from autocannon, HTTPS load from undici's ProxyAgent, each in a separate process. Every throughput row is
 * printed with its peer, the ratio and the target beside it; CPU per request is read from /proc (all of a
 * proxy's processes), a figure a busy machine disturbs less than requests/s. Also a streaming row (per-event
 * delay of a 200-event SSE stream, direct and through Pipelock), then Pipelock's RSS with 1,000 idle CONNECT
 * tunnels open. Targets: docs/benchmarks.md. `BENCH_ONLY=streaming` runs the streaming row alone,
 * `BENCH_ONLY=throughput` the throughput rows alone.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import * as https from "node:https"
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
import { freePort, makeCa, waitForPort } from "../test/support/fixtures.ts"

const root = join(import.meta.dirname, "..")
const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)

const payload = JSON.stringify({ items: Array.from({ length: 80 }, (_, i) => ({ id: i, name: `item ${i}`, note: "ordinary text in a request body", price: i * 1.5 })) }).slice(0, 10 * 1024)
const responseBody = JSON.stringify({ results: Array.from({ length: 80 }, (_, i) => ({ id: i, title: `result ${i}`, summary: "an ordinary sentence of response text", score: i / 80 })) }).slice(0, 10 * 1024 - 2) + "\"}"

interface Result {
  readonly name: string
  readonly mean: number
  readonly p50: number
  readonly p99: number
  readonly rps: number
  readonly errors: number
  readonly non2xx: number
  /** Requests answered in the run (for CPU per request). */
  readonly total?: number
  /** CPU ms per request over every process of the proxy (user + system, from /proc), when measured. */
  cpuMs?: number
  /** CPU ms per request of the top process alone (the primary, with `workers` > 1). */
  topCpuMs?: number
}

/** A row that could not run (its proxy is not installed), printed as such. */
interface Missing { readonly name: string; readonly missing: string }

/** CPU time (clock ticks) of a process and all its descendants, threads included. */
const cpuTicks = (pid: number): number => {
  let total = 0
  const visit = (p: number) => {
    try {
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const f = readFileSync(`/proc/${p}/task/${t}/stat`, "utf8").split(") ")[1].split(" ")
        total += Number(f[11]) + Number(f[12])
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(c))
      }
    } catch {
      // A process that ended during the walk.
    }
  }
  visit(pid)
  return total
}

/** CPU time (clock ticks) of one process alone (its threads; not its children). */
const ownTicks = (pid: number): number => {
  let total = 0
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      const f = readFileSync(`/proc/${pid}/task/${t}/stat`, "utf8").split(") ")[1].split(" ")
      total += Number(f[11]) + Number(f[12])
    }
  } catch {
    // ended
  }
  return total
}

/**
 * Runs a load against a proxy process and adds its CPU per request (USER_HZ is 100 on Linux): all of its
 * processes, and the top process alone (with `workers` > 1, the primary: the part that does not scale out).
 */
const measured = async (pid: number | undefined, run: () => Promise<Result>): Promise<Result> => {
  if (pid === undefined) return run()
  const before = cpuTicks(pid)
  const ownBefore = ownTicks(pid)
  const r = await run()
  const ticks = cpuTicks(pid) - before
  const own = ownTicks(pid) - ownBefore
  if (r.total !== undefined && r.total > 0) {
    r.cpuMs = (ticks * 10) / r.total
    r.topCpuMs = (own * 10) / r.total
  }
  return r
}

/** autocannon in a child process (the load generator must not share the proxy's core). */
const load = (name: string, target: string, path: string, connections = CONNECTIONS, seconds = DURATION): Promise<Result> => {
  const script = `
    const autocannon = require(${JSON.stringify(join(root, "node_modules/autocannon"))})
    autocannon({ url: ${JSON.stringify(target)}, connections: ${connections}, duration: ${seconds}, pipelining: 1,
      requests: [{ method: "POST", path: ${JSON.stringify(path)}, headers: { "content-type": "application/json" }, body: ${JSON.stringify(payload)} }]
    }, (err, r) => {
      if (err) { console.error(err); process.exit(1) }
      console.log(JSON.stringify({ mean: r.latency.mean, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total }))
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

/** The first of `paths` that exists. */
const which = (...paths: string[]) => paths.find(existsSync)

/** squid with a temp config on a loopback port: no cache, no logs, forwarding only (as tinyproxy). */
const startSquid = async (dir: string): Promise<{ port: number; child: ChildProcess } | undefined> => {
  const squid = which("/usr/sbin/squid", "/usr/bin/squid")
  if (squid === undefined) return undefined
  const port = await freePort()
  const conf = join(dir, "squid.conf")
  writeFileSync(conf, [
    `http_port 127.0.0.1:${port}`,
    "acl loopback src 127.0.0.0/8",
    "http_access allow loopback",
    "http_access deny all",
    "cache deny all",
    "cache_mem 0 MB",
    "access_log none",
    "cache_store_log none",
    `cache_log ${join(dir, "squid-cache.log")}`,
    `pid_filename ${join(dir, "squid.pid")}`,
    `coredump_dir ${dir}`,
    "via off",
    "forwarded_for delete",
    "shutdown_lifetime 0 seconds",
    "workers 1",
    ""
  ].join("\n"))
  // squid may drop to its own user when started as root: its files must be writable to it.
  try {
    execFileSync("chmod", ["777", dir])
  } catch {
    // not root, or chmod missing: squid runs as us
  }
  const child = spawn(squid, ["-N", "-f", conf], { stdio: "ignore" })
  children.push(child)
  await waitForPort(port)
  return { port, child }
}

/** mitmdump (mitmproxy) on a loopback port, intercepting TLS, trusting the origin's CA; its CA is written to `confdir`. */
const startMitmproxy = async (dir: string, originCa: string): Promise<{ port: number; child: ChildProcess; ca: string } | undefined> => {
  const mitmdump = which("/usr/bin/mitmdump", "/usr/local/bin/mitmdump")
  if (mitmdump === undefined) return undefined
  const port = await freePort()
  const confdir = join(dir, "mitmproxy")
  const child = spawn(mitmdump, [
    "--listen-host", "127.0.0.1", "--listen-port", String(port), "--quiet",
    "--set", `confdir=${confdir}`, "--set", `ssl_verify_upstream_trusted_ca=${originCa}`,
    // HTTP/1.1 both ways, as Pipelock intercepts.
    "--set", "http2=false"
  ], { stdio: "ignore" })
  children.push(child)
  await waitForPort(port)
  const ca = join(confdir, "mitmproxy-ca-cert.pem")
  for (let i = 0; i < 50 && !existsSync(ca); i++) await new Promise((r) => setTimeout(r, 100))
  return { port, child, ca: readFileSync(ca, "utf8") }
}

/**
 * Intercepted HTTPS load: `connections` clients in a separate process, each POSTing the payload to the HTTPS
 * origin through the proxy (CONNECT, then TLS to the proxy's leaf certificate, trusted through `ca`), keep-alive,
 * for DURATION seconds (undici's ProxyAgent).
 */
const loadHttps = (name: string, proxyPort: number, origin: string, ca: string, connections = CONNECTIONS): Promise<Result> => {
  const script = `
    const { ProxyAgent, request } = require(${JSON.stringify(join(root, "node_modules/undici"))})
    const agent = new ProxyAgent({ uri: "http://127.0.0.1:${proxyPort}", connections: ${connections}, requestTls: { ca: ${JSON.stringify(ca)} } })
    const body = ${JSON.stringify(payload)}
    const latencies = []
    let errors = 0, non2xx = 0
    const end = performance.now() + ${DURATION * 1000}
    const worker = async () => {
      while (performance.now() < end) {
        const t = performance.now()
        try {
          const r = await request(${JSON.stringify(origin)} + "/echo", { method: "POST", dispatcher: agent, headers: { "content-type": "application/json" }, body })
          await r.body.text()
          if (r.statusCode < 200 || r.statusCode > 299) non2xx++
          latencies.push(performance.now() - t)
        } catch (e) { errors++; if (errors === 1) console.error(String(e && e.cause || e)) }
      }
    }
    Promise.all(Array.from({ length: ${connections} }, worker)).then(() => {
      latencies.sort((a, b) => a - b)
      const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0
      const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)
      console.log(JSON.stringify({ mean, p50: at(0.5), p99: at(0.99), rps: latencies.length / ${DURATION}, errors, non2xx, total: latencies.length }))
      process.exit(0)
    })`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (c: Buffer) => (out += c))
    child.on("close", (code) => (code === 0 ? resolve({ name, ...JSON.parse(out.trim().split("\n").pop()!) }) : reject(new Error(`https load exited ${code}`))))
  })
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

/** The throughput table, then each target row: the figure, its peer measured in the same run, the ratio, the target. */
const printThroughput = (
  results: ReadonlyArray<Result>,
  missing: ReadonlyArray<Missing>,
  t: { direct: Result; piped: Result; scanOff: Result; single: Result; scaled: Result; tiny?: Result | undefined; squidRow?: Result | undefined; tlsPiped: Result; mitm?: Result | undefined },
  latencyDirect: Result,
  latencyPipelock: Result
) => {
  const width = Math.max(...results.map((r) => r.name.length), ...missing.map((m) => m.name.length))
  console.log(`\n10 KB JSON POST → 10 KB JSON response, loopback, ${CONNECTIONS} connections × ${DURATION}s (plain HTTP: autocannon; intercepted HTTPS: undici ProxyAgent)\n`)
  console.log(`${"route".padEnd(width)}  ${"mean ms".padStart(8)}  ${"p50 ms".padStart(7)}  ${"p99 ms".padStart(7)}  ${"req/s".padStart(9)}  ${"errors".padStart(7)}  ${"non-2xx".padStart(8)}  ${"CPU ms/req".padStart(10)}`)
  for (const r of results) {
    const cpu = r.cpuMs === undefined ? "" : r.cpuMs.toFixed(2)
    console.log(`${r.name.padEnd(width)}  ${r.mean.toFixed(3).padStart(8)}  ${r.p50.toFixed(r.p50 < 10 ? 1 : 0).padStart(7)}  ${r.p99.toFixed(0).padStart(7)}  ${r.rps.toFixed(0).padStart(9)}  ${String(r.errors).padStart(7)}  ${String(r.non2xx).padStart(8)}  ${cpu.padStart(10)}`)
  }
  for (const m of missing) console.log(`${m.name.padEnd(width)}  ${m.missing}`)
  console.log("(autocannon reports percentiles in whole milliseconds; the mean is exact. CPU ms/req: every process of that proxy, user + system)")
  const per = (r: Result) => 1000 / r.rps
  const addedMean = per(latencyPipelock) - per(latencyDirect)
  const addedP99 = latencyPipelock.p99 - latencyDirect.p99
  console.log(`\nadded latency by pipelock (1 connection): ${addedMean.toFixed(3)} ms per request (${per(latencyDirect).toFixed(3)} → ${per(latencyPipelock).toFixed(3)} ms; target p50 ≤ 0.5 ms); p99 ${addedP99.toFixed(0)} ms (target ≤ 3 ms)`)

  const rows: Array<[string, string, string, string, string]> = []
  const ratio = (a: Result | undefined, b: Result | undefined) => (a === undefined || b === undefined || b.rps === 0 ? undefined : a.rps / b.rps)
  const row = (what: string, a: Result | undefined, peer: string, b: Result | undefined, target: number | undefined, missingPeer?: string) => {
    const r = ratio(a, b)
    const figure = a === undefined ? "-" : `${a.rps.toFixed(0)} req/s`
    const against = b === undefined ? (missingPeer ?? "-") : `${peer} ${b.rps.toFixed(0)} req/s`
    const verdict = r === undefined ? "not measured" : target === undefined ? "" : r >= target ? "met" : "MISSED"
    rows.push([what, figure, against, r === undefined ? "-" : `${r.toFixed(2)}×`, target === undefined ? `(reference) ${verdict}` : `≥ ${target}× ${verdict}`])
  }
  row(`${CONNECTIONS} conn, scanning on`, t.piped, "tinyproxy", t.tiny, 1, "tinyproxy not installed")
  row(`${CONNECTIONS} conn, scanning on`, t.piped, "squid", t.squidRow, undefined, "squid not installed")
  row(`${CONNECTIONS} conn, scanning on`, t.piped, "direct", t.direct, 0.5)
  row(`${CONNECTIONS} conn, body scanning off`, t.scanOff, "scanning on", t.piped, undefined)
  row("intercepted HTTPS, scanning on", t.tlsPiped, "mitmproxy", t.mitm, 3, "mitmproxy not installed")
  row("workers: 2 (two cores, measured)", t.scaled, `workers: 1${taskset !== undefined ? " on one core" : ""}`, t.single, 1.7)
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length), ["target row", "figure", "peer (same run)", "ratio", "target"][i].length))
  console.log(`\n${["target row", "figure", "peer (same run)", "ratio", "target"].map((h, i) => h.padEnd(w[i])).join("  ")}`)
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join("  "))
  if (t.scaled.cpuMs !== undefined && t.single.cpuMs !== undefined && t.scaled.topCpuMs !== undefined) {
    // What two free cores would give, from CPU time (the load generator and the origin share this machine's
    // cores, so the measured ratio understates it on 2 cores): the workers' work spreads over both cores, the
    // primary's (accepting, the shared store's IPC) does not. Capacity = min(2 / workers' CPU, 1 / primary's CPU).
    const one = t.single.cpuMs
    const workers = t.scaled.cpuMs - t.scaled.topCpuMs
    const primary = t.scaled.topCpuMs
    const derived = Math.min(2 * one / Math.max(workers, 1e-9), primary > 0 ? one / primary : Infinity)
    console.log(`CPU per request: ${one.toFixed(2)} ms with one process; with workers: 2, ${workers.toFixed(2)} ms in the workers + ${primary.toFixed(2)} ms in the primary (accept hand-off, the shared store over IPC)`)
    console.log(`workers: 2 on two free cores, derived from that CPU time: ${derived.toFixed(2)}× one core (target ≥ 1.7×: ${derived >= 1.7 ? "met" : "MISSED"}); the measured row above shares its cores with the load generator and the origin`)
  }
  if (t.tlsPiped.cpuMs !== undefined && t.mitm?.cpuMs !== undefined && t.piped.cpuMs !== undefined) {
    // Capacity from CPU time (less disturbed by a busy machine than requests/s): requests a core serves is 1 / CPU per request.
    const capacity = t.mitm.cpuMs / t.tlsPiped.cpuMs
    console.log(`intercepted HTTPS, CPU per request: pipelock ${t.tlsPiped.cpuMs.toFixed(2)} ms (plain HTTP through it: ${t.piped.cpuMs.toFixed(2)} ms, so TLS adds ${(t.tlsPiped.cpuMs - t.piped.cpuMs).toFixed(2)} ms), mitmproxy ${t.mitm.cpuMs.toFixed(2)} ms: per core pipelock serves ${capacity.toFixed(2)}× mitmproxy (target ≥ 3×: ${capacity >= 3 ? "met" : "MISSED"})`)
  }
  console.log(`(load average now: ${loadavg().map((l) => l.toFixed(1)).join(", ")} on ${cpus().length} cores; the load generator, the origin and the proxy share them: compare ratios, not absolutes)`)
}

/** taskset (util-linux), to give a proxy exactly the cores a row says. */
const taskset = which("/usr/bin/taskset", "/bin/taskset")

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
  /** `cpus`: a taskset CPU list the proxy (all its processes) is pinned to, when taskset is installed. */
  const startPipelock = async (env: Record<string, string> = {}, cpus?: string) => {
    const port = await freePort()
    const args = [join(root, "bin/pipelock.js"), "run", "--config", config, "--listen", `127.0.0.1:${port}`]
    // taskset execs node: the child's pid is the proxy's.
    const pinned = cpus !== undefined && taskset !== undefined
    const child = spawn(pinned ? taskset : process.execPath, pinned ? ["-c", cpus, process.execPath, ...args] : args, {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PIPELOCK_USE_DIST: useDist ? "1" : "0", ...env }
    })
    children.push(child)
    await waitForPort(port)
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
  // Every proxy row is measured warm (JIT, connections to the origin): a cold Node process spends its first
  // seconds compiling, which a row measured without warm-up counts against it.
  const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 4)
  const warm = (port: number) => load("warm-up", `http://127.0.0.1:${port}`, path, CONNECTIONS, WARM_SECONDS).catch(() => undefined)
  await warm(pipelockPort)
  // Added latency: one connection at a time, so queueing does not hide the proxy's own cost.
  const latencyDirect = await load("direct, 1 connection", `http://127.0.0.1:${upstreamPort}`, "/echo", 1)
  const latencyPipelock = await load("through pipelock, 1 connection", `http://127.0.0.1:${pipelockPort}`, path, 1)
  results.push(latencyDirect, latencyPipelock)
  const direct = await load(`direct, ${CONNECTIONS} connections`, `http://127.0.0.1:${upstreamPort}`, "/echo")
  results.push(direct)
  const piped = await measured(pipelock.pid, () => load(`pipelock, scanning on, ${CONNECTIONS} conn`, `http://127.0.0.1:${pipelockPort}`, path))
  results.push(piped)

  // Transport alone: request body DLP and response scanning off (URL checks, headers and the core injection
  // rules the response path keeps when response_scanning is off still run).
  const off = await startPipelock({ PIPELOCK__request_body_scanning__enabled: "false", PIPELOCK__response_scanning__enabled: "false" })
  await warm(off.port)
  const scanOff = await measured(off.child.pid, () => load(`pipelock, body scanning off, ${CONNECTIONS} conn`, `http://127.0.0.1:${off.port}`, path))
  results.push(scanOff)
  off.child.kill("SIGTERM")

  // Every core: one process on one core (pinned with taskset when installed), then the same proxy as two
  // processes (workers: 2) free to use both cores.
  const oneCore = await startPipelock({ PIPELOCK__workers: "1" }, "1")
  await warm(oneCore.port)
  const single = await measured(oneCore.child.pid, () => load(`pipelock, workers: 1${taskset !== undefined ? " on one core" : ""}, ${CONNECTIONS} conn`, `http://127.0.0.1:${oneCore.port}`, path))
  results.push(single)
  oneCore.child.kill("SIGTERM")
  const two = await startPipelock({ PIPELOCK__workers: "2" })
  await new Promise((r) => setTimeout(r, 3000))
  // Twice as long: each worker JIT-compiles on its own half of the requests, as warm as the single process.
  await warm(two.port)
  await warm(two.port)
  const scaled = await measured(two.child.pid, () => load(`pipelock, workers: 2, ${CONNECTIONS} conn`, `http://127.0.0.1:${two.port}`, path))
  results.push(scaled)
  two.child.kill("SIGTERM")

  const missing: Missing[] = []
  let tiny: Result | undefined
  const tinyproxy = ensureTinyproxy()
  if (tinyproxy !== undefined) {
    const tinyPort = await freePort()
    const tconf = join(dir, "tinyproxy.conf")
    writeFileSync(tconf, `Port ${tinyPort}\nListen 127.0.0.1\nTimeout 600\nMaxClients 1024\nLogLevel Critical\nAllow 127.0.0.1\nDisableViaHeader Yes\n`)
    const tp = spawn(tinyproxy, ["-d", "-c", tconf], { stdio: "ignore" })
    children.push(tp)
    await waitForPort(tinyPort)
    tiny = await measured(tp.pid, () => load(`tinyproxy, ${CONNECTIONS} conn`, `http://127.0.0.1:${tinyPort}`, path))
    results.push(tiny)
    tp.kill("SIGTERM")
  } else missing.push({ name: `tinyproxy, ${CONNECTIONS} conn`, missing: "not installed (apt-get install -y tinyproxy)" })

  let squidRow: Result | undefined
  const squid = await startSquid(dir).catch((e) => (console.log(`squid did not start: ${e}`), undefined))
  if (squid !== undefined) {
    await warm(squid.port)
    squidRow = await measured(squid.child.pid, () => load(`squid, ${CONNECTIONS} conn`, `http://127.0.0.1:${squid.port}`, path))
    results.push(squidRow)
    squid.child.kill("SIGTERM")
  } else missing.push({ name: `squid, ${CONNECTIONS} conn`, missing: "not installed (apt-get install -y squid)" })

  // Intercepted HTTPS: CONNECT, TLS to the proxy's leaf, TLS from the proxy to a loopback HTTPS origin.
  const ca = await makeCa()
  const originLeaf = await ca.leaf("127.0.0.1")
  const origin = https.createServer({ cert: originLeaf.cert, key: originLeaf.key, keepAlive: true, noDelay: true }, (req, res) => {
    req.resume()
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(responseBody) })
      res.end(responseBody)
    })
  })
  const originPort = await new Promise<number>((r) => origin.listen(0, "127.0.0.1", () => r((origin.address() as net.AddressInfo).port)))
  const originUrl = `https://127.0.0.1:${originPort}`
  const tlsPipelock = await startPipelock({
    PIPELOCK__tls_interception__enabled: "true",
    PIPELOCK__tls_interception__ca_cert: ca.certPath,
    PIPELOCK__tls_interception__ca_key: ca.keyPath,
    PIPELOCK__tls_interception__upstream_ca_bundle: ca.certPath
  })
  const httpsLoad = (name: string, port: number, trust: string) => loadHttps(name, port, originUrl, trust).catch((e) => {
    console.log(`${name}: ${e}`)
    return undefined
  })
  await httpsLoad("warm-up", tlsPipelock.port, ca.cert)
  const tlsPiped = await measured(tlsPipelock.child.pid, async () => (await httpsLoad(`pipelock, intercepted HTTPS, ${CONNECTIONS} conn`, tlsPipelock.port, ca.cert)) ?? { name: "pipelock, intercepted HTTPS", mean: 0, p50: 0, p99: 0, rps: 0, errors: -1, non2xx: 0 })
  results.push(tlsPiped)
  tlsPipelock.child.kill("SIGTERM")
  let mitm: Result | undefined
  const mitmproxy = await startMitmproxy(dir, ca.certPath).catch((e) => (console.log(`mitmproxy did not start: ${e}`), undefined))
  if (mitmproxy !== undefined) {
    await httpsLoad("warm-up", mitmproxy.port, mitmproxy.ca)
    mitm = await measured(mitmproxy.child.pid, async () => (await httpsLoad(`mitmproxy, intercepted HTTPS, ${CONNECTIONS} conn`, mitmproxy.port, mitmproxy.ca)) ?? { name: "mitmproxy, intercepted HTTPS", mean: 0, p50: 0, p99: 0, rps: 0, errors: -1, non2xx: 0 })
    results.push(mitm)
    mitmproxy.child.kill("SIGTERM")
  } else missing.push({ name: `mitmproxy, intercepted HTTPS, ${CONNECTIONS} conn`, missing: "not installed (apt-get install -y mitmproxy)" })
  origin.close()
  const throughput = { direct, piped, scanOff, single, scaled, tiny, squidRow, tlsPiped, mitm }
  if (process.env.BENCH_ONLY === "throughput") {
    printThroughput(results, missing, throughput, latencyDirect, latencyPipelock)
    upstream.close()
    process.exit(0)
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

  printThroughput(results, missing, throughput, latencyDirect, latencyPipelock)
  for (const line of streaming) console.log(line)
  console.log(`\nRSS (${useDist ? "dist build" : "TypeScript sources"}): ${(before / 1024).toFixed(0)} MB idle, ${(withTunnels / 1024).toFixed(0)} MB with ${established} idle CONNECT tunnels open (target ≤ 150 MB at 1,000)`)
  console.log("note: on a 2-core machine the load generator, the origin and the proxy share the cores; compare ratios, not absolutes")
  upstream.close()
  process.exit(0)
}

await main()
