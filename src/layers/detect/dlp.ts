/**
 * The DLP core: finds secrets in text, in parts of a structured message, and in URLs.
 *
 * One RE2.Set over every pattern gives a single linear pass; only the patterns it reports are run again
 * to locate and validate matches. The text is also scanned in its decoded forms (percent-encoding applied
 * repeatedly, escapes, base64/base64url/hex/base32 runs, recursively to a bounded depth), and the values of
 * secret-looking environment variables of this process (raw and encoded), known secrets, canary tokens
 * and BIP-39 seed phrases are looked for. Pure and synchronous.
 */
import { PatternSet, RE2, type RE2Set } from "./re2.ts"
import { type Finding, redact, type Severity } from "../../services/Verdict.ts"
import { bech32Address, bip39Checksum, bip39Words, btcAddress, cardNumber, credentialValue, ethAddress, iban, aba, placeholderToken, wif } from "./checksums.ts"
import { decodeVariants, type Variant } from "./decode.ts"
import { decodable, type Gates, gatesFrom, GATE_SOURCES } from "./gates.ts"
import { matchDomain } from "./domain.ts"
import { coreDlpPatterns, type DlpPatternSpec, type Validator } from "./dlpPatterns.ts"
import { shannon } from "./entropy.ts"
import { forDlp, hasTagText, revealTags } from "./normalize.ts"

export interface DlpOptions {
  /** The merged catalogue (built-ins + user patterns); the core set is added here whatever it says. */
  readonly patterns: ReadonlyArray<DlpPatternSpec>
  readonly scanEnv: boolean
  readonly minEnvSecretLength: number
  readonly env: Readonly<Record<string, string | undefined>>
  readonly knownSecrets?: ReadonlyArray<string> | undefined
  readonly canaryTokens?: ReadonlyArray<{ readonly name: string; readonly value: string }> | undefined
  readonly seedPhrase: { readonly enabled: boolean; readonly minWords: number; readonly verifyChecksum: boolean }
  /** How deep decodings nest (base64 of hex of …). */
  readonly maxDecodeDepth?: number | undefined
}

export class DlpPatternError extends Error {
  readonly patternName: string
  constructor(patternName: string, message: string) {
    super(`DLP pattern "${patternName}": ${message}`)
    this.patternName = patternName
  }
}

interface Literal {
  readonly rule: string
  readonly severity: Severity
  readonly pass: string
}

export interface CompiledDlp {
  readonly specs: ReadonlyArray<DlpPatternSpec>
  readonly set: RE2Set
  readonly regexes: ReadonlyArray<RE2>
  /** Every literal to find (env secrets and their encodings, known secrets, canaries): one set, one pass. */
  readonly literalSet: RE2Set | undefined
  readonly literals: ReadonlyArray<Literal>
  readonly seed: DlpOptions["seedPhrase"]
  readonly maxDecodeDepth: number
  /** Names of environment variables whose values are watched (for diagnostics; never the values). */
  readonly envNames: ReadonlyArray<string>
  /** Patterns, literals, gates and the seed gate in one set: the clean path is one native pass. */
  readonly combined: RE2Set
  readonly literalBase: number
  readonly gateBase: number
  readonly seedIndex: number
}

/** One pass over a text: which patterns, literals and gates hit, and whether a seed phrase may be there. */
const firstPass = (c: CompiledDlp, input: string | Buffer) => {
  const hits = c.combined.match(input)
  const patterns: number[] = []
  const literals: number[] = []
  const gateHits = new Set<number>()
  let seed = false
  for (const i of hits) {
    if (i < c.literalBase) patterns.push(i)
    else if (i < c.gateBase) literals.push(i - c.literalBase)
    else if (i < c.seedIndex) gateHits.add(i - c.gateBase)
    else seed = true
  }
  return { patterns, literals, gates: gatesFrom(gateHits), seed }
}

export interface ScanContext {
  /** Destination host, for per-pattern `exempt_domains`. */
  readonly host?: string | undefined
}

// ---------------------------------------------------------------------------------------------
// Environment secrets
// ---------------------------------------------------------------------------------------------

/** Environment variables that hold paths and settings, never secrets (the Go list). */
const NOT_SECRET = new Set([
  "PWD", "OLDPWD", "HOME", "PATH", "TMPDIR", "TMP", "TEMP", "USER", "LOGNAME", "SHELL", "TERM", "TERM_PROGRAM", "LANG", "LANGUAGE",
  "EDITOR", "VISUAL", "PAGER", "GOPATH", "GOROOT", "GOBIN", "PYTHONPATH", "NODE_PATH", "PS1", "PS2", "PS3", "PS4", "HOSTNAME",
  "HOSTTYPE", "OSTYPE", "MACHTYPE", "SHLVL", "MAIL", "DISPLAY", "COLORTERM", "SSH_AUTH_SOCK", "SSH_CLIENT", "SSH_CONNECTION",
  "SSH_TTY", "MANPATH", "INFOPATH", "JAVA_HOME", "ANDROID_HOME", "CARGO_HOME", "RUSTUP_HOME", "NVM_DIR", "PYENV_ROOT",
  "VIRTUAL_ENV", "CONDA_PREFIX", "HISTFILE", "APPDATA", "LOCALAPPDATA", "PROGRAMFILES", "SYSTEMROOT", "WINDIR", "COMSPEC",
  "USERPROFILE", "HOMEDRIVE", "HOMEPATH", "PATHEXT", "NODE_OPTIONS", "NODE_ENV", "npm_config_nodedir", "NPM_CONFIG_NODEDIR",
  "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "HTTP_PROXY", "HTTPS_PROXY",
  "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "KUBERNETES_SERVICE_HOST", "KUBERNETES_PORT"
])

const encodingsOf = (value: string): Array<[string, string]> => {
  const b = Buffer.from(value, "utf8")
  const hex = b.toString("hex")
  const out: Array<[string, string]> = [
    [value, "env"],
    [b.toString("base64"), "env>base64"],
    [b.toString("base64").replace(/=+$/, ""), "env>base64"],
    [b.toString("base64url"), "env>base64url"],
    [hex, "env>hex"],
    [hex.toUpperCase(), "env>hex"],
    [encodeURIComponent(value), "env>url"]
  ]
  return out.filter(([s], i) => s.length > 0 && out.findIndex(([t]) => t === s) === i)
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&")

const envSecrets = (env: DlpOptions["env"], minLength: number): Array<{ name: string; value: string }> =>
  Object.entries(env)
    .filter((e): e is [string, string] => typeof e[1] === "string")
    .filter(([name, value]) =>
      !NOT_SECRET.has(name) && !name.startsWith("LC_") && !name.startsWith("XDG_") && !name.startsWith("npm_") &&
      value.length >= minLength && value.length <= 4096 && shannon(value) > 3.0 && !/^[\/~.]/.test(value))
    .map(([name, value]) => ({ name, value }))

// ---------------------------------------------------------------------------------------------
// Compile
// ---------------------------------------------------------------------------------------------

/** Compiles the catalogue; throws DlpPatternError naming a pattern RE2 cannot compile. */
export const compile = (opts: DlpOptions): CompiledDlp => {
  const byName = new Map<string, DlpPatternSpec>()
  for (const s of coreDlpPatterns) byName.set(s.name, s)
  for (const s of opts.patterns) byName.set(s.name, s)
  const specs = [...byName.values()]
  const sources = specs.map((s) => `(?i)${s.regex}`)
  const regexes = specs.map((s, i) => {
    try {
      return new RE2(sources[i], "gu")
    } catch (e) {
      throw new DlpPatternError(s.name, e instanceof Error ? e.message : String(e))
    }
  })
  const set = new PatternSet(sources, "u")

  const literalSources: string[] = []
  const literals: Literal[] = []
  const addLiteral = (text: string, lit: Literal) => {
    if (text.length < 6) return
    literalSources.push(escapeRe(text))
    literals.push(lit)
  }
  const env = opts.scanEnv ? envSecrets(opts.env, opts.minEnvSecretLength) : []
  for (const { name, value } of env) for (const [enc, pass] of encodingsOf(value)) addLiteral(enc, { rule: "Environment Variable Leak", severity: "critical", pass: `${pass}:${name}` })
  for (const secret of opts.knownSecrets ?? []) for (const [enc, pass] of encodingsOf(secret)) addLiteral(enc, { rule: "Known Secret Leak", severity: "critical", pass: pass.replace("env", "secret") })
  for (const c of opts.canaryTokens ?? []) for (const [enc, pass] of encodingsOf(c.value)) addLiteral(enc, { rule: `Canary Token: ${c.name}`, severity: "critical", pass: pass.replace("env", "canary") })
  const combinedSources = [...sources, ...literalSources, ...GATE_SOURCES, seedGateSource(opts.seedPhrase.minWords)]
  return {
    specs,
    set,
    regexes,
    literalSet: literalSources.length > 0 ? new PatternSet(literalSources, "u") : undefined,
    literals,
    seed: opts.seedPhrase,
    maxDecodeDepth: opts.maxDecodeDepth ?? 3,
    envNames: env.map((e) => e.name),
    combined: new PatternSet(combinedSources, "u"),
    literalBase: sources.length,
    gateBase: sources.length + literalSources.length,
    seedIndex: sources.length + literalSources.length + GATE_SOURCES.length
  }
}

// ---------------------------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------------------------

/**
 * A card number match may run into the next number (`3056 9309 0259 04 09/27`): the match, then each
 * prefix ending at a separator (14+ digits), from the longest.
 */
const cardCandidate = (m: string): boolean => {
  if (cardNumber(m)) return true
  for (let i = m.length - 1; i > 0; i--) {
    const ch = m[i]
    if (ch !== " " && ch !== "-" && ch !== ".") continue
    const prefix = m.slice(0, i)
    let digits = 0
    for (let j = 0; j < prefix.length; j++) if (prefix.charCodeAt(j) >= 48 && prefix.charCodeAt(j) <= 57) digits++
    if (digits < 14) break
    if (cardNumber(prefix)) return true
  }
  return false
}

const validators: Readonly<Record<Validator, (m: string) => boolean>> = {
  // A key id is random: a run of one or two repeated characters (padding in a base64 blob) is not one.
  awsKeyId: (m) => new Set(m.replace(/[^A-Z0-9]/g, "").slice(4)).size >= 6,
  luhn: cardCandidate,
  mod97: iban,
  aba,
  wif,
  eth: ethAddress,
  btc: btcAddress,
  bech32: bech32Address,
  fragment: (m) => {
    const body = m.replace(/^[\s\S]*?(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|sk-ant-|sk-proj-|sk-svcacct-|sk_live_|rk_live_|xox[bpras]-|xapp-|dop_v1_|hvs\.|sntrys_|lin_api_|gsk_|xai-|pcsk_|whsec_|shpat_|shpss_|AIzaSy|pypi-AgE|GOCSPX-)/i, "")
    if (/^(.)\1+$/.test(body) || /x{4,}|\*{3,}|your|example|placeholder|token|here|redacted|dummy|fake/i.test(body)) return false
    // A fragment is random: letters with digits (or long); `gsk_config_name` is an identifier.
    if (!(/[0-9]/.test(body) && /[A-Za-z]/.test(body)) && body.length < 16) return false
    return credentialValue(body)
  },
  credential: (m) => {
    const value = m.replace(/^[\s\S]*?[:=]\s*["']?/, "").replace(/^[\s\S]*?\/\/[^:]*:/, "").replace(/@.*$/, "")
    return credentialValue(value)
  }
}

const exempt = (spec: DlpPatternSpec, host: string | undefined) =>
  host !== undefined && (spec.exempt_domains ?? []).some((d) => matchDomain(host, d))


const patternFindings = (c: CompiledDlp, text: string, location: string, pass: string, ctx: ScanContext, out: Finding[], bytes?: Buffer, known?: ReadonlyArray<number>) => {
  const hits = known ?? c.set.match(bytes ?? text)
  for (const i of hits) {
    const spec = c.specs[i]
    if (exempt(spec, ctx.host)) continue
    const re = c.regexes[i]
    re.lastIndex = 0
    const validate = spec.validator === undefined ? undefined : validators[spec.validator]
    let m: RegExpExecArray | null
    // Every match is validated until one passes: matches do not overlap, so the work stays linear, and a cap
    // would let a secret hide behind enough look-alikes that fail validation (64 Luhn-failing numbers before
    // a card number).
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++
        continue
      }
      if (validate !== undefined && !validate(m[0])) continue
      if (validate === undefined && placeholderToken(m[0])) continue
      out.push({
        scanner: "dlp",
        rule: spec.name,
        severity: spec.severity,
        location,
        evidence: redact(m[0]),
        message: `${spec.name} found`,
        pass,
        action: spec.action
      })
      break
    }
  }
}

const literalFindings = (c: CompiledDlp, text: string, location: string, via: string, out: Finding[], bytes?: Buffer, known?: ReadonlyArray<number>) => {
  if (c.literalSet === undefined) return
  for (const i of known ?? c.literalSet.match(bytes ?? text)) {
    const lit = c.literals[i]
    const env = lit.pass.split(":")[1]
    out.push({
      scanner: "dlp",
      rule: lit.rule,
      severity: lit.severity,
      location,
      evidence: env === undefined ? "[redacted]" : `value of $${env} [redacted]`,
      message: lit.rule === "Environment Variable Leak" ? `the value of the environment variable ${env} is leaving` : `${lit.rule} found`,
      pass: via === "raw" ? lit.pass.split(":")[0] : `${via}>${lit.pass.split(":")[0]}`
    })
  }
}

/**
 * Characters that separate the words of a phrase: whitespace, digits (numbered lists), the punctuation of
 * lists and JSON, and the separators of URLs and forms (`=` `&` `/` `?` `+`). Not `_` `<` `>` `*` and the
 * like: code joins identifiers with them, and 12 list words in a row then pass the checksum one time in 16.
 */
const isSeedSeparator = (c: number) =>
  (c >= 48 && c <= 57) || c === 46 || c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 45 || c === 124 || c === 59 || c === 58 || c === 34 ||
  c === 39 || c === 91 || c === 93 || c === 123 || c === 125 || c === 40 || c === 41 || c === 61 || c === 38 || c === 47 || c === 63 || c === 43

const seedGateSource = (minWords: number) => `(?i)(?:\\b[a-z]{3,8}[\\s,|;:.()\\d\\[\\]{}"'=&/?+-]+){${minWords - 1}}[a-z]{3,8}\\b`
const seedGates = new Map<number, RE2>()
const seedGate = (minWords: number): RE2 => {
  let g = seedGates.get(minWords)
  if (g === undefined) {
    g = new RE2(seedGateSource(minWords), "u")
    seedGates.set(minWords, g)
  }
  return g
}

/** Three-letter prefixes of the BIP-39 words, so most other words are rejected without slicing them. */
const SEED_PREFIX = (() => {
  const bits = new Uint8Array(26 * 26 * 26)
  for (const w of bip39Words) bits[(w.charCodeAt(0) - 97) * 676 + (w.charCodeAt(1) - 97) * 26 + (w.charCodeAt(2) - 97)] = 1
  return bits
})()
const lower = (c: number) => (c | 32) - 97

/** BIP-39 seed phrases: runs of ≥ minWords English-list words; with verify_checksum, a window must check out. */
export const seedPhrase = (text: string, seed: DlpOptions["seedPhrase"], bytes?: Buffer): string | undefined => {
  if (!seed.enabled || text.length < seed.minWords * 3) return undefined
  // Gate: a run of minWords words of 3–8 letters (list words all are). Prose rarely has one: its short
  // words ("a", "to", "of") break runs. Only then are the words looked up.
  if (!seedGate(seed.minWords).test(bytes ?? text)) return undefined
  const check = (words: string[]): string | undefined => {
    if (words.length < seed.minWords) return undefined
    const sizes = [24, 21, 18, 15, 12].filter((n) => n >= seed.minWords && n <= words.length)
    for (const size of sizes) {
      for (let start = 0; start + size <= words.length && start < 64; start++) {
        const w = words.slice(start, start + size)
        if (!seed.verifyChecksum || bip39Checksum(w)) return w.join(" ")
      }
    }
    return undefined
  }
  // One pass over the characters: a token is a run of letters between separators; only tokens of 3–8
  // letters can be list words, so nothing else is sliced or looked up.
  let run: string[] = []
  let start = -1
  let letters = true
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32
    if (isSeedSeparator(c)) {
      if (start !== -1) {
        const len = i - start
        const word = letters && len >= 3 && len <= 8 &&
            SEED_PREFIX[lower(text.charCodeAt(start)) * 676 + lower(text.charCodeAt(start + 1)) * 26 + lower(text.charCodeAt(start + 2))] === 1
          ? text.slice(start, i).toLowerCase()
          : undefined
        if (word !== undefined && bip39Words.has(word)) run.push(word)
        else {
          if (run.length >= seed.minWords) {
            const found = check(run)
            if (found !== undefined) return found
          }
          if (run.length > 0) run = []
        }
      }
      start = -1
      letters = true
    } else {
      if (start === -1) start = i
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) letters = false
    }
  }
  return check(run)
}

const seedFindings = (c: CompiledDlp, text: string, location: string, pass: string, out: Finding[], bytes?: Buffer) => {
  const phrase = seedPhrase(text, c.seed, bytes)
  if (phrase !== undefined) {
    out.push({
      scanner: "dlp", rule: "BIP-39 Seed Phrase", severity: "critical", location, pass,
      evidence: `${phrase.split(" ")[0]} … [redacted ${phrase.split(" ").length} words]`,
      message: "a wallet seed phrase (BIP-39) is leaving"
    })
  }
}

const dedupe = (findings: Finding[]): Finding[] => {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const k = `${f.rule}\u0000${f.location}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** The texts to scan for one input: raw, normalised, and decoded variants. */
const views = (c: CompiledDlp, text: string, g: Gates): Variant[] => {
  const out: Variant[] = []
  if (g.nonAscii) {
    const norm = forDlp(text)
    if (norm !== text) out.push({ text: norm, pass: "normalized" })
    if (hasTagText(text)) out.push({ text: forDlp(revealTags(text).replace(/ /g, "")), pass: "unicode-tags" })
  }
  if (g.grouped) {
    const joined = text.replace(GROUPED, (run: string) => run.split(" ").join("").split("-").join(""))
    if (joined !== text) out.push({ text: joined, pass: "grouped" })
  }
  if (decodable(g, text)) out.push(...decodeVariants(text, { maxDepth: c.maxDecodeDepth, maxVariants: 24, maxChars: 512 * 1024 }))
  return out
}

/** Upper-case/digit groups of four separated by a space or dash (a key written for readability). */
const GROUPED = new RE2("\\b(?:[A-Z0-9]{4}[ -]){3,}[A-Z0-9]{2,8}\\b", "gu")

/** Secrets in one text. `location` names where it was (`body`, `header:authorization`, `params.arguments.cmd`). */
export const scanText = (c: CompiledDlp, text: string, location: string, ctx: ScanContext = {}): Finding[] => {
  if (text.length === 0) return []
  const out: Finding[] = []
  // Long texts cross into RE2 once as UTF-8 bytes; the raw view is one combined pass.
  const bytes = text.length > 256 ? Buffer.from(text, "utf8") : undefined
  const first = firstPass(c, bytes ?? text)
  if (first.patterns.length > 0) patternFindings(c, text, location, "raw", ctx, out, bytes, first.patterns)
  if (first.literals.length > 0) literalFindings(c, text, location, "raw", out, bytes, first.literals)
  if (first.seed) seedFindings(c, text, location, "raw", out, bytes)
  for (const v of views(c, text, first.gates)) {
    patternFindings(c, v.text, location, v.pass, ctx, out)
    literalFindings(c, v.text, location, v.pass, out)
    seedFindings(c, v.text, location, v.pass, out)
  }
  return dedupe(out)
}

/**
 * Secrets in the parts of a structured message (JSON values, MCP arguments, query values): each part
 * alone, then the parts joined, so a secret split across fields is still found.
 */
export const scanParts = (c: CompiledDlp, parts: ReadonlyArray<{ readonly location: string; readonly value: string }>, ctx: ScanContext = {}): Finding[] =>
  scanValues(c, parts.map((p) => p.value), () => parts, ctx)

/**
 * The same over a list of values whose locations are only worked out when something is found (building a
 * path string per JSON field costs more than scanning a clean message).
 */
const scanValues = (
  c: CompiledDlp,
  values: ReadonlyArray<string>,
  located: () => ReadonlyArray<{ readonly location: string; readonly value: string }>,
  ctx: ScanContext
): Finding[] => {
  if (values.length === 0) return []
  if (values.length === 1) return scanText(c, values[0], located()[0]?.location ?? "value", ctx)
  // One pass over all the values (newline-separated); only when it finds something are the parts scanned
  // one by one, to say where. A clean message costs a few native calls, not one per field.
  const overall = scanText(c, values.join("\n"), "joined", ctx)
  const out: Finding[] = []
  if (overall.length > 0) {
    for (const p of located().slice(0, 4096)) out.push(...scanText(c, p.value, p.location, ctx))
    const seen = new Set(out.map((f) => f.rule))
    out.push(...overall.filter((f) => !seen.has(f.rule)))
  }
  // Secrets split across fields: the values concatenated without a separator (all, and adjacent pairs).
  const short = values.slice(0, 64).filter((v) => v.length > 0 && v.length < 4096)
  if (short.length >= 2) {
    const found = new Set(out.map((f) => f.rule))
    const glued: string[] = [short.join("")]
    for (let i = 0; i + 1 < short.length; i++) glued.push(short[i] + short[i + 1])
    const joinedFindings: Finding[] = []
    patternFindings(c, glued.join("\n"), "joined", "joined", ctx, joinedFindings)
    out.push(...joinedFindings.filter((f) => !found.has(f.rule)))
  }
  return dedupe(out)
}

const NOISE = /[./ \t\n\r+,;|]/g

/**
 * Secrets in a URL: the whole URL, the decoded path and its segments, every query key and value (decoded
 * and with separator noise stripped), the values joined in order, and the hostname without its dots (a
 * secret split across subdomain labels).
 */
export const scanUrl = (c: CompiledDlp, url: URL, ctx: ScanContext = {}): Finding[] => {
  const host = url.hostname
  const parts: Array<{ location: string; value: string }> = [{ location: "url", value: url.href }]
  let path = url.pathname
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    // keep the raw path: the raw form is scanned in full anyway
  }
  if (path !== url.pathname) parts.push({ location: "url.path", value: path })
  const values: string[] = []
  for (const [k, v] of url.searchParams) {
    if (parts.length > 256) break
    parts.push({ location: `url.query.${k}`, value: `${k}=${v}` })
    if (v.length >= 8) parts.push({ location: `url.query.${k}`, value: v.replace(NOISE, "") })
    if (v.length >= 12 && v.includes("-")) parts.push({ location: `url.query.${k}`, value: v.replace(NOISE, "").split("-").join("") })
    values.push(v)
  }
  // Data split across path segments (`/a/<half>/<half>`): the long segments joined.
  const segments = path.split("/").filter((p) => p.length >= 8)
  if (segments.length >= 2 && segments.length <= 16) parts.push({ location: "url.path(joined)", value: segments.join("") })
  const labels = host.split(".")
  if (labels.length > 2) {
    const joined = labels.slice(0, -2).join("")
    parts.push({ location: "url.host", value: joined })
    // Host names are case-insensitive and arrive lower-cased: case-sensitive formats (AWS key ids) are looked
    // for in the upper-cased labels too.
    if (/[a-z]/.test(joined)) parts.push({ location: "url.host", value: joined.toUpperCase() })
  }
  if (url.username !== "" || url.password !== "") parts.push({ location: "url.userinfo", value: `${url.protocol}//${url.username}:${url.password}@${host}` })
  // The clean path: one pass over all targets together; only a hit (or something to decode) costs more.
  const all = parts.map((p) => p.value).join("\n")
  const first = firstPass(c, all)
  if (first.patterns.length === 0 && first.literals.length === 0 && !first.seed && !first.gates.nonAscii && !decodable(first.gates, all)) return []
  const out: Finding[] = []
  for (const p of parts) out.push(...scanText(c, p.value, p.location, { ...ctx, host }))
  if (values.length >= 2) {
    const found = new Set(out.map((f) => f.rule))
    const joined: Finding[] = []
    patternFindings(c, values.join(""), "url.query(joined)", "joined", { ...ctx, host }, joined)
    out.push(...joined.filter((f) => !found.has(f.rule)))
  }
  return dedupe(out)
}
