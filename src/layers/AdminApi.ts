/**
 * The admin endpoints. `/health` answers 200 with the state (`degraded`, with the reason, while the shared
 * session store cannot answer: every replica shares it, so taking this one out of service would not help),
 * or 503 while the kill switch is on;
 * `/metrics` is Prometheus text; `/stats` JSON tallies. The kill-switch API needs a bearer token
 * (`kill_switch.api_token`, or PIPELOCK_KILLSWITCH_API_TOKEN): no token configured → 503 (disabled),
 * wrong or missing token → 401, more than 10 changes a minute → 429.
 * `POST /api/v1/scan` judges the inputs of its JSON body (`url`, `text`, `request`, `response`, `mcp` with
 * `direction`, `tools`; `resolve` for DNS) and answers the verdict JSON of `pipelock check --json`, for apps
 * that want verdicts without proxying. Same bearer token (off when none is configured); the scans run on an
 * Inspector of their own (built on first use, following config reloads) whose rate and data windows never
 * count, so a scan neither spends nor sees the agents' budgets; one scan is one MCP session.
 */
import { timingSafeEqual, createHash, randomBytes } from "node:crypto"
import { Effect, Layer, Option, Scope } from "effect"
import { AdminApi, type Route } from "../services/AdminApi.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { Inspector } from "../services/Inspector.ts"
import { KillSwitch } from "../services/KillSwitch.ts"
import { Resolver } from "../services/Resolver.ts"
import { SessionStore } from "../services/SessionStore.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { version } from "../version.ts"
import { combine } from "./detect/decide.ts"
import * as InspectorLayer from "./Inspector.ts"
import * as ResolverLayer from "./Resolver.ts"
import { judge, type ScanInput, verdictJson } from "./scan.ts"
import * as SessionStoreLayer from "./SessionStore.ts"
import { readBody, sendJson, clientIp } from "./http/respond.ts"
import { Metrics } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"

const routes: Readonly<Record<string, Route>> = {
  "/health": "health",
  "/metrics": "metrics",
  "/stats": "stats",
  "/api/v1/killswitch": "killswitch",
  "/api/v1/killswitch/status": "killswitch_status",
  "/api/v1/scan": "scan"
}

/** The largest scan request body (as the Go scan API's `max_body_bytes` default). */
const SCAN_BODY_LIMIT = 1 << 20
const scanKeys = new Set(["url", "text", "request", "response", "mcp", "direction", "tools", "resolve"])

/** A scan body's inputs, or what is wrong with it. */
const scanInputOf = (u: unknown): { input: ScanInput; resolve: boolean } | string => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return "expected a JSON object"
  const o = u as Record<string, unknown>
  const unknown = Object.keys(o).filter((k) => !scanKeys.has(k))
  if (unknown.length > 0) return `unknown field ${unknown.map((k) => JSON.stringify(k)).join(", ")}`
  if (!["url", "text", "request", "response", "mcp", "tools"].some((k) => o[k] !== undefined)) {
    return "give something to scan: url, text, request, response, mcp or tools"
  }
  if (o.url !== undefined && typeof o.url !== "string") return "url must be a string"
  if (o.text !== undefined && typeof o.text !== "string") return "text must be a string"
  if (o.direction !== undefined && o.direction !== "request" && o.direction !== "response") return 'direction must be "request" or "response"'
  if (o.resolve !== undefined && typeof o.resolve !== "boolean") return "resolve must be true or false"
  return {
    input: { url: o.url as string | undefined, text: o.text as string | undefined, request: o.request, response: o.response, mcp: o.mcp, direction: (o.direction as ScanInput["direction"]) ?? "request", tools: o.tools },
    resolve: o.resolve === true
  }
}

const digest = (s: string) => createHash("sha256").update(s).digest()

/** Constant-time comparison of a presented bearer token with the configured one. */
export const tokenMatches = (header: string | undefined, token: string): boolean => {
  if (header === undefined) return false
  const m = /^Bearer\s+(.+)$/i.exec(header.trim())
  if (m === null) return false
  return timingSafeEqual(digest(m[1]), digest(token))
}

export const make = Effect.gen(function* () {
  const store = yield* ConfigStore
  const killSwitch = yield* KillSwitch
  const telemetry = yield* Telemetry
  const sessions = yield* SessionStore
  const meter = yield* Metrics
  meter.set(metrics.info, 1, { version })
  const changes: number[] = []

  // The scans' own Inspector, built on first use in this layer's scope (compiling the scanners takes a while).
  const scope = yield* Scope.Scope
  const resolver = Option.getOrElse(yield* Effect.serviceOption(Resolver), () => ResolverLayer.make())
  const memory = SessionStoreLayer.makeWith(() => ({ ttlMs: 0, maxSessions: 0 })).service
  const scanSessions = SessionStore.of({ ...memory, windows: (ops) => Effect.succeed(ops.map(() => ({ counted: true, total: 0 }))) })
  const scanInspector = yield* Effect.cached(InspectorLayer.make.pipe(
    Effect.provideService(ConfigStore, store),
    Effect.provideService(Resolver, resolver),
    Effect.provideService(SessionStore, scanSessions),
    Scope.provide(scope)
  ))

  const health = Effect.fn("AdminApi.health")(function* (res: Parameters<typeof sendJson>[0]) {
    const config = yield* store.current
    const ks = yield* killSwitch.status
    const shared = yield* sessions.health
    const body = {
      status: ks.active ? "kill_switch_active" : shared.available ? "healthy" : "degraded",
      version,
      mode: config.mode,
      uptime_seconds: meter.uptimeSeconds(),
      kill_switch: ks.active,
      kill_switch_active: ks.active,
      forward_proxy_enabled: config.forward_proxy.enabled,
      websocket_proxy_enabled: config.websocket_proxy.enabled,
      tls_interception_enabled: config.tls_interception.enabled,
      response_scan_enabled: config.response_scanning.enabled,
      request_body_scan_enabled: config.request_body_scanning.enabled,
      mcp_proxy_enabled: store.run.mcpListen !== undefined,
      rate_limit_enabled: config.fetch_proxy.monitoring.max_requests_per_minute > 0,
      session_store: shared.available
        ? { backend: shared.backend, available: true }
        : { backend: shared.backend, available: false, reason: shared.reason, on_unavailable: config.session_store.on_unavailable }
    }
    sendJson(res, ks.active ? 503 : 200, body)
  })

  const killswitch = Effect.fn("AdminApi.killswitch")(function* (route: Route, req: Parameters<typeof clientIp>[0], res: Parameters<typeof sendJson>[0]) {
    const config = yield* store.current
    const token = config.kill_switch.api_token
    if (token === "") {
      return sendJson(res, 503, { error: "api_disabled", message: "the kill-switch API is disabled: set kill_switch.api_token or PIPELOCK_KILLSWITCH_API_TOKEN" })
    }
    if (!tokenMatches(req.headers.authorization, token)) {
      yield* telemetry.log("warn", "killswitch_api_unauthorized", { client_ip: clientIp(req) })
      return sendJson(res, 401, { error: "unauthorized", message: "a valid bearer token is required" }, { "www-authenticate": "Bearer" })
    }
    if (route === "killswitch_status") {
      if (req.method !== "GET") return sendJson(res, 405, { error: "method_not_allowed" }, { allow: "GET" })
      return sendJson(res, 200, yield* killSwitch.status)
    }
    let active: boolean
    if (req.method === "DELETE") active = false
    else if (req.method === "POST") {
      const body = yield* Effect.promise(() => readBody(req, 4096).catch(() => undefined))
      if (body === undefined) return sendJson(res, 400, { error: "bad_request", message: "body too large or unreadable" })
      const text = body.toString("utf8").trim()
      if (text === "") active = true
      else {
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {
          return sendJson(res, 400, { error: "bad_request", message: 'expected JSON {"active": true|false}' })
        }
        const a = (parsed as { active?: unknown } | null)?.active
        if (typeof a !== "boolean") return sendJson(res, 400, { error: "bad_request", message: 'expected JSON {"active": true|false}' })
        active = a
      }
    } else return sendJson(res, 405, { error: "method_not_allowed" }, { allow: "POST, DELETE" })

    const now = Date.now()
    while (changes.length > 0 && now - changes[0] > 60_000) changes.shift()
    if (changes.length >= 10) return sendJson(res, 429, { error: "rate_limited", message: "at most 10 changes a minute" }, { "retry-after": "60" })
    changes.push(now)
    yield* killSwitch.set(active, "api")
    yield* telemetry.log("warn", "kill_switch", { source: "api", active, client_ip: clientIp(req) })
    const status = yield* killSwitch.status
    return sendJson(res, 200, { active: status.active, source: "api", message: status.active ? status.message : "kill switch released by the API" })
  })

  const scan = Effect.fn("AdminApi.scan")(function* (req: Parameters<typeof clientIp>[0], res: Parameters<typeof sendJson>[0]) {
    const config = yield* store.current
    const token = config.kill_switch.api_token
    if (token === "") {
      return sendJson(res, 503, { error: "api_disabled", message: "the scan API is disabled: set kill_switch.api_token or PIPELOCK_KILLSWITCH_API_TOKEN" })
    }
    if (!tokenMatches(req.headers.authorization, token)) {
      yield* telemetry.log("warn", "scan_api_unauthorized", { client_ip: clientIp(req) })
      return sendJson(res, 401, { error: "unauthorized", message: "a valid bearer token is required" }, { "www-authenticate": "Bearer" })
    }
    if (req.method !== "POST") return sendJson(res, 405, { error: "method_not_allowed" }, { allow: "POST" })
    const body = yield* Effect.promise(() => readBody(req, SCAN_BODY_LIMIT).catch(() => undefined))
    if (body === undefined) return sendJson(res, 400, { error: "body_too_large", message: `the body is over ${SCAN_BODY_LIMIT} bytes or unreadable` })
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString("utf8"))
    } catch {
      return sendJson(res, 400, { error: "invalid_json", message: "the body is not valid JSON" })
    }
    const given = scanInputOf(parsed)
    if (typeof given === "string") return sendJson(res, 400, { error: "invalid_input", message: given })
    const id = `scan-${randomBytes(8).toString("hex")}`
    const inspector = yield* scanInspector
    const verdicts = yield* judge(given.input, { requestId: id, sessionKey: id, listener: "admin", resolve: given.resolve }).pipe(
      Effect.provideService(Inspector, inspector),
      Effect.ensuring(inspector.endMcpSession(id)),
      Effect.result
    )
    if (verdicts._tag === "Failure") return sendJson(res, 400, { error: "invalid_input", message: verdicts.failure.message })
    const verdict = combine(config.mode, verdicts.success)
    yield* telemetry.log("info", "scan_api", { request_id: id, action: verdict.action, findings: verdict.findings.length, client_ip: clientIp(req) })
    return sendJson(res, 200, verdictJson(verdict))
  })

  return AdminApi.of({
    route: (path) => routes[path],
    handle: (route, req, res) =>
      Effect.gen(function* () {
        if (route === "killswitch" || route === "killswitch_status") return yield* killswitch(route, req, res)
        if (route === "scan") return yield* scan(req, res)
        if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "method_not_allowed" }, { allow: "GET" })
        if (route === "health") return yield* health(res)
        if (route === "stats") return sendJson(res, 200, meter.snapshot())
        const text = meter.prometheus()
        res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" })
        res.end(text)
      })
  })
})

export const layer: Layer.Layer<AdminApi, never, ConfigStore | KillSwitch | Telemetry | SessionStore> = Layer.effect(AdminApi, make)
