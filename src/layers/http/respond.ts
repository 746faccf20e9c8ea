/** Small helpers for answering on node:http responses and raw sockets. */
import type { IncomingMessage, ServerResponse } from "node:http"
import type { Duplex } from "node:stream"
import { STATUS_CODES } from "node:http"

/** Writes a JSON body with a status, unless the response has already started. */
export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void =>
  sendJsonText(res, status, JSON.stringify(body), headers)

/** Like `sendJson`, for a body that is JSON text already (relayed as is, not parsed and serialised again). */
export const sendJsonText = (res: ServerResponse, status: number, text: string | Uint8Array, headers: Record<string, string> = {}): void => {
  if (res.headersSent || res.writableEnded || res.destroyed) return
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": typeof text === "string" ? Buffer.byteLength(text) : text.byteLength,
    "cache-control": "no-store",
    ...headers
  })
  res.end(text)
}

/** Answers on a raw socket (CONNECT, Upgrade) with a status line and a JSON body, then closes it. */
export const rejectSocket = (socket: Duplex, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  if (socket.destroyed) return
  const text = JSON.stringify(body)
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(text)}`,
    "Connection: close",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)
  ]
  socket.end(lines.join("\r\n") + "\r\n\r\n" + text)
}

/** The client address of a request, without the IPv4-mapped prefix. */
export const clientIp = (req: IncomingMessage): string => {
  const a = req.socket.remoteAddress ?? ""
  return a.startsWith("::ffff:") ? a.slice(7) : a
}

/** Reads a request body up to `limit` bytes; resolves undefined when it is larger. */
export const readBody = (req: IncomingMessage, limit: number): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on("data", (c: Buffer) => {
      if (over) return
      size += c.length
      if (size > limit) {
        over = true
        chunks.length = 0
        return
      }
      chunks.push(c)
    })
    req.on("end", () => resolve(over ? undefined : Buffer.concat(chunks)))
    req.on("error", reject)
  })
