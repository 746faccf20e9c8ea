/**
 * The built-in scanners' synchronous cores, as the Inspector runs them: one `Kernels` value per set of
 * registered built-ins (computed once per set, not per message). A built-in that is not registered is a
 * function that finds nothing and a flag the Inspector reads to skip the call (and its timing metric).
 */
import type { BuiltinKind } from "../../services/Scanner.ts"
import type { Finding } from "../../services/Verdict.ts"
import { type CompiledDlp, type ScanContext, scanParts, scanText as dlpText } from "./dlp.ts"
import { type CompiledInjection, scanText as injectionText } from "./injection.ts"
import type { Model } from "./classifier.ts"
import { type Classification, classifierFinding, classify, injectionModel, scanContent } from "./injectionClassifier.ts"
import { scanShell } from "./shell.ts"
import { scanTool, type ToolDefinition } from "./toolPoison.ts"

export interface Kernels {
  readonly dlp: boolean
  readonly injection: boolean
  readonly toolPoisoning: boolean
  readonly shell: boolean
  readonly classifier: boolean
  /** DLP over one text. */
  readonly dlpText: (c: CompiledDlp, text: string, location: string, ctx?: ScanContext) => Finding[]
  /** DLP over parts (each judged alone and across neighbours). */
  readonly dlpParts: (c: CompiledDlp, parts: ReadonlyArray<{ readonly location: string; readonly value: string }>, ctx?: ScanContext) => Finding[]
  /** The injection rules alone. */
  readonly rules: (c: CompiledInjection, text: string, location: string) => Finding[]
  /** What content read by the agent gets: the rules and the learned classifier, as registered. */
  readonly content: (c: CompiledInjection, text: string, location: string) => Finding[]
  readonly shellText: (text: string, location: string) => Finding[]
  readonly tool: (c: CompiledInjection, tool: ToolDefinition) => Finding[]
}

/** The kernel of a built-in that is not registered: finds nothing (compare with it to skip the call). */
export const NOTHING = (): Finding[] => []
const nothing = NOTHING

/** The classifier without the rules: what `scanContent` adds when no rule fired. */
export const classifierAlone = (text: string, location: string): Finding[] => {
  if (text.length < 12) return []
  const model = injectionModel()
  return classifierAloneOf(classify(model, text), model, location)
}

/** What the classifier alone reports for a text it read as `k` (a text scanned in windows: its best window). */
export const classifierAloneOf = (k: Classification, model: Model, location: string): Finding[] =>
  k.level === "block" ? [classifierFinding(k, model, "Learned Injection Classifier", "high", location, "the learned scanner reads an instruction to the agent")] : []

const build = (has: (k: BuiltinKind) => boolean): Kernels => {
  const dlp = has("dlp")
  const injection = has("injection")
  const classifier = has("classifier")
  const toolPoisoning = has("tool_poisoning")
  const shell = has("shell")
  return {
    dlp, injection, toolPoisoning, shell, classifier,
    dlpText: dlp ? dlpText : nothing,
    dlpParts: dlp ? scanParts : nothing,
    rules: injection ? injectionText : nothing,
    content: injection ? (classifier ? scanContent : injectionText) : classifier ? (_c, text, location) => classifierAlone(text, location) : nothing,
    shellText: shell ? scanShell : nothing,
    tool: toolPoisoning ? (c, t) => scanTool(c, t) : nothing
  }
}

/** Every built-in: a bare Inspector's, and a registry's where no built-in was chosen. */
export const ALL: Kernels = build(() => true)

const cache = new WeakMap<ReadonlySet<BuiltinKind>, Kernels>()

/** The kernels of a set of registered built-ins (`undefined`: all of them). */
export const kernelsFor = (kinds: ReadonlySet<BuiltinKind> | undefined): Kernels => {
  if (kinds === undefined) return ALL
  let k = cache.get(kinds)
  if (k === undefined) {
    k = build((kind) => kinds.has(kind))
    cache.set(kinds, k)
  }
  return k
}
