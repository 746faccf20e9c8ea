/**
 * The SessionStore of a worker process when `workers` > 1 with the memory backend: the primary process owns the
 * one in-memory store (SessionStore.ts) and every worker asks it over the cluster IPC channel. Each operation is
 * one message the primary runs synchronously, so it stays atomic across workers: a session, a rate window or a
 * data budget is judged by all workers exactly as one process would judge it.
 *
 * Rate limits (`try` window steps) are the exception that keeps the request path free of IPC: a worker admits
 * requests from a LEASE, units of a key's limit the primary reserved for it, and asks for more ahead of need
 * (asynchronously, when half the lease is spent). The primary grants only what the limit leaves free after the
 * window's counted requests AND every unit leased out (counted, reported, or not), so across all workers at
 * most `limit` requests are admitted in any 60-second window, exactly the bound of one process. A worker reports
 * what it used with the time of each request (batched, within `REPORT_MS`); the primary counts it from that time,
 * so the window slides as in one process. When a worker's lease is spent and the limit looks full, the primary
 * recalls the unused units of the other workers before it answers, so a request is refused only when the
 * requests actually admitted fill the limit (as with one process; which of two concurrent requests wins is as
 * open as in one process). A worker that dies has its leased units counted as used at its death (never more
 * admitted). Leases are held per key and limit: a limit changed by a reload returns the old lease first.
 *
 * Bytes (`record`, counted after responses) are batched the same way, stamped with their time; a data-budget
 * `total` asks the primary (after this worker's own reports), so another worker's bytes count there within
 * `REPORT_MS` of its response ending (with one process, at once).
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
import { type Flags, SessionStore, type Service, StoreUnavailable, type WindowOp, type WindowResult } from "../services/SessionStore.ts"

/** How long a worker waits for the primary's answer before the operation counts as unavailable. */
export const TIMEOUT_MS = 1000

/** How long the primary waits for the workers to hand back a recalled lease before it answers without them. */
export const RECALL_MS = 300

/** Units of a rate limit a worker asks for at a time (the primary may grant fewer: see `grantSize`). */
export const LEASE_UNITS = 64

/** Most time a worker keeps used lease units and counted bytes before it reports them to the primary. */
export const REPORT_MS = 25

/** Most keys a worker holds leases for (the oldest is handed back beyond). */
const MAX_LEASES = 10_000

/** The operations a worker sends (the SessionStore's, plus reading the flags, leasing and reporting). */
type Op =
  | "pinTools" | "recordCall" | "end" | "size" | "tryRecord" | "record" | "total" | "windows" | "pinCard" | "setFlag" | "flags"
  | "lease" | "report"

/**
 * `lease` arguments: a key's limit, the units wanted (0: none), whether a request waits on them (`need`: the
 * primary recalls other workers' unused units before refusing), the units handed back, and the recall it answers.
 */
interface LeaseArgs {
  readonly key: string
  readonly limit: number
  readonly want: number
  readonly need: number
  readonly returned: number
  readonly recall?: number | undefined
}

/** `report` arguments: per key, the units used from leases and the bytes recorded, flat `[weight, time, …]`. */
interface ReportArgs {
  readonly used: Readonly<Record<string, ReadonlyArray<number>>>
  readonly added: Readonly<Record<string, ReadonlyArray<number>>>
}

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
  | { readonly pipelock: "recall"; readonly seq: number; readonly key: string }
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
  typeof m === "object" && m !== null &&
  ((m as ToWorker).pipelock === "store-reply" || (m as ToWorker).pipelock === "flags" || (m as ToWorker).pipelock === "recall")

/** A `try` a worker admitted from its lease (the window's exact total lives in the primary). */
const COUNTED: WindowResult = { counted: true, total: NaN }
const LEASED = Effect.succeed(true)

/** A worker's lease on one key: units it may admit without asking, and the uses not yet reported. */
interface Lease {
  limit: number
  units: number
  /** An asynchronous refill is on its way. */
  refilling: boolean
}

/** The worker's store: rate limits from leases, reports batched, every other operation a round trip to the primary. */
export const make = (channel: Channel = processChannel, timeoutMs = TIMEOUT_MS) =>
  Effect.gen(function* () {
    let nextId = 1
    const pending = new Map<number, (value: unknown) => void>()
    const watchers = new Set<(flags: Flags) => void>()
    const leases = new Map<string, Lease>()
    // Not yet reported: units used from leases and bytes recorded, per key, flat [weight, time, …].
    let used: Record<string, number[]> = {}
    let added: Record<string, number[]> = {}
    let unreported = false
    let reportTimer: ReturnType<typeof setTimeout> | undefined

    const send = (m: Request | FlagsAck): boolean => {
      try {
        return channel.connected() && channel.send(m)
      } catch {
        return false
      }
    }
    /** Sends what is unreported (before any other message, so the primary sees this worker's steps in order). */
    const flush = () => {
      if (reportTimer !== undefined) {
        clearTimeout(reportTimer)
        reportTimer = undefined
      }
      if (!unreported) return
      unreported = false
      const args: ReportArgs = { used, added }
      used = {}
      added = {}
      // The primary is gone: the next awaited operation reports it.
      send({ pipelock: "store", id: 0, op: "report", args: [args] })
    }
    const note = (into: Record<string, number[]>, key: string, weight: number) => {
      ;(into[key] ??= []).push(weight, Date.now())
      unreported = true
      reportTimer ??= setTimeout(flush, REPORT_MS)
      reportTimer.unref?.()
    }
    /** Hands a lease's unused units back (its used ones are reported first); the lease stays for later grants. */
    const handBack = (key: string, lease: Lease, recall?: number) => {
      flush()
      const args: LeaseArgs = { key, limit: lease.limit, want: 0, need: 0, returned: lease.units, recall }
      lease.units = 0
      send({ pipelock: "store", id: 0, op: "lease", args: [args] })
    }
    /** Drops a lease (a new limit, or too many keys), handing its units back. */
    const drop = (key: string, lease: Lease) => {
      if (leases.get(key) === lease) leases.delete(key)
      handBack(key, lease)
    }
    /** Units granted to a lease dropped meanwhile: `weight` of them admit the waiting request, the rest go back. */
    const stray = (key: string, limit: number, granted: number, weight: number): boolean => {
      const ok = granted >= weight
      if (ok) note(used, key, weight)
      const rest = granted - (ok ? weight : 0)
      if (rest > 0) handBack(key, { limit, units: rest, refilling: false })
      return ok
    }

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
      if (m.pipelock === "recall") {
        handBack(m.key, leases.get(m.key) ?? { limit: 0, units: 0, refilling: false }, m.seq)
        return
      }
      for (const w of [...watchers]) w(m.flags)
      send({ pipelock: "flags-ack", seq: m.seq })
    }
    yield* Effect.acquireRelease(Effect.sync(() => channel.on("message", onMessage)), () => Effect.sync(() => {
      channel.off("message", onMessage)
      flush()
    }))

    /**
     * One round trip: `resolve` gets the answer, `reject` a reason the primary cannot answer. `late` takes an
     * answer that comes after the timeout or a cancellation (a lease grant the primary counts as held).
     */
    const ask = (op: Op, args: ReadonlyArray<unknown>, resolve: (value: unknown) => void, reject: (reason: string) => void, late?: (value: unknown) => void): (() => void) => {
      flush()
      const id = nextId++
      const timer = setTimeout(() => {
        if (late !== undefined) pending.set(id, late)
        else pending.delete(id)
        reject(`the primary process did not answer within ${timeoutMs} ms`)
      }, timeoutMs)
      pending.set(id, (value) => {
        clearTimeout(timer)
        resolve(value)
      })
      const sent = send({ pipelock: "store", id, op, args })
      if (!sent && channel.connected() === false) {
        clearTimeout(timer)
        pending.delete(id)
        reject("the primary process is gone")
      }
      return () => {
        clearTimeout(timer)
        if (late !== undefined && pending.has(id)) pending.set(id, late)
        else pending.delete(id)
      }
    }

    const call = <A>(op: Op, ...args: ReadonlyArray<unknown>): Effect.Effect<A, StoreUnavailable> =>
      Effect.callback<A, StoreUnavailable>((resume) => {
        const cancel = ask(op, args, (value) => resume(Effect.succeed(value as A)), (reason) => resume(Effect.fail(new StoreUnavailable({ reason }))))
        return Effect.sync(cancel)
      })

    /** Asks for more units ahead of need, without waiting. */
    const refill = (key: string, lease: Lease) => {
      lease.refilling = true
      const args: LeaseArgs = { key, limit: lease.limit, want: LEASE_UNITS, need: 0, returned: 0 }
      const take = (granted: unknown) => {
        if (leases.get(key) === lease) lease.units += Number(granted) || 0
        // A lease dropped meanwhile: the primary counts its grant as held; it goes back.
        else stray(key, lease.limit, Number(granted) || 0, Infinity)
      }
      ask("lease", [args], (granted) => {
        lease.refilling = false
        take(granted)
      }, () => void (lease.refilling = false), take)
    }

    /** Takes `weight` units of `key`'s lease, when it holds them (no IPC); refills ahead when half is spent. */
    const takeLocal = (key: string, limit: number, weight: number): boolean => {
      const lease = leases.get(key)
      if (lease === undefined || lease.limit !== limit || lease.units < weight) return false
      lease.units -= weight
      note(used, key, weight)
      if (lease.units < LEASE_UNITS / 2 && !lease.refilling) refill(key, lease)
      return true
    }

    /** A `try` step: from the lease, or (spent) waiting on the primary for units; whether it was counted. */
    const tryStep = (key: string, limit: number, weight: number): Effect.Effect<boolean, StoreUnavailable> => {
      if (takeLocal(key, limit, weight)) return Effect.succeed(true)
      return Effect.callback<boolean, StoreUnavailable>((resume) => {
        let lease = leases.get(key)
        // A lease for another limit (a reload changed it) goes back before units are leased under the new one.
        if (lease !== undefined && lease.limit !== limit) {
          drop(key, lease)
          lease = undefined
        }
        if (lease === undefined) {
          if (leases.size >= MAX_LEASES) {
            const [oldest, old] = leases.entries().next().value as [string, Lease]
            drop(oldest, old)
          }
          lease = { limit, units: 0, refilling: false }
          leases.set(key, lease)
        }
        const held = lease
        const args: LeaseArgs = { key, limit, want: Math.max(LEASE_UNITS, weight), need: weight, returned: 0 }
        const cancel = ask("lease", [args], (granted) => {
          if (leases.get(key) !== held) return resume(Effect.succeed(stray(key, limit, Number(granted) || 0, weight)))
          held.units += Number(granted) || 0
          // Units that reached this lease meanwhile (a refill answered first) count too.
          resume(Effect.succeed(takeLocal(key, limit, weight)))
        }, (reason) => resume(Effect.fail(new StoreUnavailable({ reason }))), (granted) => {
          // Nobody waits any more (timed out, or the request went away): the units stay leased here.
          if (leases.get(key) === held) held.units += Number(granted) || 0
          else stray(key, limit, Number(granted) || 0, Infinity)
        })
        return Effect.sync(cancel)
      })
    }

    const service: Service = {
      pinTools: (sessionKey, tools) => call("pinTools", sessionKey, tools),
      recordCall: (sessionKey, record) => call("recordCall", sessionKey, record),
      end: (sessionKey) => call("end", sessionKey),
      size: call("size"),
      tryRecord: (key, limit, weight) => Effect.suspend(() => tryStep(key, limit, weight ?? 1)),
      // Bytes counted after a response: nobody waits for them, so they are batched (stamped with their time) and
      // sent within REPORT_MS. The channel is ordered: this worker's next operation sees them, as in one process.
      record: (key, weight) => Effect.sync(() => note(added, key, weight)),
      total: (key) => call("total", key),
      windows: (ops) => Effect.suspend(() => {
        // Rate steps from the lease (no IPC while it holds units); the others (a data budget's total,
        // additions) in one round trip after them.
        let local = true
        const tries = ops.map((op) => {
          if (op.mode !== "try") return (local = false, undefined)
          if (takeLocal(op.key, op.limit, op.weight ?? 1)) return LEASED
          local = false
          return tryStep(op.key, op.limit, op.weight ?? 1)
        })
        if (local) return Effect.succeed(tries.map(() => COUNTED))
        const rest = ops.filter((op) => op.mode !== "try")
        const others = rest.length === 0 ? Effect.succeed([] as ReadonlyArray<WindowResult>) : call<ReadonlyArray<WindowResult>>("windows", rest)
        return Effect.flatMap(Effect.all(tries.map((t) => t ?? Effect.succeed(true))), (counted) =>
          Effect.map(others, (answers) => {
            let next = 0
            return ops.map((op, i): WindowResult => op.mode === "try" ? { counted: counted[i], total: NaN } : answers[next++])
          }))
      }),
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
 * How many units a lease request gets when `room` units of the limit are free (neither counted nor leased) and
 * `workers` share it: at most half of an even share, so one busy worker cannot strand the others' units, and
 * for a waiting request (`need`) at least that request's weight while it fits.
 */
export const grantSize = (room: number, want: number, need: number, workers: number): number => {
  const share = Math.floor(room / (2 * Math.max(1, workers)))
  if (need > 0) return room >= need ? Math.min(Math.max(want, need), Math.max(need, share)) : 0
  return Math.max(0, Math.min(want, share))
}

/**
 * The primary's side: answers every worker's operations from `store` (the memory store), keeps the rate-limit
 * leases (see the header), and, when a flag changes, sends the flags to every worker and answers the `setFlag`
 * only once all of them acknowledged (or after `TIMEOUT_MS` for one that does not: a dying worker cannot hold
 * the switch back).
 */
export const makePrimary = (store: Service) => {
  const workers = new Set<WorkerLike>()

  // Leases: per key, the units each worker holds (granted, not yet reported used nor handed back).
  const held = new Map<string, Map<number, number>>()
  const heldOf = (key: string): number => {
    let n = 0
    for (const units of held.get(key)?.values() ?? []) n += units
    return n
  }
  const adjust = (key: string, worker: number, delta: number) => {
    let byWorker = held.get(key)
    if (byWorker === undefined) {
      if (delta <= 0) return
      byWorker = new Map()
      held.set(key, byWorker)
    }
    const units = Math.max(0, (byWorker.get(worker) ?? 0) + delta)
    if (units > 0) byWorker.set(worker, units)
    else {
      byWorker.delete(worker)
      if (byWorker.size === 0) held.delete(key)
    }
  }
  const windowStep = (ops: ReadonlyArray<WindowOp>) => Effect.runSync(store.windows(ops).pipe(Effect.orElseSucceed((): ReadonlyArray<WindowResult> => [])))
  /** Counts what a worker reports: units it used from its leases, bytes, each at its time. */
  const report = (worker: number, args: ReportArgs) => {
    const ops: WindowOp[] = []
    for (const [key, flat] of Object.entries(args.used)) {
      let units = 0
      for (let i = 0; i + 1 < flat.length; i += 2) {
        ops.push({ key, mode: "add", weight: flat[i], at: flat[i + 1] })
        units += flat[i]
      }
      adjust(key, worker, -units)
    }
    for (const [key, flat] of Object.entries(args.added)) {
      for (let i = 0; i + 1 < flat.length; i += 2) ops.push({ key, mode: "add", weight: flat[i], at: flat[i + 1] })
    }
    if (ops.length > 0) windowStep(ops)
  }

  // Recalls: the workers still to hand back a key's units, by recall number.
  let recallSeq = 0
  const recalls = new Map<number, { waiting: Set<number>; done: () => void }>()
  /** Asks every other worker holding units of `key` to hand them back; resolves once all did (or after RECALL_MS). */
  const recall = (key: string, except: number): Promise<void> => {
    const holders = held.get(key)
    const targets = [...workers].filter((w) => w.id !== except && (holders?.get(w.id) ?? 0) > 0 && w.isConnected())
    if (targets.length === 0) return Promise.resolve()
    const s = ++recallSeq
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        recalls.delete(s)
        resolve()
      }
      const timer = setTimeout(finish, RECALL_MS)
      const entry = { waiting: new Set(targets.map((w) => w.id)), done: finish }
      recalls.set(s, entry)
      for (const w of targets) {
        try {
          w.send({ pipelock: "recall", seq: s, key } satisfies ToWorker)
        } catch {
          entry.waiting.delete(w.id)
        }
      }
      if (entry.waiting.size === 0) finish()
    })
  }
  /** A lease request: units handed back, then a grant from what the limit leaves free (after a recall, for a waiting request). */
  const lease = (worker: number, args: LeaseArgs): number | Promise<number> => {
    adjust(args.key, worker, -args.returned)
    if (args.recall !== undefined) {
      const entry = recalls.get(args.recall)
      if (entry !== undefined) {
        entry.waiting.delete(worker)
        if (entry.waiting.size === 0) entry.done()
      }
    }
    if (args.want <= 0 && args.need <= 0) return 0
    const grant = () => {
      const room = args.limit - (windowStep([{ key: args.key, mode: "total" }])[0]?.total ?? 0) - heldOf(args.key)
      const units = grantSize(room, args.want, args.need, workers.size)
      if (units > 0) adjust(args.key, worker, units)
      return units
    }
    const units = grant()
    if (units > 0 || args.need <= 0 || heldOf(args.key) - (held.get(args.key)?.get(worker) ?? 0) <= 0) return units
    return recall(args.key, worker).then(grant)
  }

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
      // Answered in `attach` (they need the worker).
      case "lease": case "report": return Effect.void
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
      if (msg.op === "report") return report(worker.id, msg.args[0] as ReportArgs)
      if (msg.op === "lease") {
        const answer = (units: number) => {
          if (msg.id !== 0 && worker.isConnected()) worker.send({ pipelock: "store-reply", id: msg.id, value: units } satisfies ToWorker)
        }
        const units = lease(worker.id, msg.args[0] as LeaseArgs)
        if (typeof units === "number") answer(units)
        else void units.then(answer)
        return
      }
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
      for (const [, entry] of recalls) {
        entry.waiting.delete(worker.id)
        if (entry.waiting.size === 0) entry.done()
      }
      // Units the worker held may have admitted requests it never reported: they count as used now (never more admitted).
      const now = Date.now()
      for (const [key, byWorker] of [...held]) {
        const units = byWorker.get(worker.id) ?? 0
        if (units > 0) {
          adjust(key, worker.id, -units)
          windowStep([{ key, mode: "add", weight: units, at: now }])
        }
      }
    }
  }
  return {
    attach,
    flags: () => flags,
    /** The units of `key` leased out to workers (tests). */
    leased: (key: string) => heldOf(key),
    close: () => Effect.runSync(Scope.close(watching, Exit.void))
  }
}
