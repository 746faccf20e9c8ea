/**
 * `pipelock/layers`: the implementations of the contracts in `pipelock/services` (each module exports
 * `make` and `layer…` values), the listeners, the composition root (`Pipelock.core` / `inspection` / `run`),
 * the config loader, and the 501 stubs the main port answers with when a proxy is not built in.
 *
 * @example
 * import { ConfigLoader, Pipelock } from "pipelock/layers"
 * const loaded = yield* ConfigLoader.fromObject({ mode: "strict" })
 * const graph = Pipelock.run({ loaded, env: {}, flags: {}, watch: false })
 */
export * as AdminApi from "./AdminApi.ts"
/** The built-in scanners (DLP, injection rules, tool poisoning, shell, the learned classifier), each a layer. */
export * as BuiltinScanners from "./BuiltinScanners.ts"
export * as CertAuthority from "./CertAuthority.ts"
export * as ConfigLoader from "./config/load.ts"
export * as ConfigStore from "./ConfigStore.ts"
export * as ForwardProxy from "./ForwardProxy.ts"
/** Answers proxy traffic with a clear 501 (never a pass-through) where the forward proxy is not built in. */
export * as ForwardProxyUnavailable from "./ForwardProxyUnavailable.ts"
export * as Inspector from "./Inspector.ts"
/** An external classifier over HTTP, registered as a scanner (config section `http_classifier`). */
export * as HttpClassifier from "./HttpClassifier.ts"
export * as KillSwitch from "./KillSwitch.ts"
/** The MCP listener (a layer that binds the MCP port and forks its accept loop). */
export * as McpListener from "./McpListener.ts"
export * as McpProxy from "./McpProxy.ts"
/** Answers MCP traffic with a clear 501 where the MCP proxy is not built in. */
export * as McpProxyUnavailable from "./McpProxyUnavailable.ts"
/** The composition root: the production service graph and the graph each program needs. */
export * as Pipelock from "./Pipelock.ts"
/** The main listener (forward proxy, `/fetch`, health, metrics and the admin API on one port). */
export * as ProxyListener from "./ProxyListener.ts"
export * as Resolver from "./Resolver.ts"
/** Judging given inputs without proxying (what `pipelock check` and `POST /api/v1/scan` do), and the verdict JSON. */
export * as Scan from "./scan.ts"
/** The scanner registry and `Scanner.layer(myScanner)`, which adds a scanner the Inspector runs. */
export * as Scanner from "./Scanner.ts"
export * as SessionStore from "./SessionStore.ts"
/** A `workers` > 1 worker's store: the primary's memory store over the cluster IPC channel. */
export * as SessionStoreIpc from "./SessionStoreIpc.ts"
/** The Redis store (node-redis is imported only when a layer of it is built). */
export * as SessionStoreRedis from "./SessionStoreRedis.ts"
export * as Telemetry from "./Telemetry.ts"
/** OTLP trace export, on when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces variant) is set. */
export * as Tracing from "./Tracing.ts"
/** The production upstream HTTP client (node:http(s), pinned to the vetted addresses). */
export * as UpstreamClient from "./UpstreamClient.ts"
