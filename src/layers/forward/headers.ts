/** Header handling for a proxy: hop-by-hop headers removed both ways, `Via` added, block/warn headers. */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http"
import { version } from "../../version.ts"

const HOP_BY_HOP = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding",
  "upgrade", "proxy-connection"
])

export const VIA = `1.1 pipelock/${version}`

/** Copies headers without the hop-by-hop ones (and those the `Connection` header names), adding `Via`. */
export const forwardHeaders = (headers: IncomingHttpHeaders, drop: ReadonlyArray<string> = []): OutgoingHttpHeaders => {
  // Node gives header names in lower case; the names a `Connection` header lists are parsed only when it lists any.
  const connection = headers.connection
  const named = connection === undefined || connection === "" ? undefined
    : new Set(String(connection).toLowerCase().split(",").map((s) => s.trim()).filter((s) => s !== ""))
  const out: OutgoingHttpHeaders = {}
  for (const k in headers) {
    const v = headers[k]
    const n = k.toLowerCase()
    if (v === undefined || HOP_BY_HOP.has(n) || named?.has(n) === true || (drop.length > 0 && drop.includes(n))) continue
    out[n] = v
  }
  out.via = out.via === undefined ? VIA : `${String(out.via)}, ${VIA}`
  return out
}

/** A header value as one string (lists joined with commas). */
export const headerText = (v: string | ReadonlyArray<string> | number | undefined): string =>
  v === undefined ? "" : Array.isArray(v) ? v.join(", ") : String(v)
