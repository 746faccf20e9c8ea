/** Header DLP in the default `sensitive` mode: listed headers and credential-named ones get every pattern. */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as ConfigStoreLayer from "../../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as InspectorLayer from "../../src/layers/Inspector.ts"
import * as ResolverLayer from "../../src/layers/Resolver.ts"
import * as SessionStoreLayer from "../../src/layers/SessionStore.ts"
import { Inspector } from "../../src/services/Inspector.ts"

const inspector = InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(ConfigStoreLayer.layerTest(loadOrThrow({})), ResolverLayer.layerStatic({}), SessionStoreLayer.layerTest())))
const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
const send = (headers: Record<string, string>) =>
  Effect.gen(function* () {
    const i = yield* Inspector
    return yield* i.inspectRequest({ method: "GET", url: "https://api.example.com/", headers }, { requestId: "t", listener: "forward" })
  })

describe("header DLP (header_mode: sensitive)", () => {
  it.effect("a JWT in a credential-named header is blocked like one in Authorization; elsewhere only critical formats count", () =>
    Effect.gen(function* () {
      assert.strictEqual((yield* send({ authorization: `Bearer ${jwt}` })).action, "block")
      assert.strictEqual((yield* send({ "x-session-token": jwt })).action, "block")
      assert.strictEqual((yield* send({ "x-api-secret": jwt })).action, "block")
      assert.strictEqual((yield* send({ "x-trace-context": jwt })).action, "allow")
      assert.strictEqual((yield* send({ "x-trace-context": "AKIAIOSFODNN7EXAMPLE" })).action, "block") // critical: any header
    }).pipe(Effect.provide(inspector)))
})
