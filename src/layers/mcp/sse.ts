/** Server-sent events for MCP: incremental parsing (eventsource-parser) and re-serialisation, fields kept. */
import { createParser, type EventSourceMessage, type ParseError } from "eventsource-parser"

export type SseItem =
  | { readonly kind: "event"; readonly event: EventSourceMessage }
  | { readonly kind: "comment"; readonly text: string }
  | { readonly kind: "retry"; readonly ms: number }

/** A parser that turns text chunks into events, comments and retry hints, in order; bounded per event. */
export const sseParser = (onItem: (item: SseItem) => void, onError: (message: string, type: ParseError["type"]) => void, maxEventBytes = 10 * 1024 * 1024) =>
  createParser({
    onEvent: (event) => onItem({ kind: "event", event }),
    onComment: (text) => onItem({ kind: "comment", text }),
    onRetry: (ms) => onItem({ kind: "retry", ms }),
    onError: (e) => onError(e.message, e.type),
    maxBufferSize: maxEventBytes
  })

/** The wire form of an event (id, event type and data lines kept). */
export const formatEvent = (e: { id?: string | undefined; event?: string | undefined; data: string }): string =>
  `${e.id !== undefined ? `id: ${e.id}\n` : ""}${e.event !== undefined && e.event !== "" ? `event: ${e.event}\n` : ""}${e.data.split(/\r?\n/).map((l) => `data: ${l}`).join("\n")}\n\n`

export const formatItem = (item: SseItem): string =>
  item.kind === "event" ? formatEvent(item.event) : item.kind === "comment" ? `:${item.text}\n\n` : `retry: ${item.ms}\n\n`
