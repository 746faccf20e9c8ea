/**
 * Pipelock as a library: the service contracts, their layers and the config schema, for Effect apps that
 * embed the scanners or the proxies. The CLI lives in src/programs.
 */
export * as Config from "./services/Config.ts"
export * as ConfigStore from "./services/ConfigStore.ts"
export * as KillSwitch from "./services/KillSwitch.ts"
export * as Telemetry from "./services/Telemetry.ts"
export * as Verdict from "./services/Verdict.ts"
export * as ForwardProxy from "./services/ForwardProxy.ts"
export * as McpProxy from "./services/McpProxy.ts"
export * as AdminApi from "./services/AdminApi.ts"
export * as Inspector from "./services/Inspector.ts"
export * as Resolver from "./services/Resolver.ts"
export * as SessionStore from "./services/SessionStore.ts"
export * as CertAuthority from "./services/CertAuthority.ts"
export * as ConfigLoader from "./layers/config/load.ts"
export * as ConfigStoreLayer from "./layers/ConfigStore.ts"
export * as KillSwitchLayer from "./layers/KillSwitch.ts"
export * as TelemetryLayer from "./layers/Telemetry.ts"
export * as InspectorLayer from "./layers/Inspector.ts"
export * as ResolverLayer from "./layers/Resolver.ts"
export * as SessionStoreLayer from "./layers/SessionStore.ts"
/** The Redis store (node-redis is imported only when a layer of it is built). */
export * as SessionStoreRedis from "./layers/SessionStoreRedis.ts"
export * as Pipelock from "./layers/Pipelock.ts"
/** The pure scanner cores (plain functions over strings), for use without the service graph. */
export * as Dlp from "./layers/detect/dlp.ts"
export * as Injection from "./layers/detect/injection.ts"
export * as UrlGuard from "./layers/detect/urlGuard.ts"
export * as ToolPoisoning from "./layers/detect/toolPoison.ts"
export * as Shell from "./layers/detect/shell.ts"
export * as Policy from "./layers/detect/decide.ts"
/** Stream reassembly: the model's text out of streamed LLM events (extract) and the incremental judge (reassemble). */
export * as StreamText from "./layers/stream/extract.ts"
export * as StreamReassembly from "./layers/stream/reassemble.ts"
export { version } from "./version.ts"
