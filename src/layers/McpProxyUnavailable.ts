/**
 * The MCP port's answer while no MCP upstream is configured: 503 with a JSON-RPC error saying the MCP
 * proxy is not enabled (so an agent sees a clear error, never a silent pass-through).
 */
import { Effect, Layer } from "effect"
import { McpProxy } from "../services/McpProxy.ts"
import { sendJson } from "./http/respond.ts"

export const layer: Layer.Layer<McpProxy> = Layer.succeed(
  McpProxy,
  McpProxy.of({
    handle: (_req, res) =>
      Effect.sync(() =>
        sendJson(res, 503, {
          jsonrpc: "2.0",
          id: null,
          error: { code: -32001, message: "the MCP proxy is not enabled: start pipelock run with --mcp-upstream URL" }
        }))
  })
)
