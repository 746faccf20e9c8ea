/**
 * The MCP reverse proxy (`--mcp-listen` → `--mcp-upstream`), for every revision from 2025-03-26 (plain JSON,
 * batches) to 2026-07-28 (stateless, routing headers). POST bodies are judged message by message before
 * anything reaches the upstream; upstream answers are judged by Content-Type — JSON whole, SSE event by
 * event (ids, event types, retry hints and comments kept) — before they reach the agent. Sessions, the
 * protocol version and Authorization pass through untouched (Authorization is never logged).
 * `notifications/tools/list_changed` makes the proxy re-fetch and re-scan the tool list before relaying it.
 */
import { isUtf8 } from "node:buffer"
import { hash, randomUUID } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { StringDecoder } from "node:string_decoder"
import { Effect, Layer, Option } from "effect"
import type { Config } from "../services/Config.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { Inspector, type McpContext } from "../services/Inspector.ts"
import { KillSwitch } from "../services/KillSwitch.ts"
import { McpProxy } from "../services/McpProxy.ts"
import { Telemetry } from "../services/Telemetry.ts"
import type { Finding } from "../services/Verdict.ts"
import { dialAddress, parseListen } from "./config/validate.ts"
import { matchDomain } from "./detect/domain.ts"
import { collectEffect } from "./forward/body.ts"
import { paceOf, type Reservation, reserve, watchPace } from "./http/body.ts"
import { clientIp, sendJson, sendJsonText } from "./http/respond.ts"
import { elementTexts, walkJson } from "./detect/json.ts"
import { walkSliced } from "./Inspector.ts"
import { allowsBatch, type Id, idOf, isNotification, isObject, isRequest, type Message, nameOf, rpcError, safeId } from "./mcp/jsonrpc.ts"
import { type ClientOutcome, judgeClient, judgeServer, type PipelineDeps, toolOf } from "./mcp/pipeline.ts"
import { formatEvent, formatItem, sseParser } from "./mcp/sse.ts"
import { Metrics } from "../services/Metrics.ts"
import { UpstreamClient } from "../services/UpstreamClient.ts"
import * as UpstreamClientLayer from "./UpstreamClient.ts"
import { metrics } from "./telemetry/metrics.ts"
import { endSpan, recordFindings, requestSpan, serverAttributes, serverOf, type Trace, traceparentOf } from "./telemetry/spans.ts"

const MAX_BODY = 10 * 1024 * 1024
const PASS_REQUEST = ["authorization", "mcp-session-id", "mcp-protocol-version", "mcp-method", "mcp-name", "last-event-id", "user-agent", "accept-language", "origin"]
const PASS_RESPONSE = ["mcp-session-id", "mcp-protocol-version", "www-authenticate", "retry-after", "allow", "cache-control"]

/** Whether a JSON text is an array (a batch): its first character past whitespace is `[`. */
const isArrayText = (text: string): boolean => {
  let i = 0
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\r" || text[i] === "\n")) i++
  return text[i] === "["
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name]
  return Array.isArray(v) ? v.join(", ") : v
}

/** The session key: `Mcp-Session-Id`, or a hash of the client's Authorization and address (never the token). */
export const sessionKeyOf = (sessionId: string | undefined, authorization: string | undefined, ip: string): string =>
  sessionId !== undefined && sessionId !== "" ? `sid:${sessionId}` : `client:${hash("sha256", `${authorization ?? ""}\u0000${ip}`, "hex").slice(0, 32)}`

/** What a forwarded request was, so its response is judged knowing it (the method; the tool of a tools/call). */
interface ForwardedCall {
  readonly method: string
  readonly tool?: string | undefined
}

interface Upstream {
  readonly url: URL
}

const upstreamOf = (raw: string): Upstream => ({ url: new URL(raw) })

/** Reads a body (up to MAX_BODY); `abortable`: an interruption destroys the stream. */
const collectBody = (from: IncomingMessage, reservation?: Reservation, abortable = false) => collectEffect(from, MAX_BODY, reservation, abortable)

/** The `/fetch` URL on the forward-proxy listener, reached over loopback when it listens on every address. */
export const fetchEndpointOf = (listen: string | undefined): string | undefined => {
  const d = listen === undefined ? undefined : dialAddress(listen)
  // Port 0 (any free port) is only known once bound: no endpoint then, and the handler fails closed.
  if (d === undefined || d.port === 0) return undefined
  return `http://${d.host.includes(":") ? `[${d.host}]` : d.host}:${d.port}/fetch`
}

/** Host names of recent Host headers (a client sends the same one on every call). */
const hostnames = new Map<string, string | undefined>()

const hostnameOf = (authority: string): string | undefined => {
  if (hostnames.has(authority)) return hostnames.get(authority)
  let name: string | undefined
  try {
    name = new URL(`http://${authority}`).hostname.toLowerCase().replace(/\.$/, "")
  } catch {
    name = undefined
  }
  if (hostnames.size >= 256) hostnames.delete(hostnames.keys().next().value as string)
  hostnames.set(authority, name)
  return name
}

/** localhost, 127.0.0.0/8 or [::1]. */
const isLoopbackName = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname)

/** Whether the MCP listener's address (`host:port`) is a loopback one; an empty host or 0.0.0.0 / :: is not. */
export const isLoopbackListen = (listen: string | undefined): boolean => {
  const p = listen === undefined ? undefined : parseListen(listen)
  if (p === undefined) return false
  return isLoopbackName(p.host.includes(":") ? `[${p.host}]` : p.host.toLowerCase())
}

/**
 * DNS-rebinding protection at the MCP listener (MCP spec: servers MUST validate Origin; a localhost server
 * validates Host). A page on a rebound name (evil.example → 127.0.0.1) reaches Pipelock, not the upstream,
 * and Pipelock rewrites Host for the upstream, so the upstream's own Host check can no longer see the attack:
 * the proxy refuses it itself. An Origin header must name a loopback origin (browsers send one on every POST,
 * agents and SDK clients usually none); on a loopback listener the Host must be a loopback name too.
 * Returns the reason for a refusal, or undefined.
 */
export const rebindingRefusal = (
  host: string | undefined,
  origin: string | undefined,
  loopbackListener: boolean,
  allowedOrigins: ReadonlyArray<string> = []
): string | undefined => {
  if (origin !== undefined) {
    let originHost: string | undefined
    let normalised: string | undefined
    try {
      const u = origin === "null" ? undefined : new URL(origin)
      originHost = u?.hostname.toLowerCase().replace(/\.$/, "")
      normalised = u?.origin.toLowerCase()
    } catch {
      originHost = undefined
    }
    // `mcp_ws_listener.allowed_origins` (the Go key for its MCP listeners; loopback is always allowed): an exact
    // origin (`https://app.example.com`) or a host pattern (`app.example.com`, `*.example.com`).
    const allowed = originHost !== undefined && allowedOrigins.some((a) => {
      const entry = a.trim().toLowerCase().replace(/\/+$/, "")
      return entry.includes("://") ? entry === normalised : matchDomain(originHost!, entry)
    })
    if (!allowed && (originHost === undefined || !isLoopbackName(originHost))) return `Origin ${JSON.stringify(origin.slice(0, 200))} is not allowed (add it to mcp_ws_listener.allowed_origins to allow it)`
  }
  if (loopbackListener && host !== undefined) {
    const name = hostnameOf(host)
    if (name === undefined || !isLoopbackName(name)) return `Host ${JSON.stringify(host.slice(0, 200))} is not a loopback name`
  }
  return undefined
}

export const make = Effect.gen(function* () {
  const store = yield* ConfigStore
  const inspector = yield* Inspector
  const telemetry = yield* Telemetry
  const killSwitch = yield* KillSwitch
  const meter = yield* Metrics
  // The host's or a test's client when one is provided, else the production one.
  const client = Option.getOrElse(yield* Effect.serviceOption(UpstreamClient), UpstreamClientLayer.make)
  const deps: PipelineDeps = { inspector, telemetry, meter, fetchEndpoint: fetchEndpointOf(store.run.listen) }
  const raw = store.run.mcpUpstream
  const loopbackListener = isLoopbackListen(store.run.mcpListen)
  const upstream = raw === undefined ? undefined : upstreamOf(raw)
  let refreshCounter = 0
  /** Each traced request's span handle, for the client spans of its upstream requests (only while tracing). */
  const traces = new WeakMap<IncomingMessage, Trace>()

  /**
   * One upstream request; succeeds with the response, or an error message. Interrupting the fiber destroys
   * the upstream request, and its response if one came.
   */
  const send = (method: string, req: IncomingMessage | undefined, body: string | undefined, extra: Record<string, string> = {}) =>
    Effect.callback<{ res: IncomingMessage } | { error: string; timeout?: boolean }>((resume) => {
      const resolve = (r: { res: IncomingMessage } | { error: string; timeout?: boolean }) => resume(Effect.succeed(r))
      const u = upstream!
      const headers: Record<string, string> = { accept: "application/json, text/event-stream", "accept-encoding": "identity" }
      if (req !== undefined) {
        for (const h of PASS_REQUEST) {
          const v = header(req, h)
          if (v !== undefined) headers[h] = v
        }
        const accept = header(req, "accept")
        if (accept !== undefined && accept.includes("text/event-stream") && accept.includes("application/json")) headers.accept = accept
      }
      Object.assign(headers, extra)
      if (body !== undefined) {
        headers["content-type"] = "application/json"
        headers["content-length"] = String(Buffer.byteLength(body))
      }
      // The upstream hop is a client span of the request's span; the upstream gets its context as `traceparent`.
      const trace = req === undefined ? undefined : traces.get(req)
      const hop = trace?.child(method, "client", { "http.request.method": method, ...serverOf(u.url.href), "url.full": `${u.url.origin}${u.url.pathname}` })
      if (hop !== undefined) headers.traceparent = traceparentOf(hop)
      const r = client.request({ url: u.url, method, headers, timeoutMs: 120_000 })
      r.on("response", (res) => {
        if (hop !== undefined) res.once("close", () => endSpan(hop, { "http.response.status_code": res.statusCode ?? 0 }, 400))
        resolve({ res })
      })
      r.on("timeout", () => {
        if (hop !== undefined) endSpan(hop, {}, 400, "timeout")
        r.destroy()
        resolve({ error: "the MCP upstream did not answer within 120s", timeout: true })
      })
      r.on("error", (e) => {
        if (hop !== undefined) endSpan(hop, {}, 400, (e as NodeJS.ErrnoException).code ?? e.name)
        resolve({ error: e.message })
      })
      r.end(body)
      return Effect.sync(() => void r.destroy(new Error("interrupted")))
    })

  const copyHeaders = (from: IncomingMessage): Record<string, string> => {
    const out: Record<string, string> = {}
    for (const h of PASS_RESPONSE) {
      const v = from.headers[h]
      if (typeof v === "string") out[h] = v
    }
    return out
  }

  /** Re-fetches tools/list for a session after list_changed, and judges it (pin/drift/poisoning). */
  const refreshTools = (req: IncomingMessage | undefined, ctx: McpContext, config: Config, extra: Record<string, string>) =>
    Effect.gen(function* () {
      const id = `pipelock-refresh-${++refreshCounter}`
      const got = yield* send("POST", req, JSON.stringify({ jsonrpc: "2.0", id, method: "tools/list" }), extra)
      if ("error" in got) return { blocked: true, reason: got.error }
      const ct = String(got.res.headers["content-type"] ?? "")
      const bodyText = yield* Effect.map(collectBody(got.res, undefined, true), (c) => (c.ok ? c.body.toString("utf8") : ""))
      let message: unknown
      let raw: string | undefined
      try {
        const datas = ct.includes("text/event-stream")
          ? bodyText.split(/\n\n/).map((e) => e.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n")).filter((d) => d !== "")
          : [bodyText]
        for (const d of datas) {
          if (!walkJson(d).ok) continue
          const m: unknown = JSON.parse(d)
          if (!ct.includes("text/event-stream") || idOf(m) === id) {
            message = m
            raw = d
            break
          }
        }
      } catch {
        message = undefined
      }
      if (raw === undefined) return { blocked: true, reason: "the refreshed tool list did not parse" }
      const out = yield* judgeServer(deps, config, message, ctx, "tools/list", raw)
      return { blocked: out.blocked, reason: out.verdict.decisive?.rule }
    })

  /** Streams an upstream SSE response to the client, judging each event. */
  const relaySse = (
    res: ServerResponse, ures: IncomingMessage, ctx: McpContext, config: Config, methods: Map<string, ForwardedCall>, req: IncomingMessage,
    prelude: ReadonlyArray<Message>, status = 200
  ) =>
    // Events are judged in callbacks: they run with this request's services (tracer and parent span included).
    Effect.flatMap(Effect.context<never>(), (services) => Effect.callback<void>((resume) => {
      if (res.destroyed) {
        // The client went away while the upstream was answering: its 'close' has already fired, so the
        // listener below would never run and the upstream stream (a GET stream lives as long as the
        // session) would stay open with nobody reading it. Close it now, as the client's own disconnect would.
        ures.destroy()
        return void resume(Effect.void)
      }
      let finished = false
      const finish = () => {
        if (finished) return
        finished = true
        unregister()
        resume(Effect.void)
      }
      // The upstream's Cache-Control is kept (SDK servers send `no-cache, no-transform`: no-transform tells
      // intermediaries not to compress or rewrite the stream); no-cache when it sends none.
      res.writeHead(status, { "cache-control": "no-cache", ...copyHeaders(ures), "content-type": "text/event-stream", "x-accel-buffering": "no" })
      for (const m of prelude) res.write(formatEvent({ data: JSON.stringify(m) }))
      const unregister = killSwitch.onTrip(() => {
        res.end(formatEvent({ event: "message", data: JSON.stringify(rpcError(null, -32004, config.kill_switch.message)) }))
        ures.destroy()
        finish()
      })
      if (ures.headers["content-encoding"] !== undefined && ures.headers["content-encoding"] !== "identity") {
        res.end(formatEvent({ data: JSON.stringify(rpcError(null, -32001, "pipelock: compressed event stream cannot be scanned; closed")) }))
        ures.destroy()
        return finish()
      }
      // Items are judged strictly in order: the next chunk waits until the queue drains.
      const queue: Array<() => Promise<boolean>> = []
      let busy = false
      const pump = async () => {
        if (busy) return
        busy = true
        while (queue.length > 0 && !finished) {
          const keepGoing = await queue.shift()!()
          if (!keepGoing) {
            ures.destroy()
            res.end()
            finish()
            break
          }
        }
        busy = false
        if (!finished) ures.resume()
      }
      const parser = sseParser((item) => {
        queue.push(async () => {
          if (item.kind !== "event" || item.event.data.trim() === "") {
            res.write(formatItem(item))
            return true
          }
          let message: unknown
          try {
            message = JSON.parse(item.event.data)
          } catch {
            res.write(formatEvent({ id: item.event.id, data: JSON.stringify(rpcError(null, -32700, "pipelock: the server sent an event that is not JSON; stream closed")) }))
            return false
          }
          const id = idOf(message)
          const call = id !== undefined && !isRequest(message) ? methods.get(JSON.stringify(safeId(id))) : undefined
          const method = call?.method
          if (isNotification(message) && message.method === "notifications/tools/list_changed") {
            const extra: Record<string, string> = {}
            const sid = ures.headers["mcp-session-id"] ?? header(req, "mcp-session-id")
            if (typeof sid === "string") extra["mcp-session-id"] = sid
            const r = await Effect.runPromiseWith(services)(refreshTools(req, ctx, config, extra))
            if (r.blocked) {
              telemetry.logUnsafe("warn", "tools_list_changed_blocked", { request_id: ctx.requestId, reason: r.reason })
              return true
            }
          }
          const out = await Effect.runPromiseWith(services)(judgeServer(deps, config, message, ctx, method, item.event.data, call?.tool))
          if (out.blocked) {
            if (out.message !== undefined) {
              res.write(formatEvent({ id: item.event.id, event: item.event.event, data: JSON.stringify(out.message) }))
              return false
            }
            return true
          }
          res.write(formatEvent(item.event))
          return true
        })
      }, (message) => {
        res.end(formatEvent({ data: JSON.stringify(rpcError(null, -32700, `pipelock: malformed event stream (${message}); closed`)) }))
        ures.destroy()
        finish()
      })
      const decoder = new StringDecoder("utf8")
      ures.on("data", (chunk: Buffer) => {
        ures.pause()
        parser.feed(decoder.write(chunk))
        void pump()
      })
      ures.on("end", () => {
        parser.feed(decoder.end())
        queue.push(async () => {
          res.end()
          finish()
          return true
        })
        void pump()
      })
      ures.on("error", () => {
        res.destroy()
        finish()
      })
      res.on("close", () => {
        ures.destroy()
        finish()
      })
      return Effect.sync(() => {
        ures.destroy()
        res.destroy()
      })
    }))

  /** Busy, not hostile: the rest of a request body is read and dropped (nothing held) so the client sees the answer. */
  const busy = (res: ServerResponse, id: Id = null) => {
    if (!res.req.complete) res.req.resume()
    sendJson(res, 503, rpcError(id, -32603, "pipelock: too many bodies are being scanned at once (max_inflight_body_mb); retry shortly"), { "retry-after": "1" })
  }

  const handlePost = (req: IncomingMessage, res: ServerResponse, ctx: McpContext, config: Config) => {
    // Budget reservations of this POST (its body, the upstream's answer), released when it ends.
    const held: Reservation[] = []
    return handlePostHeld(req, res, ctx, config, held).pipe(Effect.ensuring(Effect.sync(() => {
      for (const r of held) r.release()
    })))
  }

  const handlePostHeld = (req: IncomingMessage, res: ServerResponse, ctx: McpContext, config: Config, held: Reservation[]) =>
    Effect.gen(function* () {
      const budget = config.max_inflight_body_mb * 1024 * 1024
      const declared = Number(req.headers["content-length"] ?? 0)
      const reservation = reserve(budget, Number.isFinite(declared) && declared > 0 ? Math.min(declared, MAX_BODY) : 0, { listener: "mcp", side: "client", meter })
      if (reservation === undefined) return busy(res)
      held.push(reservation)
      const got = yield* collectBody(req, reservation)
      if (!got.ok) {
        if (got.reason === "budget") return busy(res)
        // The pace watch has already answered 408 and is closing the connection.
        if (got.reason === "timeout") {
          const f: Finding = { scanner: "body", rule: "body_timeout", severity: "high", location: "body", evidence: "", action: "block", message: `request body cut: ${got.message}` }
          return telemetry.verdictUnsafe({ listener: ctx.listener, requestId: ctx.requestId, action: "block", mode: config.mode, direction: "request", method: "invalid", status: 408, findings: [f] })
        }
        return sendJson(res, got.reason === "too_large" ? 413 : 400, rpcError(null, -32600, got.reason === "too_large" ? "request body larger than 10 MiB" : `could not read the request: ${got.message}`))
      }
      const text = got.body.toString("utf8")
      // A batch is walked here to split it into the raw text of each member (what is judged is what is
      // forwarded; a batch too deep or too large to walk is refused whole). A single message is walked once,
      // by the Inspector.
      const walk = isArrayText(text) ? yield* walkSliced(text) : undefined
      let parsed: unknown
      try {
        if (walk !== undefined && !walk.ok && walk.problem === "syntax") throw new Error(walk.message)
        parsed = walk === undefined || walk.ok ? JSON.parse(text) : undefined
      } catch {
        const mv = yield* inspector.inspectMcpUnparseable(text, ctx)
        telemetry.verdictUnsafe({ listener: ctx.listener, requestId: ctx.requestId, action: mv.verdict.action, mode: config.mode, direction: "request", method: "invalid", findings: mv.verdict.findings })
        if (mv.verdict.action === "block") return sendJson(res, 400, rpcError(null, -32700, "Parse error: the body is not JSON (pipelock)"))
        return yield* forwardRaw(req, res, text)
      }
      if (walk !== undefined && !walk.ok) {
        const mv = yield* inspector.inspectMcpRequest(undefined, ctx, text)
        telemetry.verdictUnsafe({ listener: ctx.listener, requestId: ctx.requestId, action: mv.verdict.action, mode: config.mode, direction: "request", method: "invalid", findings: mv.verdict.findings })
        if (mv.verdict.action === "block") return sendJson(res, 400, rpcError(null, -32600, `Invalid Request: ${mv.verdict.decisive?.message ?? walk.message} (pipelock)`))
        return yield* forwardRaw(req, res, text)
      }
      const version = header(req, "mcp-protocol-version")
      const batch = Array.isArray(parsed)
      if (batch && (!allowsBatch(version) || (parsed as unknown[]).length === 0)) {
        return sendJson(res, 400, rpcError(null, -32600, (parsed as unknown[]).length === 0 ? "Invalid Request: empty batch" : `Invalid Request: JSON-RPC batches are not allowed in protocol ${version}`))
      }
      const messages: unknown[] = batch ? (parsed as unknown[]) : [parsed]
      const raws: string[] = batch && walk?.ok === true ? elementTexts(walk, text) : [text]
      if (!batch && version !== undefined && version >= "2026-07-28" && isObject(parsed)) {
        const m = parsed as unknown as Message
        const hm = header(req, "mcp-method")
        const hn = header(req, "mcp-name")
        const bodyName = nameOf(m)
        if (typeof m.method === "string" && (hm !== m.method || (bodyName !== undefined && hn !== bodyName) || (bodyName === undefined && hn !== undefined))) {
          // The values stay out of the log: either side may carry anything.
          telemetry.logUnsafe("warn", "mcp_header_mismatch", { request_id: ctx.requestId, mismatch: hm !== m.method ? "method" : "name" })
          return sendJson(res, 400, rpcError(safeId(idOf(m)), -32020, "Header mismatch: Mcp-Method/Mcp-Name must match the request body"))
        }
      }
      const outcomes: ClientOutcome[] = []
      for (let k = 0; k < messages.length; k++) outcomes.push(yield* judgeClient(deps, config, messages[k], ctx, raws[k]))
      const replies = outcomes.flatMap((o) => (o.kind === "reply" && o.message !== undefined ? [o.message] : []))
      const forwards = outcomes.flatMap((o) => (o.kind === "forward" ? [o.message] : []))
      const forwardRaws = outcomes.flatMap((o, k) => (o.kind === "forward" ? [raws[k]] : []))
      if (forwards.length === 0) {
        if (replies.length === 0) {
          res.writeHead(202)
          return void res.end()
        }
        return sendJson(res, 200, batch ? replies : replies[0])
      }
      const methods = new Map<string, ForwardedCall>()
      for (const m of forwards) if (isRequest(m)) methods.set(JSON.stringify(safeId(m.id)), { method: m.method, tool: toolOf(m) })
      // Exactly the judged text of each forwarded member.
      const body = batch ? `[${forwardRaws.join(",")}]` : text
      const sent = yield* send("POST", req, body)
      if ("error" in sent) {
        const id = batch ? null : safeId(idOf(parsed))
        telemetry.logUnsafe("error", "mcp_upstream_error", { request_id: ctx.requestId, error: sent.error })
        return sendJson(res, sent.timeout ? 504 : 502, rpcError(id, -32603, `pipelock: the MCP upstream is unavailable: ${sent.error}`))
      }
      const ures = sent.res
      const sid = ures.headers["mcp-session-id"]
      const rctx: McpContext = typeof sid === "string" && !ctx.sessionKey.startsWith("sid:") ? { ...ctx, sessionKey: `sid:${sid}` } : ctx
      const status = ures.statusCode ?? 502
      const ct = String(ures.headers["content-type"] ?? "")
      if (status === 202 || status === 204 || (ures.headers["content-length"] === "0" && !ct.includes("event-stream"))) {
        ures.resume()
        if (replies.length > 0) return sendJson(res, 200, batch ? replies : replies[0], copyHeaders(ures))
        res.writeHead(status, copyHeaders(ures))
        return void res.end()
      }
      if (ct.includes("text/event-stream")) return yield* relaySse(res, ures, rctx, config, methods, req, replies, status)
      const answerLength = Number(ures.headers["content-length"] ?? 0)
      const answerReservation = reserve(budget, Number.isFinite(answerLength) && answerLength > 0 ? Math.min(answerLength, MAX_BODY) : 0, { listener: "mcp", side: "upstream", meter })
      if (answerReservation === undefined) {
        ures.destroy()
        return busy(res, batch ? null : safeId(idOf(parsed)))
      }
      held.push(answerReservation)
      // An upstream that trickles the answer Pipelock must hold is cut like a slow client.
      watchPace(ures, paceOf(config.mcp_http_listener), { listener: "mcp", side: "upstream", meter }, (reason) =>
        ures.destroy(new Error(reason === "idle" ? "the answer stalled" : "the answer arrived too slowly")))
      const c = yield* collectBody(ures, answerReservation, true)
      if (!c.ok && c.reason === "budget") return busy(res, batch ? null : safeId(idOf(parsed)))
      if (!c.ok) return sendJson(res, 502, rpcError(batch ? null : safeId(idOf(parsed)), -32603, `pipelock: could not read the upstream answer: ${c.message}`))
      const answerText = c.body.toString("utf8")
      const answerWalk = isArrayText(answerText) ? yield* walkSliced(answerText) : undefined
      let answer: unknown
      try {
        if (answerWalk !== undefined && !answerWalk.ok && answerWalk.problem === "syntax") throw new Error(answerWalk.message)
        answer = answerWalk === undefined || answerWalk.ok ? JSON.parse(answerText) : undefined
      } catch {
        if (status >= 400) {
          // A plain error page (401, 404…): pass it through; there is nothing for an agent to execute.
          res.writeHead(status, { ...copyHeaders(ures), "content-type": ct || "text/plain" })
          return void res.end(c.body)
        }
        return sendJson(res, 502, rpcError(batch ? null : safeId(idOf(parsed)), -32603, "pipelock: the MCP upstream answered with something that is not JSON"))
      }
      if (answerWalk !== undefined && !answerWalk.ok) {
        // Too deep or too large to judge: judged (and logged) as a block, answered with an error for the request.
        const out = yield* judgeServer(deps, config, undefined, rctx, undefined, answerText)
        if (!out.blocked) {
          res.writeHead(status, { ...copyHeaders(ures), "content-type": ct || "application/json" })
          return void res.end(c.body)
        }
        const ids = forwards.filter(isRequest).map((m) => safeId(m.id))
        const errors = ids.map((id) => rpcError(id, -32001, `pipelock blocked the upstream answer: ${out.verdict.decisive?.message ?? "not scannable"}`))
        return sendJson(res, 200, batch ? [...replies, ...errors] : errors[0] ?? rpcError(null, -32001, "pipelock blocked the upstream answer"), copyHeaders(ures))
      }
      const isRpc = (m: unknown) => isObject(m) && m.jsonrpc === "2.0"
      if (status >= 400 && !(Array.isArray(answer) ? answer.every(isRpc) : isRpc(answer))) {
        // An HTTP error with a non-JSON-RPC body (401 {"error":"unauthorized"}): the agent needs to see it as is.
        res.writeHead(status, { ...copyHeaders(ures), "content-type": ct || "application/json" })
        return void res.end(c.body)
      }
      const list = Array.isArray(answer) ? answer : [answer]
      const answerRaws = Array.isArray(answer) && answerWalk?.ok === true ? elementTexts(answerWalk, answerText) : [answerText]
      const judged: unknown[] = []
      for (let k = 0; k < list.length; k++) {
        const m = list[k]
        const id = idOf(m)
        const call = id !== undefined ? methods.get(JSON.stringify(safeId(id))) : undefined
        const out = yield* judgeServer(deps, config, m, rctx, call?.method, answerRaws[k], call?.tool)
        if (out.message !== undefined) judged.push(out.message)
      }
      const final = Array.isArray(answer) || replies.length > 0 ? [...replies, ...judged] : judged[0]
      if (final === undefined) {
        res.writeHead(202, copyHeaders(ures))
        return void res.end()
      }
      // An answer let through unchanged goes out as the exact text that was judged: not serialised again (number
      // precision, escapes and key order stay the upstream's, and no JSON.stringify per call).
      // When the bytes are valid UTF-8 the text was decoded from them losslessly: they are sent as they came (no
      // second encoding of a large answer).
      if (final === answer) return sendJsonText(res, status, isUtf8(c.body) ? c.body : answerText, copyHeaders(ures))
      sendJson(res, status, final, copyHeaders(ures))
    })

  const forwardRaw = (req: IncomingMessage, res: ServerResponse, text: string) =>
    Effect.gen(function* () {
      const sent = yield* send("POST", req, text)
      if ("error" in sent) return sendJson(res, 502, rpcError(null, -32603, `pipelock: the MCP upstream is unavailable: ${sent.error}`))
      res.writeHead(sent.res.statusCode ?? 502, { ...copyHeaders(sent.res), "content-type": String(sent.res.headers["content-type"] ?? "application/json") })
      sent.res.pipe(res)
    })

  const handle = (req: IncomingMessage, res: ServerResponse) =>
    // The verdicts are on the per-message scan spans under this one.
    requestSpan("McpProxy.request", () => serverAttributes(req, "mcp_http", serverOf(`http://${header(req, "host") ?? ""}`)), (note, trace) => {
      if (trace === undefined) return handleRequest(req, res)
      traces.set(req, trace)
      return handleRequest(req, res).pipe(Effect.ensuring(Effect.sync(() => note({
        "pipelock.mode": Effect.runSync(store.current).mode, ...(res.headersSent ? { "http.response.status_code": res.statusCode } : {})
      }))))
    }, req.headers)

  const handleRequest = (req: IncomingMessage, res: ServerResponse) =>
    Effect.gen(function* () {
      const config = yield* store.current
      const requestId = randomUUID()
      yield* Effect.annotateCurrentSpan("pipelock.request_id", requestId)
      const ip = clientIp(req)
      const ctx: McpContext = {
        requestId, listener: "mcp_http", clientIp: ip,
        sessionKey: sessionKeyOf(header(req, "mcp-session-id"), header(req, "authorization"), ip),
        protocolVersion: header(req, "mcp-protocol-version")
      }
      const allowedOrigins = (config.extra.mcp_ws_listener?.allowed_origins ?? []) as ReadonlyArray<string>
      const refusal = rebindingRefusal(header(req, "host"), header(req, "origin"), loopbackListener, allowedOrigins)
      if (refusal !== undefined) {
        telemetry.logUnsafe("warn", "mcp_origin_refused", { request_id: requestId, listener: "mcp_http", client_ip: ip, reason: refusal })
        return sendJson(res, 403, rpcError(null, -32002, `pipelock: request refused (DNS-rebinding protection): ${refusal}`))
      }
      if (upstream === undefined) return sendJson(res, 503, rpcError(null, -32001, "the MCP proxy is not enabled: start pipelock run with --mcp-upstream URL"))
      if (killSwitch.isActiveUnsafe()) {
        meter.count(metrics.killSwitchDenials, { transport: "mcp_http", endpoint: req.method ?? "" })
        let id: Id = null
        if (req.method === "POST") {
          const got = yield* collectBody(req)
          try {
            id = got.ok && walkJson(got.body.toString("utf8")).ok ? safeId(idOf(JSON.parse(got.body.toString("utf8")))) : null
          } catch {
            id = null
          }
        }
        const trace = traces.get(req)
        if (trace !== undefined) {
          recordFindings(trace.span, [{ scanner: "kill_switch", rule: "kill_switch", severity: "critical", location: "connection", evidence: "", action: "block", message: "kill switch active" }])
          trace.span.attribute("pipelock.action", "block")
        }
        telemetry.logUnsafe("warn", "kill_switch_deny", { listener: "mcp_http", request_id: requestId }, trace?.span)
        return sendJson(res, req.method === "POST" ? 200 : 503, rpcError(id, -32004, config.kill_switch.message))
      }
      const path = (req.url ?? "/").split("?")[0]
      if (req.method === "GET" && path === "/health" && header(req, "accept")?.includes("text/event-stream") !== true) {
        return sendJson(res, 200, { status: "healthy", upstream: upstream.url.origin })
      }
      if (req.method === "POST") return yield* handlePost(req, res, ctx, config)
      if (req.method === "GET" || req.method === "DELETE") {
        const sent = yield* send(req.method!, req, undefined)
        if ("error" in sent) return sendJson(res, 502, rpcError(null, -32603, `pipelock: the MCP upstream is unavailable: ${sent.error}`))
        const ures = sent.res
        if (req.method === "DELETE" && (ures.statusCode ?? 500) < 300) yield* inspector.endMcpSession(ctx.sessionKey)
        if (String(ures.headers["content-type"] ?? "").includes("text/event-stream")) {
          return yield* relaySse(res, ures, ctx, config, new Map(), req, [], ures.statusCode ?? 200)
        }
        res.writeHead(ures.statusCode ?? 502, { ...copyHeaders(ures), ...(ures.headers["content-type"] ? { "content-type": String(ures.headers["content-type"]) } : {}) })
        ures.pipe(res)
        return
      }
      sendJson(res, 405, rpcError(null, -32600, `method ${req.method} is not allowed on the MCP endpoint`), { allow: "GET, POST, DELETE" })
    })

  return McpProxy.of({ handle })
})

export const layer: Layer.Layer<McpProxy, never, ConfigStore | Inspector | Telemetry | KillSwitch> = Layer.effect(McpProxy, make)
