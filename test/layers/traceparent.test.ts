/** W3C `traceparent` parsing and formatting (the request span's remote parent, the upstream's header). */
import { assert, describe, it } from "@effect/vitest"
import { parseTraceparent, traceparentOf } from "../../src/layers/telemetry/spans.ts"

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
const SPAN = "00f067aa0ba902b7"

describe("traceparent", () => {
  it("reads version 00 with the sampled flag", () => {
    const s = parseTraceparent(`00-${TRACE}-${SPAN}-01`)!
    assert.strictEqual(s.traceId, TRACE)
    assert.strictEqual(s.spanId, SPAN)
    assert.isTrue(s.sampled)
    assert.isFalse(parseTraceparent(`00-${TRACE}-${SPAN}-00`)!.sampled)
    assert.strictEqual(parseTraceparent(`00-${TRACE.toUpperCase()}-${SPAN}-01`)!.traceId, TRACE)
  })

  it("reads a later version by its version-00 prefix, and refuses version ff", () => {
    assert.strictEqual(parseTraceparent(`01-${TRACE}-${SPAN}-01-extra`)?.spanId, SPAN)
    assert.isUndefined(parseTraceparent(`ff-${TRACE}-${SPAN}-01`))
    assert.isUndefined(parseTraceparent(`00-${TRACE}-${SPAN}-01-extra`), "version 00 has exactly four fields")
  })

  it("refuses malformed values and all-zero ids (a new trace starts instead)", () => {
    for (const bad of [
      undefined, "", "garbage", `00-${TRACE}-${SPAN}`, `00-${TRACE.slice(1)}-${SPAN}-01`, `00-${TRACE}-${SPAN}-0g`,
      `00-${"0".repeat(32)}-${SPAN}-01`, `00-${TRACE}-${"0".repeat(16)}-01`, `00_${TRACE}_${SPAN}_01`, `00-${TRACE.replace("4", "x")}-${SPAN}-01`
    ]) assert.isUndefined(parseTraceparent(bad), String(bad))
    assert.isUndefined(parseTraceparent([`00-${TRACE}-${SPAN}-01`, `00-${TRACE}-${SPAN}-01`]), "a repeated header is ambiguous")
  })

  it("writes a span's context", () => {
    assert.strictEqual(traceparentOf({ _tag: "ExternalSpan", traceId: TRACE, spanId: SPAN, sampled: true } as never), `00-${TRACE}-${SPAN}-01`)
    assert.strictEqual(traceparentOf({ _tag: "ExternalSpan", traceId: TRACE, spanId: SPAN, sampled: false } as never), `00-${TRACE}-${SPAN}-00`)
  })
})
