/**
 * The scanner registry and the layers that add scanners to it. `registry` is the (initially empty) registry
 * the composition root builds once; `layer(scanner)` adds one scanner for the graph's lifetime (the built-ins
 * are added the same way, by `BuiltinScanners`). The Inspector reads the registry on every message (an array
 * lookup per surface, one for the set of built-ins), so a graph without extra scanners pays nothing, and a
 * scanner registered later (a reload enabling the HTTP classifier) is seen by the next message.
 *
 * @example
 * import { Pipelock, Scanner } from "pipelock/layers"
 * const graph = Pipelock.run({ loaded, env: {}, flags: {}, scanners: Scanner.layer(myScanner) })
 */
import { Cause, Effect, Exit, Layer, Scope } from "effect"
import { type BuiltinKind, isBuiltin, type Scanner, ScannerError, ScannerRegistry, type Subject, type Surface, SURFACES } from "../services/Scanner.ts"
import type { Finding } from "../services/Verdict.ts"
import { type Meter, metrics } from "./telemetry/metrics.ts"

const NONE: ReadonlyArray<Scanner> = []

/** A new, empty registry. */
export const make = Effect.sync(() => {
  let scanners: ReadonlyArray<Scanner> = NONE
  let bySurface = new Map<Surface, ReadonlyArray<Scanner>>()
  let pluginsBySurface = new Map<Surface, ReadonlyArray<Scanner>>()
  /** Scopes that chose the built-ins explicitly (`chooseBuiltins`), besides the registered built-ins. */
  let choosing = 0
  let builtins: ReadonlySet<BuiltinKind> | undefined
  const reindex = () => {
    const next = new Map<Surface, ReadonlyArray<Scanner>>()
    const plugins = new Map<Surface, ReadonlyArray<Scanner>>()
    for (const surface of SURFACES) {
      const on = scanners.filter((s) => s.surfaces.includes(surface))
      if (on.length > 0) next.set(surface, on)
      const other = on.filter((s) => !isBuiltin(s))
      if (other.length > 0) plugins.set(surface, other)
    }
    bySurface = next
    pluginsBySurface = plugins
    const kinds = scanners.filter(isBuiltin).map((s) => s.builtin)
    builtins = kinds.length === 0 && choosing === 0 ? undefined : new Set(kinds)
  }
  return ScannerRegistry.of({
    forSurface: (surface) => bySurface.get(surface) ?? NONE,
    pluginsFor: (surface) => pluginsBySurface.get(surface) ?? NONE,
    builtins: () => builtins,
    all: () => scanners,
    register: (scanner) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          scanners = [...scanners, scanner]
          reindex()
        }),
        () => Effect.sync(() => {
          scanners = scanners.filter((s) => s !== scanner)
          reindex()
        })
      ),
    chooseBuiltins: Effect.acquireRelease(
      Effect.sync(() => {
        choosing++
        reindex()
      }),
      () => Effect.sync(() => {
        choosing--
        reindex()
      })
    )
  })
})

/** An empty registry: the composition root's; scanner layers are provided with it. */
export const registry: Layer.Layer<ScannerRegistry> = Layer.effect(ScannerRegistry, make)

/**
 * Adds one scanner to the registry for the lifetime of the graph.
 *
 * @example
 * const scanners = Layer.mergeAll(Scanner.layer(shouting), Scanner.layer(myModel))
 */
export const layer = (scanner: Scanner): Layer.Layer<never, never, ScannerRegistry> =>
  Layer.effectDiscard(Effect.gen(function* () {
    yield* (yield* ScannerRegistry).register(scanner)
  }))

/**
 * Adds a scanner built by an effect (one that reads configuration or opens a client first).
 *
 * @example
 * const model = Scanner.layerEffect(Effect.map(loadModel("model.onnx"), (m) => ({ name: "onnx", surfaces: ["response_text"], scan: m.scan })))
 */
export const layerEffect = <E, R>(build: Effect.Effect<Scanner, E, R>): Layer.Layer<never, E, ScannerRegistry | Exclude<R, Scope.Scope>> =>
  Layer.effectDiscard(Effect.gen(function* () {
    const scanner = yield* build
    yield* (yield* ScannerRegistry).register(scanner)
  }))

/** What a scanner that failed reports: a blocking finding naming it (fail closed; audit mode only warns). */
export const failureFinding = (scanner: string, location: string, reason: string): Finding => ({
  scanner,
  rule: "scanner_error",
  severity: "critical",
  location,
  evidence: "",
  message: `the ${scanner} scanner failed, so the content could not be inspected: ${reason}`,
  action: "block"
})

const reasonOf = (cause: Cause.Cause<ScannerError>): string => {
  const e = Cause.squash(cause)
  return e instanceof ScannerError ? e.message : e instanceof Error ? e.message : String(e)
}

const timedScan = (scanner: Scanner, subject: Subject, meter: Meter): Effect.Effect<ReadonlyArray<Finding>> =>
  Effect.suspend(() => {
    const start = performance.now()
    return scanner.scan(subject).pipe(
      Effect.catchCause((cause) => Effect.succeed([failureFinding(scanner.name, subject.location, reasonOf(cause))])),
      Effect.ensuring(Effect.sync(() => meter.observe(metrics.scanDuration, (performance.now() - start) / 1000, { scanner: scanner.name })))
    )
  })

/**
 * Runs scanners over one subject, concurrently; a scanner that fails or dies contributes a blocking finding.
 * Each call is timed in `pipelock_scan_duration_seconds` under the scanner's name, in the instance's `meter`.
 */
export const runAll = (scanners: ReadonlyArray<Scanner>, subject: Subject, meter: Meter): Effect.Effect<Finding[]> =>
  scanners.length === 1
    ? Effect.map(timedScan(scanners[0], subject, meter), (f) => [...f])
    : Effect.map(Effect.forEach(scanners, (s) => timedScan(s, subject, meter), { concurrency: "unbounded" }), (all) => all.flat())

/**
 * Runs scanners where the transport cannot wait (WebSocket messages): each scan must complete synchronously;
 * one that suspends (network, timers) is reported as a failure, so the message is blocked (fail closed).
 */
export const runAllSync = (scanners: ReadonlyArray<Scanner>, subject: Subject, meter: Meter): Finding[] => {
  const out: Finding[] = []
  for (const scanner of scanners) {
    const exit = Effect.runSyncExit(timedScan(scanner, subject, meter))
    if (Exit.isSuccess(exit)) out.push(...exit.value)
    else out.push(failureFinding(scanner.name, subject.location, "it did not complete synchronously (ws_frame scans must not wait)"))
  }
  return out
}

/** Closes a scope and ignores how (used by layers that re-register a scanner when their configuration changes). */
export const closeScope = (scope: Scope.Closeable): Effect.Effect<void> => Scope.close(scope, Exit.void)
