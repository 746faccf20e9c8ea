/** What a request gets through the Inspector while the session store cannot answer (`session_store.on_unavailable`). */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as ConfigStoreLayer from "../../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as InspectorLayer from "../../src/layers/Inspector.ts"
import * as ResolverLayer from "../../src/layers/Resolver.ts"
import * as SessionStoreLayer from "../../src/layers/SessionStore.ts"
import { Inspector } from "../../src/services/Inspector.ts"

const inspectorWith = (yaml: string) =>
  InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(
    ConfigStoreLayer.layerTest(loadOrThrow({ file: { path: "t.yaml", text: `version: 1\nmcp_session_binding: { enabled: true }\n${yaml}` } })),
    ResolverLayer.layerStatic({ "api.example.com": ["93.184.216.34"] }),
    SessionStoreLayer.layerUnavailable()
  )))

const ctx = { requestId: "t", listener: "mcp_http" as const, sessionKey: "s1" }
const call = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "get_accounts", arguments: {} } }
const list = { jsonrpc: "2.0", id: 2, result: { tools: [{ name: "get_accounts", description: "List the user's accounts.", inputSchema: { type: "object" } }] } }

const judge = Effect.gen(function* () {
  const inspector = yield* Inspector
  const request = yield* inspector.inspectMcpRequest(call, ctx)
  const response = yield* inspector.inspectMcpResponse(list, { ...ctx, method: "tools/list" })
  const url = yield* inspector.checkUrl("https://api.example.com/v1", { requestId: "t", listener: "forward" })
  return { request: request.verdict, response: response.verdict, url: url.verdict }
})

describe("the session store is unavailable", () => {
  it.effect("on_unavailable: block (the default): tools/call, tools/list and forward requests are blocked with the reason", () =>
    Effect.gen(function* () {
      const { request, response, url } = yield* judge
      for (const v of [request, response, url]) {
        assert.strictEqual(v.action, "block")
        assert.strictEqual(v.decisive?.scanner, "session_store")
        assert.strictEqual(v.decisive?.rule, "store_unavailable")
        assert.include(v.decisive?.message ?? "", "ECONNREFUSED")
      }
    }).pipe(Effect.provide(inspectorWith(""))))

  it.effect("on_unavailable: allow: they pass unchecked, even in strict mode", () =>
    Effect.gen(function* () {
      const { request, response, url } = yield* judge
      for (const v of [request, response, url]) {
        assert.notStrictEqual(v.action, "block")
        assert.isFalse(v.findings.some((f) => f.scanner === "session_store"))
      }
    }).pipe(Effect.provide(inspectorWith("mode: strict\napi_allowlist: [api.example.com]\nsession_store: { on_unavailable: allow }\n"))))

  it.effect("audit mode: a block policy is reported, never enforced", () =>
    Effect.gen(function* () {
      const { request } = yield* judge
      assert.strictEqual(request.action, "warn")
      assert.strictEqual(request.decisive?.rule, "store_unavailable")
    }).pipe(Effect.provide(inspectorWith("mode: audit\n"))))
})
