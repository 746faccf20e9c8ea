/**
 * `pipelock mcp proxy [--config F] -- CMD ARGS…`: wraps a local stdio MCP server, judging both directions.
 * Logs go to stderr (stdout is the MCP channel). The child's exit code is returned; SIGINT/SIGTERM to the
 * wrapper stop the child.
 */
import { Console, Effect, Layer } from "effect"
import * as ConfigStoreLayer from "../layers/ConfigStore.ts"
import * as HttpClassifier from "../layers/HttpClassifier.ts"
import * as InspectorLayer from "../layers/Inspector.ts"
import * as ScannerLayer from "../layers/Scanner.ts"
import * as KillSwitchLayer from "../layers/KillSwitch.ts"
import { runStdio } from "../layers/mcp/stdio.ts"
import * as ResolverLayer from "../layers/Resolver.ts"
import * as SessionStoreLayer from "../layers/SessionStore.ts"
import * as TelemetryLayer from "../layers/Telemetry.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { Inspector } from "../services/Inspector.ts"
import { KillSwitch } from "../services/KillSwitch.ts"
import { Metrics } from "../services/Metrics.ts"
import { Telemetry } from "../services/Telemetry.ts"
import type { Mode } from "../services/Verdict.ts"
import { ExitCode, USAGE } from "./exit.ts"
import { loadConfig } from "./loadConfig.ts"

export const proxy = (command: ReadonlyArray<string>, config: string | undefined, mode: Mode | undefined) =>
  Effect.gen(function* () {
    if (command.length === 0) {
      yield* Console.error("pipelock mcp proxy: give the server command after --, e.g. pipelock mcp proxy -- npx my-mcp-server")
      return yield* new ExitCode({ code: USAGE })
    }
    const { loaded: base, path } = yield* loadConfig({ config, mode })
    // stdout carries MCP: logs must go elsewhere whatever the config says.
    const logging = { ...base.config.logging, output: base.config.logging.output === "stdout" || base.config.logging.output === "both" ? "stderr" : base.config.logging.output }
    const loaded = { ...base, config: { ...base.config, logging } }
    const telemetry = TelemetryLayer.layer(logging)
    const store = ConfigStoreLayer.layerFile({ path, env: process.env, flags: { mode }, initial: loaded, watch: true, sighup: true }).pipe(Layer.provide(telemetry))
    const logged = Layer.merge(telemetry, store)
    const core = Layer.merge(logged, SessionStoreLayer.layerConfig(process.env).pipe(Layer.provide(logged)))
    const services = Layer.mergeAll(
      KillSwitchLayer.layerWith({ signals: true }),
      // The registry with the config's HTTP classifier: the wrapper judges MCP like the MCP listener.
      InspectorLayer.layer.pipe(Layer.provide(Layer.merge(ResolverLayer.layer, HttpClassifier.layerConfig.pipe(Layer.provideMerge(ScannerLayer.registry)))))
    ).pipe(Layer.provideMerge(core))
    const code = yield* Effect.gen(function* () {
      const deps = { inspector: yield* Inspector, telemetry: yield* Telemetry, store: yield* ConfigStore, killSwitch: yield* KillSwitch, meter: yield* Metrics }
      for (const w of loaded.warnings) deps.telemetry.logUnsafe("warn", "config_warning", { message: w })
      return yield* runStdio(deps, command[0], command.slice(1))
    }).pipe(Effect.provide(services))
    if (code !== 0) return yield* new ExitCode({ code })
  })
