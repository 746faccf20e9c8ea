/**
 * The built-in detectors as scanners, each registered in the ScannerRegistry by its own layer: `dlp`,
 * `injection` (the rules), `toolPoisoning`, `shell` and `classifier` (the learned injection scanner). `all`
 * is the five, what `Pipelock.run` registers unless `RunSetup.builtins` says otherwise; `none` registers no
 * built-in on purpose. A graph whose registry holds no built-in and did not choose `none` runs all of them
 * (a graph that only adds scanners keeps the built-in detection: fail closed).
 *
 * The Inspector runs a registered built-in in place, synchronously, over the rule sets it compiled for the
 * configuration in force: no effect, no allocation per message beyond what the detector itself does, the
 * same findings, rule and scanner names, metrics and logs as before built-ins were layers. The sections'
 * `enabled` keys keep their meaning (`response_scanning.enabled: false` still runs the core injection set,
 * `request_body_scanning.enabled: false` turns body DLP off, …); a built-in that is not registered does not
 * run anywhere. The URL checks (scheme, lists, the DLP rules over the URL, entropy, SSRF) are the URL
 * pipeline's, not the `dlp` scanner's.
 *
 * Each value's `scan` serves a caller outside the Inspector (it compiles the rule sets of the configuration
 * in force on first use).
 *
 * @example
 * // Replace the injection rules and the learned classifier with your own scanner; keep the other built-ins.
 * const graph = Pipelock.run({
 *   loaded, env: {}, flags: {},
 *   builtins: Layer.mergeAll(BuiltinScanners.dlp, BuiltinScanners.toolPoisoning, BuiltinScanners.shell),
 *   scanners: Scanner.layer(myInjectionScanner)
 * })
 */
import { Effect, Layer } from "effect"
import type { Config } from "../services/Config.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { type BuiltinKind, type BuiltinScanner, ScannerError, ScannerRegistry, type Subject, type Surface } from "../services/Scanner.ts"
import type { Finding } from "../services/Verdict.ts"
import { classifierAlone } from "./detect/builtins.ts"
import { scanText as dlpText } from "./detect/dlp.ts"
import { scanText as injectionText } from "./detect/injection.ts"
import { scanShell } from "./detect/shell.ts"
import { scanTool } from "./detect/toolPoison.ts"
import { compileSnapshot, type Snapshot } from "./Inspector.ts"

/** The surfaces each built-in reads (as docs/scanners.md lists them). */
export const surfaces: Readonly<Record<BuiltinKind, ReadonlyArray<Surface>>> = {
  dlp: ["request_body", "mcp_arguments", "ws_frame"],
  injection: ["response_text", "mcp_arguments", "mcp_result", "ws_frame"],
  tool_poisoning: ["tool_definition"],
  shell: ["mcp_arguments"],
  classifier: ["response_text", "mcp_result", "ws_frame"]
}

const hostOf = (url: string | undefined): string | undefined => {
  if (url === undefined) return undefined
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, "")
  } catch {
    return undefined
  }
}

const kernel = (kind: BuiltinKind, s: Snapshot, subject: Subject): Finding[] => {
  switch (kind) {
    case "dlp":
      return dlpText(s.dlp, subject.text, subject.location, { host: hostOf(subject.url) })
    case "injection":
      return injectionText(subject.surface === "response_text" || subject.surface === "ws_frame" ? s.injection : s.mcpInjection, subject.text, subject.location)
    case "classifier":
      return classifierAlone(subject.text, subject.location)
    case "shell":
      return scanShell(subject.text, subject.location)
    case "tool_poisoning":
      return scanTool(s.mcpInjection, { name: subject.tool ?? "", description: subject.text })
  }
}

/**
 * The built-in `kind` as a scanner value, its `scan` over the rule sets `compiled` gives (the Inspector does
 * not call `scan`: it runs the kind's synchronous core itself).
 */
export const make = (kind: BuiltinKind, compiled: Effect.Effect<Snapshot, ScannerError>): BuiltinScanner => ({
  name: kind,
  surfaces: surfaces[kind],
  builtin: kind,
  scan: (subject) => Effect.flatMap(compiled, (s) => Effect.sync(() => kernel(kind, s, subject)))
})

/** Registers the built-in `kind` for the graph's lifetime. */
export const layerOf = (kind: BuiltinKind): Layer.Layer<never, never, ScannerRegistry | ConfigStore> =>
  Layer.effectDiscard(Effect.gen(function* () {
    const store = yield* ConfigStore
    let cache: { readonly config: Config; readonly snapshot: Snapshot } | undefined
    const compiled = Effect.flatMap(store.current, (config) =>
      Effect.try({
        try: () => (cache?.config === config ? cache.snapshot : (cache = { config, snapshot: compileSnapshot(config) }).snapshot),
        catch: (e) => new ScannerError({ scanner: kind, message: `the rules did not compile: ${String(e)}` })
      }))
    yield* (yield* ScannerRegistry).register(make(kind, compiled))
  }))

/** Secrets, credentials and canaries in what leaves: request bodies and headers, MCP client messages, client WebSocket messages. */
export const dlp = layerOf("dlp")
/** The prompt-injection rules over what the agent reads. */
export const injection = layerOf("injection")
/** Poisoned tool definitions (rules and the tool model), Agent Card skills. */
export const toolPoisoning = layerOf("tool_poisoning")
/** Dangerous shell commands in tool-call arguments. */
export const shell = layerOf("shell")
/** The learned injection scanner over response text and MCP results (alone, or confirming the rules). */
export const classifier = layerOf("classifier")

/** Every built-in: what `Pipelock.run` registers by default. */
export const all: Layer.Layer<never, never, ScannerRegistry | ConfigStore> = Layer.mergeAll(dlp, injection, toolPoisoning, shell, classifier)

/** No built-in at all (only the scanners the graph adds, the URL pipeline, policy, chains and session checks run). */
export const none: Layer.Layer<never, never, ScannerRegistry> = Layer.effectDiscard(Effect.gen(function* () {
  yield* (yield* ScannerRegistry).chooseBuiltins
}))
