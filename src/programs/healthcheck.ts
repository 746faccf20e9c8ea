/** `pipelock healthcheck --addr HOST:PORT`: GET /health; exit 0 when it answers 200, 1 otherwise (container healthchecks). */
import { Console, Effect } from "effect"
import { dialAddress } from "../layers/config/validate.ts"
import { ExitCode, FAILURE } from "./exit.ts"
import { type GetResult, httpGet } from "./httpGet.ts"

export const probe = (addr: string, timeoutMs = 3000): Promise<GetResult> => {
  const target = dialAddress(addr)
  if (target === undefined) return Promise.resolve({ error: `expected HOST:PORT, got ${addr}` })
  return httpGet({ ...target, path: "/health" }, timeoutMs)
}

export const healthcheck = (addr: string) =>
  Effect.gen(function* () {
    const r = yield* Effect.promise(() => probe(addr))
    if ("error" in r) {
      yield* Console.error(`unhealthy: ${addr}: ${r.error}`)
      return yield* new ExitCode({ code: FAILURE })
    }
    if (r.status !== 200) {
      yield* Console.error(`unhealthy: ${addr}/health answered ${r.status}: ${r.body.slice(0, 300)}`)
      return yield* new ExitCode({ code: FAILURE })
    }
    yield* Console.log(r.body)
  })
