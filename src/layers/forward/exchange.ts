/**
 * One proxied HTTP exchange, for absolute-form requests and for requests inside intercepted TLS:
 * URL guard (DNS pinned) → request headers/body DLP → upstream → response injection scanning → client.
 *
 * Responses with a known length up to the buffer limit are scanned whole before anything is sent (a block
 * is a clean 403). Streams (SSE, chunked, larger bodies) are forwarded chunk by chunk, each chunk scanned
 * first with an overlap window over the previous ones; a block cuts the stream. Compressed bodies are
 * decoded for scanning and forwarded as received. Media is not injection-scanned. Memory stays bounded.
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { StringDecoder } from "node:string_decoder"
import { Effect } from "effect"
import type { Config } from "../../services/Config.ts"
import type * as ConfigStore from "../../services/ConfigStore.ts"
import type * as Inspector from "../../services/Inspector.ts"
import type * as KillSwitch from "../../services/KillSwitch.ts"
import type * as Metrics from "../../services/Metrics.ts"
import type * as Telemetry from "../../services/Telemetry.ts"
import type * as UpstreamClient from "../../services/UpstreamClient.ts"
import { type Finding, hintOf, reasonOf, type Verdict } from "../../services/Verdict.ts"
import { sendJson, clientIp } from "../http/respond.ts"
import { metrics } from "../telemetry/metrics.ts"
import { endSpan, outcomeAttributes, recordFindings, requestSpan, serverAttributes, serverOf, traceparentOf, verdictAttributes } from "../telemetry/spans.ts"
import { hasBody as carriesBody, paceOf, type Reservation, reserve, watchPace } from "../http/body.ts"
import { collect, collectEffect, decodable, decodeBody, isEventStream, isMedia, streamDecoder } from "./body.ts"
import { forwardHeaders, headerText } from "./headers.ts"
import { terminatorFor } from "../stream/reassemble.ts"

export interface Deps {
  readonly inspector: Inspector.Service
  readonly store: ConfigStore.Service
  readonly killSwitch: KillSwitch.Service
  readonly telemetry: Telemetry.Service
  readonly meter: Metrics.Service
  readonly upstream: UpstreamClient.Service
}

export interface ExchangeOptions {
  /** The absolute URL of the origin request. */
  readonly url: string
  readonly listener: Telemetry.Listener
  /** Largest response scanned whole before sending (bigger or unknown-length ones stream). */
  readonly bufferLimit: (config: Config) => number
}

/**
 * A URL for logs when the Inspector gave none (`UrlCheck.display` is the one to use): never the userinfo;
 * only scheme and host when a content scanner fired on it (never log the secret).
 */
export const safeTarget = (url: string, findings: ReadonlyArray<Finding>, display?: string): string => {
  if (display !== undefined) return display
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return "[invalid URL]"
  }
  if (findings.some((f) => f.scanner === "dlp" || f.scanner === "entropy")) return `${u.protocol}//[redacted]/[redacted]`
  const plain = `${u.protocol}//${u.host}${u.pathname}${u.search}`
  return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain
}

/**
 * The JSON a blocked request gets (403, or 429 for rate limits, 502 for a blocked response), with a `hint`
 * naming the config key when configuration could allow it (SSRF, api_allowlist).
 */
export const blockBody = (verdict: Verdict, requestId: string) => ({
  blocked: true,
  reason: reasonOf(verdict),
  rule: verdict.decisive?.rule ?? "blocked",
  scanner: verdict.decisive?.scanner,
  hint: hintOf(verdict.decisive === undefined ? verdict.findings : [verdict.decisive]),
  request_id: requestId
})

export const blockStatus = (verdict: Verdict): number =>
  verdict.decisive?.scanner === "ratelimit" || verdict.decisive?.scanner === "databudget" ? 429 : 403

export const blockHeaders = (verdict: Verdict, requestId: string): Record<string, string> => ({
  "x-pipelock-block": verdict.decisive?.rule ?? "blocked",
  "x-pipelock-request-id": requestId
})

const warningHeader = (findings: ReadonlyArray<Finding>): string =>
  [...new Set(findings.map((f) => f.rule))].join(", ").replace(/[^\x20-\x7e]/g, "?").slice(0, 300)

interface Outcome {
  action: Verdict["action"]
  status?: number
  findings: Finding[]
  /** Which side the decisive verdict judged: the request, until the response is blocked. */
  direction: "request" | "response"
}

/** A finding for a body Pipelock would not hold: too slow, or the in-flight budget spent. */
const bodyFinding = (rule: "body_timeout" | "body_budget", message: string): Finding =>
  ({ scanner: "body", rule, severity: "high", location: "body", evidence: "", action: "block", message })

/** The answer when the in-flight body budget is spent: try again in a moment. */
export const budgetBody = (requestId: string) => ({
  error: "server_busy",
  message: "too many bodies are being scanned at once (max_inflight_body_mb); retry shortly",
  request_id: requestId
})

export const exchange = (deps: Deps, req: IncomingMessage, res: ServerResponse, opts: ExchangeOptions) => {
  // Budget reservations this exchange holds, released when it ends whichever way.
  const held: Reservation[] = []
  return requestSpan("ForwardProxy.request", () => serverAttributes(req, opts.listener, serverOf(opts.url)), (note, trace) => Effect.gen(function* () {
    const { inspector, store, telemetry } = deps
    const started = performance.now()
    const requestId = randomUUID()
    const config = yield* store.current
    // Callbacks below run outside this fiber: they fork with its services (tracer and parent span included).
    const services = yield* Effect.context<never>()
    const ctx: Inspector.RequestContext = { requestId, listener: opts.listener, clientIp: clientIp(req) }
    const outcome: Outcome = { action: "allow", findings: [], direction: "request" }
    /** The URL as logs may show it (set by the URL check). */
    let display: string | undefined
    const log = () => {
      const durationMs = performance.now() - started
      deps.meter.observe(metrics.requestDuration, durationMs / 1000)
      if (trace !== undefined) {
        note(outcomeAttributes({
          action: outcome.action, findings: outcome.findings, mode: config.mode, status: outcome.status, requestId, target: safeTarget(opts.url, outcome.findings, display)
        }))
        recordFindings(trace.span, outcome.findings)
      }
      telemetry.verdictUnsafe({
        listener: opts.listener, requestId, action: outcome.action, mode: config.mode, direction: outcome.direction, method: req.method,
        target: safeTarget(opts.url, outcome.findings, display), clientIp: ctx.clientIp, status: outcome.status, durationMs: Math.round(durationMs * 10) / 10,
        findings: outcome.findings
      }, trace?.span)
    }
    const block = (verdict: Verdict, status = blockStatus(verdict)) => {
      outcome.action = "block"
      outcome.status = status
      outcome.findings.push(...verdict.findings)
      sendJson(res, status, blockBody(verdict, requestId), { ...blockHeaders(verdict, requestId), connection: "close" })
      log()
    }

    const urlCheck = yield* inspector.checkUrl(opts.url, ctx)
    display = urlCheck.display
    if (urlCheck.verdict.action === "block" || urlCheck.target === undefined) return block(urlCheck.verdict)
    outcome.findings.push(...urlCheck.verdict.findings)

    const limit = config.request_body_scanning.max_body_bytes
    const budget = config.max_inflight_body_mb * 1024 * 1024
    const fail = (status: number, f: Finding, body: unknown, headers: Record<string, string> = {}) => {
      outcome.action = "block"
      outcome.status = status
      outcome.findings.push(f)
      if (status === 503) {
        // Busy, not hostile: the rest of the body is read and dropped (nothing is held), so the client sees
        // the answer and may retry on the same connection; the pace watch still cuts a slow one.
        req.resume()
        sendJson(res, status, body, headers)
      } else sendJson(res, status, body, { connection: "close", ...headers })
      log()
    }
    let body: Buffer | undefined
    if (carriesBody(req)) {
      const declared = Number(req.headers["content-length"] ?? 0)
      const reservation = reserve(budget, Number.isFinite(declared) && declared > 0 ? Math.min(declared, limit) : 0, { listener: "forward", side: "client", meter: deps.meter })
      if (reservation === undefined) {
        return fail(503, bodyFinding("body_budget", "the in-flight body budget is spent"), budgetBody(requestId), { "retry-after": "1" })
      }
      held.push(reservation)
      const got = yield* collectEffect(req, Math.max(limit, 1), reservation)
      if (!got.ok) {
        if (got.reason === "budget") return fail(503, bodyFinding("body_budget", "the in-flight body budget is spent"), budgetBody(requestId), { "retry-after": "1" })
        // The pace watch has already answered 408 and is closing the connection.
        if (got.reason === "timeout") return fail(408, bodyFinding("body_timeout", `request body cut: ${got.message}`), {})
        if (got.reason === "too_large") {
          const f: Finding = {
            scanner: "body", rule: "body_too_large", severity: "high", location: "body", evidence: "", action: "block",
            message: `request body larger than max_body_bytes (${limit}); not forwarded unscanned`
          }
          return block({ action: "block", findings: [f], mode: config.mode, decisive: f })
        }
        outcome.status = 400
        outcome.action = "block"
        sendJson(res, 400, { error: "bad_request", message: `could not read the request body: ${got.message}`, request_id: requestId })
        return log()
      }
      body = got.body
    }
    const reqVerdict = yield* inspector.inspectRequest({ method: req.method ?? "GET", url: opts.url, headers: req.headers, body }, ctx)
    if (reqVerdict.action === "block") {
      const inBody = (f: Finding) => f.location === "body" || f.location.startsWith("body.") || f.location.startsWith("body[") || f.location.startsWith("a2a:")
      deps.meter.count(reqVerdict.findings.some(inBody) ? metrics.bodyDlpHits : metrics.headerDlpHits, { action: "block" })
      return block(reqVerdict)
    }
    outcome.findings.push(...reqVerdict.findings)
    if (outcome.findings.length > 0) outcome.action = "warn"

    const url = new URL(opts.url)
    const headers = forwardHeaders(req.headers)
    headers.host = url.host
    if (body !== undefined) {
      delete headers["transfer-encoding"]
      headers["content-length"] = String(body.length)
    }
    const killSwitch = deps.killSwitch
    // The upstream hop is a client span; the upstream gets its context as `traceparent` (replacing the agent's,
    // whose span is this request span's parent).
    const hop = trace?.child(req.method ?? "GET", "client", {
      "http.request.method": req.method ?? "GET", ...serverOf(opts.url), "url.full": safeTarget(opts.url, outcome.findings, display),
      "network.peer.address": urlCheck.target.addresses[0]?.address ?? ""
    })
    if (hop !== undefined) headers.traceparent = traceparentOf(hop)
    let hopStatus: number | undefined
    let hopError: string | undefined
    /** The streamed-response scan's span, while one runs. */
    let scanSpan: ReturnType<NonNullable<typeof trace>["child"]> | undefined
    const endScan = (v: Verdict | undefined) => {
      if (scanSpan === undefined) return
      if (v !== undefined) recordFindings(scanSpan, v.findings)
      endSpan(scanSpan, v !== undefined ? verdictAttributes(v.action, v.findings, v.decisive) : { "pipelock.stream.completed": false }, 500)
      scanSpan = undefined
    }
    yield* Effect.callback<void>((resume) => {
      let finished = false
      let unregister = () => {}
      const done = () => {
        if (finished) return
        finished = true
        unregister()
        endScan(undefined)
        if (hop !== undefined) endSpan(hop, hopStatus !== undefined ? { "http.response.status_code": hopStatus } : {}, 400, hopError)
        log()
        resume(Effect.void)
      }
      const upstream = deps.upstream.request({ url, target: urlCheck.target!,
        method: req.method ?? "GET",
        headers,
        timeoutMs: config.fetch_proxy.timeout_seconds * 1000,
        caBundle: config.tls_interception.upstream_ca_bundle
      })
      const cut = (why: string) => {
        hopError ??= why === "kill_switch" ? "kill_switch" : "upstream_body"
        upstream.destroy()
        if (!res.headersSent) {
          outcome.status = why === "kill_switch" ? 503 : 502
          sendJson(res, outcome.status, why === "kill_switch"
            ? { error: "kill_switch_active", message: config.kill_switch.message, request_id: requestId }
            : { error: "upstream_error", message: why, request_id: requestId })
        } else res.destroy()
        done()
      }
      unregister = killSwitch.onTrip(() => {
        outcome.findings.push({ scanner: "kill_switch", rule: "kill_switch", severity: "critical", location: "connection", evidence: "", message: "kill switch turned on mid-request" })
        outcome.action = "block"
        cut("kill_switch")
      })
      upstream.on("timeout", () => {
        hopError ??= "timeout"
        upstream.destroy(new Error("timeout"))
        if (!res.headersSent) {
          outcome.status = 504
          sendJson(res, 504, { error: "upstream_timeout", message: `no answer from ${url.host} within ${config.fetch_proxy.timeout_seconds}s`, request_id: requestId })
        } else res.destroy()
        done()
      })
      upstream.on("error", (e) => {
        if (finished) return
        hopError ??= (e as NodeJS.ErrnoException).code ?? e.name
        if (!res.headersSent) {
          outcome.status = 502
          sendJson(res, 502, { error: "upstream_error", message: `${url.host}: ${e.message}`, request_id: requestId })
        } else res.destroy()
        done()
      })
      res.on("close", () => {
        if (!res.writableFinished) upstream.destroy()
        done()
      })
      upstream.on("response", (ures) => {
        const status = ures.statusCode ?? 502
        hopStatus = status
        outcome.status = status
        const rh = forwardHeaders(ures.headers)
        const contentType = headerText(ures.headers["content-type"])
        const encoding = headerText(ures.headers["content-encoding"])
        const length = ures.headers["content-length"] === undefined ? undefined : Number(ures.headers["content-length"])
        const media = isMedia(contentType) || req.method === "HEAD" || status === 204 || status === 304
        const respond = (extra: Record<string, string>) => {
          if (outcome.action === "warn" && outcome.findings.length > 0) extra["x-pipelock-warning"] = warningHeader(outcome.findings)
          res.writeHead(status, { ...rh, ...extra })
        }
        ures.on("error", () => res.destroy())
        if (media) {
          respond({})
          ures.pipe(res)
          ures.on("end", () => inspector.recordTransfer(opts.url, Number(length ?? 0)))
          return
        }
        if (!decodable(encoding)) {
          ures.destroy()
          const f: Finding = {
            scanner: "body", rule: "undecodable_response", severity: "high", location: "response", evidence: encoding, action: "block",
            message: `response content-encoding "${encoding}" cannot be decoded for scanning`
          }
          outcome.action = "block"
          outcome.direction = "response"
          outcome.findings.push(f)
          outcome.status = 502
          sendJson(res, 502, blockBody({ action: "block", findings: [f], mode: config.mode, decisive: f }, requestId), blockHeaders({ action: "block", findings: [f], mode: config.mode, decisive: f }, requestId))
          return done()
        }
        const bufferLimit = opts.bufferLimit(config)
        const streaming = isEventStream(contentType) || length === undefined || length > bufferLimit
        if (!streaming) {
          const reservation = reserve(budget, length ?? 0, { listener: "forward", side: "upstream", meter: deps.meter })
          if (reservation === undefined) {
            ures.destroy()
            outcome.action = "block"
            outcome.findings.push(bodyFinding("body_budget", "the in-flight body budget is spent"))
            outcome.status = 503
            sendJson(res, 503, budgetBody(requestId), { "retry-after": "1" })
            return done()
          }
          held.push(reservation)
          // An origin that trickles a body Pipelock must hold is cut like a slow client.
          watchPace(ures, paceOf(config.forward_proxy), { listener: "forward", side: "upstream", meter: deps.meter }, (reason) =>
            ures.destroy(new Error(reason === "idle" ? "the origin's body stalled" : "the origin's body arrived too slowly")))
          void collect(ures, bufferLimit, reservation).then((got) => {
            if (finished) return
            if (!got.ok) return cut(got.reason === "timeout" ? `${url.host}: ${got.message}` : got.message)
            let decoded: Buffer
            try {
              decoded = decodeBody(got.body, encoding, Math.max(bufferLimit * 4, 1 << 20))
            } catch (e) {
              return cut(`response could not be decoded for scanning: ${(e as Error).message}`)
            }
            // A compressed body grows when decoded: the decoded bytes count against the budget too.
            if (decoded !== got.body && !reservation.grow(decoded.length)) {
              outcome.action = "block"
              outcome.findings.push(bodyFinding("body_budget", "the in-flight body budget is spent"))
              outcome.status = 503
              sendJson(res, 503, budgetBody(requestId), { "retry-after": "1" })
              return done()
            }
            const text = decoded.toString("utf8")
            inspector.recordTransfer(opts.url, got.body.length)
            Effect.runForkWith(services)(inspector.inspectResponse(text, { ...ctx, url: opts.url, contentType }).pipe(Effect.map((v) => {
              if (finished) return
              outcome.findings.push(...v.findings)
              if (v.action === "block") {
                outcome.action = "block"
                outcome.direction = "response"
                outcome.status = 403
                if (opts.listener === "tls") deps.meter.count(metrics.tlsResponseBlocked, { reason: "injection" })
                sendJson(res, 403, blockBody(v, requestId), blockHeaders(v, requestId))
                return
              }
              if (v.action === "warn") outcome.action = "warn"
              respond({ "content-length": String(got.body.length) })
              res.end(got.body)
            })))
          })
          return
        }
        // Streaming, framed by the Content-Type. Event streams (SSE, NDJSON, JSON lines) are judged event by
        // event — the model's text joined per output, tool-call arguments per call — and each event is relayed
        // once judged, decoded and re-framed (what was judged is what the client gets); raw text is judged chunk
        // by chunk with an overlap window and forwarded as received. The status line waits for the first
        // relayed event (raw text: the first chunk's verdict), so a body blocked before it still gets a clean 403.
        const scanner = Effect.runSync(inspector.responseStream({ ...ctx, url: opts.url, contentType }))
        scanSpan = trace?.child("Inspector.responseStream", "internal", { "pipelock.stream.format": scanner.format })
        const framed = scanner.format !== "text"
        if (framed) {
          // The relayed body is decoded and re-framed: the upstream's encoding and length no longer describe it.
          delete rh["content-length"]
          delete rh["content-encoding"]
        }
        let headSent = false
        const sendHead = () => {
          if (!headSent) {
            headSent = true
            respond({})
          }
        }
        const decoder = streamDecoder(encoding)
        const text = new StringDecoder("utf8")
        let decoded = ""
        decoder?.on("data", (d: Buffer) => { decoded += text.write(d) })
        decoder?.on("error", () => cut("compressed stream could not be decoded"))
        let received = 0
        let relayed = 0
        /** Ends a blocked stream: the events judged before the block, then the format's own error message. */
        const stop = (v: Verdict, relay: string) => {
          endScan(v)
          outcome.action = "block"
          outcome.direction = "response"
          outcome.findings.push(...v.findings)
          ures.destroy()
          if (!headSent && relay === "") {
            outcome.status = 403
            sendJson(res, 403, blockBody(v, requestId), blockHeaders(v, requestId))
          } else {
            sendHead()
            if (relay !== "") {
              res.write(relay)
              relayed += Buffer.byteLength(relay)
            }
            const body = blockBody(v, requestId)
            const end = scanner.terminator(body) ?? (isEventStream(contentType) ? terminatorFor("sse", body) : undefined)
            if (end !== undefined) res.end(end)
            else res.destroy()
          }
          // What already reached the client is counted, never quoted.
          telemetry.logUnsafe("warn", "stream_cut", {
            request_id: requestId, rule: v.decisive?.rule, target: safeTarget(opts.url, v.findings, display), format: scanner.format, bytes_relayed: relayed
          }, trace?.span)
          done()
        }
        /** Sends what a step lets through (the chunk as received for raw text), then waits for the client. */
        const relay = (step: Inspector.StreamStep, chunk: Buffer | undefined, next: () => void) => {
          if (step.verdict.action === "block") return stop(step.verdict, framed ? step.relay : "")
          const out = framed ? step.relay : chunk
          // The status line goes with the first thing relayed: a block before it is still a clean 403.
          if (out === undefined || out.length === 0) return next()
          sendHead()
          relayed += typeof out === "string" ? Buffer.byteLength(out) : out.length
          if (!res.write(out)) res.once("drain", next)
          else next()
        }
        const judge = (chunk: Buffer, next: () => void) => {
          const check = () => {
            const piece = decoder === undefined ? text.write(chunk) : decoded
            decoded = ""
            relay(scanner.push(piece), chunk, next)
          }
          if (decoder === undefined) return check()
          decoder.write(chunk)
          decoder.flush(check)
        }
        // Chunks are judged strictly one at a time; the end of the body waits for the last judgement.
        const queue: Buffer[] = []
        let working = false
        let ended = false
        const finishBody = () => {
          if (finished) return
          const tail = decoder === undefined ? text.end() : decoded + text.end()
          const last = (step: Inspector.StreamStep, then: () => void) => relay(step, undefined, then)
          const close = () => {
            const end = scanner.finish()
            last(end, () => {
              if (finished) return
              const v = end.verdict
              endScan(v)
              outcome.findings.push(...v.findings.filter((f) => !outcome.findings.some((g) => g.rule === f.rule)))
              if (v.action === "warn" && outcome.action === "allow") outcome.action = "warn"
              inspector.recordTransfer(opts.url, received)
              sendHead()
              res.end()
              done()
            })
          }
          if (tail === "") return close()
          last(scanner.push(tail), close)
        }
        const work = () => {
          if (working || finished) return
          const chunk = queue.shift()
          if (chunk === undefined) {
            if (!ended) return ures.resume()
            if (decoder === undefined) return finishBody()
            decoder.once("end", finishBody)
            return void decoder.end()
          }
          working = true
          judge(chunk, () => {
            working = false
            work()
          })
        }
        ures.on("data", (chunk: Buffer) => {
          received += chunk.length
          queue.push(chunk)
          ures.pause()
          work()
        })
        ures.on("end", () => {
          ended = true
          work()
        })
        ures.resume()
      })
      if (body !== undefined) upstream.end(body)
      else upstream.end()
      return Effect.sync(() => {
        upstream.destroy()
        res.destroy()
      })
    })
  }).pipe(Effect.ensuring(Effect.sync(() => {
    for (const r of held) r.release()
  }))), req.headers)
}
