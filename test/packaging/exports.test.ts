/**
 * The package's subpath exports — `pipelock/services` (contracts), `pipelock/layers` (implementations,
 * the composition root, the 501 stubs) and `pipelock/testing` (test layers and fakes) — point at index
 * modules that exist and export what an embedder needs; the test layers they hand out work in a graph.
 * (Building dist/ is too slow for a unit test; `npm pack --dry-run` was checked by hand.)
 */
import { assert, describe, it } from "@effect/vitest"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import * as Root from "../../src/index.ts"
import * as Layers from "../../src/layers/index.ts"
import * as Services from "../../src/services/index.ts"
import * as Testing from "../../src/testing.ts"
import * as KillSwitchLayer from "../../src/layers/KillSwitch.ts"
import * as InspectorFakeModule from "../../src/layers/InspectorFake.ts"
import { Inspector } from "../../src/services/Inspector.ts"
import { KillSwitch } from "../../src/services/KillSwitch.ts"
import { ConfigStore } from "../../src/services/ConfigStore.ts"
import { SessionStore } from "../../src/services/SessionStore.ts"
import { Resolver } from "../../src/services/Resolver.ts"
import { ConfigError } from "../../src/services/Config.ts"

const root = join(import.meta.dirname, "../..")
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>
}

/** The top-level modules of a src folder, by exported name (`KillSwitch.ts` → `KillSwitch`, `scan.ts` → `Scan`), index excluded. */
const modulesOf = (dir: string) =>
  readdirSync(join(root, dir)).filter((f) => f.endsWith(".ts") && f !== "index.ts").map((f) => f[0].toUpperCase() + f.slice(1).replace(/\.ts$/, "")).sort()

describe("subpath exports", () => {
  it("package.json maps each subpath to the compiled index module of a source module that exists", () => {
    const expected: Record<string, string> = {
      ".": "src/index.ts",
      "./services": "src/services/index.ts",
      "./layers": "src/layers/index.ts",
      "./testing": "src/testing.ts"
    }
    for (const [subpath, source] of Object.entries(expected)) {
      const entry = pkg.exports[subpath]
      assert.isObject(entry, subpath)
      const { types, default: js } = entry as { types: string; default: string }
      assert.strictEqual(js, "./" + source.replace(/^src\//, "dist/").replace(/\.ts$/, ".js"), subpath)
      assert.strictEqual(types, js.replace(/\.js$/, ".d.ts"), subpath)
      assert.isTrue(existsSync(join(root, source)), source)
    }
  })

  it("pipelock/services exports every contract, each with its tag", () => {
    assert.deepStrictEqual(Object.keys(Services).sort(), modulesOf("src/services"))
    assert.strictEqual(Services.KillSwitch.KillSwitch, KillSwitch)
    assert.strictEqual(Services.Inspector.Inspector, Inspector)
    assert.strictEqual(Services.ConfigStore.ConfigStore, ConfigStore)
    assert.strictEqual(Services.SessionStore.SessionStore, SessionStore)
    assert.strictEqual(Services.Resolver.Resolver, Resolver)
    assert.strictEqual(Services.Config.ConfigError, ConfigError)
    for (const name of ["AdminApi", "CertAuthority", "ForwardProxy", "McpProxy", "Telemetry"] as const) {
      assert.isFunction((Services[name] as Record<string, unknown>)[name], name)
    }
  })

  it("pipelock/layers exports every implementation, the listeners, the composition root, the loader and the 501 stubs", () => {
    // Every top-level layer module except the test fake (which is pipelock/testing's).
    assert.deepStrictEqual(
      Object.keys(Layers).sort(),
      [...modulesOf("src/layers").filter((m) => m !== "InspectorFake"), "ConfigLoader"].sort()
    )
    assert.strictEqual(Layers.KillSwitch.layer, KillSwitchLayer.layer)
    for (const [name, value] of Object.entries({
      "AdminApi.layer": Layers.AdminApi.layer,
      "ForwardProxy.layer": Layers.ForwardProxy.layer,
      "McpProxy.layer": Layers.McpProxy.layer,
      "Inspector.layer": Layers.Inspector.layer,
      "SessionStore.layerConfig": Layers.SessionStore.layerConfig,
      "ForwardProxyUnavailable.layer": Layers.ForwardProxyUnavailable.layer,
      "McpProxyUnavailable.layer": Layers.McpProxyUnavailable.layer,
      "ProxyListener.layer": Layers.ProxyListener.layer,
      "McpListener.layer": Layers.McpListener.layer,
      "Tracing.layer": Layers.Tracing.layer,
      "CertAuthority.layer": Layers.CertAuthority.layer
    })) assert.isTrue(Layer.isLayer(value) || typeof value === "function", name)
    assert.isFunction(Layers.Pipelock.run)
    assert.isFunction(Layers.Pipelock.core)
    assert.isFunction(Layers.Pipelock.inspection)
    assert.isFunction(Layers.ConfigLoader.fromObject)
    assert.isFunction(Layers.ConfigLoader.fromYaml)
    // The root keeps what it exported before.
    assert.strictEqual(Root.ConfigLoader.fromObject, Layers.ConfigLoader.fromObject)
    assert.strictEqual(Root.Pipelock, Layers.Pipelock)
  })

  it("pipelock/testing exports the fake inspector and the in-memory variants", () => {
    assert.deepStrictEqual(Object.keys(Testing).sort(), ["ConfigStore", "InspectorFake", "KillSwitch", "Resolver", "SessionStore", "Telemetry"])
    assert.strictEqual(Testing.InspectorFake.layer, InspectorFakeModule.layer)
    assert.strictEqual(Testing.KillSwitch.layerTest, KillSwitchLayer.layerTest)
    assert.isFunction(Testing.SessionStore.layerTest)
    assert.isFunction(Testing.SessionStore.layerUnavailable)
    assert.isFunction(Testing.Resolver.layerStatic)
    assert.isFunction(Testing.Telemetry.layerTest)
    assert.isFunction(Testing.ConfigStore.makeMemory)
  })

  it.effect("the testing layers work in a graph: fake inspector, switched-on kill switch, config from an object, static DNS", () =>
    Effect.gen(function* () {
      const inspector = yield* Inspector
      const ctx = { requestId: "r1", listener: "forward" as const }
      const out = yield* inspector.inspectRequest({ method: "POST", url: "https://api.example.com/", headers: {}, body: new TextEncoder().encode("key=AKIAIOSFODNN7EXAMPLE") }, ctx)
      assert.strictEqual(out.action, "block")
      assert.isTrue(yield* (yield* KillSwitch).isActive)
      const config = yield* (yield* ConfigStore).current
      assert.strictEqual(config.mode, "strict")
      const addresses = yield* (yield* Resolver).resolve("api.example.com")
      assert.deepStrictEqual(addresses.map((a) => a.address), ["127.0.0.1"])
    }).pipe(Effect.provide(Layer.mergeAll(
      Testing.InspectorFake.layer(),
      Testing.KillSwitch.layerTest(true),
      Testing.ConfigStore.layerFromObject({ mode: "strict" }),
      Testing.Resolver.layerStatic({ "api.example.com": ["127.0.0.1"] })
    ))))

  it.effect("a config with problems fails the testing ConfigStore layer with the ConfigError", () =>
    Effect.gen(function* () {
      const e = yield* Effect.flip(Effect.provide(Effect.gen(function* () {
        return yield* ConfigStore
      }), Testing.ConfigStore.layerFromObject({ modee: "strict" })))
      assert.instanceOf(e, ConfigError)
      assert.deepStrictEqual(e.problems.map((p) => `${p.path}: ${p.message}`), ["modee: unknown key"])
    }))
})
