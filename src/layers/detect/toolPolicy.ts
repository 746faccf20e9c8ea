/**
 * MCP tool policy: rules on `tools/call` (a tool-name pattern, optionally an argument pattern limited to one
 * top-level key) with an action: warn, block or redirect (to a redirect profile). Arguments are matched after
 * shell de-obfuscation, in three normalisation views, against the joined tokens, each token and each ordered
 * pair of tokens, so `r''m -rf` and `{rm,-rf,/}` meet the `rm -rf` rule. The 17 built-in rules are the Go
 * presets' (the hostile-model preset adds "Environment Dump").
 */
import type { Finding, Severity } from "../../services/Verdict.ts"
import { forMatching } from "./normalize.ts"
import { PatternSet, RE2, type RE2Set } from "./re2.ts"
import { deobfuscate } from "./shell.ts"

export interface ToolPolicyRuleSpec {
  readonly name: string
  readonly tool_pattern: string
  readonly arg_pattern?: string | undefined
  readonly arg_key?: string | undefined
  readonly action?: "warn" | "block" | "redirect" | undefined
  readonly redirect_profile?: string | undefined
}

const SHELL = "(?i)^(bash|shell|exec|run_command|execute|terminal|bash_exec)$"
const WRITE = "(?i)^(write_file|file_write|edit_file|create_file|modify_file|append_file)$"
const PERSIST_PATHS = "(/etc/crontab\\b|/etc/cron\\.(d|daily|hourly|weekly|monthly)/|/var/spool/cron/|/etc/init\\.d/|/etc/systemd/|/lib/systemd/|/usr/lib/systemd/|\\.config/systemd/user/|/Library/Launch(Daemons|Agents)/)"
const PROFILES = "\\.(bashrc|bash_profile|profile|zshrc|zprofile|zshenv|bash_logout)"

/** The presets' 17 rules, with their regexes and actions. */
export const builtinToolPolicyRules: ReadonlyArray<ToolPolicyRuleSpec> = [
  { name: "Destructive File Delete", tool_pattern: SHELL, arg_pattern: "(?i)\\brm\\s+(--\\s+)?(-[a-z]*[rf]\\b|--(?:recursive|force)\\b)", action: "block" },
  { name: "Recursive Permission Change", tool_pattern: SHELL, arg_pattern: "(?i)\\b(chmod\\s+(-R|--recursive)\\s+(777|666)|chmod\\s+(777|666)\\s+(-R|--recursive)|chown\\s+(-R|--recursive))\\b" },
  { name: "Credential File Access", tool_pattern: "(?i)^(bash|shell|exec|run_command|execute|terminal|bash_exec|read_file|file_read)$", arg_pattern: "(?i)(\\.ssh/(id_|authorized)|\\.aws/credentials|\\.env\\b|\\.netrc|/etc/shadow)", action: "block" },
  { name: "Network Exfiltration", tool_pattern: SHELL, arg_pattern: "(?i)\\b(curl|wget)\\b.*(-d\\s|-F\\s|-T\\s|--data(?:-binary|-raw|-urlencode)?\\b|--form\\b|--upload-file\\b|--post-data\\b|--post-file\\b|--body-data\\b|--body-file\\b|-X\\s+POST)" },
  { name: "Reverse Shell", tool_pattern: SHELL, arg_pattern: "(?i)(bash\\s+-i\\s+>&|/dev/tcp/|mkfifo\\s+|nc\\s+-e|ncat\\s+-e)", action: "block" },
  { name: "Disk Wipe Command", tool_pattern: SHELL, arg_pattern: "(?i)\\b(dd\\s+if=.*of=/dev/|mkfs\\.|fdisk)\\b", action: "block" },
  { name: "Package Install", tool_pattern: SHELL, arg_pattern: "(?i)\\b(pip|npm|gem|cargo|go)\\s+install\\b" },
  { name: "Destructive Git Operation", tool_pattern: "(?i)^(bash|shell|exec|run_command|execute|terminal|bash_exec|git)$", arg_pattern: "(?i)(\\bgit\\s+)?(push\\s+(--force(\\s|$)|-f\\b)|reset\\s+--hard\\b|clean\\s+-fd\\b)", action: "block" },
  { name: "Encoded Command Execution", tool_pattern: SHELL, arg_pattern: "(?i)(\\beval\\b.*\\bbase64\\b|\\bbase64\\s+(-d|--decode)\\b.*\\|\\s*(ba)?sh\\b)", action: "block" },
  { name: "Cron Job Persistence", tool_pattern: SHELL, arg_pattern: "(?i)(\\bcrontab\\s+(-\\w+\\s+\\S+\\s+)*-e\\b|\\bcrontab\\s+(-\\w+\\s+\\S+\\s+)*[^-\\s]|>{1,2}\\s*/(?:var/spool/cron|etc/cron)|\\|\\s*crontab\\b)", action: "block" },
  { name: "Systemd Service Persistence", tool_pattern: SHELL, arg_pattern: "(?i)\\bsystemctl\\s+(-{1,2}\\w+\\s+)*(enable|daemon-reload)\\b", action: "block" },
  { name: "Persistence Path Write", tool_pattern: WRITE, arg_pattern: `(?i)${PERSIST_PATHS}`, action: "block" },
  { name: "Persistence Path Write via Command", tool_pattern: SHELL, arg_pattern: `(?i)(>{1,2}\\s*[^;|&]*${PERSIST_PATHS}|\\b(tee|sed\\s+-i)\\s+[^;|&]*${PERSIST_PATHS}|\\b(cp|mv|install|ln)\\b\\s+(\\S+\\s+)+\\S*${PERSIST_PATHS})`, action: "block" },
  { name: "Shell Profile Modification", tool_pattern: WRITE, arg_pattern: `(?i)((?:^|/)${PROFILES}\\b|/etc/profile\\b)`, action: "block" },
  { name: "Shell Profile Write via Command", tool_pattern: SHELL, arg_pattern: `(?i)(>{1,2}[^;|&]*(?:^|[/\\s])${PROFILES}\\b|\\b(tee|sed\\s+-i)[^;|&]*(?:^|[/\\s])${PROFILES}\\b|\\b(cp|mv|install|ln)\\b\\s+(\\S+\\s+)+(?:\\S*/)?${PROFILES}\\s*$|\\balias\\s+\\w+=|>{1,2}[^;|&]*/etc/profile\\b|\\b(tee|sed\\s+-i)[^;|&]*/etc/profile\\b|\\b(cp|mv|install|ln)\\b\\s+(\\S+\\s+)+\\S*/etc/profile\\s*$)`, action: "block" },
  { name: "Detached Process Spawning", tool_pattern: SHELL, arg_pattern: "(?i)(\\bnohup\\s+|\\bdisown\\b|\\bsetsid\\s+|\\bscreen\\s+(-\\S+\\s+)*-[dDm]|\\btmux\\s+(new-session|new)\\s+-d)" },
  { name: "Audit Log Tampering", tool_pattern: "(?i)^(bash|shell|exec|run_command|execute|terminal|bash_exec|write_file|file_write|edit_file|create_file|modify_file|append_file)$", arg_pattern: "(?i)(\\b(rm|truncate|shred)\\b[^;|&]*/var/log/|\\b(rm|truncate|shred)\\b[^;|&]*\\.(log|audit|jsonl)\\b|>{1,2}\\s*[^;|&]*(/var/log/|\\.(log|audit|jsonl)\\b)|\\bhistory\\s+-c\\b|\\bunset\\s+HISTFILE\\b|\\bexport\\s+HISTFILE=/dev/null\\b)" }
]

/** The hostile-model preset's extra rule. */
export const environmentDumpRule: ToolPolicyRuleSpec = {
  name: "Environment Dump", tool_pattern: SHELL, arg_pattern: "(?i)^\\s*(printenv|env|set|export\\s+-p)\\s*$", action: "block"
}

export class ToolPolicyError extends Error {
  readonly ruleName: string
  constructor(ruleName: string, message: string) {
    super(`tool policy rule "${ruleName}": ${message}`)
    this.ruleName = ruleName
  }
}

interface CompiledRule {
  readonly spec: ToolPolicyRuleSpec
  readonly tool: RE2
  readonly arg: RE2 | undefined
}

export interface CompiledToolPolicy {
  readonly rules: ReadonlyArray<CompiledRule>
  /** Every rule's tool pattern in one set (index = rule index): a tool name is matched in one pass, not one per rule. */
  readonly toolSet: RE2Set
  readonly argSet: RE2Set | undefined
  /** Index in `argSet` → rule index. */
  readonly argRule: ReadonlyArray<number>
  readonly sectionAction: "warn" | "block" | "redirect"
}

export const compileToolPolicy = (specs: ReadonlyArray<ToolPolicyRuleSpec>, sectionAction: "warn" | "block" | "redirect"): CompiledToolPolicy => {
  const rules = specs.map((spec) => {
    const make = (src: string) => {
      try {
        return new RE2(src, "u")
      } catch (e) {
        throw new ToolPolicyError(spec.name, e instanceof Error ? e.message : String(e))
      }
    }
    return { spec, tool: make(spec.tool_pattern), arg: spec.arg_pattern === undefined ? undefined : make(spec.arg_pattern) }
  })
  const withArg = rules.map((r, i) => [r, i] as const).filter(([r]) => r.arg !== undefined)
  let toolSet: PatternSet | undefined
  return {
    rules,
    // Built at the first tools/call (`check --url` and proxies without MCP never compile it).
    get toolSet() {
      return (toolSet ??= new PatternSet(rules.map((r) => r.spec.tool_pattern), "u"))
    },
    argSet: withArg.length > 0 ? new PatternSet(withArg.map(([r]) => r.spec.arg_pattern!), "u") : undefined,
    argRule: withArg.map(([, i]) => i),
    sectionAction
  }
}

/** The strings of an arguments value (recursively), limited to one top-level key when `key` is given. */
export const argumentStrings = (args: unknown, key?: string): string[] => {
  const out: string[] = []
  const walk = (v: unknown, depth: number) => {
    if (out.length >= 256 || depth > 32) return
    if (typeof v === "string") out.push(v)
    else if (typeof v === "number" || typeof v === "boolean") out.push(String(v))
    else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1))
    else if (v !== null && typeof v === "object") Object.values(v).forEach((x) => walk(x, depth + 1))
  }
  if (key !== undefined) {
    if (args !== null && typeof args === "object" && !Array.isArray(args)) walk((args as Record<string, unknown>)[key], 0)
  } else walk(args, 0)
  return out
}

/** The candidate strings a rule's argument pattern is tried on: joined tokens, each token, ordered token pairs. */
const candidates = (strings: ReadonlyArray<string>): string[] => {
  const out = new Set<string>()
  const joinedRaw = strings.join(" ")
  for (const view of deobfuscate(joinedRaw)) {
    out.add(view.text)
    const tokens = view.tokens.slice(0, 64)
    for (const t of tokens) out.add(t)
    const pairLimit = Math.min(tokens.length, 24)
    for (let i = 0; i < pairLimit; i++) for (let j = i + 1; j < pairLimit; j++) out.add(`${tokens[i]} ${tokens[j]}`)
  }
  for (const s of strings) for (const view of deobfuscate(s)) out.add(view.text)
  return [...out]
}

const severityOf = (action: string): Severity => (action === "block" ? "high" : action === "redirect" ? "medium" : "medium")

/** The rules a `tools/call` matches, as findings carrying each rule's action. */
export const evaluateToolCall = (c: CompiledToolPolicy, toolName: string, args: unknown): Finding[] => {
  const matchingTools = new Array<boolean>(c.rules.length).fill(false)
  let any = false
  for (const i of c.toolSet.match(toolName)) any = matchingTools[i] = true
  const folded = forMatching(toolName)
  if (folded !== toolName) for (const i of c.toolSet.match(folded)) any = matchingTools[i] = true
  if (!any) return []
  const out: Finding[] = []
  const hit = new Set<number>()
  for (let i = 0; i < c.rules.length; i++) if (matchingTools[i] && c.rules[i].arg === undefined) hit.add(i)
  if (c.argSet !== undefined && c.rules.some((r, i) => matchingTools[i] && r.arg !== undefined)) {
    const byKey = new Map<string | undefined, string[]>()
    for (let k = 0; k < c.argRule.length; k++) {
      const i = c.argRule[k]
      if (!matchingTools[i] || hit.has(i)) continue
      const key = c.rules[i].spec.arg_key
      let cands = byKey.get(key)
      if (cands === undefined) {
        cands = candidates(argumentStrings(args, key))
        byKey.set(key, cands)
      }
      if (cands.some((s) => c.rules[i].arg!.test(s))) hit.add(i)
    }
  }
  for (const i of [...hit].sort((a, b) => a - b)) {
    const spec = c.rules[i].spec
    const action = spec.action ?? c.sectionAction
    out.push({
      scanner: "tool_policy",
      rule: spec.name,
      severity: severityOf(action),
      location: `tools/call:${toolName}`,
      evidence: toolName,
      message: `tool policy rule "${spec.name}" matched`,
      action,
      redirectProfile: action === "redirect" ? spec.redirect_profile : undefined
    })
  }
  return out
}
