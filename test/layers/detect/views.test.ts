/**
 * Tracked views (normalize.ts) and the prefilter restricted to what a view changed (prefilter.ts): a view of a
 * text already scanned is confirmed only around the characters its transformation wrote. Checked here: the
 * tracked transformations give the same text as the plain ones and mark what they wrote; and per rule, a rule
 * that does not match the scanned text matches the view exactly when the restricted prefilter says so.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { mergeInjectionPatterns } from "../../../src/layers/detect/injectionPatterns.ts"
import { foldLeetspeak, stripMarkup, stripMarkupTracked, type Tracked, unescapeJsonish, unescapeJsonishTracked } from "../../../src/layers/detect/normalize.ts"
import { RuleIndex } from "../../../src/layers/detect/prefilter.ts"
import { RE2 } from "../../../src/layers/detect/re2.ts"
import { realDocs } from "../../support/realDocs.ts"

const root = join(import.meta.dirname, "../../..")
const markupView = (s: string): Tracked => stripMarkupTracked(unescapeJsonishTracked(s))

/** The view's characters outside `changed`, in order, are a subsequence of the source made of whole copied runs. */
const copiesInOrder = (source: string, v: Tracked): boolean => {
  const changed = new Set(v.changed)
  let from = 0
  let run = ""
  const flush = () => {
    if (run === "") return true
    const at = source.indexOf(run, from)
    if (at === -1) return false
    from = at + run.length
    run = ""
    return true
  }
  for (let i = 0; i < v.text.length; i++) {
    if (changed.has(i)) {
      if (!flush()) return false
    } else run += v.text[i]
  }
  return flush()
}

describe("tracked views", () => {
  const alphabet = fc.constantFrom("<", ">", "-", "!", "/", "\\", "n", "u", "0", "4", "1", "a", "b", " ", "\"", "&", "x")
  it("give the same text as the plain transformations and mark what they wrote (property)", () => {
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join("")), (s) => {
      const u = unescapeJsonishTracked(s)
      const m = markupView(s)
      expect(u.text).toBe(unescapeJsonish(s))
      expect(m.text).toBe(stripMarkup(unescapeJsonish(s)))
      for (let i = 1; i < m.changed.length; i++) expect(m.changed[i]).toBeGreaterThan(m.changed[i - 1])
      expect(copiesInOrder(s, m)).toBe(true)
      expect(copiesInOrder(s, u)).toBe(true)
    }), { numRuns: 2000 })
  })

  it("mark a replaced tag and an escape", () => {
    expect(markupView("ignore <b>all</b> previous")).toEqual({ text: "ignore  all  previous", changed: [7, 11] })
    expect(unescapeJsonishTracked("a\\nb\\u0041")).toEqual({ text: "a\nbA", changed: [1, 3] })
    expect(markupView("plain")).toEqual({ text: "plain", changed: [] })
  })
})

describe("prefilter around changed positions", () => {
  const specs = mergeInjectionPatterns([], true)
  const sources = specs.map((s) => s.regex)
  const index = new RuleIndex(sources)
  const full = sources.map((s) => new RE2(s, "u"))
  const own = readFileSync(join(root, "bench/detect-own/injection.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l).text as string)
  const docs = realDocs(root, { max: 30, maxDepth: 5, minBytes: 1024, maxBytes: 500_000, chars: 3_000 })

  /** Per rule not matching `base`: whether it matches `view` through the restricted prefilter, against the whole-view regex. */
  const compare = (base: string, view: string, changed: ReadonlyArray<number>): string[] => {
    const got = sources.map(() => false)
    for (const c of index.candidates(view, changed)) {
      const pieces = c.stretches ?? [[0, view.length] as const]
      got[c.rule] = pieces.some(([s, e]) => index.matches(c.rule, s === 0 && e === view.length ? view : view.slice(s, e), s === 0, e === view.length))
    }
    const diffs: string[] = []
    full.forEach((re, i) => {
      if (re.test(base)) return
      if (re.test(view) !== got[i]) diffs.push(`${specs[i].name}: want ${re.test(view)} in ${JSON.stringify(view.slice(0, 120))}`)
    })
    return diffs
  }

  it("finds every rule a markup, JSON-unescaped or leetspeak view adds, on attacks hidden in real documents", () => {
    const diffs: string[] = []
    own.slice(0, 40).forEach((attack, i) => {
      const doc = docs[i % docs.length]
      const at = (i * 131) % Math.max(1, doc.length)
      const hidden = [
        `${doc.slice(0, at)}<p>${attack.replace(/ /g, " <b></b>")}</p>${doc.slice(at)}`,
        `${doc.slice(0, at)}${JSON.stringify(attack).replace(/ /g, "\\n")}${doc.slice(at)}`,
        `${doc}<!-- ${attack.split(" ").join("<i>x</i> ")} -->`
      ]
      for (const base of hidden) {
        const v = markupView(base)
        diffs.push(...compare(base, v.text, v.changed))
        const u = unescapeJsonishTracked(base)
        diffs.push(...compare(base, u.text, u.changed))
      }
      const leet = `${doc.slice(0, at)} ${attack.replace(/o/g, "0").replace(/e/g, "3")} ${doc.slice(at)}`
      const folded = foldLeetspeak(leet)
      const changed: number[] = []
      for (let k = 0; k < leet.length; k++) if (leet.charCodeAt(k) !== folded.charCodeAt(k)) changed.push(k)
      diffs.push(...compare(leet, folded, changed))
    })
    expect(diffs).toEqual([])
  }, 600_000)
})
