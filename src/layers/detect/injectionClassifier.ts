/**
 * Rules and the learned scanner together, for the content an agent reads: response bodies, WebSocket text
 * from servers, MCP results. The rules (injection.ts) run first; the classifier (classifier.ts, weights in
 * classifierWeights.ts) adds its findings as `scanner: "classifier"`:
 *
 * - a score at or above the model's `block` threshold (no held-back benign text reached it) is a high
 *   finding on its own — it blocks in balanced mode;
 * - a score at or above `flag` (0.5% of held-back benign text reached it) is not reported alone (on real
 *   documentation pages it fires too often to warn on), but when the rules found a medium signal in the same
 *   text (one of the structural ones, not a `WEAK_RULES` word match) the two together are a high finding
 *   ("Classifier Confirms Rule");
 * - the classifier alone decides only over a window of at least `MIN_TOKENS_ALONE` tokens;
 * - a quoted example (a rule finding at low severity: security writing citing an attack) is never escalated,
 *   and a classifier score alone over such a text is reported at medium.
 *
 * Pure and synchronous like the other cores: `(text) → Finding[]`; a later Scanner service can wrap
 * `classify` as is.
 */
import type { Finding } from "../../services/Verdict.ts"
import { decode, type Model, score } from "./classifier.ts"
import { injectionWeights, toolWeights } from "./classifierWeights.ts"
import { type CompiledInjection, scanText } from "./injection.ts"

let injection: Model | undefined
let tools: Model | undefined

/** The committed response-text model (decoded once). */
export const injectionModel = (): Model => (injection ??= decode(injectionWeights))
/** The committed tool-definition model (decoded once). */
export const toolModel = (): Model => (tools ??= decode(toolWeights))

/** Texts shorter than this are left to the rules (a few words carry too little for the model). */
const MIN_LENGTH = 12

/**
 * The classifier alone decides only over a window of at least this many tokens: a single short sentence gets
 * extreme scores (its features count over √(its own length)), and ordinary ones ("In your reply, please
 * include your order number.") reached the block threshold. Shorter texts still confirm rule signals.
 */
export const MIN_TOKENS_ALONE = 24

/**
 * …and only when that window has at least this many distinct tokens. A phrase repeated down a window (a JSON
 * key joined from every event of a stream: `notifications/messagenotifications/message…`) adds the same few
 * weights over and over; one such window reached 0.97 on an unlucky hash bucket. Repetition is not an
 * instruction: the rules still see it.
 */
export const MIN_DISTINCT_ALONE = 12

export interface Classification {
  /** The highest window probability. */
  readonly score: number
  /** `block`: the score alone is decisive; `flag`: a supporting signal; `none`. */
  readonly level: "block" | "flag" | "none"
  /** The text of the best window, shortened (it is not a secret: it is what the model read as an instruction). */
  readonly excerpt: string
}

export const classify = (model: Model, text: string): Classification => {
  const s = score(model, text)
  const level = s.score >= model.thresholds.block && s.tokens >= MIN_TOKENS_ALONE && s.distinct >= MIN_DISTINCT_ALONE ? "block" : s.score >= model.thresholds.flag ? "flag" : "none"
  const window = text.length === 0 ? "" : text.slice(s.start, s.end).replace(/\s+/g, " ").trim()
  return { score: s.score, level, excerpt: window.length <= 100 ? window : `${window.slice(0, 97)}…` }
}

const high = (f: Finding) => f.severity === "high" || f.severity === "critical"

/**
 * Medium rules that fire on ordinary writing too often to be confirmed by a mid-range score: generic words
 * ("new rules", "developer mode", `system:` at a line start, `curl … | bash` in install guides, reading a
 * `.env` file in setup docs). They still count for "Multiple Injection Signals" with another rule, and the
 * classifier still decides alone above its `block` threshold. (Found on bench/cases-own: a policy update
 * announcing "the new rules" and a course on writing system prompts were blocked when these escalated.)
 */
const WEAK_RULES: ReadonlySet<string> = new Set([
  "New Instructions", "Jailbreak Attempt", "System Override", "Remote Script Execution", "Config File Directive",
  "Credential Solicitation", "Memory Persistence Directive", "Preference Poisoning", "Priority Override",
  "Auth Material Requirement", "Credential Path With URL", "Download And Run Directive", "Behavior Override", "Latent Task Wrapper"
])

/** A medium rule finding the classifier may confirm (not a `WEAK_RULES` word match). */
export const confirmable = (f: Finding): boolean => f.severity === "medium" && !WEAK_RULES.has(f.rule)

/** A classifier finding: the rule name says which model and how it decided; the score is in the message and evidence. */
export const classifierFinding = (c: Classification, model: Model, rule: string, severity: Finding["severity"], location: string, why: string): Finding => ({
  scanner: "classifier",
  rule,
  severity,
  location,
  evidence: `score=${c.score.toFixed(3)} ${c.excerpt}`,
  message: `${why} (${model.name} model score ${c.score.toFixed(3)}; thresholds: alone ${model.thresholds.block}, with a rule ${model.thresholds.flag})`,
  score: c.score
})

/**
 * Rule findings plus the classifier's, for one text. When the rules already block (a high or critical
 * finding), the classifier is not run: it could add nothing to the verdict.
 */
export const scanContent = (c: CompiledInjection, text: string, location: string, model: Model = injectionModel()): Finding[] => {
  const rules = scanText(c, text, location)
  if (text.length < MIN_LENGTH || rules.some(high)) return rules
  return withClassifier(rules, classify(model, text), model, location)
}

/** Whether the rules' findings settle a text without the classifier (a high or critical finding). */
export const rulesSettle = (rules: ReadonlyArray<Finding>): boolean => rules.some(high)

/**
 * The rules' findings on a text plus what the classifier's reading of it (`k`) adds: alone at `block`, confirming
 * a medium rule finding at `flag` (a text scanned in windows passes the union of its windows' rule findings and
 * its best window's classification).
 */
export const withClassifier = (rules: ReadonlyArray<Finding>, k: Classification, model: Model, location: string): Finding[] => {
  if (k.level === "none") return [...rules]
  const quoted = rules.length > 0 && rules.every((f) => f.severity === "low")
  const medium = rules.filter(confirmable)
  if (k.level === "block") {
    return [...rules, classifierFinding(k, model, "Learned Injection Classifier", quoted ? "medium" : "high", location,
      quoted ? "the learned scanner reads an instruction to the agent, in a text that quotes attacks" : "the learned scanner reads an instruction to the agent")]
  }
  if (medium.length > 0) {
    return [...rules, classifierFinding(k, model, "Classifier Confirms Rule", "high", location, `the learned scanner agrees with ${medium.map((f) => f.rule).join(", ")}`)]
  }
  return [...rules]
}
