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
import { requestSpan, verdictAttributes } from "../telemetry/spans.ts"
import { clientIp, sendJson } from "../http/respond.ts"
import { collect, decodable, decodeBody, isMedia } from "./body.ts"
import { blockBody, blockHeaders, blockStatus, type Deps, safeTarget } from "./exchange.ts"
import { headerText } from "./headers.ts"
import * as Upstream from "./upstream.ts"

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
}

export const handleFetch = (deps: Deps, req: IncomingMessage, res: ServerResponse) =>
  requestSpan("ForwardProxy.fetch", { "pipelock.listener": "fetch", "http.request.method": req.method ?? "GET" }, (note) => Effect.gen(function* () {
    const { inspector, store, telemetry } = deps
    const requestId = randomUUID()
    const config = yield* store.current
    const fp = config.fetch_proxy
    const ctx = { requestId, listener: "fetch" as const, clientIp: clientIp(req) }
    const findings: Finding[] = []
    const suppressed: Finding[] = []
    let target = ""
    const log = (action: Verdict["action"], status: number, direction: "request" | "response" = "request") => {
      note({ ...verdictAttributes(action, findings), "pipelock.request_id": requestId, "pipelock.target": safeTarget(target, findings, suppressed), "http.response.status_code": status })
      telemetry.verdictUnsafe({ listener: "fetch", requestId, action, mode: config.mode, direction, method: "GET", target: safeTarget(target, findings, suppressed), clientIp: ctx.clientIp, status, findings })
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
    for (let hop = 0; hop <= 5; hop++) {
      const check = yield* inspector.checkUrl(target, ctx)
      findings.push(...check.verdict.findings)
      suppressed.push(...check.verdict.suppressed ?? [])
      if (check.verdict.action === "block" || check.target === undefined) {
        const status = blockStatus(check.verdict)
        sendJson(res, status, blockBody(check.verdict, requestId), blockHeaders(check.verdict, requestId))
        return log("block", status)
      }
      const url = new URL(target)
      const got = yield* Effect.callback<Fetched>((resume) => {
        const r = Upstream.request(url, check.target!, {
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
          void collect(u, max).then((c) => {
            clearTimeout(timer)
            if (!c.ok) return resume(Effect.succeed({ status, contentType, error: c.reason === "too_large" ? `response larger than max_response_mb (${fp.max_response_mb})` : c.message }))
            if (!decodable(encoding)) return resume(Effect.succeed({ status, contentType, error: `content-encoding ${encoding} cannot be decoded` }))
            try {
              resume(Effect.succeed({ status, contentType, body: decodeBody(c.body, encoding, max) }))
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
      sendJson(res, 200, {
        url: target,
        status: got.status,
        content_type: got.contentType,
        text: media ? `[${got.contentType}, ${got.body.length} bytes not shown]` : text,
        verdict: verdictJson(verdict),
        request_id: requestId
      }, verdict.action === "warn" ? { "x-pipelock-warning": [...new Set(verdict.findings.map((f) => f.rule))].join(", ").slice(0, 300) } : {})
      return log(verdict.action, 200)
    }
  }))
