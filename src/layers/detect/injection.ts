/**
 * The prompt-injection core. The catalogue runs as one RE2.Set over each view of the text, in order:
 * raw; JSON-unescaped; markup-stripped; Unicode-normalised (NFKC, invisibles removed, homoglyphs folded,
 * marks dropped); invisibles as spaces; leetspeak folded; with optional whitespace (`ignoreallprevious…`);
 * and decoded base64/hex payloads. A later pass runs only when the earlier ones found nothing; each finding
 * names the pass that exposed it.
 *
 * Quoted examples — a phrase that is exactly what sits between quotes, as in security writing ("phrases
 * like 'ignore previous instructions'") — are reported at low severity. Several distinct medium signals in
 * one text escalate to a high "Multiple Injection Signals" finding.
 */
import { type Finding, redact, type Severity } from "../../services/Verdict.ts"
import { encodedRuns, tryBase64, tryHex } from "./decode.ts"
import { decodable, gates } from "./gates.ts"
import { builtinInjectionPatterns, coreInjectionPatterns, type InjectionPatternSpec } from "./injectionPatterns.ts"
import { despace, foldLeetspeak, forMatching, hasLeet, hasTagText, invisibleToSpace, revealTags, stripMarkupTracked, type Tracked, unescapeJsonishTracked } from "./normalize.ts"
import { RuleIndex } from "./prefilter.ts"
import { RE2 } from "./re2.ts"

export interface InjectionOptions {
  readonly patterns: ReadonlyArray<InjectionPatternSpec>
  /** Also run the core set (default true). */
  readonly includeCore?: boolean | undefined
}

export class InjectionPatternError extends Error {
  readonly patternName: string
  constructor(patternName: string, message: string) {
    super(`injection pattern "${patternName}": ${message}`)
    this.patternName = patternName
  }
}

export interface CompiledInjection {
  readonly specs: ReadonlyArray<InjectionPatternSpec>
  /** The patterns behind their literal prefilter (prefilter.ts). */
  readonly index: RuleIndex
  /** The same patterns with `\s+` relaxed to `\s*` (words run together), built on first use. */
  readonly relaxed: () => RuleIndex
}

/** `\s+` → `\s*` and `[-,;:.\s]+` → `[-,;:.\s]*`: the Go optional-whitespace variant of a pattern. */
const relax = (source: string): string => source.replace(/\\s\+/g, "\\s*").replace(/\[-,;:\.\\s\]\+/g, "[-,;:.\\s]*")

const builtinRegexes: ReadonlySet<string> = new Set(builtinInjectionPatterns.map((s) => s.regex))

export const compile = (opts: InjectionOptions): CompiledInjection => {
  const byName = new Map<string, InjectionPatternSpec>()
  if (opts.includeCore !== false) for (const s of coreInjectionPatterns) byName.set(s.name, s)
  for (const s of opts.patterns) byName.set(s.name, s)
  const specs = [...byName.values()]
  // A pattern that does not compile is a configuration error, reported now rather than on first use (the
  // built-in catalogue is known to compile, and compiling its 76 patterns at every start was ≈ 6% of `pipelock check --url`).
  for (const s of specs) {
    if (builtinRegexes.has(s.regex)) continue
    try {
      new RE2(s.regex, "u")
    } catch (e) {
      throw new InjectionPatternError(s.name, e instanceof Error ? e.message : String(e))
    }
  }
  let relaxed: RuleIndex | undefined
  let index: RuleIndex | undefined
  return {
    specs,
    // Built on first use (a surface that scans text): `pipelock check --url` and configs that never scan responses skip it.
    get index() { return (index ??= new RuleIndex(specs.map((s) => s.regex))) },
    relaxed: () => (relaxed ??= new RuleIndex(specs.map((s) => relax(s.regex))))
  }
}

/** Opening quote → the closing quotes that end it. */
const PAIRS: Readonly<Record<string, string>> = {
  "'": "'\u2019", '"': '"', "`": "`", "\u2018": "\u2019", "\u201C": "\u201D", "\u201E": "\u201C\u201D", "\u00AB": "\u00BB", "\u300C": "\u300D", "\u300E": "\u300F"
}
/** Words that introduce a quotation in writing about attacks ("phrases like", "the payload read:"). */
const QUOTE_CUE = /\b(?:examples?|e\.g\.|such\s+as|like|phrases?|payloads?|sentences?|strings?|text|reads?|said|says|wrote|written|called|known\s+as|injections?|attacks?|attackers?|jailbreaks?|prompts?|quoted?|patterns?|wording|messages?|lines?|instances?|literally|verbatim)\b/i
const LETTER = /[\p{L}\p{N}]/u

/**
 * Whether a match sits inside a quotation in prose — security writing that cites an attack — rather than
 * being an instruction: an opening quote at a word start shortly before it (no closing quote between), a
 * closing quote at a word end shortly after, a cue word before the quote ("phrases like", "the payload
 * read:"), and the quote not being JSON syntax (a JSON string value is data the agent reads, not a quote).
 */
const isQuoted = (text: string, start: number, end: number): boolean => {
  const lineStart = Math.max(text.lastIndexOf("\n", start - 1) + 1, start - 160)
  let open = -1
  for (let i = start - 1; i >= lineStart; i--) {
    const c = text[i]
    if (PAIRS[c] === undefined) continue
    const prev = i > 0 ? text[i - 1] : " "
    // An opening quote starts a word; `'` inside a word is an apostrophe.
    if (!LETTER.test(prev)) {
      open = i
      break
    }
  }
  if (open === -1) return false
  const closers = PAIRS[text[open]]
  // No closing quote between the opening one and the match (the match would then be outside the quote).
  for (let i = open + 1; i < start; i++) if (closers.includes(text[i]) && (text[i] === '"' || !LETTER.test(text[i + 1] ?? " "))) return false
  const lineEnd = (() => {
    const nl = text.indexOf("\n", end)
    return Math.min(nl === -1 ? text.length : nl, end + 200)
  })()
  let close = -1
  for (let i = end; i < lineEnd; i++) {
    if (closers.includes(text[i]) && !LETTER.test(text[i + 1] ?? " ")) {
      close = i
      break
    }
  }
  if (close === -1) return false
  // JSON: `"key": "…"`, `["…"`, `"a", "…"` are string values, not quotations (a comma after a word is prose:
  // `instructions like, "…"`).
  const before = text.slice(Math.max(0, open - 160), open)
  if (/(?:"\s*:|[[{]|(?:"|\d|[\]}]|\btrue|\bfalse|\bnull)\s*,)\s*$/.test(before)) return false
  return QUOTE_CUE.test(before) || isCodeArgument(text, open, close)
}

/** Within a fenced code block: an odd number of ``` fences before `at`. */
const inFence = (text: string, at: number): boolean => {
  let n = 0
  for (let i = text.indexOf("```"); i !== -1 && i < at; i = text.indexOf("```", i + 3)) n++
  return n % 2 === 1
}

/**
 * A string literal that is a whole argument of a call inside a fenced code block — `detect("Ignore previous
 * instructions")` in the README or the tests of a prompt-injection library — is a code example of the input a
 * program is given, like a quotation in prose: `name(` right before the opening quote, `)` or `,` right after
 * the closing one.
 */
const isCodeArgument = (text: string, open: number, close: number): boolean =>
  /[\w$]\(\s*$/.test(text.slice(Math.max(0, open - 40), open)) && /^\s*[),]/.test(text.slice(close + 1, close + 8)) && inFence(text, open)

/**
 * An instruction reported in the third person — "instructing it to ignore previous guidelines", "tricks the
 * model into revealing its system prompt" — describes an attack on some other system; it is not addressed to
 * the agent reading it (an injection says "you"). Read on the 80 characters before the match, same sentence.
 */
const REPORTED = new RE2("\\b(?:instruct(?:s|ed|ing)?|tell(?:s|ing)?|told|ask(?:s|ed|ing)?|direct(?:s|ed|ing)?|trick(?:s|ed|ing)?|convinc(?:es?|ed|ing)|caus(?:es?|ed|ing)|mak(?:es?|ing)|made|forc(?:es?|ed|ing)|get(?:s|ting)?|got|coax(?:es|ed|ing)?|manipulat(?:es?|ed|ing))\\s+(?:it|them|the\\s+(?:target\\s+)?(?:model|chatbot|llm|assistant|ai|agent|bot|system|application|victim)s?)\\s+(?:to|into)\\s+(?:\\w+\\s+){0,2}$", "i")
const isReported = (text: string, start: number): boolean => {
  const from = Math.max(0, start - 80)
  const before = text.slice(from, start)
  const cut = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"))
  return REPORTED.test(cut === -1 ? before : before.slice(cut + 1))
}

/**
 * A match whose only addresses are the documentation placeholder example.com/.net/.org (or its api. and www.):
 * "send data to https://api.example.com/import" in a template names no destination anyone controls.
 */
const URLISH = new RE2("(?i)https?://|@", "u")
const ADDRESS = new RE2("(?i)(?:https?://|@)[\\w.-]+", "gu")
const PLACEHOLDER_HOST = new RE2("(?i)(?:^|[/@])(?:api\\.|www\\.)?example\\.(?:com|net|org)$", "u")
const ADDRESS_END = new Set([32, 9, 10, 13, 12, 34, 39, 60, 62, 41, 93])
/** The match, continued to the end of an address it stops inside (`… to https://` → `… to https://api.example.com/x`). */
const withAddress = (text: string, at: number, length: number): string => {
  let end = at + length
  while (end < text.length && end < at + length + 200 && !ADDRESS_END.has(text.charCodeAt(end))) end++
  return text.slice(at, end)
}
const PLACEHOLDER_ONLY = (s: string): boolean => {
  const addrs = s.match(ADDRESS) ?? []
  return addrs.length > 0 && addrs.every((a) => PLACEHOLDER_HOST.test(a))
}

interface Hit {
  readonly spec: InjectionPatternSpec
  readonly match: string
  readonly quoted: boolean
}

/** Whether a rule's strict (whitespace-requiring) pattern matches inside `s`. */
const matchesStrict = (strict: RuleIndex, rule: number, s: string): boolean => {
  const re = strict.regex(rule)
  re.lastIndex = 0
  return re.test(s)
}

/** In the relaxed (no-whitespace) pass, code identifiers like `skipPreviousRules` are not phrases. */
const looksLikeIdentifier = (s: string) => /[a-z][A-Z]|_/.test(s) && !/\s/.test(s)

/**
 * The rules that match in `text`: the prefilter names the candidates and where to look; a one-pattern set
 * confirms a stretch matches before the regex finds where (up to 32 matches, for one that is not quoted).
 */
const hits = (index: RuleIndex, specs: ReadonlyArray<InjectionPatternSpec>, text: string, strict?: RuleIndex, encoded?: Buffer, changed?: ReadonlyArray<number>): Hit[] => {
  const relaxed = strict !== undefined
  const out: Hit[] = []
  let bytes = encoded
  // `changed`: the only positions where this text differs from one already scanned (a view of it). A match that
  // is new here covers or touches one of them: the prefilter keeps only the stretches around them.
  for (const cand of index.candidates(text, changed)) {
    const rule = cand.rule
    let best: Hit | undefined
    const pieces = cand.stretches === undefined ? [[0, text.length] as const] : cand.stretches
    for (const [s, e] of pieces) {
      const whole = s === 0 && e === text.length
      // The confirmation reads UTF-8: the text is encoded once, and an ASCII text's stretches are views of
      // those bytes (offsets are the same) rather than strings encoded again, once per rule.
      if (bytes === undefined && text.length > 512) bytes = Buffer.from(text, "utf8")
      const ascii = bytes !== undefined && bytes.length === text.length
      const input = whole ? bytes ?? text : ascii ? bytes!.subarray(s, e) : text.slice(s, e)
      if (!index.matches(rule, input, s === 0, e === text.length)) continue
      const piece = whole ? text : text.slice(s, e)
      const re = index.regex(rule, s === 0, e === text.length)
      re.lastIndex = 0
      let m: RegExpExecArray | null
      let n = 0
      while ((m = re.exec(piece)) !== null && n++ < 32) {
        if (m[0].length === 0) {
          re.lastIndex++
          continue
        }
        if (relaxed && looksLikeIdentifier(m[0])) continue
        // Words the relaxed pass joins that are spaced as the rule wants were read by an earlier pass, with the
        // whole text around them (a quotation judged there is not re-judged on a stretch cut out of its context).
        if (relaxed && matchesStrict(strict, rule, m[0])) continue
        const quoted = isQuoted(text, s + m.index, s + m.index + m[0].length) || isReported(text, s + m.index) || (URLISH.test(m[0]) && PLACEHOLDER_ONLY(withAddress(piece, m.index, m[0].length)))
        best = { spec: specs[rule], match: m[0], quoted }
        if (!quoted) break
      }
      if (best !== undefined && !best.quoted) break
    }
    if (best !== undefined) out.push(best)
  }
  return out
}

const rank: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 }

const toFindings = (found: Hit[], location: string, pass: string): Finding[] =>
  found.map((h) => ({
    scanner: "injection",
    rule: h.spec.name,
    severity: h.quoted ? "low" : h.spec.severity ?? "high",
    location,
    evidence: excerpt(h.match),
    message: h.quoted ? `${h.spec.name} (quoted example)` : `${h.spec.name} detected`,
    pass
  }))

/**
 * The findings of all passes that ran, one per rule (the most severe), plus the escalations: several
 * distinct medium signals are a high "Multiple Injection Signals"; a medium signal that only showed once
 * the text was decoded (base64/hex) is a high "Encoded Instruction" (hiding an instruction is a signal).
 */
export const finish = (all: ReadonlyArray<Finding>, location: string): Finding[] => {
  const byRule = new Map<string, Finding>()
  for (const f of all) {
    const had = byRule.get(f.rule)
    if (had === undefined || rank[f.severity] > rank[had.severity]) byRule.set(f.rule, f)
  }
  const findings = [...byRule.values()]
  if (findings.some((f) => rank[f.severity] >= 2)) return findings
  const medium = findings.filter((f) => f.severity === "medium")
  const decoded = medium.find((f) => /(?:^|>)(?:base64|hex)$/.test(f.pass ?? ""))
  if (decoded !== undefined) {
    findings.push({
      scanner: "injection", rule: "Encoded Instruction", severity: "high", location, evidence: decoded.evidence,
      message: `an encoded (${decoded.pass}) payload decodes to an instruction (${decoded.rule})`, pass: decoded.pass
    })
  } else if (medium.length >= 2) {
    findings.push({
      scanner: "injection", rule: "Multiple Injection Signals", severity: "high", location,
      evidence: medium.map((f) => f.rule).join(", "), message: `${medium.length} injection signals in one text`, pass: medium[medium.length - 1].pass
    })
  }
  return findings
}

/** Evidence for injection is the phrase itself (it is not a secret), shortened. */
const excerpt = (s: string): string => {
  const one = s.replace(/\s+/g, " ").trim()
  return one.length <= 100 ? one : `${one.slice(0, 97)}…`
}

/** Bounded recursive decoding of base64/hex runs (depth 2), for instructions smuggled encoded. */
const decodedPayloads = (text: string): Array<{ text: string; pass: string }> => {
  const out: Array<{ text: string; pass: string }> = []
  const visit = (t: string, via: string, depth: number) => {
    if (depth > 2 || out.length >= 16) return
    const runs = encodedRuns(t, 16)
    const whole = t.replace(/\s+/g, "")
    if (whole.length >= 16 && !runs.includes(whole)) runs.unshift(whole)
    for (const run of runs.slice(0, 32)) {
      for (const [name, f] of [["base64", tryBase64], ["hex", tryHex]] as const) {
        const d = f(run)
        if (d !== undefined && d.length >= 8) {
          const pass = via === "" ? name : `${via}>${name}`
          out.push({ text: d, pass })
          visit(d, pass, depth + 1)
        }
      }
    }
  }
  visit(text, "", 1)
  return out
}

const MAX_SCAN = 4 * 1024 * 1024

/** How far a pattern can reach from the character that made it match (our longest bounded gaps, with room). */
const REACH = 384

/**
 * The stretches of `text` within REACH of a trigger position, merged; undefined when they would cover most of
 * the text anyway (then the whole text is the view). Positions must be ascending.
 */
const stretchesAround = (text: string, positions: ReadonlyArray<number>): string[] | undefined => {
  const out: string[] = []
  let start = -1
  let end = -1
  let covered = 0
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k]
    const s = Math.max(0, i - REACH)
    const e = Math.min(text.length, i + REACH)
    if (start !== -1 && s <= end) end = Math.max(end, e)
    else {
      if (start !== -1) {
        out.push(text.slice(start, end))
        covered += end - start
      }
      start = s
      end = e
    }
    if (covered + (end - start) > text.length * 0.6) return undefined
  }
  if (start !== -1) out.push(text.slice(start, end))
  return out
}

/** A tracked view of a stretch cut from a text, its first and last characters counted as changed too. */
const withEnds = (t: Tracked): Tracked => {
  const n = t.text.length
  if (n === 0) return t
  const changed = t.changed.length > 0 && t.changed[0] === 0 ? [...t.changed] : [0, ...t.changed]
  if (changed[changed.length - 1] !== n - 1) changed.push(n - 1)
  return { text: t.text, changed }
}

// The position finders return arrays, not generators: a generator's resumption per position cost more than finding it.

/** The positions of the characters (UTF-16 code units) a table marks, ascending. */
const charPositions = (text: string, trigger: Uint8Array): number[] => {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) if (trigger[text.charCodeAt(i)] === 1) out.push(i)
  return out
}

/** A table marking the code units `codes` and those from `from` up (set directly: a predicate called 65,536 times cost ≈ 3 ms a table at every start). */
const table = (codes: ReadonlyArray<number>, from = 65536): Uint8Array => {
  const t = new Uint8Array(65536)
  for (const c of codes) t[c] = 1
  t.fill(1, from)
  return t
}
// Lookup tables rather than a predicate per character: three call sites with three closures made the call
// megamorphic (not inlined), a few nanoseconds a character over every text with a view.
const BACKSLASH = table([92])
const MARKUP_AT = table([60, 38])
const NON_ASCII = table([], 128)

const regexPositions = (text: string, re: RE2): number[] => {
  const out: number[] = []
  re.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    out.push(m.index)
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}

// They only locate where a view can differ; RE2 like every pattern that reads traffic.
const LEET_AT = new RE2("[A-Za-z][013457@$|!][A-Za-z]|\\b[013457@$][A-Za-z]{2}", "g")

/** Where each run of 20 or more ASCII letters starts (words run together), ascending. */
const gluedPositions = (text: string): number[] => {
  const out: number[] = []
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) | 32 : 0
    if (c >= 97 && c <= 122) continue
    if (i - start >= 20) out.push(start)
    start = i + 1
  }
  return out
}

/**
 * Prompt injection in one text; `location` names where it was (`body`, `result.content[0].text`…). The
 * passes run in order until one finds a high or critical signal; what the passes found is merged (a
 * medium phrase in the raw text does not stop a critical one from being found in the normalised text).
 */
export const scanText = (c: CompiledInjection, input: string, location: string): Finding[] => {
  if (input.length === 0) return []
  const text = input.length > MAX_SCAN ? input.slice(0, MAX_SCAN) : input
  const bytes = text.length > 512 ? Buffer.from(text, "utf8") : undefined
  const all: Finding[] = []
  /** Adds a pass's hits; true when they settle it (a high or critical signal). */
  const accept = (found: Hit[], pass: string): boolean => {
    if (found.length === 0) return false
    const fs = toFindings(found, location, pass)
    all.push(...fs)
    return fs.some((f) => rank[f.severity] >= 2)
  }

  if (accept(hits(c.index, c.specs, text, undefined, bytes), "raw")) return finish(all, location)

  const g = gates(bytes ?? text)
  // A view is the whole text transformed, or (for the Unicode views) the transformed stretches around the
  // characters the transformation touches.
  // When the stretches would cover most of the text, the whole text is transformed, keeping track of what the
  // transformation wrote: the rules are confirmed only around that (what lies elsewhere the raw pass read).
  // The stretches are transformed tracked too, their two ends counted as changed: a stretch cut from the text is
  // the text's own characters but where the transformation wrote and at its ends (where `^`, `$` and `\b` may now
  // match), so a match elsewhere in it is one the raw pass read.
  const views: Array<[string, () => string | ReadonlyArray<string> | Tracked | ReadonlyArray<Tracked>]> = []
  const around = (positions: () => ReadonlyArray<number>, whole: (s: string) => Tracked) => () => {
    const parts = stretchesAround(text, positions())
    return parts === undefined ? whole(text) : parts.map((p) => withEnds(whole(p)))
  }
  if (g.backslash) views.push(["json-unescape", around(() => charPositions(text, BACKSLASH), unescapeJsonishTracked)])
  if (g.markup) views.push(["markup", around(() => charPositions(text, MARKUP_AT), (s) => stripMarkupTracked(unescapeJsonishTracked(s)))])
  if (g.spacedLetters) views.push(["despaced", () => despace(text)])
  const ascii = !g.nonAscii
  // The Unicode views change only non-ASCII characters: a phrase one of them exposes lies within reach of such
  // a character, so only those stretches are normalised and scanned (a page with a few curly quotes is not
  // scanned three more times in full). The same holds for markup (around `<` and `&`), JSON escapes (around
  // `\`), leetspeak (around digits and symbols inside words) and glued words (around long letter runs).
  const local = ascii ? undefined : stretchesAround(text, charPositions(text, NON_ASCII))
  const mapLocal = (f: (s: string) => string) => () => (local === undefined ? f(text) : local.map(f))
  // The normalised stretches, for the unicode view and again (without whitespace) for glued words.
  let unicode: string[] | undefined
  const unicodePieces = () => (unicode ??= (local ?? []).map(forMatching))
  if (!ascii) {
    views.push(["unicode", () => (local === undefined ? norm() : unicodePieces())])
    // Where no invisible character is spaced out, the view is the unicode view's (already scanned, so skipped):
    // that piece is reused rather than normalised again.
    views.push(["invisible-space", () => {
      if (local === undefined) {
        const t = invisibleToSpace(text)
        return t === text ? norm() : forMatching(t)
      }
      const u = unicodePieces()
      return local.map((s, i) => {
        const t = invisibleToSpace(s)
        return t === s ? u[i] : forMatching(t)
      })
    }])
    if (hasTagText(text)) views.push(["unicode-tags", mapLocal((s) => forMatching(revealTags(s)))])
  }
  let normalized: string | undefined
  const norm = () => (normalized ??= ascii ? text : forMatching(text))
  // A view identical to one already scanned (no invisible characters to space out, …) is not scanned again.
  const scanned = new Set<string>([text])
  const scanPieces = (pieces: ReadonlyArray<string>, pass: string): boolean => {
    const found: Hit[] = []
    for (const piece of pieces) {
      if (scanned.has(piece)) continue
      scanned.add(piece)
      found.push(...hits(c.index, c.specs, piece))
    }
    return accept(found, pass)
  }
  const scanTracked = (views: ReadonlyArray<Tracked>, pass: string): boolean => {
    const found: Hit[] = []
    for (const t of views) {
      if (scanned.has(t.text)) continue
      scanned.add(t.text)
      found.push(...hits(c.index, c.specs, t.text, undefined, undefined, t.changed))
    }
    return accept(found, pass)
  }
  for (const [pass, make] of views) {
    const view = make()
    if (typeof view === "string") {
      if (scanPieces([view], pass)) return finish(all, location)
    } else if (Array.isArray(view)) {
      const list = view as ReadonlyArray<string | Tracked>
      if (list.length > 0 && typeof list[0] !== "string" ? scanTracked(list as ReadonlyArray<Tracked>, pass) : scanPieces(list as ReadonlyArray<string>, pass)) return finish(all, location)
    } else if (scanTracked([view as Tracked], pass)) return finish(all, location)
  }
  if (g.leet || (!ascii && hasLeet(norm()))) {
    const n = norm()
    const parts = stretchesAround(n, regexPositions(n, LEET_AT))
    if (n === text) {
      // The fold maps each character to one: the folded text (or stretch of it) is the raw text but where a
      // character changed (and at a stretch's ends), so only the stretches around those are confirmed again.
      const tracked = (p: string): Tracked => {
        const folded = foldLeetspeak(p)
        const changed: number[] = []
        for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) !== folded.charCodeAt(i)) changed.push(i)
        return { text: folded, changed }
      }
      const views = parts === undefined ? [tracked(n)].filter((t) => t.text !== n) : parts.map((p) => withEnds(tracked(p)))
      if (scanTracked(views, "leetspeak")) return finish(all, location)
    } else if (scanPieces((parts ?? [n]).map(foldLeetspeak), "leetspeak")) return finish(all, location)
  }
  if (g.longAlpha) {
    const n = norm()
    const parts = stretchesAround(n, gluedPositions(n))
    const found: Hit[] = []
    if (parts === undefined) found.push(...hits(c.relaxed(), c.specs, n, c.index))
    else for (const piece of parts) found.push(...hits(c.relaxed(), c.specs, piece, c.index))
    if (accept(found, "whitespace")) return finish(all, location)
  } else if (!ascii) {
    // Words glued by removed invisible characters: the normalised stretches, without whitespace.
    const pieces = local === undefined ? [norm()] : unicodePieces()
    const found: Hit[] = []
    for (const piece of pieces) found.push(...hits(c.relaxed(), c.specs, piece, c.index))
    if (accept(found, "whitespace")) return finish(all, location)
  }
  if (!decodable(g, text)) return finish(all, location)
  for (const d of decodedPayloads(text)) {
    if (accept(hits(c.index, c.specs, forMatching(d.text)), d.pass)) return finish(all, location)
  }
  return finish(all, location)
}
