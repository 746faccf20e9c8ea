/**
 * The worker's SessionStore over IPC, against the primary's side, with in-memory channels in place of the
 * cluster's: two "workers" share one memory store exactly, a flag set through one is applied by both before the
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
      assert.strictEqual(yield* wb.total("bytes:example.com"), 100)
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
