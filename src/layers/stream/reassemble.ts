/**
 * Stream reassembly: scans what a model says, not the JSON it streams in. A streamed LLM response carries a
 * few tokens per event inside JSON (`data: {"choices":[{"delta":{"content":"Ign"}}]}`) and tokens split words
 * anywhere, so scanning the raw bytes with an overlap window misses an instruction split mid-word: JSON
 * punctuation and `data:` prefixes sit between the pieces. Here each event is parsed (SSE with the project's
 * SSE parser, NDJSON/JSON lines with a line splitter), the model's text is pulled out (`extract.ts`) and
 * joined per output, and the joined text is scanned incrementally: each new piece with an overlap window of
 * the text before it, never the whole history. Tool-call arguments are joined per call and get the
 * request-side checks (DLP as they grow; DLP, URL and shell checks once whole).
 *
 * Events are judged one at a time and handed back for relaying as soon as they are judged; a blocked event
 * and everything after it never is. What is relayed for SSE is the re-serialised parsed event, so the client
 * receives exactly what was judged. An event that says JSON but does not parse, an event over the size limit,
 * or a bound hit (outputs, tool-call bytes) is a blocking finding (a warning in audit mode).
 *
 * Pure and synchronous: the scanners are passed in (`StreamChecks`), so this knows no rule.
 */
import type { StreamBlock, StreamFormat, StreamScanner, StreamStep } from "../../services/Inspector.ts"
import type { Finding, Verdict } from "../../services/Verdict.ts"
import { formatItem, type SseItem, sseParser } from "../mcp/sse.ts"
import { extract, MAX_PATH_OUTPUTS, type ToolPiece } from "./extract.ts"

/** The scanners a stream is judged with (the Inspector passes the compiled ones). */
export interface StreamChecks {
  /** Model text: a window of joined text, or one event's other strings (prompt injection). */
  readonly text: (text: string, location: string) => ReadonlyArray<Finding>
  /** A tool call's argument text as it grows: a window of it (DLP). */
  readonly toolDelta: (text: string, location: string) => ReadonlyArray<Finding>
  /** A whole tool call: its arguments parsed when they are JSON, else their text (DLP, URL, shell). */
  readonly toolCall: (name: string | undefined, args: unknown, location: string) => ReadonlyArray<Finding>
  /** The findings so far as a verdict (mode and section action applied). */
  readonly decide: (findings: ReadonlyArray<Finding>) => Verdict
}

export interface StreamLimits {
  /** Largest event (SSE data, NDJSON line), in characters: `response_scanning.sse_streaming.max_event_bytes`. */
  readonly maxEventBytes: number
  /** In audit mode a limit only warns; memory is still capped (`hardCap`), past which the stream is cut. */
  readonly audit: boolean
  /** Characters of joined text kept before each new piece (per output, per tool call). */
  readonly overlap?: number | undefined
  /** The same for raw text streams, where chunks are large. */
  readonly rawOverlap?: number | undefined
  /** Outputs (choices, content blocks) and open tool calls per stream. */
  readonly maxOutputs?: number | undefined
  /** Tool-call argument characters kept per stream for the whole-call checks. */
  readonly maxToolChars?: number | undefined
}

/** The framing a Content-Type gets; `eventAware` false (sse_streaming disabled) scans every stream as raw text. */
export const formatOf = (contentType: string | undefined, eventAware = true): StreamFormat => {
  const t = (contentType ?? "").toLowerCase().split(";")[0].trim()
  if (!eventAware) return "text"
  if (t === "text/event-stream") return "sse"
  if (t === "application/x-ndjson" || t === "application/ndjson" || t === "application/jsonl" || t === "application/x-jsonl" ||
    t === "application/jsonlines" || t === "application/x-jsonlines" || t === "application/stream+json") return "ndjson"
  if (t === "application/json" || t.endsWith("+json")) return "json"
  return "text"
}

/** The last message of a blocked stream in its own format. */
export const terminatorFor = (format: StreamFormat | "json-lines", block: StreamBlock): string | undefined => {
  const message = `pipelock blocked this stream: ${block.reason}`
  if (format === "sse") {
    // `event: error` with an `error` object: what the OpenAI and Anthropic clients raise as an API error.
    const body = { type: "error", error: { type: "pipelock_blocked", code: "pipelock_blocked", message, rule: block.rule }, blocked: true, ...block }
    return `event: error\ndata: ${JSON.stringify(body)}\n\n`
  }
  if (format === "ndjson" || format === "json-lines") return `${JSON.stringify({ error: message, blocked: true, ...block })}\n`
  return undefined
}

const OVERLAP = 1024
const RAW_OVERLAP = 4096
const MAX_OUTPUTS = 256
const MAX_TOOL_CHARS = 1024 * 1024
/** Memory cap for one pending event even in audit mode. */
const HARD_CAP = 32 * 1024 * 1024

const limitFinding = (rule: string, message: string): Finding => ({ scanner: "parser", rule, severity: "high", location: "stream", evidence: "", message, action: "block" })

interface ToolState {
  readonly key: string
  name: string | undefined
  args: string
  tail: string
  /** The arguments got the whole-call checks since their last change. */
  checked: boolean
  /** Arguments past the per-stream character cap were scanned as they came but not kept. */
  overflow: boolean
}

/** Arguments up to this size are parsed when a delta may close them; longer ones are checked whole at the call's end. */
const EARLY_PARSE_CHARS = 64 * 1024

/** Whether a delta may close a JSON value (only then is parsing the joined arguments worth a try). */
const mayClose = (s: string): boolean => {
  const t = s.trimEnd()
  const last = t.charCodeAt(t.length - 1)
  return last === 125 /* } */ || last === 93 /* ] */
}

/** Data that means to be JSON: an object, or an array of JSON values (`[DONE]` and other bracketed words are text). */
const looksJson = (t: string): boolean => {
  if (t.charCodeAt(0) === 123 /* { */) return true
  if (t.charCodeAt(0) !== 91 /* [ */) return false
  const rest = t.slice(1).trimStart()
  return rest === "" || "{[]\"-0123456789".includes(rest.charAt(0)) || ["true", "false", "null"].some((w) => rest.startsWith(w))
}

const tryParse = (s: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(s) }
  } catch {
    return { ok: false }
  }
}

/** A stream scanner for one response body. */
export const make = (format: StreamFormat, checks: StreamChecks, limits: StreamLimits): StreamScanner => {
  const overlap = limits.overlap ?? OVERLAP
  const rawOverlap = limits.rawOverlap ?? RAW_OVERLAP
  const maxOutputs = limits.maxOutputs ?? MAX_OUTPUTS
  const maxToolChars = limits.maxToolChars ?? MAX_TOOL_CHARS
  const eventCap = limits.audit ? HARD_CAP : limits.maxEventBytes

  // --- findings and the verdict --------------------------------------------------------------
  const findings = new Map<string, Finding>()
  let verdict = checks.decide([])
  let blocked = false
  const add = (found: ReadonlyArray<Finding>): void => {
    let changed = false
    for (const f of found) {
      const key = `${f.scanner}|${f.rule}`
      if (!findings.has(key)) {
        findings.set(key, f)
        changed = true
      }
    }
    if (changed) {
      verdict = checks.decide([...findings.values()])
      blocked = verdict.action === "block"
    }
  }
  const fail = (rule: string, message: string) => add([limitFinding(rule, message)])
  /** A memory cap that ends the stream even in audit mode (nothing more could be held to judge). */
  const cutOff = (message: string) => {
    const f = limitFinding("stream_limit", message)
    findings.set(`${f.scanner}|${f.rule}`, f)
    verdict = { action: "block", findings: [...findings.values()], mode: verdict.mode, decisive: f }
    blocked = true
  }

  // --- joined text per output ----------------------------------------------------------------
  const outputs = new Map<string, { tail: string; last: string }>()
  let pathOutputs = 0
  const say = (output: string, text: string): void => {
    let o = outputs.get(output)
    if (o === undefined) {
      if (output.startsWith("path:") && pathOutputs >= MAX_PATH_OUTPUTS) return say("path:*", text)
      if (outputs.size >= maxOutputs) return fail("stream_limit", `more than ${maxOutputs} outputs in one stream`)
      if (output.startsWith("path:")) pathOutputs++
      outputs.set(output, (o = { tail: "", last: "" }))
    }
    const window = o.tail + text
    // The same window scanned again (a constant field repeated every event) cannot find anything new.
    if (window !== o.last) add(checks.text(window, `stream.${output}`))
    o.last = window
    o.tail = window.length > overlap ? window.slice(-overlap) : window
  }
  let lastResidual = ""
  /**
   * Long strings already scanned on their own: the OpenAI Responses API repeats the whole answer in
   * `output_text.done`, `content_part.done`, `output_item.done` and `response.completed`; it is scanned once.
   */
  const recentLong: string[] = []
  const fresh = (strings: ReadonlyArray<string>): string[] =>
    strings.filter((t) => {
      if (t.length < 256) return true
      if (recentLong.includes(t)) return false
      recentLong.push(t)
      if (recentLong.length > 8) recentLong.shift()
      return true
    })
  const sayAlone = (text: string, location: string): void => {
    if (text.length < 8 || text === lastResidual) return
    lastResidual = text
    add(checks.text(text, location))
  }

  // --- tool calls -----------------------------------------------------------------------------
  const tools = new Map<string, ToolState>()
  let toolChars = 0
  const checkWhole = (t: ToolState): void => {
    if (t.args === "" && !t.overflow) return
    const parsed = tryParse(t.args)
    add(checks.toolCall(t.name, parsed.ok ? parsed.value : t.args, `stream.${t.key}.arguments`))
    t.checked = true
  }
  const close = (t: ToolState): void => {
    if (!t.checked) checkWhole(t)
    toolChars -= t.args.length
    tools.delete(t.key)
  }
  const tool = (p: ToolPiece): void => {
    if (p.call.endsWith(".*")) {
      const prefix = p.call.slice(0, -1)
      for (const t of [...tools.values()]) if (t.key.startsWith(prefix)) close(t)
      return
    }
    let t = tools.get(p.call)
    if (t === undefined) {
      if (tools.size >= maxOutputs) return fail("stream_limit", `more than ${maxOutputs} open tool calls in one stream`)
      tools.set(p.call, (t = { key: p.call, name: undefined, args: "", tail: "", checked: true, overflow: false }))
    }
    if (p.name !== undefined && p.name !== "") t.name = p.name
    if (p.args !== undefined && p.args !== "") {
      toolChars += p.args.length
      if (toolChars > maxToolChars && !t.overflow) {
        t.overflow = true
        fail("stream_limit", `tool-call arguments over ${maxToolChars} characters in one stream`)
      }
      if (!t.overflow) t.args += p.args
      else toolChars -= p.args.length
      const window = t.tail + p.args
      add(checks.toolDelta(window, `stream.${t.key}.arguments`))
      t.tail = window.length > overlap ? window.slice(-overlap) : window
      t.checked = false
      // A call is usually known complete only by a later event: check it as soon as its arguments parse.
      if (!t.overflow && t.args.length <= EARLY_PARSE_CHARS && mayClose(p.args) && tryParse(t.args).ok) checkWhole(t)
    }
    if (p.whole !== undefined) {
      const whole = typeof p.whole === "string" ? tryParse(p.whole) : { ok: true as const, value: p.whole }
      add(checks.toolCall(t.name, whole.ok ? whole.value : p.whole, `stream.${t.key}.arguments`))
      t.checked = true
    }
    if (p.done === true) close(t)
  }

  // --- one event --------------------------------------------------------------------------------
  /** Judges one event's data (SSE data or an NDJSON line, not blank). */
  const judge = (data: string, eventName: string | undefined, jsonOnly: boolean): void => {
    if (data.length > limits.maxEventBytes) {
      fail("stream_event_too_large", `a streamed event of ${data.length} characters exceeds max_event_bytes (${limits.maxEventBytes})`)
      if (blocked) return
    }
    const t = data.trim()
    if (!jsonOnly && !looksJson(t)) return say("data", data)
    const parsed = tryParse(t)
    if (!parsed.ok) {
      fail("stream_unparseable_event", "a streamed event says JSON but does not parse; the stream cannot be inspected")
      // Audit: what could not be parsed is still scanned as text.
      return sayAlone(data, "stream.event")
    }
    const x = extract(parsed.value, eventName)
    for (const p of x.text) say(p.output, p.text)
    for (const p of x.tools) tool(p)
    if (x.closeAll) for (const t of [...tools.values()]) close(t)
    if (x.residual.length > 0) sayAlone(fresh(x.residual).join("\n"), "stream.event")
    if (x.truncated) sayAlone(data, "stream.event")
  }

  // --- raw text -------------------------------------------------------------------------------
  let rawTail = ""
  const raw = (text: string): string => {
    if (text === "") return ""
    const window = rawTail + text
    add(checks.text(window, "body"))
    rawTail = window.length > rawOverlap ? window.slice(-rawOverlap) : window
    return text
  }

  // --- lines (NDJSON, JSON lines) ----------------------------------------------------------------
  let pending = ""
  const lines = (text: string, end: boolean): string => {
    pending += text
    let relay = ""
    let from = 0
    for (;;) {
      if (blocked) break
      const nl = pending.indexOf("\n", from)
      const last = nl < 0 && end && from < pending.length
      if (nl < 0 && !last) break
      const stop = nl < 0 ? pending.length : nl + 1
      const line = pending.slice(from, stop)
      from = stop
      if (line.trim() !== "") judge(line, undefined, true)
      if (blocked) break
      relay += line
    }
    pending = blocked ? "" : pending.slice(from)
    if (!blocked && pending.length > limits.maxEventBytes) {
      fail("stream_event_too_large", `a streamed line longer than max_event_bytes (${limits.maxEventBytes})`)
      if (!blocked && pending.length > eventCap) cutOff(`a streamed line longer than ${eventCap} characters`)
      if (blocked) pending = ""
    }
    return relay
  }

  // --- SSE --------------------------------------------------------------------------------------
  const items: SseItem[] = []
  let parserBroken = false
  const parser = format === "sse"
    ? sseParser((item) => items.push(item), (message, type) => {
      // Unknown fields and bad retry values are dropped, as a browser does: only an overflow is fatal.
      if (type === "max-buffer-size-exceeded") parserBroken = true
      void message
    }, eventCap + 64 * 1024)
    : undefined
  const sse = (text: string): string => {
    if (parserBroken) return ""
    parser!.feed(text)
    if (parserBroken) {
      fail("stream_event_too_large", `a streamed event larger than max_event_bytes (${limits.maxEventBytes})`)
      if (!blocked) cutOff(`a streamed event larger than ${eventCap} characters`)
    }
    let relay = ""
    let i = 0
    for (; i < items.length && !blocked; i++) {
      const item = items[i]
      if (item.kind === "event" && item.event.data.trim() !== "") judge(item.event.data, item.event.event, false)
      if (blocked) break
      relay += formatItem(item)
    }
    items.length = 0
    return relay
  }

  // --- application/json: JSON lines when the first line is a JSON value, else raw text -------------
  let mode: "sniff" | "lines" | "raw" = "sniff"
  const json = (text: string, end: boolean): string => {
    if (mode === "lines") return lines(text, end)
    if (mode === "raw") return raw(text)
    pending += text
    const start = pending.length - pending.trimStart().length
    const nl = start === pending.length ? -1 : pending.indexOf("\n", start)
    if (nl < 0 && !end && pending.length <= limits.maxEventBytes) return ""
    const first = nl < 0 ? pending : pending.slice(0, nl)
    const held = pending
    pending = ""
    if (first.trim() !== "" && tryParse(first.trim()).ok) {
      mode = "lines"
      return lines(held, end)
    }
    mode = "raw"
    return raw(held)
  }

  const step = (relay: string): StreamStep => ({ relay, verdict })

  return {
    format,
    push: (text) => {
      if (blocked) return step("")
      if (format === "sse") return step(sse(text))
      if (format === "ndjson") return step(lines(text, false))
      if (format === "json") return step(json(text, false))
      return step(raw(text))
    },
    finish: () => {
      if (blocked) return step("")
      let relay = ""
      if (format === "ndjson") relay = lines("", true)
      else if (format === "json") relay = json("", true)
      // SSE: an event without its closing blank line is discarded, as a client does; nothing of it was relayed.
      if (blocked) return step(relay)
      for (const t of [...tools.values()]) close(t)
      // A call judged only now holds back the trailing line that closed it.
      return step(blocked ? "" : relay)
    },
    terminator: (block) => terminatorFor(format === "json" ? (mode === "lines" ? "json-lines" : "text") : format, block)
  }
}
