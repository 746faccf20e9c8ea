/**
 * `npm run fuzz`: the escape property of test/layers/escape.test.ts at scale (not part of CI). Generated JSON
 * messages with a secret placed anywhere (any depth, key order, duplicate keys, escapes, key/value/raw number,
 * every MCP protocol position, batches) go through the real forward proxy and the real MCP proxy to loopback
 * upstreams that record raw bytes; MCP answers hide an injection for the client. Counts escapes (a recorded
 * body, or a client answer, holding what had to be stopped) and prints them, with the time taken.
 *
 * FUZZ_CASES (100000) split 40% forward, 45% MCP requests, 15% MCP answers; FUZZ_SEED (random).
 */
import { Effect } from "effect"
import fc from "fast-check"
import { forwardCase, holds, INJECTION, mcpCase, responseCase, startHarness } from "../test/support/escape.ts"

const total = Number(process.env.FUZZ_CASES ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const counts = { forward: Math.round(total * 0.4), mcp: Math.round(total * 0.45), response: 0 }
counts.response = total - counts.forward - counts.mcp
const BATCH = 500

console.log(`fuzz: ${total} cases (forward ${counts.forward}, MCP requests ${counts.mcp}, MCP answers ${counts.response}), seed ${seed}`)
const started = performance.now()
const escapes: string[] = []
let done = 0

await Effect.runPromise(Effect.scoped(Effect.gen(function* () {
  const h = yield* startHarness
  const run = <C>(name: string, arb: fc.Arbitrary<C>, n: number, check: (c: C) => Promise<string | undefined>) =>
    Effect.promise(async () => {
      for (let offset = 0; offset < n; offset += BATCH) {
        const cases = fc.sample(arb, { numRuns: Math.min(BATCH, n - offset), seed: seed + offset + name.length * 1_000_003 })
        for (const c of cases) {
          const escaped = await check(c)
          if (escaped !== undefined) {
            escapes.push(`${name}: ${escaped}`)
            console.log(`ESCAPE ${name}: ${escaped}`)
          }
          done++
          if (done % 5000 === 0) console.log(`  ${done} cases, ${escapes.length} escapes, ${((performance.now() - started) / 1000).toFixed(0)} s`)
        }
      }
    })
  yield* run("forward", forwardCase, counts.forward, async (c) => {
    const got = await h.forward(c)
    return got.some((b) => holds(b, c.secret)) ? `${c.secret} reached the origin from ${c.body.slice(0, 400)}` : undefined
  })
  yield* run("mcp", mcpCase, counts.mcp, async (c) => {
    const got = await h.mcp(c)
    return got.some((b) => holds(b, c.secret)) ? `${c.secret} (${c.position}) reached the MCP upstream from ${c.body.slice(0, 400)}` : undefined
  })
  yield* run("response", responseCase, counts.response, async (c) => {
    const got = await h.response(c)
    return holds(got, INJECTION) ? `the injection reached the client from ${c.result.slice(0, 400)}` : undefined
  })
})))

const seconds = (performance.now() - started) / 1000
console.log(`fuzz: ${done} cases in ${seconds.toFixed(0)} s (${(seconds * 1000 / Math.max(done, 1)).toFixed(1)} ms a case), ${escapes.length} escapes (seed ${seed})`)
process.exit(escapes.length === 0 ? 0 : 1)
