/** `pipelock generate config --preset strict|balanced|audit [-o FILE]`: prints (or writes) a preset. */
import { writeFileSync } from "node:fs"
import { Console, Effect } from "effect"
import { presetText } from "../layers/config/load.ts"
import type { Mode } from "../services/Verdict.ts"
import { ExitCode, FAILURE } from "./exit.ts"

export const generateConfig = (preset: Mode, output: string | undefined) =>
  Effect.gen(function* () {
    const text = presetText(preset)
    if (output === undefined) return yield* Console.log(text.trimEnd())
    const err = yield* Effect.sync(() => {
      try {
        writeFileSync(output, text, { flag: "wx", mode: 0o640 })
        return undefined
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === "EEXIST" ? `${output} exists; not overwritten` : String(e)
      }
    })
    if (err !== undefined) {
      yield* Console.error(`pipelock generate config: ${err}`)
      return yield* new ExitCode({ code: FAILURE })
    }
    yield* Console.error(`wrote the ${preset} preset to ${output}`)
  })
