/**
 * A plain-JSON MCP upstream behaving like the app's `/mcp` (../shared/compat/README.md): one JSON-RPC object
 * per POST, Bearer auth (401 otherwise), protocol 2025-03-26, 204 for notifications, -32700/-32601/-32602
 * errors, always application/json. Tools and their results are configurable; every request it receives is
 * recorded so tests can prove what reached it.
 */
import * as http from "node:http"

export interface AppTool {
  readonly name: string
  readonly description: string
  readonly inputSchema?: unknown
  readonly result?: (args: Record<string, unknown>) => unknown
}

export const defaultTools: AppTool[] = [
  { name: "get_accounts", description: "List the user's accounts with balances.", inputSchema: { type: "object", properties: {} }, result: () => ({ accounts: [{ id: 1, name: "Checking", balance: 1200.5 }] }) },
  { name: "get_transactions", description: "List transactions for an account, newest first.", inputSchema: { type: "object", properties: { account_id: { type: "integer" }, limit: { type: "integer" } } }, result: (a) => ({ transactions: [{ id: 7, account_id: a.account_id ?? 1, amount: -42.1, description: "Groceries" }] }) },
  { name: "create_category", description: "Create a spending category.", inputSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] }, result: (a) => ({ created: a.name }) }
]

export interface AppServer {
  readonly port: number
  readonly url: string
  readonly received: unknown[]
  tools: AppTool[]
  close(): Promise<void>
}

export const startAppMcp = (token = "app-token", tools: AppTool[] = defaultTools): Promise<AppServer> =>
  new Promise((resolve) => {
    const received: unknown[] = []
    const state = { tools }
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        const json = (status: number, body: unknown) => {
          res.writeHead(status, { "content-type": "application/json" })
          res.end(JSON.stringify(body))
        }
        if (req.method !== "POST") return json(405, { error: "method not allowed" })
        if (req.headers.authorization !== `Bearer ${token}`) return json(401, { error: "unauthorized" })
        let msg: any
        try {
          msg = JSON.parse(Buffer.concat(chunks).toString("utf8"))
        } catch {
          return json(200, { jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } })
        }
        received.push(msg)
        if (msg.id === undefined) {
          res.writeHead(204)
          return res.end()
        }
        const ok = (result: unknown) => json(200, { jsonrpc: "2.0", id: msg.id, result })
        switch (msg.method) {
          case "initialize":
            return ok({ protocolVersion: "2025-03-26", capabilities: { tools: {} }, serverInfo: { name: "sure", version: "1.0" } })
          case "tools/list":
            return ok({ tools: state.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema ?? { type: "object" } })) })
          case "tools/call": {
            const tool = state.tools.find((t) => t.name === msg.params?.name)
            if (tool === undefined) return json(200, { jsonrpc: "2.0", id: msg.id, error: { code: -32602, message: `Unknown tool: ${msg.params?.name}` } })
            return ok({ content: [{ type: "text", text: JSON.stringify(tool.result?.(msg.params?.arguments ?? {}) ?? {}) }] })
          }
          default:
            return json(200, { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: `Method not found: ${msg.method}` } })
        }
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port
      resolve({
        port,
        url: `http://127.0.0.1:${port}/mcp`,
        received,
        get tools() { return state.tools },
        set tools(t) { state.tools = t },
        close: () => new Promise((r) => server.close(() => r()))
      })
    })
  })
