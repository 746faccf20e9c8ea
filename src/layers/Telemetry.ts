/**
 * Structured logging through Effect's Logger, one event per verdict (gated by include_allowed/include_blocked),
 * counted in the Prometheus metrics. Follows hot reloads of the `logging` section.
 *
 * Pipelock's own logger writes JSON (or text) lines to the configured output (`logging.format`,
 * `logging.output` stdout|stderr|file|both|<path>). When the graph is built where the host installed its own
 * loggers (`Logger.layer([...])`, anything but Effect's defaults), those loggers receive every line instead:
 * the message is the event name, the annotations are the fields (plus `component: "pipelock"`), and the log
 * runs in the request's span, so the host's logger sees the trace. Lines emitted inside a traced span carry
 * `trace_id` and `span_id`.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs"
import { dirname } from "node:path"
import { Context, Effect, Layer, Logger, type LogLevel as EffectLogLevel, References, Tracer } from "effect"
import type { Config } from "../services/Config.ts"
import { type LogLevel, Telemetry, type VerdictEvent } from "../services/Telemetry.ts"
import { hintOf } from "../services/Verdict.ts"
import { Metrics, type Service as MetricsService } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"
import { tracingOn } from "./telemetry/spans.ts"

type Logging = Config["logging"]

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Where lines go: a function that writes one line. */
type Sink = { readonly write: (line: string) => void; readonly close: () => void }

/** Lines held before a write is forced (otherwise they go once per turn of the event loop). */
const BATCH_BYTES = 64 * 1024

/** Writes all of `text` to `fd`; a full non-blocking pipe (EAGAIN) is retried a bounded number of times. */
const writeAll = (fd: number, text: string): void => {
  const bytes = Buffer.from(text, "utf8")
  let off = 0
  let busy = 0
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off)
    } catch (e) {
      // A closed stdout (EPIPE) must not take the proxy down; a reader that stays behind loses these lines.
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN" || ++busy > 1000) return
    }
  }
}

/**
 * Lines to a file descriptor, batched: the lines of one turn of the event loop (every request that finished
 * in it) go out in one write, at the end of the turn (`setImmediate`), or at once past 64 KiB, instead of
 * one write system call per line. What is held is written on close (reload, shutdown) and when the process
 * exits.
 */
const fdSink = (fd: number, owned: boolean): Sink => {
  let held = ""
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (held === "") return
    const text = held
    held = ""
    writeAll(fd, text)
  }
  process.on("exit", flush)
  return {
    write: (line) => {
      held += line
      if (held.length >= BATCH_BYTES) flush()
      else if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    },
    close: () => {
      flush()
      process.off("exit", flush)
      if (owned) closeSync(fd)
    }
  }
}

const fileSink = (path: string): Sink => {
  mkdirSync(dirname(path), { recursive: true })
  return fdSink(openSync(path, "a", 0o640), true)
}

const openSink = (logging: Logging): Sink => {
  const out = logging.output
  if (out === "stdout" || out === "") return fdSink(1, false)
  if (out === "stderr") return fdSink(2, false)
  if (out === "file") return fileSink(logging.file)
  if (out === "both") {
    const std = fdSink(1, false)
    const file = fileSink(logging.file)
    return { write: (l) => (std.write(l), file.write(l)), close: file.close }
  }
  return fileSink(out)
}

const textValue = (v: unknown): string => {
  const s = typeof v === "string" ? v : JSON.stringify(v)
  return /[\s"=]/.test(s) ? JSON.stringify(s) : s
}

/** `scheme://user:password@` in any text: the credentials are replaced whatever field they turn up in. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>\\]+@/gi

/** A log line with URL userinfo removed (a backstop: transports already log redacted targets). */
export const withoutUserinfo = (line: string): string => (line.includes("@") ? line.replace(USERINFO, "$1[redacted]@") : line)

/** Renders one event in the configured format; inside a traced span the line ends with its trace and span ids. */
export const render = (format: Logging["format"], level: LogLevel, event: string, fields: Readonly<Record<string, unknown>>, span?: Tracer.AnySpan, date?: Date): string =>
  withoutUserinfo(renderLine(format, level, event, span === undefined ? fields : { ...fields, trace_id: span.traceId, span_id: span.spanId }, date))

const renderLine = (format: Logging["format"], level: LogLevel, event: string, fields: Readonly<Record<string, unknown>>, date = new Date()): string => {
  const time = date.toISOString()
  if (format === "text") {
    const rest = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${textValue(v)}`)
      .join(" ")
    return `${time} ${level.toUpperCase()} ${event}${rest ? " " + rest : ""}\n`
  }
  return JSON.stringify({ time, level, component: "pipelock", event, ...fields }) + "\n"
}

const verdictFields = (e: VerdictEvent): Record<string, unknown> => ({
  listener: e.listener,
  request_id: e.requestId,
  action: e.action,
  mode: e.mode,
  direction: e.direction,
  method: e.method,
  target: e.target,
  client_ip: e.clientIp,
  tool: e.tool,
  status: e.status,
  duration_ms: e.durationMs,
  hint: e.action === "block" ? hintOf(e.findings) : undefined,
  findings: e.findings.length === 0 ? undefined : e.findings.map((f) => ({
    scanner: f.scanner,
    rule: f.rule,
    severity: f.severity,
    location: f.location,
    evidence: f.evidence,
    pass: f.pass
  }))
})

/** Counts a verdict in the metrics and `/stats` tallies (always, whatever the log settings). */
export const countVerdict = (meter: MetricsService, e: VerdictEvent): void => {
  const result = e.action === "block" ? "blocked" : "allowed"
  meter.count(metrics.requestsTotal, { listener: e.listener, action: e.action, result })
  meter.recordVerdict(e.listener, e.action, e.findings, e.target)
  for (const f of e.findings) meter.count(metrics.scannerHits, { scanner: f.scanner, rule: f.rule, severity: f.severity })
}

const effectLevel: Record<LogLevel, EffectLogLevel.Severity> = { debug: "Debug", info: "Info", warn: "Warn", error: "Error" }
const ownLevel = (l: EffectLogLevel.LogLevel): LogLevel => (l === "Error" || l === "Fatal" ? "error" : l === "Warn" ? "warn" : l === "Info" ? "info" : "debug")

/** Whether `loggers` are the host's own (anything but Effect's default console and tracer loggers). */
export const hostLoggers = (loggers: ReadonlySet<Logger.Logger<unknown, unknown>>): boolean => {
  for (const l of loggers) if (l !== Logger.defaultLogger && l !== Logger.tracerLogger) return true
  return false
}

/** The span a fiber is in, when a tracer records it (for the trace ids on a line). */
const tracedSpan = (fiber: Parameters<typeof tracingOn>[0]): Tracer.AnySpan | undefined =>
  tracingOn(fiber) ? Context.getOrUndefined(fiber.context, Tracer.ParentSpan) : undefined

/** Fields as the host's loggers get them: URL userinfo removed from every string (the lines' backstop). */
const hostFields = (fields: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = { component: "pipelock" }
  for (const k in fields) {
    const v = fields[k]
    if (v !== undefined) out[k] = typeof v === "string" ? withoutUserinfo(v) : v
  }
  return out
}

/**
 * Pipelock's own Logger: an Effect log event (message = event name, annotations = fields) as one line in the
 * configured format, written by `write`. Installed when the host has no loggers of its own; usable by any
 * program: `Logger.layer([TelemetryLayer.logger(() => "json", (l) => process.stdout.write(l))])`.
 */
export const logger = (format: () => Logging["format"], write: (line: string) => void): Logger.Logger<unknown, void> =>
  Logger.make(({ date, fiber, logLevel, message }) => {
    const parts = Array.isArray(message) ? message : [message]
    const event = typeof parts[0] === "string" ? parts[0] : String(parts[0])
    const fields = fiber.getRef(References.CurrentLogAnnotations)
    write(render(format(), ownLevel(logLevel), event, fields, tracedSpan(fiber), date))
  })

/**
 * A Telemetry whose writer can be swapped (on reload) and whose lines go to `sink`; with `host` (the context the
 * graph was built in, holding the host's loggers), lines go to the host's loggers instead; verdicts are counted in `meter`.
 */
export const makeWith = (initial: Logging, sinkOf: (l: Logging) => Sink = openSink, meter?: MetricsService, host?: Context.Context<never>) => {
  let logging = initial
  // With the host's loggers, nothing is written by Pipelock itself (no file opened for nothing).
  if (host !== undefined) sinkOf = () => ({ write: () => {}, close: () => {} })
  let sink = sinkOf(initial)
  const effectOf = (level: LogLevel, event: string, fields: Readonly<Record<string, unknown>>) =>
    Effect.annotateLogs(Effect.logWithLevel(effectLevel[level])(event), host === undefined ? fields : hostFields(fields))
  /** One line outside any fiber. Pipelock's logger is called directly (no fiber per line on the hot path). */
  const emit = (level: LogLevel, event: string, fields: Readonly<Record<string, unknown>>, span: Tracer.AnySpan | undefined) => {
    if (host === undefined) return sink.write(render(logging.format, level, event, fields, span))
    Effect.runSyncWith(span === undefined ? host : Context.add(host, Tracer.ParentSpan, span))(effectOf(level, event, fields))
  }
  const logUnsafe = (level: LogLevel, event: string, fields: Readonly<Record<string, unknown>> = {}, span?: Tracer.AnySpan) => {
    if (levelRank[level] < levelRank[logging.level]) return
    emit(level, event, fields, span)
  }
  const verdictUnsafe = (e: VerdictEvent, span?: Tracer.AnySpan) => {
    if (meter !== undefined) countVerdict(meter, e)
    const wanted = e.action === "allow" ? logging.include_allowed : logging.include_blocked
    if (!wanted) return
    const level: LogLevel = e.action === "block" ? "warn" : "info"
    emit(level, e.action === "allow" ? "allowed" : e.action === "block" ? "blocked" : e.action, verdictFields(e), span)
  }
  /** A line from inside a fiber: through Effect's logging, with the fiber's span (and the host's annotations). */
  const log = (level: LogLevel, event: string, fields: Readonly<Record<string, unknown>> = {}): Effect.Effect<void> =>
    Effect.suspend(() => {
      if (levelRank[level] < levelRank[logging.level]) return Effect.void
      if (host === undefined) return Effect.withFiber((fiber) => Effect.sync(() => sink.write(render(logging.format, level, event, fields, tracedSpan(fiber)))))
      return effectOf(level, event, fields)
    })
  const reconfigure = (next: Logging) => {
    if (JSON.stringify(next) === JSON.stringify(logging)) return
    try {
      const nextSink = sinkOf(next)
      sink.close()
      sink = nextSink
      logging = next
    } catch (e) {
      logUnsafe("error", "logging_reconfigure_failed", { error: String(e) })
    }
  }
  const service = Telemetry.of({
    log,
    logUnsafe,
    verdict: (e) => Effect.withFiber((fiber) => Effect.sync(() => verdictUnsafe(e, tracedSpan(fiber)))),
    verdictUnsafe,
    configure: (next) => Effect.sync(() => reconfigure(next))
  })
  return { service, close: () => sink.close() }
}

/**
 * The Telemetry service writing where `logging` says, or to the host's loggers when the graph is built under
 * `Logger.layer([...])`; the ConfigStore calls `configure` on reloads.
 */
export const layer = (logging: Logging): Layer.Layer<Telemetry> =>
  Layer.effect(
    Telemetry,
    Effect.gen(function* () {
      const meter = yield* Metrics
      const host = hostLoggers(yield* References.CurrentLoggers) ? yield* Effect.context<never>() : undefined
      const t = yield* Effect.acquireRelease(Effect.sync(() => makeWith(logging, openSink, meter, host)), (t) => Effect.sync(t.close))
      return t.service
    })
  )

/** A Telemetry that keeps every line in memory (tests read `lines`). */
export const layerTest = (lines: string[], logging?: Partial<Logging>): Layer.Layer<Telemetry> =>
  Layer.effect(Telemetry, Effect.map(Effect.service(Metrics), (meter) =>
    makeWith(
      { format: "json", output: "stdout", file: "", include_allowed: true, include_blocked: true, level: "debug", ...logging },
      () => ({ write: (l) => void lines.push(l), close: () => {} }),
      meter
    ).service
  ))
