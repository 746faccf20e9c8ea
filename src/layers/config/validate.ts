/**
 * Semantic checks the schema cannot express: regexes that RE2 must compile (named by pattern), listen
 * addresses, CIDRs, domain patterns and cross-field rules of the Go validator. Each problem has a path.
 */
import RE2 from "re2"
import type { ConfigFile, ConfigProblem } from "../../services/Config.ts"
import { builtinDlpPatterns, coreDlpNames, disableableDlpNames, disabledMatcher } from "../detect/dlpPatterns.ts"
import { builtinInjectionPatterns, goInjectionRegexes } from "../detect/injectionPatterns.ts"
import { ipFamily } from "../detect/ip.ts"
import { once } from "../detect/lazy.ts"
import { expiresProblem, pathProblem, UNSUPPRESSIBLE } from "../detect/suppress.ts"

/**
 * Pattern sources that are built in (ours, and the Go defaults a preset or a Go config restates): the test
 * suite compiles every one, so validation does not compile them again. The presets restate 52 of them, and
 * compiling each once more here was a measurable part of every command that loads a configuration.
 */
const builtinSources = once(() => new Set([
  ...builtinDlpPatterns.map((p) => `(?i)${p.regex}`),
  ...builtinInjectionPatterns.map((p) => p.regex),
  ...goInjectionRegexes
]))

const re2Error = (source: string): string | undefined => {
  if (builtinSources().has(source)) return undefined
  try {
    new RE2(source, "u")
    return undefined
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).replace(/: \(\?i\)/, ": ")
  }
}

/** `host:port`, `:port`, `[v6]:port`: what Node's `listen` accepts. */
export const parseListen = (addr: string): { host: string; port: number } | undefined => {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]*)):(\d{1,5})$/.exec(addr)
  if (m === null) return undefined
  const port = Number(m[3])
  if (port > 65535) return undefined
  return { host: m[1] ?? (m[2] === "" ? "0.0.0.0" : m[2]), port }
}

/** Where a client on this machine dials a listener: a wildcard host (empty, 0.0.0.0, ::) becomes loopback. */
export const dialAddress = (addr: string): { host: string; port: number } | undefined => {
  const p = parseListen(addr)
  if (p === undefined) return undefined
  return { host: p.host === "0.0.0.0" ? "127.0.0.1" : p.host === "::" ? "::1" : p.host, port: p.port }
}

const validCidr = (s: string): boolean => {
  const [ip, bits, ...rest] = s.split("/")
  if (rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) return false
  const family = ipFamily(ip)
  return family !== 0 && Number(bits) <= (family === 4 ? 32 : 128)
}

const validDomainPattern = (s: string): string | undefined => {
  if (s === "*" || s === "*.") return "a bare wildcard would match every host"
  if (/[/:\s]/.test(s) && ipFamily(s) !== 6) return "expected a hostname or *.domain, not a URL or host:port"
  if (s.includes("*") && !/^\*\.[^*]+$/.test(s)) return "a wildcard is only allowed as a leading `*.`"
  return undefined
}

/** Why a `session_store.redis_url` is not usable (the message never contains the URL: it may hold a password). */
export const redisUrlProblem = (raw: string): string | undefined => {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return "expected redis://[user:password@]host[:port][/db] or rediss://…"
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") return `expected the scheme redis:// or rediss://, got ${u.protocol}//`
  if (u.hostname === "") return "the URL names no host"
  if (u.pathname !== "" && u.pathname !== "/" && !/^\/\d+$/.test(u.pathname)) return "the path must be a database number (/0)"
  return undefined
}

/** Why an `http_classifier.url` is not usable (never quoting the URL: it may hold credentials). */
export const httpUrlProblem = (raw: string): string | undefined => {
  if (raw === "") return "http_classifier is enabled but names no url"
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return "expected an http:// or https:// URL"
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `expected the scheme http:// or https://, got ${u.protocol}//`
  return undefined
}

/** Every semantic problem of a decoded, layered config. */
export const validate = (c: ConfigFile): ConfigProblem[] => {
  const problems: ConfigProblem[] = []
  const add = (path: string, message: string) => problems.push({ path, message })

  const listen = c.fetch_proxy?.listen
  if (listen !== undefined && parseListen(listen) === undefined) add("fetch_proxy.listen", `expected host:port, got ${JSON.stringify(listen)}`)
  const apiListen = c.kill_switch?.api_listen
  if (apiListen) {
    if (parseListen(apiListen) === undefined) add("kill_switch.api_listen", `expected host:port, got ${JSON.stringify(apiListen)}`)
    else if (apiListen === listen) add("kill_switch.api_listen", "must differ from the proxy listen address")
  }

  c.dlp?.patterns?.forEach((p, i) => {
    const err = re2Error(`(?i)${p.regex}`)
    if (err !== undefined) add(`dlp.patterns[${i}].regex`, `RE2 cannot compile pattern "${p.name}": ${err}`)
  })
  if (c.dlp?.action !== undefined) add("dlp.action", "reserved: DLP actions are set by each transport's section, remove this key")
  if (c.dlp?.disabled_rules !== undefined) {
    const known = disableableDlpNames()
    c.dlp.disabled_rules.forEach((entry, i) => {
      const matches = disabledMatcher([entry])
      if (known.some(matches)) return
      add(`dlp.disabled_rules[${i}]`, coreDlpNames.some(matches)
        ? `"${entry}" is a core DLP rule: it always runs`
        : `"${entry}" names no built-in DLP rule (our names such as "Credential Assignment", gitleaks' as "gitleaks:<id>", globs such as "gitleaks:*")`)
    })
  }
  const dlpNames = new Set<string>()
  c.dlp?.patterns?.forEach((p, i) => {
    if (dlpNames.has(p.name)) add(`dlp.patterns[${i}].name`, `duplicate pattern name "${p.name}"`)
    dlpNames.add(p.name)
  })

  c.response_scanning?.patterns?.forEach((p, i) => {
    const err = re2Error(p.regex)
    if (err !== undefined) add(`response_scanning.patterns[${i}].regex`, `RE2 cannot compile pattern "${p.name}": ${err}`)
  })

  const policy = c.mcp_tool_policy
  const profiles = policy?.redirect_profiles ?? {}
  policy?.rules?.forEach((r, i) => {
    const t = re2Error(r.tool_pattern)
    if (t !== undefined) add(`mcp_tool_policy.rules[${i}].tool_pattern`, `RE2 cannot compile rule "${r.name}": ${t}`)
    if (r.arg_pattern !== undefined) {
      const a = re2Error(r.arg_pattern)
      if (a !== undefined) add(`mcp_tool_policy.rules[${i}].arg_pattern`, `RE2 cannot compile rule "${r.name}": ${a}`)
    }
    if (r.arg_key !== undefined && r.arg_pattern === undefined) add(`mcp_tool_policy.rules[${i}].arg_key`, "arg_key needs arg_pattern")
    const action = r.action ?? policy.action
    if (action === "redirect") {
      if (r.redirect_profile === undefined) add(`mcp_tool_policy.rules[${i}].redirect_profile`, `rule "${r.name}" redirects but names no redirect_profile`)
      else if (!(r.redirect_profile in profiles)) add(`mcp_tool_policy.rules[${i}].redirect_profile`, `unknown redirect profile "${r.redirect_profile}"`)
    }
  })
  if (policy?.enabled === true && (policy.rules ?? []).length === 0) add("mcp_tool_policy.rules", "mcp_tool_policy is enabled but has no rules")

  if (c.mcp_session_binding?.enabled === true && c.mcp_tool_scanning?.enabled !== true) {
    add("mcp_session_binding.enabled", "session binding needs mcp_tool_scanning.enabled (the baseline comes from scanned tool lists)")
  }
  if (c.websocket_proxy?.strip_compression === false) add("websocket_proxy.strip_compression", "must be true: compressed frames cannot be scanned")

  c.trusted_domains?.forEach((d, i) => {
    const err = validDomainPattern(d)
    if (err !== undefined) add(`trusted_domains[${i}]`, err)
  })
  c.api_allowlist?.forEach((d, i) => {
    if (d === "*") return
    const err = validDomainPattern(d)
    if (err !== undefined) add(`api_allowlist[${i}]`, err)
  })
  c.fetch_proxy?.monitoring?.blocklist?.forEach((d, i) => {
    const err = validDomainPattern(d)
    if (err !== undefined) add(`fetch_proxy.monitoring.blocklist[${i}]`, err)
  })
  c.tls_interception?.passthrough_domains?.forEach((d, i) => {
    const err = validDomainPattern(d)
    if (err !== undefined) add(`tls_interception.passthrough_domains[${i}]`, err)
  })
  c.internal?.forEach((s, i) => {
    if (!validCidr(s)) add(`internal[${i}]`, `expected a CIDR such as 10.0.0.0/8, got ${JSON.stringify(s)}`)
  })
  c.ssrf?.ip_allowlist?.forEach((s, i) => {
    if (!validCidr(s)) add(`ssrf.ip_allowlist[${i}]`, `expected a CIDR such as 10.1.2.0/24, got ${JSON.stringify(s)}`)
    else if (s.endsWith("/0")) add(`ssrf.ip_allowlist[${i}]`, "a /0 range would disable SSRF protection")
  })
  const redisUrl = c.session_store?.redis_url
  if (redisUrl !== undefined) {
    // Never echo the value: it may carry a password.
    const problem = redisUrlProblem(redisUrl)
    if (problem !== undefined) add("session_store.redis_url", problem)
  }

  c.kill_switch?.allowlist_ips?.forEach((s, i) => {
    if (!validCidr(s) && ipFamily(s) === 0) add(`kill_switch.allowlist_ips[${i}]`, `expected an IP or CIDR, got ${JSON.stringify(s)}`)
  })

  const out = c.logging?.output
  if ((out === "file" || out === "both") && !c.logging?.file) add("logging.file", `logging.output is "${out}" but no logging.file is set`)

  if (c.mode === "strict" && c.enforce !== false && (c.api_allowlist ?? []).length === 0) {
    add("api_allowlist", "strict mode enforces the API allowlist: list at least one host")
  }
  c.suppress?.forEach((e, i) => {
    const at = `suppress[${i}]`
    if (e.rule.trim() === "" || e.rule.trim() === "*") add(`${at}.rule`, "name one rule (e.g. \"AWS Access ID\") or one scanner (e.g. dlp)")
    if (UNSUPPRESSIBLE.has(e.rule.toLowerCase())) add(`${at}.rule`, `findings of "${e.rule}" mean the traffic could not be inspected; they always block (fail closed) and cannot be suppressed`)
    if (e.path === undefined && e.host === undefined && e.tool === undefined) {
      add(at, `entry for "${e.rule}" has no scope: give path, host or tool (to turn a rule off everywhere, change its section instead)`)
    }
    if (e.path !== undefined) {
      const p = pathProblem(e.path)
      if (p !== undefined) add(`${at}.path`, p)
    }
    if (e.host !== undefined) {
      const err = validDomainPattern(e.host)
      if (err !== undefined) add(`${at}.host`, err)
    }
    if (e.tool !== undefined && (e.tool.trim() === "" || /^\*+$/.test(e.tool))) add(`${at}.tool`, "name a tool (globs such as github_* are fine; a bare * would match every tool)")
    if (e.expires !== undefined) {
      const err = expiresProblem(e.expires)
      if (err !== undefined) add(`${at}.expires`, err)
    }
  })

  const tc = c.tool_chain_detection
  tc?.custom_patterns?.forEach((p, i) => {
    if (p.sequence.length < 2) add(`tool_chain_detection.custom_patterns[${i}].sequence`, "needs at least 2 steps")
  })

  const hc = c.http_classifier
  if (hc?.enabled === true) {
    // The messages never quote the URL: it may hold credentials.
    const problem = httpUrlProblem(hc.url ?? "")
    if (problem !== undefined) add("http_classifier.url", problem)
    if ((hc.surfaces ?? []).length === 0) add("http_classifier.surfaces", "list at least one surface the classifier reads")
    if (hc.timeout_ms !== undefined && hc.timeout_ms < 1) add("http_classifier.timeout_ms", "must be at least 1 (ms)")
    if (hc.max_concurrent !== undefined && hc.max_concurrent < 1) add("http_classifier.max_concurrent", "must be at least 1")
    if (hc.max_text_chars !== undefined && hc.max_text_chars < 64) add("http_classifier.max_text_chars", "must be at least 64")
  }
  return problems
}
