/**
 * The worker's SessionStore over IPC, against the primary's side, with in-memory channels in place of the
 * cluster's: two "workers" share one memory store exactly (a rate limit of N admits exactly N of both workers'
 * requests, from leases, without a round trip per request), a flag set through one is applied by both before the
 * setter's answer, and a primary that does not answer makes operations fail as unavailable.
 */
import { EventEmitter } from "node:events"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import * as SessionStoreLayer from "../../src/layers/SessionStore.ts"
import * as SessionStoreIpc from "../../src/layers/SessionStoreIpc.ts"
import type { Flags } from "../../src/services/SessionStore.ts"

/** A worker's channel and the primary's view of that worker, wired together (messages cloned through JSON, as the cluster does). */
const pair = (id: number, connected = true) => {
  const toWorker = new EventEmitter()
  const toPrimary = new EventEmitter()
  const clone = (m: unknown) => JSON.parse(JSON.stringify(m))
  const channel: SessionStoreIpc.Channel = {
    send: (m) => (setImmediate(() => toPrimary.emit("message", clone(m))), true),
    on: (_e, l) => void toWorker.on("message", l),
    off: (_e, l) => void toWorker.off("message", l),
    connected: () => connected
  }
  const worker = {
    id,
    send: (m: unknown) => (setImmediate(() => toWorker.emit("message", clone(m))), true),
    on: (_e: string, l: (m: unknown) => void) => (toPrimary.on("message", l), worker),
    off: (_e: string, l: (m: unknown) => void) => (toPrimary.off("message", l), worker),
    isConnected: () => connected
  } as unknown as SessionStoreIpc.WorkerLike
  return { channel, worker }
}

/** Polls `read` until `done` holds (bounded: a few seconds), then returns the last value. */
const eventually = <A, E>(read: Effect.Effect<A, E>, done: (a: A) => boolean) =>
  Effect.gen(function* () {
    let value = yield* read
    for (let i = 0; i < 200 && !done(value); i++) {
      yield* Effect.sleep("10 millis")
      value = yield* read
    }
    return value
  })

/** A primary over a memory store with two workers attached: the workers' stores. */
const twoWorkers = Effect.gen(function* () {
  const primary = SessionStoreIpc.makePrimary(SessionStoreLayer.makeWith(() => ({ ttlMs: 0, maxSessions: 0 })).service)
  const a = pair(1)
  const b = pair(2)
  primary.attach(a.worker)
  primary.attach(b.worker)
  return { primary, wa: yield* SessionStoreIpc.make(a.channel), wb: yield* SessionStoreIpc.make(b.channel) }
})

describe("SessionStoreIpc", () => {
  it.live("two workers share the primary's rate windows and tool pins", () =>
    Effect.scoped(Effect.gen(function* () {
      const { primary, wa, wb } = yield* twoWorkers
      const counted: boolean[] = []
      for (let i = 0; i < 6; i++) counted.push(yield* (i % 2 === 0 ? wa : wb).tryRecord("rate:example.com", 4))
      assert.deepStrictEqual(counted, [true, true, true, true, false, false])
      assert.strictEqual(yield* wb.total("rate:example.com"), 4)
      yield* wa.pinTools("s1", [{ name: "get_accounts", fingerprint: "f1", definition: {} }])
      assert.strictEqual((yield* wb.recordCall("s1", { tool: "transfer_funds" })).inventory, "unlisted")
      assert.strictEqual((yield* wb.recordCall("s1", { tool: "get_accounts" })).inventory, "listed")
      wa.record("bytes:example.com", 100).pipe(Effect.runSync)
      // Bytes are reported in batches (within REPORT_MS): the other worker sees them once they reach the primary.
      assert.strictEqual(yield* eventually(wb.total("bytes:example.com"), (n) => n === 100), 100)
      primary.close()
    })))

  it.live("a rate limit of N across two workers admits exactly N of concurrent bursts from both", () =>
    Effect.scoped(Effect.gen(function* () {
      const { primary, wa, wb } = yield* twoWorkers
      const burst = (w: typeof wa) => Effect.all(Array.from({ length: 40 }, () => w.tryRecord("requests:burst.example", 25)), { concurrency: "unbounded" })
      const [a, b] = yield* Effect.all([burst(wa), burst(wb)], { concurrency: "unbounded" })
      const admitted = [...a, ...b].filter(Boolean).length
      // Never more than the limit (leases count against it until reported); never fewer (a spent worker recalls the other's units).
      assert.strictEqual(admitted, 25)
      assert.strictEqual(yield* eventually(wa.total("requests:burst.example"), (n) => n === 25), 25)
      primary.close()
    })))

  it.live("a worker admits from its lease without a round trip per request", () =>
    Effect.scoped(Effect.gen(function* () {
      const primary = SessionStoreIpc.makePrimary(SessionStoreLayer.makeWith(() => ({ ttlMs: 0, maxSessions: 0 })).service)
      const a = pair(1)
      let sent = 0
      const counting = { ...a.channel, send: (m: unknown) => (sent++, a.channel.send(m)) }
      primary.attach(a.worker)
      const w = yield* SessionStoreIpc.make(counting)
      for (let i = 0; i < 640; i++) {
        const [r] = yield* w.windows([{ key: "requests:busy.example", mode: "try", limit: 1_000_000 }])
        assert.isTrue(r.counted)
      }
      // About one lease request per LEASE_UNITS / 2 requests, plus batched reports: far fewer than 640.
      assert.isBelow(sent, 640 / 8)
      assert.strictEqual(yield* eventually(w.total("requests:busy.example"), (n) => n === 640), 640)
      primary.close()
    })))

  it.live("units leased to an idle worker are recalled before a busy one is refused", () =>
    Effect.scoped(Effect.gen(function* () {
      const { primary, wa, wb } = yield* twoWorkers
      assert.isTrue(yield* wa.tryRecord("requests:recall.example", 8))
      // wa holds what is left of its first grant; wb takes the rest of the limit, then wa's unused units.
      assert.isAbove(primary.leased("requests:recall.example"), 0)
      let admitted = 0
      for (let i = 0; i < 12; i++) if (yield* wb.tryRecord("requests:recall.example", 8)) admitted++
      assert.strictEqual(admitted, 7)
      assert.isFalse(yield* wa.tryRecord("requests:recall.example", 8))
      primary.close()
    })))

  it.live("a worker that dies: the units it held count as used (never more admitted)", () =>
    Effect.scoped(Effect.gen(function* () {
      const primary = SessionStoreIpc.makePrimary(SessionStoreLayer.makeWith(() => ({ ttlMs: 0, maxSessions: 0 })).service)
      const a = pair(1)
      const b = pair(2)
      const detachA = primary.attach(a.worker)
      primary.attach(b.worker)
      const wa = yield* SessionStoreIpc.make(a.channel)
      const wb = yield* SessionStoreIpc.make(b.channel)
      assert.isTrue(yield* wa.tryRecord("requests:dies.example", 10))
      const leased = primary.leased("requests:dies.example")
      assert.isAbove(leased, 0)
      detachA()
      assert.strictEqual(primary.leased("requests:dies.example"), 0)
      let admitted = 0
      for (let i = 0; i < 12; i++) if (yield* wb.tryRecord("requests:dies.example", 10)) admitted++
      assert.strictEqual(admitted, 10 - leased)
      primary.close()
    })))

  it.live("a flag set through one worker is applied by every worker before the setter's answer", () =>
    Effect.scoped(Effect.gen(function* () {
      const { primary, wa, wb } = yield* twoWorkers
      let seenByB: Flags = {}
      yield* wb.watchFlags((f) => void (seenByB = f), () => ({}))
      yield* wa.setFlag("api", true)
      assert.strictEqual(seenByB.api, true)
      assert.strictEqual(primary.flags().api, true)
      primary.close()
    })))

  it.live("a primary that does not answer: the operation fails with StoreUnavailable", () =>
    Effect.scoped(Effect.gen(function* () {
      const lonely = pair(1)
      const w = yield* SessionStoreIpc.make(lonely.channel, 50)
      const exit = yield* Effect.exit(w.tryRecord("rate:x", 1))
      assert.isTrue(Exit.isFailure(exit))
      const gone = yield* SessionStoreIpc.make(pair(2, false).channel, 50)
      const err = yield* Effect.flip(gone.size)
      assert.strictEqual(err._tag, "StoreUnavailable")
      assert.strictEqual((yield* gone.health).available, false)
    })))
})
