/**
 * Tool-call chains: each call is classified (exec, persist, env, network, write, read, list) from its name,
 * and re-classified from its arguments (a read of `~/.ssh` or `.env` is a sensitive read; a write into cron
 * or systemd paths is persistence). A session's recent calls are matched against attack sequences (read then
 * send, env then network, write then execute…) as ordered subsequences within `window_size` calls and
 * `window_seconds`, with at most `max_gap` unrelated calls between steps.
 */
import type { Finding, Severity } from "../../services/Verdict.ts"
import { RE2 } from "./re2.ts"
import { argumentStrings } from "./toolPolicy.ts"

export type Category = "exec" | "persist" | "env" | "network" | "write" | "read" | "sensitive_read" | "list" | "unknown"

const KEYWORDS: ReadonlyArray<[Category, ReadonlyArray<string>]> = [
  ["exec", ["shell", "bash", "run", "execute", "exec", "cmd", "command", "spawn", "eval", "sh", "zsh", "powershell", "terminal", "process"]],
  ["persist", ["crontab", "cron", "systemctl", "systemd", "launchd", "launchctl", "autostart", "schedule", "startup"]],
  ["env", ["env", "environ", "environment", "getenv", "secret", "secrets", "credential", "credentials", "config", "token", "key", "keys", "password", "vault"]],
  ["network", ["fetch", "curl", "wget", "http", "https", "request", "send", "post", "upload", "download", "api", "webhook", "email", "mail", "slack", "url", "browse", "navigate", "publish", "notify", "message",
    "dns", "nslookup", "dig", "ping", "traceroute", "socket", "tcp", "udp", "smtp", "ftp", "sftp", "scp", "rsync", "telnet", "graphql", "grpc", "websocket", "sms", "tweet", "telegram", "discord", "share", "transfer", "sync", "push", "gist", "paste", "pastebin", "tweet", "toot", "s3", "bucket"]],
  ["write", ["write", "create", "save", "update", "edit", "modify", "put", "append", "insert", "move", "copy", "delete", "remove"]],
  ["read", ["read", "get", "view", "cat", "head", "tail", "open", "load", "retrieve", "access", "show", "fetch_file", "download_file"]],
  ["list", ["list", "ls", "dir", "find", "glob", "search", "scan", "enumerate", "walk", "tree", "whoami", "ps"]]
]
const READISH = new Set(["status", "list", "show", "info", "describe", "get", "view", "check", "inspect", "cat", "log", "logs", "read", "query", "monitor"])

const segments = (name: string) =>
  name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[_\-.\s/]+|__/).filter((s) => s !== "")

const SENSITIVE_PATH = /(\.ssh\b|\bid_rsa|\bid_ed25519|\.aws\/credentials|\.env\b|\.netrc|\.npmrc|\.pypirc|\.git-credentials|\/etc\/shadow|\/etc\/passwd|\bkubeconfig\b|\.kube\/config|\.docker\/config\.json|secrets?\.(ya?ml|json|env)|credentials?\.(json|ya?ml))/i
const PERSIST_ARG = /(\bcrontab\s+-e\b|\bcrontab\s+\S|\|\s*crontab\b|\bsystemctl\s+(enable|daemon-reload)\b|\blaunchctl\s+(load|enable)\b|\/etc\/cron|\/var\/spool\/cron|\/etc\/systemd\/|\/etc\/init\.d\/|\.config\/systemd\/|\/Library\/Launch(Agents|Daemons)\/)/i
const NETWORK_ARG = /\b(curl|wget|nc|ncat|scp|rsync|ftp|telnet)\b[^|;]*\b(https?:\/\/|\d+\.\d+\.\d+\.\d+|@)/i
const LIST_ARG = /^\s*(ls|find|whoami|id|uname|ps|hostname|ifconfig|ip\s+a|netstat|env|printenv)\b/i
/**
 * Routine developer commands (version control queries, test and build runners, listings) with nothing
 * piped, substituted or redirected: an agent at work, not a step of an attack. They are not counted as
 * exec calls, so a few of them in a row are not a "shell burst".
 */
const DEV_COMMAND = new RE2(String.raw`^\s*(?:git\s+(?:-C\s+\S+\s+)?(?:status|diff|log|show|branch|rev-parse|blame|remote\s+-v|ls-files|describe|tag\s+-l|stash\s+list)|npm\s+(?:test|t|run\s+(?:test|lint|build|typecheck|format)|ls|outdated|audit)|yarn\s+(?:test|lint|build)|pnpm\s+(?:test|lint|build)|npx\s+(?:tsc|eslint|prettier|vitest|jest)|pytest|python3?\s+-m\s+(?:pytest|unittest|mypy|ruff)|go\s+(?:test|vet|build|fmt)|cargo\s+(?:test|build|check|fmt|clippy)|make\s+(?:test|lint|build|check)|tsc|eslint|prettier|node\s+--version|python3?\s+--version)\b[^|;&$<>\x60]*$`, "u")

const ENV_ARG = /^\s*(env|printenv|set|export\s+-p)\s*$|\$\{?[A-Z_]*(SECRET|TOKEN|KEY|PASSWORD)[A-Z_]*\}?|\/proc\/self\/environ/i

/** The category of one call (name first, then what its arguments reveal), with `tool_categories` overrides. */
export const classifyCall = (name: string, args: unknown, overrides: Readonly<Record<string, ReadonlyArray<string>>> = {}): Category => {
  for (const [category, patterns] of Object.entries(overrides)) {
    if (patterns.some((p) => p === name || (p.includes("*") && new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(name)))) {
      return category as Category
    }
  }
  const segs = segments(name)
  let category: Category = "unknown"
  for (const [c, words] of KEYWORDS) {
    if (segs.some((s) => words.includes(s))) {
      if (c === "persist" && segs.some((s) => READISH.has(s))) continue
      category = c
      break
    }
  }
  const text = argumentStrings(args).join(" ").slice(0, 16 * 1024)
  if (category === "exec") {
    if (DEV_COMMAND.test(text)) return "unknown"
    if (PERSIST_ARG.test(text)) return "persist"
    if (NETWORK_ARG.test(text)) return "network"
    if (SENSITIVE_PATH.test(text) && /\b(cat|head|tail|less|more|cp|base64|xxd|strings|grep)\b/.test(text)) return "sensitive_read"
    if (ENV_ARG.test(text)) return "env"
    if (LIST_ARG.test(text)) return "list"
    return "exec"
  }
  if (category === "write" && PERSIST_ARG.test(text)) return "persist"
  if ((category === "read" || category === "unknown" || category === "list") && SENSITIVE_PATH.test(text)) return "sensitive_read"
  return category
}

export interface ChainPattern {
  readonly name: string
  readonly sequence: ReadonlyArray<Category | "any_read">
  readonly severity: Severity
  readonly action?: "warn" | "block" | undefined
}

/** The Go chain patterns; `any_read` is a plain or sensitive read. */
export const builtinChainPatterns: ReadonlyArray<ChainPattern> = [
  { name: "read-then-exec", sequence: ["any_read", "exec"], severity: "high" },
  { name: "read-write-send", sequence: ["any_read", "write", "network"], severity: "critical" },
  { name: "env-then-network", sequence: ["env", "network"], severity: "critical" },
  { name: "directory-scan", sequence: ["list", "list", "any_read"], severity: "medium" },
  { name: "write-execute", sequence: ["write", "exec"], severity: "high" },
  { name: "write-chmod-execute", sequence: ["write", "exec", "exec"], severity: "critical" },
  { name: "read-sensitive-write", sequence: ["sensitive_read", "write"], severity: "high" },
  { name: "read-then-write", sequence: ["read", "write"], severity: "medium" },
  { name: "shell-burst", sequence: ["exec", "exec", "exec", "exec"], severity: "high" },
  { name: "write-persist", sequence: ["write", "persist"], severity: "critical" },
  { name: "persist-callback", sequence: ["persist", "network"], severity: "critical" },
  // Pipelock-TS additions: a sensitive read or an environment read followed by anything that sends.
  { name: "sensitive-read-then-send", sequence: ["sensitive_read", "network"], severity: "critical" },
  { name: "recon-then-exfil", sequence: ["list", "exec", "network"], severity: "high" }
]

export interface ChainOptions {
  readonly windowSize: number
  readonly windowSeconds: number
  readonly maxGap: number
  readonly patterns: ReadonlyArray<ChainPattern>
}

/** One classified call (the category is a string: `tool_categories` and custom patterns may name their own). */
export interface Call {
  readonly category: string
  readonly at: number
}

const stepMatches = (step: string, c: string) =>
  step === c || (step === "any_read" && (c === "read" || c === "sensitive_read"))

/** Whether `calls` (oldest first) end with the pattern as a subsequence, gaps ≤ maxGap. */
const endsWith = (calls: ReadonlyArray<Call>, seq: ReadonlyArray<string>, maxGap: number): boolean => {
  // Walk backwards from the newest call, which must be the last step.
  let i = calls.length - 1
  if (i < 0 || !stepMatches(seq[seq.length - 1], calls[i].category)) return false
  for (let s = seq.length - 2; s >= 0; s--) {
    let gap = 0
    i--
    while (i >= 0 && !stepMatches(seq[s], calls[i].category)) {
      if (++gap > maxGap) return false
      i--
    }
    if (i < 0) return false
  }
  return true
}

/**
 * A session's history after one more classified call: calls older than `windowSeconds` dropped, the new one
 * appended, at most the last `windowSize` kept. The SessionStore applies this atomically (the Redis store runs
 * the same steps in a Lua script); `chainFindings` then judges the history it returns.
 */
export const appendCall = (history: ReadonlyArray<Call>, call: Call, windowSize: number, windowSeconds: number): Call[] => {
  const kept = history.filter((c) => call.at - c.at <= windowSeconds * 1000)
  kept.push(call)
  return kept.length > windowSize ? kept.slice(-windowSize) : kept
}

/** The chains a history (oldest first, its newest call the one just made) completes: the one definition of a chain. */
export const chainFindings = (calls: ReadonlyArray<Call>, o: ChainOptions, toolName: string): Finding[] => {
  const out: Finding[] = []
  for (const p of o.patterns) {
    if (endsWith(calls, p.sequence, o.maxGap)) {
      out.push({
        scanner: "chain",
        rule: p.name,
        severity: p.severity,
        location: `tools/call:${toolName}`,
        evidence: calls.slice(-p.sequence.length - o.maxGap).map((c) => c.category).join(" → "),
        message: `tool-call chain "${p.name}" (${p.sequence.join(" → ")})`,
        action: p.action
      })
    }
  }
  return out
}

/** A session's recent calls held in one object (tests, and one-process use); `record` returns the chains the new call completes. */
export class ChainHistory {
  private calls: Call[] = []
  private readonly options: ChainOptions
  constructor(options: ChainOptions) {
    this.options = options
  }

  record(category: Category, now: number, toolName: string): Finding[] {
    const o = this.options
    if (category === "unknown") {
      this.calls = this.calls.filter((c) => now - c.at <= o.windowSeconds * 1000)
      return []
    }
    this.calls = appendCall(this.calls, { category, at: now }, o.windowSize, o.windowSeconds)
    return chainFindings(this.calls, o, toolName)
  }
}
