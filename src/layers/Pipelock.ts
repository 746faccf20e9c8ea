/**
 * The composition root: the production service graph and the graph each program needs. Programs only
 * pick a graph and launch it; tests build the same graphs with test layers at the edges.
 */
import { Layer } from "effect"
import type { Flags, Loaded } from "./config/load.ts"
import * as AdminApiLayer from "./AdminApi.ts"
import * as ConfigStoreLayer from "./ConfigStore.ts"
import * as CertAuthorityLayer from "./CertAuthority.ts"
import * as ForwardProxyLayer from "./ForwardProxy.ts"
import * as InspectorLayer from "./Inspector.ts"
import * as KillSwitchLayer from "./KillSwitch.ts"
import * as McpListener from "./McpListener.ts"
import * as McpProxyLayer from "./McpProxy.ts"
import * as ProxyListener from "./ProxyListener.ts"
import * as ResolverLayer from "./Resolver.ts"
import * as SessionStoreLayer from "./SessionStore.ts"
import * as SessionStoreIpc from "./SessionStoreIpc.ts"
import * as TelemetryLayer from "./Telemetry.ts"
import * as Tracing from "./Tracing.ts"

export interface RunSetup {
  readonly loaded: Loaded
  /** The config file (watched for reloads), or undefined for the embedded preset. */
  readonly path?: string | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  readonly flags: Flags
  /** Install SIGHUP reload and file watching (default true; tests turn them off). */
  readonly watch?: boolean | undefined
  /** This process is a worker of `pipelock run` with `workers` > 1: the memory store is the primary's (over IPC). */
  readonly clusterWorker?: boolean | undefined
}

/** ConfigStore + Telemetry + SessionStore + KillSwitch: what every other service stands on. */
export const core = (setup: RunSetup) => {
  const telemetry = TelemetryLayer.layer(setup.loaded.config.logging)
  const config = ConfigStoreLayer.layerFile({
    path: setup.path,
    env: setup.env,
    flags: setup.flags,
    initial: setup.loaded,
    watch: setup.watch,
    sighup: setup.watch
  }).pipe(Layer.provide(telemetry))
  const base = Layer.merge(telemetry, config)
  // Memory, or Redis shared by every replica (`session_store.backend`); the kill switch shares its sources through it.
  const store = setup.clusterWorker === true && setup.loaded.config.session_store.backend === "memory"
    ? SessionStoreIpc.layer
    : SessionStoreLayer.layerConfig(setup.env)
  const shared = Layer.merge(base, store.pipe(Layer.provide(base)))
  return Layer.merge(shared, KillSwitchLayer.layer.pipe(Layer.provide(shared)))
}

/** The core plus the Inspector (with the system resolver unless another is given). */
export const inspection = (setup: RunSetup, resolver = ResolverLayer.layer) =>
  InspectorLayer.layer.pipe(Layer.provideMerge(Layer.merge(core(setup), resolver)))

/** Everything `pipelock run` starts: both listeners over the full service graph (whose services it also outputs). */
export const run = (setup: RunSetup, resolver = ResolverLayer.layer) => {
  const base = inspection(setup, resolver)
  // The CA is loaded at startup when interception is on (a missing CA stops startup with a clear message).
  const ca = setup.loaded.config.tls_interception.enabled ? CertAuthorityLayer.layer.pipe(Layer.provide(base)) : Layer.empty
  const services = Layer.mergeAll(
    AdminApiLayer.layer,
    ForwardProxyLayer.layer.pipe(Layer.provide(ca)),
    McpProxyLayer.layer
  ).pipe(Layer.provideMerge(base))
  const listeners = Layer.mergeAll(ProxyListener.layer, McpListener.layer).pipe(Layer.provideMerge(services))
  // The listeners are built with the tracer in their context: every request fiber they fork exports its spans.
  return listeners.pipe(Layer.provide(Tracing.layer(setup.env)))
}
