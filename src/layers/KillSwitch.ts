/**
 * The kill switch: four OR-composed sources — `kill_switch.enabled` in config (follows reloads), the admin
 * API, SIGUSR1 (toggles) and a sentinel file (on while it exists; a stat error other than "not found"
 * counts as on: fail closed). When it turns on, every registered long-lived connection is told at once.
 *
 * The API, signal and sentinel sources are fleet-wide: a change on one replica is applied there at once and
 * written to the SessionStore's flags, and every replica sharing the store applies it (with Redis: published,
 * so within milliseconds; re-read on start-up and after each reconnection). With the memory store the fleet
 * is this process. `kill_switch.enabled` stays per replica: each reads its own config.
 */
import { stat } from "node:fs"
import { Deferred, Effect, Layer, Stream } from "effect"
import { ConfigStore } from "../services/ConfigStore.ts"
import { KillSwitch, type Source, type Status } from "../services/KillSwitch.ts"
import { SessionStore } from "../services/SessionStore.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { Metrics, type Service as MetricsService } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"

const sources: ReadonlyArray<Source> = ["config", "api", "signal", "sentinel"]
/** The sources every replica sharing a store applies. */
const fleetSources: ReadonlyArray<Source> = ["api", "signal", "sentinel"]

/** The switch itself, with no wiring to config, signals or files. */
export const makeCore = (initial: Partial<Record<Source, boolean>> = {}, message = "Emergency deny-all active", meter?: MetricsService) => {
  const state: Record<Source, boolean> = { config: false, api: false, signal: false, sentinel: false, ...initial }
  let msg = message
  const callbacks = new Set<() => void>()
  const active = () => state.config || state.api || state.signal || state.sentinel
  let latch = Deferred.makeUnsafe<void>()
  const publish = () => {
    if (meter !== undefined) for (const s of sources) meter.set(metrics.killSwitchActive, state[s] ? 1 : 0, { source: s })
  }
  if (active()) Deferred.doneUnsafe(latch, Effect.void)
  publish()
  const setUnsafe = (on: boolean, source: Source) => {
    const before = active()
    state[source] = on
    const after = active()
    publish()
    if (!before && after) {
      Deferred.doneUnsafe(latch, Effect.void)
      for (const cb of [...callbacks]) {
        try {
          cb()
        } catch {
          // One connection's teardown failing must not stop the others.
        }
      }
    } else if (before && !after) {
      latch = Deferred.makeUnsafe<void>()
    }
  }
  const service = KillSwitch.of({
    isActive: Effect.sync(active),
    isActiveUnsafe: active,
    status: Effect.sync((): Status => ({ active: active(), sources: { ...state }, message: msg })),
    set: (on, source) => Effect.sync(() => setUnsafe(on, source)).pipe(Effect.withSpan("KillSwitch.set", { attributes: { source, active: on } })),
    tripped: Effect.suspend(() => Deferred.await(latch)),
    onTrip: (cb) => {
      if (active()) {
        cb()
        return () => {}
      }
      callbacks.add(cb)
      return () => void callbacks.delete(cb)
    }
  })
  return { service, setUnsafe, setMessage: (m: string) => void (msg = m), state }
}

/** A switch held in memory (tests), optionally on from the start. */
export const layerTest = (initial = false): Layer.Layer<KillSwitch> =>
  Layer.sync(KillSwitch, () => makeCore({ api: initial }).service)

export interface Options {
  /** Toggle the signal source on SIGUSR1 (default false: a library does not take process signals; the CLI turns it on). */
  readonly signals?: boolean | undefined
}

/**
 * The production switch: follows `kill_switch.enabled`, `message` and `sentinel_file` through reloads,
 * toggles on SIGUSR1 when `signals` is on, and shares the API, signal and sentinel sources through the
 * SessionStore.
 */
export const layerWith = (options: Options = {}): Layer.Layer<KillSwitch, never, ConfigStore | Telemetry | SessionStore> => Layer.effect(
  KillSwitch,
  Effect.gen(function* () {
    const store = yield* ConfigStore
    const telemetry = yield* Telemetry
    const shared = yield* SessionStore
    const meter = yield* Metrics
    const first = yield* store.current
    const core = makeCore({ config: first.kill_switch.enabled }, first.kill_switch.message, meter)
    const report = (source: Source, on: boolean, origin?: "fleet") =>
      telemetry.logUnsafe(on ? "warn" : "info", "kill_switch", { source, active: on, effective: core.service.isActiveUnsafe(), ...(origin ? { origin } : {}) })

    // A fleet source changed here: applied at once, then written for the other replicas (awaited, so an API
    // caller's answer comes after the store has it; a store that is down takes it on reconnection).
    const setFleet = (on: boolean, source: Source) =>
      Effect.sync(() => core.setUnsafe(on, source)).pipe(Effect.andThen(shared.setFlag(source, on)))
    const setFleetUnsafe = (on: boolean, source: Source) => {
      core.setUnsafe(on, source)
      report(source, on)
      Effect.runFork(shared.setFlag(source, on))
    }
    yield* shared.watchFlags(
      (flags) => {
        for (const s of fleetSources) {
          const on = flags[s] === true
          if (on !== core.state[s]) {
            core.setUnsafe(on, s)
            report(s, on, "fleet")
          }
        }
      },
      () => Object.fromEntries(fleetSources.map((s) => [s, core.state[s]]))
    )

    // What this replica's own sentinel file says (the fleet's sentinel source may be on because of another's).
    let sentinelSeen = false
    let sentinelPath = first.kill_switch.sentinel_file
    const checkSentinel = () => {
      const path = sentinelPath
      if (path === "") {
        if (sentinelSeen) {
          sentinelSeen = false
          setFleetUnsafe(false, "sentinel")
        }
        return
      }
      stat(path, (err) => {
        if (path !== sentinelPath) return
        const on = err === null || err.code !== "ENOENT"
        if (on !== sentinelSeen) {
          sentinelSeen = on
          setFleetUnsafe(on, "sentinel")
        }
      })
    }
    checkSentinel()
    yield* Effect.acquireRelease(
      Effect.sync(() => {
        const timer = setInterval(checkSentinel, 250)
        timer.unref()
        const onUsr1 = () => setFleetUnsafe(!core.state.signal, "signal")
        if (options.signals === true) process.on("SIGUSR1", onUsr1)
        return { timer, onUsr1 }
      }),
      ({ timer, onUsr1 }) => Effect.sync(() => {
        clearInterval(timer)
        process.off("SIGUSR1", onUsr1)
      })
    )

    yield* store.changes.pipe(
      Stream.runForEach((c) => Effect.sync(() => {
        core.setMessage(c.kill_switch.message)
        if (c.kill_switch.enabled !== core.state.config) {
          core.setUnsafe(c.kill_switch.enabled, "config")
          report("config", c.kill_switch.enabled)
        }
        if (c.kill_switch.sentinel_file !== sentinelPath) {
          sentinelPath = c.kill_switch.sentinel_file
          checkSentinel()
        }
      })),
      Effect.forkScoped
    )
    return KillSwitch.of({
      ...core.service,
      set: (on, source) =>
        (source === "config" ? core.service.set(on, source) : setFleet(on, source).pipe(Effect.withSpan("KillSwitch.set", { attributes: { source, active: on } })))
    })
  })
)

/** The production switch without signal handling (see `layerWith`). */
export const layer: Layer.Layer<KillSwitch, never, ConfigStore | Telemetry | SessionStore> = layerWith()
