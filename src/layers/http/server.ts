/**
 * A node:http server living in a Scope. Each request, CONNECT and Upgrade runs as a fiber in a FiberSet;
 * closing the scope stops accepting, lets in-flight work finish for up to `DrainMs` (10 s by default),
 * then interrupts what is left and destroys every socket.
 */
import * as http from "node:http"
import type { Duplex } from "node:stream"
import { Context, Data, Effect, FiberSet, type Scope, Stream } from "effect"
import type { Config } from "../../services/Config.ts"
import type * as ConfigStore from "../../services/ConfigStore.ts"
import { parseListen } from "../config/validate.ts"
import { hasBody, type Pace, type Watched, watchPace } from "./body.ts"

/**
 * The current configuration as a plain read, for node callbacks that need it on every request (the body pace):
 * kept up to date by the store's changes stream in the background, instead of running an effect per request.
 * A reload is seen as soon as the stream delivers it (before the next request that can observe it arrives).
 */
export const latestConfig = (store: ConfigStore.Service): Effect.Effect<() => Config, never, Scope.Scope> =>
  Effect.gen(function* () {
    let config = yield* store.current
    yield* store.changes.pipe(Stream.runForEach((c) => Effect.sync(() => void (config = c))), Effect.forkScoped)
    return () => config
  })

export class ListenError extends Data.TaggedError("ListenError")<{ readonly name: string; readonly address: string; readonly message: string }> {}

export interface Handlers<R> {
  readonly request: (req: http.IncomingMessage, res: http.ServerResponse) => Effect.Effect<void, never, R>
  readonly connect?: ((req: http.IncomingMessage, socket: Duplex, head: Buffer) => Effect.Effect<void, never, R>) | undefined
  readonly upgrade?: ((req: http.IncomingMessage, socket: Duplex, head: Buffer) => Effect.Effect<void, never, R>) | undefined
}

export interface Served {
  readonly server: http.Server
  /** The bound port (useful when listening on port 0 in tests). */
  readonly port: number
  readonly host: string
}

/**
 * How long closing a listener waits for in-flight work (requests, tunnels, streams) before interrupting it:
 * 10 s unless the composition root is given another (`RunSetup.drainMs`).
 */
export const DrainMs = Context.Reference<number>("pipelock/layers/http/DrainMs", { defaultValue: () => 10_000 })

export interface ServeOptions {
  /** Overrides `DrainMs`. */
  readonly drainMs?: number
  /**
   * How fast request bodies must arrive (read on each request, so reloads apply), and the listener name for
   * the metric. A body too slow gets 408 and the connection is closed.
   */
  readonly bodyPace?: { readonly listener: Watched["listener"]; readonly meter?: Watched["meter"]; readonly pace: () => Pace } | undefined
}

/** Watches a request body's pace; when it is too slow, answers 408 (if nothing was sent yet) and closes the connection. */
export const guardBody = (req: http.IncomingMessage, res: http.ServerResponse, watched: Pick<Watched, "listener" | "meter">, pace: Pace): void => {
  if (!hasBody(req)) return
  // Watched until the body is complete or the connection gone, even after an early answer (a 403 or 404
  // sent without reading the body): a body still dribbling in holds the connection.
  watchPace(req, pace, { ...watched, side: "client" }, (reason) => {
    // The 408 is sent, then our side is shut (FIN) while what the client still sends is read and dropped,
    // so it reads the answer (closing at once with its bytes unread would reset the connection); a client
    // still there a second later is cut.
    let closed = false
    const close = () => {
      if (closed) return
      closed = true
      req.resume()
      req.socket.end()
      setTimeout(() => req.socket.destroy(), 1000).unref()
    }
    if (res.headersSent || res.writableEnded) return close()
    const text = JSON.stringify({
      error: "request_timeout",
      message: reason === "idle" ? "the request body stalled" : "the request body arrived too slowly"
    })
    res.once("finish", close)
    res.writeHead(408, { "content-type": "application/json", "content-length": Buffer.byteLength(text), connection: "close" })
    res.end(text)
    // A client that does not read its answer is not waited for.
    setTimeout(() => req.socket.destroy(), 2000).unref()
  })
}

export const serve = <R>(
  name: string,
  address: string,
  handlers: Handlers<R>,
  options: ServeOptions = {}
): Effect.Effect<Served, ListenError, Scope.Scope | R> =>
  Effect.gen(function* () {
    const parsed = parseListen(address)
    if (parsed === undefined) return yield* new ListenError({ name, address, message: "expected host:port" })
    const set = yield* FiberSet.make<void, never>()
    const runFork = yield* FiberSet.runtime(set)<R>()
    const drainMs = options.drainMs ?? (yield* DrainMs)

    const server = http.createServer({ keepAlive: true, requestTimeout: 0, headersTimeout: 15_000, keepAliveTimeout: 120_000 })
    const bodyPace = options.bodyPace
    // A handler interrupted (shutdown past the drain, or the host interrupting the graph) closes its client's
    // connection: the client sees the exchange end instead of waiting on a socket nobody serves. Handlers
    // abort their upstream requests themselves (their callbacks' cancelers, the fiber's abort signal).
    const closing = (socket: Duplex) => Effect.onInterrupt(() => Effect.sync(() => void socket.destroy()))
    server.on("request", (req, res) => {
      if (bodyPace !== undefined) guardBody(req, res, bodyPace, bodyPace.pace())
      runFork(handlers.request(req, res).pipe(closing(req.socket)))
    })
    server.on("connect", (req, socket, head) => {
      socket.on("error", () => {})
      if (handlers.connect === undefined) {
        socket.end("HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        return
      }
      runFork(handlers.connect(req, socket, head).pipe(closing(socket)))
    })
    server.on("upgrade", (req, socket, head) => {
      socket.on("error", () => {})
      if (handlers.upgrade === undefined) {
        socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        return
      }
      runFork(handlers.upgrade(req, socket, head).pipe(closing(socket)))
    })
    server.on("clientError", (err, socket) => {
      if (!socket.writable) return socket.destroy()
      const code = (err as NodeJS.ErrnoException).code
      const status = code === "HPE_HEADER_OVERFLOW" ? 431 : code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    })

    const bound = yield* Effect.acquireRelease(
      Effect.callback<Served, ListenError>((resume) => {
        const onError = (err: Error) => {
          resume(Effect.fail(new ListenError({ name, address, message: err.message })))
        }
        server.once("error", onError)
        server.listen(parsed.port, parsed.host, () => {
          server.off("error", onError)
          const a = server.address()
          const port = typeof a === "object" && a !== null ? a.port : parsed.port
          resume(Effect.succeed({ server, port, host: parsed.host }))
        })
      }),
      () =>
        Effect.gen(function* () {
          server.close()
          server.closeIdleConnections()
          // In-flight work gets up to drainMs; then what is left is interrupted with the FiberSet.
          yield* FiberSet.awaitEmpty(set).pipe(Effect.timeoutOption(drainMs))
          yield* FiberSet.clear(set)
          server.closeAllConnections()
        })
    )
    return bound
  })
