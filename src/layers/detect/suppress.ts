/**
 * Scoped exemptions (`suppress`): silences one finding — a rule (or a whole scanner) — where the user says
 * it is a false positive, without turning the rule off anywhere else.
 *
 * An entry names `rule` (a finding's rule name such as `AWS Access ID`, or a scanner name such as `dlp`;
 * case-insensitive) and at least one scope; every scope the entry gives must match:
 * - `host`: the request's host, exact or `*.example.com` (which also matches the apex), as in `trusted_domains`;
 * - `path` (the Go key): a glob over the URL without userinfo, query and fragment (`https://api.example.com/v1/x`);
 *   `*` matches within one `/` segment, `**` across segments, `?` one character; a pattern ending in `/` is a
 *   prefix; a pattern starting with `/` is matched against the URL path alone;
 * - `tool`: an MCP tool name glob (`*`, `?`): tool-call arguments, and tool definitions in `tools/list`.
 * Findings that mean the traffic could not be inspected (`UNSUPPRESSIBLE`) always stand: fail closed.
 * `expires` (ISO date or date-time) ends an entry: from then on it no longer applies (checked per message, no
 * reload needed); the loader warns about entries already expired. As in the Go Pipelock, a suppressed finding is
 * dropped before the action is decided and counted; the Inspector logs each one (rule, scope, reason, never the
 * matched text).
 */
import type { Finding } from "../../services/Verdict.ts"
import { matchesAny } from "./domain.ts"
import { RE2 } from "./re2.ts"

export interface SuppressEntry {
  readonly rule: string
  readonly path?: string | undefined
  readonly host?: string | undefined
  readonly tool?: string | undefined
  readonly expires?: string | undefined
  readonly reason?: string | undefined
}

/** Where a finding came from: the URL of HTTP/WebSocket traffic, the MCP tool it concerns. */
export interface SuppressScope {
  readonly url?: string | undefined
  readonly tool?: string | undefined
}

/**
 * Scanners whose findings mean "could not be inspected" (a scanner error, a body over its limit, an unparseable
 * message, the session store down, the kill switch): fail closed, never suppressible.
 */
export const UNSUPPRESSIBLE: ReadonlySet<string> = new Set(["internal", "body", "parser", "session_store", "kill_switch"])

interface Compiled {
  readonly entry: SuppressEntry
  readonly index: number
  readonly rule: string
  readonly expiresAt: number | undefined
  readonly path: ((url: URL) => boolean) | undefined
  readonly tool: RE2 | undefined
}

export interface CompiledSuppress {
  readonly entries: ReadonlyArray<Compiled>
}

/** A suppressed finding and the entry that silenced it (for the log line). */
export interface Suppression {
  readonly finding: Finding
  readonly entry: SuppressEntry
  readonly index: number
}

const escape = (c: string): string => (/[\\^$.|+()[\]{}*?]/.test(c) ? `\\${c}` : c)

/** A glob as an anchored RE2 source: `**` any run, `*` any run without `sep`, `?` one character (not `sep`). */
export const globSource = (glob: string, sep: string | undefined): string => {
  let out = ""
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === "*" && glob[i + 1] === "*") {
      out += ".*"
      i++
    } else if (c === "*") {
      out += sep === undefined ? ".*" : `[^${escape(sep)}]*`
    } else if (c === "?") {
      out += sep === undefined ? "." : `[^${escape(sep)}]`
    } else {
      out += escape(c)
    }
  }
  return `^${out}$`
}

/** Why a `path` glob cannot be used, or undefined. */
export const pathProblem = (path: string): string | undefined => {
  if (path.trim() === "") return "an empty path would match nothing"
  if (/^\*+$/.test(path)) return "a bare wildcard would match every URL: name a host, URL or path"
  if (/\s/.test(path)) return "a path glob cannot contain whitespace"
  if (!path.startsWith("/") && !/^(?:https?|wss?):\/\/[^/*?]*[^/]/.test(path) && !/^(?:https?|wss?):\/\/\*\./.test(path)) {
    return "expected a URL glob such as https://api.example.com/v1/** or a path such as /v1/upload/*"
  }
  return undefined
}

/** Why an `expires` value cannot be used, or undefined. */
export const expiresProblem = (expires: string): string | undefined =>
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(expires) && !Number.isNaN(Date.parse(expires))
    ? undefined
    : "expected an ISO date or date-time such as 2027-01-31 or 2027-01-31T18:00:00Z"

/** When an entry stops applying (a bare date means the end of that day, UTC). */
export const expiresAt = (expires: string | undefined): number | undefined => {
  if (expires === undefined) return undefined
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(expires) ? `${expires}T23:59:59.999Z` : expires)
  return Number.isNaN(t) ? undefined : t
}

const urlText = (u: URL): string => `${u.protocol}//${u.host}${u.pathname}`

const compilePath = (glob: string): (url: URL) => boolean => {
  if (glob.startsWith("/")) {
    if (glob.endsWith("/")) return (u) => u.pathname.startsWith(glob)
    const re = new RE2(globSource(glob, "/"))
    return (u) => re.test(u.pathname)
  }
  if (glob.endsWith("/")) {
    const lower = glob.toLowerCase()
    return (u) => urlText(u).toLowerCase().startsWith(lower)
  }
  const re = new RE2(globSource(glob, "/"), "i")
  return (u) => re.test(urlText(u))
}

/** Compiles the entries (the config was validated: every glob compiles). */
export const compileSuppress = (entries: ReadonlyArray<SuppressEntry>): CompiledSuppress => ({
  entries: entries.map((entry, index): Compiled => ({
    entry,
    index,
    rule: entry.rule.toLowerCase(),
    expiresAt: expiresAt(entry.expires),
    path: entry.path === undefined ? undefined : compilePath(entry.path),
    tool: entry.tool === undefined ? undefined : new RE2(globSource(entry.tool, undefined))
  }))
})

const parseUrl = (raw: string | undefined): URL | undefined => {
  if (raw === undefined) return undefined
  try {
    return new URL(raw)
  } catch {
    return undefined
  }
}

const entryMatches = (c: Compiled, f: Finding, url: URL | undefined, tool: string | undefined, now: number): boolean => {
  if (c.expiresAt !== undefined && now > c.expiresAt) return false
  if (UNSUPPRESSIBLE.has(f.scanner)) return false
  if (c.rule !== f.rule.toLowerCase() && c.rule !== f.scanner) return false
  if (c.entry.host !== undefined && (url === undefined || !matchesAny(url.hostname.replace(/^\[|\]$/g, "").toLowerCase(), [c.entry.host.toLowerCase()]))) return false
  if (c.path !== undefined && (url === undefined || !c.path(url))) return false
  if (c.tool !== undefined && (tool === undefined || !c.tool.test(tool))) return false
  return true
}

/** The tool a tool-definition finding is about (`tool:<name>.description`, `tool:<name>`), when the scope has none. */
const toolOfLocation = (location: string, names: ReadonlyArray<string> | undefined): string | undefined => {
  if (!location.startsWith("tool:") || names === undefined) return undefined
  const rest = location.slice(5)
  let best: string | undefined
  for (const n of names) {
    if ((rest === n || rest.startsWith(`${n}.`)) && (best === undefined || n.length > best.length)) best = n
  }
  return best
}

/**
 * Splits findings into those that stand and those an entry suppresses. `toolNames`: the tools of a
 * `tools/list`, to read the tool from a definition finding's location.
 */
export const applySuppress = (
  c: CompiledSuppress,
  findings: ReadonlyArray<Finding>,
  scope: SuppressScope,
  now: number = Date.now(),
  toolNames?: ReadonlyArray<string>
): { readonly kept: ReadonlyArray<Finding>; readonly suppressed: ReadonlyArray<Suppression> } => {
  if (c.entries.length === 0 || findings.length === 0) return { kept: findings, suppressed: [] }
  const url = parseUrl(scope.url)
  const kept: Finding[] = []
  const suppressed: Suppression[] = []
  for (const f of findings) {
    const tool = scope.tool ?? toolOfLocation(f.location, toolNames)
    const hit = c.entries.find((e) => entryMatches(e, f, url, tool, now))
    if (hit === undefined) kept.push(f)
    else suppressed.push({ finding: f, entry: hit.entry, index: hit.index })
  }
  return { kept, suppressed }
}

/** The scope of an entry as one log field (`host=api.example.com tool=search`). */
export const scopeText = (e: SuppressEntry): string =>
  [e.host !== undefined ? `host=${e.host}` : "", e.path !== undefined ? `path=${e.path}` : "", e.tool !== undefined ? `tool=${e.tool}` : ""]
    .filter((s) => s !== "").join(" ")
