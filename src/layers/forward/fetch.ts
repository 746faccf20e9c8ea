/**
 * `GET /fetch?url=…`: fetches a page for an agent through the same guards (each redirect hop re-checked,
 * at most 5), scans the response, and answers JSON `{url, status, content_type, text, verdict}`; a block is
 * a 403 with `{blocked, reason, rule, request_id}`. `timeout_seconds`, `max_response_mb`, `user_agent`.
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { Effect } from "effect"
import type { Finding, Verdict } from "../../services/Verdict.ts"
import { stripMarkup } from "../detect/normalize.ts"
import { outcomeAttributes, recordFindings, requestSpan, serverAttributes, serverOf } from "../telemetry/spans.ts"
import { clientIp, sendJson } from "../http/respond.ts"
import { metrics } from "../telemetry/metrics.ts"
import { paceOf, type Reservation, reserve, watchPace } from "../http/body.ts"
import { collect, decodable, decodeBody, isMedia } from "./body.ts"
import { blockBody, blockHeaders, blockStatus, budgetBody, type Deps, safeTarget } from "./exchange.ts"
import { headerText } from "./headers.ts"

const verdictJson = (v: Verdict) => ({
  action: v.action,
  findings: v.findings.map((f) => ({ scanner: f.scanner, rule: f.rule, severity: f.severity, location: f.location, message: f.message }))
})

interface Fetched {
  readonly status: number
  readonly contentType: string
  readonly body?: Buffer
  readonly location?: string
  readonly error?: string
  /** The in-flight body budget was spent (503, retry). */
  readonly busy?: boolean
}

/**
 * The reply for a fetched page, kept within `max` bytes of JSON: a text that escapes heavily (control
 * characters become six bytes each) is cut until the whole reply fits, and says so. What was scanned is the
 * whole text; the reply carries a prefix of it.
 */
export const fetchReply = (fields: Record<string, unknown>, text: string, max: number): { body: string; truncated: boolean } => {
  let t = text
  let truncated = false
  for (let round = 0; round < 8; round++) {
    const body = JSON.stringify({ ...fields, text: t, ...(truncated ? { truncated: true } : {}) })
    if (body.length <= max || t.length === 0) return { body, truncated }
    truncated = true
    const keep = Math.max(0, Math.floor(t.length * (max / body.length) * 0.95) - 64)
    // Never split a surrogate pair.
    t = t.slice(0, keep > 0 && /[\uD800-\uDBFF]/.test(t[keep - 1]) ? keep - 1 : keep)
  }
  return { body: JSON.stringify({ ...fields, text: "", truncated: true }), truncated: true }
}

export const handleFetch = (deps: Deps, req: IncomingMessage, res: ServerResponse) => {
  // Budget reservations of the pages fetched, released when the request ends whichever way.
  const held: Reservation[] = []
  const releaseAll = () => {
    for (const r of held.splice(0)) r.release()
  }
  return requestSpan("ForwardProxy.fetch", () => serverAttributes(req, "fetch", serverOf(`http://${req.headers.host ?? ""}`)), (note, trace) => Effect.gen(function* () {
    const { inspector, store, telemetry } = deps
    const requestId = randomUUID()
    const config = yield* store.current
    const fp = config.fetch_proxy
    const ctx = { requestId, listener: "fetch" as const, clientIp: clientIp(req) }
    const findings: Finding[] = []
    let target = ""
    /** The URL as logs may show it (set by each hop's URL check). */
    let display: string | undefined
    const log = (action: Verdict["action"], status: number, direction: "request" | "response" = "request") => {
      if (trace !== undefined) {
        note(outcomeAttributes({ action, findings, mode: config.mode, status, requestId, target: safeTarget(target, findings, display) }))
        recordFindings(trace.span, findings)
      }
      telemetry.verdictUnsafe({ listener: "fetch", requestId, action, mode: config.mode, direction, method: "GET", target: safeTarget(target, findings, display), clientIp: ctx.clientIp, status, findings }, trace?.span)
    }
    if (req.method !== "GET") {
      sendJson(res, 405, { error: "method_not_allowed", message: "/fetch accepts GET only", request_id: requestId }, { allow: "GET" })
      return log("block", 405)
    }
    const param = new URL(req.url ?? "/", "http://pipelock.invalid").searchParams.get("url")
    // Control characters are stripped before anything else looks at the URL.
    target = (param ?? "").replace(/[\u0000-\u001f\u007f]/g, "")
    if (target === "" || !/^https?:\/\//i.test(target)) {
      sendJson(res, 400, { error: "bad_request", message: "give an http(s) URL: /fetch?url=https://…", request_id: requestId })
      return log("block", 400)
    }
    const max = fp.max_response_mb * 1024 * 1024
    const budget = config.max_inflight_body_mb * 1024 * 1024
    for (let hop = 0; hop <= 5; hop++) {
      const check = yield* inspector.checkUrl(target, ctx)
      display = check.display
      findings.push(...check.verdict.findings)
      if (check.verdict.action === "block" || check.target === undefined) {
        const status = blockStatus(check.verdict)
        sendJson(res, status, blockBody(check.verdict, requestId), blockHeaders(check.verdict, requestId))
        return log("block", status)
      }
      const url = new URL(target)
      const got = yield* Effect.callback<Fetched>((resume) => {
        const r = deps.upstream.request({ url, target: check.target!,
          method: "GET",
          headers: { host: url.host, "user-agent": fp.user_agent, accept: "text/html,application/json,text/plain;q=0.9,*/*;q=0.5", "accept-encoding": "gzip, deflate, br, zstd" },
          timeoutMs: fp.timeout_seconds * 1000,
          caBundle: config.tls_interception.upstream_ca_bundle
        })
        const timer = setTimeout(() => r.destroy(new Error(`timed out after ${fp.timeout_seconds}s`)), fp.timeout_seconds * 1000)
        r.on("timeout", () => r.destroy(new Error(`timed out after ${fp.timeout_seconds}s`)))
        r.on("error", (e) => {
          clearTimeout(timer)
          resume(Effect.succeed({ status: 0, contentType: "", error: e.message }))
        })
        r.on("response", (u) => {
          const status = u.statusCode ?? 0
          const contentType = headerText(u.headers["content-type"])
          if (status >= 300 && status < 400 && u.headers.location !== undefined) {
            u.resume()
            clearTimeout(timer)
            return resume(Effect.succeed({ status, contentType, location: new URL(u.headers.location, url).href }))
          }
          const encoding = headerText(u.headers["content-encoding"])
          const declared = Number(u.headers["content-length"] ?? 0)
          const reservation = reserve(budget, Number.isFinite(declared) && declared > 0 ? Math.min(declared, max) : 0, { listener: "forward", side: "upstream", meter: deps.meter })
          if (reservation === undefined) {
            u.destroy()
            clearTimeout(timer)
            return resume(Effect.succeed({ status, contentType, busy: true }))
          }
          held.push(reservation)
          watchPace(u, paceOf(config.forward_proxy), { listener: "forward", side: "upstream", meter: deps.meter }, (reason) =>
            u.destroy(new Error(reason === "idle" ? "the page's body stalled" : "the page's body arrived too slowly")))
          void collect(u, max, reservation).then((c) => {
            clearTimeout(timer)
            if (!c.ok) {
              if (c.reason === "budget") return resume(Effect.succeed({ status, contentType, busy: true }))
              return resume(Effect.succeed({ status, contentType, error: c.reason === "too_large" ? `response larger than max_response_mb (${fp.max_response_mb})` : c.message }))
            }
            if (!decodable(encoding)) return resume(Effect.succeed({ status, contentType, error: `content-encoding ${encoding} cannot be decoded` }))
            try {
              const decoded = decodeBody(c.body, encoding, max)
              if (decoded !== c.body && !reservation.grow(decoded.length)) return resume(Effect.succeed({ status, contentType, busy: true }))
              resume(Effect.succeed({ status, contentType, body: decoded }))
            } catch (e) {
              resume(Effect.succeed({ status, contentType, error: `response could not be decoded: ${(e as Error).message}` }))
            }
          })
        })
        r.end()
        return Effect.sync(() => r.destroy())
      })
      if (got.location !== undefined) {
        if (hop === 5) {
          sendJson(res, 502, { error: "too_many_redirects", message: "more than 5 redirects", request_id: requestId })
          return log("block", 502)
        }
        target = got.location
        continue
      }
      if (got.busy === true) {
        sendJson(res, 503, budgetBody(requestId), { "retry-after": "1" })
        return log("block", 503)
      }
      if (got.error !== undefined || got.body === undefined) {
        const status = got.error?.includes("timed out") ? 504 : 502
        sendJson(res, status, { error: "fetch_failed", message: got.error ?? "no body", url: target, request_id: requestId })
        return log("block", status)
      }
      inspector.recordTransfer(target, got.body.length)
      const media = isMedia(got.contentType)
      const raw = media ? "" : got.body.toString("utf8")
      const verdict = media ? { action: "allow" as const, findings: [], mode: config.mode } : yield* inspector.inspectResponse(raw, { ...ctx, url: target, contentType: got.contentType })
      findings.push(...verdict.findings)
      if (verdict.action === "block") {
        sendJson(res, 403, blockBody(verdict, requestId), blockHeaders(verdict, requestId))
        return log("block", 403, "response")
      }
      const text = /html|xml/i.test(got.contentType) ? stripMarkup(raw).replace(/[ \t]+/g, " ").replace(/\n\s*\n+/g, "\n\n").trim() : raw
      // The reply is capped after decoding and escaping (a small gzip bomb of control characters must not
      // become a reply many times max_response_mb).
      const reply = fetchReply(
        { url: target, status: got.status, content_type: got.contentType, verdict: verdictJson(verdict), request_id: requestId },
        media ? `[${got.contentType}, ${got.body.length} bytes not shown]` : text,
        max
      )
      if (reply.truncated) deps.meter.count(metrics.fetchTruncated)
      releaseAll()
      if (!res.headersSent && !res.writableEnded && !res.destroyed) {
        res.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(reply.body),
          "cache-control": "no-store",
          ...(verdict.action === "warn" ? { "x-pipelock-warning": [...new Set(verdict.findings.map((f) => f.rule))].join(", ").slice(0, 300) } : {})
        })
        res.end(reply.body)
      }
      return log(verdict.action, 200)
    }
  }).pipe(Effect.ensuring(Effect.sync(releaseAll))), req.headers)
}
