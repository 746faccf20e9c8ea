/**
 * Request spans, following the OpenTelemetry HTTP semantic conventions: one server span per proxied request,
 * CONNECT tunnel, WebSocket, fetch or MCP POST, continuing the agent's W3C `traceparent`; a client span for
 * the upstream hop (whose context is what the upstream receives as `traceparent`); an internal span per
 * streamed-response scan; a span per kill-switch denial. The verdict is on the span (`pipelock.action`,
 * `pipelock.mode`, the decisive rule) and every finding is a span event (rule, scanner, severity — never
 * evidence). Status follows the conventions: a server span is an error for a 5xx answer only (a block is a
 * 4xx marked by `pipelock.action`), a client span for a 4xx or 5xx.
 *
 * Transports finish requests in node callbacks, outside any fiber, so a request records its outcome through a
 * `note` function and the span takes the attributes when the request's effect ends.
 *
 * When no tracer is installed (Effect's native tracer, i.e. no OpenTelemetry and no host tracer), nothing is
 * created: no span, no parsing of `traceparent`, no attributes — the request path does no tracing work.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http"
import { Context, Effect, Exit, type Fiber, Option, References, Tracer } from "effect"
import type { Finding, Mode, Verdict } from "../../services/Verdict.ts"

export type SpanAttributes = Record<string, string | number | boolean>
export type Note = (attributes: SpanAttributes) => void

/** The verdict attributes: action, the decisive rule and scanner, how many findings. */
export const verdictAttributes = (action: Verdict["action"], findings: ReadonlyArray<Finding>, decisive?: Finding): SpanAttributes => {
  const first = decisive ?? findings.find((f) => action === "block" ? f.action === "block" : true) ?? findings[0]
  return {
    "pipelock.action": action,
    "pipelock.findings": findings.length,
    ...(first !== undefined ? { "pipelock.rule": first.rule, "pipelock.scanner": first.scanner, "pipelock.severity": first.severity } : {})
  }
}

/** The same for a Verdict value. */
export const attributesOf = (v: Verdict): SpanAttributes => verdictAttributes(v.action, v.findings, v.decisive)

/** Whether spans go anywhere: a tracer other than Effect's native one is installed and tracing is enabled. */
export const tracingOn = (fiber: Fiber.Fiber<unknown, unknown>): boolean =>
  fiber.getRef(Tracer.Tracer) !== Tracer.nativeTracer && fiber.getRef(References.TracerEnabled)

const isHex = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false
  }
  return true
}

/**
 * The agent's span from a W3C `traceparent` header (`00-<trace-id>-<parent-id>-<flags>`), or undefined when it
 * is absent or malformed (then the request starts a new trace). Later versions are read by their version-00
 * prefix, as the spec asks.
 */
export const parseTraceparent = (value: string | ReadonlyArray<string> | undefined): Tracer.ExternalSpan | undefined => {
  if (typeof value !== "string") return undefined
  const v = value.trim().toLowerCase()
  if (v.length < 55 || (v.length > 55 && v[55] !== "-")) return undefined
  const version = v.slice(0, 2)
  const traceId = v.slice(3, 35)
  const spanId = v.slice(36, 52)
  const flags = v.slice(53, 55)
  if (v[2] !== "-" || v[35] !== "-" || v[52] !== "-" || !isHex(version) || version === "ff" || (version === "00" && v.length !== 55)) return undefined
  if (!isHex(traceId) || !isHex(spanId) || !isHex(flags) || traceId === "0".repeat(32) || spanId === "0".repeat(16)) return undefined // all-zero ids are invalid
  return Tracer.externalSpan({ traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 })
}

/** The `traceparent` header value naming `span` as the parent of the receiver's spans. */
export const traceparentOf = (span: Tracer.AnySpan): string => `00-${span.traceId}-${span.spanId}-${span.sampled ? "01" : "00"}`

/** A request's tracing handle (only when a tracer is installed). */
export interface Trace {
  /** The request's server span. */
  readonly span: Tracer.Span
  /** Starts a child span of the request span now (the upstream hop, a streamed scan); end it with `endSpan`. */
  readonly child: (name: string, kind: Tracer.SpanKind, attributes: SpanAttributes) => Tracer.Span
}

/** Wall-clock time in nanoseconds with sub-millisecond resolution, as span times are. */
const origin = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint()
const now = (): bigint => origin + process.hrtime.bigint()

/** Every finding as a span event: rule, scanner, severity, action (never evidence). */
export const recordFindings = (span: Tracer.Span, findings: ReadonlyArray<Finding>, at: bigint = now()): void => {
  for (const f of findings) {
    span.event("pipelock.finding", at, {
      "pipelock.rule": f.rule,
      "pipelock.scanner": f.scanner,
      "pipelock.severity": f.severity,
      ...(f.action !== undefined ? { "pipelock.action": f.action } : {})
    })
  }
}

/** An HTTP error status as an exit, so the span's status is ERROR with the status as its message. */
class HttpStatusError extends Error {
  constructor(status: number) {
    super(`HTTP ${status}`)
    this.name = "HttpStatusError"
  }
}

/**
 * Ends a span with the HTTP status rules: `errorFrom` is the lowest status that is an error (500 for a server
 * span, 400 for a client span). `error.type` is the status, or the given type (e.g. `timeout`) when no status came.
 */
export const endSpan = (span: Tracer.Span, attributes: SpanAttributes, errorFrom: 400 | 500, errorType?: string, exit?: Exit.Exit<unknown, unknown>): void => {
  for (const k in attributes) span.attribute(k, attributes[k])
  const status = attributes["http.response.status_code"]
  if (exit !== undefined && Exit.isFailure(exit)) {
    span.attribute("error.type", errorType ?? "_OTHER")
    return span.end(now(), exit)
  }
  if (typeof status === "number" && status >= errorFrom) {
    span.attribute("error.type", errorType ?? String(status))
    return span.end(now(), Exit.fail(new HttpStatusError(status)))
  }
  if (errorType !== undefined) {
    span.attribute("error.type", errorType)
    return span.end(now(), Exit.fail(new Error(errorType)))
  }
  span.end(now(), Exit.void)
}

const headerText = (v: string | ReadonlyArray<string> | undefined): string | undefined => (Array.isArray(v) ? v.join(", ") : v as string | undefined)

/** `server.address`/`server.port` of a URL (the port the scheme implies when none is given). */
export const serverOf = (url: string): SpanAttributes => {
  try {
    const u = new URL(url)
    const port = u.port !== "" ? Number(u.port) : u.protocol === "https:" || u.protocol === "wss:" ? 443 : 80
    return { "server.address": u.hostname.replace(/^\[|\]$/g, ""), "server.port": port }
  } catch {
    return {}
  }
}

/** The semantic-convention attributes of an incoming request known before it is judged. */
export const serverAttributes = (req: IncomingMessage, listener: string, server: SpanAttributes): SpanAttributes => {
  const a = req.socket.remoteAddress ?? ""
  const ua = headerText(req.headers["user-agent"])
  return {
    "pipelock.listener": listener,
    "http.request.method": req.method ?? "GET",
    ...server,
    "client.address": a.startsWith("::ffff:") ? a.slice(7) : a,
    ...(ua !== undefined ? { "user_agent.original": ua.slice(0, 512) } : {})
  }
}

/** The outcome attributes every request span gets when it ends. */
export const outcomeAttributes = (o: {
  readonly action: Verdict["action"]
  readonly findings: ReadonlyArray<Finding>
  readonly mode: Mode
  readonly status?: number | undefined
  /** The URL as logs show it (redacted). */
  readonly target?: string | undefined
  readonly requestId?: string | undefined
}): SpanAttributes => ({
  ...verdictAttributes(o.action, o.findings),
  "pipelock.mode": o.mode,
  ...(o.requestId !== undefined ? { "pipelock.request_id": o.requestId } : {}),
  ...(o.target !== undefined ? { "url.full": o.target, "pipelock.target": o.target } : {}),
  ...(o.status !== undefined ? { "http.response.status_code": o.status } : {})
})

const ignore: Note = () => {}

/**
 * Runs `body` in a server span `name`, child of the agent's `traceparent` when the request carries one;
 * whatever `note` records before the body ends is set on the span, and the span's status follows the
 * `http.response.status_code` noted. The span is the parent of every span the body's fibers open. With no
 * tracer installed, `body` runs as is with a `note` that does nothing and no `Trace`.
 */
export const requestSpan = <A, E, R>(
  name: string,
  attributes: SpanAttributes | (() => SpanAttributes),
  body: (note: Note, trace: Trace | undefined) => Effect.Effect<A, E, R>,
  incoming?: IncomingHttpHeaders
): Effect.Effect<A, E, R> =>
  Effect.withFiber((fiber) => {
    if (!tracingOn(fiber)) return body(ignore, undefined)
    const tracer = fiber.getRef(Tracer.Tracer)
    const remote = incoming === undefined ? undefined : parseTraceparent(incoming.traceparent)
    const options: Tracer.SpanOptions = { kind: "server", attributes: typeof attributes === "function" ? attributes() : attributes }
    return Effect.flatMap(Effect.makeSpan(name, remote !== undefined ? { ...options, parent: remote } : options), (span) => {
      const noted: SpanAttributes = {}
      let errorType: string | undefined
      const trace: Trace = {
        span,
        child: (childName, kind, attrs) => {
          const child = tracer.span({
            name: childName, parent: Option.some(span), annotations: Context.empty(), links: [], startTime: now(), kind, root: false, sampled: span.sampled
          })
          for (const k in attrs) child.attribute(k, attrs[k])
          return child
        }
      }
      return body((a) => {
        if (typeof a["error.type"] === "string") errorType = a["error.type"]
        Object.assign(noted, a)
      }, trace).pipe(
        Effect.withParentSpan(span, { captureStackTrace: false }),
        Effect.onExit((exit) => Effect.sync(() => {
          delete noted["error.type"]
          endSpan(span, noted, 500, errorType, exit)
        }))
      )
    })
  })

/**
 * A span for a request the kill switch denied before any handler ran (nothing when no tracer is installed):
 * a server span with the denial as a finding event, status per its HTTP status (503: error).
 */
export const denialSpan = (name: string, req: IncomingMessage, listener: string, status: number, mode: Mode): Effect.Effect<void> =>
  Effect.withFiber((fiber) => {
    if (!tracingOn(fiber)) return Effect.void
    const remote = parseTraceparent(req.headers.traceparent)
    const attributes = serverAttributes(req, listener, req.url !== undefined && /^[a-z]+:\/\//i.test(req.url) ? serverOf(req.url) : {})
    return Effect.map(Effect.makeSpan(name, { kind: "server", attributes, ...(remote !== undefined ? { parent: remote } : {}) }), (span) => {
      const f: Finding = { scanner: "kill_switch", rule: "kill_switch", severity: "critical", location: "connection", evidence: "", action: "block", message: "kill switch active" }
      recordFindings(span, [f])
      endSpan(span, outcomeAttributes({ action: "block", findings: [f], mode, status }), 500)
    })
  })

/** Annotates the current span with a verdict and its findings as events, and returns it (for the Inspector's scan spans). */
export const annotateVerdict = <V extends Verdict>(v: V): Effect.Effect<V> =>
  Effect.withFiber((fiber) => {
    if (!tracingOn(fiber)) return Effect.succeed(v)
    return Effect.map(Effect.currentSpan, (span) => {
      const a = attributesOf(v)
      for (const k in a) span.attribute(k, a[k])
      recordFindings(span, v.findings)
      return v
    }).pipe(Effect.orElseSucceed(() => v))
  })
