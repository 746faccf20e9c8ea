/**
 * `HttpClassifier`: a registered scanner that asks a model server over HTTP (a Prompt Guard-style classifier)
 * whether a text is an attack. For each subject it POSTs `{"text": …, "surface": …}` as JSON to the configured
 * URL and reads `{"flagged": boolean, "score"?: number, "label"?: string}` (docs/scanners.md). A text longer
 * than `max_text_chars` is sent in pieces (flagged when any piece is). At most `max_concurrent` requests are in
 * flight; a verdict that takes longer than `timeout_ms` (queueing included), a refused connection, a non-2xx
 * status or an answer that is not the contract is a failure, handled by `on_failure`: `block` (a blocking
 * finding; audit mode only warns) or `allow` (logged and counted, the traffic passes).
 *
 * @example
 * // From the config file's `http_classifier` section (what `pipelock run` builds), or by hand:
 * const scanners = HttpClassifier.layer({ ...HttpClassifier.defaults, url: "http://127.0.0.1:9000/classify" })
 */
import { Data, Duration, Effect, Layer, Option, Scope, Semaphore, Stream } from "effect"
import type { Config } from "../services/Config.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { type Scanner, ScannerRegistry, type Subject, type Surface } from "../services/Scanner.ts"
import { Telemetry } from "../services/Telemetry.ts"
import type { Finding, Severity } from "../services/Verdict.ts"
import { closeScope } from "./Scanner.ts"
import { Metrics } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"

export interface Options {
  /** Where to POST (http:// or https://); `user:password@` is sent as Basic authorization. Never logged. */
  readonly url: string
  readonly surfaces: ReadonlyArray<Surface>
  /** The longest one subject's verdict may take, waiting for a free slot included. */
  readonly timeoutMs: number
  /** Requests in flight at once, across all traffic. */
  readonly maxConcurrent: number
  /** What a failure does: `block` the traffic (fail closed) or `allow` it (logged and counted). */
  readonly onFailure: "block" | "allow"
  /** The severity of a flagged finding (balanced mode blocks high and critical, warns on the rest). */
  readonly severity: Severity
  /** Texts longer than this are sent in pieces of this many characters. */
  readonly maxTextChars: number
  /** The scanner's name in findings, logs and metrics (default `http_classifier`). */
  readonly name?: string | undefined
}

/** The defaults of the `http_classifier` section (without a URL). */
export const defaults: Omit<Options, "url"> = {
  surfaces: ["response_text", "mcp_result", "tool_definition"],
  timeoutMs: 2000,
  maxConcurrent: 4,
  onFailure: "block",
  severity: "high",
  maxTextChars: 16384
}

/** Options from the config file's `http_classifier` section. */
export const optionsOf = (section: Config["http_classifier"]): Options => ({
  url: section.url,
  surfaces: section.surfaces,
  timeoutMs: section.timeout_ms,
  maxConcurrent: section.max_concurrent,
  onFailure: section.on_failure,
  severity: section.severity,
  maxTextChars: section.max_text_chars
})

/** What the server answered for one piece of text. */
interface Answer {
  readonly flagged: boolean
  readonly score?: number | undefined
  readonly label?: string | undefined
}

/** Why a verdict could not be had (the `reason` metric label and log field; never the URL). */
type Failure = "timeout" | "unreachable" | "status" | "invalid_response"

class ClassifierFailure extends Data.TaggedError("ClassifierFailure")<{ readonly reason: Failure; readonly detail: string }> {}

/** Reads the contract's answer; undefined when the body is not it. */
export const parseAnswer = (body: string): Answer | undefined => {
  let v: unknown
  try {
    v = JSON.parse(body)
  } catch {
    return undefined
  }
  if (typeof v !== "object" || v === null || typeof (v as { flagged?: unknown }).flagged !== "boolean") return undefined
  const { flagged, score, label } = v as { flagged: boolean; score?: unknown; label?: unknown }
  if (score !== undefined && (typeof score !== "number" || !Number.isFinite(score))) return undefined
  return { flagged, score: score as number | undefined, label: typeof label === "string" ? label : undefined }
}

/** A verdict is a few bytes of JSON: an answer past this is off-contract (and is not read further). */
export const MAX_ANSWER_BYTES = 64 * 1024

/** The response body as text, or undefined once it passes `max` bytes (the rest is not read). */
const readCapped = async (res: Response, max: number): Promise<string | undefined> => {
  if (res.body === null) return ""
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of res.body) {
    size += chunk.byteLength
    // Leaving the loop cancels the stream.
    if (size > max) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString("utf8")
}

/** A label as it may appear in a message: short, printable. */
const cleanLabel = (label: string): string => label.replace(/[^\x20-\x7e]/g, "").slice(0, 40)

/** Splits a text into pieces of at most `size` characters (no split inside a surrogate pair). */
export const pieces = (text: string, size: number): string[] => {
  const out: string[] = []
  for (let i = 0; i < text.length;) {
    let end = Math.min(i + size, text.length)
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end--
    out.push(text.slice(i, end))
    i = end
  }
  return out
}

const failureOf = (e: unknown): ClassifierFailure => {
  if (e instanceof ClassifierFailure) return e
  const code = (e as { cause?: { code?: unknown } })?.cause?.code
  return new ClassifierFailure({ reason: "unreachable", detail: typeof code === "string" ? code : "the request failed" })
}

/**
 * The scanner for some options. Its concurrency limit is its own (one semaphore per scanner).
 * `log` receives failures that `on_failure: allow` lets through.
 */
export const make = (options: Options, log?: Telemetry["Service"]): Effect.Effect<Scanner> =>
  Effect.gen(function* () {
    const name = options.name ?? "http_classifier"
    const meter = yield* Metrics
    const limit = yield* Semaphore.make(Math.max(1, options.maxConcurrent))
    // fetch refuses a URL with credentials: userinfo becomes a Basic Authorization header.
    const target = new URL(options.url)
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" }
    if (target.username !== "" || target.password !== "") {
      headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString("base64")}`
      target.username = ""
      target.password = ""
    }
    const url = target.href
    const ask = (text: string, surface: Surface) =>
      limit.withPermits(1)(Effect.tryPromise({
        try: async (signal) => {
          const res = await fetch(url, {
            method: "POST",
            headers,
            body: JSON.stringify({ text, surface }),
            signal
          })
          if (res.status < 200 || res.status > 299) {
            await res.body?.cancel()
            throw new ClassifierFailure({ reason: "status", detail: `HTTP ${res.status}` })
          }
          const body = await readCapped(res, MAX_ANSWER_BYTES)
          if (body === undefined) throw new ClassifierFailure({ reason: "invalid_response", detail: `the answer is over ${MAX_ANSWER_BYTES} bytes` })
          const answer = parseAnswer(body)
          if (answer === undefined) throw new ClassifierFailure({ reason: "invalid_response", detail: "the answer is not {\"flagged\": boolean, \"score\"?: number}" })
          return answer
        },
        catch: failureOf
      }))

    const failed = (subject: Subject, f: ClassifierFailure): ReadonlyArray<Finding> => {
      meter.count(metrics.scannerFailures, { scanner: name, reason: f.reason, policy: options.onFailure })
      if (options.onFailure === "allow") {
        log?.logUnsafe("warn", "scanner_failure", {
          scanner: name, reason: f.reason, detail: f.detail, policy: "allow", surface: subject.surface, location: subject.location,
          listener: subject.listener, request_id: subject.requestId
        })
        return []
      }
      return [{
        scanner: name, rule: "classifier_unavailable", severity: "high", location: subject.location, evidence: "", action: "block",
        message: `the classifier gave no verdict (${f.reason}: ${f.detail}); blocked by http_classifier.on_failure: block`
      }]
    }

    const scan = (subject: Subject): Effect.Effect<ReadonlyArray<Finding>> => {
      if (subject.text.length === 0) return Effect.succeed([])
      const work = Effect.forEach(pieces(subject.text, Math.max(64, options.maxTextChars)), (t) => ask(t, subject.surface), { concurrency: "unbounded" })
      return work.pipe(
        Effect.timeoutOrElse({
          duration: Duration.millis(options.timeoutMs),
          orElse: () => Effect.fail(new ClassifierFailure({ reason: "timeout", detail: `no verdict within ${options.timeoutMs} ms` }))
        }),
        Effect.map((answers): ReadonlyArray<Finding> => {
          const hits = answers.filter((a) => a.flagged)
          if (hits.length === 0) return []
          const top = hits.reduce((a, b) => ((b.score ?? 0) > (a.score ?? 0) ? b : a))
          const label = top.label === undefined ? "" : cleanLabel(top.label)
          const score = top.score === undefined ? "" : `score ${top.score.toFixed(3)}`
          return [{
            scanner: name, rule: "http_classifier_flagged", severity: options.severity, location: subject.location,
            evidence: [label, score].filter((s) => s !== "").join(" "), score: top.score,
            message: `the HTTP classifier flagged the text${label === "" ? "" : ` as ${label}`}${score === "" ? "" : ` (${score})`}`
          }]
        }),
        Effect.catch((f: ClassifierFailure) => Effect.succeed(failed(subject, f)))
      )
    }
    return { name, surfaces: options.surfaces, scan }
  })

/**
 * Registers an HTTP classifier with fixed options for the graph's lifetime.
 *
 * @example
 * Pipelock.run({ ...setup, scanners: HttpClassifier.layer({ ...HttpClassifier.defaults, url: "http://127.0.0.1:9000/classify" }) })
 */
export const layer = (options: Options): Layer.Layer<never, never, ScannerRegistry> =>
  Layer.effectDiscard(Effect.gen(function* () {
    const log = Option.getOrUndefined(yield* Effect.serviceOption(Telemetry))
    yield* (yield* ScannerRegistry).register(yield* make(options, log))
  }))

/**
 * The classifier the config's `http_classifier` section describes: registered while `enabled`, re-made when
 * the section changes on reload, removed when it is turned off. What `pipelock run` builds.
 */
export const layerConfig: Layer.Layer<never, never, ScannerRegistry | ConfigStore> = Layer.effectDiscard(Effect.gen(function* () {
  const store = yield* ConfigStore
  const registry = yield* ScannerRegistry
  const log = Option.getOrUndefined(yield* Effect.serviceOption(Telemetry))
  let current: { readonly key: string; readonly scope: Scope.Closeable } | undefined
  const apply = (section: Config["http_classifier"]) => Effect.gen(function* () {
    const key = JSON.stringify(section)
    if (current?.key === key) return
    if (current !== undefined) yield* closeScope(current.scope)
    current = undefined
    if (!section.enabled) return
    const scope = yield* Scope.make()
    yield* registry.register(yield* make(optionsOf(section), log)).pipe(Scope.provide(scope))
    current = { key, scope }
  })
  yield* apply((yield* store.current).http_classifier)
  yield* store.changes.pipe(Stream.runForEach((c) => apply(c.http_classifier)), Effect.forkScoped)
  yield* Effect.addFinalizer(() => Effect.suspend(() => (current === undefined ? Effect.void : closeScope(current.scope))))
}))
