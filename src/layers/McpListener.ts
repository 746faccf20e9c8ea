/**
 * The MCP port (`--mcp-listen`): every request goes to the McpProxy. Bound only when `run` is given an
 * MCP listen address.
 */
import { Effect, Layer } from "effect"
import { ConfigStore } from "../services/ConfigStore.ts"
import { McpProxy } from "../services/McpProxy.ts"
import { Metrics } from "../services/Metrics.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { sendJson } from "./http/respond.ts"
import { paceOf } from "./http/body.ts"
import { latestConfig, serve } from "./http/server.ts"

export const make = Effect.gen(function* () {
  const store = yield* ConfigStore
  const proxy = yield* McpProxy
  const telemetry = yield* Telemetry
  const meter = yield* Metrics
  const address = store.run.mcpListen
  if (address === undefined) return undefined
  const latest = yield* latestConfig(store)
  const served = yield* serve("mcp", address, {
    request: (req, res) =>
      proxy.handle(req, res).pipe(Effect.catchCause((cause) => Effect.sync(() => {
        telemetry.logUnsafe("error", "mcp_handler_failed", { cause: String(cause) })
        sendJson(res, 500, { jsonrpc: "2.0", id: null, error: { code: -32603, message: "internal error in the MCP proxy" } })
      })))
  }, { bodyPace: { listener: "mcp", meter, pace: () => paceOf(latest().mcp_http_listener) } })
  yield* telemetry.log("info", "listening", { listener: "mcp", address: `${served.host}:${served.port}`, upstream: store.run.mcpUpstream })
  return served
})

export const layer = Layer.effectDiscard(make)
