/**
 * Bodies Pipelock holds while it scans them: how fast they must arrive, and how many bytes of them may be
 * held at once across the whole process.
 *
 * Pace: a body (a client's request body, an upstream's answer that is buffered for scanning) that stalls
 * longer than `idleMs`, or arrives slower on average than `minBytesPerSecond` (it gets `idleMs` plus one
 * second per `minBytesPerSecond` bytes), is cut. Progress is read from the socket's byte count by one shared
 * one-second timer, so watching costs nothing per chunk and does not touch the stream's own flow; time
 * during which Pipelock itself is not reading (its buffer is full) does not count against the sender.
 *
 * Budget: bytes are reserved as they are buffered (never merely announced) and released when the exchange
 * is done; a reservation that would pass the budget fails, and the caller answers 503 with Retry-After.
 */
import type { IncomingMessage } from "node:http"
import type { Meter } from "../telemetry/metrics.ts"
import { metrics } from "../telemetry/metrics.ts"

export interface Pace {
  /** Longest pause between two reads of the body; 0 turns the check off. */
  readonly idleMs: number
  /** Slowest average rate after the first `idleMs`; 0 turns the check off. */
  readonly minBytesPerSecond: number
}

export type TimeoutReason = "idle" | "rate"

/** Which listener and side a watched body belongs to (the metric's labels). */
export interface Watched {
  readonly listener: "forward" | "mcp"
  readonly side: "client" | "upstream"
  /** The instance's metrics, where timeouts and budget use are counted (the budget itself is process-wide). */
  readonly meter?: Meter | undefined
}

interface Entry {
  readonly stream: IncomingMessage
  readonly pace: Pace
  readonly labels: Watched
  readonly onTimeout: (reason: TimeoutReason) => void
  readonly startBytes: number
  start: number
  lastBytes: number
  lastProgress: number
}

const TICK_MS = 1000
const entries = new Set<Entry>()
let timer: NodeJS.Timeout | undefined

/** Why a stream was cut (collectors turn this into a 408/502 with the reason). */
export const timedOut = new WeakMap<object, TimeoutReason>()

const tick = () => {
  const now = performance.now()
  for (const e of entries) {
    const { stream } = e
    const socket = stream.socket
    if (stream.complete || stream.destroyed || socket === null || socket.destroyed) {
      entries.delete(e)
      continue
    }
    const read = socket.bytesRead - e.startBytes
    if (read > e.lastBytes) {
      e.lastBytes = read
      e.lastProgress = now
    } else if (stream.readableLength > 0) {
      // Bytes wait in the stream's buffer: Pipelock is not reading (backpressure), not the sender's fault.
      e.lastProgress = now
      e.start += TICK_MS
    }
    const idle = e.pace.idleMs > 0 && now - e.lastProgress > e.pace.idleMs
    const slow = e.pace.minBytesPerSecond > 0 && now - e.start > e.pace.idleMs + (read / e.pace.minBytesPerSecond) * 1000
    if (!idle && !slow) continue
    entries.delete(e)
    const reason: TimeoutReason = idle ? "idle" : "rate"
    timedOut.set(stream, reason)
    e.labels.meter?.count(metrics.bodyTimeouts, { listener: e.labels.listener, side: e.labels.side, reason })
    e.onTimeout(reason)
  }
  if (entries.size === 0 && timer !== undefined) {
    clearInterval(timer)
    timer = undefined
  }
}

/**
 * Watches a body until it is complete (or the stream is gone); `onTimeout` runs once when it is too slow.
 * Returns a function that stops watching.
 */
export const watchPace = (stream: IncomingMessage, pace: Pace, labels: Watched, onTimeout: (reason: TimeoutReason) => void): () => void => {
  if ((pace.idleMs <= 0 && pace.minBytesPerSecond <= 0) || stream.complete) return () => {}
  const now = performance.now()
  const entry: Entry = { stream, pace, labels, onTimeout, startBytes: stream.socket?.bytesRead ?? 0, start: now, lastBytes: 0, lastProgress: now }
  entries.add(entry)
  if (timer === undefined) {
    timer = setInterval(tick, TICK_MS)
    timer.unref()
  }
  return () => void entries.delete(entry)
}

/** Whether a request carries a body (a Content-Length above 0 or a Transfer-Encoding). */
export const hasBody = (req: IncomingMessage): boolean =>
  (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0") || req.headers["transfer-encoding"] !== undefined

/** The pace a config section gives (`body_idle_timeout_seconds`, `min_body_bytes_per_second`). */
export const paceOf = (section: { readonly body_idle_timeout_seconds: number; readonly min_body_bytes_per_second: number }): Pace => ({
  idleMs: section.body_idle_timeout_seconds * 1000,
  minBytesPerSecond: section.min_body_bytes_per_second
})

// ---------------------------------------------------------------------------------------------
// The in-flight budget
// ---------------------------------------------------------------------------------------------

let inflight = 0

/** Bytes of bodies held for scanning right now. */
export const inflightBytes = (): number => inflight

/** A reservation against the budget: grow it as bytes arrive, release it once when the exchange is done. */
export interface Reservation {
  /** Adds `n` bytes; false (and nothing added) when that would pass the budget. */
  readonly grow: (n: number) => boolean
  readonly release: () => void
  readonly bytes: () => number
}

/**
 * Opens a reservation against a budget of `limit` bytes for a body that announces `declared` bytes (0 when
 * unknown). Nothing is held until bytes arrive (`grow`): a client that announces a large body and sends it
 * slowly holds only what it sent, so announcing cannot exhaust the budget. Undefined when the announced
 * size alone can never fit (the caller answers 503 at once).
 */
export const reserve = (limit: number, declared: number, labels: Watched): Reservation | undefined => {
  if (declared > limit) {
    labels.meter?.count(metrics.bodyBudgetRejections, { listener: labels.listener, side: labels.side })
    return undefined
  }
  return open(limit, 0, labels)
}

const open = (limit: number, initial: number, labels: Watched): Reservation | undefined => {
  if (inflight + initial > limit) {
    labels.meter?.count(metrics.bodyBudgetRejections, { listener: labels.listener, side: labels.side })
    return undefined
  }
  let held = initial
  let open = true
  inflight += initial
  labels.meter?.adjust(metrics.inflightBodyBytes, initial)
  return {
    grow: (n) => {
      if (!open) return false
      if (inflight + n > limit) {
        labels.meter?.count(metrics.bodyBudgetRejections, { listener: labels.listener, side: labels.side })
        return false
      }
      inflight += n
      held += n
      labels.meter?.adjust(metrics.inflightBodyBytes, n)
      return true
    },
    release: () => {
      if (!open) return
      open = false
      inflight -= held
      labels.meter?.adjust(metrics.inflightBodyBytes, -held)
    },
    bytes: () => held
  }
}
