/**
 * The injection rules' prefilter: one pass over a text finds the rare literals each rule needs (an
 * Aho–Corasick automaton over the literals `literals.ts` reads out of the patterns, case-insensitive like
 * RE2's `(?i)` on ASCII, whitespace runs read as one space), and measures the text's longest runs (whitespace,
 * word characters, punctuation, lines) that bound how far a match can reach. A rule whose literals do not
 * occur cannot match and is skipped; one whose literals occur runs only on the stretches around them (each
 * within the rule's reach of an occurrence, widened to word or line boundaries so `\b`, `^` and `$` read as
 * they do in the whole text), or on the whole text when those stretches would cover most of it.
 *
 * Equivalence with running every rule on the whole text: every match contains one of the rule's literals,
 * so it lies within the rule's reach of an occurrence the automaton reports; a stretch starts after a non-word
 * character (or a line break for multi-line anchors) and `^`/`$` are rewritten where a stretch does not start
 * or end with the text. `test/layers/detect/prefilter.test.ts` checks it on the data pack and real documents.
 */
import { analyse, type Analysis, openCounts, reachFor, type Runs } from "./literals.ts"
import { RE2 } from "./re2.ts"

/** A rule to run, on the whole text (`stretches` undefined) or on these [start, end) stretches. */
export interface Candidate {
  readonly rule: number
  readonly stretches: ReadonlyArray<readonly [number, number]> | undefined
}

/**
 * Character kinds for the runs, by UTF-16 code unit: 1 whitespace, 2 word (ASCII, as RE2's `\w`, plus the
 * Kelvin sign and long s that `(?i)` folds onto ASCII letters), 4 ASCII punctuation.
 */
const KIND = new Uint8Array(65536)
for (let c = 0; c < 128; c++) {
  if (c === 32 || (c >= 9 && c <= 13)) KIND[c] = 1
  else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) KIND[c] = 2
  else if (c > 32 && c < 127) KIND[c] = 4
}
KIND[0x212a] = KIND[0x17f] = 2

const isWordAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i)
  return c < 128 && KIND[c] === 2
}

/** Stretches covering more than this share of the text are replaced by the whole text. */
const COVER = 0.5
/** More occurrences than this of one rule's literals: the whole text. */
const MAX_OCCURRENCES = 256

/** The other cases of a character that RE2's case folding matches (upper/lower closure, single code units). */
const caseVariants = (ch: string): string[] => {
  const out = new Set([ch])
  for (let k = 0; k < 2; k++) {
    for (const x of [...out]) for (const y of [x.toUpperCase(), x.toLowerCase()]) if (y.length === 1) out.add(y)
  }
  if (ch === "k") out.add("\u212a")
  if (ch === "s") out.add("\u017f")
  return [...out]
}

/** Literals are cut to this many characters (a prefix of a required string is required too): a smaller automaton. */
const MAX_LITERAL = 8

/** The literals cut to MAX_LITERAL, without those that contain another one (an occurrence of the longer one contains the shorter). */
const shorten = (literals: ReadonlyArray<string>): string[] => {
  const cut = [...new Set(literals.map((l) => l.slice(0, MAX_LITERAL)))].sort((a, b) => a.length - b.length)
  const out: string[] = []
  for (const l of cut) if (!out.some((o) => l.includes(o))) out.push(l)
  return out
}

/** Whether a sorted list of positions has one in [s, e). */
export const occursIn = (sorted: ArrayLike<number>, s: number, e: number): boolean => {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid] < s) lo = mid + 1
    else hi = mid
  }
  return lo < sorted.length && sorted[lo] < e
}

export class RuleIndex {
  readonly analyses: ReadonlyArray<Analysis>
  private readonly sources: ReadonlyArray<string>
  /** Rules without literals: always candidates, on the whole text. */
  private readonly always: ReadonlyArray<number>
  /** Character code → alphabet index (0: not in any literal; 1: whitespace). */
  private readonly cls = new Uint16Array(65536)
  private readonly width: number
  private readonly delta: Uint16Array | Int32Array
  /**
   * Per state: the (rule × 8 + set index) of every literal that ends there (own and through failure links),
   * deduplicated, or undefined.
   */
  private readonly keys: ReadonlyArray<Int32Array | undefined>
  /** 1 for a state where a literal ends. */
  private readonly final: Uint8Array
  private readonly setCount: ReadonlyArray<number>
  /** Non-global twins of `regexes`, for `matches` (`test` without `lastIndex` state). */
  private readonly checks = new Map<string, { readonly open: RE2 | undefined; readonly exact: RE2 }>()
  private readonly regexes = new Map<string, RE2>()

  constructor(sources: ReadonlyArray<string>) {
    this.sources = sources
    this.analyses = sources.map(analyse)
    const always: number[] = []
    const literalIds = new Map<string, number>()
    const litRules: number[][] = []
    const setCount: number[] = []
    this.analyses.forEach((a, r) => {
      setCount.push(a.sets.length)
      if (a.sets.length === 0) {
        always.push(r)
        return
      }
      a.sets.forEach((set, k) => {
        for (const l of shorten(set)) {
          let id = literalIds.get(l)
          if (id === undefined) {
            id = litRules.length
            literalIds.set(l, id)
            litRules.push([])
          }
          // Rule and set packed in one number.
          const key = r * 8 + k
          if (!litRules[id].includes(key)) litRules[id].push(key)
        }
      })
    })
    this.setCount = setCount
    this.always = always
    this.slotGen = new Uint32Array(sources.length * 8)
    this.ruleGen = new Uint32Array(sources.length)
    for (let i = 0; i < sources.length * 8; i++) this.slotEnds.push([])
    // Alphabet: whitespace is 1; each distinct literal character (with its case variants) gets an index.
    let next = 2
    for (const c of [9, 10, 11, 12, 13, 32]) this.cls[c] = 1
    const literals = [...literalIds.keys()]
    for (const l of literals) {
      for (const ch of l) {
        if (ch === " " || ch.length !== 1 || this.cls[ch.charCodeAt(0)] !== 0) continue
        const id = next++
        for (const v of caseVariants(ch)) if (this.cls[v.charCodeAt(0)] === 0) this.cls[v.charCodeAt(0)] = id
      }
    }
    this.width = next
    // The trie, then failure links breadth first into a full transition table.
    const goto: Array<Map<number, number>> = [new Map()]
    const own: number[][] = [[]]
    literals.forEach((l, id) => {
      let s = 0
      for (let i = 0; i < l.length; i++) {
        const a = l[i] === " " ? 1 : this.cls[l.charCodeAt(i)]
        let t = goto[s].get(a)
        if (t === undefined) {
          t = goto.length
          goto.push(new Map())
          own.push([])
          goto[s].set(a, t)
        }
        s = t
      }
      own[s].push(id)
    })
    const W = this.width
    const delta = new Int32Array(goto.length * W)
    const fail = new Int32Array(goto.length)
    const outputs: Array<number[] | undefined> = own.map((o) => (o.length > 0 ? [...o] : undefined))
    const queue: number[] = []
    for (let a = 0; a < W; a++) {
      const t = goto[0].get(a)
      if (t !== undefined) {
        delta[a] = t
        fail[t] = 0
        queue.push(t)
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]
      const inherited = outputs[fail[s]]
      if (inherited !== undefined) outputs[s] = [...(outputs[s] ?? []), ...inherited]
      for (let a = 0; a < W; a++) {
        const t = goto[s].get(a)
        if (t !== undefined) {
          fail[t] = delta[fail[s] * W + a]
          delta[s * W + a] = t
          queue.push(t)
        } else delta[s * W + a] = delta[fail[s] * W + a]
      }
    }
    // States renumbered breadth first (the queue order): the shallow states, where the automaton spends nearly
    // all its time on ordinary text, then sit in the first rows of the table and stay in cache (in trie order
    // they were spread over all of it: 3,856 states × 154 classes).
    const order = [0, ...queue]
    const renum = new Int32Array(goto.length)
    order.forEach((old, i) => (renum[old] = i))
    const table = goto.length < 65536 ? new Uint16Array(goto.length * W) : new Int32Array(goto.length * W)
    for (let i = 0; i < order.length; i++) {
      const from = order[i] * W
      for (let a = 0; a < W; a++) table[i * W + a] = renum[delta[from + a]]
    }
    this.delta = table
    this.keys = order.map((old) => {
      const lits = outputs[old]
      if (lits === undefined) return undefined
      const ks = new Set<number>()
      for (const lit of lits) for (const k of litRules[lit]) ks.add(k)
      return Int32Array.from(ks)
    })
    this.final = Uint8Array.from(this.keys, (o) => (o === undefined ? 0 : 1))
  }

  /**
   * Scratch for `candidates`, reused from call to call (it is synchronous): the occurrence ends of each (rule ×
   * 8 + set), valid when `slotGen` holds the call's generation; the rules seen in the call, in `touched`.
   */
  private readonly slotEnds: number[][] = []
  private readonly slotGen: Uint32Array
  private readonly ruleGen: Uint32Array
  private gen = 0

  /**
   * The rules that may match in `text`, in rule order, each with where to look.
   *
   * `changed`: ascending positions where `text` (a view of a text already scanned: JSON-unescaped, markup
   * stripped, leetspeak folded) differs from it. A match that does not contain or touch one of them is a
   * substring of the scanned text with the same characters around it, so that scan found it already: only
   * the stretches around a changed position are kept, and a rule that would run on the whole text runs on
   * the stretches within its reach of one (when they cover less than half the text).
   */
  candidates(text: string, changed?: ReadonlyArray<number>): Candidate[] {
    const n = text.length
    const cls = this.cls
    const delta = this.delta
    const W = this.width
    const final = this.final
    let state = 0
    // The longest runs (whitespace, word characters, whitespace or punctuation, line), measured in the same pass:
    // each run's start is kept and its length compared when it ends (one comparison per run, not per character).
    let startS = 0, startW = 0, startP = 0, startL = 0
    let maxS = 0, maxW = 0, maxP = 0, maxL = 0
    let hits = this.hits
    let h = 0
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      const k = KIND[c]
      if (k !== 2) {
        if (i - startW > maxW) maxW = i - startW
        startW = i + 1
        if (k === 0) {
          if (i - startP > maxP) maxP = i - startP
          startP = i + 1
        }
      } else if (i - startP > maxP) {
        maxP = i - startP
        startP = i + 1
      } else startP = i + 1
      if (k === 1) {
        if (c === 10) {
          if (i - startL > maxL) maxL = i - startL
          startL = i + 1
        }
        // A run of whitespace is one space to the automaton.
        if (i > startS) continue
      } else {
        if (i - startS > maxS) maxS = i - startS
        startS = i + 1
      }
      state = delta[state * W + cls[c]]
      if (final[state] === 1) {
        if (h + 2 > hits.length) {
          const grown = new Int32Array(hits.length * 2)
          grown.set(hits)
          this.hits = hits = grown
        }
        hits[h++] = state
        hits[h++] = i
      }
    }
    if (h === 0 && this.always.length === 0) return []
    if (n - startW > maxW) maxW = n - startW
    if (n - startS > maxS) maxS = n - startS
    if (n - startL > maxL) maxL = n - startL
    if (n - startP > maxP) maxP = n - startP
    const runs: Runs = { s: maxS, w: maxW, p: maxP, l: maxL }
    // Occurrence ends per rule and required set.
    const gen = ++this.gen
    const slotGen = this.slotGen
    const ruleGen = this.ruleGen
    const slotEnds = this.slotEnds
    const touched: number[] = []
    const keys = this.keys
    for (let j = 0; j < h; j += 2) {
      const at = hits[j + 1]
      const ks = keys[hits[j]]!
      for (let q = 0; q < ks.length; q++) {
        const key = ks[q]
        const rule = key >> 3
        if (ruleGen[rule] !== gen) {
          ruleGen[rule] = gen
          touched.push(rule)
        }
        const list = slotEnds[key]
        if (slotGen[key] !== gen) {
          slotGen[key] = gen
          list.length = 0
        }
        const len = list.length
        // (`list[-1]` on an empty list is a named-property lookup through the prototype chain: slow in V8.)
        if (len === 0 || (len <= MAX_OCCURRENCES && list[len - 1] !== at)) list.push(at)
      }
    }
    if (touched.length > 1) touched.sort((a, b) => a - b)
    const out: Candidate[] = []
    let next = 0
    const always = this.always
    const whole = (rule: number) => {
      if (changed === undefined) return out.push({ rule, stretches: undefined })
      const w = this.stretches(rule, text, changed, runs, true)
      if (w === undefined) out.push({ rule, stretches: undefined })
      else if (w.length > 0) out.push({ rule, stretches: w })
    }
    for (const rule of touched) {
      while (next < always.length && always[next] < rule) whole(always[next++])
      const base = rule * 8
      const count = this.setCount[rule]
      // Every required set must occur; the stretches are around the rarest one.
      let primary: number[] | undefined
      let missing = false
      for (let k = 0; k < count; k++) {
        if (slotGen[base + k] !== gen) {
          missing = true
          break
        }
        const l = slotEnds[base + k]
        if (primary === undefined || l.length < primary.length) primary = l
      }
      if (missing || primary === undefined) continue
      let st = this.stretches(rule, text, primary, runs)
      // Around the changed positions: the primary set's stretches that hold one, or windows within reach of them.
      let windows = false
      if (changed !== undefined) {
        if (st !== undefined) st = st.filter(([s, e]) => occursIn(changed, s - 1, e + 1))
        else {
          st = this.stretches(rule, text, changed, runs, true)
          windows = true
        }
      }
      if (st === undefined) {
        out.push({ rule, stretches: undefined })
        continue
      }
      // A list cut at MAX_OCCURRENCES may miss occurrences: it filters nothing.
      const others: number[][] = []
      for (let k = 0; k < count; k++) {
        const l = slotEnds[base + k]
        if ((windows || l !== primary) && l.length <= MAX_OCCURRENCES) others.push(l)
      }
      const kept = others.length === 0 ? st : st.filter(([s, e]) => others.every((l) => occursIn(l, s, e)))
      if (kept.length > 0) out.push({ rule, stretches: kept })
    }
    while (next < always.length) whole(always[next++])
    return out
  }

  /** Automaton hits of the last call: (state, end) pairs. */
  private hits = new Int32Array(1024)

  /**
   * Stretches within the rule's reach of each position in `ends` (literal ends), or undefined for the whole
   * text. `touching`: the positions are changed characters (see `candidates`), any number of them, and a
   * match that only touches one (ends just before it or starts just after) counts: one more on each side.
   */
  private stretches(rule: number, text: string, ends: ReadonlyArray<number>, runs: Runs, touching = false): ReadonlyArray<readonly [number, number]> | undefined {
    const a = this.analyses[rule]
    const n = text.length
    if ((!touching && ends.length > MAX_OCCURRENCES) || (a.anchored && a.stretchSource === undefined)) return undefined
    const reach = reachFor(a.reach, runs) + (touching ? 1 : 0)
    if (!Number.isFinite(reach) || reach * 2 > n * COVER) return undefined
    const out: Array<[number, number]> = []
    let covered = 0
    for (const end of ends) {
      const last = out.length === 0 ? undefined : out[out.length - 1]
      let e = Math.min(n, end + reach)
      // Inside the last stretch already (it ends on a word or line boundary at or after `e`): nothing to add. Each
      // position then costs O(1) unless it extends the stretches, and widening never rescans what they cover
      // (with any number of changed positions, a line-anchored rule would otherwise search its line once per
      // position: quadratic on a long line).
      if (last !== undefined && e <= last[1]) continue
      let s = Math.max(0, end + 1 - reach)
      const merges = last !== undefined && s <= last[1]
      if (a.lineAnchored) {
        if (!merges) s = text.lastIndexOf("\n", s - 1) + 1
        const nl = text.indexOf("\n", e)
        e = nl === -1 ? n : nl
      } else {
        if (!merges) while (s > 0 && isWordAt(text, s - 1)) s--
        while (e < n && isWordAt(text, e)) e++
      }
      // Never split a surrogate pair.
      if (s > 0 && (text.charCodeAt(s) & 0xfc00) === 0xdc00) s--
      if (e < n && (text.charCodeAt(e) & 0xfc00) === 0xdc00) e++
      if (last !== undefined && s <= last[1]) {
        covered += Math.max(0, e - last[1])
        last[1] = Math.max(last[1], e)
      } else {
        out.push([s, e])
        covered += e - s
      }
      if (covered > n * COVER) return undefined
    }
    return out
  }

  private source(rule: number, atStart: boolean, atEnd: boolean): string {
    const a = this.analyses[rule]
    return a.anchored && a.stretchSource !== undefined && !(atStart && atEnd) ? a.stretchSource(atStart, atEnd) : this.sources[rule]
  }

  private key(rule: number, atStart: boolean, atEnd: boolean): { readonly key: string; readonly source: string } {
    const a = this.analyses[rule]
    if (!a.anchored || a.stretchSource === undefined || (atStart && atEnd)) return { key: `${rule}`, source: this.sources[rule] }
    return { key: `${rule}:${atStart ? 1 : 0}${atEnd ? 1 : 0}`, source: a.stretchSource(atStart, atEnd) }
  }

  /**
   * Whether the rule matches somewhere in `input`: RE2's `test` (one DFA pass, no positions). Not a one-pattern
   * `RE2.Set`: that answers the same in the same DFA pass but costs about 7 µs more per call in node-re2
   * (measured: 88 characters, set 8–13 µs against `test` 1–1.7 µs; equal on 6.6 KB), and the prefilter makes
   * dozens of calls per text on short stretches.
   */
  matches(rule: number, input: string | Buffer, atStart = true, atEnd = true): boolean {
    const k = this.key(rule, atStart, atEnd)
    let check = this.checks.get(k.key)
    if (check === undefined) {
      const open = openCounts(k.source)
      this.checks.set(k.key, (check = { open: open === k.source ? undefined : new RE2(open, "u"), exact: new RE2(k.source, "u") }))
    }
    // The opened pattern first: a superset with a small DFA, false on nearly every stretch of ordinary text.
    if (check.open !== undefined && !check.open.test(input)) return false
    return check.exact.test(input)
  }

  /** The rule's regular expression (global), for a stretch that starts/ends with the text or not. Compiled on first use. */
  regex(rule: number, atStart = true, atEnd = true): RE2 {
    const k = this.key(rule, atStart, atEnd)
    let re = this.regexes.get(k.key)
    if (re === undefined) this.regexes.set(k.key, (re = new RE2(k.source, "gu")))
    return re
  }
}
