/**
 * The configuration for a command: flags > environment > file > preset. Invalid: every error printed and
 * exit 2. Its own module so that commands that only need the config do not load the proxy (run.ts).
 */
import { Console, Effect } from "effect"
import { loadFrom } from "../layers/ConfigStore.ts"
import { ConfigError } from "../services/Config.ts"
import type { Mode } from "../services/Verdict.ts"
import { ExitCode, USAGE } from "./exit.ts"

export interface RunFlags {
  readonly config?: string | undefined
  readonly listen?: string | undefined
  readonly mcpListen?: string | undefined
  readonly mcpUpstream?: string | undefined
  readonly mode?: Mode | undefined
}

/** Loads the configuration for a program; prints the errors and exits 2 on failure. */
export const loadConfig = (flags: RunFlags, env: Readonly<Record<string, string | undefined>> = process.env) =>
  Effect.gen(function* () {
    const path = flags.config ?? (env.PIPELOCK_CONFIG || undefined)
    const loaded = loadFrom(path, env, { mode: flags.mode, listen: flags.listen, mcpListen: flags.mcpListen, mcpUpstream: flags.mcpUpstream })
    if (loaded instanceof ConfigError) {
      yield* Console.error(loaded.message)
      return yield* new ExitCode({ code: USAGE })
    }
    return { loaded, path }
  })
