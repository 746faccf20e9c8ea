/**
 * The public outside corpus (../shared/bench/aeb) through `pipelock check`'s code path (the Inspector `run`
 * uses), case by case: url, header, request_body, response_content and mcp_* cases. Prints the pass rate and
 * the misses; asserts that no benign case is blocked and that detection does not regress below what it is.
 * (The full runner through the real listeners is `npm run bench:corpus`.)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { loadOrThrow } from "../../../src/layers/config/load.ts"
import * as ConfigStoreLayer from "../../../src/layers/ConfigStore.ts"
import { combine } from "../../../src/layers/detect/decide.ts"
import * as InspectorLayer from "../../../src/layers/Inspector.ts"
import * as SessionStoreLayer from "../../../src/layers/SessionStore.ts"
import * as ResolverLayer from "../../../src/layers/Resolver.ts"
import { Inspector } from "../../../src/services/Inspector.ts"
import type { Verdict } from "../../../src/services/Verdict.ts"

const root = join(import.meta.dirname, "../../../../shared/bench/aeb/cases")
const configText = readFileSync(join(import.meta.dirname, "../../../bench/corpus-config.yaml"), "utf8")

interface Case {
  id: string
  category: string
  input_type: string
  transport: string
  payload: any
  expected_verdict: "block" | "allow"
}

const cases: Case[] = existsSync(root)
  ? readdirSync(root).flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(root, d, f), "utf8"))))
  : []

const judge = (c: Case) =>
  Effect.gen(function* () {
    const i = yield* Inspector
    const ctx = { requestId: c.id, listener: "check" as const, skipDns: true }
    const mcp = { ...ctx, sessionKey: c.id }
    const p = c.payload
    const v: Verdict[] = []
    switch (c.input_type) {
      case "url":
      case "header":
      case "request_body": {
        v.push((yield* i.checkUrl(p.url, ctx)).verdict)
        const headers = { ...(p.headers ?? {}), ...(p.content_type ? { "content-type": p.content_type } : {}) }
        v.push(yield* i.inspectRequest({ method: p.method ?? "GET", url: p.url, headers, body: p.body === undefined ? undefined : Buffer.from(p.body) }, ctx))
        break
      }
      case "response_content":
        v.push(yield* i.inspectResponse(p.response_body, { ...ctx, url: p.url }))
        break
      case "mcp_tool_call":
      case "mcp_tool_sequence":
        for (const m of p.jsonrpc_messages) v.push((yield* i.inspectMcpRequest(m, mcp)).verdict)
        break
      case "mcp_tool_definition":
      case "mcp_tool_result":
        for (const m of p.jsonrpc_messages) v.push((yield* i.inspectMcpResponse(m, { ...mcp, method: m.result?.tools ? "tools/list" : "tools/call" })).verdict)
        break
      default:
        return undefined
    }
    return combine("balanced", v)
  })

describe.runIf(cases.length > 0)("outside corpus through check's code path", () => {
  it("blocks the attacks and lets the benign cases through", async () => {
    const loaded = loadOrThrow({ file: { path: "corpus-config.yaml", text: configText } })
    const layer = InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(ConfigStoreLayer.layerTest(loaded), ResolverLayer.layer, SessionStoreLayer.layerTest())))
    const results = await Effect.runPromise(Effect.forEach(cases, (c) => judge(c).pipe(Effect.map((v) => ({ c, v })))).pipe(Effect.provide(layer)))
    const applicable = results.filter((r) => r.v !== undefined)
    const misses = applicable.filter((r) => (r.v!.action === "block") !== (r.c.expected_verdict === "block"))
    const attacks = applicable.filter((r) => r.c.expected_verdict === "block")
    const benign = applicable.filter((r) => r.c.expected_verdict === "allow")
    const caught = attacks.filter((r) => r.v!.action === "block").length
    const falsePositives = benign.filter((r) => r.v!.action === "block")
    console.log(`corpus (check path): ${applicable.length - misses.length}/${applicable.length} correct; attacks blocked ${caught}/${attacks.length}; benign blocked ${falsePositives.length}/${benign.length}`)
    for (const m of misses) console.log(`  miss: ${m.c.id} expected ${m.c.expected_verdict}, got ${m.v!.action} ${m.v!.findings.map((f) => f.rule).join(", ")}`)
    expect(falsePositives.map((r) => r.c.id)).toEqual([])
    expect(caught / attacks.length).toBeGreaterThanOrEqual(0.95)
  })
})
