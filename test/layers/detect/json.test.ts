/** The JSON walker: agrees with JSON.parse on what is JSON, sees what JSON.parse hides, never recurses. */
import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { CONTAINER_COST, defaultLimits, dlpParts, heapCost, elementTexts, KEY, KNOWN_MIN, kindOf, knownStrings, locationOf, NUMBER, textsUnder, walkJson, walkJsonInSlices, walkValue } from "../../../src/layers/detect/json.ts"
import { walkCostBound } from "../../../src/layers/Inspector.ts"

const parses = (s: string) => {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}

describe("walkJson", () => {
  it("accepts exactly what JSON.parse accepts (generated JSON, and JSON with characters dropped, doubled or inserted)", () => {
    const mutated = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.constantFrom("drop", "double", "insert"), fc.constantFrom(",", "]", "}", '"', "\\", ":", "0", "-", "e", ".", " ", "\t", "\u0001", "t", "[", "{"))
      .map(([v, at, how, ch]) => {
        const s = JSON.stringify(v)
        const i = s.length === 0 ? 0 : at % s.length
        return how === "drop" ? s.slice(0, i) + s.slice(i + 1) : how === "double" ? s.slice(0, i) + s[i] + s.slice(i) : s.slice(0, i) + ch + s.slice(i)
      })
    fc.assert(fc.property(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v, null, 1)), mutated, fc.string()), (s) => {
      expect(walkJson(s).ok, s).toBe(parses(s))
    }), { numRuns: 3000 })
  })

  it("sees every key and string JSON.parse keeps, and numbers as written", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
      const text = JSON.stringify(v)
      const raw = walkJson(text)
      const parsed = walkValue(v)
      expect(raw.ok && parsed.ok).toBe(true)
      if (!raw.ok || !parsed.ok) return
      expect([...raw.texts].sort()).toEqual([...parsed.texts].sort())
    }), { numRuns: 1000 })
  })

  it("reports every value of a repeated key, the raw text of numbers, and where each text is", () => {
    const w = walkJson('{"a":"AKIA1","a":"x","n":4000000000000000006,"l":[1,{"k":"v"}]}')
    if (!w.ok) throw new Error(w.message)
    expect(w.texts).toEqual(["a", "AKIA1", "a", "x", "n", "4000000000000000006", "l", "1", "k", "v"])
    expect(w.duplicateKeys).toEqual([2])
    expect(kindOf(w, 0)).toBe(KEY)
    expect(kindOf(w, 5)).toBe(NUMBER)
    expect(w.texts.map((_, i) => locationOf(w, i, "body"))).toEqual([
      "body.a(key)", "body.a", "body.a(key)", "body.a", "body.n(key)", "body.n", "body.l(key)", "body.l[0]", "body.l[1].k(key)", "body.l[1].k"
    ])
    expect(textsUnder(w, ["l"]).map((i) => w.texts[i])).toEqual(["1", "k", "v"])
  })

  it("decodes escapes (a secret spelled with \\u escapes is a secret)", () => {
    const w = walkJson('["\\u0041KIA\\u00e9", {"\\u006b":1}]')
    expect(w.ok && w.texts).toEqual(["AKIAé", "k", "1"])
  })

  it("bounds a walk's memory by a share of the heap: a scalar costs one unit, an object or array four", () => {
    // 48 MB old generation with 2 MB semi-spaces (the image's flags): V8 reports a 54 MB heap limit.
    const atImage = heapCost(54 * 1024 * 1024)
    expect(atImage).toBeGreaterThan(500_000)
    expect(atImage).toBeLessThan(700_000)
    expect(heapCost(4 * 1024 ** 3)).toBeGreaterThan(defaultLimits.maxNodes)
    const limits = { maxDepth: 10, maxNodes: 1_000, maxCost: 100 }
    // 99 numbers in an array: 99 + 4 units; 100 fails.
    expect(walkJson(`[${Array(96).fill(1).join(",")}]`, limits).ok).toBe(true)
    const numbers = walkJson(`[${Array(100).fill(1).join(",")}]`, limits)
    expect(!numbers.ok && numbers.problem).toBe("nodes")
    expect(!numbers.ok && numbers.message).toContain("PIPELOCK_MAX_HEAP_MB")
    // 25 empty objects cost as much as 100 numbers.
    expect(walkJson(`[${Array(24).fill("{}").join(",")}]`, limits).ok).toBe(true)
    expect(walkJson(`[${Array(25).fill("{}").join(",")}]`, limits).ok).toBe(false)
    expect(walkValue(Array(25).fill({}), limits).ok).toBe(false)
    expect(walkValue(Array(24).fill({}), limits).ok).toBe(true)
  })

  it("counts at least a walk's cost from the text (walkCostBound)", () => {
    const docs = ['{"a":[1,2,{"b":"x,y"}],"c":{}}', "[1,2,3]", '"s"', "[[],[[]],{}]", '{"k":"v:,[{"}', JSON.stringify({ input: [[0.1, 0.2], [0.3]] })]
    for (const d of docs) {
      const w = walkJson(d, { maxDepth: 10, maxNodes: 1_000 })
      expect(w.ok).toBe(true)
      if (!w.ok) continue
      const cost = w.texts.length + CONTAINER_COST * w.containers.length
      expect(walkCostBound(d)).toBeGreaterThanOrEqual(cost)
    }
    fc.assert(fc.property(fc.json(), (d) => {
      const w = walkJson(d, { maxDepth: 1_000, maxNodes: 1_000_000 })
      return !w.ok || walkCostBound(d) >= w.texts.length + CONTAINER_COST * w.containers.length
    }), { numRuns: 2_000 })
  })

  it("stops at the depth and node limits without recursing (depth 100,000)", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000)
    const w = walkJson(deep)
    expect(w.ok).toBe(false)
    expect(!w.ok && w.problem).toBe("depth")
    expect(walkJson("[".repeat(defaultLimits.maxDepth) + "]".repeat(defaultLimits.maxDepth)).ok).toBe(true)
    const many = walkJson(`[${"1,".repeat(50)}1]`, { maxDepth: 10, maxNodes: 20 })
    expect(!many.ok && many.problem).toBe("nodes")
    const v: unknown[] = []
    let cur = v
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = []
      cur.push(next)
      cur = next
    }
    expect(walkValue(v).ok).toBe(false)
  })

  it("gives the raw span of each member of a root array (a batch)", () => {
    const text = ' [ {"a":1} , "x",[2] ] '
    const w = walkJson(text)
    if (!w.ok) throw new Error(w.message)
    expect(elementTexts(w, text)).toEqual(['{"a":1}', '"x"', "[2]"])
  })

  it("walks in slices to the same result", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 1, max: 50 }), (v, slice) => {
      const text = JSON.stringify(v)
      const whole = walkJson(text)
      const sliced = walkJsonInSlices(text, slice)
      let r = sliced.next()
      while (r === undefined) r = sliced.next()
      expect(r.ok && r.texts).toEqual(whole.ok && whole.texts)
    }), { numRuns: 500 })
  })

  it("gives DLP every value (numbers too) before every key; a large document in runs of texts", () => {
    const w = walkJson('{"api_key":"q8Zr2LmX7vTp4NcW","n":12}')
    if (!w.ok) throw new Error(w.message)
    expect(dlpParts(w, "body").map((p) => p.value)).toEqual(["q8Zr2LmX7vTp4NcW", "12", "api_key", "n", "api_key: q8Zr2LmX7vTp4NcW"])
    const big = walkJson(JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ i }))))
    if (!big.ok) throw new Error(big.message)
    const parts = dlpParts(big, "body")
    expect(parts.length).toBeLessThan(200)
    expect(parts.map((p) => p.value).join("\n").split("\n").length).toBe(20_000)
  })
})

describe("walkJson with the parsed value's long strings (knownStrings)", () => {
  const long = (s: string) => s.repeat(Math.ceil(KNOWN_MIN / s.length) + 3)
  const same = (raw: string) => {
    const plain = walkJson(raw)
    const known = knownStrings(JSON.parse(raw))
    const shared = walkJson(raw, undefined, known)
    expect(shared).toEqual(plain)
    const sliced = walkJsonInSlices(raw, 1000, undefined, known)
    let r
    while ((r = sliced.next()) === undefined);
    expect(r).toEqual(plain)
    return { plain, shared, known }
  }

  it("gives the same texts, the long escaped ones taken from the parsed value (no second decoded copy)", () => {
    const text = long("строка с \"кавычками\", \\ и\tтабуляцией\n")
    const raw = JSON.stringify({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text }, { type: "text", text: long("x\n") }] } })
    const { shared, known } = same(raw)
    if (!shared.ok) throw new Error("not walked")
    const i = shared.texts.findIndex((t) => t.length === text.length)
    expect(known.get(text.length)).toContain(shared.texts[i])
    expect(shared.texts[i]).toBe(text)
  })

  it("decodes as usual where the parsed value does not hold the token's string: duplicate keys, lone surrogates, \\u escapes, near misses", () => {
    const a = long("alpha\n")
    const b = `${a.slice(0, -1)}Z`
    same(`{"k": ${JSON.stringify(a)}, "k": ${JSON.stringify(b)}}`)
    same(`{"k": ${JSON.stringify(b)}, "k": ${JSON.stringify(a)}, "2": ${JSON.stringify(a)}, "1": ${JSON.stringify(b)}}`)
    same(`["${"\\ud800\\u0041\\/\\b\\f\\r".repeat(KNOWN_MIN)}", "${"\\uDFFF x".repeat(KNOWN_MIN)}"]`)
    same(`[${Array.from({ length: 12 }, (_, k) => JSON.stringify(`${long("q\n")}${k % 10}`)).join(",")}]`)
  })

  it("still reports an invalid escape in a long string as a syntax problem", () => {
    const raw = `{"a": "${long("ok\\n")}\\x"}`
    const w = walkJson(raw, undefined, knownStrings({ a: long("ok\n") + "x" }))
    expect(w.ok).toBe(false)
    if (!w.ok) expect(w.problem).toBe("syntax")
  })
})
