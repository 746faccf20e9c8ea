/** `pipelock run`: load and validate the config (exit 2 on errors), then serve until SIGINT/SIGTERM. */
import cluster from "node:cluster"
import { Console, Effect, Layer } from "effect"
import { resolveWorkers } from "../layers/cluster/cpus.ts"
import * as Pipelock from "../layers/Pipelock.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { version } from "../version.ts"
import { ExitCode, USAGE } from "./exit.ts"
import { loadConfig, type RunFlags } from "./loadConfig.ts"

const announce = Effect.gen(function* () {
  const telemetry = yield* Telemetry
  const store = yield* ConfigStore
  const config = yield* store.current
  yield* telemetry.log("info", "started", {
    version,
    mode: config.mode,
    config: store.source,
    listen: store.run.listen,
    mcp_listen: store.run.mcpListen,
    mcp_upstream: store.run.mcpUpstream,
    forward_proxy: config.forward_proxy.enabled,
    tls_interception: config.tls_interception.enabled
  })
  for (const w of store.warnings) yield* telemetry.log("warn", "config_warning", { message: w })
  yield* Effect.addFinalizer(() => telemetry.log("info", "shutdown", { reason: "signal" }))
})

export const run = (flags: RunFlags) =>
  Effect.gen(function* () {
    const { loaded, path } = yield* loadConfig(flags)
    if (loaded.run.mcpListen !== undefined && loaded.run.mcpUpstream === undefined) {
      yield* Console.error("pipelock run: --mcp-listen needs --mcp-upstream URL (the MCP server to protect)")
      return yield* new ExitCode({ code: USAGE })
    }
    const worker = cluster.isWorker
    // The CLI owns the process: SIGHUP reloads, SIGUSR1 toggles the kill switch (in a worker too: shared through the primary).
    const setup = { loaded, path, env: process.env, flags: { mode: flags.mode, listen: flags.listen, mcpListen: flags.mcpListen, mcpUpstream: flags.mcpUpstream }, signals: true, clusterWorker: worker }
    // `workers` > 1: this process forks the workers and owns the shared state (primary.ts); a worker serves.
    const workers = worker ? 1 : resolveWorkers(loaded.config.workers)
    if (workers > 1) return yield* Effect.scoped((yield* Effect.promise(() => import("./primary.ts"))).primary(setup, flags, workers))
    const app = Layer.effectDiscard(announce).pipe(Layer.provideMerge(Pipelock.run(setup)))
    return yield* Layer.launch(app)
  })
