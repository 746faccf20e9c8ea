/**
 * The byte passes of the DLP scan (dlp.ts) that skip or search instead of reading every byte give what a plain
 * forward pass over every byte gives: checked against such a pass (written here, as it was in dlp.ts) on texts
 * made of list words, near-misses, separators and breaks, and on real documents. The shortcuts that let a step be
 * skipped are checked against the step they skip: the gates that stand for two rules in the set match
 * wherever the rule's regex matches, and a text whose unusual characters are all inert is its own forDlp.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { bip39Words } from "../../../src/layers/detect/checksums.ts"
import { inertSpan, scanBytes, seedSpans, WHOLE_GATES } from "../../../src/layers/detect/dlp.ts"
import { builtinDlpPatterns } from "../../../src/layers/detect/dlpPatterns.ts"
import { forDlp } from "../../../src/layers/detect/normalize.ts"
import { RE2 } from "../../../src/layers/detect/re2.ts"
import { benchDocs } from "../../support/realDocs.ts"

const root = join(import.meta.dirname, "../../..")
const words = [...bip39Words]

/** The reference: every byte read forwards, a word at a time (the seed-phrase pass as it was). */
const isSeparator = (c: number) =>
  (c >= 48 && c <= 57) || c === 46 || c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 45 || c === 124 || c === 59 || c === 58 || c === 34 ||
  c === 39 || c === 91 || c === 93 || c === 123 || c === 125 || c === 40 || c === 41 || c === 61 || c === 38 || c === 47 || c === 63 || c === 43
const prefixes = new Set(words.map((w) => w.slice(0, 4)))
const referenceSeedSpans = (buf: Uint8Array, minWords: number): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  let run = 0
  let runStart = 0
  let runEnd = 0
  let word = ""
  const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  const endRun = () => {
    if (run >= minWords && out.length < 64) out.push([runStart, runEnd])
    run = 0
  }
  for (let i = 0; i <= buf.length; i++) {
    const c = i < buf.length ? buf[i] : 32
    if (isLetter(c) || c === 95) {
      word += String.fromCharCode(c | 32)
      continue
    }
    if (word !== "") {
      if (/^[a-z]{3,8}$/.test(word) && prefixes.has(word.slice(0, 4))) {
        if (run === 0) runStart = i - word.length
        run++
        runEnd = i
      } else endRun()
      word = ""
    }
    if (!isSeparator(c) && run > 0) endRun()
  }
  if (run >= minWords && out.length < 64) out.push([runStart, runEnd])
  return out
}

/** The reference for `scanBytes`: the forward pass over every byte, as it was in dlp.ts. */
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

/** One pass over the bytes of a text: where decoding or normalisation could change it. */
const referenceScanBytes = (buf: Buffer): ByteScan => {
  const escapes: Array<[number, number]> = []
  const hexPairs: Array<[number, number]> = []
  const runs: Array<[number, number]> = []
  const unusual: Array<[number, number]> = []
  const n = buf.length
  const cls = BYTE_CLASS
  let i = 0
  while (i < n) {
    const c = buf[i]
    const f = cls[c]
    if ((f & B64) === 0) {
      if (f & UNUSUAL) {
        let j = i + 1
        while (j < n && cls[buf[j]] & UNUSUAL) j++
        if (unusual.length < 512) unusual.push([i, j])
        i = j
        continue
      }
      if (c === 37) {
        if (i + 2 < n && cls[buf[i + 1]] & HEX && cls[buf[i + 2]] & HEX) escapes.push([i, i + 3])
        else if (i + 5 < n && (buf[i + 1] === 117 || buf[i + 1] === 85) && cls[buf[i + 2]] & HEX) escapes.push([i, i + 6])
      } else if (c === 92) {
        const d = buf[i + 1]
        if (d === 120 || d === 117 || d === 85 || (d >= 48 && d <= 55)) escapes.push([i, i + 2])
      } else if (c === 38) {
        // `&#65;`, `&#x41;` or a named entity (`&amp;`): not the `&` between query parameters.
        if (buf[i + 1] === 35) escapes.push([i, i + 2])
        else {
          let j = i + 1
          while (j < n && j - i <= 9 && cls[buf[j]] & (UPPER | LOWER)) j++
          if (j - i >= 3 && buf[j] === 59) escapes.push([i, j + 1])
        }
      }
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
    if (j - i >= 16) {
      const mixed = (any & UPPER) !== 0 && (any & LOWER) !== 0 && (any & DIGIT) !== 0
      const hex = (all & HEX) !== 0
      // base32: letters of one case, digits 2–7 (a `=` pad aside).
      const b32 = (any & DIGIT) !== 0 && ((any & LOWER) === 0 || (any & UPPER) === 0) && base32Digits(buf, i, j)
      if (mixed || hex || b32) runs.push([i, j])
    }
    i = j
  }
  return { escapes, hexPairs, runs, unusual }
}

const base32Digits = (buf: Buffer, s: number, e: number): boolean => {
  for (let k = s; k < e; k++) {
    const c = buf[k]
    if ((BYTE_CLASS[c] & (UPPER | LOWER)) !== 0 || c === 61) continue
    if ((BYTE_CLASS[c] & B32) === 0) return false
  }
  return true
}


const token = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...words) },
  { weight: 2, arbitrary: fc.constantFrom(...words).map((w) => w.toUpperCase()) },
  { weight: 2, arbitrary: fc.constantFrom("the", "a", "to", "of", "internationalization", "abandonx", "zoo_keeper", "xy", "abc", "Zoo") },
  { weight: 1, arbitrary: fc.constantFrom("!", "@", "é", "*", "#", "_", "<b>", "\u00a0") }
)
const separator = fc.constantFrom(" ", " ", " ", ", ", "\n", "-", "7", ". ", "  ", "\t", "=", "/", "", "!")
const text = fc.array(fc.tuple(token, separator).map(([t, s]) => t + s), { maxLength: 80 }).map((parts) => parts.join(""))

describe("seedSpans", () => {
  it("finds the runs a forward pass over every byte finds (generated texts)", () => {
    fc.assert(
      fc.property(text, fc.constantFrom(1, 3, 12, 15, 24), (t, minWords) => {
        const buf = Buffer.from(t, "utf8")
        expect(seedSpans(buf, minWords)).toEqual(referenceSeedSpans(buf, minWords))
      }),
      { numRuns: 3000 }
    )
  })

  it("finds the runs a forward pass over every byte finds (real documents)", () => {
    for (const d of benchDocs(root).slice(0, 120)) {
      const buf = Buffer.from(d, "utf8")
      expect(seedSpans(buf, 12)).toEqual(referenceSeedSpans(buf, 12))
    }
  })
})

const hexByte = fc.integer({ min: 0, max: 255 }).map((b) => b.toString(16).padStart(2, "0"))
const piece = fc.oneof(
  fc.array(hexByte, { minLength: 3, maxLength: 14 }).chain((bs) => fc.constantFrom(":", " ", ",", "-", "\n", ", ").map((sep) => bs.join(sep))),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64")),
  fc.stringMatching(/^[A-Z2-7=]{0,30}$/),
  fc.stringMatching(/^[0-9a-f]{0,30}$/),
  fc.constantFrom("the", "quick", "a", "%41", "%u0041", "\\x41", "\\u0041", "&#65;", "&amp;", "&", "%", "\\", "é", "\u0007", "\u200b", "😀", "-", "_", "+/", "=", " ", "\n", ".", "(", "g", "Z9", "0x4142434445464748")
)
const bytesText = fc.array(fc.tuple(piece, fc.constantFrom("", " ", ":", ",", "-", ".", "\n", "/", "é", "g")).map(([p, s]) => p + s), { maxLength: 40 }).map((ps) => ps.join(""))

describe("scanBytes", () => {
  it("finds what a forward pass over every byte finds (generated texts)", () => {
    fc.assert(
      fc.property(bytesText, (t) => {
        const buf = Buffer.from(t, "utf8")
        const want = referenceScanBytes(buf)
        expect(scanBytes(buf)).toEqual(want)
        // Told there is no control byte (the set pass's gate), it still finds the non-ASCII ones.
        if (!/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(t)) expect(scanBytes(buf, false)).toEqual(want)
      }),
      { numRuns: 3000 }
    )
  })

  it("finds what a forward pass over every byte finds (real documents)", () => {
    for (const d of benchDocs(root).slice(0, 120)) {
      const buf = Buffer.from(d, "utf8")
      expect(scanBytes(buf)).toEqual(referenceScanBytes(buf))
    }
  })
})

/** The DLP rows of ../shared/detect-data, when present (texts with secrets of every kind). */
const caseTexts = (): string[] => {
  const file = [join(root, "../shared"), join(root, "../../shared")].map((d) => join(d, "detect-data/dlp/cases.jsonl")).find((f) => existsSync(f))
  return file === undefined ? [] : readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => (JSON.parse(l) as { text: string }).text)
}

describe("gates that stand for two rules in the set", () => {
  const specOf = (name: string) => {
    const spec = builtinDlpPatterns.find((p) => p.name === name)
    if (spec === undefined) throw new Error(name)
    return spec
  }
  const cases: Array<[string, fc.Arbitrary<string>]> = [
    ["Connection String Credentials", fc.array(fc.constantFrom("postgres", "://", ":", "@", "/", " ", "\t", "\v", "\f", "u", "pass", "db.example.com", "é", "%40", "x:y", "-", "."), { maxLength: 24 }).map((p) => p.join(""))],
    ["Discord Bot Token", fc.array(fc.constantFrom("M", "N", "m", ".", "-", "_", "+", "a".repeat(23), "B3".repeat(3), "x9".repeat(14), "Q", " ", "é"), { maxLength: 24 }).map((p) => p.join(""))]
  ]
  for (const [name, texts] of cases) {
    const spec = specOf(name)
    const source = WHOLE_GATES.get(spec.regex)
    const re = new RE2(`(?i)${spec.regex}`, "u")
    const gate = new RE2(source ?? "", "u")
    it(`${name}: its gate is in WHOLE_GATES`, () => expect(source).toBeDefined())
    it(`${name}: the gate matches wherever the regex matches (generated texts)`, () => {
      fc.assert(fc.property(texts, (t) => {
        const buf = Buffer.from(t, "utf8")
        if (re.test(buf)) expect(gate.test(buf)).toBe(true)
      }), { numRuns: 5000 })
    })
    it(`${name}: the gate matches wherever the regex matches (the DLP rows and real documents)`, () => {
      let matched = 0
      const examples = ["postgres://billing:Uucv9DXy@db.prod.internal:5432/ledger", `token: MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs ok`]
      for (const t of [...examples, ...caseTexts(), ...benchDocs(root)]) {
        const buf = Buffer.from(t, "utf8")
        if (!re.test(buf)) continue
        matched++
        expect(gate.test(buf)).toBe(true)
      }
      expect(matched).toBeGreaterThan(0)
    })
  }
})

describe("inert characters", () => {
  // Characters forDlp changes or that compose with a neighbour (marks, jamo, half-width voiced marks), among ones it leaves.
  const chars = [
    "\u2019", "\u201c", "\u2014", "\u2192", "\u2500", "\u{1F600}", "\u4e2d", "\uac00", "\u00e9", "\u2026", "\u00a0", "\u0301", "\u200b",
    "\ufe0f", "\u1100", "\u1161", "\u11a8", "\u0bc6", "\u0bbe", "\uff76", "\uff9e", "\u3099", "\u0430", "\uff21", "\u2163", "\u0007",
    "\u007f", "\u0085", "\u{E0041}", "\u00c5", "\u212b", "\u0041", "\u030a", "\u0ddd", "\u0dd9", "\u0dcf"
  ]
  const unusualSpans = (buf: Buffer) => scanBytes(buf).unusual
  const allInert = (buf: Buffer) => unusualSpans(buf).every(([s, e]) => inertSpan(buf, s, e))
  it("a text whose unusual characters are all inert is its own forDlp (generated texts)", () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...chars), fc.constantFrom("a", "e", "K", " ", "\n", "1", "-"), fc.integer({ min: 0x80, max: 0x2ffff }).map((cp) => String.fromCodePoint(cp))), { maxLength: 16 }).map((p) => p.join(""))
    fc.assert(fc.property(text, (t) => {
      const buf = Buffer.from(t, "utf8")
      if (allInert(buf)) expect(forDlp(buf.toString("utf8"))).toBe(buf.toString("utf8"))
    }), { numRuns: 20000 })
  })
  it("a text whose unusual characters are all inert is its own forDlp (real documents)", () => {
    let inert = 0
    for (const d of benchDocs(root)) {
      const buf = Buffer.from(d, "utf8")
      if (unusualSpans(buf).length === 0 || !allInert(buf)) continue
      inert++
      expect(forDlp(d)).toBe(d)
    }
    expect(inert).toBeGreaterThan(0)
  })
  it("what forDlp changes is not inert", () => {
    for (const ch of ["\u00e9", "\u2026", "\u00a0", "\u0301", "\u200b", "\ufe0f", "\u1161", "\u0bbe", "\uff9e", "\u0430", "\uff21", "\u0007", "\u{E0041}"]) {
      const buf = Buffer.from(`a${ch}b`, "utf8")
      expect(inertSpan(buf, 1, buf.length - 1)).toBe(false)
    }
  })
})
