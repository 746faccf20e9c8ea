/** The forward proxy on the main port: absolute-form HTTP, CONNECT tunnels, WebSocket upgrades and `/fetch`. */
import type { IncomingMessage, ServerResponse } from "node:http"
import type { Duplex } from "node:stream"
import { Context, type Effect } from "effect"

export interface Service {
  /** An absolute-form request (`GET http://host/path`): scan, forward, scan the response. */
  readonly handleRequest: (req: IncomingMessage, res: ServerResponse) => Effect.Effect<void>
  /** A `CONNECT host:port` request: a tunnel, or TLS interception. */
  readonly handleConnect: (req: IncomingMessage, socket: Duplex, head: Buffer) => Effect.Effect<void>
  /** An HTTP Upgrade (WebSocket) through the proxy: absolute-form or `/ws?url=`. */
  readonly handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => Effect.Effect<void>
  /** `GET /fetch?url=…`: fetch through the guards, answer JSON. */
  readonly handleFetch: (req: IncomingMessage, res: ServerResponse) => Effect.Effect<void>
}

export class ForwardProxy extends Context.Service<ForwardProxy, Service>()("pipelock/services/ForwardProxy") {}
