/**
 * The SessionStore contract, run against the memory store and against the Redis store on a real
 * redis-server (started on a free loopback port by this file): both must give the same answers.
 */
import { assert, describe, it } from "@effect/vitest"
import { afterAll, beforeAll } from "vitest"
import { Effect, Layer, type Scope } from "effect"
import * as ConfigStoreLayer from "../../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as SessionStoreLayer from "../../src/layers/SessionStore.ts"
import * as SessionStoreRedis from "../../src/layers/SessionStoreRedis.ts"
import * as TelemetryLayer from "../../src/layers/Telemetry.ts"
import { type Flags, SessionStore, type ToolPin } from "../../src/services/SessionStore.ts"
import { eventually } from "../support/http.ts"
import { type RedisServer, redisServerBinary, startRedis } from "../support/redis.ts"

interface Limits {
  readonly ttlMinutes: number
  readonly maxSessions: number
}
type MakeStore = (limits: Limits, clock: () => number) => Layer.Layer<SessionStore>

const tool = (name: string, fingerprint: string): ToolPin => ({ name, fingerprint, definition: { name, description: `v ${fingerprint}` } })

/** Waits until the store answers (the Redis store connects in the background). */
const ready = Effect.gen(function* () {
  const store = yield* SessionStore
  yield* Effect.promise(() => eventually(async () => (await Effect.runPromise(store.health)).available, 10_000, 10))
  return store
})

const contract = (name: string, makeStore: () => MakeStore) =>
  describe(`SessionStore contract: ${name}`, () => {
    const none: Limits = { ttlMinutes: 0, maxSessions: 0 }
    const run = <A, E>(limits: Limits, clock: () => number, body: Effect.Effect<A, E, SessionStore | Scope.Scope>) =>
      body.pipe(Effect.provide(makeStore()(limits, clock)))

    it.effect("pins a session's first tools/list and keeps it between operations", () =>
      run(none, Date.now, Effect.gen(function* () {
        const store = yield* ready
        assert.deepStrictEqual(yield* store.recordCall("a", { tool: "get_accounts" }), { inventory: "unpinned", history: [] })
        assert.deepStrictEqual(yield* store.pinTools("a", [tool("get_accounts", "f1"), tool("get_transactions", "f2")]), { pinned: true, added: [], changed: [] })
        assert.strictEqual((yield* store.recordCall("a", { tool: "get_accounts" })).inventory, "listed")
        assert.strictEqual((yield* store.recordCall("a", { tool: "delete_everything" })).inventory, "unlisted")
        // another session is not pinned
        assert.strictEqual((yield* store.recordCall("b", { tool: "get_accounts" })).inventory, "unpinned")
      })))

    it.effect("a later tools/list: new tools are added to the pin, changed ones reported against the pinned definition", () =>
      run(none, Date.now, Effect.gen(function* () {
        const store = yield* ready
        yield* store.pinTools("a", [tool("read", "r1"), tool("send", "s1")])
        const second = yield* store.pinTools("a", [tool("read", "r1"), tool("send", "s2"), tool("exfil", "e1")])
        assert.isFalse(second.pinned)
        assert.deepStrictEqual(second.added, ["exfil"])
        assert.deepStrictEqual(second.changed, [{ name: "send", pinned: { name: "send", description: "v s1" } }])
        // the pin is kept: the changed tool still differs, the added one is known now
        const third = yield* store.pinTools("a", [tool("read", "r1"), tool("send", "s2"), tool("exfil", "e1")])
        assert.deepStrictEqual(third, { pinned: false, added: [], changed: [{ name: "send", pinned: { name: "send", description: "v s1" } }] })
        assert.strictEqual((yield* store.recordCall("a", { tool: "exfil" })).inventory, "listed")
      })))

    it.effect("an idle session past the TTL starts over; a used one does not", () => {
      let now = 1_000_000
      return run({ ttlMinutes: 1, maxSessions: 0 }, () => now, Effect.gen(function* () {
        const store = yield* ready
        yield* store.pinTools("a", [tool("t", "1")])
        now += 30_000
        assert.strictEqual((yield* store.recordCall("a", { tool: "t" })).inventory, "listed") // used within the TTL: renewed
        now += 59_000
        assert.strictEqual((yield* store.recordCall("a", { tool: "t" })).inventory, "listed")
        now += 60_001
        assert.strictEqual((yield* store.recordCall("a", { tool: "t" })).inventory, "unpinned")
      }))
    })

    it.effect("above max_sessions the least recently used session is evicted", () => {
      let now = 1_000_000
      const tick = () => (now += 1)
      return run({ ttlMinutes: 0, maxSessions: 2 }, () => now, Effect.gen(function* () {
        const store = yield* ready
        yield* store.pinTools("a", [tool("t", "1")])
        tick()
        yield* store.pinTools("b", [tool("t", "1")])
        tick()
        yield* store.recordCall("a", { tool: "t" }) // a is now the most recent
        tick()
        yield* store.recordCall("c", { tool: "t" }) // evicts b
        assert.strictEqual(yield* store.size, 2)
        tick()
        assert.strictEqual((yield* store.recordCall("a", { tool: "t" })).inventory, "listed")
        tick()
        assert.strictEqual((yield* store.recordCall("b", { tool: "t" })).inventory, "unpinned") // b comes back new, evicting c
        assert.strictEqual(yield* store.size, 2)
      }))
    })

    it.effect("end forgets a session", () =>
      run(none, Date.now, Effect.gen(function* () {
        const store = yield* ready
        yield* store.pinTools("a", [tool("t", "1")])
        yield* store.end("a")
        assert.strictEqual(yield* store.size, 0)
        assert.strictEqual((yield* store.recordCall("a", { tool: "t" })).inventory, "unpinned")
      })))

    it.effect("the chain history: appended, older than the window dropped, at most window_size kept", () =>
      run(none, Date.now, Effect.gen(function* () {
        const store = yield* ready
        const call = (category: string, at: number) => store.recordCall("a", { tool: "x", chain: { category, at, windowSize: 3, windowSeconds: 60 } })
        assert.deepStrictEqual((yield* call("list", 1_000)).history, [{ category: "list", at: 1_000 }])
        assert.deepStrictEqual((yield* call("read", 2_000)).history.map((c) => c.category), ["list", "read"])
        assert.deepStrictEqual((yield* call("exec", 3_000)).history.map((c) => c.category), ["list", "read", "exec"])
        assert.deepStrictEqual((yield* call("network", 4_000)).history.map((c) => c.category), ["read", "exec", "network"])
        // 61 s after `exec`: only the new call and those within 60 s of it
        assert.deepStrictEqual((yield* call("write", 63_500)).history, [{ category: "network", at: 4_000 }, { category: "write", at: 63_500 }])
        // a record without a chain step leaves the history alone
        assert.deepStrictEqual((yield* store.recordCall("a", { tool: "x" })).history, [])
        assert.strictEqual((yield* call("read", 64_000)).history.length, 3)
      })))

    it.effect("concurrent calls of one session: no update is lost", () =>
      run(none, Date.now, Effect.gen(function* () {
        const store = yield* ready
        yield* Effect.all(Array.from({ length: 40 }, (_, i) =>
          store.recordCall("a", { tool: "x", chain: { category: `c${i}`, at: 1_000 + i, windowSize: 100, windowSeconds: 3600 } })), { concurrency: "unbounded" })
        const last = yield* store.recordCall("a", { tool: "x", chain: { category: "end", at: 2_000, windowSize: 100, windowSeconds: 3600 } })
        assert.strictEqual(last.history.length, 41)
        assert.deepStrictEqual(new Set(last.history.map((c) => c.category)).size, 41)
      })))

    it.effect("a rate window counts within its limit over 60 s; data totals add up", () => {
      let now = 1_000_000
      return run(none, () => now, Effect.gen(function* () {
        const store = yield* ready
        for (let i = 0; i < 3; i++) assert.isTrue(yield* store.tryRecord("requests:example.com", 3))
        assert.isFalse(yield* store.tryRecord("requests:example.com", 3))
        assert.isTrue(yield* store.tryRecord("requests:other.org", 3)) // per key
        assert.isFalse(yield* store.tryRecord("bytes:x", 10, 11)) // a weight over the limit is refused whole
        yield* store.record("bytes:example.com", 700)
        now += 30_000
        yield* store.record("bytes:example.com", 500)
        assert.strictEqual(yield* store.total("bytes:example.com"), 1200)
        assert.isFalse(yield* store.tryRecord("requests:example.com", 3))
        now += 31_000 // 61 s after the first events
        assert.strictEqual(yield* store.total("bytes:example.com"), 500)
        assert.isTrue(yield* store.tryRecord("requests:example.com", 3))
        assert.strictEqual(yield* store.total("nothing:here"), 0)
      }))
    })

    it.effect("several window steps in one operation: a request's rate limit and data budget together", () => {
      const now = 2_000_000
      return run(none, () => now, Effect.gen(function* () {
        const store = yield* ready
        yield* store.record("bytes:a.com", 900)
        const first = yield* store.windows([{ key: "requests:a.com", mode: "try", limit: 1 }, { key: "bytes:a.com", mode: "total" }])
        assert.deepStrictEqual(first, [{ counted: true, total: 1 }, { counted: true, total: 900 }])
        const second = yield* store.windows([{ key: "requests:a.com", mode: "try", limit: 1 }, { key: "bytes:a.com", mode: "add", weight: 100 }])
        assert.deepStrictEqual(second, [{ counted: false, total: 1 }, { counted: true, total: 1000 }])
      }))
    })

    it.effect("Agent Cards: pinned at first sight, a changed card returns the pinned one, oldest dropped past the limit", () => {
      let now = 1_000_000
      return run(none, () => now++, Effect.gen(function* () {
        const store = yield* ready
        assert.isUndefined(yield* store.pinCard("https://a/.well-known/agent.json", "f1", { name: "a1" }, 2))
        assert.isUndefined(yield* store.pinCard("https://a/.well-known/agent.json", "f1", { name: "a1" }, 2))
        assert.deepStrictEqual(yield* store.pinCard("https://a/.well-known/agent.json", "f2", { name: "a2" }, 2), { fingerprint: "f1", card: { name: "a1" } })
        yield* store.pinCard("https://b/", "b1", { name: "b" }, 2)
        yield* store.pinCard("https://c/", "c1", { name: "c" }, 2) // drops a (the oldest)
        assert.isUndefined(yield* store.pinCard("https://a/.well-known/agent.json", "f9", { name: "a9" }, 2)) // a is new again
        assert.deepStrictEqual(yield* store.pinCard("https://c/", "c2", { name: "c2" }, 2), { fingerprint: "c1", card: { name: "c" } })
      }))
    })

    it.live("flags: a watcher gets them at once and on every change", () =>
      run(none, Date.now, Effect.gen(function* () {
        const store = yield* ready
        const seen: Flags[] = []
        yield* store.watchFlags((f) => seen.push(f), () => ({}))
        yield* Effect.promise(() => eventually(() => seen.length >= 1, 5000, 5))
        assert.isNotTrue(seen[0].api)
        yield* store.setFlag("api", true)
        yield* Effect.promise(() => eventually(() => seen.at(-1)?.api === true, 5000, 5))
        yield* store.setFlag("api", false)
        yield* Effect.promise(() => eventually(() => seen.at(-1)?.api === false, 5000, 5))
      })))
  })

// ---------------------------------------------------------------------------------------------

const memory: MakeStore = (limits, clock) => SessionStoreLayer.layerTest({ ttlMs: limits.ttlMinutes * 60_000, maxSessions: limits.maxSessions }, clock)
contract("memory", () => memory)

describe("SessionStore (memory)", () => {
  it.effect("the memory layer takes its limits from session_profiling", () =>
    Effect.gen(function* () {
      const store = yield* SessionStore
      for (const k of ["a", "b", "c", "d"]) yield* store.recordCall(k, { tool: "t" })
      assert.strictEqual(yield* store.size, 3)
    }).pipe(
      Effect.provide(SessionStoreLayer.layerMemory),
      Effect.provide(ConfigStoreLayer.layerTest(loadOrThrow({ file: { path: "t.yaml", text: "version: 1\nsession_profiling:\n  max_sessions: 3\n" } })))
    ))
})

let redis: RedisServer | undefined
let prefixes = 0
/**
 * A Redis store on the test server under a prefix of its own (a fresh, empty state), logging into `lines`.
 * The operation timeout is 5 s unless `env` says otherwise: these tests are about what the store answers, and
 * a loaded test machine must not turn a slow answer into a failure (the timeout has its own test).
 */
export const redisStore = (url: string, limits: Limits, clock: () => number, lines: string[] = [], prefix = `t${++prefixes}:`, extra = "", env: Record<string, string> = { PIPELOCK_REDIS_TIMEOUT_MS: "5000" }) =>
  SessionStoreRedis.layer(env, clock).pipe(Layer.provide(Layer.merge(
    ConfigStoreLayer.layerTest(loadOrThrow({
      file: {
        path: "t.yaml",
        text: `version: 1\nsession_profiling: { max_sessions: ${limits.maxSessions || 100000}, session_ttl_minutes: ${limits.ttlMinutes || 100000} }\n` +
          `session_store: { backend: redis, redis_url: "${url}", key_prefix: "${prefix}" }\n${extra}`
      }
    })),
    TelemetryLayer.layerTest(lines)
  )))

describe.skipIf(redisServerBinary === undefined)("with redis-server", () => {
  beforeAll(async () => {
    redis = await startRedis()
  }, 20_000)
  afterAll(async () => {
    await redis?.stop()
  })

  // max_sessions and session_ttl_minutes of 0 mean "default" in the config: the suite's "no limit" is a large one.
  contract("redis", () => (limits, clock) => redisStore(redis!.url, limits, clock))

  describe("SessionStore (redis)", () => {
    it.live("two replicas on one Redis: a pin made through one is the other's, and a flag set on one reaches the other", () =>
      Effect.gen(function* () {
        const prefix = `replicas${++prefixes}:`
        const a = yield* Layer.build(redisStore(redis!.url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, [], prefix))
        const b = yield* Layer.build(redisStore(redis!.url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, [], prefix))
        const storeA = yield* ready.pipe(Effect.provide(a))
        const storeB = yield* ready.pipe(Effect.provide(b))
        yield* storeA.pinTools("s", [tool("get_accounts", "f1")])
        assert.strictEqual((yield* storeB.recordCall("s", { tool: "get_accounts" })).inventory, "listed")
        assert.deepStrictEqual((yield* storeB.pinTools("s", [tool("get_accounts", "f1"), tool("new", "n")])).added, ["new"])
        assert.strictEqual((yield* storeA.recordCall("s", { tool: "new" })).inventory, "listed")
        // concurrent first lists through both: exactly one pins
        const [x, y] = yield* Effect.all([storeA.pinTools("t", [tool("a", "1")]), storeB.pinTools("t", [tool("a", "1")])], { concurrency: 2 })
        assert.strictEqual([x.pinned, y.pinned].filter(Boolean).length, 1)
        const seen: Flags[] = []
        yield* storeB.watchFlags((f) => seen.push(f), () => ({}))
        yield* storeA.setFlag("api", true)
        yield* Effect.promise(() => eventually(() => seen.at(-1)?.api === true, 5000, 5))
      }))

    it.live("a store that lost its flags (Redis restarted empty) gets the watchers' flags back", () =>
      Effect.gen(function* () {
        const prefix = `seed${++prefixes}:`
        const ctx = yield* Layer.build(redisStore(redis!.url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, [], prefix))
        const store = yield* ready.pipe(Effect.provide(ctx))
        const seen: Flags[] = []
        yield* store.watchFlags((f) => seen.push(f), () => ({ api: true, signal: false }))
        yield* Effect.promise(() => eventually(() => seen.at(-1)?.api === true, 5000, 5))
        // a second replica, knowing nothing, reads the seeded state
        const other = yield* ready.pipe(Effect.provide(yield* Layer.build(redisStore(redis!.url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, [], prefix))))
        const seen2: Flags[] = []
        yield* other.watchFlags((f) => seen2.push(f), () => ({}))
        yield* Effect.promise(() => eventually(() => seen2.at(-1)?.api === true, 5000, 5))
      }))

    it.live("Redis down: operations fail with StoreUnavailable, health says why, one log line per change; back up: it resumes", () =>
      Effect.gen(function* () {
        const own = yield* Effect.acquireRelease(Effect.promise(() => startRedis()), (r) => Effect.promise(() => r.stop()))
        const lines: string[] = []
        const store = yield* ready.pipe(Effect.provide(yield* Layer.build(redisStore(own.url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, lines))))
        yield* store.pinTools("s", [tool("a", "1")])
        yield* Effect.promise(() => own.kill())
        yield* Effect.promise(() => eventually(async () => !(await Effect.runPromise(store.health)).available, 5000, 10))
        const failed = yield* Effect.flip(store.recordCall("s", { tool: "a" }))
        assert.strictEqual(failed._tag, "StoreUnavailable")
        const health = yield* store.health
        assert.strictEqual(health.backend, "redis")
        assert.isString(health.reason)
        // several failures, one line
        for (let i = 0; i < 5; i++) yield* Effect.flip(store.tryRecord("k", 10))
        assert.strictEqual(lines.filter((l) => l.includes("session_store_unavailable")).length, 1)
        yield* Effect.promise(() => own.restart())
        yield* Effect.promise(() => eventually(async () => (await Effect.runPromise(store.health)).available, 10_000, 20))
        assert.strictEqual((yield* store.recordCall("s", { tool: "a" })).inventory, "unpinned") // the restarted Redis is empty
        assert.strictEqual(lines.filter((l) => l.includes("session_store_available")).length, 2)
      }))

    it.live("Redis frozen: an operation gives up after the timeout and health is degraded until it answers again", () =>
      Effect.gen(function* () {
        const own = yield* Effect.acquireRelease(Effect.promise(() => startRedis()), (r) => Effect.promise(() => r.stop()))
        const store = yield* ready.pipe(Effect.provide(yield* Layer.build(redisStore(own.url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, [], undefined, "", {}))))
        own.pause()
        const failed = yield* Effect.flip(store.tryRecord("k", 10))
        assert.include(failed.reason, `${SessionStoreRedis.TIMEOUT_MS} ms`)
        assert.isFalse((yield* store.health).available)
        own.resume()
        yield* Effect.promise(() => eventually(async () => Effect.runPromise(store.tryRecord("k", 10).pipe(Effect.orElseSucceed(() => false))), 10_000, 50))
        assert.isTrue((yield* store.health).available)
      }))

    it.live("one round trip per recordCall and pinTools (one script each); the session's hash and history keep their fallback expiry", () =>
      Effect.gen(function* () {
        const prefix = `trips${++prefixes}:`
        const store = yield* ready.pipe(Effect.provide(yield* Layer.build(redisStore(redis!.url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, [], prefix))))
        const { createClient } = yield* Effect.promise(() => import("redis"))
        const probe = yield* Effect.acquireRelease(
          Effect.promise(async () => {
            const c = createClient({ url: redis!.url })
            await c.connect()
            return c
          }),
          (c) => Effect.promise(() => c.quit())
        )
        /** Commands the server ran, by name (scripts count as EVALSHA/EVAL; the calls inside a script are listed apart). */
        const calls = async () => {
          const info = String(await probe.sendCommand(["INFO", "commandstats"]))
          const n = (name: string) => Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, "m").exec(info)?.[1] ?? 0)
          return { scripts: n("evalsha") + n("eval"), pings: n("ping") }
        }
        yield* store.pinTools("s", [tool("a", "1")])
        const chain = (at: number) => ({ category: "read", at, windowSize: 3, windowSeconds: 60 })
        yield* store.recordCall("s", { tool: "a", chain: chain(Date.now()) })
        const before = yield* Effect.promise(calls)
        for (let i = 0; i < 5; i++) yield* store.recordCall("s", { tool: "a", chain: chain(Date.now()) })
        yield* store.recordCall("s", { tool: "b" })
        yield* store.pinTools("s", [tool("a", "1"), tool("c", "2")])
        const after = yield* Effect.promise(calls)
        // The probe's own INFO is not a script: 7 operations, 7 scripts.
        assert.strictEqual(after.scripts - before.scripts, 7)
        const ttl = (key: string) => Effect.promise(async () => Number(await probe.sendCommand(["PTTL", `${prefix}${key}`])))
        // 30 minutes plus a minute of grace, set again at each use.
        for (const key of ["s:s", "h:s"]) {
          const left = yield* ttl(key)
          assert.isAbove(left, 30 * 60_000)
          assert.isAtMost(left, 31 * 60_000)
        }
        assert.strictEqual(Number(yield* Effect.promise(() => probe.sendCommand(["LLEN", `${prefix}h:s`]))), 3)
      }))

    it("never logs the password of the URL or of PIPELOCK_REDIS_PASSWORD", () => {
      assert.strictEqual(SessionStoreRedis.redactUrl("redis://user:s3cret@redis:6379/0"), "redis://user:***@redis:6379/0")
      assert.strictEqual(SessionStoreRedis.redactUrl("rediss://redis.example:6380"), "rediss://redis.example:6380")
      assert.strictEqual(SessionStoreRedis.connectionUrl("redis://redis:6379/0", "p@ss"), "redis://:p%40ss@redis:6379/0")
      assert.strictEqual(SessionStoreRedis.connectionUrl("redis://:url-pw@redis:6379/0", "env-pw"), "redis://:url-pw@redis:6379/0")
    })

    it.live("a password: PIPELOCK_REDIS_PASSWORD is used; a wrong one leaves the store unavailable with the reason, the password nowhere in logs or health", () =>
      Effect.gen(function* () {
        const own = yield* Effect.acquireRelease(Effect.promise(() => startRedis({ password: "right-pw" })), (r) => Effect.promise(() => r.stop()))
        const good = yield* ready.pipe(Effect.provide(yield* Layer.build(redisStore(own.url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, [], undefined, "", { PIPELOCK_REDIS_PASSWORD: "right-pw", PIPELOCK_REDIS_TIMEOUT_MS: "5000" }))))
        assert.isTrue(yield* good.tryRecord("k", 1))
        const lines: string[] = []
        const url = own.url.replace("redis://", "redis://:hunter2-secret@")
        const s = yield* SessionStore.pipe(Effect.provide(yield* Layer.build(redisStore(url, { ttlMinutes: 30, maxSessions: 1000 }, Date.now, lines))))
        yield* Effect.promise(() => eventually(async () => (await Effect.runPromise(s.health)).reason !== "connecting", 5000, 10))
        const health = yield* s.health
        assert.isFalse(health.available)
        assert.notInclude(JSON.stringify(health), "hunter2")
        assert.notInclude(lines.join("\n"), "hunter2")
        // The store logs the URL with the password masked; the log writer also replaces any userinfo.
        assert.match(lines.join("\n"), /redis:\/\/(?::\*\*\*|\[redacted\])@127\.0\.0\.1/)
      }))
  })
})
