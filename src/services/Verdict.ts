/**
 * Findings and verdicts: the values every scanner produces and every transport acts on.
 *
 * A block is a value, not an error. A scanner reports `Finding`s; `Policy` turns findings, the
 * mode and the section's action into a `Verdict`; the proxies only frame, decode and act on it.
 */

/** How bad a finding is. DLP patterns carry their own; injection findings are high by default. */
export type Severity = "low" | "medium" | "high" | "critical"

/** What a transport does with the traffic. */
export type Action = "allow" | "warn" | "block" | "redact" | "redirect"

/** The operating mode: strict blocks every finding, balanced blocks high/critical, audit never blocks. */
export type Mode = "strict" | "balanced" | "audit"

/** Which scanner produced a finding (also the `scanner` metric label). */
export type ScannerName = BuiltinScannerName | (string & {})

/** The built-in scanners' names; a registered scanner (`pipelock/services` `Scanner`) uses its own. */
export type BuiltinScannerName =
  | "dlp"
  | "injection"
  | "url"
  | "ssrf"
  | "entropy"
  | "blocklist"
  | "allowlist"
  | "ratelimit"
  | "databudget"
  | "tool_poisoning"
  | "tool_drift"
  | "session_binding"
  | "shell"
  | "tool_policy"
  | "chain"
  | "kill_switch"
  | "parser"
  | "body"
  | "a2a"
  | "a2a_card"
  | "classifier"
  | "session_store"
  | "internal"

/** One thing a scanner found. Never carries the secret itself: `evidence` is redacted. */
export interface Finding {
  readonly scanner: ScannerName
  /** The rule that fired: a pattern name (`AWS Access ID`), a check name (`ssrf_private_ip`). */
  readonly rule: string
  readonly severity: Severity
  /** Where it was found: `url`, `url.query.token`, `body`, `header:authorization`, `params.arguments.cmd`, `tool:get_accounts.description`. */
  readonly location: string
  /** A redacted excerpt, safe to log (`sk-a…[redacted 40 chars]`). */
  readonly evidence: string
  /** A short human reason. */
  readonly message: string
  /** The normalization or decoding pass that exposed it (`raw`, `nfkc`, `base64`, `url-decode×2`, `leetspeak`…). */
  readonly pass?: string | undefined
  /** A rule-level action that overrides the section's (tool policy rules, chain pattern overrides, DLP `action: warn`). */
  readonly action?: "warn" | "block" | "redirect" | undefined
  /** For `redirect` policy rules: the profile to run. */
  readonly redirectProfile?: string | undefined
  /** For learned scanners (`scanner: "classifier"`): the model's score, 0–1. */
  readonly score?: number | undefined
}

/** The decision for one message, request or response. */
export interface Verdict {
  readonly action: Action
  readonly findings: ReadonlyArray<Finding>
  readonly mode: Mode
  /** The finding that decided a block or warn (the first of the strictest). */
  readonly decisive?: Finding | undefined
  /** Set when `action` is `redirect`-driven: the redirect profile to run instead of forwarding. */
  readonly redirectProfile?: string | undefined
  /**
   * URL checks only: findings a `suppress` entry dropped (they did not count towards `action`). The URL
   * still held what a rule matched, so a transport keeps it out of logs (`safeTarget`).
   */
  readonly suppressed?: ReadonlyArray<Finding> | undefined
}

/** A verdict that lets traffic through with nothing found. */
export const allow = (mode: Mode): Verdict => ({ action: "allow", findings: [], mode })

/** The reason text a transport puts on the wire for a verdict (`blocked: AWS Access ID in url`). */
export const reasonOf = (verdict: Verdict): string => {
  const f = verdict.decisive ?? verdict.findings[0]
  return f === undefined ? "allowed" : `${f.rule}: ${f.message}`
}

/** The docs section on forward-proxy blocks: what each rule means and the key that changes it. */
export const BLOCKS_DOC = "docs/troubleshooting.md#a-request-through-the-forward-proxy-is-blocked"

/**
 * What to do about a block that configuration can allow, naming the key and the docs page: SSRF refusals
 * (loopback, private and other internal addresses: `trusted_domains`, `ssrf.ip_allowlist`) and strict mode's
 * `api_allowlist`. Undefined for everything else (cloud metadata is never allowed; a leaked secret or an
 * injection is not a configuration matter). Names config keys only, never an address or a secret.
 */
export const hintOf = (findings: ReadonlyArray<Finding>): string | undefined => {
  for (const f of findings) {
    if (f.scanner === "ssrf" && f.rule.startsWith("ssrf_") && f.rule !== "ssrf_cloud_metadata") {
      return `the host is or resolves to an internal address (${f.rule.slice(5).replace("_", "-")}); to allow it, add the host to trusted_domains or its address range to ssrf.ip_allowlist, or keep it out of the proxy with NO_PROXY; see ${BLOCKS_DOC}`
    }
    if (f.rule === "not_in_api_allowlist") return `strict mode only lets through hosts listed in api_allowlist; add the host there to allow it; see ${BLOCKS_DOC}`
  }
  return undefined
}

/**
 * Redacts a matched secret for logs and evidence: keeps a short prefix so an operator can tell
 * which credential it was, never enough to use it.
 */
export const redact = (secret: string): string => {
  const s = secret.replace(/[\r\n\t]/g, " ")
  if (s.length <= 8) return `[redacted ${s.length} chars]`
  return `${s.slice(0, 4)}…[redacted ${s.length} chars]`
}
