/**
 * gitleaks' own detection semantics over its whole rule set, for the benchmark only: what `gitleaks detect` would
 * report for one request body (a file with no name, not decoded). Written from gitleaks' `detect.go` and
 * `config/allowlist.go` (v8, the revision of `../shared/detect-data/dlp/gitleaks.toml`), independent of the
 * scanner: none of Pipelock's own additions (token-start checks, placeholder and stop-word logic of the generic
 * rule, rule ranking, keyword windows) apply here.
 *
 * - A rule runs when one of its keywords occurs in the lower-cased text (a rule without keywords always runs);
 *   a rule with a `path` runs only on files whose path matches it (a body has none: it does not run).
 * - Every non-overlapping match (leading and trailing newlines trimmed); the secret is the rule's `secretGroup`,
 *   else the first non-empty group, else the whole match (groups taken by matching the regex again on the
 *   trimmed match, as gitleaks does).
 * - With an entropy floor, a secret whose Shannon entropy is not above it is dropped, and a `generic*` rule's
 *   secret without a digit too.
 * - The global allowlist, then the rule's: a finding is dropped when an allowlist's criteria hold (OR: any of
 *   them; AND: all that are given) — regexes against the secret, the match or the line (`regexTarget`), stop
 *   words contained in the lower-cased secret. Path criteria never hold (no path).
 */
import { gitleaksGlobalAllowlist, gitleaksRules } from "../../src/layers/detect/dlpGitleaks.ts"
import type { GitleaksAllowlist, GitleaksRule } from "../../src/layers/detect/dlpPatterns.ts"
import { RE2 } from "../../src/layers/detect/re2.ts"

interface Compiled {
  readonly rule: GitleaksRule
  readonly re: RE2
  readonly once: RE2
  readonly allowlists: ReadonlyArray<{ and: boolean; target: string; regexes: RE2[]; stopwords: ReadonlyArray<string> }>
}

const compileAllowlist = (a: GitleaksAllowlist) => ({
  and: a.condition === "AND",
  target: a.regexTarget ?? "secret",
  regexes: (a.regexes ?? []).map((r) => new RE2(r, "u")),
  stopwords: a.stopwords ?? []
})

let compiled: Compiled[] | undefined
const rules = (): Compiled[] =>
  (compiled ??= gitleaksRules.map((rule) => ({
    rule,
    re: new RE2(rule.regex, "gu"),
    once: new RE2(rule.regex, "u"),
    allowlists: [gitleaksGlobalAllowlist, ...(rule.allowlists ?? [])].map(compileAllowlist)
  })))

/** Shannon entropy over the secret's characters, per character (gitleaks' `shannonEntropy`). */
const entropy = (s: string): number => {
  const counts = new Map<string, number>()
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  const n = [...s].length
  let h = 0
  for (const c of counts.values()) h -= (c / n) * Math.log2(c / n)
  return h
}

export interface GitleaksFinding {
  readonly rule: string
  readonly secret: string
}

/** What gitleaks' rule set reports in one text. */
export const gitleaksDetect = (text: string): GitleaksFinding[] => {
  const lowered = text.toLowerCase()
  const out: GitleaksFinding[] = []
  for (const c of rules()) {
    const r = c.rule
    if (r.path !== undefined) continue
    if (r.keywords.length > 0 && !r.keywords.some((k) => lowered.includes(k))) continue
    c.re.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = c.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        c.re.lastIndex++
        continue
      }
      const match = m[0].replace(/^\n+|\n+$/g, "")
      const start = m.index
      let secret = match
      const groups = c.once.exec(match)
      if (groups !== null && groups.length > 1) {
        if ((r.secretGroup ?? 0) > 0) {
          if (groups.length <= r.secretGroup!) continue
          secret = groups[r.secretGroup!] ?? ""
        } else {
          for (let i = 1; i < groups.length; i++) {
            if (groups[i] !== undefined && groups[i].length > 0) {
              secret = groups[i]
              break
            }
          }
        }
      }
      if (r.entropy !== undefined && r.entropy !== 0) {
        if (entropy(secret) <= r.entropy) continue
        if (r.id.startsWith("generic") && !/[0-9]/.test(secret)) continue
      }
      const lineStart = text.lastIndexOf("\n", start - 1) + 1
      const lineEnd = text.indexOf("\n", start + m[0].length)
      const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd)
      const allowed = c.allowlists.some((a) => {
        const target = a.target === "match" ? match : a.target === "line" ? line : secret
        const byRegex = a.regexes.length === 0 ? undefined : a.regexes.some((re) => re.test(target))
        const byWord = a.stopwords.length === 0 ? undefined : a.stopwords.some((w) => secret.toLowerCase().includes(w))
        const given = [byRegex, byWord].filter((x) => x !== undefined)
        if (given.length === 0) return false
        return a.and ? given.every((x) => x) : given.some((x) => x)
      })
      if (allowed) continue
      out.push({ rule: r.id, secret })
    }
  }
  return out
}
