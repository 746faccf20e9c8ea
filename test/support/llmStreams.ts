/**
 * Streamed LLM responses carrying given text pieces, in each API's wire format (shaped like the fixtures in
 * test/fixtures/streams, which follow the public docs). Each generator returns the events as they go on the
 * wire and where the pieces sit, so a test can say which event carried the last piece.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"

export interface LlmStream {
  readonly name: string
  readonly contentType: string
  /** Wire form, one string per event (SSE event with its blank line, or an NDJSON line). */
  readonly events: ReadonlyArray<string>
  /** Index of the event carrying the first piece; piece i is in event `first + i`. */
  readonly first: number
}

export const sseEvent = (data: unknown, event?: string): string =>
  `${event !== undefined ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`

const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: "chatcmpl-123", object: "chat.completion.chunk", created: 1694268190, model: "gpt-4o-mini", system_fingerprint: "fp_44709d6fcb",
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }]
})

export const openaiChat = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "OpenAI Chat Completions",
  contentType: "text/event-stream; charset=utf-8",
  events: [sseEvent(chunk({ role: "assistant", content: "" })), ...pieces.map((p) => sseEvent(chunk({ content: p }))), sseEvent(chunk({}, "stop")), sseEvent("[DONE]")],
  first: 1
})

export const openaiChatTool = (name: string, argPieces: ReadonlyArray<string>): LlmStream => ({
  name: "OpenAI Chat Completions tool call",
  contentType: "text/event-stream; charset=utf-8",
  events: [
    sseEvent(chunk({ role: "assistant", content: null, tool_calls: [{ index: 0, id: "call_DdmO9pD3xa9XTPNJ32zg2hcA", type: "function", function: { name, arguments: "" } }] })),
    ...argPieces.map((p) => sseEvent(chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] }))),
    sseEvent(chunk({}, "tool_calls")),
    sseEvent("[DONE]")
  ],
  first: 1
})

const ITEM = "msg_67c9fdcf37fc8190ba82116e33fb28c507b8b0ad4e5eb654"
export const openaiResponses = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "OpenAI Responses",
  contentType: "text/event-stream; charset=utf-8",
  events: [
    sseEvent({ type: "response.output_item.added", sequence_number: 0, output_index: 0, item: { id: ITEM, type: "message", status: "in_progress", role: "assistant", content: [] } }, "response.output_item.added"),
    ...pieces.map((p, i) => sseEvent({ type: "response.output_text.delta", sequence_number: i + 1, item_id: ITEM, output_index: 0, content_index: 0, delta: p }, "response.output_text.delta")),
    sseEvent({ type: "response.output_text.done", sequence_number: pieces.length + 1, item_id: ITEM, output_index: 0, content_index: 0, text: pieces.join("") }, "response.output_text.done")
  ],
  first: 1
})

export const openaiResponsesTool = (name: string, argPieces: ReadonlyArray<string>): LlmStream => ({
  name: "OpenAI Responses function call",
  contentType: "text/event-stream; charset=utf-8",
  events: [
    sseEvent({ type: "response.output_item.added", output_index: 0, item: { type: "function_call", id: "fc_1234xyz", call_id: "call_1234xyz", name, arguments: "" }, sequence_number: 1 }, "response.output_item.added"),
    ...argPieces.map((p, i) => sseEvent({ type: "response.function_call_arguments.delta", item_id: "fc_1234xyz", output_index: 0, delta: p, sequence_number: i + 2 }, "response.function_call_arguments.delta")),
    sseEvent({ type: "response.function_call_arguments.done", item_id: "fc_1234xyz", output_index: 0, arguments: argPieces.join(""), sequence_number: argPieces.length + 2 }, "response.function_call_arguments.done")
  ],
  first: 1
})

const anthropicStart = [
  sseEvent({ type: "message_start", message: { id: "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", type: "message", role: "assistant", content: [], model: "claude-opus-4-6", stop_reason: null, stop_sequence: null, usage: { input_tokens: 25, output_tokens: 1 } } }, "message_start")
]
const anthropicEnd = (reason: string) => [
  sseEvent({ type: "message_delta", delta: { stop_reason: reason, stop_sequence: null }, usage: { output_tokens: 15 } }, "message_delta"),
  sseEvent({ type: "message_stop" }, "message_stop")
]

export const anthropic = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "Anthropic Messages",
  contentType: "text/event-stream; charset=utf-8",
  events: [
    ...anthropicStart,
    sseEvent({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }, "content_block_start"),
    ...pieces.map((p) => sseEvent({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: p } }, "content_block_delta")),
    sseEvent({ type: "content_block_stop", index: 0 }, "content_block_stop"),
    ...anthropicEnd("end_turn")
  ],
  first: 2
})

export const anthropicTool = (name: string, argPieces: ReadonlyArray<string>): LlmStream => ({
  name: "Anthropic Messages tool_use",
  contentType: "text/event-stream; charset=utf-8",
  events: [
    ...anthropicStart,
    sseEvent({ type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name, input: {} } }, "content_block_start"),
    ...argPieces.map((p) => sseEvent({ type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: p } }, "content_block_delta")),
    sseEvent({ type: "content_block_stop", index: 0 }, "content_block_stop"),
    ...anthropicEnd("tool_use")
  ],
  first: 2
})

export const gemini = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "Gemini",
  contentType: "text/event-stream",
  events: pieces.map((p, i) => sseEvent({
    candidates: [{ content: { parts: [{ text: p }], role: "model" }, index: 0, ...(i === pieces.length - 1 ? { finishReason: "STOP" } : {}) }],
    usageMetadata: { promptTokenCount: 8, candidatesTokenCount: i + 1, totalTokenCount: 9 + i }, modelVersion: "gemini-2.0-flash"
  })),
  first: 0
})

export const ollamaChat = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "Ollama chat",
  contentType: "application/x-ndjson",
  events: [
    ...pieces.map((p) => `${JSON.stringify({ model: "llama3.2", created_at: "2023-08-04T08:52:19.385406455-07:00", message: { role: "assistant", content: p, images: null }, done: false })}\n`),
    `${JSON.stringify({ model: "llama3.2", created_at: "2023-08-04T19:22:45.499127Z", message: { role: "assistant", content: "" }, done: true, total_duration: 4883583458, eval_count: 282 })}\n`
  ],
  first: 0
})

export const ollamaGenerate = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "Ollama generate",
  contentType: "application/x-ndjson",
  events: [
    ...pieces.map((p) => `${JSON.stringify({ model: "llama3.2", created_at: "2023-08-04T08:52:19.385406455-07:00", response: p, done: false })}\n`),
    `${JSON.stringify({ model: "llama3.2", created_at: "2023-08-04T19:22:45.499127Z", response: "", done: true, context: [1, 2, 3] })}\n`
  ],
  first: 0
})

export const mcpNotifications = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "MCP JSON-RPC over SSE",
  contentType: "text/event-stream",
  events: [
    ...pieces.map((p, i) => sseEvent({ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", logger: "weather", data: p } }, "message").replace("event: message\n", `event: message\nid: ${i + 1}\n`)),
    sseEvent({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "done" }], isError: false } }, "message")
  ],
  first: 0
})

/** The issue's example: an unknown JSON shape, one `delta` per event. */
export const unknownDelta = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "unknown JSON",
  contentType: "text/event-stream",
  events: pieces.map((p) => sseEvent({ delta: p })),
  first: 0
})

export const plainData = (pieces: ReadonlyArray<string>): LlmStream => ({
  name: "non-JSON data lines",
  contentType: "text/event-stream",
  events: pieces.map((p) => `data: ${p}\n\n`),
  first: 0
})

/** Every text generator, for properties that must hold for each shape. */
export const textStreams: ReadonlyArray<(pieces: ReadonlyArray<string>) => LlmStream> = [
  openaiChat, openaiResponses, anthropic, gemini, ollamaChat, ollamaGenerate, mcpNotifications, unknownDelta, plainData
]

/** Tool-call generators (a tool name, then the argument pieces). */
export const toolStreams: ReadonlyArray<(name: string, pieces: ReadonlyArray<string>) => LlmStream> = [openaiChatTool, openaiResponsesTool, anthropicTool]

/** A fixture from test/fixtures/streams, split into its events. */
export const fixture = (file: string): LlmStream => {
  const text = readFileSync(join(import.meta.dirname, "../fixtures/streams", file), "utf8")
  const sse = file.endsWith(".sse")
  const events = sse ? text.split(/(?<=\n\n)/).filter((e) => e !== "") : text.split(/(?<=\n)/).filter((e) => e !== "")
  return { name: file, contentType: sse ? "text/event-stream" : "application/x-ndjson", events, first: 0 }
}

/** `text` cut into pieces at the given positions (sorted, distinct, inside the text). */
export const splitAt = (text: string, cuts: ReadonlyArray<number>): string[] => {
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b)
  const out: string[] = []
  let from = 0
  for (const c of points) {
    out.push(text.slice(from, c))
    from = c
  }
  out.push(text.slice(from))
  return out
}
