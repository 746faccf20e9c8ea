/**
 * The composition root: the production service graph and the graph each program needs. Programs only
 * pick a graph and launch it; tests build the same graphs with test layers at the edges.
 *
 * Every graph is an instance of its own: built with a fresh memo map, so two `run` graphs in one process
 * (or in one host graph) share nothing — not the ports, the metrics and `/stats`, the kill switch nor the
 * sessions — and signal handlers are installed only when `signals` is on (the CLI turns it on).
 *
 * Any service can be replaced by providing it: a service the surrounding context already holds (a layer
 * provided to the graph, or the host app's own) is used instead of the production one, e.g.
 * `Pipelock.run(setup).pipe(Layer.provide(KillSwitch.layerTest(true)))`. This holds for ConfigStore,
 * Telemetry, Metrics, SessionStore, KillSwitch, Resolver, Inspector, UpstreamClient, CertAuthority,
 * AdminApi, ForwardProxy and McpProxy.
 */
import { Context, Effect, Layer } from "effect"
import { BoundAddresses, address } from "../services/BoundAddresses.ts"
import { CertAuthority } from "../services/CertAuthority.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { AdminApi } from "../services/AdminApi.ts"
import { ForwardProxy } from "../services/ForwardProxy.ts"
import { Inspector } from "../services/Inspector.ts"
import { KillSwitch } from "../services/KillSwitch.ts"
import { McpProxy } from "../services/McpProxy.ts"
import * as MetricsService from "../services/Metrics.ts"
import { Resolver } from "../services/Resolver.ts"
import { SessionStore } from "../services/SessionStore.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { UpstreamClient } from "../services/UpstreamClient.ts"
import type { Flags, Loaded } from "./config/load.ts"
import type { ScannerRegistry } from "../services/Scanner.ts"
import * as AdminApiLayer from "./AdminApi.ts"
import * as BuiltinScanners from "./BuiltinScanners.ts"
import * as ConfigStoreLayer from "./ConfigStore.ts"
import * as CertAuthorityLayer from "./CertAuthority.ts"
import * as ForwardProxyLayer from "./ForwardProxy.ts"
import { DrainMs } from "./http/server.ts"
import * as HttpClassifier from "./HttpClassifier.ts"
import * as InspectorLayer from "./Inspector.ts"
import * as KillSwitchLayer from "./KillSwitch.ts"
import * as McpListener from "./McpListener.ts"
import * as McpProxyLayer from "./McpProxy.ts"
import * as ProxyListener from "./ProxyListener.ts"
import * as ResolverLayer from "./Resolver.ts"
import * as Scanner from "./Scanner.ts"
import * as SessionStoreLayer from "./SessionStore.ts"
import * as SessionStoreIpc from "./SessionStoreIpc.ts"
import * as TelemetryLayer from "./Telemetry.ts"
import * as Tracing from "./Tracing.ts"
import * as UpstreamClientLayer from "./UpstreamClient.ts"

export interface RunSetup {
  readonly loaded: Loaded
  /** The config file (watched for reloads), or undefined for the embedded preset. */
  readonly path?: string | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  readonly flags: Flags
  /** Watch the config file for changes (default true; tests turn it off). */
  readonly watch?: boolean | undefined
  /**
   * Take process signals: SIGHUP reloads the config, SIGUSR1 toggles the kill switch. Off by default (a
   * library must not take the host's signals, nor add a listener per instance); `pipelock run` turns it on.
   */
  readonly signals?: boolean | undefined
  /** How long shutdown lets in-flight requests, tunnels and streams finish before interrupting them (default 10 000 ms). */
  readonly drainMs?: number | undefined
  /**
   * Scanners the Inspector runs besides its built-ins (and the config's `http_classifier`): `Scanner.layer(…)`
   * values, merged. They may use the core services. See docs/scanners.md.
   */
  readonly scanners?: Layer.Layer<never, never, ScannerRegistry | ConfigStore | Telemetry | SessionStore | KillSwitch | Resolver> | undefined
  /**
   * The built-in scanners to register (default `BuiltinScanners.all`): leave one out to remove it, replace it
   * with your own in `scanners`; `BuiltinScanners.none` for none. See docs/scanners.md.
   */
  readonly builtins?: Layer.Layer<never, never, ScannerRegistry | ConfigStore> | undefined
  /** This process is a worker of `pipelock run` with `workers` > 1: the memory store is the primary's (over IPC). */
  readonly clusterWorker?: boolean | undefined
}

/**
 * The service `tag` from the surrounding context when it holds one (a replacement provided by a host or a
 * test), else what `fallback` builds.
 */
export const replaceable = <I, S, E, R>(tag: Context.Key<I, S>, fallback: Layer.Layer<I, E, R>): Layer.Layer<I, E, R> =>
  Layer.unwrap(Effect.map(Effect.context<never>(), (context) => {
    const given = Context.getOrUndefined(context as Context.Context<I>, tag)
    return given === undefined ? fallback : Layer.succeed(tag, given)
  }))

/** A new, empty set of metrics for this instance (unless one is provided). */
const metricsLayer = replaceable(MetricsService.Metrics, Layer.sync(MetricsService.Metrics, () => MetricsService.makeUnsafe()))

/** ConfigStore + Telemetry + Metrics + SessionStore + KillSwitch: what every other service stands on. */
const coreOf = (setup: RunSetup) => {
  const telemetry = replaceable(Telemetry, TelemetryLayer.layer(setup.loaded.config.logging))
  const config = replaceable(ConfigStore, ConfigStoreLayer.layerFile({
    path: setup.path,
    env: setup.env,
    flags: setup.flags,
    initial: setup.loaded,
    watch: setup.watch,
    sighup: setup.signals === true
  })).pipe(Layer.provide(telemetry))
  const base = Layer.merge(telemetry, config)
  // Memory, or Redis shared by every replica (`session_store.backend`); the kill switch shares its sources through it.
  const store = setup.clusterWorker === true && setup.loaded.config.session_store.backend === "memory"
    ? SessionStoreIpc.layer
    : SessionStoreLayer.layerConfig(setup.env)
  const shared = Layer.merge(base, replaceable(SessionStore, store).pipe(Layer.provide(base)))
  const killSwitch = replaceable(KillSwitch, KillSwitchLayer.layerWith({ signals: setup.signals === true }))
  return Layer.merge(shared, killSwitch.pipe(Layer.provide(shared))).pipe(Layer.provideMerge(metricsLayer))
}

/** The core plus the scanner registry (the built-ins, the config's HTTP classifier, `setup.scanners`) and the Inspector. */
const inspectionOf = (setup: RunSetup, resolver: Layer.Layer<Resolver>) => {
  const deps = Layer.merge(coreOf(setup), replaceable(Resolver, resolver))
  const scanners = Layer.mergeAll(setup.builtins ?? BuiltinScanners.all, HttpClassifier.layerConfig, setup.scanners ?? Layer.empty).pipe(Layer.provideMerge(Scanner.registry), Layer.provide(deps))
  return replaceable(Inspector, InspectorLayer.layer).pipe(Layer.provideMerge(Layer.merge(deps, scanners)))
}

/** ConfigStore + Telemetry + Metrics + SessionStore + KillSwitch: what every other service stands on. */
export const core = (setup: RunSetup) => Layer.fresh(coreOf(setup))

/** The core plus the Inspector (with the system resolver unless another is given or provided). */
export const inspection = (setup: RunSetup, resolver: Layer.Layer<Resolver> = ResolverLayer.layer) =>
  Layer.fresh(inspectionOf(setup, resolver))

/** The listeners of an instance, bound; their real addresses are the `BoundAddresses` service. */
const listeners = Layer.effect(
  BoundAddresses,
  Effect.gen(function* () {
    const main = yield* ProxyListener.make
    const mcp = yield* McpListener.make
    return BoundAddresses.of({
      proxy: address(main.host, main.port),
      mcp: mcp === undefined ? undefined : address(mcp.host, mcp.port),
      killSwitchApi: main.killSwitchApi === undefined ? undefined : address(main.killSwitchApi.host, main.killSwitchApi.port)
    })
  })
)

/**
 * Everything `pipelock run` starts: both listeners over the full service graph, whose services it also
 * outputs, with `BoundAddresses`.
 */
export const run = (setup: RunSetup, resolver: Layer.Layer<Resolver> = ResolverLayer.layer) => {
  const base = inspectionOf(setup, resolver)
  // The CA is loaded at startup when interception is on (a missing CA stops startup with a clear message).
  const ca = setup.loaded.config.tls_interception.enabled
    ? replaceable(CertAuthority, CertAuthorityLayer.layer).pipe(Layer.provide(base))
    : Layer.empty
  const services = Layer.mergeAll(
    replaceable(AdminApi, AdminApiLayer.layer),
    replaceable(ForwardProxy, ForwardProxyLayer.layer).pipe(Layer.provide(ca)),
    replaceable(McpProxy, McpProxyLayer.layer)
  ).pipe(Layer.provide(replaceable(UpstreamClient, UpstreamClientLayer.layer)), Layer.provideMerge(base))
  const bound = listeners.pipe(
    Layer.provideMerge(services),
    Layer.provide(Layer.succeed(DrainMs, setup.drainMs ?? 10_000))
  )
  // The listeners are built with the tracer in their context: every request fiber they fork exports its spans.
  // OTLP metrics read this instance's registry: the tracing layer is built over the instance's Metrics.
  const tracing = Layer.unwrap(Effect.map(Effect.service(MetricsService.Metrics), (meter) => Tracing.layer(setup.env).pipe(Layer.provide(Layer.succeedContext(meter.context)))))
  return Layer.fresh(bound.pipe(Layer.provide(tracing), Layer.provideMerge(metricsLayer)))
}
