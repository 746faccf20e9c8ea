/**
 * The in-memory SessionStore: one process's MCP sessions in a Map kept in least-recently-used order.
 * A touched session moves to the end; an idle one past the TTL starts over on its next touch and is
 * swept once a minute; above `max_sessions` the oldest is evicted. The live count and every eviction
 * show in metrics (`pipelock_sessions_active`, `pipelock_sessions_evicted_total{reason}`).
 */
import { Duration, Effect, Layer, Schedule, Stream } from "effect"
import { ConfigStore } from "../services/ConfigStore.ts"
import { type EvictionReason, type Session, SessionStore } from "../services/SessionStore.ts"
import { count, metrics, set } from "./telemetry/metrics.ts"

export interface Limits {
  /** Idle time after which a session starts over, in ms (0: never). */
  readonly ttlMs: number
  /** Most sessions kept (0: no limit). */
  readonly maxSessions: number
}

interface Entry {
  readonly session: Session
  lastSeen: number
}

/** The store over a limits source read at every touch (so a reload applies at once) and a clock. */
export const makeWith = (limits: () => Limits, now: () => number = Date.now) => {
  const entries = new Map<string, Entry>()
  const gauge = () => set(metrics.mcpSessions, entries.size)
  const evict = (key: string, reason: EvictionReason) => {
    if (entries.delete(key)) {
      count(metrics.sessionsEvicted, { reason })
      gauge()
    }
  }
  const expired = (e: Entry, at: number, ttlMs: number) => ttlMs > 0 && at - e.lastSeen > ttlMs

  const touch = (key: string): Session => {
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
      e = { session: { key, createdAt: at, baseline: undefined, chain: undefined }, lastSeen: at }
    } else entries.delete(key)
    e.lastSeen = at
    entries.set(key, e)
    gauge()
    return e.session
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

  const service = SessionStore.of({
    touch: (key) => Effect.sync(() => touch(key)),
    end: (key) => Effect.sync(() => evict(key, "ended")),
    size: Effect.sync(() => entries.size)
  })
  return { service, sweep }
}

/** The store with limits from `session_profiling` in the configuration in force, swept every minute. */
export const make = Effect.gen(function* () {
  const store = yield* ConfigStore
  let config = yield* store.current
  // The current config is read synchronously at each touch: keep the latest one at hand.
  yield* store.changes.pipe(Stream.runForEach((c) => Effect.sync(() => void (config = c))), Effect.forkScoped)
  const { service, sweep } = makeWith(() => ({
    ttlMs: config.session_profiling.session_ttl_minutes * 60_000,
    maxSessions: config.session_profiling.max_sessions
  }))
  yield* Effect.forkScoped(Effect.repeat(Effect.sync(sweep), Schedule.spaced(Duration.minutes(1))))
  return service
})

/** Sessions in this process's memory (one replica; Redis is the store for several). */
export const layerMemory: Layer.Layer<SessionStore, never, ConfigStore> = Layer.effect(SessionStore, make)

/** Sessions in memory with fixed limits (and a given clock): tests, and `pipelock check`, where one run is one session. */
export const layerTest = (limits: Limits = { ttlMs: 0, maxSessions: 0 }, now?: () => number): Layer.Layer<SessionStore> =>
  Layer.sync(SessionStore, () => makeWith(() => limits, now).service)
