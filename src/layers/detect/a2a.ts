/**
 * Google A2A (Agent2Agent) traffic: JSON-RPC messages between agents and the Agent Cards agents publish.
 * The inspector uses this to scan what a card tells an agent (name, description, every skill: poisoning
 * and injection, as for MCP tool definitions), to pin a card per URL and report when it changes (drift),
 * and to pull the text out of A2A message parts (text, data, and decoded file bytes) for DLP and injection.
 * Facts: A2A spec 0.2–0.3 (`message/send`, `message/stream`, `tasks/*`; parts of kind text|data|file;
 * cards at `/.well-known/agent-card.json`, formerly `/.well-known/agent.json`).
 */
import { createHash } from "node:crypto"
import { canonical, type ToolDefinition } from "./toolPoison.ts"

/** Client→agent methods of A2A JSON-RPC (current and 0.1 names). */
const METHODS = new Set([
  "message/send", "message/stream", "tasks/send", "tasks/sendSubscribe", "tasks/get", "tasks/cancel", "tasks/resubscribe",
  "tasks/pushNotificationConfig/set", "tasks/pushNotificationConfig/get", "tasks/pushNotificationConfig/list",
  "tasks/pushNotificationConfig/delete", "agent/getAuthenticatedExtendedCard"
])

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** A JSON-RPC request (or a batch of them) using an A2A method. */
export const isA2aRequest = (value: unknown): boolean =>
  Array.isArray(value) ? value.some(isA2aRequest) : isObject(value) && value.jsonrpc === "2.0" && typeof value.method === "string" && METHODS.has(value.method)

export interface A2aPart {
  readonly location: string
  readonly value: string
}

/**
 * Every string (keys included) and number under a value, with its path. Iterative and without a cut-off:
 * the body was walked within the JSON limits before (a deeper or larger one is blocked), so nothing here is
 * skipped.
 */
const strings = (value: unknown, path: string, out: A2aPart[]) => {
  const work: Array<[unknown, string]> = [[value, path]]
  while (work.length > 0) {
    const [v, at] = work.pop()!
    if (typeof v === "string") out.push({ location: at, value: v })
    else if (typeof v === "number" || typeof v === "boolean") out.push({ location: at, value: String(v) })
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) work.push([v[i], `${at}[${i}]`])
    else if (isObject(v)) {
      const entries = Object.entries(v)
      for (let i = entries.length - 1; i >= 0; i--) work.push([entries[i][1], `${at}.${entries[i][0]}`])
      for (const [k] of entries) out.push({ location: `${at}.${k}(key)`, value: k })
    }
  }
}

/** Decoded file bytes when they are text (a binary file is not scanned as text). */
const fileText = (bytes: string, maxRaw: number): string | undefined => {
  if (bytes.length > Math.ceil((maxRaw * 4) / 3) + 4) return undefined
  const buf = Buffer.from(bytes, "base64")
  const text = buf.toString("utf8")
  // Mostly printable: scan it; otherwise it is an image or archive.
  let control = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) control++
  }
  return text.length > 0 && control / text.length < 0.01 ? text : undefined
}

/**
 * Every string an A2A request carries (message parts, task metadata), with where it is. File parts with
 * inline bytes are decoded when `scanRaw` and no larger than `maxRaw` bytes; a file part too large to scan
 * is reported in `unscanned`.
 */
export const a2aParts = (value: unknown, options: { readonly scanRaw: boolean; readonly maxRaw: number }): { parts: A2aPart[]; unscanned: string[] } => {
  const parts: A2aPart[] = []
  const unscanned: string[] = []
  const one = (m: unknown, base: string) => {
    if (!isObject(m)) return
    const params = m.params
    if (!isObject(params)) return
    const message = params.message
    for (const [k, v] of Object.entries(params)) {
      if (k === "message") continue
      strings(v, `${base}params.${k}`, parts)
    }
    if (!isObject(message)) return
    for (const [k, v] of Object.entries(message)) {
      if (k === "parts") continue
      strings(v, `${base}params.message.${k}`, parts)
    }
    const list = Array.isArray(message.parts) ? message.parts : []
    list.forEach((p, i) => {
      const at = `${base}params.message.parts[${i}]`
      if (!isObject(p)) return strings(p, at, parts)
      for (const [k, v] of Object.entries(p)) {
        if (k === "file" && isObject(v)) {
          for (const [fk, fv] of Object.entries(v)) {
            if (fk !== "bytes") strings(fv, `${at}.file.${fk}`, parts)
            else if (typeof fv === "string" && options.scanRaw) {
              const text = fileText(fv, options.maxRaw)
              if (text !== undefined) parts.push({ location: `${at}.file.bytes`, value: text })
              else if (fv.length > Math.ceil((options.maxRaw * 4) / 3) + 4) unscanned.push(`${at}.file.bytes`)
              // the encoded form too: a base64 secret hidden in a binary-looking file is still found by DLP's decoders
              parts.push({ location: `${at}.file.bytes(base64)`, value: fv.slice(0, Math.ceil((options.maxRaw * 4) / 3)) })
            }
          }
        } else strings(v, `${at}.${k}`, parts)
      }
    })
  }
  if (Array.isArray(value)) value.forEach((m, i) => one(m, `[${i}].`))
  else one(value, "")
  return { parts, unscanned }
}

/** A JSON document shaped like an A2A Agent Card. */
export const isAgentCard = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && typeof value.name === "string" && (Array.isArray(value.skills) || isObject(value.capabilities)) &&
  (typeof value.url === "string" || typeof value.description === "string")

/** Whether a URL is a well-known Agent Card location. */
export const isCardUrl = (url: string): boolean => {
  const end = [url.indexOf("?"), url.indexOf("#"), url.length].filter((i) => i >= 0)
  const path = url.slice(0, Math.min(...end)).toLowerCase()
  return path.endsWith("/.well-known/agent-card.json") || path.endsWith("/.well-known/agent.json")
}

/**
 * A card as tool definitions for the poisoning scanner: the card itself (name, description, provider and
 * the other top-level strings) and each skill (name, description, tags, examples, modes).
 */
export const cardTools = (card: Record<string, unknown>): ToolDefinition[] => {
  const { name, description, skills, ...rest } = card
  const tools: ToolDefinition[] = [{ name: `agent_card:${String(name)}`, description, annotations: rest }]
  if (Array.isArray(skills)) {
    skills.slice(0, 1000).forEach((s, i) => {
      if (!isObject(s)) return
      const { name: skillName, description: skillDescription, id, ...more } = s
      tools.push({ name: `agent_card:${String(name)}.skills[${i}]`, title: typeof skillName === "string" ? skillName : undefined, description: skillDescription, annotations: { id, ...more } })
    })
  }
  return tools
}

/** SHA-256 of a card's canonical JSON (signatures left out: a re-signed card with the same content has not drifted). */
export const cardFingerprint = (card: Record<string, unknown>): string => {
  const { signatures: _signatures, ...content } = card
  return createHash("sha256").update(canonical(content)).digest("hex")
}

/** What changed between two versions of a card, for the drift finding. */
export const diffCards = (before: Record<string, unknown>, after: Record<string, unknown>): string => {
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== "signatures" && canonical(before[k]) !== canonical(after[k]))
  return changed.length === 0 ? "content changed" : `changed: ${changed.slice(0, 8).join(", ")}`
}
