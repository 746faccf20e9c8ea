/**
 * Structured logging to the configured output (`logging.format` json|text, `logging.output`
 * stdout|stderr|file|both|<path>), one event per verdict (gated by include_allowed/include_blocked),
 * counted in the Prometheus metrics. Follows hot reloads of the `logging` section.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs"
import { dirname } from "node:path"
import { Effect, Layer } from "effect"
import type { Config } from "../services/Config.ts"
import { type LogLevel, Telemetry, type VerdictEvent } from "../services/Telemetry.ts"
import { hintOf } from "../services/Verdict.ts"
import { Metrics, type Service as MetricsService } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"

type Logging = Config["logging"]

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Where lines go: a function that writes one line. */
type Sink = { readonly write: (line: string) => void; readonly close: () => void }

const fdSink = (fd: number, owned: boolean): Sink => ({
  write: (line) => {
    try {
      writeSync(fd, line)
    } catch {
      // A closed stdout (EPIPE) must not take the proxy down.
    }
  },
  close: () => {
    if (owned) closeSync(fd)
  }
})

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

/** Renders one event in the configured format. */
export const render = (format: Logging["format"], level: LogLevel, event: string, fields: Readonly<Record<string, unknown>>): string =>
  withoutUserinfo(renderLine(format, level, event, fields))

const renderLine = (format: Logging["format"], level: LogLevel, event: string, fields: Readonly<Record<string, unknown>>): string => {
  const time = new Date().toISOString()
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

/** A Telemetry whose writer can be swapped (on reload) and whose lines go to `sink`; verdicts are counted in `meter`. */
export const makeWith = (initial: Logging, sinkOf: (l: Logging) => Sink = openSink, meter?: MetricsService) => {
  let logging = initial
  let sink = sinkOf(initial)
  const logUnsafe = (level: LogLevel, event: string, fields: Readonly<Record<string, unknown>> = {}) => {
    if (levelRank[level] < levelRank[logging.level]) return
    sink.write(render(logging.format, level, event, fields))
  }
  const verdictUnsafe = (e: VerdictEvent) => {
    if (meter !== undefined) countVerdict(meter, e)
    const wanted = e.action === "allow" ? logging.include_allowed : logging.include_blocked
    if (!wanted) return
    const level: LogLevel = e.action === "block" ? "warn" : "info"
    sink.write(render(logging.format, level, e.action === "allow" ? "allowed" : e.action === "block" ? "blocked" : e.action, verdictFields(e)))
  }
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
    log: (level, event, fields) => Effect.sync(() => logUnsafe(level, event, fields)),
    logUnsafe,
    verdict: (e) => Effect.sync(() => verdictUnsafe(e)),
    verdictUnsafe,
    configure: (next) => Effect.sync(() => reconfigure(next))
  })
  return { service, close: () => sink.close() }
}

/** The Telemetry service writing where `logging` says; the ConfigStore calls `configure` on reloads. */
export const layer = (logging: Logging): Layer.Layer<Telemetry> =>
  Layer.effect(
    Telemetry,
    Effect.acquireRelease(Effect.map(Effect.service(Metrics), (meter) => makeWith(logging, openSink, meter)), (t) => Effect.sync(t.close)).pipe(Effect.map((t) => t.service))
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
