/**
 * `pipelock/services`: the contracts — each service's tag, interface, types and errors — for Effect apps
 * that use Pipelock's services or provide their own implementation of one.
 *
 * @example
 * import { KillSwitch } from "pipelock/services"
 * const tripped = Effect.flatMap(KillSwitch.KillSwitch.asEffect(), (ks) => ks.isActive)
 */
export * as AdminApi from "./AdminApi.ts"
export * as BoundAddresses from "./BoundAddresses.ts"
export * as CertAuthority from "./CertAuthority.ts"
export * as Config from "./Config.ts"
export * as ConfigStore from "./ConfigStore.ts"
export * as ForwardProxy from "./ForwardProxy.ts"
export * as Inspector from "./Inspector.ts"
export * as KillSwitch from "./KillSwitch.ts"
export * as McpProxy from "./McpProxy.ts"
export * as Metrics from "./Metrics.ts"
export * as Resolver from "./Resolver.ts"
export * as Scanner from "./Scanner.ts"
export * as SessionStore from "./SessionStore.ts"
export * as Telemetry from "./Telemetry.ts"
export * as UpstreamClient from "./UpstreamClient.ts"
export * as Verdict from "./Verdict.ts"
