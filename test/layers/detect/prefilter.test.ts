/**
 * The injection rules' literal prefilter (literals.ts, prefilter.ts) finds exactly what running every rule on
 * the whole text finds: per rule, "matches somewhere" is the same with and without the prefilter, on the data
 * pack's injection rows (when ../shared/detect-data is there), the rows written for this project, real
 * documents from node_modules, texts built from the rules' own words with random whitespace, case and
 * boundaries (fast-check), and the relaxed (no-whitespace) variants.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { mergeInjectionPatterns } from "../../../src/layers/detect/injectionPatterns.ts"
import { analyse, openCounts } from "../../../src/layers/detect/literals.ts"
import { RuleIndex } from "../../../src/layers/detect/prefilter.ts"
import { RE2 } from "../../../src/layers/detect/re2.ts"
import { realDocs } from "../../support/realDocs.ts"

const specs = mergeInjectionPatterns([], true)
const sources = specs.map((s) => s.regex)
const relaxedSources = sources.map((s) => s.replace(/\\s\+/g, "\\s*").replace(/\[-,;:\.\\s\]\+/g, "[-,;:.\\s]*"))

const full = (srcs: ReadonlyArray<string>) => srcs.map((s) => new RE2(s, "u"))

/** Per rule, whether it matches, through the prefilter. */
const viaIndex = (index: RuleIndex, text: string): boolean[] => {
  const out = sources.map(() => false)
  for (const c of index.candidates(text)) {
    const pieces = c.stretches ?? [[0, text.length] as const]
    out[c.rule] = pieces.some(([s, e]) => index.matches(c.rule, s === 0 && e === text.length ? text : text.slice(s, e), s === 0, e === text.length))
  }
  return out
}

const root = join(import.meta.dirname, "../../..")
const packDir = [process.env.DETECT_DATA, join(root, "../shared/detect-data"), join(root, "../../shared/detect-data")].find((d) => d !== undefined && existsSync(join(d, "injection/cases.jsonl")))
const jsonl = (p: string): Array<{ text: string }> => readFileSync(p, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l))

const docs = realDocs(root, { max: 150, maxDepth: 5, minBytes: 1024, maxBytes: 500_000, chars: 20_000 })

const compare = (srcs: ReadonlyArray<string>, texts: ReadonlyArray<string>) => {
  const index = new RuleIndex(srcs)
  const res = full(srcs)
  const diffs: string[] = []
  for (const t of texts) {
    const got = viaIndex(index, t)
    res.forEach((re, i) => {
      const want = re.test(t)
      if (want !== got[i]) diffs.push(`${specs[i].name}: want ${want} got ${got[i]} in ${JSON.stringify(t.slice(0, 120))}`)
    })
  }
  return diffs
}

describe("injection prefilter", () => {
  it("reads literals and a finite reach out of most rules", () => {
    const a = sources.map(analyse)
    expect(a.filter((x) => x.literals !== undefined).length).toBeGreaterThan(sources.length - 3)
    expect(analyse("(?i)ignore\\s+all\\s+previous").literals).toEqual(["ignore all previous"])
    expect(analyse("(?i)(foo|bar)\\s+baz").literals).toEqual(["foo baz", "bar baz"])
    expect(analyse("a.*b").literals).toBeDefined()
    expect(analyse("[a-z]+").literals).toBeUndefined()
    expect(analyse("x\\s+y").reach).toEqual({ c: 2, s: 1, w: 0, p: 0, l: 0 })
  })

  it("opens counted repetitions for the confirmation's first test (a superset of the rule), outside classes and escapes", () => {
    expect(openCounts("a{2}[a{3}]\\{4}x{0}(?:ab){1,3}?[]{]{2,}[^]x]{0,9}[[:alpha:]{]{3}")).toBe("a+[a{3}]\\{4}x{0}(?:ab)+?[]{]+[^]x]*[[:alpha:]{]+")
    expect(openCounts("(?i)ignore\\s+all")).toBe("(?i)ignore\\s+all")
    // Every rule's opened form compiles (the tests below compare the prefilter, which tests it first, with the whole-text rule).
    for (const s of sources) expect(() => new RE2(openCounts(s), "u")).not.toThrow()
  })

  it("matches like the whole-text rules on the rows written for this project and on real documents", () => {
    const own = jsonl(join(root, "bench/detect-own/injection.jsonl")).map((r) => r.text)
    expect(compare(sources, [...own, ...docs])).toEqual([])
    expect(compare(relaxedSources, own)).toEqual([])
  })

  it.skipIf(packDir === undefined)("matches like the whole-text rules on every injection row of the data pack", () => {
    const rows = jsonl(join(packDir!, "injection/cases.jsonl")).map((r) => r.text)
    expect(compare(sources, rows)).toEqual([])
  })

  it("matches like the whole-text rules on texts built from the rules' own words (property)", () => {
    const words = [...new Set(sources.map(analyse).flatMap((a) => a.literals ?? []).flatMap((l) => l.split(" ")))].filter((w) => w.length > 0)
    const extra = ["you", "must", "the", "user", "all", "previous", "instructions", "assistant", ":", "\n", "IMPORTANT", "!!", "[", "]", "<", ">", "http://x.io/?q=", "{", "}", "ſystem", "\u212aey", "Ignore", "SYSTEM", "...", "—", "é", "😀"]
    const token = fc.oneof(fc.constantFrom(...words, ...extra), fc.constantFrom(" ", "  ", "\n", "\t", "\n\n", "", ".", ","))
    const index = new RuleIndex(sources)
    const res = full(sources)
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 120 }), fc.boolean(), (parts, upper) => {
        let text = parts.join(" ")
        if (upper) text = text.toUpperCase()
        const got = viaIndex(index, text)
        res.forEach((re, i) => expect([specs[i].name, got[i]]).toEqual([specs[i].name, re.test(text)]))
      }),
      { numRuns: 300, seed: 14 }
    )
  })
})
