// A tiny MCP server for the compose demo, shaped like the reference app's `/mcp` endpoint: one JSON-RPC
// 2.0 object per POST, `Authorization: Bearer <MCP_TOKEN>` required (401 otherwise), protocol 2025-03-26,
// 204 for notifications, always `application/json` (never SSE). No dependencies: `node mcp-server.mjs`.
//
// Environment: PORT (3000), HOST (0.0.0.0), MCP_TOKEN (demo-token).
import { createServer } from "node:http"

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? "0.0.0.0"
const token = process.env.MCP_TOKEN ?? "demo-token"

const tools = [
  {
    name: "get_accounts",
    description: "List the user's accounts with their balances.",
    inputSchema: { type: "object", properties: {} },
    run: () => ({ accounts: [{ id: 1, name: "Checking", balance: 1200.5 }, { id: 2, name: "Savings", balance: 8300 }] })
  },
  {
    name: "get_transactions",
    description: "List the transactions of an account, newest first.",
    inputSchema: { type: "object", properties: { account_id: { type: "integer" }, limit: { type: "integer" } } },
    run: (args) => ({ transactions: [{ id: 7, account_id: args.account_id ?? 1, amount: -42.1, description: "Groceries" }] })
  },
  {
    name: "create_category",
    description: "Create a spending category.",
    inputSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    run: (args) => ({ created: String(args.name ?? "") })
  }
]

const send = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json" })
  res.end(body === undefined ? "" : JSON.stringify(body))
}

const answer = (msg) => {
  const ok = (result) => ({ jsonrpc: "2.0", id: msg.id, result })
  const fail = (code, message) => ({ jsonrpc: "2.0", id: msg.id, error: { code, message } })
  switch (msg.method) {
    case "initialize":
      return ok({ protocolVersion: "2025-03-26", capabilities: { tools: {} }, serverInfo: { name: "mcp-demo", version: "1.0.0" } })
    case "ping":
      return ok({})
    case "tools/list":
      return ok({ tools: tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })) })
    case "tools/call": {
      const tool = tools.find((t) => t.name === msg.params?.name)
      if (tool === undefined) return fail(-32602, `Unknown tool: ${msg.params?.name}`)
      return ok({ content: [{ type: "text", text: JSON.stringify(tool.run(msg.params?.arguments ?? {})) }] })
    }
    default:
      return fail(-32601, `Method not found: ${msg.method}`)
  }
}

const server = createServer((req, res) => {
  const chunks = []
  req.on("data", (c) => chunks.push(c))
  req.on("end", () => {
    const path = (req.url ?? "/").split("?")[0]
    if (req.method === "GET" && path === "/health") return send(res, 200, { status: "ok" })
    if (path !== "/mcp") return send(res, 404, { error: "not found" })
    if (req.method !== "POST") return send(res, 405, { error: "method not allowed" })
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: "unauthorized" })
    let msg
    try {
      msg = JSON.parse(Buffer.concat(chunks).toString("utf8"))
    } catch {
      return send(res, 200, { jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } })
    }
    if (msg === null || typeof msg !== "object" || Array.isArray(msg)) {
      return send(res, 200, { jsonrpc: "2.0", id: null, error: { code: -32600, message: "Invalid Request" } })
    }
    if (msg.id === undefined) {
      res.writeHead(204)
      return res.end()
    }
    console.log(`mcp-demo: ${msg.method}${msg.method === "tools/call" ? ` ${msg.params?.name}` : ""}`)
    send(res, 200, answer(msg))
  })
})

server.listen(port, host, () => console.log(`mcp-demo: listening on http://${host}:${server.address().port}/mcp`))
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)))
