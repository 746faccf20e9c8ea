/**
 * `npm run bench:corpus -- [--cases DIR] [--out FILE] [--profile FILE] [--config FILE] [--schemas DIR]`: drives an outside
 * agent-egress corpus (agent-egress-bench format, ../shared/bench/README.md) through Pipelock's real listeners,
 * the way the traffic would go, and scores what it observes.
 *
 * Pipelock runs in-process from the same layers as `pipelock run` (bench/corpus-config.yaml: the balanced
 * preset plus what the corpus asks for, TLS interception on with a CA generated for the run). Fixtures on
 * loopback: HTTP and HTTPS origins serving each case's response, a WebSocket echo server, an MCP upstream over
 * HTTP and a stdio MCP server behind the stdio wrapper, each answering with the case's tool definitions and
 * results, and a resolver mapping every case hostname to loopback. Case URLs get the fixture's port; the
 * hostnames they name are marked trusted so they may resolve to loopback (IP-literal targets are not).
 *
 * A verdict is decided only from what comes back: HTTP 403/429 with a block marker, a JSON-RPC block error, a
 * withheld message, or a 1008 close is `block`; a normal pass-through is `allow`; a harness failure is `error`.
 * One JSON line per case (stdout or --out), the summary line and a per-category table on stderr.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import * as https from "node:https"
import * as net from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { PassThrough } from "node:stream"
import * as tls from "node:tls"
import { Ajv } from "ajv"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import WebSocket, { WebSocketServer } from "ws"
import * as CA from "../src/layers/CertAuthority.ts"
import { loadOrThrow } from "../src/layers/config/load.ts"
import { parseIp } from "../src/layers/detect/ip.ts"
import { runStdio } from "../src/layers/mcp/stdio.ts"
import * as Pipelock from "../src/layers/Pipelock.ts"
import * as ResolverLayer from "../src/layers/Resolver.ts"
import { ConfigStore } from "../src/services/ConfigStore.ts"
import { Inspector } from "../src/services/Inspector.ts"
import { KillSwitch } from "../src/services/KillSwitch.ts"
import { Metrics } from "../src/services/Metrics.ts"
import { Telemetry } from "../src/services/Telemetry.ts"
import { version } from "../src/version.ts"

const root = join(import.meta.dirname, "..")
const args = process.argv.slice(2)
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback
}
const casesDir = resolve(flag("cases", join(root, "../shared/bench/aeb/cases")))
const outFile = flag("out", "")
const profileFile = resolve(flag("profile", join(root, "bench/tool-profile.json")))
const configFile = resolve(flag("config", join(root, "bench/corpus-config.yaml")))
// The schemas beside the cases (the corpus layout), else the public sample's.
const schemaDir = [resolve(flag("schemas", resolve(casesDir, "../schemas"))), join(root, "../shared/bench/aeb/schemas")].find((d) => existsSync(join(d, "case.schema.json"))) ?? resolve(casesDir, "../schemas")

type Verdict = "block" | "allow" | "not_applicable" | "error"
interface Case {
  id: string
  category: string
  input_type: string
  transport: string
  payload: Record<string, any>
  expected_verdict: "block" | "allow"
  capability_tags: string[]
  requires: string[]
}
interface Outcome { readonly verdict: Verdict; readonly evidence: Record<string, unknown>; readonly notes: string }

// ---------------------------------------------------------------------------------------------
// Cases, schema, profile
// ---------------------------------------------------------------------------------------------

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : f.endsWith(".json") ? [p] : []
  })

const ajv = new Ajv({ allErrors: true, strict: false })
let validateCase: ((u: unknown) => boolean) & { errors?: unknown } = () => true
try {
  validateCase = ajv.compile(JSON.parse(readFileSync(join(schemaDir, "case.schema.json"), "utf8")))
} catch {
  process.stderr.write(`note: no case schema at ${schemaDir}; cases are not validated\n`)
}
const profile = JSON.parse(readFileSync(profileFile, "utf8")) as { tool: string; tool_version: string; claims: string[]; supports: Record<string, boolean> }

const applicable = (c: Case): string | undefined => {
  if (profile.supports[c.transport] !== true) return `transport ${c.transport} not supported`
  const missingClaim = c.capability_tags.find((t) => !profile.claims.includes(t))
  if (missingClaim !== undefined) return `capability ${missingClaim} not claimed`
  const missingReq = c.requires.find((r) => profile.supports[r] !== true)
  if (missingReq !== undefined) return `requires ${missingReq}`
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/** What the HTTP(S) origins answer for a host+path (the case being run sets it). */
const responses = new Map<string, string>()
const contentType = (body: string) => (/^\s*[[{]/.test(body) ? "application/json" : /^\s*</.test(body) ? "text/html" : "text/plain")
const origin: http.RequestListener = (req, res) => {
  req.resume()
  req.on("end", () => {
    const host = String(req.headers.host ?? "").replace(/:\d+$/, "")
    const body = responses.get(`${host}${(req.url ?? "/").split("?")[0]}`) ?? responses.get(host) ?? JSON.stringify({ ok: true })
    res.writeHead(200, { "content-type": contentType(body), "content-length": Buffer.byteLength(body) })
    res.end(body)
  })
}

const listen = (server: net.Server) => new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as net.AddressInfo).port)))

/** An MCP upstream over HTTP (plain JSON, one object per POST), scripted per case. */
let mcpScript: Record<string, unknown> = {}
const mcpUpstream: http.RequestListener = (req, res) => {
  const chunks: Buffer[] = []
  req.on("data", (c: Buffer) => chunks.push(c))
  req.on("end", () => {
    let m: any
    try {
      m = JSON.parse(Buffer.concat(chunks).toString("utf8"))
    } catch {
      return res.writeHead(400).end()
    }
    if (m.id === undefined) return res.writeHead(202).end()
    const scripted = mcpScript[m.method] as object | undefined
    const answer = m.method === "initialize"
      ? { jsonrpc: "2.0", id: m.id, result: { protocolVersion: "2025-03-26", capabilities: { tools: {} }, serverInfo: { name: "corpus", version: "1" } } }
      : { jsonrpc: "2.0", id: m.id, ...(scripted ?? { result: { content: [{ type: "text", text: "ok" }] } }) }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer))
  })
}

/** The server-side part of a case's MCP messages: `{method: {result|error}}` for the fixture to answer with. */
const serverScript = (messages: any[]): Record<string, unknown> => {
  const script: Record<string, unknown> = {}
  for (const m of messages) {
    if (m.method !== undefined || !("result" in m || "error" in m)) continue
    const method = m.result?.tools !== undefined ? "tools/list" : "tools/call"
    script[method] = "result" in m ? { result: m.result } : { error: m.error }
  }
  return script
}

// ---------------------------------------------------------------------------------------------
// Driving cases
// ---------------------------------------------------------------------------------------------

interface Env {
  readonly proxyPort: number
  readonly mcpPort: number
  readonly httpPort: number
  readonly httpsPort: number
  readonly wsPort: number
  readonly caPem: string
  readonly context: Context.Context<Inspector | ConfigStore | Telemetry | KillSwitch>
}

const withPort = (raw: string, env: Env): string => {
  const u = new URL(raw)
  if (u.port === "") u.port = String(u.protocol === "https:" || u.protocol === "wss:" ? env.httpsPort : u.protocol === "ws:" ? env.wsPort : env.httpPort)
  return u.href
}

const blockedHttp = (status: number, headers: Record<string, unknown>, body: string) =>
  (status === 403 || status === 429) && (headers["x-pipelock-block"] !== undefined || /"blocked":\s*true/.test(body))

const httpVerdict = (status: number, headers: Record<string, unknown>, body: string): Outcome => {
  if (blockedHttp(status, headers, body)) {
    let rule: unknown
    try {
      rule = JSON.parse(body).rule
    } catch {
      rule = headers["x-pipelock-block"]
    }
    return { verdict: "block", evidence: { status, rule }, notes: "" }
  }
  if (status >= 200 && status < 400) return { verdict: "allow", evidence: { status }, notes: "" }
  return { verdict: "error", evidence: { status, body: body.slice(0, 200) }, notes: "unexpected status" }
}

const rawRequest = (port: number, options: http.RequestOptions, body?: string) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolvePromise, reject) => {
    const r = http.request({ host: "127.0.0.1", port, agent: false, timeout: 15_000, ...options }, (res) => {
      let b = ""
      res.on("data", (c: Buffer) => (b += c.toString()))
      res.on("end", () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: b }))
      res.on("error", reject)
    })
    r.on("timeout", () => r.destroy(new Error("timeout")))
    r.on("error", reject)
    r.end(body)
  })

const viaForwardProxy = async (c: Case, env: Env, url: string): Promise<Outcome> => {
  const p = c.payload
  const headers: Record<string, string> = { ...(p.headers ?? {}) }
  if (p.content_type !== undefined) headers["content-type"] = p.content_type
  const body: string | undefined = p.body
  if (url.startsWith("https:")) return viaConnect(env, url, p.method ?? "GET", headers, body)
  const r = await rawRequest(env.proxyPort, { method: p.method ?? "GET", path: url, headers }, body)
  return httpVerdict(r.status, r.headers, r.body)
}

/** HTTPS through the proxy: CONNECT (whose refusal is observed as such), then TLS trusting our CA, then the request. */
const viaConnect = (env: Env, url: string, method: string, headers: Record<string, string>, body?: string): Promise<Outcome> =>
  new Promise((resolvePromise) => {
    const u = new URL(url)
    const authority = `${u.hostname}:${u.port}`
    const req = http.request({ host: "127.0.0.1", port: env.proxyPort, method: "CONNECT", path: authority, headers: { host: authority }, agent: false })
    req.on("error", (e) => resolvePromise({ verdict: "error", evidence: { error: e.message }, notes: "CONNECT failed" }))
    req.on("connect", (res, socket, head) => {
      if (res.statusCode !== 200) {
        let b = head.toString()
        socket.on("data", (d: Buffer) => (b += d.toString()))
        socket.on("close", () => resolvePromise(httpVerdict(res.statusCode ?? 0, res.headers, b.replace(/^[\s\S]*?\r\n\r\n/, ""))))
        socket.on("error", () => {})
        return
      }
      const tlsSocket = tls.connect({ socket, servername: u.hostname, ca: env.caPem })
      tlsSocket.on("error", (e) => resolvePromise({ verdict: "error", evidence: { error: e.message }, notes: "TLS through the tunnel failed" }))
      const inner = https.request({ method, path: `${u.pathname}${u.search}`, headers: { host: u.host, ...headers }, createConnection: () => tlsSocket }, (r) => {
        let b = ""
        r.on("data", (d: Buffer) => (b += d.toString()))
        r.on("end", () => {
          tlsSocket.destroy()
          resolvePromise(httpVerdict(r.statusCode ?? 0, r.headers, b))
        })
      })
      inner.on("error", (e) => resolvePromise({ verdict: "error", evidence: { error: e.message }, notes: "" }))
      inner.end(body)
    })
    req.end()
  })

const viaFetch = async (env: Env, url: string): Promise<Outcome> => {
  const r = await rawRequest(env.proxyPort, { method: "GET", path: `/fetch?url=${encodeURIComponent(url)}` })
  return httpVerdict(r.status, r.headers, r.body)
}

const viaWebSocket = (c: Case, env: Env): Promise<Outcome> =>
  new Promise((resolvePromise) => {
    const target = withPort(c.payload.url.replace(/^wss:/, "ws:"), env)
    const ws = new WebSocket(`ws://127.0.0.1:${env.proxyPort}/ws?url=${encodeURIComponent(target)}`)
    let settled = false
    const done = (o: Outcome) => {
      if (settled) return
      settled = true
      ws.terminate()
      resolvePromise(o)
    }
    ws.on("unexpected-response", (_r, res) => {
      let b = ""
      res.on("data", (d: Buffer) => (b += d))
      res.on("end", () => done(httpVerdict(res.statusCode ?? 0, res.headers, b)))
    })
    ws.on("error", (e) => done({ verdict: "error", evidence: { error: e.message }, notes: "" }))
    ws.on("close", (code, reason) => done(code === 1008 ? { verdict: "block", evidence: { close: code, reason: reason.toString() }, notes: "" } : { verdict: "allow", evidence: { close: code }, notes: "" }))
    ws.on("open", () => {
      const frames: Array<{ opcode: string; payload: string; fin?: boolean }> = c.payload.frames ?? []
      for (const f of frames) {
        const data = f.opcode === "binary" ? Buffer.from(f.payload, "base64") : f.payload
        ws.send(data, { binary: f.opcode === "binary", fin: f.fin !== false })
      }
      // Whatever is not refused by then went through.
      setTimeout(() => done({ verdict: "allow", evidence: { frames: frames.length }, notes: "" }), 400)
    })
  })

const rpcBlock = (m: any) => m?.error !== undefined && [-32001, -32002, -32004, -32005, -32600, -32700].includes(m.error.code) && /pipelock/i.test(String(m.error.message))

/** Client messages to send for a case: its requests as they are, or a request for what the server part answers. */
const clientMessages = (messages: any[]): any[] => {
  const requests = messages.filter((m) => typeof m.method === "string")
  if (requests.length > 0) return requests
  return messages.filter((m) => "result" in m || "error" in m).map((m, i) => ({ jsonrpc: "2.0", id: m.id ?? i + 1, method: m.result?.tools !== undefined ? "tools/list" : "tools/call", ...(m.result?.tools !== undefined ? {} : { params: { name: "fixture_tool", arguments: {} } }) }))
}

const viaMcpHttp = async (c: Case, env: Env): Promise<Outcome> => {
  const messages: any[] = c.payload.jsonrpc_messages ?? []
  mcpScript = serverScript(messages)
  const auth = `Bearer corpus-${c.id}`
  for (const m of clientMessages(messages)) {
    const r = await rawRequest(env.mcpPort, { method: "POST", path: "/", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: auth } }, JSON.stringify(m))
    let answer: any
    try {
      answer = JSON.parse(r.body)
    } catch {
      answer = undefined
    }
    if (rpcBlock(answer)) return { verdict: "block", evidence: { code: answer.error.code, rule: answer.error.data?.rule }, notes: "" }
    if (r.status >= 400) return { verdict: "error", evidence: { status: r.status }, notes: "" }
  }
  return { verdict: "allow", evidence: {}, notes: "" }
}

const viaMcpStdio = (c: Case, env: Env): Promise<Outcome> => {
  const messages: any[] = c.payload.jsonrpc_messages ?? []
  const client = clientMessages(messages)
  const stdin = new PassThrough()
  const stdout = new PassThrough()
  const deps = {
    inspector: Context.get(env.context, Inspector),
    telemetry: Context.get(env.context, Telemetry),
    store: Context.get(env.context, ConfigStore),
    killSwitch: Context.get(env.context, KillSwitch),
    meter: Context.get(env.context, Metrics)
  }
  return new Promise((resolvePromise) => {
    const replies: any[] = []
    let buf = ""
    stdout.on("data", (d: Buffer) => {
      buf += d.toString()
      let nl: number
      while ((nl = buf.indexOf("\n")) !== -1) {
        replies.push(JSON.parse(buf.slice(0, nl)))
        buf = buf.slice(nl + 1)
      }
    })
    const fixtureEnv = { ...process.env, PIPELOCK_FIXTURE: JSON.stringify(serverScript(messages)) }
    const run = Effect.runPromise(runStdio(deps, process.execPath, [join(root, "bench/fixtures/stdio-server.mjs")], { stdin, stdout }, fixtureEnv))
    // Messages go one at a time, each after the previous answer, as an agent would send them.
    const send = async () => {
      for (const m of client) {
        const before = replies.length
        stdin.write(JSON.stringify(m) + "\n")
        for (let i = 0; i < 200 && replies.length === before; i++) await new Promise((r) => setTimeout(r, 10))
      }
      stdin.end()
      await run.catch(() => 0)
      const blocked = replies.find(rpcBlock)
      const expected = client.filter((m) => m.id !== undefined).length
      if (blocked !== undefined) return resolvePromise({ verdict: "block", evidence: { code: blocked.error.code, rule: blocked.error.data?.rule }, notes: "" })
      if (replies.length < expected) return resolvePromise({ verdict: "block", evidence: { replies: replies.length, expected }, notes: "a message was withheld" })
      resolvePromise({ verdict: "allow", evidence: { replies: replies.length }, notes: "" })
    }
    void send()
  })
}

/** Where A2A messages go when a case names no agent: a fixture agent behind the forward proxy (intercepted TLS). */
const A2A_AGENT = "https://remote-agent.example/a2a"

/**
 * A2A through the forward proxy, as an agent's HTTP client sends it: each message POSTed to the remote agent
 * (HTTPS, intercepted), each Agent Card fetched from its well-known URL. The first refusal decides.
 */
const viaA2a = async (c: Case, env: Env): Promise<Outcome> => {
  const p = c.payload
  const cards: any[] = Array.isArray(p.agent_cards) ? p.agent_cards : p.agent_card !== undefined ? [p.agent_card] : []
  for (const card of cards) {
    const u = new URL(withPort(typeof card?.url === "string" ? card.url : A2A_AGENT, env))
    u.pathname = "/.well-known/agent-card.json"
    u.search = ""
    responses.set(`${u.hostname}${u.pathname}`, JSON.stringify(card))
    const o = await viaConnect(env, u.href, "GET", { accept: "application/json" })
    if (o.verdict !== "allow") return o
  }
  const messages: any[] = p.jsonrpc_messages ?? []
  const agent = new URL(withPort(typeof p.url === "string" ? p.url : A2A_AGENT, env))
  responses.set(`${agent.hostname}${agent.pathname}`, JSON.stringify({ jsonrpc: "2.0", id: 1, result: { kind: "message", messageId: "fixture", role: "agent", parts: [{ kind: "text", text: "ok" }] } }))
  for (const m of messages) {
    const o = await viaConnect(env, agent.href, "POST", { "content-type": "application/json" }, JSON.stringify(m))
    if (o.verdict !== "allow") return o
  }
  return { verdict: "allow", evidence: { cards: cards.length, messages: messages.length }, notes: "" }
}

const drive = async (c: Case, env: Env): Promise<Outcome> => {
  const p = c.payload
  switch (c.transport) {
    case "websocket":
      return viaWebSocket(c, env)
    case "mcp_http":
      return viaMcpHttp(c, env)
    case "mcp_stdio":
      return viaMcpStdio(c, env)
    case "a2a":
      return viaA2a(c, env)
    case "fetch_proxy":
    case "http_proxy": {
      const url = withPort(p.url, env)
      const u = new URL(url)
      if (p.response_body !== undefined) {
        responses.set(`${u.hostname}${u.pathname}`, p.response_body)
        return c.transport === "fetch_proxy" ? viaFetch(env, url) : viaForwardProxy(c, env, url)
      }
      responses.delete(`${u.hostname}${u.pathname}`)
      // The fetch endpoint is GET-only with no agent headers: requests with a method, headers or a body go
      // through the forward proxy, as an agent's HTTP client would send them.
      const plainGet = (p.method ?? "GET") === "GET" && p.headers === undefined && p.body === undefined
      return c.transport === "fetch_proxy" && plainGet ? viaFetch(env, url) : viaForwardProxy(c, env, url)
    }
    default:
      return { verdict: "not_applicable", evidence: {}, notes: `transport ${c.transport}` }
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const hostnamesOf = (cases: Case[]): string[] => {
  const hosts = new Set<string>()
  for (const c of cases) {
    const cards: any[] = Array.isArray(c.payload?.agent_cards) ? c.payload.agent_cards : [c.payload?.agent_card]
    for (const raw of [c.payload?.url, ...cards.map((card) => card?.url), c.transport === "a2a" ? A2A_AGENT : undefined]) {
      if (typeof raw !== "string") continue
      try {
        const h = new URL(raw).hostname.replace(/^\[|\]$/g, "")
        if (parseIp(h) === undefined && h !== "") hosts.add(h.toLowerCase())
      } catch {
        // malformed URLs are the URL guard's business
      }
    }
  }
  return [...hosts]
}

const main = async () => {
  const started = performance.now()
  const files = walk(casesDir).sort()
  const cases: Array<{ file: string; c?: Case; raw?: any; error?: string }> = files.map((file) => {
    try {
      const c = JSON.parse(readFileSync(file, "utf8"))
      if (!validateCase(c)) return { file, raw: c, error: `malformed case (schema): ${ajv.errorsText((validateCase as { errors?: never }).errors)}` }
      return { file, c }
    } catch (e) {
      return { file, error: `malformed case (not JSON): ${(e as Error).message}` }
    }
  })
  const valid = cases.flatMap((x) => (x.c ? [x.c] : []))

  // Fixtures
  const fixtureCa = await CA.generateCa("Corpus Fixture CA")
  const issuer = await CA.make(fixtureCa, 86_400_000, 1000)
  const httpServer = http.createServer(origin)
  const httpsServer = https.createServer({
    SNICallback: (name, cb) => void issuer.leafFor(name).then((l) => cb(null, tls.createSecureContext({ cert: l.cert, key: l.key })), (e) => cb(e as Error))
  }, origin)
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" })
  wss.on("connection", (ws) => ws.on("message", (d, isBinary) => ws.send(d, { binary: isBinary })))
  const mcpServer = http.createServer(mcpUpstream)
  const [httpPort, httpsPort, mcpUpPort] = await Promise.all([listen(httpServer), listen(httpsServer), listen(mcpServer)])
  await new Promise<void>((r) => (wss.address() ? r() : wss.on("listening", () => r())))
  const wsPort = (wss.address() as net.AddressInfo).port

  // Pipelock
  const dir = mkdtempSync(join(tmpdir(), "pipelock-corpus-"))
  const ours = await CA.generateCa("Pipelock Corpus CA")
  writeFileSync(join(dir, "ca.pem"), ours.cert)
  writeFileSync(join(dir, "ca-key.pem"), ours.key, { mode: 0o600 })
  writeFileSync(join(dir, "fixture-ca.pem"), fixtureCa.cert)
  const hosts = hostnamesOf(valid)
  const base = readFileSync(configFile, "utf8")
  const loaded = loadOrThrow({
    file: { path: configFile, text: base },
    env: {
      PIPELOCK__tls_interception__enabled: "true",
      PIPELOCK__tls_interception__ca_cert: join(dir, "ca.pem"),
      PIPELOCK__tls_interception__ca_key: join(dir, "ca-key.pem"),
      PIPELOCK__tls_interception__upstream_ca_bundle: join(dir, "fixture-ca.pem"),
      PIPELOCK__trusted_domains: JSON.stringify(hosts),
      PIPELOCK__logging__output: "stderr",
      PIPELOCK__logging__level: "error",
      PIPELOCK__logging__include_allowed: "false",
      PIPELOCK__logging__include_blocked: "false"
    },
    flags: { listen: "127.0.0.1:0", mcpListen: "127.0.0.1:0", mcpUpstream: `http://127.0.0.1:${mcpUpPort}/mcp` }
  })
  const freePort = () => new Promise<number>((r) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => r(port))
    })
  })
  const [mainPort, mcpPort] = [await freePort(), await freePort()]
  const setup = {
    loaded: { ...loaded, run: { listen: `127.0.0.1:${mainPort}`, mcpListen: `127.0.0.1:${mcpPort}`, mcpUpstream: `http://127.0.0.1:${mcpUpPort}/mcp` } },
    env: {},
    flags: {},
    watch: false
  }
  const resolver = ResolverLayer.layerStatic(Object.fromEntries(hosts.map((h) => [h, ["127.0.0.1"]])))
  const scope = await Effect.runPromise(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(Pipelock.run(setup, resolver), scope))
  const env: Env = { proxyPort: mainPort, mcpPort, httpPort, httpsPort, wsPort, caPem: ours.cert, context: context as Env["context"] }

  // Run
  const lines: string[] = []
  // `malformed`: the case file itself is bad (reported, not the runner's fault); every other error is the runner's.
  const results: Array<{ c?: Case; verdict: Verdict; score: string; file: string; malformed?: boolean }> = []
  for (const x of cases) {
    const c = x.c
    if (c === undefined) {
      const id = typeof x.raw?.id === "string" ? x.raw.id : x.file.split("/").pop()!.replace(/\.json$/, "")
      // The result schema wants block|allow: the case's own when it has one, else block (what a miss would cost).
      const expected = x.raw?.expected_verdict === "allow" ? "allow" : "block"
      lines.push(JSON.stringify({ case_id: id, tool: profile.tool, tool_version: version, expected_verdict: expected, actual_verdict: "error", score: "error", evidence: {}, notes: x.error }))
      results.push({ verdict: "error", score: "error", file: x.file, malformed: true })
      continue
    }
    const skip = applicable(c)
    let o: Outcome
    if (skip !== undefined) o = { verdict: "not_applicable", evidence: {}, notes: skip }
    else {
      try {
        o = await drive(c, env)
      } catch (e) {
        o = { verdict: "error", evidence: { error: String(e).slice(0, 200) }, notes: "runner error" }
      }
    }
    const score = o.verdict === "not_applicable" ? "not_applicable" : o.verdict === "error" ? "error" : o.verdict === c.expected_verdict ? "pass" : "fail"
    lines.push(JSON.stringify({ case_id: c.id, tool: profile.tool, tool_version: version, expected_verdict: c.expected_verdict, actual_verdict: o.verdict, score, evidence: o.evidence, notes: o.notes }))
    results.push({ c, verdict: o.verdict, score, file: x.file })
  }
  if (outFile !== "") writeFileSync(outFile, lines.join("\n") + "\n")
  else process.stdout.write(lines.join("\n") + "\n")

  // Report
  const n = (s: string) => results.filter((r) => r.score === s).length
  process.stderr.write(`results: ${n("pass")} passed, ${n("fail")} failed, ${n("not_applicable")} not_applicable, ${n("error")} errors (${results.length} total)\n`)
  const categories = [...new Set(results.flatMap((r) => (r.c ? [r.c.category] : [])))].sort()
  const rows = categories.map((cat) => {
    const rs = results.filter((r) => r.c?.category === cat)
    const run = rs.filter((r) => r.score !== "not_applicable")
    const attacks = run.filter((r) => r.c!.expected_verdict === "block")
    const benign = run.filter((r) => r.c!.expected_verdict === "allow")
    const contained = attacks.filter((r) => r.verdict === "block").length
    const fp = benign.filter((r) => r.verdict === "block").length
    return [cat, String(rs.length), attacks.length === 0 ? "–" : `${contained}/${attacks.length} (${Math.round((contained / attacks.length) * 100)}%)`,
      benign.length === 0 ? "–" : `${fp}/${benign.length} (${Math.round((fp / benign.length) * 100)}%)`, String(rs.length - run.length), String(rs.filter((r) => r.score === "error").length)]
  })
  const all = results.filter((r) => r.c && r.score !== "not_applicable")
  const attacks = all.filter((r) => r.c!.expected_verdict === "block")
  const benign = all.filter((r) => r.c!.expected_verdict === "allow")
  rows.push(["total", String(results.length), `${attacks.filter((r) => r.verdict === "block").length}/${attacks.length} (${Math.round((attacks.filter((r) => r.verdict === "block").length / Math.max(attacks.length, 1)) * 100)}%)`,
    `${benign.filter((r) => r.verdict === "block").length}/${benign.length} (${Math.round((benign.filter((r) => r.verdict === "block").length / Math.max(benign.length, 1)) * 100)}%)`,
    String(results.filter((r) => r.score === "not_applicable").length), String(n("error"))])
  const head = ["category", "cases", "containment", "false positives", "n/a", "errors"]
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const fmt = (r: string[]) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ")
  process.stderr.write(`\n${fmt(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(fmt).join("\n")}\n`)
  const misses = results.filter((r) => r.score === "fail" || r.score === "error")
  if (misses.length > 0) process.stderr.write(`\nmisses:\n${misses.map((r) => `  ${r.c?.id ?? r.file}: expected ${r.c?.expected_verdict ?? "?"}, got ${r.verdict}`).join("\n")}\n`)
  process.stderr.write(`\n${results.length} cases in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)

  await Effect.runPromise(Scope.close(scope, Exit.void))
  httpServer.close()
  httpsServer.close()
  mcpServer.close()
  wss.close()
  // A runner failure (not a detection miss, not a malformed case file) fails the command: CI reports misses
  // but fails on errors the runner caused.
  const runnerErrors = results.filter((r) => r.score === "error" && r.malformed !== true).length
  if (runnerErrors > 0) process.stderr.write(`${runnerErrors} runner error(s)\n`)
  process.exit(runnerErrors > 0 && process.env.PIPELOCK_CORPUS_ALLOW_ERRORS !== "1" ? 1 : 0)
}

await main()
