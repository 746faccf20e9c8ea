/**
 * Literal prefilters for the injection rules: what a text must contain for a rule to match at all, and how far
 * a match can reach from it.
 *
 * `analyse(source)` reads an RE2 pattern (its syntax, not its meaning: a small parser of the RE2 grammar) and
 * returns
 * - `literals`: a set of strings such that every match of the pattern contains one of them (ASCII letters
 *   lower-cased; the prefilter searches case-insensitively, a superset of what a case-sensitive rule needs),
 *   chosen to be rare — the longest and least common words the pattern requires — or `undefined` when the
 *   pattern requires no literal (a rule of character classes only): that rule always runs;
 * - `reach`: the longest match in UTF-16 code units (`Infinity` when a repetition is unbounded);
 * - `anchored`: the pattern uses `^`/`$` outside multi-line mode or `\A`/`\z`, whose meaning changes when the
 *   pattern runs on a stretch of the text instead of the whole of it.
 *
 * The analysis is conservative: what it cannot read (a construct it does not know) makes the node "no literal"
 * and "unbounded", so an unknown pattern simply runs on the whole text as before. A test checks, on every row of
 * the data pack and the real documents, that the prefiltered scan finds exactly what the full scan finds.
 */

export interface Analysis {
  readonly literals: ReadonlyArray<string> | undefined
  /**
   * Further required sets (each contributes one string to every match), cheapest first, at most
   * MAX_SETS including `literals`: the prefilter looks for the rarest one in the text and keeps a stretch only
   * when the others occur in it too.
   */
  readonly sets: ReadonlyArray<ReadonlyArray<string>>
  readonly reach: Reach
  readonly anchored: boolean
  /**
   * The pattern to run on a stretch of the text: `^` (outside multi-line mode) becomes `\b\B`, which never
   * matches, unless the stretch starts where the text does (`atStart`), and `$` likewise unless it ends where
   * the text ends — inside the whole text they would not match there either. `undefined` for patterns with
   * `\A`/`\z` (those run on the whole text only).
   */
  readonly stretchSource: ((atStart: boolean, atEnd: boolean) => string) | undefined
  /** The pattern uses `^`/`$` in multi-line mode: stretches must start and end at line breaks. */
  readonly lineAnchored: boolean
}

/**
 * The longest match, as a bound that depends on the text: a constant plus multiples of the text's longest run
 * of whitespace (`s`), of word characters (`w`), of whitespace and ASCII punctuation (`p`), and of its longest
 * line (`l`) — an unbounded repetition of one character class can match no more than the longest run of the
 * text's characters in that class. `c` is `Infinity` when nothing bounds it (`.*` across lines, `(?:ab)+`).
 */
export interface Reach {
  readonly c: number
  readonly s: number
  readonly w: number
  readonly p: number
  readonly l: number
}

/** A text's longest runs, for `Reach`. */
export interface Runs {
  readonly s: number
  readonly w: number
  readonly p: number
  readonly l: number
}

export const reachFor = (r: Reach, runs: Runs): number => r.c + r.s * runs.s + r.w * runs.w + r.p * runs.p + r.l * runs.l

type Kind = "s" | "w" | "p" | "l" | "any"

const R0: Reach = { c: 0, s: 0, w: 0, p: 0, l: 0 }
const INF: Reach = { c: Infinity, s: 0, w: 0, p: 0, l: 0 }
const rc = (c: number): Reach => ({ c, s: 0, w: 0, p: 0, l: 0 })
const radd = (a: Reach, b: Reach): Reach => ({ c: a.c + b.c, s: a.s + b.s, w: a.w + b.w, p: a.p + b.p, l: a.l + b.l })
const rmul = (a: Reach, k: number): Reach => (k === 0 ? R0 : { c: a.c * k, s: a.s * k, w: a.w * k, p: a.p * k, l: a.l * k })
const rmax = (a: Reach, b: Reach): Reach => ({ c: Math.max(a.c, b.c), s: Math.max(a.s, b.s), w: Math.max(a.w, b.w), p: Math.max(a.p, b.p), l: Math.max(a.l, b.l) })
const isZero = (a: Reach) => a.c === 0 && a.s === 0 && a.w === 0 && a.p === 0 && a.l === 0

/** What a node can match: its exact strings (when few), a required-literal set, its length bounds. */
interface Info {
  /** Every string the node matches (lower-cased), when there are at most MAX_EXACT; `undefined` otherwise. */
  readonly exact: ReadonlyArray<string> | undefined
  /** Strings one of which every match contains (non-empty), or `undefined`. */
  readonly req: ReadonlyArray<string> | undefined
  /** Several required sets, each of which a match contains one string of (concatenations have several). */
  readonly all?: ReadonlyArray<ReadonlyArray<string>> | undefined
  readonly max: Reach
  /** For a node matching exactly one character: which run bounds a repetition of it. */
  readonly kind?: Kind | undefined
}

const MAX_EXACT = 48
const MAX_SETS = 4

/** Words so common in ordinary text that a literal made of one alone is a poor filter. */
const COMMON = new Set([
  "the", "a", "an", "to", "of", "and", "or", "in", "on", "is", "are", "be", "it", "this", "that", "these", "those", "you", "your", "we", "our", "for",
  "with", "as", "at", "by", "from", "all", "any", "not", "no", "do", "can", "will", "if", "when", "then", "use", "new", "now", "its", "it's",
  "user", "users", "set", "get", "run", "add", "see", "has", "have", "was", "were", "one", "more", "must", "should", "may", "also", "which", "what", "how",
  "error", "data", "file", "files", "system", "note", "list", "show", "make", "read", "only", "each", "every", "other", "but", "so", "there", "here",
  "http://", "https://", "model", "message", "output", "response", "function", "tool", "command", "before", "after", "when", "while", "once"
])

/** Estimated frequency cost of searching for a literal (lower is better: long, uncommon strings). */
const literalCost = (s: string): number => {
  const word = s.trim()
  if (word.length === 0) return 1e9
  const byLength = [1e9, 500, 100, 30, 8, 4, 2][Math.min(s.length, 6)]
  // Several words ("you must", "ignore all") are rarer than any one of them.
  if (COMMON.has(word)) return Math.max(50, byLength)
  return / /.test(word) ? byLength / 4 : byLength
}

const setCost = (xs: ReadonlyArray<string> | undefined): number => {
  if (xs === undefined || xs.length === 0) return Infinity
  let c = 0
  for (const x of xs) c += literalCost(x)
  return c
}

const lowerAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase())

const uniq = (xs: ReadonlyArray<string>): string[] => [...new Set(xs)]

/** A required set made of the strings, unless one is empty (then nothing is required). */
const reqOf = (xs: ReadonlyArray<string> | undefined): ReadonlyArray<string> | undefined => (xs === undefined || xs.some((x) => x.length === 0) ? undefined : uniq(xs))

const better = (a: ReadonlyArray<string> | undefined, b: ReadonlyArray<string> | undefined): ReadonlyArray<string> | undefined => (setCost(b) < setCost(a) ? b : a)

const UNKNOWN: Info = { exact: undefined, req: undefined, max: INF }
const EMPTY: Info = { exact: [""], req: undefined, max: R0 }
const oneChar = (kind: Kind, units = 2): Info => ({ exact: undefined, req: undefined, max: rc(units), kind })

const WORD = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
const SPACE = (c: number) => c === 32 || (c >= 9 && c <= 13)
const PUNCT = (c: number) => c > 32 && c < 127 && !WORD(c)

const kindOfChar = (ch: string): Kind => {
  const c = ch.charCodeAt(0)
  if (ch.length !== 1 || c >= 128) return "l"
  if (WORD(c)) return "w"
  if (SPACE(c)) return "s"
  if (PUNCT(c)) return "p"
  return c === 10 ? "any" : "l"
}

/** A literal character (ASCII letters lower-cased, whitespace read as the prefilter's one space). */
const char = (c: string): Info => ({ exact: [kindOfChar(c) === "s" ? " " : lowerAscii(c)], req: undefined, max: rc(c.length), kind: kindOfChar(c) })

/** Runs of spaces inside a literal collapse like the text's do. */
const collapse = (xs: ReadonlyArray<string>): string[] => uniq(xs.map((x) => x.replace(/ {2,}/g, " ")))

const product = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): string[] | undefined => {
  if (a.length * b.length > MAX_EXACT) return undefined
  const out: string[] = []
  for (const x of a) for (const y of b) out.push(x + y)
  return collapse(out)
}

/** Concatenation: exact strings multiply while few; the required set is the rarest of the children's or of runs of exact children. */
const concat = (parts: ReadonlyArray<Info>): Info => {
  if (parts.length === 0) return EMPTY
  if (parts.length === 1) return parts[0]
  let max = R0
  for (const p of parts) max = radd(max, p.max)
  let best: ReadonlyArray<string> | undefined
  // Maximal runs of exact children, multiplied out (each run's strings occur contiguously in a match).
  let run: ReadonlyArray<string> = [""]
  let exactAll: ReadonlyArray<string> | undefined = [""]
  const all: Array<ReadonlyArray<string>> = []
  const keep = (xs: ReadonlyArray<string> | undefined) => {
    if (xs !== undefined) all.push(xs)
    best = better(best, xs)
  }
  for (const p of parts) {
    if (p.all !== undefined) for (const a of p.all) keep(a)
    else keep(p.req)
    if (p.exact !== undefined) {
      const next = product(run, p.exact)
      if (next === undefined) {
        keep(reqOf(run))
        run = p.exact
      } else run = next
      exactAll = exactAll === undefined ? undefined : product(exactAll, p.exact)
    } else {
      keep(reqOf(run))
      run = [""]
      exactAll = undefined
    }
  }
  keep(reqOf(run))
  return { exact: exactAll, req: best, all, max }
}

const alternate = (branches: ReadonlyArray<Info>): Info => {
  let max = R0
  let exact: string[] | undefined = []
  let req: string[] | undefined = []
  let kind: Kind | undefined = branches[0]?.kind
  for (const b of branches) {
    max = rmax(max, b.max)
    if (exact !== undefined && b.exact !== undefined && exact.length + b.exact.length <= MAX_EXACT) exact.push(...b.exact)
    else exact = undefined
    const r = better(b.req, reqOf(b.exact))
    if (req !== undefined && r !== undefined) req.push(...r)
    else req = undefined
    kind = b.kind === undefined || kind === undefined ? undefined : b.kind === kind ? kind : "any"
  }
  return { exact: exact === undefined ? undefined : uniq(exact), req: req === undefined ? undefined : uniq(req), max, kind: kind === "any" ? undefined : kind }
}

const repeat = (x: Info, lo: number, hi: number): Info => {
  // A run of whitespace reads as one space to the prefilter (it collapses runs), so `\s+` is the exact " ".
  if (x.kind === "s" && (x.exact === undefined || x.exact.every((e) => e === " ")) && hi >= 1) {
    const max = hi !== Infinity ? rmul(x.max, hi) : { ...R0, s: 1 }
    return lo === 0 ? { exact: ["", " "], req: undefined, max } : { exact: [" "], req: undefined, max, kind: "s" }
  }
  let max: Reach
  if (hi !== Infinity) max = rmul(x.max, hi)
  else if (isZero(x.max)) max = R0
  else if (x.kind !== undefined && x.kind !== "any") max = { ...R0, [x.kind]: 1 }
  else max = INF
  if (lo === 0) {
    const exact = hi === 1 && x.exact !== undefined ? uniq(["", ...x.exact]) : undefined
    return { exact, req: undefined, max }
  }
  const exact = lo === 1 && hi === 1 ? x.exact : undefined
  return { exact, req: better(x.req, reqOf(x.exact)), all: x.all, max }
}

interface Flags {
  i: boolean
  m: boolean
  s: boolean
}

class Parser {
  private i = 0
  anchored = false
  lineAnchored = false
  /** Source offsets of `^`/`$` outside multi-line mode (rewritten for stretches, see `Analysis.stretchSource`). */
  readonly anchors: Array<{ readonly at: number; readonly end: boolean }> = []
  private readonly src: string
  constructor(src: string) {
    this.src = src
  }

  parse(): Info {
    const out = this.alternation({ i: false, m: false, s: false })
    if (this.i < this.src.length) return UNKNOWN
    return out
  }

  private peek = () => this.src[this.i]

  private alternation(flags: Flags): Info {
    const branches: Info[] = [this.sequence(flags)]
    while (this.peek() === "|") {
      this.i++
      branches.push(this.sequence(flags))
    }
    return branches.length === 1 ? branches[0] : alternate(branches)
  }

  private sequence(flags: Flags): Info {
    const parts: Info[] = []
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") {
      const atom = this.atom(flags)
      if (atom === undefined) continue
      parts.push(this.quantified(atom))
    }
    return concat(parts)
  }

  private quantified(atom: Info): Info {
    let x = atom
    for (;;) {
      const c = this.peek()
      let lo: number
      let hi: number
      if (c === "*") [lo, hi] = [0, Infinity]
      else if (c === "+") [lo, hi] = [1, Infinity]
      else if (c === "?") [lo, hi] = [0, 1]
      else if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i))
        if (m === null) return x
        lo = Number(m[1])
        hi = m[2] === undefined ? lo : m[3] === "" ? Infinity : Number(m[3])
        this.i += m[0].length - 1
      } else return x
      this.i++
      if (this.peek() === "?") this.i++ // lazy
      x = repeat(x, lo, hi)
    }
  }

  /** One atom; `undefined` for a flag group like `(?i)` that changes flags and matches nothing. */
  private atom(flags: Flags): Info | undefined {
    const c = this.src[this.i++]
    switch (c) {
      case "(":
        return this.group(flags)
      case "[":
        return this.charClass()
      case ".":
        return oneChar(flags.s ? "any" : "l")
      case "^":
      case "$":
        if (flags.m) this.lineAnchored = true
        else {
          this.anchored = true
          this.anchors.push({ at: this.i - 1, end: c === "$" })
        }
        return EMPTY
      case "\\":
        return this.escape()
      default: {
        const code = c.charCodeAt(0)
        if (code >= 0xd800 && code <= 0xdbff && this.i < this.src.length) return char(c + this.src[this.i++])
        return char(c)
      }
    }
  }

  private group(flags: Flags): Info | undefined {
    let inner = { ...flags }
    if (this.src.startsWith("?", this.i)) {
      const m = /^\?(?:P?<[A-Za-z_]\w*>|([imsU-]*)(:|\)))/.exec(this.src.slice(this.i))
      if (m === null) return this.skipUnknownGroup()
      this.i += m[0].length
      if (m[1] !== undefined) {
        let on = true
        const next = { ...flags }
        for (const f of m[1]) {
          if (f === "-") on = false
          else if (f === "i" || f === "m" || f === "s") next[f] = on
        }
        if (m[2] === ")") {
          // `(?i)`: flags for the rest of the enclosing group.
          Object.assign(flags, next)
          return undefined
        }
        inner = next
      }
    }
    const body = this.alternation(inner)
    if (this.peek() !== ")") return UNKNOWN
    this.i++
    return body
  }

  private skipUnknownGroup(): Info {
    let depth = 1
    while (this.i < this.src.length && depth > 0) {
      const c = this.src[this.i++]
      if (c === "\\") this.i++
      else if (c === "(") depth++
      else if (c === ")") depth--
    }
    return UNKNOWN
  }

  private hexEscape(): string | undefined {
    const m = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(this.src.slice(this.i))
    if (m === null) return undefined
    this.i += m[0].length
    return String.fromCodePoint(parseInt(m[1] ?? m[2], 16))
  }

  private skipProperty() {
    if (this.peek() === "{") {
      const end = this.src.indexOf("}", this.i)
      this.i = end === -1 ? this.src.length : end + 1
    } else this.i++
  }

  private escape(): Info {
    const c = this.src[this.i++]
    if (c === undefined) return UNKNOWN
    if (c === "s") return { exact: [" "], req: undefined, max: rc(1), kind: "s" }
    if (c === "w" || c === "d") return oneChar("w", 1)
    if (c === "S") return oneChar("l")
    if (c === "W" || c === "D") return oneChar("any")
    if (c === "b" || c === "B") return EMPTY
    if (c === "A" || c === "z") {
      this.anchored = true
      this.anchors.push({ at: -1, end: false })
      return EMPTY
    }
    if (c === "p" || c === "P") {
      this.skipProperty()
      return oneChar("any")
    }
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v" }
    if (simple[c] !== undefined) return char(simple[c])
    if (c === "x") {
      const ch = this.hexEscape()
      return ch === undefined ? UNKNOWN : char(ch)
    }
    if (c === "Q") {
      const end = this.src.indexOf("\\E", this.i)
      const lit = end === -1 ? this.src.slice(this.i) : this.src.slice(this.i, end)
      this.i = end === -1 ? this.src.length : end + 2
      return concat([...lit].map(char))
    }
    if (/[0-9A-Za-z]/.test(c)) return UNKNOWN
    return char(c)
  }

  /**
   * A class: its characters when it lists a few literal ones (exact strings), and which run bounds a
   * repetition of it (from the ASCII characters it contains and whether it contains non-ASCII ones).
   */
  private charClass(): Info {
    let negated = false
    if (this.peek() === "^") {
      negated = true
      this.i++
    }
    const members = new Uint8Array(128)
    let nonAscii = false
    const chars: string[] = []
    let listable = true
    const addRange = (a: number, b: number) => {
      for (let x = a; x <= Math.min(b, 127); x++) members[x] = 1
      if (b >= 128) nonAscii = true
    }
    const addPred = (pred: (c: number) => boolean, withNonAscii: boolean) => {
      for (let x = 0; x < 128; x++) if (pred(x)) members[x] = 1
      if (withNonAscii) nonAscii = true
      listable = false
    }
    let first = true
    for (;;) {
      if (this.i >= this.src.length) return UNKNOWN
      const c = this.src[this.i]
      if (c === "]" && !first) {
        this.i++
        break
      }
      first = false
      if (c === "[" && this.src[this.i + 1] === ":") {
        const end = this.src.indexOf(":]", this.i)
        if (end === -1) return UNKNOWN
        this.i = end + 2
        addPred(() => true, true)
        continue
      }
      let ch: string
      if (c === "\\") {
        const e = this.src[this.i + 1]
        this.i += 2
        if (e === undefined) return UNKNOWN
        if (e === "s") {
          addPred(SPACE, false)
          continue
        }
        if (e === "w") {
          addPred(WORD, false)
          continue
        }
        if (e === "d") {
          addPred((x) => x >= 48 && x <= 57, false)
          continue
        }
        if (e === "S" || e === "W" || e === "D" || e === "p" || e === "P") {
          if (e === "p" || e === "P") this.skipProperty()
          addPred(e === "S" ? (x) => !SPACE(x) : e === "W" ? (x) => !WORD(x) : () => true, true)
          continue
        }
        const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v" }
        if (e === "x") {
          const h = this.hexEscape()
          if (h === undefined) return UNKNOWN
          ch = h
        } else if (/[0-9A-Za-z]/.test(e) && simple[e] === undefined) return UNKNOWN
        else ch = simple[e] ?? e
      } else {
        ch = String.fromCodePoint(this.src.codePointAt(this.i)!)
        this.i += ch.length
      }
      if (this.peek() === "-" && this.src[this.i + 1] !== "]" && this.src[this.i + 1] !== undefined) {
        this.i++
        let to: string
        if (this.peek() === "\\") {
          const e = this.src[this.i + 1]
          this.i += 2
          if (e === "x") {
            const h = this.hexEscape()
            if (h === undefined) return UNKNOWN
            to = h
          } else to = e
        } else {
          to = String.fromCodePoint(this.src.codePointAt(this.i)!)
          this.i += to.length
        }
        addRange(ch.codePointAt(0)!, to.codePointAt(0)!)
        listable = false
        continue
      }
      const code = ch.codePointAt(0)!
      if (code < 128) members[code] = 1
      else nonAscii = true
      // Case-insensitive matching adds the other case of a letter.
      if (code < 128 && WORD(code)) members[lowerAscii(ch).charCodeAt(0)] = members[ch.toUpperCase().charCodeAt(0)] = 1
      chars.push(ch)
    }
    let kind: Kind
    if (negated) kind = members[10] === 1 ? "l" : "any"
    else {
      let allWord = !nonAscii
      let allSpace = !nonAscii
      let allSp = !nonAscii
      for (let x = 0; x < 128; x++) {
        if (members[x] === 0) continue
        if (!WORD(x)) allWord = false
        if (!SPACE(x)) allSpace = false
        if (!SPACE(x) && !PUNCT(x)) allSp = false
      }
      kind = allWord ? "w" : allSpace ? "s" : allSp ? "p" : members[10] === 1 ? "any" : "l"
    }
    if (!negated && listable && chars.length > 0 && chars.length <= 8) {
      const lowered = uniq(chars.map((c) => (kindOfChar(c) === "s" ? " " : lowerAscii(c))))
      return { exact: lowered, req: undefined, max: rc(Math.max(...lowered.map((x) => x.length))), kind }
    }
    return oneChar(kind)
  }
}

const rewrite = (source: string, at: ReadonlyArray<number>): string => {
  let out = ""
  let from = 0
  for (const i of at) {
    out += source.slice(from, i) + "\\b\\B"
    from = i + 1
  }
  return out + source.slice(from)
}

export const analyse = (source: string): Analysis => {
  const p = new Parser(source)
  const info = p.parse()
  const literals = better(info.req, reqOf(info.exact))
  const candidates = [...(info.all ?? []), ...(literals === undefined ? [] : [literals])]
  const seen = new Set<string>()
  const sets: Array<ReadonlyArray<string>> = []
  for (const xs of candidates.sort((a, b) => setCost(a) - setCost(b))) {
    const key = [...xs].sort().join("\u0000")
    // A set of single characters or whitespace filters nothing.
    if (seen.has(key) || setCost(xs) >= 500 || sets.length >= MAX_SETS) continue
    seen.add(key)
    sets.push(xs)
  }
  return {
    literals: literals === undefined || literals.length === 0 ? undefined : literals,
    sets: literals === undefined || literals.length === 0 ? [] : sets.length === 0 ? [literals] : sets,
    reach: info.max,
    anchored: p.anchors.length > 0,
    stretchSource: p.anchors.some((a) => a.at === -1) ? undefined : (atStart, atEnd) => rewrite(source, p.anchors.filter((a) => (a.end ? !atEnd : !atStart)).map((a) => a.at)),
    lineAnchored: p.lineAnchored
  }
}

/**
 * The pattern with its counted repetitions opened: `x{m,n}`, `x{m,}` and `x{n}` become `x*` (m = 0) or `x+`. Every
 * match of the pattern is a match of the result, with the same text around it (assertions and anchors are kept),
 * so a text the result does not match, the pattern does not match either. RE2 expands a count into that many
 * copies of what it repeats, and a few of them in one pattern (`[^.\n]{0,80}?`, `(?:[^\n]*\n){0,8}?`) give a DFA
 * of thousands of states that its cache cannot hold on varied text; the opened pattern's DFA is a few states. The
 * source unchanged when it has no count (or uses `\Q…\E`, which this does not read).
 */
export const openCounts = (source: string): string => {
  if (source.includes("\\Q")) return source
  let out = ""
  let i = 0
  while (i < source.length) {
    const c = source[i]
    if (c === "\\") {
      out += source.slice(i, i + 2)
      i += 2
      continue
    }
    if (c === "[") {
      // A class, copied whole: `]` first (after `^`) is a member, `[:name:]` nests, escapes are skipped.
      let j = i + 1
      if (source[j] === "^") j++
      if (source[j] === "]") j++
      while (j < source.length && source[j] !== "]") {
        if (source[j] === "\\") j += 2
        else if (source.startsWith("[:", j)) {
          const end = source.indexOf(":]", j + 2)
          j = end === -1 ? source.length : end + 2
        } else j++
      }
      out += source.slice(i, j + 1)
      i = j + 1
      continue
    }
    if (c === "{") {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i, i + 24))
      if (m !== null && !(m[2] === undefined && m[1] === "0")) {
        out += Number(m[1]) === 0 ? "*" : "+"
        i += m[0].length
        continue
      }
    }
    out += c
    i++
  }
  return out
}
