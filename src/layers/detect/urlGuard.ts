/**
 * The URL pipeline, in the Go order (the first failures win, all findings are reported): parse, scheme,
 * CRLF, path traversal, the strict-mode allowlist, the blocklist, IP-literal SSRF, DLP (before any DNS, so a
 * secret in a hostname is never resolved), path/query entropy, hostname exfiltration (subdomain entropy,
 * encoded labels, long label chains), and length. `checkResolved` is the SSRF check on the addresses DNS
 * returned (the transport then connects only to those: DNS pinning).
 */
import type { Finding, Mode, Severity } from "../../services/Verdict.ts"
import { tryBase32, tryBase64, tryHex, urlDecodeLayers } from "./decode.ts"
import { type CompiledDlp, scanUrl } from "./dlp.ts"
import { matchDomain, matchesAny, registrableLabels } from "./domain.ts"
import { shannon } from "./entropy.ts"
import { type AddressClass, type Cidr, classifyAddress, formatIp, inCidr, type Ip, parseCidr, parseIp } from "./ip.ts"

export interface UrlRuleOptions {
  readonly mode: Mode
  readonly apiAllowlist: ReadonlyArray<string>
  readonly blocklist: ReadonlyArray<string>
  readonly maxUrlLength: number
  readonly entropyThreshold: number
  readonly subdomainEntropyThreshold: number
  readonly subdomainEntropyExclusions: ReadonlyArray<string>
  readonly trustedDomains: ReadonlyArray<string>
  /** SSRF ranges (`internal`); the core ranges are always added. */
  readonly internal: ReadonlyArray<string>
  readonly ipAllowlist: ReadonlyArray<string>
  readonly dlp: CompiledDlp
}

export interface CompiledUrlRules extends UrlRuleOptions {
  readonly internalCidrs: ReadonlyArray<Cidr>
  readonly allowCidrs: ReadonlyArray<Cidr>
}

const CORE_RANGES = [
  "0.0.0.0/8", "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10",
  "::1/128", "::/128", "fc00::/7", "fe80::/10"
]

export const compileUrlRules = (o: UrlRuleOptions): CompiledUrlRules => ({
  ...o,
  internalCidrs: [...new Set([...CORE_RANGES, ...o.internal])].map(parseCidr).filter((c): c is Cidr => c !== undefined),
  allowCidrs: o.ipAllowlist.map(parseCidr).filter((c): c is Cidr => c !== undefined)
})

const finding = (scanner: Finding["scanner"], rule: string, severity: Severity, location: string, message: string, evidence = ""): Finding =>
  ({ scanner, rule, severity, location, evidence, message, action: "block" })

const CRLF = /%0d|%0a|%250d|%250a|[\r\n]/i
/** `..` as a whole path segment, in any encoding, between `/` `\` (raw or encoded) or at the end. */
/** A cheap superset of what TRAVERSAL can match: two dots, or a percent-encoded dot (`%2e`, `%252e`, `%25252e`…). */
const MAYBE_TRAVERSAL = /\.\.|%(?:25)*2e/i
const TRAVERSAL = /(?:^|\/|\\|%2f|%5c)(?:\.|%2e|%252e){2}(?:\/|\\|%2f|%5c|$)/i

/** Why an address may not be reached: `undefined` when it is a public address. */
export const internalReason = (rules: CompiledUrlRules, ip: Ip): AddressClass | undefined => {
  if (rules.allowCidrs.some((c) => inCidr(ip, c))) return undefined
  const cls = classifyAddress(ip)
  if (cls === "metadata") return cls
  if (rules.internalCidrs.some((c) => inCidr(ip, c))) return cls === "public" ? "private" : cls
  return cls === "public" || cls === "reserved" ? undefined : cls
}

const ssrfFinding = (host: string, address: string, cls: AddressClass, location: string): Finding =>
  finding("ssrf", cls === "metadata" ? "ssrf_cloud_metadata" : `ssrf_${cls}`, "critical", location,
    `${host} resolves to ${cls.replace("_", "-")} address ${address}`, address)

/**
 * Hostnames of cloud metadata services: refused by name, before DNS and whatever trusted_domains says (they
 * resolve to link-local metadata addresses, or to whatever a poisoned resolver says).
 */
const METADATA_HOSTS = [
  "metadata.google.internal", "metadata.goog", "instance-data.ec2.internal", "metadata.azure.com",
  "metadata.oraclecloud.com", "metadata.packet.net", "metadata.platformequinix.com", "metadata.tencentyun.com"
]

/** Names that always mean loopback (RFC 6761 `localhost`, and public names that resolve to 127.0.0.1). */
const LOOPBACK_NAMES = ["localhost", "localtest.me", "lvh.me", "vcap.me", "lacolhost.com", "localhost.localdomain", "ip6-localhost", "ip6-loopback"]
/** Wildcard DNS services that answer with the address written in the name (`10.0.0.5.nip.io`, `10-0-0-5.sslip.io`). */
const WILDCARD_IP_DNS = ["nip.io", "sslip.io", "xip.io", "traefik.me", "nip.direct", "backname.io", "localip.dev"]
/** DNS-rebinding test services whose answers alternate between two addresses written as hex labels. */
const REBINDING_DNS = ["rbndr.us", "rebind.network", "1u.ms"]

const hexIPv4 = (label: string): Ip | undefined =>
  /^[0-9a-f]{8}$/.test(label) ? { family: 4, value: parseInt(label, 16) >>> 0 } : undefined

/**
 * The addresses a hostname names by itself, before any DNS: loopback names, wildcard-IP DNS names and
 * rebinding-service names. They are judged as the addresses they spell before any DNS query is made
 * (a trusted domain may still reach them, as after DNS; ssrf.ip_allowlist applies).
 */
const LOOPBACK_SUFFIXES = LOOPBACK_NAMES.map((n) => `.${n}`)
const WILDCARD_SUFFIXES = WILDCARD_IP_DNS.map((n) => `.${n}`)
const REBINDING_SUFFIXES = REBINDING_DNS.map((n) => `.${n}`)

/** `host` lowercased without a trailing dot (a parsed URL's hostname is already lowercase: no copy then). */
const canonicalHost = (host: string): string => {
  const h = host.endsWith(".") ? host.slice(0, -1) : host
  for (let i = 0; i < h.length; i++) {
    const c = h.charCodeAt(i)
    if ((c >= 65 && c <= 90) || c > 127) return h.toLowerCase()
  }
  return h
}

export const nameImpliedAddresses = (host: string): Ip[] => {
  const h = canonicalHost(host)
  for (let i = 0; i < LOOPBACK_NAMES.length; i++) if (h === LOOPBACK_NAMES[i] || h.endsWith(LOOPBACK_SUFFIXES[i])) return [{ family: 4, value: 0x7f000001 }]
  if (!WILDCARD_SUFFIXES.some((s) => h.endsWith(s)) && !REBINDING_SUFFIXES.some((s) => h.endsWith(s))) return []
  const labels = h.split(".")
  for (const suffix of WILDCARD_IP_DNS) {
    if (!h.endsWith(`.${suffix}`)) continue
    const head = labels.slice(0, labels.length - suffix.split(".").length)
    const dotted = head.slice(-4).join(".")
    const ip = parseIp(dotted) ?? (head.length > 0 ? parseIp((/(\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3})$/.exec(head[head.length - 1])?.[1] ?? "").split("-").join(".")) ?? hexIPv4(head[head.length - 1]) : undefined)
    if (ip !== undefined) return [ip]
  }
  for (const suffix of REBINDING_DNS) {
    if (!h.endsWith(`.${suffix}`)) continue
    return labels.map(hexIPv4).filter((ip): ip is Ip => ip !== undefined)
  }
  return []
}

export const isMetadataHost = (host: string): boolean => {
  const h = canonicalHost(host)
  return METADATA_HOSTS.includes(h) || h.endsWith(".metadata.google.internal")
}

/**
 * A label made of words and numbers (`my-api-prod-1234567890`, `us-west-2`, `feature-checkout`): names
 * people chose, whatever their character entropy. Encoded data does not split into pronounceable tokens.
 */
export const wordLikeLabel = (label: string): boolean => {
  const tokens = label.toLowerCase().split("-")
  if (tokens.length < 2) return false
  const word = (t: string) => /^[a-z]{1,14}$/.test(t) && (t.length <= 3 || /[aeiouy]/.test(t))
  // One short commit-hash-like token is allowed beside words (`feature-login-a1b2c3d`).
  let hashes = 0
  const ok = tokens.every((t) => t === "" || /^\d{1,12}$/.test(t) || word(t) || /^[a-z]{1,3}\d{1,2}$/.test(t) || (/^[0-9a-f]{6,12}$/.test(t) && ++hashes <= 1))
  return ok && tokens.some((t) => word(t) && t.length >= 3)
}

/** The hostname-exfiltration checks: high-entropy, encoded or chained subdomain labels. */
const NO_FINDINGS: Finding[] = []

const hostnameFindings = (rules: CompiledUrlRules, host: string, ip: Ip | undefined): Finding[] => {
  if (ip !== undefined) return NO_FINDINGS
  // Fewer than three labels: no subdomain to judge.
  const firstDot = host.indexOf(".")
  if (firstDot < 0 || host.indexOf(".", firstDot + 1) < 0) return NO_FINDINGS
  if (matchesAny(host, rules.subdomainEntropyExclusions)) return NO_FINDINGS
  const labels = host.split(".")
  const sub = labels.slice(0, labels.length - registrableLabels(host))
  const out: Finding[] = []
  for (const label of sub) {
    if (label.length >= 8 && !wordLikeLabel(label) && shannon(label) > rules.subdomainEntropyThreshold) {
      out.push(finding("entropy", "subdomain_entropy", "high", "url.host", `high-entropy subdomain label (${shannon(label).toFixed(2)} bits/char)`, label.slice(0, 4) + "…"))
      break
    }
    if (label.length >= 12) {
      const decoded = tryHex(label) ?? tryBase32(label) ?? (/[A-Z]/.test(label) || /[_-]/.test(label) ? tryBase64(label) : undefined)
      if (decoded !== undefined && /[a-z]{3}/i.test(decoded)) {
        out.push(finding("entropy", "encoded_subdomain", "high", "url.host", "a subdomain label decodes to text (data smuggled in DNS)", label.slice(0, 4) + "…"))
        break
      }
    }
  }
  const long = sub.filter((l) => l.length >= 8)
  const total = sub.reduce((n, l) => n + l.length, 0)
  if (long.length >= 4 || (sub.length >= 4 && total >= 48) || sub.length >= 8) {
    out.push(finding("entropy", "subdomain_label_chain", "high", "url.host", `${sub.length} subdomain labels (${total} chars): data split across DNS labels`))
  } else if (out.length === 0) {
    // Data split over a few labels, each too short to judge alone: the random-looking labels joined.
    const joined = sub.filter((l) => l.length >= 6 && !wordLikeLabel(l)).join("")
    if (joined.length >= 32 && /\d.*\d/.test(joined) && shannon(joined) > rules.subdomainEntropyThreshold + 0.25) {
      out.push(finding("entropy", "subdomain_entropy", "high", "url.host", `high-entropy subdomain labels (${shannon(joined).toFixed(2)} bits/char over ${joined.length} chars)`, joined.slice(0, 4) + "…"))
    }
  }
  return out
}

const entropyFindings = (rules: CompiledUrlRules, url: URL): Finding[] => {
  const out: Finding[] = []
  const threshold = rules.entropyThreshold
  const check = (value: string, location: string) => {
    if (value.length < 20) return
    const h = shannon(value)
    if (h > threshold) out.push(finding("entropy", "url_entropy", "high", location, `high-entropy value (${h.toFixed(2)} bits/char) in ${location}`, value.slice(0, 4) + "…"))
  }
  if (!matchesAny(url.hostname, rules.subdomainEntropyExclusions)) {
    for (const seg of url.pathname.split("/")) {
      // Decoding only shortens a segment: one under the length judged is skipped before it is decoded.
      if (seg.length < 20) continue
      let s = seg
      try {
        s = decodeURIComponent(seg)
      } catch {
        // the raw segment
      }
      check(s, "url.path")
      if (out.length > 0) return out
    }
  }
  if (url.search.length < 2) return out
  for (const [k, v] of url.searchParams) {
    // Three or more rounds of percent-encoding have no legitimate use: an evasion in itself.
    if (v.includes("%") && urlDecodeLayers(v).length >= 2) {
      out.push(finding("url", "multi_layer_encoding", "high", `url.query.${k}`, "a query value percent-encoded three or more times"))
      break
    }
    check(k, `url.query.${k}`)
    check(v, `url.query.${k}`)
    if (out.length > 0) break
  }
  return out
}

/**
 * Everything that can be judged before DNS. Returns the parsed URL (when it parses) and the findings; an
 * IP-literal host is classified here too.
 */
export const checkUrl = (rules: CompiledUrlRules, rawUrl: string): { url?: URL; findings: Finding[] } => {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return { findings: [finding("url", "parse_error", "high", "url", "the URL does not parse")] }
  }
  const findings: Finding[] = []
  const scheme = url.protocol
  if (scheme !== "http:" && scheme !== "https:" && scheme !== "ws:" && scheme !== "wss:") {
    return { url, findings: [finding("url", "scheme", "high", "url", `scheme ${scheme} is not allowed (http and https only)`)] }
  }
  const hash = rawUrl.indexOf("#")
  const beforeFragment = hash < 0 ? rawUrl : rawUrl.slice(0, hash)
  if (CRLF.test(beforeFragment)) findings.push(finding("url", "crlf_injection", "high", "url", "CR/LF in the URL (header injection)"))
  // Traversal needs two dots, plain or percent-encoded (at any depth): URLs without any skip the path work.
  if (MAYBE_TRAVERSAL.test(beforeFragment)) {
    const rawPath = beforeFragment.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").split("?")[0]
    if (TRAVERSAL.test(rawPath) || TRAVERSAL.test(rawPath.replace(/%25/gi, "%"))) findings.push(finding("url", "path_traversal", "high", "url.path", "path traversal (..) in the URL"))
  }
  const host = url.hostname.charCodeAt(0) === 0x5b ? url.hostname.replace(/^\[|\]$/g, "") : url.hostname
  if (rules.mode === "strict" && !matchesAny(host, rules.apiAllowlist)) {
    findings.push(finding("allowlist", "not_in_api_allowlist", "high", "url.host", `${host} is not in api_allowlist (strict mode)`))
  }
  const ip = parseIp(host)
  if (isMetadataHost(host)) findings.push(finding("ssrf", "ssrf_cloud_metadata", "critical", "url.host", `${host} is a cloud metadata service`, host))
  // A name that spells its own address is judged by it before DNS, unless the operator trusts that name.
  const trusted = rules.trustedDomains.length > 0 && rules.trustedDomains.some((d) => matchDomain(host, d))
  if (ip === undefined && !trusted) {
    for (const implied of nameImpliedAddresses(host)) {
      const cls = internalReason(rules, implied)
      if (cls !== undefined) {
        findings.push(ssrfFinding(host, formatIp(implied), cls, "url.host"))
        break
      }
    }
  }
  const blocked = rules.blocklist.find((p) => matchDomain(host, p))
  if (blocked !== undefined) findings.push(finding("blocklist", "blocklist", "critical", "url.host", `${host} is on the blocklist (${blocked})`))
  if (ip !== undefined && !trusted) {
    const cls = internalReason(rules, ip)
    if (cls !== undefined) findings.push(ssrfFinding(host, formatIp(ip), cls, "url.host"))
  } else if (ip !== undefined && classifyAddress(ip) === "metadata") {
    findings.push(ssrfFinding(host, formatIp(ip), "metadata", "url.host"))
  }
  findings.push(...scanUrl(rules.dlp, url, { host }))
  findings.push(...entropyFindings(rules, url))
  findings.push(...hostnameFindings(rules, host, ip))
  if (rules.maxUrlLength > 0 && rawUrl.length > rules.maxUrlLength) {
    findings.push(finding("url", "url_length", "high", "url", `URL is ${rawUrl.length} characters (max_url_length ${rules.maxUrlLength})`))
  }
  return { url, findings }
}

/**
 * SSRF after DNS: any resolved address in an internal range blocks, unless the host is a trusted domain
 * (never for cloud-metadata addresses) or the address is in `ssrf.ip_allowlist`.
 */
export const checkResolved = (rules: CompiledUrlRules, host: string, addresses: ReadonlyArray<string>): Finding[] => {
  const trusted = rules.trustedDomains.some((d) => matchDomain(host, d))
  const out: Finding[] = []
  for (const a of addresses) {
    const ip = parseIp(a)
    if (ip === undefined) {
      out.push(finding("ssrf", "unparseable_address", "critical", "url.host", `${host} resolved to an unparseable address`))
      continue
    }
    const cls = internalReason(rules, ip)
    if (cls === undefined) continue
    if (trusted && cls !== "metadata") continue
    out.push(ssrfFinding(host, formatIp(ip), cls, "url.host"))
  }
  return out
}
