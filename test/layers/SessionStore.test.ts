import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as ConfigStoreLayer from "../../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as SessionStoreLayer from "../../src/layers/SessionStore.ts"
import { SessionStore } from "../../src/services/SessionStore.ts"

describe("SessionStore (memory)", () => {
  it.effect("keeps a session's state between touches", () =>
    Effect.gen(function* () {
      const store = yield* SessionStore
      const s = yield* store.touch("a")
      s.baseline = new Map([["get_accounts", { fingerprint: "f1", tool: {} }]])
      const again = yield* store.touch("a")
      assert.strictEqual(again, s)
      assert.deepStrictEqual([...again.baseline!.keys()], ["get_accounts"])
    }).pipe(Effect.provide(SessionStoreLayer.layerTest())))

  it.effect("an idle session past the TTL starts over; a used one does not", () => {
    let now = 0
    return Effect.gen(function* () {
      const store = yield* SessionStore
      const s = yield* store.touch("a")
      s.baseline = new Map()
      now = 50
      assert.strictEqual(yield* store.touch("a"), s) // used within the TTL: same session, TTL renewed
      now = 140
      assert.strictEqual(yield* store.touch("a"), s)
      now = 241
      const fresh = yield* store.touch("a")
      assert.notStrictEqual(fresh, s)
      assert.isUndefined(fresh.baseline)
    }).pipe(Effect.provide(SessionStoreLayer.layerTest({ ttlMs: 100, maxSessions: 0 }, () => now)))
  })

  it.effect("above max_sessions the least recently used session is evicted", () =>
    Effect.gen(function* () {
      const store = yield* SessionStore
      const a = yield* store.touch("a")
      yield* store.touch("b")
      yield* store.touch("a") // a is now the most recent
      yield* store.touch("c") // evicts b
      assert.strictEqual(yield* store.size, 2)
      assert.strictEqual(yield* store.touch("a"), a)
      const b = yield* store.touch("b") // b comes back new, evicting c
      assert.isUndefined(b.baseline)
      assert.strictEqual(yield* store.size, 2)
    }).pipe(Effect.provide(SessionStoreLayer.layerTest({ ttlMs: 0, maxSessions: 2 }))))

  it.effect("end forgets a session", () =>
    Effect.gen(function* () {
      const store = yield* SessionStore
      const s = yield* store.touch("a")
      yield* store.end("a")
      assert.strictEqual(yield* store.size, 0)
      assert.notStrictEqual(yield* store.touch("a"), s)
    }).pipe(Effect.provide(SessionStoreLayer.layerTest())))

  it.effect("the memory layer takes its limits from session_profiling", () =>
    Effect.gen(function* () {
      const store = yield* SessionStore
      for (const k of ["a", "b", "c", "d"]) yield* store.touch(k)
      assert.strictEqual(yield* store.size, 3)
    }).pipe(
      Effect.provide(SessionStoreLayer.layerMemory),
      Effect.provide(ConfigStoreLayer.layerTest(loadOrThrow({ file: { path: "t.yaml", text: "version: 1\nsession_profiling:\n  max_sessions: 3\n" } })))
    ))
})
