/**
 * Structured logs (one event per verdict, operational events) through Effect's Logger: the CLI writes JSON (or
 * text) lines to the configured output; a host that installed its own loggers gets every line as an Effect log
 * event (message = event name, annotations = fields). A line emitted inside a traced span carries its
 * `trace_id` and `span_id`.
 */
import { Context, type Effect, type Tracer } from "effect"
import type { Config } from "./Config.ts"
import type { Action, Finding, Mode } from "./Verdict.ts"

export type LogLevel = "debug" | "info" | "warn" | "error"

/** Which listener or transport handled the traffic (the `listener` metric label). */
export type Listener = "forward" | "connect" | "tls" | "fetch" | "websocket" | "mcp_http" | "mcp_stdio" | "admin" | "check"

/** One verdict, as logged. Never holds a secret: URLs are redacted by the caller when a content scanner fired. */
export interface VerdictEvent {
  readonly listener: Listener
  readonly requestId: string
  readonly action: Action
  readonly mode: Mode
  readonly direction?: "request" | "response" | undefined
  readonly method?: string | undefined
  readonly target?: string | undefined
  readonly clientIp?: string | undefined
  readonly tool?: string | undefined
  readonly status?: number | undefined
  readonly durationMs?: number | undefined
  readonly findings: ReadonlyArray<Finding>
}

export interface Service {
  /** An operational log line (startup, reload, errors). */
  readonly log: (level: LogLevel, event: string, fields?: Readonly<Record<string, unknown>>) => Effect.Effect<void>
  /** The same, callable from non-Effect code (socket callbacks); `span` is the request's span, for the trace ids. */
  readonly logUnsafe: (level: LogLevel, event: string, fields?: Readonly<Record<string, unknown>>, span?: Tracer.AnySpan) => void
  /** Logs a verdict (allowed ones only when `logging.include_allowed`) and counts it in metrics. */
  readonly verdict: (event: VerdictEvent) => Effect.Effect<void>
  readonly verdictUnsafe: (event: VerdictEvent, span?: Tracer.AnySpan) => void
  /** Applies a new `logging` section (hot reload). */
  readonly configure: (logging: Config["logging"]) => Effect.Effect<void>
}

export class Telemetry extends Context.Service<Telemetry, Service>()("pipelock/services/Telemetry") {}
