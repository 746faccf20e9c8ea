/**
 * `pipelock run` with `workers` > 1: this process (the primary) forks that many workers (node:cluster), each
 * running the full proxy on the same ports; the primary accepts connections and hands them out round-robin,
 * and serves no request itself. Why processes rather than a scanning thread pool: docs/deployment.md ("Using every core").
 *
 * What stays as correct as with one process:
 * - Shared state (MCP sessions, chains, rate windows, data budgets, card pins, the kill switch's fleet
 *   sources): with `session_store.backend: memory` the primary owns the one store and the workers ask it over
 *   IPC (SessionStoreIpc.ts; rate limits from per-worker leases of the limit, so a request makes no round trip
 *   and N a minute still admits at most N across workers); with `redis`, every worker uses Redis as replicas do.
 * - The kill switch: set through any worker's admin API, a worker's sentinel check, or SIGUSR1 (to the primary,
 *   as `docker kill -s USR1` sends it, or to a worker), it reaches every worker before the API answers.
 * - SIGHUP reloads every worker's config (and the primary's, for the session limits); SIGTERM/SIGINT stop the
 *   workers and then the primary. A worker that dies is replaced; one that dies before listening stops the
 *   primary with its exit code (a port in use, a missing CA: the same failure as with one process).
 */
import cluster, { type Worker } from "node:cluster"
import { join } from "node:path"
import { Context, Deferred, Effect, Layer } from "effect"
import * as Pipelock from "../layers/Pipelock.ts"
import * as SessionStoreIpc from "../layers/SessionStoreIpc.ts"
import { SessionStore } from "../services/SessionStore.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { ExitCode } from "./exit.ts"
import type { RunFlags } from "./loadConfig.ts"

/** The `pipelock run` arguments a worker gets: the same flags (the environment is inherited). */
export const workerArgs = (flags: RunFlags, path: string | undefined): string[] => [
  "run",
  ...(path !== undefined ? ["--config", path] : []),
  ...(flags.listen !== undefined ? ["--listen", flags.listen] : []),
  ...(flags.mcpListen !== undefined ? ["--mcp-listen", flags.mcpListen] : []),
  ...(flags.mcpUpstream !== undefined ? ["--mcp-upstream", flags.mcpUpstream] : []),
  ...(flags.mode !== undefined ? ["--mode", flags.mode] : [])
]

/**
 * The launcher the workers run: the script this process was started with when it is Pipelock's
 * (bin/pipelock.js, or the production bundle dist-prod/pipelock.mjs the image runs, with the same node flags),
 * else bin/pipelock.js beside this source or tsc build.
 */
const launcher = process.argv[1] !== undefined && /(^|[/\\])pipelock(\.m?js)?$/.test(process.argv[1])
  ? process.argv[1]
  : join(import.meta.dirname, "..", "..", "bin", "pipelock.js")

export const primary = (setup: Pipelock.RunSetup, flags: RunFlags, count: number) =>
  Effect.gen(function* () {
    const context = yield* Layer.build(Pipelock.core({ ...setup, watch: true }))
    const telemetry = Context.get(context, Telemetry)
    const store = Context.get(context, SessionStore)
    const serving = SessionStoreIpc.makePrimary(store)
    yield* Effect.addFinalizer(() => Effect.sync(serving.close))

    const failed = yield* Deferred.make<number>()
    let stopping = false
    const live = new Map<number, { worker: Worker; detach: () => void; listening: boolean }>()

    cluster.setupPrimary({ exec: launcher, args: workerArgs(flags, setup.path), serialization: "json" })
    const fork = () => {
      const worker = cluster.fork()
      const entry = { worker, detach: serving.attach(worker), listening: false }
      live.set(worker.id, entry)
      worker.on("listening", () => void (entry.listening = true))
      worker.on("exit", (code, signal) => {
        entry.detach()
        live.delete(worker.id)
        // Stopping, or a worker that ended cleanly (a Ctrl-C reaches the whole process group): not replaced.
        if (stopping || (code === 0 && signal === null)) return
        if (!entry.listening) {
          telemetry.logUnsafe("error", "worker_failed", { worker: worker.id, code, signal })
          Deferred.doneUnsafe(failed, Effect.succeed(typeof code === "number" && code !== 0 ? code : 1))
          return
        }
        telemetry.logUnsafe("warn", "worker_replaced", { worker: worker.id, code, signal })
        fork()
      })
    }

    yield* Effect.acquireRelease(
      Effect.sync(() => {
        for (let i = 0; i < count; i++) fork()
        const onHup = () => {
          for (const { worker } of live.values()) worker.process.kill("SIGHUP")
        }
        const onStop = () => void (stopping = true)
        process.on("SIGHUP", onHup)
        process.on("SIGINT", onStop)
        process.on("SIGTERM", onStop)
        return { onHup, onStop }
      }),
      ({ onHup, onStop }) =>
        Effect.callback<void>((resume) => {
          stopping = true
          process.off("SIGHUP", onHup)
          process.off("SIGINT", onStop)
          process.off("SIGTERM", onStop)
          const workers = [...live.values()].map((e) => e.worker)
          if (workers.length === 0) return resume(Effect.void)
          let left = workers.length
          const kill = setTimeout(() => workers.forEach((w) => w.process.kill("SIGKILL")), 10_000)
          for (const w of workers) {
            w.once("exit", () => {
              if (--left === 0) {
                clearTimeout(kill)
                resume(Effect.void)
              }
            })
            w.process.kill("SIGTERM")
          }
        })
    )
    yield* telemetry.log("info", "workers_started", { workers: count, backend: setup.loaded.config.session_store.backend })
    const code = yield* Deferred.await(failed)
    return yield* new ExitCode({ code })
  })
