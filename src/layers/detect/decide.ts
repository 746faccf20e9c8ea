/**
 * Policy: findings + mode + the section's action → a verdict.
 *
 * For each finding:
 * - audit: warn (never blocks; still reported and logged);
 * - strict: block (a rule-level `redirect` stays a redirect: it is a deliberate routing);
 * - balanced: the finding's rule-level action when it has one (tool-policy rules, chain overrides, DLP
 *   `action: warn`); else `block` when the section's action is `block`; else by severity: high and critical
 *   block, low and medium warn.
 * The verdict is the strictest action (block > redirect > warn > allow); `decisive` is the first finding
 * with it. A section action this code does not know counts as block (fail closed).
 */
import type { Action, Finding, Mode, Verdict } from "../../services/Verdict.ts"

export type SectionAction = "warn" | "block" | "strip" | "ask" | "redirect" | "forward" | undefined

const rank: Record<Action, number> = { allow: 0, warn: 1, redact: 2, redirect: 3, block: 4 }

export const actionFor = (f: Finding, mode: Mode, sectionAction: SectionAction): Action => {
  if (mode === "audit") return f.action === "redirect" ? "warn" : "warn"
  if (f.action === "redirect") return "redirect"
  if (mode === "strict") return "block"
  if (f.action === "warn" || f.action === "block") return f.action
  const known = sectionAction === undefined || sectionAction === "warn" || sectionAction === "block" || sectionAction === "strip" ||
    sectionAction === "ask" || sectionAction === "forward" || sectionAction === "redirect"
  if (!known || sectionAction === "block" || sectionAction === "strip" || sectionAction === "ask") return "block"
  return f.severity === "high" || f.severity === "critical" ? "block" : "warn"
}

export const decide = (findings: ReadonlyArray<Finding>, mode: Mode, sectionAction?: SectionAction): Verdict => {
  let action: Action = "allow"
  let decisive: Finding | undefined
  for (const f of findings) {
    const a = actionFor(f, mode, sectionAction)
    if (rank[a] > rank[action]) {
      action = a
      decisive = f
    }
  }
  return {
    action,
    findings,
    mode,
    decisive,
    redirectProfile: action === "redirect" ? decisive?.redirectProfile : undefined
  }
}

/** The strictest of several verdicts (one per section of a message), with all their findings. */
export const combine = (mode: Mode, verdicts: ReadonlyArray<Verdict>): Verdict => {
  let best: Verdict = { action: "allow", findings: [], mode }
  const findings: Finding[] = []
  for (const v of verdicts) {
    findings.push(...v.findings)
    if (rank[v.action] > rank[best.action]) best = v
  }
  return { ...best, findings, mode }
}

/** A scanner that failed: a critical finding, so the message is blocked (except in audit). */
export const scannerFailure = (error: unknown, location: string): Finding => ({
  scanner: "internal",
  rule: "scanner_error",
  severity: "critical",
  location,
  evidence: "",
  message: `a scanner failed, so the content could not be inspected: ${error instanceof Error ? error.message : String(error)}`,
  action: "block"
})
