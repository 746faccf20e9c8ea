/** The MCP reverse proxy behind `--mcp-listen`: Streamable HTTP (and plain JSON) to `--mcp-upstream`, scanned both ways. */
import type { IncomingMessage, ServerResponse } from "node:http"
import { Context, type Effect } from "effect"

export interface Service {
  /** One HTTP exchange on the MCP endpoint (POST JSON-RPC, GET SSE stream, DELETE session). */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => Effect.Effect<void>
}

export class McpProxy extends Context.Service<McpProxy, Service>()("pipelock/services/McpProxy") {}
