/**
 * The Inspector: every transport's traffic goes through here. It holds one compiled snapshot of the
 * scanners for the configuration in force (recompiled on reload; a request reads it once), the per-domain
 * rate limits; per-MCP-session state (pinned tool inventory, call history) lives in the SessionStore. Each method returns a
 * Verdict; a scanner that throws becomes a blocking finding (fail closed) except in audit mode.
 */
import { readFileSync } from "node:fs"
import { Effect, Layer, Stream } from "effect"
import type { Config } from "../services/Config.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { Inspector, type McpContext, type McpVerdict, type OutboundRequest, type PinnedTarget, type RequestContext, type StreamScanner, type UrlCheck } from "../services/Inspector.ts"
import { Resolver } from "../services/Resolver.ts"
import { type PinnedTool, SessionStore } from "../services/SessionStore.ts"
import type { Finding, Mode, Verdict } from "../services/Verdict.ts"
import { a2aParts, cardFingerprint, cardTools, diffCards, isA2aRequest, isAgentCard, isCardUrl } from "./detect/a2a.ts"
import { type Category, type ChainOptions, type ChainPattern, ChainHistory, builtinChainPatterns, classifyCall } from "./detect/chain.ts"
import { combine, decide, scannerFailure, type SectionAction } from "./detect/decide.ts"
import { type CompiledDlp, compile as compileDlp, jsonParts, scanJson, scanParts, scanText as dlpText } from "./detect/dlp.ts"
import { mergeDlpPatterns } from "./detect/dlpPatterns.ts"
import { matchesAny, registrableDomain } from "./detect/domain.ts"
import { type CompiledInjection, compile as compileInjection, scanText as injectionText } from "./detect/injection.ts"
import { mergeInjectionPatterns } from "./detect/injectionPatterns.ts"
import { parseIp } from "./detect/ip.ts"
import { SlidingWindow } from "./detect/ratelimit.ts"
import { scanShell } from "./detect/shell.ts"
import { diffTools, fingerprint, scanTool, type ToolDefinition } from "./detect/toolPoison.ts"
import { builtinToolPolicyRules, type CompiledToolPolicy, compileToolPolicy, evaluateToolCall } from "./detect/toolPolicy.ts"
import { checkResolved, checkUrl as checkUrlRules, type CompiledUrlRules, compileUrlRules } from "./detect/urlGuard.ts"
import { metrics, observe } from "./telemetry/metrics.ts"
import { annotateVerdict } from "./telemetry/spans.ts"
import { RE2 } from "./detect/re2.ts"

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
  const mcpInjection = compileInjection({ patterns: mergeInjectionPatterns(rs.patterns, true) })
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
  return { config, mode: config.mode, dlp, injection, mcpInjection, url, policy, chain }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const timed = <A>(scanner: string, f: () => A): A => {
  const t = performance.now()
  try {
    return f()
  } finally {
    observe(metrics.scanDuration, (performance.now() - t) / 1000, { scanner })
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

const mcpVerdict = (v: Verdict, toolNames?: ReadonlyArray<string>): McpVerdict => ({ verdict: v, errorCode: errorCodeOf(v), toolNames })

const STREAM_OVERLAP = 4096

/** Header names that carry credentials whatever `sensitive_headers` lists (`X-Session-Token`, `X-Api-Secret`…). */
const SECRET_HEADER = new RE2("(?i)(?:auth|token|api[-_]?key|secret|session|cookie|credential|passw|signature|jwt|bearer)")

// ---------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------

export const make = Effect.gen(function* () {
  const store = yield* ConfigStore
  const resolver = yield* Resolver
  const sessions = yield* SessionStore
  let snap = compileSnapshot(yield* store.current)
  yield* store.changes.pipe(
    Stream.runForEach((config) => Effect.sync(() => {
      if (config === snap.config) return
      try {
        snap = compileSnapshot(config)
      } catch (e) {
        // The config validated but a scanner would not compile: keep serving the previous snapshot.
        console.error(`pipelock: scanners not recompiled, previous configuration kept: ${String(e)}`)
      }
    })),
    Effect.forkScoped
  )

  /** A2A Agent Cards pinned per URL (drift), oldest first, at most `a2a_scanning.max_contexts`. */
  const cards = new Map<string, { fingerprint: string; card: Record<string, unknown> }>()
  const requests = new SlidingWindow()
  const bytes = new SlidingWindow()

  // --- URLs ---------------------------------------------------------------------------------

  const checkUrl = (rawUrl: string, ctx: RequestContext) =>
    Effect.gen(function* () {
      const s = snap
      let parsed: URL | undefined
      const pre = timed("url", () => guarded("url", () => {
        const r = checkUrlRules(s.url, rawUrl)
        parsed = r.url
        return r.findings
      }))
      const preVerdict = decide(pre, s.mode)
      if (preVerdict.action === "block" || parsed === undefined) return { verdict: preVerdict } satisfies UrlCheck
      const url = parsed
      const host = url.hostname.replace(/^\[|\]$/g, "")
      const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" || url.protocol === "wss:" ? 443 : 80
      const findings = [...pre]
      let target: PinnedTarget | undefined
      const resolved = ctx.skipDns === true ? undefined : yield* resolver.resolve(host).pipe(Effect.result)
      if (resolved === undefined) {
        // Offline check: the DNS-dependent SSRF rule is not applied and there is no target.
      } else if (resolved._tag === "Failure") {
        findings.push({
          scanner: "ssrf", rule: "dns_failure", severity: "high", location: "url.host", evidence: host, action: "block",
          message: `${host} did not resolve (${resolved.failure.reason}); blocked because the address cannot be checked`
        })
      } else {
        const addresses = resolved.success
        const ssrf = timed("ssrf", () => guarded("url.host", () => checkResolved(s.url, host, addresses.map((a) => a.address))))
        findings.push(...ssrf)
        target = { host, port, addresses }
      }
      const domain = registrableDomain(host)
      const m = s.config.fetch_proxy.monitoring
      if (!requests.tryRecord(domain, m.max_requests_per_minute)) {
        findings.push({
          scanner: "ratelimit", rule: "rate_limit", severity: "medium", location: "url.host", evidence: domain, action: "block",
          message: `more than ${m.max_requests_per_minute} requests a minute to ${domain}`
        })
      }
      if (m.max_data_per_minute > 0 && bytes.total(domain) >= m.max_data_per_minute) {
        findings.push({
          scanner: "databudget", rule: "data_budget", severity: "medium", location: "url.host", evidence: domain, action: "block",
          message: `the data budget for ${domain} (${m.max_data_per_minute} bytes a minute) is spent`
        })
      }
      const verdict = decide(findings, s.mode)
      return { verdict, target: verdict.action === "block" ? undefined : target } satisfies UrlCheck
    })

  // --- HTTP bodies --------------------------------------------------------------------------

  const inspectRequest = (req: OutboundRequest, _ctx: RequestContext) =>
    Effect.sync((): Verdict => {
      const s = snap
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
            const found = timed("dlp", () => guarded(`header:${n}`, () => dlpText(s.dlp, v, `header:${n}`, { host })))
            findings.push(...(full ? found : found.filter((f) => f.severity === "critical")))
          }
        }
      }
      const body = req.body
      if (body !== undefined && body.length > 0) {
        findings.push(...guarded("body", () => bodyFindings(s, req, body, host)))
      }
      const verdict = decide(findings, s.mode, rb.action)
      if (!s.config.a2a_scanning.enabled || body === undefined || body.length === 0 || body.length > rb.max_body_bytes) return verdict
      const a2a = guarded("a2a", () => a2aRequestFindings(s, body, host))
      return a2a.length === 0 ? verdict : combine(s.mode, [verdict, decide(a2a, s.mode, s.config.a2a_scanning.action)])
    })

  /** An A2A JSON-RPC request: injection in every message part (DLP already ran over the JSON), decoded file bytes. */
  const a2aRequestFindings = (s: Snapshot, body: Uint8Array, host: string | undefined): Finding[] => {
    const first = body[0]
    if (first !== 0x7b && first !== 0x5b && first !== 0x20 && first !== 0x0a && first !== 0x0d && first !== 0x09) return []
    let value: unknown
    try {
      value = JSON.parse(Buffer.from(body).toString("utf8"))
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
    out.push(...timed("dlp", () => scanParts(s.dlp, files.map((p) => ({ location: `a2a:${p.location}`, value: p.value })), { host })))
    for (const p of parts) {
      if (p.value.length < 12 || p.location.endsWith("(base64)")) continue
      out.push(...timed("injection", () => injectionText(s.mcpInjection, p.value, `a2a:${p.location}`)).map((f): Finding => ({ ...f, scanner: "a2a" })))
    }
    return out
  }

  /** An A2A Agent Card: poisoning in the card and each skill, and drift from the card pinned for this URL. */
  const agentCardFindings = (s: Snapshot, text: string, url: string, contentType: string | undefined): Finding[] => {
    const a = s.config.a2a_scanning
    if (!a.scan_agent_cards && !a.detect_card_drift) return []
    const byUrl = isCardUrl(url)
    if (!byUrl && !(contentType ?? "").includes("json")) return []
    const head = text.trimStart()
    if (!head.startsWith("{") || (!byUrl && !text.includes("\"skills\""))) return []
    let card: unknown
    try {
      card = JSON.parse(text)
    } catch {
      return []
    }
    if (!isAgentCard(card)) return []
    const out: Finding[] = []
    if (a.scan_agent_cards) {
      for (const t of cardTools(card)) out.push(...timed("tool_poisoning", () => scanTool(s.mcpInjection, t)).map((f): Finding => ({ ...f, scanner: "a2a_card" })))
    }
    if (a.detect_card_drift) {
      const key = url.split("#")[0]
      const fp = cardFingerprint(card)
      const before = cards.get(key)
      if (before === undefined) {
        while (cards.size >= Math.max(a.max_contexts, 1)) cards.delete(cards.keys().next().value as string)
        cards.set(key, { fingerprint: fp, card })
      } else if (before.fingerprint !== fp) {
        out.push({
          scanner: "a2a_card", rule: "agent_card_changed", severity: "high", location: "agent_card", evidence: diffCards(before.card, card),
          message: `the Agent Card at ${key} changed since it was first seen (${diffCards(before.card, card)})`
        })
      }
    }
    return out
  }

  const bodyFindings = (s: Snapshot, req: OutboundRequest, body: Uint8Array, host: string | undefined): Finding[] => {
    const rb = s.config.request_body_scanning
    const header = (n: string) => headerValues(req.headers[n] ?? req.headers[n.toLowerCase()]).join(",").toLowerCase()
    const block = (rule: string, message: string): Finding[] => [{ scanner: "body", rule, severity: "high", location: "body", evidence: "", message, action: "block" }]
    if (body.length > rb.max_body_bytes) return block("body_too_large", `request body of ${body.length} bytes exceeds max_body_bytes (${rb.max_body_bytes}); not forwarded unscanned`)
    const encoding = header("content-encoding")
    if (encoding !== "" && encoding !== "identity") return block("compressed_body", `compressed request body (${encoding}) cannot be scanned`)
    const type = header("content-type")
    const text = Buffer.from(body).toString("utf8")
    return timed("dlp", () => {
      if (type.includes("json")) {
        let value: unknown
        try {
          value = JSON.parse(text)
        } catch {
          return block("invalid_json", "request body says JSON but does not parse")
        }
        return scanJson(s.dlp, value, "body", { host })
      }
      if (type.includes("application/x-www-form-urlencoded")) {
        const parts = [...new URLSearchParams(text)].flatMap(([k, v]) => [{ location: `body.${k}(key)`, value: k }, { location: `body.${k}`, value: v }])
        return [...scanParts(s.dlp, parts, { host }), ...dlpText(s.dlp, text, "body", { host })]
      }
      return dlpText(s.dlp, text, "body", { host })
    })
  }

  const responseFindings = (s: Snapshot, text: string, url: string, location: string): Finding[] => {
    const found = timed("injection", () => guarded(location, () => injectionText(s.injection, text, location)))
    const host = hostOf(url)
    const exempt = host !== undefined && matchesAny(host, s.config.response_scanning.exempt_domains)
    return exempt ? found.map((f) => (f.scanner === "injection" ? { ...f, action: "warn" as const } : f)) : found
  }

  const inspectResponse = (text: string, ctx: RequestContext & { readonly url: string; readonly contentType?: string | undefined }) =>
    Effect.sync((): Verdict => {
      const s = snap
      const verdict = decide(responseFindings(s, text, ctx.url, "body"), s.mode, s.config.response_scanning.action)
      if (!s.config.a2a_scanning.enabled) return verdict
      const card = guarded("agent_card", () => agentCardFindings(s, text, ctx.url, ctx.contentType))
      return card.length === 0 ? verdict : combine(s.mode, [verdict, decide(card, s.mode, s.config.a2a_scanning.action)])
    })

  const responseStream = (ctx: RequestContext & { readonly url: string }) =>
    Effect.sync((): StreamScanner => {
      const s = snap
      let tail = ""
      const findings = new Map<string, Finding>()
      const verdict = () => decide([...findings.values()], s.mode, s.config.response_scanning.action)
      return {
        push: (text) => {
          const window = tail + text
          for (const f of responseFindings(s, window, ctx.url, "body")) if (!findings.has(f.rule)) findings.set(f.rule, f)
          tail = window.length > STREAM_OVERLAP ? window.slice(-STREAM_OVERLAP) : window
          return verdict()
        },
        finish: verdict
      }
    })

  const inspectWsMessage = (text: string, from: "client" | "server", ctx: RequestContext & { readonly url: string }) =>
    Effect.sync((): Verdict => {
      const s = snap
      if (from === "client") {
        const host = hostOf(ctx.url)
        let findings = timed("dlp", () => guarded("ws.client", () => dlpText(s.dlp, text, "ws.client", { host })))
        if (text.trimStart().startsWith("{") || text.trimStart().startsWith("[")) {
          try {
            findings = [...findings, ...scanJson(s.dlp, JSON.parse(text), "ws.client", { host })]
          } catch {
            // not JSON: the raw scan stands
          }
        }
        return decide(findings, s.mode, s.config.request_body_scanning.action)
      }
      return decide(responseFindings(s, text, ctx.url, "ws.server"), s.mode, s.config.response_scanning.action)
    })

  // --- MCP ----------------------------------------------------------------------------------

  const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

  const inspectMcpRequest = (message: unknown, ctx: McpContext) =>
    Effect.gen(function* () {
      const s = snap
      const c = s.config
      if (!isObject(message) || message.jsonrpc !== "2.0") return inspectUnparseableSync(s, JSON.stringify(message) ?? "")
      const method = typeof message.method === "string" ? message.method : undefined
      const params = "params" in message ? message.params : "result" in message ? message.result : undefined
      const verdicts: Verdict[] = []
      const isCall = method === "tools/call" && isObject(params)
      const toolName = isCall && typeof params.name === "string" ? params.name : undefined
      const args = isCall ? params.arguments : undefined
      if (c.mcp_input_scanning.enabled && params !== undefined) {
        const base = isCall ? "params.arguments" : "params"
        const parts = jsonParts(isCall ? args : params, base)
        const input: Finding[] = []
        input.push(...timed("dlp", () => guarded(base, () => scanParts(s.dlp, parts))))
        for (const p of parts) {
          if (p.value.length < 12) continue
          input.push(...timed("injection", () => guarded(p.location, () => injectionText(s.mcpInjection, p.value, p.location))))
          if (isCall) input.push(...timed("shell", () => guarded(p.location, () => scanShell(p.value, p.location))))
        }
        verdicts.push(decide(input, s.mode, c.mcp_input_scanning.action))
      }
      if (toolName !== undefined) {
        if (s.policy !== undefined) {
          const policy = s.policy
          verdicts.push(decide(timed("tool_policy", () => guarded("params", () => evaluateToolCall(policy, toolName, args))), s.mode, c.mcp_tool_policy.action))
        }
        const state = yield* sessions.touch(ctx.sessionKey)
        if (c.mcp_session_binding.enabled) {
          const b = c.mcp_session_binding
          const binding: Finding[] = []
          if (state.baseline === undefined) {
            binding.push({
              scanner: "session_binding", rule: "no_baseline", severity: "medium", location: `tools/call:${toolName}`, evidence: toolName,
              message: `tools/call "${toolName}" before any tools/list in this session`, action: b.no_baseline_action
            })
          } else if (!state.baseline.has(toolName)) {
            binding.push({
              scanner: "session_binding", rule: "unknown_tool", severity: "high", location: `tools/call:${toolName}`, evidence: toolName,
              message: `tools/call "${toolName}" is not in this session's tool inventory`, action: b.unknown_tool_action
            })
          }
          verdicts.push(decide(binding, s.mode, b.unknown_tool_action))
        }
        if (s.chain !== undefined) {
          const chain = s.chain
          state.chain ??= new ChainHistory(chain)
          const history = state.chain
          const category = classifyCall(toolName, args, c.tool_chain_detection.tool_categories)
          verdicts.push(decide(timed("chain", () => guarded("chain", () => [...history.record(category, Date.now(), toolName)])), s.mode, c.tool_chain_detection.action))
        }
      }
      return mcpVerdict(combine(s.mode, verdicts))
    })

  const toolsOf = (message: Record<string, unknown>): ToolDefinition[] | undefined => {
    const r = message.result
    if (!isObject(r) || !Array.isArray(r.tools)) return undefined
    return r.tools.filter(isObject) as ToolDefinition[]
  }

  const inspectMcpResponse = (message: unknown, ctx: McpContext & { readonly method?: string | undefined }) =>
    Effect.gen(function* () {
      const s = snap
      const c = s.config
      if (!isObject(message) || message.jsonrpc !== "2.0") {
        const f: Finding = { scanner: "parser", rule: "invalid_json_rpc", severity: "high", location: "response", evidence: "", message: "the server sent something that is not JSON-RPC 2.0", action: "block" }
        return mcpVerdict(decide([f], s.mode))
      }
      const tools = ctx.method === "tools/list" || (ctx.method === undefined && "result" in message) ? toolsOf(message) : undefined
      const verdicts: Verdict[] = []
      if (tools !== undefined) {
        const names = tools.map((t) => String(t.name))
        if (c.mcp_tool_scanning.enabled) {
          const found = tools.flatMap((t) => timed("tool_poisoning", () => guarded(`tool:${String(t.name)}`, () => scanTool(s.mcpInjection, t))))
          verdicts.push(decide(found, s.mode, c.mcp_tool_scanning.action))
        }
        const state = yield* sessions.touch(ctx.sessionKey)
        const drift: Finding[] = []
        const binding: Finding[] = []
        if (state.baseline === undefined) {
          state.baseline = new Map(tools.slice(0, 10_000).map((t): [string, PinnedTool] => [String(t.name), { fingerprint: fingerprint(t), tool: t }]))
        } else {
          for (const t of tools.slice(0, 10_000)) {
            const name = String(t.name)
            const fp = fingerprint(t)
            const before = state.baseline.get(name)
            if (before === undefined) {
              if (c.mcp_session_binding.enabled) {
                binding.push({
                  scanner: "session_binding", rule: "tool_added", severity: "high", location: `tool:${name}`, evidence: name,
                  message: `tool "${name}" appeared after the session's inventory was pinned`, action: c.mcp_session_binding.unknown_tool_action
                })
              }
              state.baseline.set(name, { fingerprint: fp, tool: t })
            } else if (before.fingerprint !== fp && c.mcp_tool_scanning.detect_drift) {
              drift.push({
                scanner: "tool_drift", rule: "tool_definition_changed", severity: "high", location: `tool:${name}`, evidence: diffTools(before.tool as ToolDefinition, t),
                message: `tool "${name}" changed mid-session (${diffTools(before.tool as ToolDefinition, t)})`
              })
            }
          }
        }
        if (drift.length > 0) verdicts.push(decide(drift, s.mode, c.mcp_tool_scanning.action))
        if (binding.length > 0) verdicts.push(decide(binding, s.mode, c.mcp_session_binding.unknown_tool_action))
        return mcpVerdict(combine(s.mode, verdicts), names)
      }
      const payload = "result" in message ? message.result : "error" in message ? message.error : message.params
      const base = "result" in message ? "result" : "error" in message ? "error" : "params"
      const found: Finding[] = []
      for (const p of jsonParts(payload, base)) {
        if (p.value.length < 12) continue
        found.push(...timed("injection", () => guarded(p.location, () => injectionText(s.mcpInjection, p.value, p.location))))
      }
      return mcpVerdict(decide(found, s.mode, c.response_scanning.action))
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
    checkUrl: (url, ctx) => checkUrl(url, ctx).pipe(Effect.tap((r) => annotateVerdict(r.verdict)), Effect.withSpan("Inspector.checkUrl", undefined, { captureStackTrace: false })),
    checkConnect: (host, port, ctx) => {
      const h = parseIp(host)?.family === 6 && !host.startsWith("[") ? `[${host}]` : host
      return checkUrl(`https://${h}:${port}/`, ctx).pipe(Effect.tap((r) => annotateVerdict(r.verdict)), Effect.withSpan("Inspector.checkConnect", undefined, { captureStackTrace: false }))
    },
    inspectRequest: (req, ctx) => inspectRequest(req, ctx).pipe(Effect.tap(annotateVerdict), Effect.withSpan("Inspector.inspectRequest", undefined, { captureStackTrace: false })),
    inspectResponse: (text, ctx) => inspectResponse(text, ctx).pipe(Effect.tap(annotateVerdict), Effect.withSpan("Inspector.inspectResponse", undefined, { captureStackTrace: false })),
    responseStream,
    inspectWsMessage,
    inspectMcpRequest: (message, ctx) => inspectMcpRequest(message, ctx).pipe(Effect.tap((m) => annotateVerdict(m.verdict)), Effect.withSpan("Inspector.inspectMcpRequest", undefined, { captureStackTrace: false })),
    inspectMcpResponse: (message, ctx) => inspectMcpResponse(message, ctx).pipe(Effect.tap((m) => annotateVerdict(m.verdict)), Effect.withSpan("Inspector.inspectMcpResponse", undefined, { captureStackTrace: false })),
    inspectMcpUnparseable: (raw) => Effect.sync(() => inspectUnparseableSync(snap, raw)),
    endMcpSession: sessions.end,
    recordTransfer: (url, n) => {
      const host = hostOf(url)
      if (host !== undefined && n > 0) bytes.record(registrableDomain(host), n)
    }
  })
})

/** The Inspector over the ConfigStore's configuration and a Resolver. */
export const layer: Layer.Layer<Inspector, never, ConfigStore | Resolver | SessionStore> = Layer.effect(Inspector, make)
