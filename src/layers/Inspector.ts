/**
 * The Inspector: every transport's traffic goes through here. It holds one compiled snapshot of the
 * scanners for the configuration in force (recompiled on reload; a request reads it once). Shared state (the
 * per-MCP-session pinned tool inventory and call history, per-domain rate and data windows, pinned Agent
 * Cards) lives in the SessionStore, changed by one atomic operation at a time; a store that cannot answer
 * gives the request the `session_store.on_unavailable` policy. Each method returns a Verdict; a scanner that
 * throws becomes a blocking finding (fail closed) except in audit mode.
 */
import { readFileSync } from "node:fs"
import { Effect, Fiber, Layer, Option, type Result, Semaphore, Stream } from "effect"
import type { Config } from "../services/Config.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { Inspector, type McpContext, type McpVerdict, type OutboundRequest, type PinnedTarget, type RequestContext, type StreamScanner, type UrlCheck } from "../services/Inspector.ts"
import { Resolver } from "../services/Resolver.ts"
import { type Scanner, ScannerRegistry, type Subject, type Surface } from "../services/Scanner.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { type CallOutcome, type CallRecord, SessionStore, type StoreUnavailable, type ToolPin } from "../services/SessionStore.ts"
import type { Finding, Mode, Verdict } from "../services/Verdict.ts"
import { a2aParts, cardFingerprint, cardTools, diffCards, isA2aRequest, isAgentCard, isCardUrl } from "./detect/a2a.ts"
import { type Category, type ChainOptions, type ChainPattern, builtinChainPatterns, chainFindings, classifyCall } from "./detect/chain.ts"
import { combine, decide, scannerFailure, type SectionAction } from "./detect/decide.ts"
import { type CompiledDlp, compile as compileDlp, scanParts, scanText as dlpText, scanUrl } from "./detect/dlp.ts"
import { CONTAINER_COST, containerOf, defaultLimits, dlpParts, jsonParts, type JsonFailure, knownStrings, type KnownStrings, type JsonTexts, type JsonWalk, KEY, kindOf, type Part, textRuns, textsUnder, walkJson, walkJsonInSlices, walkValue } from "./detect/json.ts"
import { mergeDlpPatterns } from "./detect/dlpPatterns.ts"
import { matchesAny, registrableDomain } from "./detect/domain.ts"
import { type CompiledInjection, compile as compileInjection } from "./detect/injection.ts"
import { mergeInjectionPatterns } from "./detect/injectionPatterns.ts"
import { parseIp } from "./detect/ip.ts"
import { scanShell } from "./detect/shell.ts"
import { applySuppress, type CompiledSuppress, compileSuppress, scopeText, type SuppressScope } from "./detect/suppress.ts"
import { diffTools, fingerprint, scanTool, type ToolDefinition } from "./detect/toolPoison.ts"
import { builtinToolPolicyRules, type CompiledToolPolicy, compileToolPolicy, evaluateToolCall } from "./detect/toolPolicy.ts"
import { checkResolved, checkUrl as checkUrlRules, type CompiledUrlRules, compileUrlRules } from "./detect/urlGuard.ts"
import { Metrics, type Service as MetricsService } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"
import { annotateVerdict, tracingOn } from "./telemetry/spans.ts"
import * as Reassemble from "./stream/reassemble.ts"
import { formatOf } from "./stream/reassemble.ts"
import { RE2 } from "./detect/re2.ts"
import { ALL as ALL_BUILTINS, type Kernels, kernelsFor, NOTHING } from "./detect/builtins.ts"
import { runAll, runAllSync } from "./Scanner.ts"
import { dlpSteps, injectionSteps, OVERLAP_CHARS, runSteps, type Steps, WHOLE_CHARS } from "./detect/windows.ts"

// ---------------------------------------------------------------------------------------------
// The compiled snapshot
// ---------------------------------------------------------------------------------------------

export interface Snapshot {
  readonly config: Config
  readonly mode: Mode
  readonly dlp: CompiledDlp
  /** Response scanning: the configured catalogue (+ core), or the core set alone when disabled. */
  readonly injection: CompiledInjection
  /** Tool definitions, tool arguments and MCP results: the full built-in catalogue plus user patterns. */
  readonly mcpInjection: CompiledInjection
  readonly url: CompiledUrlRules
  readonly policy: CompiledToolPolicy | undefined
  readonly chain: ChainOptions | undefined
  /** The `suppress` entries: findings they match are dropped before the verdict. */
  readonly suppress: CompiledSuppress
  /**
   * The built-in scanners that run (those registered in the ScannerRegistry; all of them for a bare
   * Inspector), as synchronous cores over the rule sets above.
   */
  readonly k: Kernels
  /** Where scan durations are observed (the instance's metrics), if anywhere. */
  readonly meter?: MetricsService | undefined
}

const readSecretsFile = (path: string): string[] => {
  if (path === "") return []
  const text = readFileSync(path, "utf8")
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")).slice(0, 1000)
}

/** Compiles every scanner for a configuration. Throws when something cannot compile (the caller keeps the old snapshot). */
export const compileSnapshot = (config: Config, env: Readonly<Record<string, string | undefined>> = process.env): Snapshot => {
  const dlp = compileDlp({
    patterns: mergeDlpPatterns(config.dlp.patterns, config.dlp.include_defaults, config.dlp.disabled_rules),
    scanEnv: config.dlp.scan_env,
    minEnvSecretLength: config.dlp.min_env_secret_length,
    env,
    knownSecrets: readSecretsFile(config.dlp.secrets_file),
    canaryTokens: config.canary_tokens.enabled
      ? config.canary_tokens.tokens.map((t) => ({ name: t.name, value: t.value ?? (t.env_var ? env[t.env_var] ?? "" : "") })).filter((t) => t.value.length >= 6)
      : [],
    seedPhrase: {
      enabled: config.seed_phrase_detection.enabled,
      minWords: config.seed_phrase_detection.min_words,
      verifyChecksum: config.seed_phrase_detection.verify_checksum
    }
  })
  const rs = config.response_scanning
  const injection = compileInjection({ patterns: rs.enabled ? mergeInjectionPatterns(rs.patterns, rs.include_defaults) : [] })
  // The same catalogue (the default: scanning on with the built-in patterns) is compiled once, not twice.
  const mcpInjection = rs.enabled && rs.include_defaults ? injection : compileInjection({ patterns: mergeInjectionPatterns(rs.patterns, true) })
  const m = config.fetch_proxy.monitoring
  const url = compileUrlRules({
    mode: config.mode,
    apiAllowlist: config.api_allowlist,
    blocklist: m.blocklist,
    maxUrlLength: m.max_url_length,
    entropyThreshold: m.entropy_threshold,
    subdomainEntropyThreshold: m.subdomain_entropy_threshold,
    subdomainEntropyExclusions: m.subdomain_entropy_exclusions,
    trustedDomains: config.trusted_domains,
    internal: config.internal,
    ipAllowlist: config.ssrf.ip_allowlist,
    dlp
  })
  const tp = config.mcp_tool_policy
  const policy = tp.enabled ? compileToolPolicy(tp.rules.length > 0 ? tp.rules : builtinToolPolicyRules, tp.action) : undefined
  const tc = config.tool_chain_detection
  const chain: ChainOptions | undefined = tc.enabled
    ? {
      windowSize: tc.window_size,
      windowSeconds: tc.window_seconds,
      maxGap: tc.max_gap,
      patterns: [
        ...builtinChainPatterns.map((p): ChainPattern => ({ ...p, action: tc.pattern_overrides[p.name] ?? p.action })),
        ...tc.custom_patterns.map((p): ChainPattern => ({
          name: p.name,
          sequence: p.sequence as ReadonlyArray<Category>,
          severity: p.severity ?? "high",
          action: p.action ?? tc.action
        }))
      ]
    }
    : undefined
  return { config, mode: config.mode, dlp, injection, mcpInjection, url, policy, chain, suppress: compileSuppress(config.suppress), k: ALL_BUILTINS }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const timed = <A>(s: Snapshot, scanner: string, f: () => A): A => {
  if (s.meter === undefined) return f()
  const t = performance.now()
  try {
    return f()
  } finally {
    s.meter.observe(metrics.scanDuration, (performance.now() - t) / 1000, { scanner })
  }
}

/** Runs a scan; an exception becomes a blocking finding (fail closed). */
const guarded = (location: string, f: () => Finding[]): Finding[] => {
  try {
    return f()
  } catch (e) {
    return [scannerFailure(e, location)]
  }
}

/** A walk that stopped: what it blocks as. `invalid_json` only where the caller knows the text must be JSON. */
const walkFinding = (w: JsonFailure, location: string): Finding => w.problem === "syntax"
  ? { scanner: "parser", rule: "invalid_json", severity: "high", location, evidence: "", action: "block", message: `the JSON does not parse (${w.message} at offset ${w.offset})` }
  : {
    scanner: "parser", rule: w.problem === "depth" ? "json_depth_limit" : "json_node_limit", severity: "high", location, evidence: "", action: "block",
    message: `the JSON cannot be scanned completely (${w.message}), so it is not forwarded`
  }

/** A key repeated in one object of a JSON-RPC message: the upstream might keep another value than the one judged. */
const duplicateFinding = (w: JsonTexts, location: string): Finding => ({
  scanner: "parser", rule: "duplicate_json_key", severity: "high", location, evidence: "", action: "block",
  message: `a key appears twice in one object (${w.duplicateKeys.length} repeated): a JSON-RPC message must be unambiguous`
})

/** Whether a walked document is a JSON-RPC message or batch (a `jsonrpc` key in the root object or a root array element). */
const isJsonRpc = (w: JsonTexts): boolean => {
  for (let i = 0; i < w.texts.length; i++) {
    if (kindOf(w, i) !== KEY || w.texts[i] !== "jsonrpc") continue
    const c = containerOf(w, i)
    if (c !== undefined && (c.parent === undefined || (c.parent.parent === undefined && c.parent.array))) return true
  }
  return false
}

/** Whether a body may be JSON whatever its Content-Type says (an upstream may parse it as JSON anyway). */
const looksLikeJson = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue
    return c === 0x7b || c === 0x5b
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// Large messages: scanned in slices
// ---------------------------------------------------------------------------------------------

/** Characters walked or scanned between two breaths. */
const SLICE_CHARS = 128 * 1024

/**
 * Lets the event loop serve other sockets (`/health` first of all) between slices of a large scan: a 10 MB
 * body is judged in steps, never in one synchronous block.
 */
export const breathe = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/** Walks raw JSON, a large text in slices. */
export const walkSliced = (text: string, known?: KnownStrings): Effect.Effect<JsonWalk> =>
  text.length <= SLICE_CHARS
    ? Effect.sync(() => walkJson(text, undefined, known))
    : Effect.gen(function* () {
      const walk = walkJsonInSlices(text, SLICE_CHARS, undefined, known)
      for (;;) {
        const r = walk.next()
        if (r !== undefined) return r
        yield* breathe
      }
    })

/**
 * The walk memory of large JSON texts, shared by the whole process. A text over `SLICE_CHARS` is walked in slices,
 * breathing between them, and its walk stays alive while the scans after it breathe too: several such texts are
 * judged at once. Each walk is bounded (`maxCost` in detect/json.ts, a share of V8's heap), but together they are
 * not, and a handful of bodies of many small values at once exhausted a 48 MB heap. So a large text holds permits
 * for its judgement, as many as its walk can cost at most (`walkCostBound`), from a budget of one walk's bound:
 * together the live walks of large texts never cost more than one walk may. A text that needs the whole budget is
 * judged alone; others wait their turn (nothing is refused). Texts up to `SLICE_CHARS` are walked synchronously
 * and take no permits.
 */
const WALK_BUDGET = Math.min(defaultLimits.maxNodes * CONTAINER_COST, defaultLimits.maxCost ?? Infinity)
const walkBudget = Semaphore.makeUnsafe(WALK_BUDGET)

const countOf = (text: string, ch: string): number => {
  let n = 0
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++
  return n
}

/**
 * At least what walking `text` costs against `maxCost`: every value but the first follows a `,` or a `:` or opens a
 * container (`[`, `{`), and a container costs `CONTAINER_COST` (a character inside a string counts too: the bound
 * is only ever too high).
 */
export const walkCostBound = (text: string): number =>
  countOf(text, ",") + countOf(text, ":") + CONTAINER_COST * (countOf(text, "[") + countOf(text, "{")) + 1

/** Runs the judgement of a JSON text holding walk permits when the text is large (see `walkBudget`). */
const withWalkBudget = (text: string | undefined) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  text === undefined || text.length <= SLICE_CHARS ? self : Effect.suspend(() => walkBudget.withPermits(Math.min(WALK_BUDGET, walkCostBound(text)))(self))

/**
 * A scan of a large text in windows (detect/windows.ts), breathing between them: one window's views are alive at a
 * time, whatever the text's size. Timed as one scan; an exception is a blocking finding (fail closed).
 */
const stepped = (s: Snapshot, scanner: string, location: string, steps: Steps): Effect.Effect<Finding[]> =>
  Effect.gen(function* () {
    let spent = 0
    try {
      for (;;) {
        const t = performance.now()
        const r = steps.next()
        spent += performance.now() - t
        if (r.done === true) return r.value
        yield* breathe
      }
    } catch (e) {
      return [scannerFailure(e, location)]
    } finally {
      s.meter?.observe(metrics.scanDuration, spent / 1000, { scanner })
    }
  })

/** What DLP reads of a walked document: a text, or a run of texts, with where it is. */
type DlpPart = Pick<Part, "index" | "count" | "length" | "value" | "location">

/** A large part as it stands among its neighbours: its first and last OVERLAP_CHARS characters. */
const edgesOf = (p: DlpPart): DlpPart => {
  const value = p.value
  const edges = `${value.slice(0, OVERLAP_CHARS)}\n${value.slice(-OVERLAP_CHARS)}`
  return { index: p.index, count: p.count, length: edges.length, value: edges, get location() { return p.location } }
}

/** Splits parts into batches of about SLICE_CHARS characters; each batch starts with the previous one's last part. */
const batches = (parts: ReadonlyArray<DlpPart>): DlpPart[][] => {
  const out: DlpPart[][] = []
  let current: DlpPart[] = []
  let chars = 0
  for (const p of parts) {
    current.push(p)
    chars += p.length
    if (chars >= SLICE_CHARS) {
      out.push(current)
      current = [p]
      chars = p.length
    }
  }
  if (current.length > 0 && (out.length === 0 || current.length > 1)) out.push(current)
  return out
}

const dedupeFindings = (findings: ReadonlyArray<Finding>): Finding[] => {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const k = `${f.rule}\u0000${f.location}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/**
 * DLP over every text of a walked document (a large one in batches, breathing between them); the texts the
 * findings point at are returned as `sensitive` and scrubbed from every finding's location, evidence and
 * message (a secret used as a key must not reach a log through the path of a finding).
 */
const jsonDlp = (s: Snapshot, w: JsonTexts, base: string, host: string | undefined, breathing = true): Effect.Effect<{ findings: Finding[]; sensitive: string[] }> =>
  !s.k.dlp ? NO_DLP : Effect.suspend(() => {
    const parts: ReadonlyArray<DlpPart> = dlpParts(w, base)
    // A part longer than WHOLE_CHARS (one large string) is scanned alone, in windows; in the batches, where parts
    // are also read joined with their neighbours, it stands as its first and last OVERLAP_CHARS characters (all a
    // match across its edge can reach).
    const large = parts.filter((p) => p.length > WHOLE_CHARS)
    const groups = batches(large.length === 0 ? parts : parts.map((p) => (p.length > WHOLE_CHARS ? edgesOf(p) : p)))
    const ctx = { host }
    // One batch (a small document), or a caller that cannot wait: judged in one synchronous step.
    if ((groups.length <= 1 && large.length === 0) || !breathing) {
      try {
        const found: Finding[] = []
        for (const group of groups) found.push(...timed(s, "dlp", () => s.k.dlpParts(s.dlp, group, ctx)))
        for (const p of large) found.push(...timed(s, "dlp", () => runSteps(dlpSteps(s.k, s.dlp, p.value, p.location, ctx))))
        return Effect.succeed(dlpOutcome(s, w, parts, found, host))
      } catch (e) {
        return Effect.succeed({ findings: [scannerFailure(e, base === "" ? "message" : base)], sensitive: [] })
      }
    }
    return Effect.gen(function* () {
      const found: Finding[] = []
      for (let k = 0; k < groups.length; k++) {
        if (k > 0) yield* breathe
        found.push(...timed(s, "dlp", () => s.k.dlpParts(s.dlp, groups[k], ctx)))
      }
      for (const p of large) {
        yield* breathe
        found.push(...yield* stepped(s, "dlp", p.location, dlpSteps(s.k, s.dlp, p.value, p.location, ctx)))
      }
      return dlpOutcome(s, w, parts, found, host)
    }).pipe(Effect.catchCause((cause) => Effect.succeed({ findings: [scannerFailure(cause, base === "" ? "message" : base)], sensitive: [] })))
  })

/** The findings of a document's DLP pass, deduplicated, with the texts behind them (`sensitive`) scrubbed from them. */
const dlpOutcome = (s: Snapshot, w: JsonTexts, parts: ReadonlyArray<DlpPart>, found: ReadonlyArray<Finding>, host: string | undefined): { findings: Finding[]; sensitive: string[] } => {
  if (found.length === 0) return { findings: [], sensitive: [] }
  const findings = dedupeFindings(found)
  // The texts behind the findings: a single text as it is; in a run, the texts that hold a secret themselves.
  const at = new Set(findings.map((f) => f.location))
  const sensitive = new Set<string>()
  for (const p of parts) {
    if (!at.has(p.location)) continue
    if (p.count === 1) sensitive.add(w.texts[p.index])
    else {
      for (const t of p.value.split("\n")) if (t.length >= 4 && runSteps(dlpSteps(s.k, s.dlp, t, "part", { host })).length > 0) sensitive.add(t)
    }
  }
  const list = [...sensitive].filter((t) => t.length >= 4)
  return { findings: scrub(findings, list), sensitive: list }
}

/** Replaces each sensitive text (a matched secret, a key holding one) in findings' location, evidence and message. */
export const scrub = (findings: ReadonlyArray<Finding>, sensitive: ReadonlyArray<string>): Finding[] => {
  const list = sensitive.filter((t) => t.length >= 4).sort((a, b) => b.length - a.length)
  if (list.length === 0) return [...findings]
  const clean = (t: string) => {
    let out = t
    for (const x of list) if (out.includes(x)) out = out.split(x).join("[redacted]")
    return out
  }
  return findings.map((f) => ({ ...f, location: clean(f.location), evidence: clean(f.evidence), message: clean(f.message) }))
}

const CONTENT_SCANNERS = new Set(["dlp", "entropy"])

const NO_DLP: Effect.Effect<{ findings: Finding[]; sensitive: string[] }> = Effect.sync(() => ({ findings: [], sensitive: [] }))

/**
 * How a checked URL may appear in logs, spans and `/stats`: never with its userinfo; with the path and query
 * replaced when a content rule (DLP, entropy) fired on the URL; and with the host replaced too when the rule
 * fired on it (a secret in a subdomain). Findings are scrubbed of query keys that are secrets themselves.
 */
const urlDisplay = (s: Snapshot, url: URL, findings: ReadonlyArray<Finding>, connect: boolean): { display: string; findings: Finding[] } => {
  const content = findings.filter((f) => CONTENT_SCANNERS.has(f.scanner))
  const hostPort = url.port === "" ? url.hostname : `${url.hostname}:${url.port}`
  if (content.length === 0) {
    if (connect) return { display: `${url.hostname}:${url.port === "" ? (url.protocol === "https:" ? "443" : "80") : url.port}`, findings: [...findings] }
    const plain = `${url.protocol}//${hostPort}${url.pathname}${url.search}`
    return { display: plain.length > 300 ? `${plain.slice(0, 300)}…` : plain, findings: [...findings] }
  }
  let hostFlagged = content.some((f) => f.location.startsWith("url.host"))
  if (!hostFlagged) {
    try {
      hostFlagged = scanUrl(s.dlp, new URL(`${url.protocol}//${url.host}/`)).length > 0
    } catch {
      hostFlagged = true
    }
  }
  const sensitive: string[] = []
  if (hostFlagged) sensitive.push(url.hostname, ...url.hostname.split(".").filter((l) => l.length >= 4))
  for (const k of url.searchParams.keys()) if (k.length >= 4 && dlpText(s.dlp, k, "key").length > 0) sensitive.push(k)
  const port = url.port === "" ? (url.protocol === "https:" || url.protocol === "wss:" ? "443" : "80") : url.port
  const host = hostFlagged ? "[redacted]" : url.hostname
  return {
    display: connect ? `${host}:${port}` : `${url.protocol}//${hostFlagged ? "[redacted]" : hostPort}/[redacted]`,
    findings: scrub(findings, sensitive)
  }
}

const withDropped = (v: Verdict, dropped: ReadonlyArray<Finding>): Verdict => (dropped.length === 0 ? v : { ...v, suppressed: dropped })

/** A checked URL with how it may be shown (`urlDisplay`); the URL as parsed by the rules when there is one. */
const shownUrl = (s: Snapshot, rawUrl: string, parsed: URL | undefined, r: UrlCheck, connect: boolean): UrlCheck => {
  let url = parsed
  if (url === undefined) {
    try {
      url = new URL(rawUrl)
    } catch {
      // An unparseable URL is not shown at all: it was never checked field by field.
      return { ...r, display: "[invalid URL]" }
    }
  }
  // Suppressed findings count too: a suppressed secret in the URL is still kept out of logs.
  const suppressed = r.verdict.suppressed ?? []
  const n = r.verdict.findings.length
  const shown = urlDisplay(s, url, n === 0 && suppressed.length === 0 ? NO_FINDINGS_LIST : [...r.verdict.findings, ...suppressed], connect)
  if (n === 0) return { ...r, display: shown.display }
  const findings = shown.findings.slice(0, n)
  const decisive = r.verdict.decisive === undefined ? undefined : findings[r.verdict.findings.indexOf(r.verdict.decisive)]
  return { ...r, verdict: { ...r.verdict, findings, decisive }, display: shown.display }
}

const NO_FINDINGS_LIST: ReadonlyArray<Finding> = []

const itself = (v: Verdict): Verdict => v
const urlVerdict = (r: UrlCheck): Verdict => r.verdict
const mcpOf = (r: McpVerdict): Verdict => r.verdict

/**
 * A scan in a span annotated with its verdict, when spans go somewhere (a tracer is installed and enabled);
 * otherwise the scan alone: allowed traffic builds no span object when tracing is off.
 */
const traced = <A>(name: string, scan: Effect.Effect<A>, verdictOf: (a: A) => Verdict): Effect.Effect<A> =>
  Effect.withFiber((fiber) =>
    tracingOn(fiber)
      ? scan.pipe(Effect.tap((a) => annotateVerdict(verdictOf(a))), Effect.withSpan(name, undefined, { captureStackTrace: false }))
      : scan
  )

const headerValues = (v: string | ReadonlyArray<string> | undefined): string[] => (v === undefined ? [] : typeof v === "string" ? [v] : [...v])

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, "")
  } catch {
    return undefined
  }
}

const errorCodeOf = (v: Verdict): number => {
  const s = v.decisive?.scanner
  if (s === "chain" || s === "kill_switch") return -32004
  if (s === "tool_policy") return -32002
  return -32001
}

const NO_FINDINGS: Effect.Effect<ReadonlyArray<Finding>> = Effect.succeed([])

/** The strings (not the keys) of some texts of a walk, one a line: what a registered scanner reads of an MCP message. */
const valuesText = (w: JsonTexts, indexes: ReadonlyArray<number>): string => indexes.filter((i) => kindOf(w, i) !== KEY).map((i) => w.texts[i]).join("\n")

/** Every string of a tool definition (name, description, schema keys and values), one a line. */
const toolText = (t: ToolDefinition): string => {
  const w = walkValue(t)
  return w.ok ? w.texts.join("\n") : JSON.stringify(t) ?? ""
}

const mcpVerdict = (v: Verdict, toolNames?: ReadonlyArray<string>): McpVerdict => ({ verdict: v, errorCode: errorCodeOf(v), toolNames })

/** URLs in a tool call's argument (RE2: this runs on traffic). */
const URL_IN_TEXT = new RE2("(?i)\\b(?:https?|wss?)://[^\\s\"'<>\\\\`]+", "g")
const urlsIn = (text: string): string[] => (text.match(URL_IN_TEXT) ?? []).slice(0, 32)
/** The URL findings that mean "sending data out": secrets or high entropy in it, a blocklisted or metadata host. */
const exfiltration = (f: Finding): boolean =>
  f.scanner === "dlp" || f.scanner === "entropy" || f.scanner === "blocklist" || f.rule === "ssrf_cloud_metadata" || f.rule === "crlf_injection"

/**
 * The session store could not answer. `on_unavailable: block` makes that a blocking finding (audit mode
 * still only warns); `allow` lets the request through without the checks the store serves, whatever the
 * mode: the operator chose availability (each such operation is counted in pipelock_session_store_errors_total).
 */
const storeUnavailable = (s: Snapshot, e: StoreUnavailable, location: string, skipped: string): Finding[] =>
  s.config.session_store.on_unavailable === "allow" ? [] : [{
    scanner: "session_store", rule: "store_unavailable", severity: "high", location, evidence: "",
    message: `the session store is unavailable (${e.reason}): ${skipped} not checked`, action: "block"
  }]

/** Header names that carry credentials whatever `sensitive_headers` lists (`X-Session-Token`, `X-Api-Secret`…). */
const SECRET_HEADER = new RE2("(?i)(?:auth|token|api[-_]?key|secret|session|cookie|credential|passw|signature|jwt|bearer)")

// ---------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------

export const make = Effect.gen(function* () {
  const store = yield* ConfigStore
  const resolver = yield* Resolver
  const sessions = yield* SessionStore
  /**
   * A store across the network (Redis): a tools/call's store step is sent before the call's arguments are
   * scanned, and its answer awaited after, so the round trip overlaps the scan instead of following it. The
   * memory store answers at once: it runs in place.
   */
  const remoteStore = (yield* sessions.health).backend !== "memory"
  // Optional so that the Inspector can run without logs (`pipelock check`, unit tests).
  const telemetry = Option.getOrUndefined(yield* Effect.serviceOption(Telemetry))
  const meter = yield* Metrics
  // Registered scanners (`Scanner.layer`): optional, read per message; none registered costs one lookup.
  const registry = Option.getOrUndefined(yield* Effect.serviceOption(ScannerRegistry))
  const NO_SCANNERS: ReadonlyArray<Scanner> = []
  const registered = (surface: Surface): ReadonlyArray<Scanner> => (registry === undefined ? NO_SCANNERS : registry.pluginsFor(surface))
  /** The registered scanners' findings on one subject (none registered: no work, no allocation of an effect chain). */
  const extra = (surface: Surface, ctx: RequestContext, subject: Omit<Subject, "surface" | "requestId" | "listener">): Effect.Effect<ReadonlyArray<Finding>> => {
    const scanners = registered(surface)
    return scanners.length === 0 ? NO_FINDINGS : runAll(scanners, { ...subject, surface, requestId: ctx.requestId, listener: ctx.listener }, meter)
  }
  const extraSync = (surface: Surface, ctx: RequestContext, subject: Omit<Subject, "surface" | "requestId" | "listener">): ReadonlyArray<Finding> => {
    const scanners = registered(surface)
    return scanners.length === 0 ? [] : runAllSync(scanners, { ...subject, surface, requestId: ctx.requestId, listener: ctx.listener }, meter)
  }
  /**
   * Scoped exemptions, in one place for every transport: the findings a `suppress` entry matches are dropped
   * before the verdict is decided, counted, and logged (rule, scope, reason; never the matched text).
   */
  const unsuppressed = (
    s: Snapshot, findings: ReadonlyArray<Finding>, scope: SuppressScope, ctx: RequestContext, toolNames?: ReadonlyArray<string>, dropped?: Finding[]
  ): ReadonlyArray<Finding> => {
    if (s.suppress.entries.length === 0 || findings.length === 0) return findings
    const { kept, suppressed } = applySuppress(s.suppress, findings, scope, Date.now(), toolNames)
    for (const { finding: f, entry, index } of suppressed) {
      dropped?.push(f)
      meter.count(metrics.suppressedFindings, { scanner: f.scanner, rule: f.rule })
      telemetry?.logUnsafe("info", "finding_suppressed", {
        listener: ctx.listener, request_id: ctx.requestId, scanner: f.scanner, rule: f.rule, location: f.location,
        suppress: index, scope: scopeText(entry), reason: entry.reason ?? ""
      })
    }
    return kept
  }
  let snap: Snapshot = { ...compileSnapshot(yield* store.current), meter }
  /**
   * The snapshot a message is judged with: the compiled configuration plus the built-ins registered now
   * (rebuilt only when either changes: a reload, a scanner layer coming or going).
   */
  let viewed: Snapshot = snap
  let viewedFrom: Snapshot = snap
  let viewedKinds: ReturnType<NonNullable<typeof registry>["builtins"]> = undefined
  const current = (): Snapshot => {
    const kinds = registry === undefined ? undefined : registry.builtins()
    if (viewedFrom !== snap || kinds !== viewedKinds) {
      viewedFrom = snap
      viewedKinds = kinds
      viewed = { ...snap, k: kernelsFor(kinds) }
    }
    return viewed
  }
  yield* store.changes.pipe(
    Stream.runForEach((config) => Effect.sync(() => {
      if (config === snap.config) return
      try {
        snap = { ...compileSnapshot(config), meter }
      } catch (e) {
        // The config validated but a scanner would not compile: keep serving the previous snapshot.
        console.error(`pipelock: scanners not recompiled, previous configuration kept: ${String(e)}`)
      }
    })),
    Effect.forkScoped
  )

  // Rate and data windows in the store, by registrable domain.
  const requestsKey = (domain: string) => `requests:${domain}`
  const bytesKey = (domain: string) => `bytes:${domain}`

  // --- URLs ---------------------------------------------------------------------------------

  /**
   * The URL pipeline. Synchronous up to DNS; one effect step for the resolver (skipped offline), one for the
   * store's rate and data windows, one for registered URL scanners (only when any is registered).
   */
  const checkUrl = (rawUrl: string, ctx: RequestContext, connect = false): Effect.Effect<UrlCheck> =>
    Effect.suspend(() => {
      const s = current()
      let parsed: URL | undefined
      const pre = timed(s, "url", () => guarded("url", () => {
        const r = checkUrlRules(s.url, rawUrl)
        parsed = r.url
        return r.findings
      }))
      // Suppressed URL findings are kept aside: the transports must still keep the URL out of their logs.
      const dropped: Finding[] = []
      const preKept = unsuppressed(s, pre, { url: rawUrl }, ctx, undefined, dropped)
      const preVerdict = withDropped(decide(preKept, s.mode), dropped)
      if (preVerdict.action === "block" || parsed === undefined) return Effect.succeed(shownUrl(s, rawUrl, parsed, { verdict: preVerdict }, connect))
      const url: URL = parsed
      const host = url.hostname.replace(/^\[|\]$/g, "")
      const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" || url.protocol === "wss:" ? 443 : 80
      const findings = [...preKept]
      const afterDns = (resolved: Result.Result<ReadonlyArray<{ readonly address: string; readonly family: 4 | 6 }>, { readonly reason: string }> | undefined) => {
        let target: PinnedTarget | undefined
        if (resolved === undefined) {
          // Offline check: the DNS-dependent SSRF rule is not applied and there is no target.
        } else if (resolved._tag === "Failure") {
          findings.push({
            scanner: "ssrf", rule: "dns_failure", severity: "high", location: "url.host", evidence: host, action: "block",
            message: `${host} did not resolve (${resolved.failure.reason}); blocked because the address cannot be checked`
          })
        } else {
          const addresses = resolved.success
          const ssrf = timed(s, "ssrf", () => guarded("url.host", () => checkResolved(s.url, host, addresses.map((a) => a.address))))
          findings.push(...ssrf)
          target = { host, port, addresses }
        }
        const domain = registrableDomain(host)
        const m = s.config.fetch_proxy.monitoring
        // One atomic store operation (one round trip to Redis) for both windows.
        return Effect.flatMap(Effect.result(sessions.windows(m.max_data_per_minute > 0
          ? [{ key: requestsKey(domain), mode: "try", limit: m.max_requests_per_minute }, { key: bytesKey(domain), mode: "total" }]
          : [{ key: requestsKey(domain), mode: "try", limit: m.max_requests_per_minute }])), (limits) => {
          if (limits._tag === "Failure") {
            findings.push(...storeUnavailable(s, limits.failure, "url.host", "rate limit and data budget"))
          } else {
            const allowed = limits.success[0].counted
            const received = limits.success[1]?.total ?? 0
            if (!allowed) {
              findings.push({
                scanner: "ratelimit", rule: "rate_limit", severity: "medium", location: "url.host", evidence: domain, action: "block",
                message: `more than ${m.max_requests_per_minute} requests a minute to ${domain}`
              })
            }
            if (m.max_data_per_minute > 0 && received >= m.max_data_per_minute) {
              findings.push({
                scanner: "databudget", rule: "data_budget", severity: "medium", location: "url.host", evidence: domain, action: "block",
                message: `the data budget for ${domain} (${m.max_data_per_minute} bytes a minute) is spent`
              })
            }
          }
          const done = (): UrlCheck => {
            const later = findings.length === preKept.length ? findings : [...preKept, ...unsuppressed(s, findings.slice(preKept.length), { url: rawUrl }, ctx, undefined, dropped)]
            const verdict = withDropped(decide(later, s.mode), dropped)
            return shownUrl(s, rawUrl, url, { verdict, target: verdict.action === "block" ? undefined : target }, connect)
          }
          if (registered("url").length === 0) return Effect.succeed(done())
          return Effect.map(extra("url", ctx, { text: rawUrl, location: "url", url: rawUrl }), (more) => {
            findings.push(...more)
            return done()
          })
        })
      }
      return ctx.skipDns === true ? afterDns(undefined) : Effect.flatMap(Effect.result(resolver.resolve(host)), afterDns)
    })

  // --- HTTP bodies --------------------------------------------------------------------------

  const inspectRequest = (req: OutboundRequest, ctx: RequestContext) =>
    Effect.gen(function* () {
      const s = current()
      const rb = s.config.request_body_scanning
      if (!rb.enabled) return decide([], s.mode)
      const host = hostOf(req.url)
      const findings: Finding[] = []
      if (rb.scan_headers) {
        const sensitive = new Set(rb.sensitive_headers.map((h) => h.toLowerCase()))
        const ignore = new Set(rb.ignore_headers.map((h) => h.toLowerCase()))
        for (const [name, value] of Object.entries(req.headers)) {
          const n = name.toLowerCase()
          if (ignore.has(n)) continue
          // In "sensitive" mode the listed headers, and any header whose name says it carries a credential, get
          // every pattern; the others are still checked for credential formats that never occur by accident
          // (critical patterns: provider keys, private keys).
          const full = rb.header_mode === "all" || sensitive.has(n) || SECRET_HEADER.test(n)
          for (const v of headerValues(value)) {
            if (!s.k.dlp) continue
            const found = timed(s, "dlp", () => guarded(`header:${n}`, () => dlpText(s.dlp, v, `header:${n}`, { host })))
            findings.push(...(full ? found : found.filter((f) => f.severity === "critical")))
          }
        }
      }
      const body = req.body
      if (body !== undefined && body.length > 0) {
        findings.push(...yield* bodyFindings(s, req, body, host).pipe(Effect.catchCause((cause) => Effect.succeed([scannerFailure(cause, "body")]))))
        if (body.length <= rb.max_body_bytes && registered("request_body").length > 0) {
          findings.push(...yield* extra("request_body", ctx, { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"), location: "body", url: req.url }))
        }
      }
      const verdict = decide(unsuppressed(s, findings, { url: req.url }, ctx), s.mode, rb.action)
      if (!s.config.a2a_scanning.enabled || body === undefined || body.length === 0 || body.length > rb.max_body_bytes) return verdict
      const a2a = guarded("a2a", () => a2aRequestFindings(s, body, host))
      const a2aKept = unsuppressed(s, a2a, { url: req.url }, ctx)
      return a2aKept.length === 0 ? verdict : combine(s.mode, [verdict, decide(a2aKept, s.mode, s.config.a2a_scanning.action)])
    })

  /** An A2A JSON-RPC request: injection in every message part (DLP already ran over the JSON), decoded file bytes. */
  const a2aRequestFindings = (s: Snapshot, body: Uint8Array, host: string | undefined): Finding[] => {
    const first = body[0]
    if (first !== 0x7b && first !== 0x5b && first !== 0x20 && first !== 0x0a && first !== 0x0d && first !== 0x09) return []
    const text = Buffer.from(body).toString("utf8")
    // The body was walked (and blocked when it could not be) by the DLP pass; only valid JSON gets here.
    if (!walkJson(text).ok) return []
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return []
    }
    if (!isA2aRequest(value)) return []
    const a = s.config.a2a_scanning
    const { parts, unscanned } = a2aParts(value, { scanRaw: a.scan_raw_parts, maxRaw: a.max_raw_size })
    const out: Finding[] = unscanned.map((location): Finding => ({
      scanner: "a2a", rule: "a2a_raw_part_too_large", severity: "high" as const, location: `a2a:${location}`, evidence: "", action: "block" as const,
      message: `an A2A file part larger than a2a_scanning.max_raw_size (${a.max_raw_size} bytes) cannot be scanned`
    }))
    const files = parts.filter((p) => p.location.endsWith(".file.bytes"))
    if (s.k.dlp) out.push(...timed(s, "dlp", () => scanParts(s.dlp, files.map((p) => ({ location: `a2a:${p.location}`, value: p.value })), { host })))
    if (!s.k.injection) return out
    for (const p of parts) {
      if (p.value.length < 12 || p.location.endsWith("(base64)")) continue
      out.push(...timed(s, "injection", () => runSteps(injectionSteps(s.k, "rules", s.mcpInjection, p.value, `a2a:${p.location}`))).map((f): Finding => ({ ...f, scanner: "a2a" })))
    }
    return out
  }

  /** An A2A Agent Card in a response: poisoning in the card and each skill, and the card to check for drift. */
  const agentCardScan = (s: Snapshot, text: string, url: string, contentType: string | undefined): { findings: Finding[]; card?: Record<string, unknown> } => {
    const a = s.config.a2a_scanning
    if (!a.scan_agent_cards && !a.detect_card_drift) return { findings: [] }
    const byUrl = isCardUrl(url)
    if (!byUrl && !(contentType ?? "").includes("json")) return { findings: [] }
    const head = text.trimStart()
    if (!head.startsWith("{") || (!byUrl && !text.includes("\"skills\""))) return { findings: [] }
    let card: unknown
    try {
      card = JSON.parse(text)
    } catch {
      return { findings: [] }
    }
    if (!isAgentCard(card)) return { findings: [] }
    const out: Finding[] = []
    if (a.scan_agent_cards && s.k.toolPoisoning) {
      for (const t of cardTools(card)) out.push(...timed(s, "tool_poisoning", () => scanTool(s.mcpInjection, t)).map((f): Finding => ({ ...f, scanner: "a2a_card" })))
    }
    return a.detect_card_drift ? { findings: out, card } : { findings: out }
  }

  /** Drift from the card pinned for this URL (the store keeps at most `a2a_scanning.max_contexts` URLs, oldest dropped first). */
  const agentCardDrift = (s: Snapshot, url: string, card: Record<string, unknown>) =>
    Effect.gen(function* () {
      const key = url.split("#")[0]
      const before = yield* sessions.pinCard(key, cardFingerprint(card), card, s.config.a2a_scanning.max_contexts).pipe(Effect.result)
      if (before._tag === "Failure") return storeUnavailable(s, before.failure, "agent_card", "Agent Card drift")
      if (before.success === undefined) return []
      const diff = diffCards(before.success.card as Record<string, unknown>, card)
      return [{
        scanner: "a2a_card", rule: "agent_card_changed", severity: "high", location: "agent_card", evidence: diff,
        message: `the Agent Card at ${key} changed since it was first seen (${diff})`
      } satisfies Finding]
    })

  const bodyFindings = (s: Snapshot, req: OutboundRequest, body: Uint8Array, host: string | undefined): Effect.Effect<Finding[]> => Effect.gen(function* () {
    const rb = s.config.request_body_scanning
    const header = (n: string) => headerValues(req.headers[n] ?? req.headers[n.toLowerCase()]).join(",").toLowerCase()
    const block = (rule: string, message: string): Finding[] => [{ scanner: "body", rule, severity: "high", location: "body", evidence: "", message, action: "block" }]
    if (body.length > rb.max_body_bytes) return block("body_too_large", `request body of ${body.length} bytes exceeds max_body_bytes (${rb.max_body_bytes}); not forwarded unscanned`)
    const encoding = header("content-encoding")
    if (encoding !== "" && encoding !== "identity") return block("compressed_body", `compressed request body (${encoding}) cannot be scanned`)
    const type = header("content-type")
    // Decoded from the body's own bytes (no copy of them first).
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")
    const json = type.includes("json")
    if (json || looksLikeJson(text)) {
      // A body that is JSON is judged by every text in it, whatever the Content-Type says: an upstream may
      // parse it as JSON anyway, and escapes, duplicate keys and depth hide content from a plain text scan.
      const judged = yield* withWalkBudget(text)(Effect.gen(function* () {
        const w = yield* walkSliced(text)
        if (!w.ok) return w.problem !== "syntax" || json ? [walkFinding(w, "body")] : undefined
        const out = (yield* jsonDlp(s, w, "body", host)).findings
        // Duplicate keys in a plain JSON body: every value is scanned above. A JSON-RPC message (A2A, MCP
        // through the proxy) must be unambiguous.
        if (w.duplicateKeys.length > 0 && isJsonRpc(w)) out.push(duplicateFinding(w, "body"))
        return out
      }))
      if (judged !== undefined) {
        if (json || !s.k.dlp) return judged
        yield* breathe
        return [...judged, ...yield* stepped(s, "dlp", "body", dlpSteps(s.k, s.dlp, text, "body", { host }))]
      }
    }
    if (!s.k.dlp) return []
    // A large text body: DLP in windows, breathing between them.
    if (text.length > WHOLE_CHARS && !type.includes("application/x-www-form-urlencoded")) return yield* stepped(s, "dlp", "body", dlpSteps(s.k, s.dlp, text, "body", { host }))
    return timed(s, "dlp", () => guarded("body", () => {
      if (type.includes("application/x-www-form-urlencoded")) {
        const pairs = [...new URLSearchParams(text)]
        const parts = pairs.flatMap(([k, v]) => [{ location: `body.${k}(key)`, value: k }, { location: `body.${k}`, value: v }])
        const found = [...scanParts(s.dlp, parts, { host }), ...runSteps(dlpSteps(s.k, s.dlp, text, "body", { host }))]
        if (found.length === 0) return found
        // Locations name the form keys: a key that is itself a secret is scrubbed from them.
        return scrub(found, pairs.map(([k]) => k).filter((k) => k.length >= 4 && dlpText(s.dlp, k, "key", { host }).length > 0))
      }
      return dlpText(s.dlp, text, "body", { host })
    }))
  })

  /** Rules plus the learned scanner (injectionClassifier.ts); the core rules alone when response scanning is off. A large text in windows. */
  const responseSteps = (s: Snapshot, text: string, location: string): Steps =>
    injectionSteps(s.k, s.config.response_scanning.enabled ? "content" : "rules", s.injection, text, location)

  const responseFindings = (s: Snapshot, text: string, url: string, location: string): Finding[] => {
    const scan = s.config.response_scanning.enabled ? s.k.content : s.k.rules
    if (scan === NOTHING) return []
    const found = timed(s, "injection", () => guarded(location, () => text.length > WHOLE_CHARS ? runSteps(responseSteps(s, text, location)) : scan(s.injection, text, location)))
    return exempted(s, found, url)
  }

  /** Response findings on a host in `response_scanning.exempt_domains` warn instead of blocking. */
  const exempted = (s: Snapshot, found: Finding[], url: string): Finding[] => {
    const exemptions = s.config.response_scanning.exempt_domains
    // The URL is parsed only when there are findings and exemptions that may relax them: not once per response.
    if (exemptions.length === 0 || found.length === 0) return found
    const host = hostOf(url)
    const exempt = host !== undefined && matchesAny(host, exemptions)
    return exempt ? found.map((f) => (f.scanner === "injection" || f.scanner === "classifier" ? { ...f, action: "warn" as const } : f)) : found
  }

  const inspectResponse = (text: string, ctx: RequestContext & { readonly url: string; readonly contentType?: string | undefined }) =>
    Effect.gen(function* () {
      const s = current()
      // A large body is judged in windows, the event loop served between them.
      const rules = text.length > WHOLE_CHARS ? exempted(s, yield* stepped(s, "injection", "body", responseSteps(s, text, "body")), ctx.url) : responseFindings(s, text, ctx.url, "body")
      const more = yield* extra("response_text", ctx, { text, location: "body", url: ctx.url })
      const verdict = decide(unsuppressed(s, more.length === 0 ? rules : [...rules, ...more], { url: ctx.url }, ctx), s.mode, s.config.response_scanning.action)
      if (!s.config.a2a_scanning.enabled) return verdict
      let scanned: ReturnType<typeof agentCardScan> = { findings: [] }
      const found = guarded("agent_card", () => (scanned = agentCardScan(s, text, ctx.url, ctx.contentType)).findings)
      const card = unsuppressed(s, scanned.card === undefined ? found : [...found, ...yield* agentCardDrift(s, ctx.url, scanned.card)], { url: ctx.url }, ctx)
      return card.length === 0 ? verdict : combine(s.mode, [verdict, decide(card, s.mode, s.config.a2a_scanning.action)])
    })

  /** The request-side checks on a tool call a model streams back (what the agent is about to run or send). */
  const toolCallFindings = (s: Snapshot, args: unknown, location: string): Finding[] => {
    let parts: Array<{ location: string; value: string }>
    try {
      parts = typeof args === "string" ? [{ location, value: args }] : jsonParts(args, location)
    } catch (e) {
      // A walker limit on the arguments: fail closed.
      return [scannerFailure(e, location)]
    }
    const out: Finding[] = s.k.dlp ? timed(s, "dlp", () => guarded(location, () => scanParts(s.dlp, parts))) : []
    for (const p of parts) {
      if (p.value.length < 3) continue
      if (s.k.shell) out.push(...timed(s, "shell", () => guarded(p.location, () => scanShell(p.value, p.location))))
      if (!p.value.includes("://")) continue
      out.push(...timed(s, "url", () => guarded(p.location, () => urlsIn(p.value).flatMap((u) =>
        checkUrlRules(s.url, u).findings.filter(exfiltration).map((f): Finding => ({ ...f, location: p.location }))))))
    }
    return out
  }

  const responseStream = (ctx: RequestContext & { readonly url: string; readonly contentType?: string | undefined }) =>
    Effect.sync((): StreamScanner => {
      const s = current()
      const sse = s.config.response_scanning.sse_streaming
      const format = formatOf(ctx.contentType, sse.enabled)
      // Event streams take `sse_streaming.action` (block ends the stream, warn forwards); raw text the section's.
      const action = format === "text" ? s.config.response_scanning.action : sse.action
      const scope: SuppressScope = { url: ctx.url }
      return Reassemble.make(format, {
        // Suppressed where found (the stream re-decides over everything found so far on each new finding).
        text: (text, location) => [...unsuppressed(s, responseFindings(s, text, ctx.url, location), scope, ctx)],
        toolDelta: (text, location) => (s.k.dlp ? [...unsuppressed(s, timed(s, "dlp", () => guarded(location, () => dlpText(s.dlp, text, location))), scope, ctx)] : []),
        toolCall: (_name, args, location) => [...unsuppressed(s, toolCallFindings(s, args, location), scope, ctx)],
        decide: (findings) => decide(findings, s.mode, action)
      }, { maxEventBytes: sse.max_event_bytes, audit: s.mode === "audit" })
    })

  const inspectWsMessage = (text: string, from: "client" | "server", ctx: RequestContext & { readonly url: string }) =>
    Effect.sync((): Verdict => {
      const s = current()
      if (from === "client") {
        const host = hostOf(ctx.url)
        let findings = s.k.dlp ? timed(s, "dlp", () => guarded("ws.client", () => runSteps(dlpSteps(s.k, s.dlp, text, "ws.client", { host })))) : []
        if (looksLikeJson(text)) {
          const w = walkJson(text)
          if (w.ok) {
            // A frame is at most websocket_proxy.max_message_bytes: judged in one step.
            findings = [...findings, ...Effect.runSync(jsonDlp(s, w, "ws.client", host, false)).findings]
            if (w.duplicateKeys.length > 0 && isJsonRpc(w)) findings.push(duplicateFinding(w, "ws.client"))
          } else if (w.problem !== "syntax") findings.push(walkFinding(w, "ws.client"))
          // not JSON: the raw scan stands
        }
        findings.push(...extraSync("ws_frame", ctx, { text, location: "ws.client", url: ctx.url }))
        return decide(unsuppressed(s, findings, { url: ctx.url }, ctx), s.mode, s.config.request_body_scanning.action)
      }
      const found = [...responseFindings(s, text, ctx.url, "ws.server"), ...extraSync("ws_frame", ctx, { text, location: "ws.server", url: ctx.url })]
      return decide(unsuppressed(s, found, { url: ctx.url }, ctx), s.mode, s.config.response_scanning.action)
    })

  // --- MCP ----------------------------------------------------------------------------------

  const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

  /**
   * The structural checks every JSON-RPC message gets before any scanner: it walks completely within the
   * limits, no key repeats in one object (an upstream may keep the other value), and an id is a string, a
   * number or null. A failure is an invalid request.
   */
  const shapeOf = (message: unknown, w: JsonWalk, location: string): { walk: JsonTexts } | { finding: Finding } => {
    if (!w.ok) return { finding: walkFinding(w, location) }
    if (w.duplicateKeys.length > 0) return { finding: duplicateFinding(w, location) }
    if (isObject(message) && "id" in message && message.id !== null && typeof message.id !== "string" && typeof message.id !== "number") {
      return {
        finding: { scanner: "parser", rule: "invalid_id", severity: "high", location: "id", evidence: "", action: "block", message: "a JSON-RPC id must be a string, a number or null" }
      }
    }
    return { walk: w }
  }

  /**
   * A large message walked in slices. Its raw text and its parsed value are both alive already; the walk takes
   * its long strings from the parsed value (`knownStrings`) rather than decoding a third copy of them.
   */
  const structure = (message: unknown, raw: string | undefined, location: string) => Effect.map(
    raw !== undefined ? walkSliced(raw, message === undefined ? undefined : knownStrings(message)) : Effect.sync(() => walkValue(message)),
    (w) => shapeOf(message, w, location)
  )

  /** One run of texts: injection (rules, or rules and classifier for `content`), and shell checks when asked. */
  const runChecks = (s: Snapshot, w: JsonTexts, p: Part, scan: Kernels["rules"], shell: boolean, out: Finding[]) => {
    const t = p.value
    const location = p.location
    if (scan !== NOTHING) {
      out.push(...timed(s, "injection", () => guarded(location, () =>
        t.length > WHOLE_CHARS ? runSteps(injectionSteps(s.k, scan === s.k.content ? "content" : "rules", s.mcpInjection, t, location)) : scan(s.mcpInjection, t, location))))
    }
    if (shell && (p.count > 1 || kindOf(w, p.index) !== KEY)) out.push(...timed(s, "shell", () => guarded(location, () => scanShell(t, location))))
  }

  /**
   * Injection over some texts of a walk (each text of 12 characters or more; a large message in runs of
   * texts), optionally shell checks too, breathing between slices.
   */
  const textChecks = (s: Snapshot, w: JsonTexts, indexes: ReadonlyArray<number>, base: string, withShell: boolean, content = false): Effect.Effect<Finding[]> =>
    Effect.suspend(() => {
      const scan = content ? s.k.content : s.k.rules
      const shell = withShell && s.k.shell
      if (scan === NOTHING && !shell) return Effect.succeed([])
      const runs = textRuns(w, indexes, base)
      const small = textChecksOf(s, w, runs, scan, shell)
      if (small !== undefined) return Effect.succeed(small)
      return Effect.gen(function* () {
        const out: Finding[] = []
        let chars = 0
        for (const p of runs) {
          if (p.length < 12) continue
          if (chars > SLICE_CHARS) {
            yield* breathe
            chars = 0
          }
          chars += p.value.length
          runChecks(s, w, p, scan, shell, out)
        }
        return out
      })
    })

  /** The same checks in one synchronous step, when the runs are within one slice (no breath needed); else undefined. */
  const textChecksOf = (s: Snapshot, w: JsonTexts, runs: ReadonlyArray<Part>, scan: Kernels["rules"], shell: boolean): Finding[] | undefined => {
    let total = 0
    for (const p of runs) total += p.length
    if (total > SLICE_CHARS) return undefined
    const out: Finding[] = []
    for (const p of runs) if (p.length >= 12) runChecks(s, w, p, scan, shell, out)
    return out
  }

  /** Every text of a walk (its indexes). */
  const everyText = (w: JsonTexts): number[] => {
    const out = new Array<number>(w.texts.length)
    for (let i = 0; i < out.length; i++) out[i] = i
    return out
  }

  const inspectMcpRequest = (message: unknown, ctx: McpContext, raw?: string) =>
    withWalkBudget(raw)(Effect.gen(function* () {
      const s = current()
      const c = s.config
      const shape = raw !== undefined && raw.length > SLICE_CHARS ? yield* structure(message, raw, "request") : shapeOf(message, raw !== undefined ? walkJson(raw) : walkValue(message), "request")
      if ("finding" in shape) return { verdict: decide([shape.finding], s.mode), errorCode: -32600 } satisfies McpVerdict
      const w = shape.walk
      if (!isObject(message) || message.jsonrpc !== "2.0") return inspectUnparseableSync(s, raw ?? JSON.stringify(message) ?? "")
      const method = typeof message.method === "string" ? message.method : undefined
      const params = "params" in message ? message.params : "result" in message ? message.result : undefined
      const verdicts: Verdict[] = []
      const isCall = method === "tools/call" && isObject(params)
      const toolName = isCall && typeof params.name === "string" ? params.name : undefined
      const args = isCall ? params.arguments : undefined
      const scope: SuppressScope = { tool: toolName }
      const judge = (found: ReadonlyArray<Finding>, action?: SectionAction): Verdict => decide(unsuppressed(s, found, scope, ctx), s.mode, action)
      // The call's store step (pinned inventory, chain history): independent of what the scans find (a
      // refused call is recorded too), so with a remote store it is on the wire while the arguments are scanned.
      const chain = s.chain
      let category: Category | undefined
      let chainFound: ReadonlyArray<Finding> = []
      let stored: Effect.Effect<Result.Result<CallOutcome, StoreUnavailable>> | undefined
      let record: CallRecord | undefined
      if (toolName !== undefined) {
        if (chain !== undefined) {
          chainFound = guarded("chain", () => {
            category = classifyCall(toolName, args, c.tool_chain_detection.tool_categories)
            return []
          })
        }
        record = chain !== undefined && category !== undefined && category !== "unknown"
          ? { tool: toolName, chain: { category, at: Date.now(), windowSize: chain.windowSize, windowSeconds: chain.windowSeconds } }
          : { tool: toolName }
        const step = sessions.recordCall(ctx.sessionKey, record).pipe(Effect.result)
        if (remoteStore) {
          const sent = yield* Effect.forkChild(step, { startImmediately: true })
          // One turn of the event loop: the client writes the queued command to the socket.
          yield* Effect.yieldNow
          stored = Fiber.join(sent)
        } else stored = step
      }
      let sensitive: string[] = []
      if (c.mcp_input_scanning.enabled) {
        // Every string of the message is DLP content (keys, ids, `_meta`, every params member, extra members);
        // the arguments (or the params of other methods) also get injection and, for calls, shell checks.
        const dlp = yield* jsonDlp(s, w, "", undefined)
        sensitive = dlp.sensitive
        const input: Finding[] = [...dlp.findings]
        const prefix = isCall ? ["params", "arguments"] : "params" in message ? ["params"] : "result" in message ? ["result"] : undefined
        if (prefix !== undefined) input.push(...yield* textChecks(s, w, textsUnder(w, prefix), "", isCall))
        if (prefix !== undefined && registered("mcp_arguments").length > 0) {
          input.push(...yield* extra("mcp_arguments", ctx, { text: valuesText(w, textsUnder(w, prefix)), location: prefix.join("."), tool: toolName }))
        }
        verdicts.push(judge(scrub(input, sensitive), c.mcp_input_scanning.action))
      }
      if (toolName !== undefined) {
        if (s.policy !== undefined) {
          const policy = s.policy
          verdicts.push(judge(timed(s, "tool_policy", () => guarded("params", () => evaluateToolCall(policy, toolName, args))), c.mcp_tool_policy.action))
        }
        if (chainFound.length > 0) verdicts.push(judge(chainFound, c.tool_chain_detection.action))
        // One atomic step in the store: where the tool stands in the pinned inventory, and the session's
        // chain history with this call appended (an `unknown` call is not part of any chain).
        const outcome = yield* stored!
        if (outcome._tag === "Failure") {
          verdicts.push(decide(storeUnavailable(s, outcome.failure, `tools/call:${toolName}`, "session binding and tool-call chains"), s.mode))
        } else {
          const state = outcome.success
          if (c.mcp_session_binding.enabled) {
            const b = c.mcp_session_binding
            const binding: Finding[] = []
            if (state.inventory === "unpinned") {
              binding.push({
                scanner: "session_binding", rule: "no_baseline", severity: "medium", location: `tools/call:${toolName}`, evidence: toolName,
                message: `tools/call "${toolName}" before any tools/list in this session`, action: b.no_baseline_action
              })
            } else if (state.inventory === "unlisted") {
              binding.push({
                scanner: "session_binding", rule: "unknown_tool", severity: "high", location: `tools/call:${toolName}`, evidence: toolName,
                message: `tools/call "${toolName}" is not in this session's tool inventory`, action: b.unknown_tool_action
              })
            }
            verdicts.push(judge(binding, b.unknown_tool_action))
          }
          if (chain !== undefined && record?.chain !== undefined) {
            verdicts.push(judge(timed(s, "chain", () => guarded("chain", () => chainFindings(state.history, chain, toolName))), c.tool_chain_detection.action))
          }
        }
      }
      const verdict = combine(s.mode, verdicts)
      if (sensitive.length === 0) return mcpVerdict(verdict)
      // A secret DLP found may also be the tool name other checks quote: scrubbed from every finding.
      const findings = scrub(verdict.findings, sensitive)
      return { ...mcpVerdict({ ...verdict, findings, decisive: verdict.decisive === undefined ? undefined : findings[verdict.findings.indexOf(verdict.decisive)] }), sensitive }
    }))

  const toolsOf = (message: Record<string, unknown>): ToolDefinition[] | undefined => {
    const r = message.result
    if (!isObject(r) || !Array.isArray(r.tools)) return undefined
    return r.tools.filter(isObject) as ToolDefinition[]
  }

  const notJsonRpc: Finding = {
    scanner: "parser", rule: "invalid_json_rpc", severity: "high", location: "response", evidence: "", message: "the server sent something that is not JSON-RPC 2.0", action: "block"
  }

  /**
   * A server message. A message within one slice is walked and, when it is not a tools/list result and no
   * scanner is registered for `mcp_result`, judged in one synchronous step (the common tool result).
   */
  const inspectMcpResponse = (message: unknown, ctx: McpContext & { readonly method?: string | undefined; readonly tool?: string | undefined }, raw?: string): Effect.Effect<McpVerdict> =>
    Effect.suspend(() => {
      const s = current()
      if (raw !== undefined && raw.length > SLICE_CHARS) {
        return withWalkBudget(raw)(Effect.flatMap(structure(message, raw, "response"), (shape) => mcpResponseOf(s, message, ctx, shape)))
      }
      const shape = shapeOf(message, raw !== undefined ? walkJson(raw) : walkValue(message), "response")
      if ("walk" in shape && isObject(message) && message.jsonrpc === "2.0" && toolsFor(message, ctx) === undefined && registered("mcp_result").length === 0) {
        const w = shape.walk
        const scan = s.k.content
        const found = scan === NOTHING ? [] : textChecksOf(s, w, textRuns(w, everyText(w), ""), scan, false)
        if (found !== undefined) return Effect.succeed(mcpVerdict(decide(unsuppressed(s, found, { tool: ctx.tool }, ctx), s.mode, s.config.response_scanning.action)))
      }
      return mcpResponseOf(s, message, ctx, shape)
    })

  const toolsFor = (message: Record<string, unknown>, ctx: { readonly method?: string | undefined }): ToolDefinition[] | undefined =>
    ctx.method === "tools/list" || (ctx.method === undefined && "result" in message) ? toolsOf(message) : undefined

  const mcpResponseOf = (s: Snapshot, message: unknown, ctx: McpContext & { readonly method?: string | undefined; readonly tool?: string | undefined }, shape: { walk: JsonTexts } | { finding: Finding }) =>
    Effect.gen(function* () {
      const c = s.config
      if ("finding" in shape) return mcpVerdict(decide([shape.finding], s.mode))
      const w = shape.walk
      if (!isObject(message) || message.jsonrpc !== "2.0") return mcpVerdict(decide([notJsonRpc], s.mode))
      const tools = toolsFor(message, ctx)
      const verdicts: Verdict[] = []
      if (tools !== undefined) {
        const names = tools.map((t) => String(t.name))
        // A definition finding's location names its tool (`tool:<name>.description`): the `tool` scope reads it there.
        const judge = (found: ReadonlyArray<Finding>, action?: SectionAction): Verdict => decide(unsuppressed(s, found, {}, ctx, names), s.mode, action)
        if (c.mcp_tool_scanning.enabled) {
          const found = s.k.toolPoisoning ? tools.flatMap((t) => timed(s, "tool_poisoning", () => guarded(`tool:${String(t.name)}`, () => scanTool(s.mcpInjection, t)))) : []
          if (registered("tool_definition").length > 0) {
            const each = yield* Effect.forEach(tools, (t) => extra("tool_definition", ctx, { text: toolText(t), location: `tool:${String(t.name)}`, tool: String(t.name) }), { concurrency: "unbounded" })
            found.push(...each.flat())
          }
          verdicts.push(judge(found, c.mcp_tool_scanning.action))
        }
        // Pinned at the session's first tools/list; a later list is compared with the pin in the same atomic step.
        const listed = tools.slice(0, 10_000)
        const pins = listed.map((t): ToolPin => ({ name: String(t.name), fingerprint: fingerprint(t), definition: t }))
        const outcome = yield* sessions.pinTools(ctx.sessionKey, pins).pipe(Effect.result)
        const drift: Finding[] = []
        const binding: Finding[] = []
        if (outcome._tag === "Failure") {
          verdicts.push(decide(storeUnavailable(s, outcome.failure, "tools/list", "tool pinning and drift"), s.mode))
        } else {
          if (c.mcp_session_binding.enabled) {
            for (const name of outcome.success.added) {
              binding.push({
                scanner: "session_binding", rule: "tool_added", severity: "high", location: `tool:${name}`, evidence: name,
                message: `tool "${name}" appeared after the session's inventory was pinned`, action: c.mcp_session_binding.unknown_tool_action
              })
            }
          }
          if (c.mcp_tool_scanning.detect_drift) {
            const byName = new Map(listed.map((t) => [String(t.name), t]))
            for (const { name, pinned } of outcome.success.changed) {
              const diff = diffTools(pinned as ToolDefinition, byName.get(name) as ToolDefinition)
              drift.push({
                scanner: "tool_drift", rule: "tool_definition_changed", severity: "high", location: `tool:${name}`, evidence: diff,
                message: `tool "${name}" changed mid-session (${diff})`
              })
            }
          }
        }
        if (drift.length > 0) verdicts.push(judge(drift, c.mcp_tool_scanning.action))
        if (binding.length > 0) verdicts.push(judge(binding, c.mcp_session_binding.unknown_tool_action))
        // The rest of the message (other result members, `_meta`, extra members) is read by the agent too.
        const inTools = new Set(textsUnder(w, ["result", "tools"]))
        const rest = yield* textChecks(s, w, w.texts.map((_, i) => i).filter((i) => !inTools.has(i)), "", false)
        if (rest.length > 0) verdicts.push(judge(rest, c.response_scanning.action))
        return mcpVerdict(combine(s.mode, verdicts), names)
      }
      // Every text of the message: result, error, params, `_meta`, ids, extra members, keys.
      const found = yield* textChecks(s, w, everyText(w), "", false, true)
      if (registered("mcp_result").length > 0) found.push(...yield* extra("mcp_result", ctx, { text: valuesText(w, w.texts.map((_, i) => i)), location: "result" }))
      // `suppress` applies to server messages too: a `tool` entry silences a finding in the result of a
      // tools/call of that tool (the transports pass the tool of the request a response answers). Host and path
      // entries need a URL, which an MCP message does not carry: they do not apply here.
      return mcpVerdict(decide(unsuppressed(s, found, { tool: ctx.tool }, ctx), s.mode, c.response_scanning.action))
    })

  const inspectUnparseableSync = (s: Snapshot, raw: string): McpVerdict => {
    const forward = s.config.mcp_input_scanning.on_parse_error === "forward"
    const f: Finding = {
      scanner: "parser", rule: "invalid_json_rpc", severity: "high", location: "body", evidence: raw.slice(0, 40).replace(/\s+/g, " "),
      message: "the message is not valid JSON-RPC 2.0", action: forward ? "warn" : "block"
    }
    return { verdict: decide([f], s.mode, "block"), errorCode: -32600 }
  }

  return Inspector.of({
    checkUrl: (url, ctx) => traced("Inspector.checkUrl", checkUrl(url, ctx), urlVerdict),
    checkConnect: (host, port, ctx) => {
      const h = parseIp(host)?.family === 6 && !host.startsWith("[") ? `[${host}]` : host
      return traced("Inspector.checkConnect", checkUrl(`https://${h}:${port}/`, ctx, true), urlVerdict)
    },
    inspectRequest: (req, ctx) => traced("Inspector.inspectRequest", inspectRequest(req, ctx), itself),
    inspectResponse: (text, ctx) => traced("Inspector.inspectResponse", inspectResponse(text, ctx), itself),
    responseStream,
    inspectWsMessage,
    inspectMcpRequest: (message, ctx, raw) => traced("Inspector.inspectMcpRequest", inspectMcpRequest(message, ctx, raw), mcpOf),
    inspectMcpResponse: (message, ctx, raw) => traced("Inspector.inspectMcpResponse", inspectMcpResponse(message, ctx, raw), mcpOf),
    inspectMcpUnparseable: (raw) => Effect.sync(() => inspectUnparseableSync(current(), raw)),
    endMcpSession: (sessionKey) => Effect.ignore(sessions.end(sessionKey)),
    recordTransfer: (url, n) => {
      // Bytes are counted while a data budget is set (nothing reads the window otherwise): no URL parse, no
      // store operation per response without one.
      if (n <= 0 || snap.config.fetch_proxy.monitoring.max_data_per_minute <= 0) return
      const host = hostOf(url)
      if (host === undefined) return
      // Counted in the background: the response is already on its way. A store that is down misses these bytes.
      Effect.runFork(Effect.ignore(sessions.record(bytesKey(registrableDomain(host)), n)))
    }
  })
})

/** The Inspector over the ConfigStore's configuration and a Resolver. */
export const layer: Layer.Layer<Inspector, never, ConfigStore | Resolver | SessionStore> = Layer.effect(Inspector, make)
