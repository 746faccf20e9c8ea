/** `pipelock healthcheck --addr HOST:PORT`: GET /health; exit 0 when it answers 200, 1 otherwise (container healthchecks). */
import * as http from "node:http"
import { Console, Effect } from "effect"
import { ExitCode, FAILURE } from "./exit.ts"

export const probe = (addr: string, timeoutMs = 3000): Promise<{ status: number; body: string } | { error: string }> =>
  new Promise((resolve) => {
    const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(addr)
    if (m === null) return resolve({ error: `expected HOST:PORT, got ${addr}` })
    const host = m[1] ?? (m[2] === "" || m[2] === "0.0.0.0" ? "127.0.0.1" : m[2])
    const req = http.get({ host, port: Number(m[3]), path: "/health", timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }))
      res.on("error", (e) => resolve({ error: e.message }))
    })
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on("error", (e) => resolve({ error: e.message }))
  })

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
