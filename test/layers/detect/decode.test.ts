import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeVariants, encodedRuns, tryBase32, tryBase64, tryHex, unescapeEscapes, urlDecodeLayers } from "../../../src/layers/detect/decode.ts"

describe("decoders", () => {
  const s = "AKIAIOSFODNN7EXAMPLE"
  it("base64 (both alphabets, with and without padding), hex (contiguous and separated), base32", () => {
    expect(tryBase64(Buffer.from(s).toString("base64"))).toBe(s)
    expect(tryBase64(Buffer.from(s).toString("base64url").replace(/=+$/, ""))).toBe(s)
    expect(tryHex(Buffer.from(s).toString("hex"))).toBe(s)
    expect(tryHex(Buffer.from(s).toString("hex").match(/../g)!.map((h) => `\\x${h}`).join(""))).toBe(s)
    expect(tryHex(Buffer.from(s).toString("hex").match(/../g)!.join("-"))).toBe(s)
    expect(tryBase32("IFFUSQKJJ5JUMT2EJZHDORKYIFGVATCF")).toBe(s)
  })
  it("rejects decodings that are not text", () => {
    expect(tryBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ")).toBeUndefined()
    expect(tryHex("deadbeefdeadbeef")).toBeUndefined()
  })
  it("percent-encoding applied repeatedly, and escapes", () => {
    expect(urlDecodeLayers("%252541")).toEqual(["%2541", "%41", "A"])
    expect(unescapeEscapes("\\u0041\\x42\\103&#x44;&#69;&amp;")).toBe("ABCDE&")
  })
  it("decodes nested encodings to a bounded depth", () => {
    const nested = Buffer.from(Buffer.from(s).toString("hex")).toString("base64")
    expect(decodeVariants(`v=${nested}`).map((v) => v.text)).toContain(s)
  })

  it("never throws and keeps output bounded on arbitrary input", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 4000 }), (x) => {
      for (const f of [tryBase64, tryHex, tryBase32, unescapeEscapes]) {
        const out = f(x)
        if (out !== undefined) expect(out.length).toBeLessThanOrEqual(x.length + 16)
      }
      expect(urlDecodeLayers(x).length).toBeLessThanOrEqual(8)
      expect(encodedRuns(x, 16).length).toBeLessThanOrEqual(64)
      const v = decodeVariants(x)
      expect(v.length).toBeLessThanOrEqual(32)
      expect(v.reduce((n, y) => n + y.text.length, 0)).toBeLessThanOrEqual(1024 * 1024 + 4000)
    }), { numRuns: 400 })
  })
  it("stays bounded on hostile shapes (deep nesting, long runs)", () => {
    let deep = "AKIAIOSFODNN7EXAMPLE"
    for (let i = 0; i < 12; i++) deep = Buffer.from(deep).toString("base64")
    expect(decodeVariants(deep).length).toBeLessThanOrEqual(32)
    expect(decodeVariants("%25".repeat(100_000)).length).toBeLessThanOrEqual(32)
  })
})
