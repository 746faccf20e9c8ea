import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, Option, Stream } from "effect"
import { PrometheusMetrics } from "effect/observability"
import * as ConfigStoreLayer from "../../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as TelemetryLayer from "../../src/layers/Telemetry.ts"
import { ConfigStore } from "../../src/services/ConfigStore.ts"

const storeFor = (path: string, lines: string[], watch = false) => {
  const initial = ConfigStoreLayer.loadFrom(path, {}, {})
  if (!("config" in initial)) throw new Error(initial.message)
  return ConfigStoreLayer.layerFile({ path, env: {}, flags: {}, initial, watch, sighup: false }).pipe(
    Layer.provide(TelemetryLayer.layerTest(lines))
  )
}

const tempConfig = (text: string) => {
  const dir = mkdtempSync(join(tmpdir(), "pipelock-cfg-"))
  const path = join(dir, "pipelock.yaml")
  writeFileSync(path, text)
  return path
}

describe("ConfigStore hot reload", () => {
  it.live("applies a good new file and publishes it on `changes`", () => {
    const path = tempConfig("mode: balanced\nfetch_proxy:\n  monitoring:\n    max_url_length: 1000\n")
    const lines: string[] = []
    return Effect.gen(function* () {
      const store = yield* ConfigStore
      const subscribed = yield* Deferred.make<void>()
      const seen = yield* store.changes.pipe(Stream.tap(() => Deferred.succeed(subscribed, undefined)), Stream.take(2), Stream.runCollect, Effect.forkChild)
      yield* Deferred.await(subscribed)
      writeFileSync(path, "mode: balanced\nfetch_proxy:\n  monitoring:\n    max_url_length: 1500\n")
      const result = yield* store.reload
      assert.strictEqual(result._tag, "Applied")
      assert.strictEqual((yield* store.current).fetch_proxy.monitoring.max_url_length, 1500)
      const values = yield* Fiber.join(seen)
      assert.deepStrictEqual([...values].map((c) => c.fetch_proxy.monitoring.max_url_length), [1000, 1500])
      assert.include(yield* PrometheusMetrics.format(), 'pipelock_config_reloads_total{result="success"}')
    }).pipe(Effect.provide(storeFor(path, lines)))
  })

  it.live("rejects a bad file, logs why and keeps serving the old config", () => {
    const path = tempConfig("mode: balanced\n")
    const lines: string[] = []
    return Effect.gen(function* () {
      const store = yield* ConfigStore
      writeFileSync(path, "mode: balanced\ndlp:\n  scan_envv: true\n")
      const result = yield* store.reload
      assert.strictEqual(result._tag, "Rejected")
      assert.strictEqual((yield* store.current).mode, "balanced")
      assert.isTrue(lines.some((l) => l.includes("config_reload_rejected") && l.includes("dlp.scan_envv: unknown key")))
      assert.include(yield* PrometheusMetrics.format(), 'pipelock_config_reloads_total{result="rejected"}')
    }).pipe(Effect.provide(storeFor(path, lines)))
  })

  it.live("in strict mode rejects a reload that weakens protection", () => {
    const path = tempConfig("mode: strict\n")
    const lines: string[] = []
    return Effect.gen(function* () {
      const store = yield* ConfigStore
      writeFileSync(path, "mode: strict\nresponse_scanning:\n  enabled: false\n")
      const result = yield* store.reload
      assert.strictEqual(result._tag, "Rejected")
      assert.isTrue((yield* store.current).response_scanning.enabled)
    }).pipe(Effect.provide(storeFor(path, lines)))
  })

  it.live("notices a changed file by itself (file watch)", () => {
    const path = tempConfig("mode: balanced\n")
    const lines: string[] = []
    return Effect.gen(function* () {
      const store = yield* ConfigStore
      const subscribed = yield* Deferred.make<void>()
      const next = yield* store.changes.pipe(Stream.tap(() => Deferred.succeed(subscribed, undefined)), Stream.drop(1), Stream.take(1), Stream.runHead, Effect.forkChild)
      yield* Deferred.await(subscribed)
      writeFileSync(path, "mode: audit\n")
      const config = yield* Fiber.join(next).pipe(Effect.timeout("5 seconds"))
      assert.strictEqual(Option.getOrThrow(config).mode, "audit")
    }).pipe(Effect.provide(storeFor(path, lines, true)))
  })

  it.live("notices a Kubernetes ConfigMap update (the ..data symlink swapped, the file name never changes)", () => {
    // The kubelet layout: pipelock.yaml -> ..data/pipelock.yaml, ..data -> ..2026_v1; an update writes ..2026_v2,
    // points ..data_tmp at it and renames ..data_tmp over ..data.
    const dir = mkdtempSync(join(tmpdir(), "pipelock-cm-"))
    mkdirSync(join(dir, "..v1"))
    writeFileSync(join(dir, "..v1", "pipelock.yaml"), "mode: balanced\n")
    symlinkSync("..v1", join(dir, "..data"))
    symlinkSync(join("..data", "pipelock.yaml"), join(dir, "pipelock.yaml"))
    const path = join(dir, "pipelock.yaml")
    const lines: string[] = []
    return Effect.gen(function* () {
      const store = yield* ConfigStore
      const subscribed = yield* Deferred.make<void>()
      const next = yield* store.changes.pipe(Stream.tap(() => Deferred.succeed(subscribed, undefined)), Stream.drop(1), Stream.take(1), Stream.runHead, Effect.forkChild)
      yield* Deferred.await(subscribed)
      mkdirSync(join(dir, "..v2"))
      writeFileSync(join(dir, "..v2", "pipelock.yaml"), "mode: audit\n")
      symlinkSync("..v2", join(dir, "..data_tmp"))
      renameSync(join(dir, "..data_tmp"), join(dir, "..data"))
      const config = yield* Fiber.join(next).pipe(Effect.timeout("5 seconds"))
      assert.strictEqual(Option.getOrThrow(config).mode, "audit")
    }).pipe(Effect.provide(storeFor(path, lines, true)))
  })

  it("loads the initial config once for the program (not re-read at layer build)", () => {
    const loaded = loadOrThrow({})
    assert.strictEqual(loaded.config.mode, "balanced")
  })
})
