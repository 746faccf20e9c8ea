/**
 * Request spans: one span per proxied request, CONNECT tunnel, WebSocket, fetch or MCP POST, with the verdict
 * as attributes, parent of the scan spans (`Inspector.*`) the request runs. Transports finish requests in
 * node callbacks, outside any fiber, so a request records its verdict through a `note` function and the
 * span takes the attributes when the request's effect ends.
 *
 * Attributes never carry a secret: rule names, scanners, counts and statuses, not evidence.
 */
import { Effect } from "effect"
import type { Finding, Verdict } from "../../services/Verdict.ts"

export type SpanAttributes = Record<string, string | number | boolean>
export type Note = (attributes: SpanAttributes) => void

/** The attributes of a verdict: action, the decisive rule and scanner, how many findings. */
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

/**
 * Runs `body` in a server span `name`; whatever `note` records before the body ends is set on the span.
 * The span is the parent of every span the body's fibers open (scans, upstream calls).
 */
export const requestSpan = <A, E, R>(name: string, attributes: SpanAttributes, body: (note: Note) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const noted: SpanAttributes = {}
    const run = body((a) => void Object.assign(noted, a)).pipe(Effect.ensuring(Effect.suspend(() => Effect.annotateCurrentSpan(noted))))
    return Effect.withSpan(run, name, { kind: "server", attributes, captureStackTrace: false })
  })

/** Annotates the current span with a verdict and returns it (for the Inspector's scan spans). */
export const annotateVerdict = <V extends Verdict>(v: V): Effect.Effect<V> => Effect.as(Effect.annotateCurrentSpan(attributesOf(v)), v)
