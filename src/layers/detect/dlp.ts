/**
 * The DLP core: finds secrets in text, in parts of a structured message, and in URLs.
 *
 * The catalogue (our formats, gitleaks' rules, the generic credential-assignment rules and the user's patterns)
 * is matched in one native pass over a text, whatever its size: one RE2 set of every rule keyword (lower-case
 * literals, matched case-insensitively), the secret literals (environment values, known secrets, canary tokens),
 * the few built-in rules that have no keyword (two of them as gates: WHOLE_GATES) and two cheap gates (grouped
 * keys, control bytes). Only the rules whose
 * keywords occur run, and only on windows of the text around the keyword (widened to whole tokens). When two
 * rules find the same secret, a specific format outranks a gitleaks rule, which outranks a generic assignment
 * rule; a secret claimed by a rule that is exempt for the destination host is exempt for all.
 *
 * The text is also scanned in its decoded forms (percent-encoding applied repeatedly, escapes,
 * base64/base64url/hex/base32 runs, recursively to a bounded depth), and BIP-39 seed phrases are looked for.
 * Pure and synchronous.
 */
import { isAscii } from "node:buffer"
import { PatternSet, RE2, type RE2Set } from "./re2.ts"
import { type Finding, redact, type Severity } from "../../services/Verdict.ts"
import { bech32Address, bip39Checksum, bip39Words, btcAddress, cardNumber, credentialValue, ethAddress, iban, aba, placeholderToken, wif } from "./checksums.ts"
import { decodeVariants, tryBase32, tryBase64, tryHex, unescapeEscapes, urlDecodeLayers, type Variant } from "./decode.ts"
import { GATE_SOURCES } from "./gates.ts"
import { once } from "./lazy.ts"
import { matchDomain } from "./domain.ts"
import { builtinDlpPatterns, coreDlpPatterns, CREDENTIAL_KEY_WORDS, gitleaksDlpPatterns, type DlpPatternSpec, type GitleaksAllowlist, type RuleKind, type Validator } from "./dlpPatterns.ts"
import { gitleaksGlobalAllowlist, gitleaksRules } from "./dlpGitleaks.ts"
import { sequentialBody, shannon } from "./entropy.ts"
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

/** A gitleaks allowlist, compiled. */
interface Allowlist {
  readonly and: boolean
  readonly target: "secret" | "match" | "line"
  readonly regexes: ReadonlyArray<RE2>
  /** The regexes in one set: whether any matches, in one call (one UTF-8 conversion of the target). */
  readonly anyRegex: ((target: string) => boolean) | undefined
  readonly stopwords: ReadonlyArray<string>
}

/** One rule, compiled. */
interface Rule {
  readonly spec: DlpPatternSpec
  /** Global (`g`): matches are walked with `exec`. */
  readonly re: RE2
  /** The source it compiles (`(?i)` added unless the rule is case-sensitive). */
  readonly source: string
  /** 0 format, 1 catalogue, 2 generic: the order rules claim secrets in (see `RuleKind`). */
  readonly rank: number
  /** Runs only where one of these occurs; none: runs from the whole-text set pass. */
  readonly keywords: ReadonlyArray<string>
  /** A match may reach far from its keyword (`(?s)`, `[\s\S]`, `.*`): the window runs to the end of the text. */
  readonly toEnd: boolean
  /**
   * Every match holds one of the keywords in its key name, followed by its operator across name characters,
   * quotes and blanks only (assignment-shaped rules): a keyword without an operator after it opens no window.
   */
  readonly keyThenOperator: boolean
  /** Its value is a token with a digit (gitleaks' generic rule): a keyword whose operator is not followed by one opens no window. */
  readonly tokenValue: boolean
  /** Its value is read by the `assignment` validator: a keyword whose operator is followed by no value opens no window. */
  readonly assignmentValue: boolean
  readonly gitleaks?: {
    readonly startsToken: boolean
    readonly secretGroup: number
    readonly entropy: number | undefined
    readonly generic: boolean
    readonly allowlists: ReadonlyArray<Allowlist>
  }
}

export interface CompiledDlp {
  readonly specs: ReadonlyArray<DlpPatternSpec>
  readonly rules: ReadonlyArray<Rule>
  /**
   * One set: the keywords (case-insensitive), the secret literals (env secrets and their encodings, known secrets,
   * canaries), the grouped-key gate, the control-byte gate, then the built-in rules without keywords.
   */
  readonly set: RE2Set
  /** Where the secret literals start in the set (after the keywords). */
  readonly literalBase: number
  readonly keywords: ReadonlyArray<string>
  /** Keyword index → the rules it triggers. */
  readonly keywordRules: ReadonlyArray<ReadonlyArray<number>>
  readonly literals: ReadonlyArray<Literal>
  readonly seed: DlpOptions["seedPhrase"]
  readonly maxDecodeDepth: number
  /** Names of environment variables whose values are watched (for diagnostics; never the values). */
  readonly envNames: ReadonlyArray<string>
  /** The grouped-key gate's index in the set (the control-byte gate is next, then the rules without keywords). */
  readonly gateBase: number
  /** Set index − gateBase − 2 → rule index, for the rules without keywords in the set. */
  readonly wholeRules: ReadonlyArray<number>
  /** The other rules without keywords (a user's patterns), in sets of their own; `apartRules` maps their indexes. */
  readonly apart: RE2Set | undefined
  readonly apartRules: ReadonlyArray<number>
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
// Gates for two keyword-less rules
// ---------------------------------------------------------------------------------------------

/**
 * Two rules without keywords made the set's DFA several times larger (their counted, unbounded repetitions of broad
 * classes combine with every other pattern's states): with them a set of the keyword-less rules cost about 35 µs
 * per 10 KB of Markdown, without them 16 µs. In the set each is stood for by a gate instead: a simpler regex that
 * matches every text the rule's regex matches (what every match of the rule must hold), adding ≈ 2 µs. Where the
 * gate matches, the rule runs over the whole text as before (its own regex decides), so findings are the same
 * (test/layers/detect/dlpPasses.test.ts checks each gate against its rule's regex). Keyed by the exact regex: a
 * user's pattern of the same name but another regex is in the set as it is.
 */
export const WHOLE_GATES: ReadonlyMap<string, string> = new Map([
  // Connection String Credentials: `scheme://user:password@host` has `://`, a user part, `:`, 3+ characters, `@`.
  ["\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/@]{0,64}:[^\\s:/@]{3,128}@[^\\s/]{3,}", "://[^\\s:/@]*:[^\\s:/@]{3}[^\\s:/@]*@"],
  // Discord Bot Token: its last two parts, a dot, six characters, a dot and 27+.
  ["[MN][A-Za-z0-9]{23,}\\.[A-Za-z0-9\\-_]{6}\\.[A-Za-z0-9\\-_]{27,}", "\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27}"]
])

// ---------------------------------------------------------------------------------------------
// Compile
// ---------------------------------------------------------------------------------------------

/**
 * A keyword that occurs everywhere (two letters, `s.`: `ey`, `sk`) narrows nothing: a rule that has one runs from
 * the whole-text set pass. Two characters with a digit or a rare sign among them (`0x`, `q~`) are a keyword.
 */
const usableKeyword = (k: string) => k.length >= 3 || (k.length === 2 && /[^a-z._-]/.test(k))

/**
 * The one gate DLP takes from GATE_SOURCES: upper-case/digit groups of four (a key written for readability). What
 * decoding and normalisation need is found by one JS pass over the bytes (`scanBytes`).
 */
const GROUPED_GATE = GATE_SOURCES[10]

/** Control bytes (tab, newline and carriage return aside): with `isAscii`, says whether a text has unusual bytes. */
const CONTROL_GATE = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"

const RANK: Readonly<Record<RuleKind, number>> = { format: 0, catalogue: 1, generic: 2 }

/** gitleaks' operator between a key name and its value (`=`, `:`, `=>`, `:=`, `||`, `?=`, `,`, `>`). */
const ASSIGNMENT_OP = "(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)"

/**
 * Whether a rule is assignment-shaped with its keywords in the key name: a built-in that says so, and a
 * gitleaks rule whose regex has gitleaks' operator with every keyword written before it (an optional group
 * such as `passw(?:or)?d` read both ways).
 */
const keyThenOperator = (s: DlpPatternSpec, keywords: ReadonlyArray<string>): boolean => {
  if (keywords.length === 0) return false
  if (s.keyThenOperator === true) return true
  const at = s.regex.indexOf(ASSIGNMENT_OP)
  if (s.gitleaks === undefined || at < 0) return false
  const head = s.regex.slice(0, at).toLowerCase()
  const heads = [head, head.replace(/\(\?:([a-z]+)\)\?/g, ""), head.replace(/\(\?:([a-z]+)\)\?/g, "$1")]
  return keywords.every((k) => heads.some((h) => h.includes(k)))
}

/** A regex whose match can run far from where its keyword is. */
const farReaching = (regex: string) => /\(\?[a-z]*s|\[\\s\\S|\[\\S\\s|(?:^|[^\\])\.(?:\*|\+|\{\d+,\})/.test(regex)

/**
 * Every rule regex compiled once per process (global flag; `lastIndex` is reset before each use): a reload or a
 * second snapshot reuses them, and a keyword rule compiles only when its keyword first occurs (the catalogue's
 * ~300 regexes take about 120 ms to compile, most of them never needed by a given deployment's traffic).
 */
const regexCache = new Map<string, RE2>()
const regexOf = (name: string, source: string): RE2 => {
  let re = regexCache.get(source)
  if (re === undefined) {
    try {
      re = new RE2(source, "gu")
    } catch (e) {
      throw new DlpPatternError(name, e instanceof Error ? e.message : String(e))
    }
    regexCache.set(source, re)
  }
  return re
}

/**
 * A rule's regex with its counted repetitions opened up (`{0,n}` → `*`, `{m,n}` → `{m,}`), for `test` only: it
 * matches wherever the rule does (and a little more), and RE2 runs it as a small DFA. The counts are what makes
 * some rules slow: gitleaks' generic rule (`[\w.-]{0,50}?…{0,20}…{10,150}`) has a DFA too large for RE2's
 * cache, which then falls back to a slower engine (0.6 ms per 10 KB of Markdown for one `test`, 0.04 ms opened
 * up). A window it does not match is skipped; the rule's own regex runs on the others.
 */
export const openCounts = (source: string): string =>
  source
    .replace(/(?<!\\)\{(\d+),(\d+)\}/g, (_m, min: string) => (min === "0" ? "*" : `{${min},}`))
    // A leading optional run (`[\w.-]{0,50}?`) changes nothing for an unanchored test; it only grows the DFA.
    .replace(/^(\(\?[a-z]+\))?\[(?:[^\]\\]|\\.)*\]\*\??/, "$1")

const testers = new Map<string, RE2>()
const testerOf = (rule: Rule): RE2 => {
  let re = testers.get(rule.source)
  if (re === undefined) {
    const open = openCounts(rule.source)
    try {
      re = new RE2(open, "u")
    } catch {
      re = new RE2(rule.source, "u")
    }
    testers.set(rule.source, re)
  }
  return re
}

const compiledAllowlists = new WeakMap<GitleaksAllowlist, Allowlist>()
const allowlistOf = (a: GitleaksAllowlist): Allowlist => {
  let c = compiledAllowlists.get(a)
  if (c === undefined) {
    const regexes = (a.regexes ?? []).map((r) => new RE2(r, "u"))
    let anyRegex: ((target: string) => boolean) | undefined
    if (regexes.length === 1) anyRegex = (t) => regexes[0].test(t)
    else if (regexes.length > 1) {
      const set = new RE2.Set(a.regexes ?? [], "u")
      anyRegex = (t) => set.test(t)
    }
    c = {
      and: a.condition === "AND",
      target: a.regexTarget ?? "secret",
      regexes,
      anyRegex,
      stopwords: a.stopwords ?? []
    }
    compiledAllowlists.set(a, c)
  }
  return c
}
const GLOBAL_ALLOWLIST = allowlistOf(gitleaksGlobalAllowlist)

/** The regexes of the built-in catalogue (ours, the core set and gitleaks'). */
const BUILTIN_REGEXES: ReadonlySet<string> = new Set([...builtinDlpPatterns, ...coreDlpPatterns, ...gitleaksDlpPatterns].map((p) => p.regex))

/**
 * Keys gitleaks lists by value as documented and public (its allowlists name them literally, such as the
 * Google API keys in Firebase samples): not a secret whichever rule finds them.
 */
const KNOWN_PUBLIC: ReadonlyArray<string> = gitleaksRules
  .flatMap((r) => r.allowlists ?? [])
  .flatMap((a) => a.regexes ?? [])
  .filter((r) => /^[A-Za-z0-9_-]{20,}$/.test(r))

/** Compiles the catalogue; throws DlpPatternError naming a pattern RE2 cannot compile. */
export const compile = (opts: DlpOptions): CompiledDlp => {
  const byName = new Map<string, DlpPatternSpec>()
  for (const s of coreDlpPatterns) byName.set(s.name, s)
  for (const s of opts.patterns) byName.set(s.name, s)
  const specs = [...byName.values()]
  const rules: Rule[] = specs.map((s) => {
    const source = s.caseSensitive === true ? s.regex : `(?i)${s.regex}`
    const keywords = s.keywords ?? []
    const usable = keywords.length > 0 && keywords.every(usableKeyword)
    // A rule without keywords is compiled now (it is in the whole-text set, and a user's pattern that does not
    // compile is named here); a keyword rule (the built-in catalogue) when its keyword first occurs.
    if (!usable) regexOf(s.name, source)
    const g = s.gitleaks
    let allowlists: ReadonlyArray<Allowlist> | undefined
    return {
      spec: s,
      source,
      get re() {
        return regexOf(s.name, source)
      },
      rank: RANK[s.kind ?? "format"],
      keywords: usable ? keywords.map((k) => k.toLowerCase()) : [],
      toEnd: farReaching(s.regex),
      keyThenOperator: keyThenOperator(s, usable ? keywords.map((k) => k.toLowerCase()) : []),
      tokenValue: s.kind === "generic" && g?.entropy !== undefined && g.entropy > 0,
      assignmentValue: s.validator === "assignment",
      gitleaks: g === undefined ? undefined : {
        startsToken: g.startsToken === true,
        secretGroup: g.secretGroup ?? 0,
        entropy: g.entropy,
        generic: s.kind === "generic",
        get allowlists() {
          allowlists ??= [...(g.allowlists ?? []).map(allowlistOf), GLOBAL_ALLOWLIST]
          return allowlists
        }
      }
    }
  })

  const keywordIndex = new Map<string, number>()
  const keywordRules: number[][] = []
  rules.forEach((r, i) => {
    for (const k of r.keywords) {
      let at = keywordIndex.get(k)
      if (at === undefined) {
        at = keywordRules.length
        keywordIndex.set(k, at)
        keywordRules.push([])
      }
      if (!keywordRules[at].includes(i)) keywordRules[at].push(i)
    }
  })
  const keywords = [...keywordIndex.keys()]

  const literalSources: string[] = keywords.map((k) => `(?i)${escapeRe(k)}`)
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

  const keywordless = rules.flatMap((r, i) => (r.keywords.length === 0 ? [i] : []))
  // The built-in rules without keywords join the keywords in one set: a set pass costs ≈ 15 µs per 10 KB whatever it
  // holds, and these few grow its DFA little (keywords alone 20 µs per 10 KB of Markdown, with them 27; as two sets
  // 20 + 16). A user's pattern without keywords could be anything: those stay in sets of their own, as before.
  // Seed phrases are looked for by one pass in JS over the bytes (`seedSpans`).
  const builtinWhole = keywordless.filter((i) => BUILTIN_REGEXES.has(rules[i].spec.regex))
  const wholeRules = builtinWhole.length <= 12 ? builtinWhole : []
  const apartRules = keywordless.filter((i) => !wholeRules.includes(i))
  const sourceOf = (i: number) => rules[i].source
  // Two rules are stood for by their gates (WHOLE_GATES).
  const setSources = [...literalSources, GROUPED_GATE, CONTROL_GATE, ...wholeRules.map((i) => WHOLE_GATES.get(rules[i].spec.regex) ?? sourceOf(i))]
  return {
    specs,
    rules,
    set: new PatternSet(setSources, "u", setSources.length),
    literalBase: keywords.length,
    keywords,
    keywordRules,
    literals,
    seed: opts.seedPhrase,
    maxDecodeDepth: opts.maxDecodeDepth ?? 3,
    envNames: env.map((e) => e.name),
    gateBase: literalSources.length,
    wholeRules,
    apart: apartRules.length > 0 ? new PatternSet(apartRules.map(sourceOf), "u", 12) : undefined,
    apartRules
  }
}

// ---------------------------------------------------------------------------------------------
// Validation
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

/**
 * Names under which a random-looking value is not a secret: identifiers, pagination cursors, counters, public keys
 * and their fingerprints, collections (`users:1:tokens`).
 */
const NOT_SECRET_KEY = /(?:^|[\s_.:-])(?:public|pub|gpg|pgp|ssh|primary|foreign|cache|sort|partition|idempotency|routing|object|row|hash|lookup|map|group|shard|bucket|index|idx|unique|natural|composite|surrogate|schema|sequence|hot|file|path|i18n|translation|message|label|item|node|entity|event|query|search|dedup|dedupe|state|cursor|page|next|prev|continuation|pagination|csrf|xsrf|form|max|min|num|count|turkey|monkey|don?key)[\s_.-]?(?:key|token|tokens)$|^(?:key|token)s?$|(?:^|[\s_.:-])(?:max|num|total|input|output|prompt|completion)[\s_.-]?tokens?$|(?:tokens|keys|secrets)$|fingerprint|key[\s_.-]?id$/i

/**
 * A value that reads as a version, a date, a number, a path, a port and path (`api.example.com:8443/v1/health`
 * read as `key: value`), a URL, a file name or a versioned artifact (`jjwt-jackson-0.11.2`): not a secret.
 */
const NOT_SECRET_VALUE = /^(?:[\d.:\-\/ +_]+|v?\d+(?:\.\d+)+(?:[-+][\w.]+)?|(?:https?|wss?|file|s3):\/\/\S*|[.~]?\/[\w./-]*|\d{1,5}(?:\/[\w.~%-]*)+|[\w-]+\.(?:json|ya?ml|pem|key|crt|txt|env|ini|cfg|conf|toml|p12|pfx|jks)|[A-Za-z][\w.-]*[-:@]v?\d+(?:\.\d+){1,3}(?:[-.+][\w.]+)?)$/i

/** gitleaks' stop words (common words of code and prose), for the generic rule's token-like values. */
const STOPWORDS: ReadonlyArray<string> = gitleaksRules.find((r) => r.id === "generic-api-key")?.allowlists?.flatMap((a) => a.stopwords ?? []) ?? []
// Compiled on first use: a case-insensitive alternation of gitleaks' ≈ 1,500 stop words is the costliest RE2
// program to compile here (≈ 90 ms of a loaded `check --url`), and only a keyword-value candidate needs it.
const STOPWORD_RE = once(() => new RE2(`(?i)(?:${STOPWORDS.map(escapeRe).join("|") || "[^\\s\\S]"})`, "u"))

/**
 * Values written in the shape of a provider format that has its own rules, exact about its lengths: a Telegram bot
 * token (`<bot id>:A<secret>`, judged by "Telegram Bot Token" and gitleaks' `telegram-bot-api-token`). The generic
 * rule leaves such a value to them: a bot id of four or seventeen digits, or a secret a character too long, is not
 * a bot token, and a value that has the format's structure is not a random string of unknown kind.
 */
const FORMAT_OWNED = /^\d+:A[A-Za-z0-9_-]+$/

/** A name for a password: its value may be made of words. */
const PASSWORD_KEY = /passw|pwd|(?:^|[_.-])pass$|passphrase/i

/**
 * The generic credential-assignment check: the value assigned to a credential-named key is a secret when it
 * is not a placeholder (`changeme`, `xxxx`, `<your-key>`, `${VAR}`, `secret123`, empty), not code reading a
 * secret, not a version, path or URL, and — unless the key names a password, which may be made of words — looks
 * random: 12+ characters with letters and digits, enough entropy, and none of gitleaks' stop words (common words
 * of code and prose) in it.
 */
export const credentialAssignment = (key: string, value: string): boolean => {
  if (NOT_SECRET_KEY.test(key)) return false
  // `Authorization: "Bearer …"`: the scheme is not part of the secret.
  const v = value.trim().replace(/^(?:bearer|basic|token|digest|apikey)\s+/i, "")
  if (!credentialValue(v) || NOT_SECRET_VALUE.test(v) || placeholderToken(v) || fillerBody(v)) return false
  if (/\$\{|\{\{|%\(|<%|\$\(|#\{/.test(v)) return false
  if (FORMAT_OWNED.test(v)) return false
  // Basic credentials (`dXNlcm5hbWU6cGFzc3dvcmQ=` is `username:password`): judged by their password part.
  const basic = /^[A-Za-z0-9+/]{8,}={0,2}$/.test(v) ? tryBase64(v) : undefined
  if (basic !== undefined && /^[^:\s]{1,64}:[^\s]{1,128}$/.test(basic)) return credentialValue(basic.slice(basic.indexOf(":") + 1))
  if (PASSWORD_KEY.test(key)) return true
  if (v.length < 12 || !/[0-9]/.test(v) || !/[A-Za-z]/.test(v) || shannon(v) <= 3.5) return false
  return !STOPWORD_RE().test(v)
}

const AUTH_SCHEME = /^(?:bearer|basic|token|digest|apikey)[ \t]+/i
const BARE_END = /[\s"'`,;&<>{}()[\]]/

/**
 * The value written after a key and its operator: a quoted string (on one line), or a bare token up to a space
 * or a delimiter; an auth scheme (`Bearer `) before it is skipped. A bare value that is a call (`kdf(…)`) or a
 * plain identifier (`userPassword`) is code, not a value. `end` is where the value ends in `after`.
 */
const valueAfter = (after: string, xml: boolean): { value: string; end: number } | undefined => {
  let i = 0
  while (i < after.length && (after[i] === " " || after[i] === "\t" || (xml && (after[i] === "\n" || after[i] === "\r")))) i++
  const scheme = AUTH_SCHEME.exec(after.slice(i, i + 16))
  if (scheme !== null) i += scheme[0].length
  const q = after[i]
  if (q === '"' || q === "'" || q === "`") {
    for (let j = i + 1; j < after.length && j <= i + 257; j++) {
      const c = after[j]
      if (c === q) return j > i + 1 ? { value: after.slice(i + 1, j), end: j + 1 } : undefined
      if (c === "\n" || c === "\r") return undefined
    }
    return undefined
  }
  let j = i
  while (j < after.length && j < i + 256 && !BARE_END.test(after[j])) j++
  if (j === i) return undefined
  const value = after.slice(i, j)
  if (after[j] === "(" || /^[A-Za-z_$][A-Za-z_$]*$/.test(value)) return undefined
  return { value, end: j }
}

/** The name part of a gitleaks generic match (what precedes its secret), its last identifier. */
const keyOfMatch = (match: string, secret: string): string => {
  const at = match.lastIndexOf(secret)
  const head = (at >= 0 ? match.slice(0, at) : match).replace(/[\s"'`=:>,|?]+$/, "")
  return /[A-Za-z0-9_.:\s-]*$/.exec(head)?.[0].trim() ?? head
}

/** A match as strings: the whole match, then its groups (undefined where a group did not take part). */
type Match = ReadonlyArray<string | undefined> & { readonly 0: string }

/**
 * A validator: the match, the text after it and the text before it. A number says the secret goes on that many
 * characters past the match (a value read after its key).
 */
type Check = (m: Match, after: string, before: string) => boolean | number

const validators: Readonly<Record<Validator, Check>> = {
  // A key id is random: a run of one or two repeated characters (padding in a base64 blob) is not one.
  awsKeyId: (m) => new Set(m[0].replace(/[^A-Z0-9]/g, "").slice(4)).size >= 6,
  luhn: (m) => cardCandidate(m[0]),
  mod97: (m) => iban(m[0]),
  aba: (m) => aba(m[0]),
  wif: (m) => wif(m[0]),
  eth: (m) => ethAddress(m[0]),
  btc: (m) => btcAddress(m[0]),
  bech32: (m) => bech32Address(m[0]),
  fragment: (m) => {
    const body = m[0].replace(/^[\s\S]*?(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|sk-ant-|sk-proj-|sk-svcacct-|sk_live_|rk_live_|xox[bpras]-|xapp-|dop_v1_|hvs\.|sntrys_|lin_api_|gsk_|xai-|pcsk_|whsec_|shpat_|shpss_|AIzaSy|pypi-AgE|GOCSPX-)/i, "")
    if (/^(.)\1+$/.test(body) || /x{4,}|\*{3,}|your|example|placeholder|token|here|redacted|dummy|fake/i.test(body)) return false
    // A fragment is random: letters with digits (or long); `gsk_config_name` is an identifier, and a body of
    // digits and dashes only (`xoxp-5723…-5738…-####`) holds ids, not the secret part.
    if (!/[A-Za-z]/.test(body)) return false
    if (!/[0-9]/.test(body) && body.length < 16) return false
    // A word with a counter (`xoxp-1-initial`): a fragment's body is mostly random, not a word of 5+ letters.
    if (body.length < 16 && /(?:^|[-_.])[a-z]{5,}(?:$|[-_.])/.test(body)) return false
    // A short fragment (as for the word with a counter) that mostly steps through the alphabet or the digits
    // (`xoxb-12345-abcd234`) is an example. A longer one is judged like a whole token (the 48-pair floor of
    // fillerBody): a synthetic key split across messages (`ghp_ABCDEFGHIJKLMN` + `OPQRSTUVWXYZabcdef12`) still blocks.
    if (body.length < 16 && sequentialBody(body, 6)) return false
    return credentialValue(body) && !fillerBody(body)
  },
  credential: (m) => {
    const value = m[0].replace(/^[\s\S]*?[:=]\s*["']?/, "").replace(/^[\s\S]*?\/\/[^:]*:/, "").replace(/@.*$/, "")
    return credentialValue(value) && !fillerBody(value)
  },
  // The same, except after an image's path: a badge URL (`badge.svg?token=…`) carries a token made to be public.
  urlCredential: (m, after, before) => !/\.(?:svg|png|gif|jpe?g|webp|ico)$/i.test(before) && validators.credential(m, after, before),
  // Key material after the header (after PEM header lines), or nothing at all yet (the body may follow in the
  // next chunk); a header followed by its END marker, `...` or a template line is documentation.
  privateKey: (_m, after) => {
    const rest = after.replace(/\\[nrt]/g, "\n")
    if (rest.trim() === "") return true
    const body = rest.replace(/^\s*(?:[A-Za-z][A-Za-z-]*:[^\n]*\n)*/, "")
    const run = /^[A-Za-z0-9+/=\s]*/.exec(body)?.[0] ?? ""
    const material = run.replace(/\s/g, "").length
    // Key material that runs to the end of what is here is a key cut short (the rest in the next chunk or line).
    return material >= 32 || (material >= 8 && run.length === body.length && after.length < 400)
  },
  // The match is a credential-named key and its operator (or an XML element's opening tag); the value follows.
  assignment: (m, after) => {
    const head = m[0]
    const xml = head.endsWith(">")
    const key = xml ? head.slice(head.lastIndexOf("<") + 1, -1) : (/([A-Za-z0-9_.-]+)["'`]?\]?[ \t]*(?:=|:=|:|=>|\?=|\|\|=)$/.exec(head)?.[1] ?? "")
    const v = valueAfter(after, xml)
    return v !== undefined && credentialAssignment(key, v.value) ? v.end : false
  }
}

/**
 * A token whose body is filler, not random: past its prefix (up to the first `_`, `-` or `.`), 20+ letters and
 * digits that are all digits (`ntn_1234…`, `glc_1111…`) or only four characters or fewer (`AIzaaaa…`). A random
 * body of that length mixes letters and digits and has a dozen distinct characters or more; a zero-filled body
 * beside letters (`SG.FAKE_TEST_KEY_0000…`) is a synthetic leak, not filler.
 */
const fillerBody = (token: string): boolean => {
  const sep = token.search(/[_.-]/)
  const rest = sep >= 0 && sep <= 12 ? token.slice(sep + 1) : token
  // One pass over the letters and digits: how many, whether all are digits, which occur (three bit masks).
  let n = 0
  let digits = 0
  let lower = 0
  let upper = 0
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i)
    if (c >= 48 && c <= 57) digits |= 1 << (c - 48)
    else if (c >= 97 && c <= 122) lower |= 1 << (c - 97)
    else if (c >= 65 && c <= 90) upper |= 1 << (c - 65)
    else continue
    n++
  }
  if (n < 20) return false
  if (lower === 0 && upper === 0) return true
  return bitCount(digits) + bitCount(lower) + bitCount(upper) <= 4 || sequentialBody(rest, SEQUENTIAL_PAIRS)
}

const bitCount = (x: number): number => {
  let k = 0
  for (; x !== 0; x &= x - 1) k++
  return k
}

/**
 * How long a token body must be (pairs of neighbouring characters, see `steps`) before mostly stepping through the
 * alphabet (`abc123xyz-456de-klMnopqrstuvwx-…`) says it was typed as an example: a body of 48+ characters. Shorter
 * ones are left to the other checks (a short sequential body is also how tests and docs write a synthetic leak).
 */
const SEQUENTIAL_PAIRS = 48

const exempt = (spec: DlpPatternSpec, host: string | undefined) =>
  host !== undefined && (spec.exempt_domains ?? []).some((d) => matchDomain(host, d))

/** The line of the text around a match (byte offsets), for `regexTarget: line` allowlists. */
const lineAround = (buf: Buffer, start: number, end: number): string => {
  const a = start === 0 ? 0 : buf.lastIndexOf(10, start - 1) + 1
  const b = buf.indexOf(10, end)
  return buf.toString("utf8", a, b === -1 ? buf.length : b)
}

/** gitleaks' own checks on a match: its secret (group), entropy floor, digit rule for generic rules, allowlists. */
const gitleaksSecret = (g: NonNullable<Rule["gitleaks"]>, m: Match, buf: Buffer, start: number): string | undefined => {
  let secret = m[0]
  if (m.length >= 2) {
    if (g.secretGroup > 0) {
      if (m.length <= g.secretGroup) return undefined
      secret = m[g.secretGroup] ?? ""
    } else {
      for (let i = 1; i < m.length; i++) {
        const group = m[i]
        if (group !== undefined && group.length > 0) {
          secret = group
          break
        }
      }
    }
  }
  if (g.entropy !== undefined && g.entropy !== 0) {
    if (shannon(secret) <= g.entropy) return undefined
    if (g.generic && !/[0-9]/.test(secret)) return undefined
  }
  let line: string | undefined
  const lowered = secret.toLowerCase()
  for (const a of g.allowlists) {
    const target = a.target === "secret" ? secret : a.target === "match" ? m[0] : (line ??= lineAround(buf, start, start + Buffer.byteLength(m[0])))
    const byRegex = a.anyRegex === undefined ? undefined : a.anyRegex(target)
    const byWord = a.stopwords.length === 0 ? undefined : a.stopwords.some((w) => lowered.includes(w))
    const allowed = a.and ? byRegex !== false && byWord !== false && (byRegex ?? byWord) === true : byRegex === true || byWord === true
    if (allowed) return undefined
  }
  return secret
}

// ---------------------------------------------------------------------------------------------
// Scanning one text
// ---------------------------------------------------------------------------------------------

/** How far a match may start before its keyword, and end after it, before the window is widened to whole tokens. */
const BEFORE = 48
const AFTER = 256
/** A keyword seen more often than this in one text: its rules run over the whole text. */
const MAX_POSITIONS = 32

const isAlnumByte = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** Bytes of a token: a window is widened over them so that no match starts or ends inside one. */
const isTokenByte = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 43 || c === 47 || c === 61 || c === 46 || c === 126 || c === 37

/** A keyword as a case-insensitive RE2 literal (global), compiled once per process. */
const keywordRegexes = new Map<string, RE2>()
const keywordRegex = (keyword: string): RE2 => {
  let re = keywordRegexes.get(keyword)
  if (re === undefined) {
    re = new RE2(`(?i)${escapeRe(keyword)}`, "gu")
    keywordRegexes.set(keyword, re)
  }
  return re
}

/** How many occurrences of one keyword are looked up before its rules run over the whole text anyway. */
const MAX_LOOKUP = 1024

/**
 * Where the keywords that hit occur in a text (byte offsets), looked up on demand: the text's bytes are
 * lower-cased once (ASCII letters, by a table into a buffer reused from text to text) and each keyword found by
 * `indexOf` with its bytes (native, no match objects); a text with one of the two non-ASCII letters RE2 folds with
 * ASCII ones, or a keyword that is not ASCII, has RE2 walk the bytes. Past MAX_LOOKUP occurrences a keyword's rules
 * run over the whole text.
 */
const KELVIN = Buffer.from("\u212a", "utf8")
const LONG_S = Buffer.from("\u017f", "utf8")

/** Bytes lower-cased: ASCII letters fold, every other byte stays (offsets stay, and keywords are ASCII). */
const LOWER_BYTE = (() => {
  const t = new Uint8Array(256)
  for (let c = 0; c < 256; c++) t[c] = c >= 65 && c <= 90 ? c + 32 : c
  return t
})()

/** The lower-cased bytes of the text being scanned (one scan at a time: scanning is synchronous). */
let lowerScratch = Buffer.allocUnsafe(16 * 1024)

/** A keyword's bytes (keywords are lower-case), or undefined when it is not ASCII. */
const keywordBytes = new Map<string, Buffer | undefined>()
const keywordNeedle = (keyword: string): Buffer | undefined => {
  if (keywordBytes.has(keyword)) return keywordBytes.get(keyword)
  const needle = /^[\x00-\x7f]*$/.test(keyword) ? Buffer.from(keyword, "latin1") : undefined
  keywordBytes.set(keyword, needle)
  return needle
}

class KeywordPositions {
  private readonly cache = new Map<string, number[] | undefined>()
  private readonly buf: Buffer
  /** The text lower-cased as bytes; null when it holds a letter RE2 folds with an ASCII one. */
  private lower: Buffer | null | undefined
  constructor(buf: Buffer) {
    this.buf = buf
  }
  private lowered(): Buffer | null {
    if (this.lower === undefined) {
      // RE2's `(?i)` also folds `k` with the Kelvin sign and `s` with the long s: a text holding those goes to RE2.
      if (this.buf.indexOf(KELVIN) !== -1 || this.buf.indexOf(LONG_S) !== -1) this.lower = null
      else {
        const n = this.buf.length
        if (lowerScratch.length < n) lowerScratch = Buffer.allocUnsafe(Math.max(n, 2 * lowerScratch.length))
        // Natively: the bytes as a Latin-1 string, lower-cased, written back (three native passes; the loop over
        // LOWER_BYTE in JS cost 3× as much). ASCII letters fold as in the table; a Latin-1 letter (`À`, a byte of
        // a UTF-8 sequence) may fold to another byte ≥ 0x80, which no keyword (ASCII) holds either way.
        const written = lowerScratch.write(this.buf.toString("latin1", 0, n).toLowerCase(), 0, n, "latin1")
        if (written !== n) {
          const t = LOWER_BYTE
          for (let i = 0; i < n; i++) lowerScratch[i] = t[this.buf[i]]
        }
        this.lower = lowerScratch.subarray(0, n)
      }
    }
    return this.lower
  }
  /** The offsets of a keyword, or undefined when there are too many to be worth windows. */
  of(keyword: string): number[] | undefined {
    if (this.cache.has(keyword)) return this.cache.get(keyword)
    const needle = keywordNeedle(keyword)
    const lower = needle === undefined ? null : this.lowered()
    let out: number[] | undefined = []
    if (lower !== null && needle !== undefined) {
      for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
        if (out.length >= MAX_LOOKUP) {
          out = undefined
          break
        }
        out.push(at)
      }
    } else {
      const re = keywordRegex(keyword)
      re.lastIndex = 0
      let m: { index: number } | null
      while ((m = re.exec(this.buf) as unknown as { index: number } | null) !== null) {
        if (out.length >= MAX_LOOKUP) {
          out = undefined
          break
        }
        out.push(m.index)
      }
    }
    this.cache.set(keyword, out)
    return out
  }
}

/** Bytes that may stand between a key word and its operator (`api_key"] =`, `token :`, `Secret-Key\t=`). */
const KEY_TAIL = (() => {
  const t = new Uint8Array(256)
  for (let c = 0; c < 256; c++) {
    if (isTokenByte(c) || c === 32 || (c >= 9 && c <= 13) || c === 34 || c === 39 || c === 96 || c === 93) t[c] = 1
    // The operators (`=` `:` `>` `|` `?` `,`); `=` is also a token byte, so operators are tested first.
    if (c === 61 || c === 58 || c === 62 || c === 124 || c === 63 || c === 44) t[c] = 2
  }
  return t
})()

/**
 * Whether an assignment operator follows a key word that ends at `i`, across name characters, quotes, a
 * bracket and blanks only (at most 64 bytes): where it does not, an assignment-shaped rule cannot match.
 */
const operatorAfter = (buf: Buffer, i: number): number => {
  const end = Math.min(buf.length, i + 64)
  for (; i < end; i++) {
    const k = KEY_TAIL[buf[i]]
    if (k === 2) return i
    if (k === 0) return -1
  }
  return -1
}

/**
 * Bytes around a value (the rest of the operator, quotes, blanks), and bytes of a token value (gitleaks' generic
 * secret: `[\w.=-]` or base64's `[a-z0-9+/]`).
 */
const VALUE_BYTE = (() => {
  const t = new Uint8Array(256)
  for (let c = 0; c < 256; c++) {
    if (c === 61 || c === 58 || c === 62 || c === 124 || c === 63 || c === 44 || c === 96 || c === 39 || c === 34 || c === 32 || (c >= 9 && c <= 13)) t[c] = 1
    if (isAlnumByte(c) || c === 95 || c === 46 || c === 45 || c === 43 || c === 47 || c === 61) t[c] |= 2
    if (c >= 48 && c <= 57) t[c] |= 4
  }
  return t
})()

/**
 * Whether a token value that gitleaks' generic rule could take follows the operator at `op`: past the operator,
 * quotes and blanks (a few bytes; the `=` right before the value counted in it), a run of 10+ value bytes
 * with a digit in it (the rule drops a secret without one). Prose after `token:` or `key,` is words: no window opens.
 */
const tokenValueAfter = (buf: Buffer, op: number): boolean => {
  const n = buf.length
  let i = op + 1
  for (const end = Math.min(n, op + 12); i < end && (VALUE_BYTE[buf[i]] & 1) !== 0; i++);
  // The `=` just before the run may belong to the value (`[\w.=-]`).
  let run = 0
  for (let k = i - 1; k > op && buf[k] === 61; k--) run++
  let digit = false
  for (const end = Math.min(n, i + 160); i < end; i++) {
    const k = VALUE_BYTE[buf[i]]
    if ((k & 2) === 0) break
    if ((k & 4) !== 0) digit = true
    run++
  }
  return digit && run >= 10
}

/** Bytes that end a bare value (`BARE_END`). */
const BARE_END_BYTE = (() => {
  const t = new Uint8Array(256)
  for (const ch of " \t\n\r\f\v\"'`,;&<>{}()[]") t[ch.charCodeAt(0)] = 1
  return t
})()

/**
 * Whether a value the `assignment` validator could take follows the operator at `op` (a superset of `valueAfter`):
 * past the rest of the operator, blanks and a word that may be an auth scheme (`Bearer `), a quoted string or a bare
 * token of 8+ characters (shorter ones are no credential). Prose after `token:` (`The token …`) opens no window.
 */
const assignmentValueAfter = (buf: Buffer, op: number): boolean => {
  // The regex may take one operator byte (`::=` read as `:` before the value `:=…`) or several (`:=`, `=>`).
  let end = op + 1
  while (end < buf.length && end < op + 4 && KEY_TAIL[buf[end]] === 2) end++
  for (let i = op + 1; i <= end; i++) if (valueAt(buf, i)) return true
  return false
}

const valueAt = (buf: Buffer, from: number): boolean => {
  const n = buf.length
  let i = from
  while (i < n && (buf[i] === 32 || buf[i] === 9 || buf[i] === 10 || buf[i] === 13)) i++
  // A scheme word: letters, then a blank.
  let j = i
  while (j < n && j - i <= 8 && ((buf[j] | 32) >= 97 && (buf[j] | 32) <= 122)) j++
  if (j > i && j < n && (buf[j] === 32 || buf[j] === 9)) {
    i = j
    while (i < n && (buf[i] === 32 || buf[i] === 9)) i++
  }
  if (i >= n) return false
  const q = buf[i]
  if (q === 34 || q === 39 || q === 96) {
    let k = i + 1
    while (k < n && k <= i + 257 && buf[k] !== q && buf[k] !== 10 && buf[k] !== 13) k++
    return k - i - 1 >= 8
  }
  let k = i
  while (k < n && k < i + 256 && BARE_END_BYTE[buf[k]] === 0) k++
  return k - i >= 8
}

/** The windows (byte ranges) a keyword rule runs on: around each keyword, widened to whole tokens, merged. */
const windowsOf = (buf: Buffer, rule: Rule, hitKeywords: ReadonlySet<string>, positions: KeywordPositions): Array<[number, number]> => {
  const n = buf.length
  const starts: number[] = []
  for (const k of rule.keywords) {
    if (!hitKeywords.has(k)) continue
    const ps = positions.of(k)
    if (ps === undefined) return [[0, n]]
    if (rule.keyThenOperator) {
      for (const p of ps) {
        const op = operatorAfter(buf, p + k.length)
        if (op >= 0 && (!rule.tokenValue || tokenValueAfter(buf, op)) && (!rule.assignmentValue || assignmentValueAfter(buf, op))) starts.push(p)
      }
    } else for (const p of ps) starts.push(p)
  }
  if (starts.length === 0) return []
  if (starts.length > MAX_POSITIONS) return [[0, n]]
  starts.sort((a, b) => a - b)
  const widenStart = (s: number) => {
    for (let i = 0; i < 256 && s > 0 && isTokenByte(buf[s - 1]); i++) s--
    return s
  }
  if (rule.toEnd) return [[widenStart(Math.max(0, starts[0] - 4 * BEFORE)), n]]
  const out: Array<[number, number]> = []
  for (const p of starts) widenInto(buf, Math.max(0, p - BEFORE), Math.min(n, p + AFTER), out)
  let covered = 0
  for (const [s, e] of out) covered += e - s
  return covered > n / 2 ? [[0, n]] : out
}

interface ViewOptions {
  readonly location: string
  readonly pass: string
  readonly ctx: ScanContext
  /** Only the catalogue: no secret literals, no seed phrase. */
  readonly patternsOnly?: boolean | undefined
}

/** What the first pass over a text saw: which rules may match, the secret literals found, the two gates. */
interface FirstPass {
  readonly rules: ReadonlyArray<number>
  readonly hitKeywords: ReadonlySet<string>
  readonly literals: ReadonlyArray<number>
  /** Upper-case/digit groups of four. */
  readonly grouped: boolean
  /** Control bytes. */
  readonly controls: boolean
}

/** The set pass over one text (and the sets of a user's keyword-less rules, if any). */
const firstPass = (c: CompiledDlp, input: Buffer): FirstPass => {
  const rules = new Set<number>()
  const hitKeywords = new Set<string>()
  const literals: number[] = []
  let grouped = false
  let controls = false
  const kw = c.literalBase
  const gate = c.gateBase
  for (const i of c.set.match(input)) {
    if (i < kw) {
      hitKeywords.add(c.keywords[i])
      for (const r of c.keywordRules[i]) rules.add(r)
    } else if (i < gate) literals.push(i - kw)
    else if (i === gate) grouped = true
    else if (i === gate + 1) controls = true
    else rules.add(c.wholeRules[i - gate - 2])
  }
  if (c.apart !== undefined) for (const i of c.apart.match(input)) rules.add(c.apartRules[i])
  return { rules: [...rules].sort((a, b) => c.rules[a].rank - c.rules[b].rank || a - b), hitKeywords, literals, grouped, controls }
}

/** An `exec` result on bytes as strings (RE2 gives Buffers for a Buffer input). */
type BufferMatch = { readonly index: number; readonly 0: Buffer } & ArrayLike<Buffer | undefined>
const asMatch = (m: BufferMatch): Match => {
  const out: Array<string | undefined> = []
  for (let i = 0; i < m.length; i++) {
    const g = m[i]
    out.push(g === undefined ? undefined : g.toString("utf8"))
  }
  return out as unknown as Match
}

/**
 * Runs the rules the first pass picked over their windows of the text (as bytes: RE2 matches a Buffer without
 * converting it); findings in rank order, one per rule.
 */
const ruleFindings = (c: CompiledDlp, buf: Buffer, first: FirstPass, o: ViewOptions, out: Finding[]) => {
  if (first.rules.length === 0) return
  const positions = new KeywordPositions(buf)
  /** Spans of text some rule has taken (a secret found once is reported once, under the most specific rule). */
  const claims: Array<{ start: number; end: number; rule: number; rank: number }> = []
  // A format rule always reports; a gitleaks rule yields to a format rule or another gitleaks rule; a generic
  // rule yields to both (generic rules do not hide one another: each says something else about the text).
  const claimed = (start: number, end: number, rule: Rule, ri: number) =>
    claims.some((x) => x.rule !== ri && (x.rank < rule.rank || (x.rank === 1 && rule.rank === 1)) && start < x.end && x.start < end)
  let decisive = false
  for (const ri of first.rules) {
    const rule = c.rules[ri]
    const spec = rule.spec
    // Generic rules add nothing to a text a specific rule already blocks (a high or critical finding of a format
    // or gitleaks rule, not warn-only): they are the costliest to run and would only repeat the verdict.
    if (rule.rank === 2 && decisive) continue
    // Whether the rule is exempt for the host: worked out at its first match (most rules that run match nothing).
    let isExempt: boolean | undefined
    const windows = rule.keywords.length === 0 ? [[0, buf.length] as [number, number]] : windowsOf(buf, rule, first.hitKeywords, positions)
    const validate = spec.validator === undefined ? undefined : validators[spec.validator]
    let reported = false
    windows: for (const [ws, we] of windows) {
      const sub = ws === 0 && we === buf.length ? buf : buf.subarray(ws, we)
      // A test (no match positions, counts opened up) first: most windows hold no match at all.
      if (!testerOf(rule).test(sub)) continue
      const re = rule.re
      re.lastIndex = 0
      let raw: BufferMatch | null
      while ((raw = re.exec(sub) as unknown as BufferMatch | null) !== null) {
        // Every match is validated until one passes (no cap: matches do not overlap, so the work stays linear, and
        // a cap would let a secret hide behind enough look-alikes that fail validation — 64 Luhn-failing numbers
        // before a card number, found by npm run fuzz).
        const len = raw[0].length
        if (len === 0) {
          re.lastIndex++
          continue
        }
        const start = ws + raw.index
        let end = start + len
        if (rule.rank > 0 && claimed(start, end, rule, ri)) continue
        const m = asMatch(raw)
        let evidence = m[0]
        if (rule.gitleaks !== undefined) {
          const secret = gitleaksSecret(rule.gitleaks, m, buf, start)
          if (secret === undefined) continue
          // A token format starts a token: its secret is not glued to a letter or digit before it (a JSON-escaped
          // `\n` aside).
          if (rule.gitleaks.startsToken) {
            const at = start + Buffer.byteLength(m[0].slice(0, Math.max(0, m[0].indexOf(secret))))
            if (at > 0 && isAlnumByte(buf[at - 1]) && !(at > 1 && buf[at - 2] === 92)) continue
          }
          // gitleaks' generic rule gets the generic rule's exclusions on top of its own (public-key fingerprints,
          // placeholders, versions, collection names).
          if (rule.gitleaks.generic && !credentialAssignment(keyOfMatch(m[0], secret), secret)) continue
        } else if (validate !== undefined) {
          const after = buf.toString("utf8", end, Math.min(buf.length, end + 400))
          const ok = validate(m, after, buf.toString("utf8", Math.max(0, start - 80), start))
          if (ok === false) continue
          if (typeof ok === "number") {
            evidence = m[0] + after.slice(0, ok)
            end += Buffer.byteLength(after.slice(0, ok))
          }
        } else if (placeholderToken(m[0]) || fillerBody(m[0])) continue
        if (KNOWN_PUBLIC.some((k) => m[0].includes(k))) continue
        claims.push({ start, end, rule: ri, rank: rule.rank })
        if ((isExempt ??= exempt(spec, o.ctx.host)) || reported) continue
        reported = true
        if (rule.rank < 2 && (spec.severity === "high" || spec.severity === "critical") && spec.action !== "warn") decisive = true
        out.push({
          scanner: "dlp",
          rule: spec.name,
          severity: spec.severity,
          location: o.location,
          evidence: redact(evidence),
          message: `${spec.name} found`,
          pass: o.pass,
          action: spec.action
        })
        // A generic rule claims nothing another rule could still need: one finding is enough.
        if (rule.rank === 2) break windows
      }
    }
  }
}

const literalFindings = (c: CompiledDlp, location: string, via: string, out: Finding[], found: ReadonlyArray<number>) => {
  for (const i of found) {
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

/** One view of a text (raw, normalised, decoded): both set passes, the rules they pick, literals, seed phrase. */
const scanView = (c: CompiledDlp, text: string, o: ViewOptions, out: Finding[], bytes?: Buffer): FirstPass => {
  const buf = bytes ?? Buffer.from(text, "utf8")
  const first = firstPass(c, buf)
  ruleFindings(c, buf, first, o, out)
  if (o.patternsOnly !== true) {
    if (first.literals.length > 0) literalFindings(c, o.location, o.pass, out, first.literals)
    if (c.seed.enabled) seedFindings(c, text, o.location, o.pass, out, buf)
  }
  return first
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

/** Byte classes for `seedSpans`: a separator, a letter (1–26, its place in the alphabet), `_`, or a break. */
const SEP_BYTE = 0
const OTHER_BYTE = 255
/** A byte that is neither a word character nor a separator (`!`, `@`, a UTF-8 byte…): it ends a word and a run. */
const BREAK_BYTE = 254
const SEED_BYTE = (() => {
  const t = new Uint8Array(256).fill(BREAK_BYTE)
  t[95] = OTHER_BYTE // `_` joins words (`snake_case` is one word, not a list word)
  for (let c = 0; c < 256; c++) {
    if (isSeedSeparator(c)) t[c] = SEP_BYTE
    else if (c >= 97 && c <= 122) t[c] = c - 96
    else if (c >= 65 && c <= 90) t[c] = c - 64
  }
  return t
})()

/**
 * A BIP-39 word is known by its first four letters (three-letter words by all three): as base-26 codes. The
 * four-letter prefixes are a bit set (57 KB; one byte per code was 446 KB of every process's heap).
 */
const SEED4 = (() => {
  const t = new Uint8Array((26 * 26 * 26 * 26) >>> 3)
  for (const w of bip39Words) {
    if (w.length < 4) continue
    const code = ((w.charCodeAt(0) - 97) * 26 + w.charCodeAt(1) - 97) * 676 + (w.charCodeAt(2) - 97) * 26 + w.charCodeAt(3) - 97
    t[code >>> 3] |= 1 << (code & 7)
  }
  return t
})()
const SEED3 = (() => {
  const t = new Uint8Array(26 * 26 * 26)
  for (const w of bip39Words) if (w.length === 3) t[(w.charCodeAt(0) - 97) * 676 + (w.charCodeAt(1) - 97) * 26 + w.charCodeAt(2) - 97] = 1
  return t
})()

/** Whether the word [s, e) of a text could be a list word: 3–8 letters (no `_`), a BIP-39 word's first four letters. */
const seedWordAt = (buf: Uint8Array, s: number, e: number): boolean => {
  const len = e - s
  if (len < 3 || len > 8) return false
  let code = 0
  for (let i = s; i < e; i++) {
    const k = SEED_BYTE[buf[i]]
    if (k === OTHER_BYTE) return false
    if (i < s + 4) code = code * 26 + k - 1
  }
  return (len === 3 ? SEED3[code] : (SEED4[code >>> 3] >>> (code & 7)) & 1) === 1
}

/**
 * The stretches of a text (byte ranges) holding a run of `minWords` words that could be list words (3–8 letters,
 * a BIP-39 word's first four letters), with no string made. Prose breaks such runs at once (`the`, `and`, `for`,
 * `with` are not list words); only these stretches are looked up word by word.
 *
 * A run of `minWords` words spans at least `4·minWords − 1` bytes, so between runs the bytes are not read one by one:
 * from a point where no run is open, the byte that far ahead is looked at and the text is read backwards from it to
 * the nearest thing that breaks a run (a word that cannot be a list word, a byte that is neither a word character
 * nor a separator); a run long enough cannot start before it, and the search jumps past it. Prose has such a word
 * every few words: about a quarter of its bytes are read. Where nothing breaks a run, the bytes are read forwards,
 * word by word, as before (the result is the same as that forward pass over every byte).
 */
export const seedSpans = (buf: Uint8Array, minWords: number): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  const n = buf.length
  const cls = SEED_BYTE
  const span = 4 * Math.max(1, minWords) - 1
  let run = 0
  let runStart = 0
  let runEnd = 0
  let len = 0
  let code = 0
  let letters = 1
  let i = 0
  while (i <= n) {
    // No run open and no word begun at i (the byte before it, if any, ends a word): skip what cannot hold a run.
    if (run === 0 && len === 0) {
      const q = i + span - 1
      if (q >= n) return out
      let next = -1
      let j = q
      while (j >= i) {
        const k = cls[buf[j]]
        if (k === BREAK_BYTE) {
          next = j + 1
          break
        }
        if (k === SEP_BYTE) {
          j--
          continue
        }
        // The word holding j: back to its start (a separator or a break is before i), and past q to its end.
        let ws = j
        while (ws > 0 && (cls[buf[ws - 1]] !== SEP_BYTE && cls[buf[ws - 1]] !== BREAK_BYTE)) ws--
        let we = j + 1
        if (j === q) while (we < n && cls[buf[we]] !== SEP_BYTE && cls[buf[we]] !== BREAK_BYTE) we++
        if (!seedWordAt(buf, ws, we)) {
          // Past the word and the byte that ends it (a separator or a break: either leaves no run open).
          next = we + 1
          break
        }
        j = ws - 1
      }
      if (next !== -1) {
        i = next
        continue
      }
    }
    // Forwards over the byte at i (the end of the text reads as a separator).
    const k = i < n ? cls[buf[i]] : SEP_BYTE
    i++
    if (k !== SEP_BYTE && k !== BREAK_BYTE) {
      if (k === OTHER_BYTE) letters = 0
      else if (len < 4) code = code * 26 + k - 1
      len++
      continue
    }
    if (len !== 0) {
      if (letters === 1 && len >= 3 && len <= 8 && (len === 3 ? SEED3[code] : (SEED4[code >>> 3] >>> (code & 7)) & 1) === 1) {
        if (run === 0) runStart = i - 1 - len
        run++
        runEnd = i - 1
      } else {
        if (run >= minWords && out.length < 64) out.push([runStart, runEnd])
        run = 0
      }
      len = 0
      code = 0
      letters = 1
    }
    if (k === BREAK_BYTE && run > 0) {
      if (run >= minWords && out.length < 64) out.push([runStart, runEnd])
      run = 0
    }
  }
  if (run >= minWords && out.length < 64) out.push([runStart, runEnd])
  return out
}

const seedFindings = (c: CompiledDlp, text: string, location: string, pass: string, out: Finding[], bytes?: Buffer) => {
  // minWords words of 3+ letters and their separators: a shorter text cannot hold a phrase.
  if (!c.seed.enabled || text.length < c.seed.minWords * 4 - 1) return
  const buf = bytes ?? Buffer.from(text, "utf8")
  // One JS pass over the bytes finds the runs of possible list words (3–8 letters, a BIP-39 word's first four
  // letters), and only those are looked up word by word. (An RE2 pass for runs of list-length words used to come
  // first: prose is full of those, and its counted repetition made it ≈ a quarter of DLP's time on real documents.)
  let phrase: string | undefined
  for (const [s, e] of seedSpans(buf, c.seed.minWords)) {
    phrase = seedPhrase(buf.toString("utf8", s, e), c.seed, buf.subarray(s, e))
    if (phrase !== undefined) break
  }
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

/** Byte classes for the one JS pass over a text (a table lookup per byte). */
const HEX = 1
const B64 = 2
const UPPER = 4
const LOWER = 8
const DIGIT = 16
const B32 = 32
const SEP = 64
const UNUSUAL = 128
const BYTE_CLASS = (() => {
  const t = new Uint8Array(256)
  for (let c = 0; c < 256; c++) {
    let f = 0
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) f |= HEX
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 95 || c === 45 || c === 61) f |= B64
    if (c >= 65 && c <= 90) f |= UPPER
    if (c >= 97 && c <= 122) f |= LOWER
    if (c >= 48 && c <= 57) f |= DIGIT
    if (c >= 50 && c <= 55) f |= B32
    if (c === 58 || c === 32 || c === 44 || c === 45 || c === 9 || c === 10 || c === 13) f |= SEP
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c >= 127) f |= UNUSUAL
    t[c] = f
  }
  return t
})()

interface ByteScan {
  /** Escapes: `%41`, `%u0041`, `\x41`, `\u0041`, octal, `&#65;`, `&amp;`. */
  readonly escapes: Array<[number, number]>
  /** Hex written with separators (`41:4b:49…`, `41 4b 49…`). */
  readonly hexPairs: Array<[number, number]>
  /**
   * Runs that could be base64, hex or base32: 16+ characters of the alphabet mixing upper case, lower case and
   * digits; hex digits; one case of base32 with a digit. Runs of one case of letters (slugs, words glued with
   * dashes) are not: encoded text mixes classes.
   */
  readonly runs: Array<[number, number]>
  /** Control and non-ASCII characters: where Unicode normalisation could change the text. */
  readonly unusual: Array<[number, number]>
}

/** A run of `UNUSUAL` bytes, in a Latin-1 string of the bytes. */
const UNUSUAL_RUN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xff]+/g

/** The bytes an escape starts with: `%`, `\\`, `&`. */
const ESCAPE_STARTS = [37, 92, 38]

/** Hex digits and the separators of hex pairs: the bytes a span of hex pairs is made of. */
const HEX_OR_SEP = HEX | SEP

/** The shortest span of hex pairs kept (six pairs and the five separators between them), and the shortest run. */
const MIN_HEX_PAIRS_SPAN = 17
const MIN_RUN = 16

/**
 * Where decoding or normalisation could change a text, without reading most of its bytes in JS:
 * - escapes by native searches for `%`, `\` and `&`; control and non-ASCII bytes by one tight loop, unless the
 *   text is ASCII (a native test) and has no control byte (none of these is part of an encoded run or a span of
 *   hex pairs);
 * - runs of the base64 alphabet (16+ bytes) by a skipping search: a run holding the byte 15 ahead of a point
 *   holds every byte between, so the search looks at that byte and reads backwards to the nearest byte outside
 *   the alphabet, and jumps past it; only a stretch of 16 alphabet bytes is read forwards, as a run;
 * - spans of hex pairs with separators (`41:4b:49…`, 17+ bytes of hex digits and separators) likewise; around
 *   each, the bytes are read one by one as the plain forward pass read them (`hexPairsAndRuns`), since a span of
 *   hex pairs and the runs beside it depend on where a run starts.
 * The result is the same as the plain forward pass over every byte (test/layers/detect/dlpPasses.test.ts).
 */
export const scanBytes = (buf: Buffer, mayHaveControls = true): ByteScan => {
  const escapes: Array<[number, number]> = []
  const hexPairs: Array<[number, number]> = []
  const runs: Array<[number, number]> = []
  const unusual: Array<[number, number]> = []
  const n = buf.length
  const cls = BYTE_CLASS
  // Control and non-ASCII bytes: none in an ASCII text without controls (`isAscii` is native; whether there are
  // controls, the caller's set pass may already know).
  // The runs of such bytes by a regex over the bytes as a Latin-1 string (one character per byte): a third faster
  // than the same loop in JS.
  if (mayHaveControls || !isAscii(buf)) {
    const re = UNUSUAL_RUN
    const latin1 = buf.toString("latin1")
    re.lastIndex = 0
    for (let m = re.exec(latin1); m !== null && unusual.length < 512; m = re.exec(latin1)) unusual.push([m.index, m.index + m[0].length])
  }
  // Escapes: every `%`, `\` and `&`, found natively, in order.
  const at: number[] = []
  for (const ch of ESCAPE_STARTS) for (let i = buf.indexOf(ch); i !== -1; i = buf.indexOf(ch, i + 1)) at.push(i)
  if (at.length > 1) at.sort((x, y) => x - y)
  for (const i of at) {
    const c = buf[i]
    if (c === 37) {
      if (i + 2 < n && cls[buf[i + 1]] & HEX && cls[buf[i + 2]] & HEX) escapes.push([i, i + 3])
      else if (i + 5 < n && (buf[i + 1] === 117 || buf[i + 1] === 85) && cls[buf[i + 2]] & HEX) escapes.push([i, i + 6])
    } else if (c === 92) {
      const d = buf[i + 1]
      if (d === 120 || d === 117 || d === 85 || (d >= 48 && d <= 55)) escapes.push([i, i + 2])
    } else {
      // `&#65;`, `&#x41;` or a named entity (`&amp;`): not the `&` between query parameters.
      if (buf[i + 1] === 35) escapes.push([i, i + 2])
      else {
        let j = i + 1
        while (j < n && j - i <= 9 && cls[buf[j]] & (UPPER | LOWER)) j++
        if (j - i >= 3 && buf[j] === 59) escapes.push([i, j + 1])
      }
    }
  }
  // Runs, and spans of hex pairs. `p` is where the forward pass would start a step, after a byte outside the
  // alphabet (or at 0): a run starts at p when p is in the alphabet.
  const hexSpans = spansOf(buf, HEX_OR_SEP, MIN_HEX_PAIRS_SPAN)
  let p = 0
  for (let h = 0; h <= hexSpans.length; h++) {
    // The forward pass reads a span of hex pairs from the start of the run it is in (or from its first byte).
    let until = n
    if (h < hexSpans.length) {
      until = hexSpans[h][0]
      while (until > p && (cls[buf[until - 1]] & B64) !== 0) until--
      if (until < p) until = p
    }
    p = runsBetween(buf, p, until, runs)
    if (h === hexSpans.length) break
    // Byte by byte from there, past the span (and any span it reaches), to a byte outside the alphabet.
    let end = hexSpans[h][1]
    while (h + 1 < hexSpans.length && hexSpans[h + 1][0] <= end + 1) end = hexSpans[++h][1]
    p = hexPairsAndRuns(buf, Math.max(p, until), end, hexPairs, runs)
  }
  return { escapes, hexPairs, runs, unusual }
}

/** Maximal spans of bytes of a class (`BYTE_CLASS` bits) at least `min` long, by the skipping search of `scanBytes`. */
const spansOf = (buf: Buffer, cls: number, min: number): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  const n = buf.length
  const t = BYTE_CLASS
  let p = 0
  while (p + min <= n) {
    const x = p + min - 1
    if ((t[buf[x]] & cls) === 0) {
      p = x + 1
      continue
    }
    let r = x - 1
    while (r >= p && (t[buf[r]] & cls) !== 0) r--
    if (r >= p) {
      p = r + 1
      continue
    }
    let j = x + 1
    while (j < n && (t[buf[j]] & cls) !== 0) j++
    out.push([p, j])
    p = j + 1
  }
  return out
}

/**
 * The runs of 16+ alphabet bytes that start in [p, until) (each ends before `until`: `until` starts a run or
 * follows a byte outside the alphabet), classified as the forward pass does. Returns where the search stopped.
 */
const runsBetween = (buf: Buffer, p: number, until: number, runs: Array<[number, number]>): number => {
  const t = BYTE_CLASS
  while (p + MIN_RUN <= until) {
    const x = p + MIN_RUN - 1
    if ((t[buf[x]] & B64) === 0) {
      p = x + 1
      continue
    }
    let r = x - 1
    while (r >= p && (t[buf[r]] & B64) !== 0) r--
    if (r >= p) {
      p = r + 1
      continue
    }
    p = runFrom(buf, p, runs) + 1
  }
  return p > until ? p : until
}

/** The run of alphabet bytes from `i` (one that starts there): kept in `runs` when it looks encoded; returns its end. */
const runFrom = (buf: Buffer, i: number, runs: Array<[number, number]>): number => {
  const n = buf.length
  const cls = BYTE_CLASS
  let j = i
  let all = -1
  let any = 0
  while (j < n) {
    const g = cls[buf[j]]
    if ((g & B64) === 0) break
    all &= g
    any |= g
    j++
  }
  classifyRun(buf, i, j, all, any, runs)
  return j
}

const classifyRun = (buf: Buffer, i: number, j: number, all: number, any: number, runs: Array<[number, number]>) => {
  if (j - i < MIN_RUN) return
  const mixed = (any & UPPER) !== 0 && (any & LOWER) !== 0 && (any & DIGIT) !== 0
  const hex = (all & HEX) !== 0
  // base32: letters of one case, digits 2–7 (a `=` pad aside).
  const b32 = (any & DIGIT) !== 0 && ((any & LOWER) === 0 || (any & UPPER) === 0) && base32Digits(buf, i, j)
  if (mixed || hex || b32) runs.push([i, j])
}

/**
 * The forward pass over every byte, for runs and spans of hex pairs, from `i` (a step of that pass) until past
 * `end` and a byte outside the alphabet: a span of hex pairs starts where a run would, and the pass goes on after it.
 */
const hexPairsAndRuns = (buf: Buffer, i: number, end: number, hexPairs: Array<[number, number]>, runs: Array<[number, number]>): number => {
  const n = buf.length
  const cls = BYTE_CLASS
  while (i < n && (i <= end || (cls[buf[i - 1]] & B64) !== 0)) {
    const f = cls[buf[i]]
    if ((f & B64) === 0) {
      i++
      continue
    }
    // Hex pairs with separators start like a run of hex digits.
    if (f & HEX && i + 2 < n && cls[buf[i + 1]] & HEX && cls[buf[i + 2]] & SEP) {
      let j = i
      let pairs = 0
      while (j + 1 < n && cls[buf[j]] & HEX && cls[buf[j + 1]] & HEX) {
        pairs++
        j += 2
        if (j < n && cls[buf[j]] & SEP) j++
        else break
      }
      if (pairs >= 6) {
        hexPairs.push([i, j])
        i = j
        continue
      }
    }
    i = runFrom(buf, i, runs)
  }
  return i
}

const base32Digits = (buf: Buffer, s: number, e: number): boolean => {
  for (let k = s; k < e; k++) {
    const c = buf[k]
    if ((BYTE_CLASS[c] & (UPPER | LOWER)) !== 0 || c === 61) continue
    if ((BYTE_CLASS[c] & B32) === 0) return false
  }
  return true
}

/**
 * Spans widened by `margin` bytes and then to whole tokens, merged: the stretches of a text a transformation can
 * change, with room for the secret around the change. Undefined when they would cover most of the text (the
 * whole text is transformed then).
 */
const regions = (buf: Buffer, spans: ReadonlyArray<[number, number]>, margin: number): Array<[number, number]> | undefined => {
  const n = buf.length
  if (spans.length > 256) return undefined
  const out: Array<[number, number]> = []
  for (const [a, b] of spans) widenInto(buf, Math.max(0, a - margin), Math.min(n, b + margin), out)
  let covered = 0
  for (const [s, e] of out) covered += e - s
  return covered > (n * 3) / 5 ? undefined : out
}

/**
 * Adds the range [s, e) to `out` (ranges in ascending order of start) widened to whole tokens (at most 256 bytes
 * back, 8192 on), merged with the last range when it starts within 32 bytes of its end. Widening is skipped where
 * it cannot change the result: a range that joins the last one keeps that one's start, and one that ends inside it
 * cannot widen past its end when a byte that is not a token byte (or the end of the text) is there. Without that,
 * many spans inside one long token (escapes in a URL holding a base64 image) each walked the same 8 KB.
 */
const widenInto = (buf: Buffer, s: number, e: number, out: Array<[number, number]>): void => {
  const n = buf.length
  const last = out[out.length - 1]
  if (last === undefined || s > last[1] + 32) for (let k = 0; k < 256 && s > 0 && isTokenByte(buf[s - 1]); k++) s--
  const inside = last !== undefined && e <= last[1] && (last[1] === n || !isTokenByte(buf[last[1]]))
  if (!inside) for (let k = 0; k < 8192 && e < n && isTokenByte(buf[e]); k++) e++
  if (last !== undefined && s <= last[1] + 32) last[1] = Math.max(last[1], e)
  else out.push([s, e])
}

const isBlank = (buf: Buffer, s: number, e: number): boolean => {
  for (let i = s; i < e; i++) if (buf[i] !== 32 && buf[i] !== 10 && buf[i] !== 13 && buf[i] !== 9) return false
  return true
}

/** How many decoded variants, and how many decoded characters, one input may produce. */
const MAX_VARIANTS = 24
const MAX_DECODED_CHARS = 512 * 1024

type Budget = { variants: number; chars: number }

/** A decoded text as a variant, and what it decodes to in turn (to the depth left). */
const addDecoded = (text: string, pass: string, maxDepth: number, budget: Budget, out: Variant[]) => {
  if (budget.variants <= 0 || budget.chars <= 0) return
  budget.variants--
  budget.chars -= text.length
  out.push({ text, pass })
  if (maxDepth <= 1) return
  for (const v of decodeVariants(text, { maxDepth: maxDepth - 1, maxVariants: budget.variants, maxChars: budget.chars })) {
    budget.variants--
    budget.chars -= v.text.length
    out.push({ text: v.text, pass: `${pass}>${v.pass}` })
  }
}

/** base64, hex and base32 decodings of one encoded run, and what they decode to in turn (bounded depth). */
const decodeRun = (run: string, maxDepth: number, budget: Budget, out: Variant[]) => {
  for (const [pass, f] of [["base64", tryBase64], ["hex", tryHex], ["base32", tryBase32]] as const) {
    if (budget.variants <= 0 || budget.chars <= 0) return
    const d = f(run)
    if (d !== undefined) addDecoded(d, pass, maxDepth, budget, out)
  }
}

const TAG_LEAD = Buffer.from([0xf3, 0xa0])

/** Hangul jamo: letters (not marks) that compose with one another under NFC. */
const JAMO = /[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/
const MARK = /\p{M}/u
const inertChars = new Map<number, boolean>()

/**
 * Whether forDlp leaves a character as it is wherever it stands: it maps to itself, has no decomposition, is no
 * mark and no jamo (the characters that compose with a neighbour under NFC/NFKC are marks and jamo). A text
 * whose characters are ASCII (tab, newline, carriage return and printable) or inert is its own forDlp: every
 * pass of it is the identity on such a text (test/layers/detect/dlpPasses.test.ts checks it). Typographic
 * quotes, dashes, arrows, box drawing, emoji and CJK are inert; `é`, `…`, a no-break space are not.
 */
const inertChar = (cp: number): boolean => {
  let ok = inertChars.get(cp)
  if (ok === undefined) {
    const ch = String.fromCodePoint(cp)
    ok = forDlp(ch) === ch && ch.normalize("NFD") === ch && ch.normalize("NFKC") === ch && !MARK.test(ch) && !JAMO.test(ch)
    if (inertChars.size < 4096) inertChars.set(cp, ok)
  }
  return ok
}

/** Whether the unusual bytes [s, e) (one span of scanBytes) are characters forDlp leaves alone. */
export const inertSpan = (buf: Buffer, s: number, e: number): boolean => {
  // Control bytes are never inert (forDlp drops them); a span of them is caught by its first character anyway.
  for (const ch of buf.toString("utf8", s, e)) if (!inertChar(ch.codePointAt(0)!)) return false
  return true
}

/**
 * The other texts to scan for one input: Unicode-normalised, regrouped, and decoded variants. Each is made from
 * the stretches of the text that the transformation can change (with room around them), not from the whole text:
 * a 10 KB document with one `%20` in it is not scanned twice. An encoded run is decoded on its own (its decoding
 * carries no context from around it anyway).
 */
const views = (c: CompiledDlp, text: string, buf: Buffer, grouped: boolean, controls = true): Variant[] => {
  const out: Variant[] = []
  const bytes = scanBytes(buf, controls)
  if (bytes.unusual.length > 0) {
    const at = regions(buf, bytes.unusual, 128)
    // A stretch whose unusual characters are all inert (`inertSpan`) is left as it is by forDlp: not normalised.
    // Past 511 spans scanBytes stops listing them, and the whole text may hold unlisted ones.
    const listed = bytes.unusual.length < 512
    if (at === undefined) {
      if (!listed || !bytes.unusual.every(([s, e]) => inertSpan(buf, s, e))) {
        const norm = forDlp(text)
        if (norm !== text) out.push({ text: norm, pass: "normalized" })
      }
    } else {
      let k = 0
      for (const [s, e] of at) {
        // The spans in this stretch (each lies inside one: stretches are the spans widened and merged).
        let inert = true
        for (; k < bytes.unusual.length && bytes.unusual[k][0] < e; k++) if (inert && !inertSpan(buf, bytes.unusual[k][0], bytes.unusual[k][1])) inert = false
        if (inert) continue
        const piece = buf.toString("utf8", s, e)
        const norm = forDlp(piece)
        if (norm !== piece) out.push({ text: norm, pass: "normalized" })
      }
    }
    // Tag characters (U+E0020–E007E) are F3 A0 8x xx in UTF-8.
    if (buf.indexOf(TAG_LEAD) !== -1 && hasTagText(text)) out.push({ text: forDlp(revealTags(text).replace(/ /g, "")), pass: "unicode-tags" })
  }
  if (grouped) {
    const joined = text.replace(GROUPED, (run: string) => run.split(" ").join("").split("-").join(""))
    if (joined !== text) out.push({ text: joined, pass: "grouped" })
  }
  const budget = { variants: MAX_VARIANTS, chars: MAX_DECODED_CHARS }
  // Escapes: the stretches around them percent-decoded (repeatedly) and unescaped, each result decoded further.
  // The encoded runs inside them are decoded below with all the others.
  if (bytes.escapes.length > 0) {
    for (const [s, e] of regions(buf, bytes.escapes, 192) ?? [[0, buf.length]]) {
      const piece = buf.toString("utf8", s, e)
      urlDecodeLayers(piece).forEach((layer, i) => addDecoded(layer, i === 0 ? "url" : `url×${i + 1}`, c.maxDecodeDepth, budget, out))
      const unescaped = unescapeEscapes(piece)
      if (unescaped !== piece) addDecoded(unescaped, "escape", c.maxDecodeDepth, budget, out)
    }
  }
  for (const [s, e] of bytes.hexPairs) {
    const d = tryHex(buf.toString("latin1", s, e))
    if (d !== undefined) addDecoded(d, "hex", c.maxDecodeDepth, budget, out)
  }
  // Runs separated only by line breaks or spaces are one encoded block wrapped at a width (MIME, PEM, `base64`
  // output): decoded joined, and each on its own.
  const runs: Array<[number, number, boolean]> = []
  for (const [s, e] of bytes.runs) {
    const last = runs[runs.length - 1]
    if (last !== undefined && s - last[1] <= 4 && isBlank(buf, last[1], s)) {
      last[1] = e
      last[2] = true
    } else runs.push([s, e, false])
  }
  for (const [s, e, wrapped] of runs) {
    if (budget.variants <= 0 || budget.chars <= 0) break
    if (wrapped) decodeRun(buf.toString("latin1", s, e).replace(/\s+/g, ""), c.maxDecodeDepth, budget, out)
  }
  for (const [s, e] of bytes.runs) {
    if (budget.variants <= 0 || budget.chars <= 0) break
    decodeRun(buf.toString("latin1", s, e), c.maxDecodeDepth, budget, out)
  }
  return out
}

/** Upper-case/digit groups of four separated by a space or dash (a key written for readability). */
const GROUPED = new RE2("\\b(?:[A-Z0-9]{4}[ -]){3,}[A-Z0-9]{2,8}\\b", "gu")

/** The bytes of a text being scanned, written into a buffer reused from text to text (texts up to 64 K characters). */
let textScratch = Buffer.allocUnsafe(0)
const rawBytes = (text: string): Buffer => {
  if (text.length > 65536) return Buffer.from(text, "utf8")
  if (textScratch.length < 3 * text.length) textScratch = Buffer.allocUnsafe(Math.max(3 * 16384, 3 * text.length))
  return textScratch.subarray(0, textScratch.write(text, 0, "utf8"))
}

/** Secrets in one text. `location` names where it was (`body`, `header:authorization`, `params.arguments.cmd`). */
export const scanText = (c: CompiledDlp, text: string, location: string, ctx: ScanContext = {}): Finding[] => {
  if (text.length === 0) return []
  const out: Finding[] = []
  // The text crosses into RE2 once, as UTF-8 bytes: both set passes and every rule run on them.
  const buf = rawBytes(text)
  const first = scanView(c, text, { location, pass: "raw", ctx }, out, buf)
  // A view whose text was scanned already (the raw text, or a view reached another way: `url>escape` and
  // `escape>url` are often the same text) would only repeat findings that dedupe drops.
  let scanned: Set<string> | undefined
  for (const v of views(c, text, buf, first.grouped, first.controls)) {
    scanned ??= new Set([text])
    if (scanned.has(v.text)) continue
    scanned.add(v.text)
    scanView(c, v.text, { location, pass: v.pass, ctx }, out)
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
    scanView(c, glued.join("\n"), { location: "joined", pass: "joined", ctx, patternsOnly: true }, joinedFindings)
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
  const probe: Finding[] = []
  const buf = Buffer.from(all, "utf8")
  const first = scanView(c, all, { location: "url", pass: "raw", ctx: { ...ctx, host } }, probe, buf)
  if (probe.length === 0 && !first.grouped) {
    // Nothing found and nothing a decoding or normalisation could change: done.
    const bytes = scanBytes(buf)
    if (bytes.escapes.length === 0 && bytes.hexPairs.length === 0 && bytes.runs.length === 0 && bytes.unusual.length === 0) return []
    if (views(c, all, buf, false).length === 0) return []
  }
  const out: Finding[] = []
  for (const p of parts) out.push(...scanText(c, p.value, p.location, { ...ctx, host }))
  if (values.length >= 2) {
    const found = new Set(out.map((f) => f.rule))
    const joined: Finding[] = []
    scanView(c, values.join(""), { location: "url.query(joined)", pass: "joined", ctx: { ...ctx, host }, patternsOnly: true }, joined)
    out.push(...joined.filter((f) => !found.has(f.rule)))
  }
  return dedupe(out)
}
