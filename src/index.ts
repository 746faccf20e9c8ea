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
export * as ConfigLoader from "./layers/config/load.ts"
export * as ConfigStoreLayer from "./layers/ConfigStore.ts"
export * as KillSwitchLayer from "./layers/KillSwitch.ts"
export * as TelemetryLayer from "./layers/Telemetry.ts"
export * as Pipelock from "./layers/Pipelock.ts"
export { version } from "./version.ts"
