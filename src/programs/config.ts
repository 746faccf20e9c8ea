/** `pipelock config validate --config F`: exit 0 when valid (warnings listed), 2 with every error listed. */
import { Console, Effect } from "effect"
import { loadConfig } from "./loadConfig.ts"

export const validate = (config: string | undefined, mode: "strict" | "balanced" | "audit" | undefined) =>
  Effect.gen(function* () {
    const { loaded } = yield* loadConfig({ config, mode })
    for (const w of loaded.warnings) yield* Console.error(`warning: ${w}`)
    yield* Console.log(`${loaded.source}: valid (mode ${loaded.config.mode})`)
  })
