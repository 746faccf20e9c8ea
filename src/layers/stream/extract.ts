/**
 * What a model said in one streamed event: the text it produced per output (choice, content block, candidate)
 * and the tool-call argument pieces, pulled out of the JSON envelope each LLM API wraps its tokens in. The
 * reassembler (`reassemble.ts`) joins the pieces per output across events and scans the joined text; the
 * envelope's other strings (ids, model names, whole-message echoes) are handed back to be scanned on their own.
 *
 * Known shapes (each checked against a fixture written from the API's public docs):
 * - OpenAI Chat Completions: `choices[].delta.content` (also `refusal`, `reasoning_content`, legacy `text`),
 *   `choices[].delta.tool_calls[].function.{name,arguments}`; `finish_reason` closes a choice's calls.
 * - OpenAI Responses: `response.*.delta` events (`output_text`, `refusal`, reasoning, transcripts) per
 *   output/content index; `response.function_call_arguments.delta` (and the custom/MCP tool input deltas);
 *   `*.done` events and `response.output_item.*` carry whole calls.
 * - Anthropic Messages: `content_block_start`/`content_block_delta` (`text_delta`, `thinking_delta`,
 *   `input_json_delta`)/`content_block_stop`.
 * - Gemini: `candidates[].content.parts[].text`, `functionCall` (whole calls).
 * - Ollama: `message.content`/`message.thinking`/`message.tool_calls` (chat), `response`/`thinking` (generate).
 * - Anything else (MCP JSON-RPC messages, other vendors): every string leaf, joined per JSON path across events.
 * Pure and synchronous; walks are bounded in depth and leaf count.
 */

/** A piece of text the model produced, to be appended to the output it belongs to. */
export interface TextPiece {
  /** The output it belongs to (`choices[0].content`, `content[1]`, `path:delta`). */
  readonly output: string
  readonly text: string
}

/** A piece of a tool call: argument text as it streams, or a whole call. */
export interface ToolPiece {
  /** A key stable across the events of one call (`choices[0].tool_calls[1]`, `output[2]`, `content[1]`). */
  readonly call: string
  readonly name?: string | undefined
  /** A delta of the arguments' JSON text. */
  readonly args?: string | undefined
  /** Whole arguments (an object, or their JSON text), checked at once. */
  readonly whole?: unknown
  /** The call is complete: its accumulated arguments get the whole-call checks now. */
  readonly done?: boolean | undefined
}

export type Shape = "openai_chat" | "openai_responses" | "anthropic" | "gemini" | "ollama" | "json"

export interface Extracted {
  readonly shape: Shape
  readonly text: ReadonlyArray<TextPiece>
  readonly tools: ReadonlyArray<ToolPiece>
  /** Every open tool call is complete (end of message, `done: true`). */
  readonly closeAll: boolean
  /** The event's other strings, scanned on their own (this event only). */
  readonly residual: ReadonlyArray<string>
  /** The event was larger than the walk's bounds: scan its raw text too. */
  readonly truncated: boolean
}

const MAX_DEPTH = 64
const MAX_LEAVES = 4096
/** Distinct JSON paths joined per stream for unknown shapes; later paths share one output. */
export const MAX_PATH_OUTPUTS = 64

type Obj = Record<string, unknown>
const isObj = (u: unknown): u is Obj => typeof u === "object" && u !== null && !Array.isArray(u)
const str = (u: unknown): string | undefined => (typeof u === "string" ? u : undefined)
const idx = (u: unknown, fallback: number): number => (typeof u === "number" && Number.isInteger(u) && u >= 0 ? u : fallback)

/** Collects pieces and remembers which (object, key) string leaves were taken, so the rest is residual. */
class Collector {
  readonly text: TextPiece[] = []
  readonly tools: ToolPiece[] = []
  closeAll = false
  private readonly taken = new Map<object, Set<string>>()

  take(owner: Obj, key: string): string | undefined {
    const v = owner[key]
    if (typeof v !== "string") return undefined
    let keys = this.taken.get(owner)
    if (keys === undefined) this.taken.set(owner, (keys = new Set()))
    keys.add(key)
    return v
  }

  /** Marks a whole sub-value as handled (its strings are not residual). */
  takeAll(owner: Obj, key: string): unknown {
    let keys = this.taken.get(owner)
    if (keys === undefined) this.taken.set(owner, (keys = new Set()))
    keys.add(key)
    return owner[key]
  }

  say(output: string, text: string | undefined): void {
    if (text !== undefined && text !== "") this.text.push({ output, text })
  }

  isTaken(owner: object, key: string): boolean {
    return this.taken.get(owner)?.has(key) === true
  }
}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

const openaiChat = (v: Obj, c: Collector): void => {
  const choices = v.choices as unknown[]
  choices.forEach((choice, pos) => {
    if (!isObj(choice)) return
    const i = idx(choice.index, pos)
    const base = `choices[${i}]`
    c.say(`${base}.content`, c.take(choice, "text"))
    for (const holder of [choice.delta, choice.message]) {
      if (!isObj(holder)) continue
      c.say(`${base}.content`, c.take(holder, "content"))
      // Some compatible servers send content as parts (`[{"type":"text","text":"…"}]`).
      if (Array.isArray(holder.content)) for (const part of holder.content) if (isObj(part)) c.say(`${base}.content`, c.take(part, "text"))
      c.say(`${base}.refusal`, c.take(holder, "refusal"))
      c.say(`${base}.reasoning`, c.take(holder, "reasoning_content"))
      c.say(`${base}.reasoning`, c.take(holder, "reasoning"))
      if (Array.isArray(holder.tool_calls)) {
        holder.tool_calls.forEach((tc, k) => {
          if (!isObj(tc) || !isObj(tc.function)) return
          const fn = tc.function
          c.tools.push({ call: `${base}.tool_calls[${idx(tc.index, k)}]`, name: c.take(fn, "name"), args: c.take(fn, "arguments") })
        })
      }
      if (isObj(holder.function_call)) {
        const fn = holder.function_call
        c.tools.push({ call: `${base}.function_call`, name: c.take(fn, "name"), args: c.take(fn, "arguments") })
      }
    }
    if (typeof choice.finish_reason === "string") c.tools.push({ call: `${base}.*`, done: true })
  })
}

/** Responses API delta events whose `delta` is tool input rather than text. */
const RESPONSES_TOOL_DELTAS = new Set([
  "response.function_call_arguments.delta",
  "response.custom_tool_call_input.delta",
  "response.mcp_call_arguments.delta",
  "response.code_interpreter_call_code.delta"
])
const RESPONSES_TOOL_DONE: Record<string, string> = {
  "response.function_call_arguments.done": "arguments",
  "response.custom_tool_call_input.done": "input",
  "response.mcp_call_arguments.done": "arguments",
  "response.code_interpreter_call_code.done": "code"
}
const RESPONSES_CALL_ITEMS = new Set(["function_call", "custom_tool_call", "mcp_call", "code_interpreter_call"])

const openaiResponses = (v: Obj, type: string, c: Collector): void => {
  const out = idx(v.output_index, 0)
  const call = `output[${out}]`
  if (RESPONSES_TOOL_DELTAS.has(type)) {
    c.tools.push({ call, args: c.take(v, "delta") })
    return
  }
  const doneKey = RESPONSES_TOOL_DONE[type]
  if (doneKey !== undefined) {
    const whole = c.take(v, doneKey)
    c.tools.push({ call, name: c.take(v, "name"), whole, done: true })
    return
  }
  if (type.endsWith(".delta") && typeof v.delta === "string") {
    // response.output_text.delta → output[0].output_text[0]; reasoning summaries by summary_index.
    const kind = type.slice("response.".length, -".delta".length)
    const part = idx(v.content_index, idx(v.summary_index, 0))
    c.say(`${call}.${kind}[${part}]`, c.take(v, "delta"))
    return
  }
  if ((type === "response.output_item.added" || type === "response.output_item.done") && isObj(v.item) && RESPONSES_CALL_ITEMS.has(String(v.item.type))) {
    const item = v.item
    const name = c.take(item, "name")
    const args = c.take(item, "arguments") ?? c.take(item, "input") ?? c.take(item, "code")
    if (type === "response.output_item.done") c.tools.push({ call, name, whole: args, done: true })
    else c.tools.push({ call, name, args })
  }
}

const ANTHROPIC_TYPES = new Set(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop", "ping", "error"])
const ANTHROPIC_TOOL_BLOCKS = new Set(["tool_use", "server_tool_use", "mcp_tool_use"])

const anthropic = (v: Obj, type: string, c: Collector): void => {
  const i = idx(v.index, 0)
  const base = `content[${i}]`
  if (type === "content_block_start" && isObj(v.content_block)) {
    const block = v.content_block
    if (ANTHROPIC_TOOL_BLOCKS.has(String(block.type))) {
      const input = c.takeAll(block, "input")
      const hasInput = isObj(input) ? Object.keys(input).length > 0 : input !== undefined && input !== null
      c.tools.push({ call: base, name: c.take(block, "name"), whole: hasInput ? input : undefined })
      return
    }
    c.say(base, c.take(block, "text"))
    c.say(`${base}.thinking`, c.take(block, "thinking"))
    return
  }
  if (type === "content_block_delta" && isObj(v.delta)) {
    const d = v.delta
    if (d.type === "input_json_delta") c.tools.push({ call: base, args: c.take(d, "partial_json") })
    else if (d.type === "thinking_delta") c.say(`${base}.thinking`, c.take(d, "thinking"))
    else c.say(base, c.take(d, "text"))
    return
  }
  if (type === "content_block_stop") c.tools.push({ call: base, done: true })
  if (type === "message_stop") c.closeAll = true
}

const gemini = (v: Obj, c: Collector): void => {
  ;(v.candidates as unknown[]).forEach((cand, pos) => {
    if (!isObj(cand) || !isObj(cand.content) || !Array.isArray(cand.content.parts)) return
    const i = idx(cand.index, pos)
    cand.content.parts.forEach((part, k) => {
      if (!isObj(part)) return
      c.say(part.thought === true ? `candidates[${i}].thought` : `candidates[${i}]`, c.take(part, "text"))
      if (isObj(part.functionCall)) {
        const fc = part.functionCall
        c.tools.push({ call: `candidates[${i}].parts[${k}]`, name: c.take(fc, "name"), whole: c.takeAll(fc, "args") ?? {}, done: true })
      }
      if (isObj(part.executableCode)) c.say(`candidates[${i}].code`, c.take(part.executableCode, "code"))
    })
    if (typeof cand.finishReason === "string") c.tools.push({ call: `candidates[${i}].*`, done: true })
  })
}

const ollama = (v: Obj, c: Collector): void => {
  c.say("response", c.take(v, "response"))
  c.say("thinking", c.take(v, "thinking"))
  if (isObj(v.message)) {
    const m = v.message
    c.say("message.content", c.take(m, "content"))
    c.say("message.thinking", c.take(m, "thinking"))
    if (Array.isArray(m.tool_calls)) {
      m.tool_calls.forEach((tc, k) => {
        if (!isObj(tc) || !isObj(tc.function)) return
        const fn = tc.function
        c.tools.push({ call: `message.tool_calls[${k}]`, name: c.take(fn, "name"), whole: c.takeAll(fn, "arguments") ?? {}, done: true })
      })
    }
  }
  if (v.done === true) c.closeAll = true
}

const shapeOf = (v: Obj, eventName: string | undefined): Shape => {
  const type = str(v.type)
  if (Array.isArray(v.choices) && (v.object === undefined || String(v.object).includes("completion"))) return "openai_chat"
  if (type !== undefined && type.startsWith("response.")) return "openai_responses"
  if (type !== undefined && ANTHROPIC_TYPES.has(type) && (eventName === undefined || eventName === type)) return "anthropic"
  if (Array.isArray(v.candidates)) return "gemini"
  if (typeof v.done === "boolean" && (typeof v.response === "string" || isObj(v.message))) return "ollama"
  return "json"
}

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

/** Visits every string leaf (and object key) with its path, skipping taken ones; false when a bound was hit. */
const walk = (value: unknown, visit: (path: string, text: string) => void, skip: (owner: object, key: string) => boolean): boolean => {
  let leaves = 0
  const go = (u: unknown, path: string, depth: number): boolean => {
    if (depth > MAX_DEPTH) return false
    if (typeof u === "string") {
      if (++leaves > MAX_LEAVES) return false
      visit(path, u)
      return true
    }
    if (Array.isArray(u)) {
      for (let i = 0; i < u.length; i++) if (!go(u[i], `${path}[${i}]`, depth + 1)) return false
      return true
    }
    if (isObj(u)) {
      for (const k in u) {
        if (skip(u, k)) continue
        // A key can carry text too (`{"Ignore all previous instructions": 1}`): scanned like a value.
        if (k.length > 16) {
          if (++leaves > MAX_LEAVES) return false
          visit(`${path}{key}`, k)
        }
        if (!go(u[k], path === "" ? k : `${path}.${k}`, depth + 1)) return false
      }
    }
    return true
  }
  return go(value, "", 0)
}

/** A JSON path with array positions dropped (`content[3].text` → `content[].text`): one output per field. */
const pathOutput = (path: string): string => `path:${path.replace(/\[\d+\]/g, "[]")}`

/**
 * The pieces of one parsed event. `eventName` is the SSE `event:` field when there is one. For unknown
 * shapes every string leaf is a text piece of the output named by its path (array positions dropped), and
 * the event's strings are also returned as residual so each event is scanned on its own as well.
 */
export const extract = (value: unknown, eventName?: string | undefined): Extracted => {
  const c = new Collector()
  if (!isObj(value)) {
    const residual: string[] = []
    const complete = walk(value, (path, text) => {
      c.say(pathOutput(path), text)
      residual.push(text)
    }, () => false)
    return { shape: "json", text: c.text, tools: [], closeAll: false, residual, truncated: !complete }
  }
  const shape = shapeOf(value, eventName)
  const type = str(value.type) ?? ""
  if (shape === "openai_chat") openaiChat(value, c)
  else if (shape === "openai_responses") openaiResponses(value, type, c)
  else if (shape === "anthropic") anthropic(value, type, c)
  else if (shape === "gemini") gemini(value, c)
  else if (shape === "ollama") ollama(value, c)
  const residual: string[] = []
  const complete = walk(value, (path, text) => {
    if (shape === "json") c.say(pathOutput(path), text)
    residual.push(text)
  }, (owner, key) => c.isTaken(owner, key))
  return { shape, text: c.text, tools: c.tools, closeAll: c.closeAll, residual, truncated: !complete }
}
