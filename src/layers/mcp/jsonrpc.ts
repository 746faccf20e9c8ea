/** JSON-RPC 2.0 shapes for MCP, and the error a blocked message is answered with. */
import type { McpVerdict } from "../../services/Inspector.ts"
import { reasonOf } from "../../services/Verdict.ts"

export type Id = string | number | null

export interface Message {
  readonly jsonrpc: "2.0"
  readonly id?: Id
  readonly method?: string
  readonly params?: unknown
  readonly result?: unknown
  readonly error?: { readonly code: number; readonly message: string; readonly data?: unknown }
}

export const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** A request (has a method and an id). */
export const isRequest = (m: unknown): m is Message & { id: Id; method: string } =>
  isObject(m) && typeof m.method === "string" && "id" in m && m.id !== undefined
/** A notification (a method, no id). */
export const isNotification = (m: unknown): m is Message & { method: string } => isObject(m) && typeof m.method === "string" && !("id" in m)
/** A response (an id and a result or an error). */
export const isResponse = (m: unknown): m is Message => isObject(m) && ("result" in m || "error" in m) && "id" in m

export const idOf = (m: unknown): Id | undefined => (isObject(m) && "id" in m ? (m.id as Id) : undefined)

/** An id that may be echoed back or used as a map key: a string, a number or null (anything else, null). */
export const safeId = (id: unknown): Id => (typeof id === "string" || typeof id === "number" ? id : null)

/** The JSON-RPC error answering a blocked message, with the same id. */
export const blockError = (id: Id, v: McpVerdict, requestId: string): Message => ({
  jsonrpc: "2.0",
  id,
  error: {
    code: v.errorCode,
    message: `pipelock blocked this ${v.verdict.decisive?.scanner === "chain" ? "call (tool-call chain)" : "message"}: ${reasonOf(v.verdict)}`,
    data: { rule: v.verdict.decisive?.rule, scanner: v.verdict.decisive?.scanner, request_id: requestId }
  }
})

export const rpcError = (id: Id, code: number, message: string, data?: unknown): Message => ({ jsonrpc: "2.0", id, error: data === undefined ? { code, message } : { code, message, data } })

/** The name a `Mcp-Name` header must equal for a method (2026-07-28), if the method has one. */
export const nameOf = (m: Message): string | undefined => {
  const p = isObject(m.params) ? m.params : undefined
  if (p === undefined) return undefined
  if (m.method === "tools/call" || m.method === "prompts/get") return typeof p.name === "string" ? p.name : undefined
  if (m.method === "resources/read") return typeof p.uri === "string" ? p.uri : undefined
  return undefined
}

/** Revisions that allow JSON-RPC batches (2025-03-26 only; an absent header means 2025-03-26). */
export const allowsBatch = (version: string | undefined) => version === undefined || version === "" || version === "2025-03-26" || version === "2024-11-05"
