/**
 * The MCP conformance test server: an official-SDK server (low-level `Server`, Streamable HTTP on loopback,
 * sessions, SSE responses with an event store for resumability) exposing the tools, resources, prompts and
 * completions the server scenarios of `@modelcontextprotocol/conformance` call (test_simple_text, test://static-text,
 * test_simple_prompt, …; see each scenario in node_modules/@modelcontextprotocol/conformance/dist/index.js).
 * `@modelcontextprotocol/server-everything` does not implement them, so the suite is run against this one.
 *
 * DNS-rebinding protection is the SDK's own default for a loopback server (`createMcpExpressApp()` applies
 * `localhostHostValidation()`): the Host header's hostname must be localhost, 127.0.0.1 or [::1], else 403. Only
 * the Host is checked, as the SDK does, so a proxy that rewrites Host in front of it must protect itself.
 *
 * Every scenario passes against it, the two pending ones included. server-sse-polling ends with two warnings (no
 * priming event, no retry field) for a reason outside this server: the scenario posts with
 * `MCP-Protocol-Version: 2025-03-26`, and the SDK sends priming events (and lets test_reconnection close the
 * stream) only from 2025-11-25 on, so that scenario never gets to resume; the conformance test checks resumption
 * with the SDK client instead.
 */
import { randomUUID } from "node:crypto"
import * as http from "node:http"
import { Server } from "@modelcontextprotocol/sdk/server/index.js"
import type { EventStore } from "@modelcontextprotocol/sdk/server/streamableHttp.js"
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js"
import {
  CallToolRequestSchema, CompleteRequestSchema, CreateMessageResultSchema, ElicitResultSchema, GetPromptRequestSchema,
  type JSONRPCMessage, ListPromptsRequestSchema, ListResourcesRequestSchema, ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema, McpError, ReadResourceRequestSchema, SubscribeRequestSchema, UnsubscribeRequestSchema
} from "@modelcontextprotocol/sdk/types.js"

/** A 1×1 red PNG. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="

/** A valid WAV file: 8 kHz mono 16-bit, 0.01 s of silence. */
const WAV = (() => {
  const samples = 80
  const b = Buffer.alloc(44 + samples * 2)
  b.write("RIFF", 0)
  b.writeUInt32LE(36 + samples * 2, 4)
  b.write("WAVEfmt ", 8)
  b.writeUInt32LE(16, 16)
  b.writeUInt16LE(1, 20)
  b.writeUInt16LE(1, 22)
  b.writeUInt32LE(8000, 24)
  b.writeUInt32LE(16000, 28)
  b.writeUInt16LE(2, 32)
  b.writeUInt16LE(16, 34)
  b.write("data", 36)
  b.writeUInt32LE(samples * 2, 40)
  return b.toString("base64")
})()

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const noArgs = { type: "object" as const, properties: {} }

const tools = [
  { name: "test_simple_text", description: "Returns a simple text response.", inputSchema: noArgs },
  { name: "test_image_content", description: "Returns an image.", inputSchema: noArgs },
  { name: "test_audio_content", description: "Returns an audio clip.", inputSchema: noArgs },
  { name: "test_embedded_resource", description: "Returns an embedded resource.", inputSchema: noArgs },
  { name: "test_multiple_content_types", description: "Returns text, an image and a resource.", inputSchema: noArgs },
  { name: "test_tool_with_logging", description: "Sends three log messages while it runs.", inputSchema: noArgs },
  { name: "test_error_handling", description: "Always returns a tool error.", inputSchema: noArgs },
  { name: "test_tool_with_progress", description: "Reports progress while it runs.", inputSchema: noArgs },
  {
    name: "test_sampling", description: "Asks the client's model to complete a prompt.",
    inputSchema: { type: "object" as const, properties: { prompt: { type: "string", description: "The prompt to send" } }, required: ["prompt"] }
  },
  {
    name: "test_elicitation", description: "Asks the user for a name and an address.",
    inputSchema: { type: "object" as const, properties: { message: { type: "string", description: "The message to show" } }, required: ["message"] }
  },
  { name: "test_elicitation_sep1034_defaults", description: "Asks the user with default values for every primitive type.", inputSchema: noArgs },
  { name: "test_elicitation_sep1330_enums", description: "Asks the user with every enum form.", inputSchema: noArgs },
  { name: "test_reconnection", description: "Closes its SSE stream mid-call; the result arrives after the client resumes.", inputSchema: noArgs },
  {
    name: "json_schema_2020_12_tool", description: "Tool with JSON Schema 2020-12 features",
    inputSchema: {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object" as const,
      $defs: { address: { type: "object", properties: { street: { type: "string" }, city: { type: "string" } } } },
      properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
      additionalProperties: false
    }
  }
]

const resources = [
  { uri: "test://static-text", name: "static-text", description: "A static text resource.", mimeType: "text/plain" },
  { uri: "test://static-binary", name: "static-binary", description: "A static PNG image.", mimeType: "image/png" },
  { uri: "test://watched-resource", name: "watched-resource", description: "A resource clients can subscribe to.", mimeType: "text/plain" }
]

const prompts = [
  { name: "test_simple_prompt", description: "A prompt without arguments." },
  {
    name: "test_prompt_with_arguments", description: "A prompt with two arguments.",
    arguments: [{ name: "arg1", description: "First argument", required: true }, { name: "arg2", description: "Second argument", required: true }]
  },
  { name: "test_prompt_with_embedded_resource", description: "A prompt embedding a resource.", arguments: [{ name: "resourceUri", description: "The resource to embed", required: true }] },
  { name: "test_prompt_with_image", description: "A prompt with an image." }
]

/** Events kept per stream, so a client that reconnects with Last-Event-ID gets what it missed. */
const memoryEventStore = (): EventStore => {
  const events: Array<{ id: string; streamId: string; message: JSONRPCMessage }> = []
  return {
    storeEvent: async (streamId, message) => {
      const id = `${streamId}_${events.length}`
      events.push({ id, streamId, message })
      return id
    },
    getStreamIdForEventId: async (eventId) => events.find((e) => e.id === eventId)?.streamId,
    replayEventsAfter: async (lastEventId, { send }) => {
      const at = events.findIndex((e) => e.id === lastEventId)
      if (at === -1) return ""
      const streamId = events[at].streamId
      for (const e of events.slice(at + 1)) if (e.streamId === streamId && Object.keys(e.message).length > 0) await send(e.id, e.message)
      return streamId
    }
  }
}

const makeServer = () => {
  const server = new Server(
    { name: "pipelock-conformance-server", version: "1.0.0" },
    { capabilities: { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true }, prompts: { listChanged: true }, logging: {}, completions: {} } }
  )
  const subscriptions = new Set<string>()

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }))
  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const args = req.params.arguments ?? {}
    switch (req.params.name) {
      case "test_simple_text":
        return { content: [{ type: "text", text: "This is a simple text response for testing." }] }
      case "test_image_content":
        return { content: [{ type: "image", data: PNG, mimeType: "image/png" }] }
      case "test_audio_content":
        return { content: [{ type: "audio", data: WAV, mimeType: "audio/wav" }] }
      case "test_embedded_resource":
        return { content: [{ type: "resource", resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "This is an embedded resource content." } }] }
      case "test_multiple_content_types":
        return {
          content: [
            { type: "text", text: "Multiple content types test:" },
            { type: "image", data: PNG, mimeType: "image/png" },
            { type: "resource", resource: { uri: "test://mixed-content-resource", mimeType: "application/json", text: JSON.stringify({ test: "data", value: 123 }) } }
          ]
        }
      case "test_tool_with_logging": {
        const log = (data: string) => extra.sendNotification({ method: "notifications/message", params: { level: "info", logger: "conformance", data } })
        await log("Tool execution started")
        await sleep(50)
        await log("Tool processing data")
        await sleep(50)
        await log("Tool execution completed")
        return { content: [{ type: "text", text: "Tool with logging executed successfully" }] }
      }
      case "test_error_handling":
        return { isError: true, content: [{ type: "text", text: "This tool intentionally returns an error for testing" }] }
      case "test_tool_with_progress": {
        const token = extra._meta?.progressToken
        for (const progress of [0, 50, 100]) {
          if (token !== undefined) await extra.sendNotification({ method: "notifications/progress", params: { progressToken: token, progress, total: 100 } })
          if (progress < 100) await sleep(50)
        }
        return { content: [{ type: "text", text: "Tool with progress executed successfully" }] }
      }
      case "test_sampling": {
        const r = await extra.sendRequest({
          method: "sampling/createMessage",
          params: { messages: [{ role: "user", content: { type: "text", text: String(args.prompt ?? "") } }], maxTokens: 100 }
        }, CreateMessageResultSchema)
        const text = r.content.type === "text" ? r.content.text : `[${r.content.type}]`
        return { content: [{ type: "text", text: `LLM response: ${text}` }] }
      }
      case "test_elicitation": {
        const r = await extra.sendRequest({
          method: "elicitation/create",
          params: {
            message: String(args.message ?? ""),
            requestedSchema: {
              type: "object",
              properties: { username: { type: "string", description: "User's response" }, email: { type: "string", description: "User's email address" } },
              required: ["username", "email"]
            }
          }
        }, ElicitResultSchema)
        return { content: [{ type: "text", text: `User response: action=${r.action}, content=${JSON.stringify(r.content ?? {})}` }] }
      }
      case "test_elicitation_sep1034_defaults": {
        const r = await extra.sendRequest({
          method: "elicitation/create",
          params: {
            message: "Please review and update the form fields with defaults",
            requestedSchema: {
              type: "object",
              properties: {
                name: { type: "string", description: "User name", default: "John Doe" },
                age: { type: "integer", description: "User age", default: 30 },
                score: { type: "number", description: "User score", default: 95.5 },
                status: { type: "string", description: "User status", enum: ["active", "inactive", "pending"], default: "active" },
                verified: { type: "boolean", description: "Verification status", default: true }
              }
            }
          }
        }, ElicitResultSchema)
        return { content: [{ type: "text", text: `Elicitation completed: action=${r.action}, content=${JSON.stringify(r.content ?? {})}` }] }
      }
      case "test_elicitation_sep1330_enums": {
        const r = await extra.sendRequest({
          method: "elicitation/create",
          params: {
            message: "Please select options from the enum fields",
            requestedSchema: {
              type: "object",
              properties: {
                untitledSingle: { type: "string", description: "Untitled single-select", enum: ["option1", "option2", "option3"] },
                titledSingle: {
                  type: "string", description: "Titled single-select",
                  oneOf: [{ const: "value1", title: "First Option" }, { const: "value2", title: "Second Option" }, { const: "value3", title: "Third Option" }]
                },
                legacyEnum: { type: "string", description: "Legacy titled enum", enum: ["opt1", "opt2", "opt3"], enumNames: ["Option One", "Option Two", "Option Three"] },
                untitledMulti: { type: "array", description: "Untitled multi-select", items: { type: "string", enum: ["option1", "option2", "option3"] } },
                titledMulti: {
                  type: "array", description: "Titled multi-select",
                  items: { anyOf: [{ const: "value1", title: "First Choice" }, { const: "value2", title: "Second Choice" }, { const: "value3", title: "Third Choice" }] }
                }
              }
            }
          }
        }, ElicitResultSchema)
        return { content: [{ type: "text", text: `Elicitation completed: action=${r.action}, content=${JSON.stringify(r.content ?? {})}` }] }
      }
      case "test_reconnection": {
        await sleep(50)
        extra.closeSSEStream?.()
        await sleep(100)
        return { content: [{ type: "text", text: "Reconnection test completed" }] }
      }
      case "json_schema_2020_12_tool":
        return { content: [{ type: "text", text: `Received: ${JSON.stringify(args)}` }] }
      default:
        throw new McpError(-32602, `Unknown tool: ${req.params.name}`)
    }
  })

  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources }))
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [{ uriTemplate: "test://template/{id}/data", name: "template-data", description: "Data for an id.", mimeType: "application/json" }]
  }))
  server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
    const uri = req.params.uri
    if (uri === "test://static-text") return { contents: [{ uri, mimeType: "text/plain", text: "This is the content of the static text resource." }] }
    if (uri === "test://static-binary") return { contents: [{ uri, mimeType: "image/png", blob: PNG }] }
    if (uri === "test://watched-resource") return { contents: [{ uri, mimeType: "text/plain", text: "Watched resource content." }] }
    const m = /^test:\/\/template\/([^/]+)\/data$/.exec(uri)
    if (m !== null) return { contents: [{ uri, mimeType: "application/json", text: JSON.stringify({ id: m[1], templateTest: true, data: `Data for ID: ${m[1]}` }) }] }
    throw new McpError(-32002, `Resource not found: ${uri}`)
  })
  server.setRequestHandler(SubscribeRequestSchema, async (req) => {
    subscriptions.add(req.params.uri)
    return {}
  })
  server.setRequestHandler(UnsubscribeRequestSchema, async (req) => {
    subscriptions.delete(req.params.uri)
    return {}
  })

  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts }))
  server.setRequestHandler(GetPromptRequestSchema, async (req) => {
    const args = req.params.arguments ?? {}
    switch (req.params.name) {
      case "test_simple_prompt":
        return { messages: [{ role: "user", content: { type: "text", text: "This is a simple prompt for testing." } }] }
      case "test_prompt_with_arguments":
        return { messages: [{ role: "user", content: { type: "text", text: `Prompt with arguments: arg1='${args.arg1 ?? ""}', arg2='${args.arg2 ?? ""}'` } }] }
      case "test_prompt_with_embedded_resource":
        return {
          messages: [
            { role: "user", content: { type: "resource", resource: { uri: args.resourceUri ?? "test://example-resource", mimeType: "text/plain", text: "Embedded resource content for testing." } } },
            { role: "user", content: { type: "text", text: "Please process the embedded resource above." } }
          ]
        }
      case "test_prompt_with_image":
        return {
          messages: [
            { role: "user", content: { type: "image", data: PNG, mimeType: "image/png" } },
            { role: "user", content: { type: "text", text: "Please analyze the image above." } }
          ]
        }
      default:
        throw new McpError(-32602, `Unknown prompt: ${req.params.name}`)
    }
  })

  server.setRequestHandler(CompleteRequestSchema, async (req) => {
    const candidates = ["paris", "park", "party", "test", "testing", "tested"]
    const values = candidates.filter((v) => v.startsWith(req.params.argument.value))
    return { completion: { values, total: values.length, hasMore: false } }
  })
  return server
}

export interface SeenRequest {
  readonly method: string
  readonly host: string | undefined
  readonly origin: string | undefined
  readonly lastEventId: string | undefined
}

export interface ConformanceServer {
  readonly url: string
  /** Every HTTP request that reached the server, before its Host check. */
  readonly seen: ReadonlyArray<SeenRequest>
  /** Responses still open (a GET stream stays open until its client goes away). */
  open(): number
  close(): Promise<void>
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

/** Starts the server on 127.0.0.1, port 0; `url` is its MCP endpoint. */
export const startConformanceServer = (): Promise<ConformanceServer> =>
  new Promise((resolve) => {
    const sessions = new Map<string, StreamableHTTPServerTransport>()
    const eventStore = memoryEventStore()
    const seen: SeenRequest[] = []
    let open = 0
    const reject = (res: http.ServerResponse, status: number, code: number, message: string) => {
      res.writeHead(status, { "content-type": "application/json" })
      res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } }))
    }
    const httpServer = http.createServer(async (req, res) => {
      const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h.join(", ") : h)
      seen.push({ method: req.method ?? "", host: req.headers.host, origin: one(req.headers.origin), lastEventId: one(req.headers["last-event-id"]) })
      open++
      res.on("close", () => void open--)
      let hostname: string | undefined
      try {
        hostname = new URL(`http://${req.headers.host ?? ""}`).hostname
      } catch {
        hostname = undefined
      }
      if (hostname === undefined || !LOOPBACK_HOSTS.has(hostname)) return reject(res, 403, -32000, `Invalid Host: ${req.headers.host ?? ""}`)
      const sid = req.headers["mcp-session-id"]
      if (typeof sid === "string") {
        const transport = sessions.get(sid)
        if (transport === undefined) return reject(res, 404, -32001, "Session not found")
        return void (await transport.handleRequest(req, res))
      }
      if (req.method !== "POST") return reject(res, 400, -32000, "Bad Request: no session")
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore,
        retryInterval: 100,
        onsessioninitialized: (id) => void sessions.set(id, transport)
      })
      transport.onclose = () => {
        if (transport.sessionId !== undefined) sessions.delete(transport.sessionId)
      }
      await makeServer().connect(transport)
      await transport.handleRequest(req, res)
    })
    httpServer.listen(0, "127.0.0.1", () => {
      const port = (httpServer.address() as { port: number }).port
      resolve({
        url: `http://127.0.0.1:${port}/mcp`,
        seen,
        open: () => open,
        close: async () => {
          for (const t of [...sessions.values()]) await t.close().catch(() => {})
          httpServer.closeAllConnections()
          await new Promise<void>((r) => httpServer.close(() => r()))
        }
      })
    })
  })
