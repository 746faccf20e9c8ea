/**
 * `npm run bench:proxy`: a 10 KB JSON POST answered by a 10 KB JSON response, on loopback, sent (1) direct,
 * (2) through Pipelock with scanning on (request body DLP, response injection scanning), and (3) through a
 * plain forwarding proxy (tinyproxy from Debian; installed with apt-get when missing, and said so). Load from
 * autocannon in a separate process. Prints p50/p99 latency, requests/s, the added latency and the ratios,
 * then Pipelock's RSS with 1,000 idle CONNECT tunnels open. Targets: docs/benchmarks.md.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import * as net from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

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

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(execFileSync("cat", [`/proc/${pid}/status`], { encoding: "utf8" }))?.[1] ?? 0)

const children: ChildProcess[] = []
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")))

const main = async () => {
  const upstreamPort = await freePort()
  const upstream = http.createServer({ keepAlive: true }, (req, res) => {
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
  const startPipelock = async () => {
    const port = await freePort()
    const child = spawn(process.execPath, [join(root, "bin/pipelock.js"), "run", "--config", config, "--listen", `127.0.0.1:${port}`], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PIPELOCK_USE_DIST: useDist ? "1" : "0" }
    })
    children.push(child)
    await waitFor(port)
    return { port, child }
  }
  const { port: pipelockPort, child: pipelock } = await startPipelock()

  const results: Result[] = []
  const path = `http://127.0.0.1:${upstreamPort}/echo`
  // Added latency: one connection at a time, so queueing does not hide the proxy's own cost.
  const latencyDirect = await load("direct, 1 connection", `http://127.0.0.1:${upstreamPort}`, "/echo", 1)
  const latencyPipelock = await load("through pipelock, 1 connection", `http://127.0.0.1:${pipelockPort}`, path, 1)
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
  const width = Math.max(...results.map((r) => r.name.length))
  console.log(`\n10 KB JSON POST → 10 KB JSON response, loopback, ${CONNECTIONS} connections × ${DURATION}s (autocannon)\n`)
  console.log(`${"route".padEnd(width)}  ${"mean ms".padStart(8)}  ${"p50 ms".padStart(7)}  ${"p99 ms".padStart(7)}  ${"req/s".padStart(9)}  ${"errors".padStart(7)}  ${"non-2xx".padStart(8)}`)
  for (const r of results) console.log(`${r.name.padEnd(width)}  ${r.mean.toFixed(3).padStart(8)}  ${r.p50.toFixed(0).padStart(7)}  ${r.p99.toFixed(0).padStart(7)}  ${r.rps.toFixed(0).padStart(9)}  ${String(r.errors).padStart(7)}  ${String(r.non2xx).padStart(8)}`)
  console.log("(autocannon reports percentiles in whole milliseconds; the mean is exact)")
  const addedP50 = latencyPipelock.p50 - latencyDirect.p50
  const addedP99 = latencyPipelock.p99 - latencyDirect.p99
  // With one connection requests are sequential: time per request = 1000/rps ms (autocannon's percentiles are
  // whole milliseconds, too coarse here).
  const per = (r: Result) => 1000 / r.rps
  const addedMean = per(latencyPipelock) - per(latencyDirect)
  console.log(`\nadded latency by pipelock (1 connection): ${addedMean.toFixed(3)} ms per request (${per(latencyDirect).toFixed(3)} → ${per(latencyPipelock).toFixed(3)} ms; target p50 ≤ 1 ms); p99 ${addedP99.toFixed(0)} ms (target ≤ 5 ms); p50 difference ${addedP50.toFixed(0)} ms at whole-ms resolution`)
  console.log(`throughput through pipelock: ${((piped.rps / direct.rps) * 100).toFixed(0)}% of direct (target ≥ 50%)`)
  if (results[4]) console.log(`throughput through pipelock vs tinyproxy: ${((piped.rps / results[4].rps) * 100).toFixed(0)}%`)
  console.log(`\nRSS (${useDist ? "dist build" : "TypeScript sources"}): ${(before / 1024).toFixed(0)} MB idle, ${(withTunnels / 1024).toFixed(0)} MB with ${established} idle CONNECT tunnels open (target ≤ 150 MB at 1,000)`)
  console.log("note: on a 2-core machine the load generator, the origin and the proxy share the cores; compare ratios, not absolutes")
  upstream.close()
  process.exit(0)
}

await main()
