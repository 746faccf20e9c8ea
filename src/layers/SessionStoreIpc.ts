/**
 * The SessionStore of a worker process when `workers` > 1 with the memory backend: the primary process owns the
 * one in-memory store (SessionStore.ts) and every worker asks it over the cluster IPC channel. Each operation is
 * one message the primary runs synchronously, so it stays atomic across workers: a session, a rate window or a
 * data budget is judged by all workers exactly as one process would judge it.
 *
 * Flags (the kill switch's fleet sources): a worker's `setFlag` answers only after the primary has stored the
 * flag and every live worker has applied it (each acknowledges the broadcast), so when the admin API answers
 * "on", no worker still lets a request through. A worker started later (a restart) reads the flags first.
 *
 * A primary that does not answer within a second (gone, or stuck) fails the operation with `StoreUnavailable`:
 * the request gets the `session_store.on_unavailable` policy, as with Redis down.
 */
import type { Worker } from "node:cluster"
import { Effect, Exit, Layer, Scope } from "effect"
import { type Flags, SessionStore, type Service, StoreUnavailable } from "../services/SessionStore.ts"

/** How long a worker waits for the primary's answer before the operation counts as unavailable. */
export const TIMEOUT_MS = 1000

/** The operations a worker sends (the SessionStore's, plus reading the flags). */
type Op =
  | "pinTools" | "recordCall" | "end" | "size" | "tryRecord" | "record" | "total" | "windows" | "pinCard" | "setFlag" | "flags"

/** worker → primary */
interface Request {
  readonly pipelock: "store"
  readonly id: number
  readonly op: Op
  readonly args: ReadonlyArray<unknown>
}
/** primary → worker: an answer, or the flags after a change (acknowledged with `flagsAck`). */
type ToWorker =
  | { readonly pipelock: "store-reply"; readonly id: number; readonly value: unknown }
  | { readonly pipelock: "flags"; readonly seq: number; readonly flags: Flags }
/** worker → primary: a flags broadcast was applied. */
interface FlagsAck {
  readonly pipelock: "flags-ack"
  readonly seq: number
}

/** The IPC channel of this process (a cluster worker or any forked child). */
export interface Channel {
  readonly send: (message: unknown) => boolean
  readonly on: (event: "message", listener: (message: unknown) => void) => void
  readonly off: (event: "message", listener: (message: unknown) => void) => void
  readonly connected: () => boolean
}

/** This process's own channel to its parent. */
export const processChannel: Channel = {
  send: (m) => (process.send === undefined ? false : process.send(m)),
  on: (e, l) => void process.on(e, l),
  off: (e, l) => void process.off(e, l),
  connected: () => process.connected === true
}

const isToWorker = (m: unknown): m is ToWorker =>
  typeof m === "object" && m !== null && ((m as ToWorker).pipelock === "store-reply" || (m as ToWorker).pipelock === "flags")

/** The worker's store: every operation a round trip to the primary. */
export const make = (channel: Channel = processChannel, timeoutMs = TIMEOUT_MS) =>
  Effect.gen(function* () {
    let nextId = 1
    const pending = new Map<number, (value: unknown) => void>()
    const watchers = new Set<(flags: Flags) => void>()
    const onMessage = (m: unknown) => {
      if (!isToWorker(m)) return
      if (m.pipelock === "store-reply") {
        const resolve = pending.get(m.id)
        if (resolve !== undefined) {
          pending.delete(m.id)
          resolve(m.value)
        }
        return
      }
      for (const w of [...watchers]) w(m.flags)
      channel.send({ pipelock: "flags-ack", seq: m.seq } satisfies FlagsAck)
    }
    yield* Effect.acquireRelease(Effect.sync(() => channel.on("message", onMessage)), () => Effect.sync(() => channel.off("message", onMessage)))

    const call = <A>(op: Op, ...args: ReadonlyArray<unknown>): Effect.Effect<A, StoreUnavailable> =>
      Effect.callback<A, StoreUnavailable>((resume) => {
        const id = nextId++
        const timer = setTimeout(() => {
          pending.delete(id)
          resume(Effect.fail(new StoreUnavailable({ reason: `the primary process did not answer within ${timeoutMs} ms` })))
        }, timeoutMs)
        pending.set(id, (value) => {
          clearTimeout(timer)
          resume(Effect.succeed(value as A))
        })
        let sent = false
        try {
          sent = channel.connected() && channel.send({ pipelock: "store", id, op, args } satisfies Request)
        } catch {
          sent = false
        }
        if (!sent && channel.connected() === false) {
          clearTimeout(timer)
          pending.delete(id)
          resume(Effect.fail(new StoreUnavailable({ reason: "the primary process is gone" })))
        }
        return Effect.sync(() => {
          clearTimeout(timer)
          pending.delete(id)
        })
      })

    const service: Service = {
      pinTools: (sessionKey, tools) => call("pinTools", sessionKey, tools),
      recordCall: (sessionKey, record) => call("recordCall", sessionKey, record),
      end: (sessionKey) => call("end", sessionKey),
      size: call("size"),
      tryRecord: (key, limit, weight) => call("tryRecord", key, limit, weight),
      // Bytes counted after a response: nobody waits for it, so it is sent without an answer (one message, not
      // two). The channel is ordered: this worker's next operation sees it, as in one process.
      record: (key, weight) => Effect.sync(() => {
        try {
          if (channel.connected()) channel.send({ pipelock: "store", id: 0, op: "record", args: [key, weight] } satisfies Request)
        } catch {
          // The primary is gone: the next awaited operation reports it.
        }
      }),
      total: (key) => call("total", key),
      windows: (ops) => call("windows", ops),
      pinCard: (url, fingerprint, card, maxCards) => call("pinCard", url, fingerprint, card, maxCards),
      // Retried until the primary has it: a kill-switch source must not be lost to a slow moment.
      setFlag: (name, on) =>
        call<void>("setFlag", name, on).pipe(Effect.retry({ times: 5 }), Effect.catch(() => Effect.void)),
      watchFlags: (onChange) =>
        Effect.gen(function* () {
          yield* Effect.acquireRelease(Effect.sync(() => void watchers.add(onChange)), () => Effect.sync(() => void watchers.delete(onChange)))
          const flags = yield* call<Flags>("flags").pipe(Effect.retry({ times: 5 }), Effect.catch(() => Effect.succeed(undefined)))
          if (flags !== undefined) onChange(flags)
        }),
      health: Effect.sync(() =>
        channel.connected() ? { backend: "memory" as const, available: true } : { backend: "memory" as const, available: false, reason: "the primary process is gone" })
    }
    return SessionStore.of(service)
  })

/** The store of a cluster worker: the primary's memory store over IPC. */
export const layer: Layer.Layer<SessionStore> = Layer.effect(SessionStore, make())

/** A worker as the primary sees it: its IPC channel. */
export type WorkerLike = Pick<Worker, "send" | "on" | "off" | "isConnected"> & { readonly id: number }

/**
 * The primary's side: answers every worker's operations from `store` (the memory store) and, when a flag
 * changes, sends the flags to every worker and answers the `setFlag` only once all of them acknowledged
 * (or after `TIMEOUT_MS` for one that does not: a dying worker cannot hold the switch back).
 */
export const makePrimary = (store: Service) => {
  const workers = new Set<WorkerLike>()
  let seq = 0
  const acks = new Map<number, { waiting: Set<number>; done: () => void }>()
  const broadcast = (): Promise<void> => {
    const s = ++seq
    const targets = [...workers].filter((w) => w.isConnected())
    if (targets.length === 0) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => finish(), TIMEOUT_MS)
      const finish = () => {
        clearTimeout(timer)
        acks.delete(s)
        resolve()
      }
      acks.set(s, { waiting: new Set(targets.map((w) => w.id)), done: finish })
      for (const w of targets) {
        try {
          w.send({ pipelock: "flags", seq: s, flags } satisfies ToWorker)
        } catch {
          acks.get(s)?.waiting.delete(w.id)
        }
      }
      if (acks.get(s)?.waiting.size === 0) finish()
    })
  }

  // Any change (a worker's setFlag, or the primary's own kill switch: SIGUSR1, its sentinel check) goes to every worker.
  let flags: Flags = {}
  let lastBroadcast: Promise<void> = Promise.resolve()
  const watching = Effect.runSync(Scope.make())
  Effect.runSync(Scope.provide(watching)(store.watchFlags((f) => {
    flags = f
    lastBroadcast = broadcast()
  }, () => ({}))))

  const run = (op: Op, args: ReadonlyArray<any>): Effect.Effect<unknown, StoreUnavailable> => {
    switch (op) {
      case "pinTools": return store.pinTools(args[0], args[1])
      case "recordCall": return store.recordCall(args[0], args[1])
      case "end": return store.end(args[0])
      case "size": return store.size
      // JSON turns an absent weight into null: the store's default (1) applies.
      case "tryRecord": return store.tryRecord(args[0], args[1], args[2] ?? undefined)
      case "record": return store.record(args[0], args[1])
      case "total": return store.total(args[0])
      case "windows": return store.windows(args[0])
      case "pinCard": return store.pinCard(args[0], args[1], args[2], args[3])
      case "setFlag": return store.setFlag(args[0], args[1])
      case "flags": return Effect.sync(() => flags)
    }
  }

  const attach = (worker: WorkerLike) => {
    workers.add(worker)
    const onMessage = (m: unknown) => {
      if (typeof m !== "object" || m === null) return
      const msg = m as Request | FlagsAck
      if (msg.pipelock === "flags-ack") {
        const entry = acks.get(msg.seq)
        if (entry === undefined) return
        entry.waiting.delete(worker.id)
        if (entry.waiting.size === 0) entry.done()
        return
      }
      if (msg.pipelock !== "store") return
      const before = lastBroadcast
      // The memory store never fails; its operations are synchronous.
      const value = Effect.runSync(run(msg.op, msg.args).pipe(Effect.orElseSucceed(() => undefined)))
      const reply = () => {
        if (msg.id !== 0 && worker.isConnected()) worker.send({ pipelock: "store-reply", id: msg.id, value } satisfies ToWorker)
      }
      if (msg.op === "setFlag" && lastBroadcast !== before) void lastBroadcast.then(reply)
      else reply()
    }
    worker.on("message", onMessage)
    return () => {
      worker.off("message", onMessage)
      workers.delete(worker)
      for (const [, entry] of acks) {
        entry.waiting.delete(worker.id)
        if (entry.waiting.size === 0) entry.done()
      }
    }
  }
  return { attach, flags: () => flags, close: () => Effect.runSync(Scope.close(watching, Exit.void)) }
}
