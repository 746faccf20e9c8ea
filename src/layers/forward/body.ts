/**
 * Bodies: collecting with a size limit, decompressing gzip/deflate/br/zstd for scanning (with an output cap
 * against decompression bombs; the original bytes are what is forwarded), and telling text from media.
 */
import type { Readable } from "node:stream"
import * as zlib from "node:zlib"
import { Effect } from "effect"
import { type Reservation, timedOut } from "../http/body.ts"

export type Collected =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly reason: "too_large" | "error" | "timeout" | "budget"; readonly message: string }

/**
 * Reads a stream to the end, or stops at `limit` bytes (the rest is not read). With a reservation, every byte
 * past what it holds is added to it first; when the in-flight budget is spent the read stops (`budget`). A
 * stream cut by the pace watch (`watchPace`) ends as `timeout`.
 */
export const collect = (stream: Readable, limit: number, reservation?: Reservation): Promise<Collected> =>
  new Promise((resolve) => collectTo(stream, limit, reservation, resolve))

/**
 * `collect` as an effect (a callback: no promise, no AbortController per read). `destroyOnInterrupt`: an
 * interruption of the fiber destroys the stream (an upstream answer: the upstream sees the exchange end).
 */
export const collectEffect = (stream: Readable, limit: number, reservation?: Reservation, destroyOnInterrupt = false): Effect.Effect<Collected> =>
  Effect.callback<Collected>((resume) => {
    collectTo(stream, limit, reservation, (c) => resume(Effect.succeed(c)))
    return destroyOnInterrupt ? Effect.sync(() => void stream.destroy()) : undefined
  })

/** `collect` with a callback instead of a promise (for an `Effect.callback`: no promise, no extra microtask). */
export const collectTo = (stream: Readable, limit: number, reservation: Reservation | undefined, resolve: (c: Collected) => void): void => {
  const chunks: Buffer[] = []
  let size = 0
  let done = false
  const finish = (r: Collected) => {
    if (done) return
    done = true
    stream.off("data", onData)
    resolve(r)
  }
  const onData = (c: Buffer) => {
    size += c.length
    if (size > limit) {
      stream.pause()
      return finish({ ok: false, reason: "too_large", message: `body larger than ${limit} bytes` })
    }
    if (reservation !== undefined && size > reservation.bytes() && !reservation.grow(size - reservation.bytes())) {
      stream.pause()
      return finish({ ok: false, reason: "budget", message: "too many bodies are being scanned at once" })
    }
    chunks.push(c)
  }
  const cut = (message: string) => {
    const why = timedOut.get(stream)
    finish(why === undefined
      ? { ok: false, reason: "error", message }
      : { ok: false, reason: "timeout", message: why === "idle" ? "the body stalled" : "the body arrived too slowly" })
  }
  // Cut before anyone read it (the pace watch fired while the URL was still being checked).
  if (stream.destroyed) return cut("stream closed before the end")
  stream.on("data", onData)
  // One chunk (a small body) is the body as read: no copy.
  stream.on("end", () => finish({ ok: true, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) }))
  stream.on("error", (e) => cut(e.message))
  stream.on("close", () => cut("stream closed before the end"))
}

const ENCODINGS = new Set(["gzip", "x-gzip", "deflate", "br", "zstd", "identity", ""])

/** Whether a Content-Encoding can be decoded for scanning. */
export const decodable = (encoding: string): boolean => encoding.split(",").map((e) => e.trim().toLowerCase()).every((e) => ENCODINGS.has(e))

/** Decodes a whole body (encodings applied in order are undone in reverse), capped at `maxOutput` bytes. */
export const decodeBody = (body: Buffer, encoding: string, maxOutput: number): Buffer => {
  const list = encoding.split(",").map((e) => e.trim().toLowerCase()).filter((e) => e !== "" && e !== "identity").reverse()
  let out = body
  for (const e of list) {
    const opts = { maxOutputLength: maxOutput }
    if (e === "gzip" || e === "x-gzip") out = zlib.gunzipSync(out, opts)
    else if (e === "deflate") out = inflateAny(out, maxOutput)
    else if (e === "br") out = zlib.brotliDecompressSync(out, opts)
    else if (e === "zstd") out = zlib.zstdDecompressSync(out, opts)
    else throw new Error(`unsupported content-encoding ${e}`)
  }
  return out
}

/** `deflate` is zlib-wrapped by the spec but raw in some servers: accept both. */
const inflateAny = (b: Buffer, max: number) => {
  try {
    return zlib.inflateSync(b, { maxOutputLength: max })
  } catch {
    return zlib.inflateRawSync(b, { maxOutputLength: max })
  }
}

/** A streaming decoder for one encoding (for incremental scanning); undefined for identity. */
export const streamDecoder = (encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | zlib.ZstdDecompress | undefined => {
  const e = encoding.trim().toLowerCase()
  if (e === "" || e === "identity") return undefined
  if (e === "gzip" || e === "x-gzip") return zlib.createGunzip()
  if (e === "deflate") return zlib.createInflate()
  if (e === "br") return zlib.createBrotliDecompress()
  if (e === "zstd") return zlib.createZstdDecompress()
  throw new Error(`unsupported content-encoding ${e}`)
}

/** Media that is not text: not injection-scanned (images, audio, video, fonts, archives). */
export const isMedia = (contentType: string): boolean => {
  const t = contentType.toLowerCase().split(";")[0].trim()
  if (t === "") return false
  return /^(image|audio|video|font)\//.test(t) ||
    ["application/octet-stream", "application/zip", "application/gzip", "application/x-gzip", "application/x-tar", "application/pdf",
      "application/wasm", "application/x-7z-compressed", "application/vnd.rar", "application/x-bzip2", "application/x-xz"].includes(t)
}

export const isEventStream = (contentType: string): boolean => contentType.toLowerCase().includes("text/event-stream")
