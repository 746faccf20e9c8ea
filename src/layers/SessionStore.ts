/**
 * The in-memory SessionStore: one process's shared state. Sessions live in a Map kept in least-recently-used
 * order: a touched session moves to the end; an idle one past the TTL starts over on its next use and is swept
 * once a minute; above `max_sessions` the oldest is evicted. The live count and every eviction show in metrics
 * (`pipelock_sessions_active`, `pipelock_sessions_evicted_total{reason}`). Every operation runs synchronously,
 * so it is atomic within the process; several replicas need the Redis store (`layerConfig` picks it).
 */
import { Duration, Effect, Layer, Schedule, Stream } from "effect"
import { ConfigStore } from "../services/ConfigStore.ts"
import {
  type ChainCall, type EvictionReason, type Flags, type PinnedCard, type PinOutcome, SessionStore, type Service, StoreUnavailable,
  type WindowResult
} from "../services/SessionStore.ts"
import type { Telemetry } from "../services/Telemetry.ts"
import { appendCall } from "./detect/chain.ts"
import { SlidingWindow } from "./detect/ratelimit.ts"
import * as SessionStoreRedis from "./SessionStoreRedis.ts"
import { Metrics, type Service as MetricsService } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"

export interface Limits {
  /** Idle time after which a session starts over, in ms (0: never). */
  readonly ttlMs: number
  /** Most sessions kept (0: no limit). */
  readonly maxSessions: number
}

interface Entry {
  lastSeen: number
  /** Pinned at the first tools/list result; undefined before. */
  baseline: Map<string, { readonly fingerprint: string; readonly definition: unknown }> | undefined
  history: ChainCall[]
}

/** The store over a limits source read at every operation (so a reload applies at once) and a clock. */
export const makeWith = (limits: () => Limits, now: () => number = Date.now, meter?: MetricsService) => {
  const entries = new Map<string, Entry>()
  const gauge = () => meter?.set(metrics.mcpSessions, entries.size)
  const evict = (key: string, reason: EvictionReason) => {
    if (entries.delete(key)) {
      meter?.count(metrics.sessionsEvicted, { reason })
      gauge()
    }
  }
  const expired = (e: Entry, at: number, ttlMs: number) => ttlMs > 0 && at - e.lastSeen > ttlMs

  /** The live entry for a key (a new one when absent or expired), marked used now. */
  const touch = (key: string): Entry => {
    const at = now()
    const { ttlMs, maxSessions } = limits()
    let e = entries.get(key)
    if (e !== undefined && expired(e, at, ttlMs)) {
      evict(key, "ttl")
      e = undefined
    }
    if (e === undefined) {
      if (maxSessions > 0) {
        while (entries.size >= maxSessions) evict(entries.keys().next().value as string, "capacity")
      }
      e = { lastSeen: at, baseline: undefined, history: [] }
    } else entries.delete(key)
    e.lastSeen = at
    entries.set(key, e)
    gauge()
    return e
  }

  /** Drops every session idle past the TTL (the oldest come first, so the sweep stops at the first live one). */
  const sweep = () => {
    const at = now()
    const { ttlMs } = limits()
    for (const [key, e] of entries) {
      if (!expired(e, at, ttlMs)) break
      evict(key, "ttl")
    }
  }

  const windows = new SlidingWindow(now, 20_000)
  const cards = new Map<string, PinnedCard>()
  const flags = new Map<string, boolean>()
  const watchers = new Set<(flags: Flags) => void>()
  const flagsNow = (): Flags => Object.fromEntries(flags)

  const service: Service = {
    pinTools: (sessionKey, tools) => Effect.sync((): PinOutcome => {
      const e = touch(sessionKey)
      if (e.baseline === undefined) {
        e.baseline = new Map(tools.map((t) => [t.name, { fingerprint: t.fingerprint, definition: t.definition }]))
        return { pinned: true, added: [], changed: [] }
      }
      const added: string[] = []
      const changed: Array<{ name: string; pinned: unknown }> = []
      for (const t of tools) {
        const before = e.baseline.get(t.name)
        if (before === undefined) {
          added.push(t.name)
          e.baseline.set(t.name, { fingerprint: t.fingerprint, definition: t.definition })
        } else if (before.fingerprint !== t.fingerprint) changed.push({ name: t.name, pinned: before.definition })
      }
      return { pinned: false, added, changed }
    }),
    recordCall: (sessionKey, call) => Effect.sync(() => {
      const e = touch(sessionKey)
      const inventory = e.baseline === undefined ? "unpinned" as const : e.baseline.has(call.tool) ? "listed" as const : "unlisted" as const
      const c = call.chain
      if (c === undefined) return { inventory, history: [] }
      e.history = appendCall(e.history, { category: c.category, at: c.at }, c.windowSize, c.windowSeconds)
      return { inventory, history: e.history }
    }),
    end: (sessionKey) => Effect.sync(() => evict(sessionKey, "ended")),
    size: Effect.sync(() => entries.size),
    tryRecord: (key, limit, weight = 1) => Effect.sync(() => windows.tryRecord(key, limit, weight)),
    record: (key, weight) => Effect.sync(() => windows.record(key, weight)),
    total: (key) => Effect.sync(() => windows.total(key)),
    windows: (ops) => Effect.sync(() => ops.map((op): WindowResult => {
      if (op.mode === "total") return { counted: true, total: windows.total(op.key) }
      if (op.mode === "add") {
        if (op.at === undefined) windows.record(op.key, op.weight)
        else windows.recordAt(op.key, op.weight, op.at)
      }
      else if (!windows.tryRecord(op.key, op.limit, op.weight ?? 1)) return { counted: false, total: windows.total(op.key) }
      return { counted: true, total: windows.total(op.key) }
    })),
    pinCard: (url, fingerprint, card, maxCards) => Effect.sync(() => {
      const before = cards.get(url)
      if (before === undefined) {
        while (cards.size >= Math.max(maxCards, 1)) cards.delete(cards.keys().next().value as string)
        cards.set(url, { fingerprint, card })
        return undefined
      }
      return before.fingerprint === fingerprint ? undefined : before
    }),
    setFlag: (name, on) => Effect.sync(() => {
      if (flags.get(name) === on) return
      flags.set(name, on)
      const all = flagsNow()
      for (const w of [...watchers]) w(all)
    }),
    watchFlags: (onChange) => Effect.acquireRelease(
      Effect.sync(() => {
        watchers.add(onChange)
        onChange(flagsNow())
      }),
      () => Effect.sync(() => void watchers.delete(onChange))
    ),
    health: Effect.succeed({ backend: "memory", available: true })
  }
  return { service: SessionStore.of(service), sweep }
}

/** The store with limits from `session_profiling` in the configuration in force, swept every minute. */
export const make = Effect.gen(function* () {
  const store = yield* ConfigStore
  let config = yield* store.current
  // The current config is read synchronously at each operation: keep the latest one at hand.
  yield* store.changes.pipe(Stream.runForEach((c) => Effect.sync(() => void (config = c))), Effect.forkScoped)
  const { service, sweep } = makeWith(() => ({
    ttlMs: config.session_profiling.session_ttl_minutes * 60_000,
    maxSessions: config.session_profiling.max_sessions
  }), Date.now, yield* Metrics)
  yield* Effect.forkScoped(Effect.repeat(Effect.sync(sweep), Schedule.spaced(Duration.minutes(1))))
  return service
})

/** Shared state in this process's memory (one replica; Redis is the store for several). */
export const layerMemory: Layer.Layer<SessionStore, never, ConfigStore> = Layer.effect(SessionStore, make)

/** Shared state in Redis for several replicas (`SessionStoreRedis.layer`; node-redis is loaded when it is built). */
export const layerRedis = SessionStoreRedis.layer

/**
 * The store `session_store.backend` asks for at startup: memory, or Redis (`SessionStoreRedis`, whose client
 * library is loaded only then). The Redis password comes from the URL or `env.PIPELOCK_REDIS_PASSWORD`.
 */
export const layerConfig = (env: Readonly<Record<string, string | undefined>> = process.env): Layer.Layer<SessionStore, never, ConfigStore | Telemetry> =>
  Layer.unwrap(Effect.gen(function* () {
    const config = yield* (yield* ConfigStore).current
    return config.session_store.backend === "redis" ? layerRedis(env) : layerMemory
  }))

/** A store that never answers (every operation fails with `StoreUnavailable`): tests of the `on_unavailable` policy. */
export const layerUnavailable = (reason = "connect ECONNREFUSED 127.0.0.1:6379"): Layer.Layer<SessionStore> =>
  Layer.sync(SessionStore, () => {
    const down = Effect.fail(new StoreUnavailable({ reason }))
    return SessionStore.of({
      pinTools: () => down,
      recordCall: () => down,
      end: () => down,
      size: down,
      tryRecord: () => down,
      record: () => down,
      total: () => down,
      windows: () => down,
      pinCard: () => down,
      setFlag: () => Effect.void,
      watchFlags: () => Effect.void,
      health: Effect.succeed({ backend: "redis", available: false, reason })
    })
  })

/** Shared state in memory with fixed limits (and a given clock): tests, and `pipelock check`, where one run is one session. */
export const layerTest = (limits: Limits = { ttlMs: 0, maxSessions: 0 }, now?: () => number): Layer.Layer<SessionStore> =>
  Layer.sync(SessionStore, () => makeWith(() => limits, now).service)
