/**
 * `pipelock/testing`: in-memory layers and fakes for testing an app that embeds Pipelock (or code around
 * it) without sockets, files, DNS or Redis. Each value mirrors the module of the same name in
 * `pipelock/layers`, holding only its test variants.
 *
 * @example
 * import { InspectorFake, KillSwitch } from "pipelock/testing"
 * program.pipe(Effect.provide(Layer.mergeAll(InspectorFake.layer(), KillSwitch.layerTest(true))))
 */
import { Effect, Layer } from "effect"
import * as ConfigLoader from "./layers/config/load.ts"
import * as ConfigStoreLayer from "./layers/ConfigStore.ts"
import * as KillSwitchLayer from "./layers/KillSwitch.ts"
import * as ResolverLayer from "./layers/Resolver.ts"
import * as SessionStoreLayer from "./layers/SessionStore.ts"
import * as TelemetryLayer from "./layers/Telemetry.ts"
import type { ConfigError } from "./services/Config.ts"
import type { ConfigStore as ConfigStoreTag } from "./services/ConfigStore.ts"

/**
 * A keyword Inspector: blocks the AWS example key `AKIAIOSFODNN7EXAMPLE` going out and "ignore previous
 * instructions" coming in, resolves hosts through a fixed map. For testing transports, not detection.
 */
export * as InspectorFake from "./layers/InspectorFake.ts"

/** Test variants of the config store: a fixed config, or one a test can `set`. */
export const ConfigStore = {
  /** A store holding a fixed, already loaded config. */
  layerTest: ConfigStoreLayer.layerTest,
  /** A store and its `set`, to change the config under a running test. */
  makeMemory: ConfigStoreLayer.makeMemory,
  /**
   * A store holding a config given as an object shaped like `pipelock.yaml` (see `ConfigLoader.fromObject`);
   * a config with problems fails the layer with the `ConfigError`.
   */
  layerFromObject: (o: unknown, options?: ConfigLoader.FromOptions): Layer.Layer<ConfigStoreTag, ConfigError> =>
    Layer.unwrap(Effect.map(ConfigLoader.fromObject(o, options), ConfigStoreLayer.layerTest))
} as const

/** A kill switch held in memory, optionally on from the start. */
export const KillSwitch = { layerTest: KillSwitchLayer.layerTest } as const

/** A fixed "DNS" (hostname → addresses; `*.example.com` keys match subdomains; unknown names fail like NXDOMAIN). */
export const Resolver = { layerStatic: ResolverLayer.layerStatic, makeStatic: ResolverLayer.makeStatic } as const

/** Session state in memory with fixed limits (and a given clock), or a store that is always down. */
export const SessionStore = { layerTest: SessionStoreLayer.layerTest, layerUnavailable: SessionStoreLayer.layerUnavailable } as const

/** A Telemetry that keeps every log line in an array the test reads. */
export const Telemetry = { layerTest: TelemetryLayer.layerTest } as const
