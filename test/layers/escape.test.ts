/**
 * Property: whatever the JSON looks like (any depth, key order, duplicated keys, escapes, a secret in a key,
 * a value or a raw number, at any MCP protocol position), a secret sent through the real forward proxy or the
 * real MCP proxy never reaches the loopback upstream (balanced mode: nothing is an audit-mode allow), and an
 * injection an MCP upstream hides anywhere in its answer never reaches the client. 2,000 generated cases on
 * one set of listeners; `npm run fuzz` runs 100,000.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import fc from "fast-check"
import { forwardCase, holds, INJECTION, mcpCase, responseCase, startHarness } from "../support/escape.ts"

describe("no secret escapes through the proxies", () => {
  it.live("forward proxy (700 bodies), MCP requests (900 messages), MCP answers (400)", () =>
    Effect.gen(function* () {
      const h = yield* startHarness
      // The harness forwards what is clean (else the property would hold vacuously).
      const clean = yield* Effect.promise(() => h.forward({ body: '{"a":[{"b":"hello"}],"a2":1}', contentType: "application/json", secret: "" }))
      assert.deepStrictEqual(clean, ['{"a":[{"b":"hello"}],"a2":1}'])
      const call = '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"q":"weather"}}}'
      assert.deepStrictEqual(yield* Effect.promise(() => h.mcp({ body: call, secret: "", position: "arguments" })), [call])
      yield* Effect.promise(() => fc.assert(fc.asyncProperty(forwardCase, async (c) => {
        const got = await h.forward(c)
        assert.isFalse(got.some((b) => holds(b, c.secret)), `the origin got ${c.secret} from ${c.body.slice(0, 300)}`)
      }), { numRuns: 700 }))
      yield* Effect.promise(() => fc.assert(fc.asyncProperty(mcpCase, async (c) => {
        const got = await h.mcp(c)
        assert.isFalse(got.some((b) => holds(b, c.secret)), `the MCP upstream got ${c.secret} (${c.position}) from ${c.body.slice(0, 300)}`)
      }), { numRuns: 900 }))
      yield* Effect.promise(() => fc.assert(fc.asyncProperty(responseCase, async (c) => {
        const got = await h.response(c)
        assert.isFalse(holds(got, INJECTION), `the client got the injection from ${c.result.slice(0, 300)}`)
      }), { numRuns: 400 }))
    }).pipe(Effect.scoped), 300_000)
})
