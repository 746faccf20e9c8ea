/**
 * The kill switch: four OR-composed sources — `kill_switch.enabled` in config (follows reloads), the admin
 * API, SIGUSR1 (toggles) and a sentinel file (on while it exists; a stat error other than "not found"
 * counts as on: fail closed). When it turns on, every registered long-lived connection is told at once.
 */
import { stat } from "node:fs"
import { Deferred, Effect, Layer, Stream } from "effect"
import { ConfigStore } from "../services/ConfigStore.ts"
import { KillSwitch, type Source, type Status } from "../services/KillSwitch.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { metrics, set as setGauge } from "./telemetry/metrics.ts"

const sources: ReadonlyArray<Source> = ["config", "api", "signal", "sentinel"]

/** The switch itself, with no wiring to config, signals or files. */
export const makeCore = (initial: Partial<Record<Source, boolean>> = {}, message = "Emergency deny-all active") => {
  const state: Record<Source, boolean> = { config: false, api: false, signal: false, sentinel: false, ...initial }
  let msg = message
  const callbacks = new Set<() => void>()
  const active = () => state.config || state.api || state.signal || state.sentinel
  let latch = Deferred.makeUnsafe<void>()
  const publish = () => {
    for (const s of sources) setGauge(metrics.killSwitchActive, state[s] ? 1 : 0, { source: s })
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

/**
 * The production switch: follows `kill_switch.enabled`, `message` and `sentinel_file` through reloads,
 * toggles on SIGUSR1.
 */
export const layer: Layer.Layer<KillSwitch, never, ConfigStore | Telemetry> = Layer.effect(
  KillSwitch,
  Effect.gen(function* () {
    const store = yield* ConfigStore
    const telemetry = yield* Telemetry
    const first = yield* store.current
    const core = makeCore({ config: first.kill_switch.enabled }, first.kill_switch.message)
    const report = (source: Source, on: boolean) =>
      telemetry.logUnsafe(on ? "warn" : "info", "kill_switch", { source, active: on, effective: core.service.isActiveUnsafe() })

    let sentinelPath = first.kill_switch.sentinel_file
    const checkSentinel = () => {
      const path = sentinelPath
      if (path === "") {
        if (core.state.sentinel) (core.setUnsafe(false, "sentinel"), report("sentinel", false))
        return
      }
      stat(path, (err) => {
        if (path !== sentinelPath) return
        const on = err === null || err.code !== "ENOENT"
        if (on !== core.state.sentinel) {
          core.setUnsafe(on, "sentinel")
          report("sentinel", on)
        }
      })
    }
    checkSentinel()
    yield* Effect.acquireRelease(
      Effect.sync(() => {
        const timer = setInterval(checkSentinel, 250)
        timer.unref()
        const onUsr1 = () => {
          const on = !core.state.signal
          core.setUnsafe(on, "signal")
          report("signal", on)
        }
        process.on("SIGUSR1", onUsr1)
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
    return core.service
  })
)
