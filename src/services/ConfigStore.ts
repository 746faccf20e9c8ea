/** The current configuration, hot-reloaded: a validated snapshot plus a stream of accepted changes. */
import { Context, type Effect, type Stream } from "effect"
import type { Config, ConfigError, RunOptions } from "./Config.ts"

/** What a reload attempt did. */
export type ReloadResult =
  | { readonly _tag: "Applied"; readonly warnings: ReadonlyArray<string> }
  | { readonly _tag: "Unchanged" }
  | { readonly _tag: "Rejected"; readonly error: ConfigError | string }

export interface Service {
  /** The configuration in force now. A request reads it once and uses that snapshot throughout. */
  readonly current: Effect.Effect<Config>
  /** The current configuration, then every configuration a reload applies. */
  readonly changes: Stream.Stream<Config>
  /** Re-reads the file now (SIGHUP and the file watch call this); a bad file is rejected and the old config kept. */
  readonly reload: Effect.Effect<ReloadResult>
  /** Listener addresses and the MCP upstream (from flags/env; they need a restart to change). */
  readonly run: RunOptions
  /** Where the configuration came from (a file path or the built-in preset). */
  readonly source: string
  /** The not-implemented-key warnings of the configuration loaded at startup. */
  readonly warnings: ReadonlyArray<string>
}

export class ConfigStore extends Context.Service<ConfigStore, Service>()("pipelock/services/ConfigStore") {}
