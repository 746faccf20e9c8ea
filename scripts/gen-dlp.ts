/**
 * `npm run gen:dlp [-- path/to/gitleaks.toml] [--check]`: turns gitleaks' rule set (MIT) into the committed
 * TypeScript catalogue `src/layers/detect/dlpGitleaks.ts`. The output depends only on the toml: running it again
 * reproduces the file byte for byte (`--check` exits 1 when the committed file differs, writing nothing).
 *
 * Every regex must compile in RE2 (the `re2` addon, as the scanner compiles it). gitleaks writes Go RE2
 * syntax, which RE2 reads unchanged; a construct it could not read would be translated mechanically here
 * (`translate`), and a rule that still does not compile is listed by this script and in the generated file
 * (`gitleaksSkipped`), never dropped silently. Rules that only match file paths (no regex) cannot apply to a
 * request body and are listed the same way.
 */
import { createHash } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import RE2 from "re2"
import { parse } from "smol-toml"

const root = join(import.meta.dirname, "..")
const args = process.argv.slice(2)
const check = args.includes("--check")
const given = args.find((a) => !a.startsWith("--"))
/** `../shared` beside the repository, or two levels up (a worktree under `wt/`). */
const defaultToml = [join(root, "../shared"), join(root, "../../shared")].map((d) => join(d, "detect-data/dlp/gitleaks.toml")).find(existsSync)
const tomlPath = given ?? defaultToml
if (tomlPath === undefined) {
  console.error("gen:dlp: gitleaks.toml not found (../shared/detect-data/dlp/gitleaks.toml); pass its path")
  process.exit(2)
}
const outPath = join(root, "src/layers/detect/dlpGitleaks.ts")

interface TomlAllowlist {
  description?: string
  condition?: string
  regexTarget?: string
  regexes?: string[]
  stopwords?: string[]
  paths?: string[]
  commits?: string[]
}
interface TomlRule {
  id: string
  description: string
  regex?: string
  secretGroup?: number
  entropy?: number
  keywords?: string[]
  path?: string
  allowlists?: TomlAllowlist[]
}

const text = readFileSync(tomlPath, "utf8")
const toml = parse(text) as unknown as { allowlist?: TomlAllowlist; rules: TomlRule[] }
const source = /^# Source: (\S+)/m.exec(text)?.[1] ?? "gitleaks/gitleaks:config/gitleaks.toml"
const sha256 = createHash("sha256").update(text).digest("hex")

/**
 * Mechanical rewrites from Go regexp syntax to what the `re2` addon accepts. Go's regexp is RE2, so the rule set
 * needs none today; a rewrite added here must keep the meaning exactly.
 */
const translate = (regex: string): string => regex

const compileError = (regex: string): string | undefined => {
  try {
    new RE2(regex, "u")
    return undefined
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

interface Allowlist {
  condition?: "AND"
  regexTarget?: "match" | "line"
  regexes?: string[]
  stopwords?: string[]
}
interface Rule {
  id: string
  description: string
  regex: string
  secretGroup?: number
  entropy?: number
  keywords: string[]
  path?: string
  allowlists?: Allowlist[]
}

const skipped: Array<{ id: string; reason: string }> = []
const translated: string[] = []

/**
 * An allowlist without its path criteria (a request body has no file path): an AND allowlist that names paths
 * can never apply and is left out; an OR one keeps its other criteria.
 */
const allowlistOf = (a: TomlAllowlist, where: string): Allowlist | undefined => {
  const and = a.condition !== undefined && a.condition.toUpperCase() === "AND"
  if (and && (a.paths ?? []).length > 0) return undefined
  const regexes: string[] = []
  for (const r of a.regexes ?? []) {
    const t = translate(r)
    const err = compileError(t)
    if (err !== undefined) {
      skipped.push({ id: where, reason: `allowlist regex ${JSON.stringify(r)} does not compile in RE2: ${err}` })
      continue
    }
    regexes.push(t)
  }
  const out: Allowlist = {}
  if (and) out.condition = "AND"
  if (a.regexTarget === "match" || a.regexTarget === "line") out.regexTarget = a.regexTarget
  if (regexes.length > 0) out.regexes = regexes
  if (a.stopwords !== undefined && a.stopwords.length > 0) out.stopwords = a.stopwords.map((s) => s.toLowerCase())
  return out.regexes === undefined && out.stopwords === undefined ? undefined : out
}

const rules: Rule[] = []
for (const r of toml.rules) {
  if (r.regex === undefined) {
    skipped.push({ id: r.id, reason: `matches file paths only (${r.path ?? "no regex"}): a request body has none` })
    continue
  }
  const regex = translate(r.regex)
  if (regex !== r.regex) translated.push(r.id)
  const err = compileError(regex)
  if (err !== undefined) {
    skipped.push({ id: r.id, reason: `does not compile in RE2: ${err}` })
    continue
  }
  const rule: Rule = { id: r.id, description: r.description, regex, keywords: (r.keywords ?? []).map((k) => k.toLowerCase()) }
  if (r.secretGroup !== undefined) rule.secretGroup = r.secretGroup
  if (r.entropy !== undefined) rule.entropy = r.entropy
  if (r.path !== undefined) rule.path = r.path
  const allowlists = (r.allowlists ?? []).map((a) => allowlistOf(a, r.id)).filter((a): a is Allowlist => a !== undefined)
  if (allowlists.length > 0) rule.allowlists = allowlists
  rules.push(rule)
}
const global = toml.allowlist === undefined ? undefined : allowlistOf(toml.allowlist, "global allowlist")

// ---------------------------------------------------------------------------------------------
// Emit
// ---------------------------------------------------------------------------------------------

const q = (s: string) => JSON.stringify(s)
/** A list of short strings, wrapped at about 120 columns. */
const list = (items: ReadonlyArray<string>, indent: string): string => {
  if (items.length === 0) return "[]"
  const lines: string[] = []
  let line = ""
  for (const item of items.map(q)) {
    if (line !== "" && indent.length + line.length + item.length + 2 > 120) {
      lines.push(line)
      line = ""
    }
    line = line === "" ? item : `${line}, ${item}`
  }
  lines.push(line)
  return lines.length === 1 && lines[0].length + indent.length < 100 ? `[${lines[0]}]` : `[\n${lines.map((l) => `${indent}  ${l}`).join(",\n")}\n${indent}]`
}
const allowlistTs = (a: Allowlist, indent: string): string => {
  const f: string[] = []
  if (a.condition !== undefined) f.push(`condition: ${q(a.condition)}`)
  if (a.regexTarget !== undefined) f.push(`regexTarget: ${q(a.regexTarget)}`)
  if (a.regexes !== undefined) f.push(`regexes: ${list(a.regexes, `${indent}  `)}`)
  if (a.stopwords !== undefined) f.push(`stopwords: ${list(a.stopwords, `${indent}  `)}`)
  return `{\n${f.map((x) => `${indent}  ${x}`).join(",\n")}\n${indent}}`
}
const ruleTs = (r: Rule): string => {
  const f: string[] = [`id: ${q(r.id)}`, `description: ${q(r.description)}`, `regex: ${q(r.regex)}`]
  if (r.secretGroup !== undefined) f.push(`secretGroup: ${r.secretGroup}`)
  if (r.entropy !== undefined) f.push(`entropy: ${r.entropy}`)
  f.push(`keywords: ${list(r.keywords, "    ")}`)
  if (r.path !== undefined) f.push(`path: ${q(r.path)}`)
  if (r.allowlists !== undefined) f.push(`allowlists: [${r.allowlists.map((a) => allowlistTs(a, "    ")).join(", ")}]`)
  return `  {\n${f.map((x) => `    ${x}`).join(",\n")}\n  }`
}

const out = `/**
 * GENERATED by \`npm run gen:dlp\` (scripts/gen-dlp.ts): do not edit. Regenerate from the toml instead.
 *
 * gitleaks' rule set, ${source}
 * (MIT License, Copyright (c) 2019 Zachary Rice; see NOTICE). sha256 of the toml: ${sha256}.
 * ${rules.length} rules; ${skipped.length} left out (\`gitleaksSkipped\`, with the reason)${translated.length > 0 ? `; translated for RE2: ${translated.join(", ")}` : ""}.
 * Regexes are gitleaks' own (Go RE2 syntax, case-sensitive unless they say \`(?i)\`); keywords are lower case;
 * allowlists keep their regexes and stop words, not their file-path criteria (a request body has no path).
 */
import type { GitleaksAllowlist, GitleaksRule } from "./dlpPatterns.ts"

/** The revision of the rule set these rules come from. */
export const gitleaksSource = ${q(source)}

/** gitleaks' global allowlist (its secret regexes and stop words apply to every gitleaks rule). */
export const gitleaksGlobalAllowlist: GitleaksAllowlist = ${global === undefined ? "{}" : allowlistTs(global, "")}

/** Rules of the toml that are not in \`gitleaksRules\`, and why. */
export const gitleaksSkipped: ReadonlyArray<{ readonly id: string; readonly reason: string }> = [
${skipped.map((s) => `  { id: ${q(s.id)}, reason: ${q(s.reason)} }`).join(",\n")}
]

export const gitleaksRules: ReadonlyArray<GitleaksRule> = [
${rules.map(ruleTs).join(",\n")}
]
`

const current = existsSync(outPath) ? readFileSync(outPath, "utf8") : ""
for (const s of skipped) console.error(`gen:dlp: left out ${s.id}: ${s.reason}`)
if (check) {
  if (current !== out) {
    console.error(`gen:dlp: ${outPath} differs from what ${tomlPath} generates: run npm run gen:dlp`)
    process.exit(1)
  }
  console.log(`gen:dlp: ${outPath} is up to date (${rules.length} rules)`)
} else {
  if (current !== out) writeFileSync(outPath, out)
  console.log(`gen:dlp: ${rules.length} rules from ${source}${current === out ? " (unchanged)" : ` written to ${outPath}`}`)
}
