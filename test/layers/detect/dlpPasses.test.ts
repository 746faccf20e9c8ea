/**
 * The byte passes of the DLP scan (dlp.ts) that skip or search instead of reading every byte give what a plain
 * forward pass over every byte gives: checked against such a pass (written here, as it was in dlp.ts) on texts
 * made of list words, near-misses, separators and breaks, and on real documents.
 */
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { bip39Words } from "../../../src/layers/detect/checksums.ts"
import { seedSpans } from "../../../src/layers/detect/dlp.ts"
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
