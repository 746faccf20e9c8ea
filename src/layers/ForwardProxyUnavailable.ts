/** The main port's answer to proxy traffic while the forward proxy is not built in: a clear 501, never a pass-through. */
import { Effect, Layer } from "effect"
import { ForwardProxy } from "../services/ForwardProxy.ts"
import { rejectSocket, sendJson } from "./http/respond.ts"

const body = { blocked: true, reason: "forward proxy not available in this build", rule: "unavailable" }

export const layer: Layer.Layer<ForwardProxy> = Layer.succeed(
  ForwardProxy,
  ForwardProxy.of({
    handleRequest: (_req, res) => Effect.sync(() => sendJson(res, 501, body)),
    handleConnect: (_req, socket) => Effect.sync(() => rejectSocket(socket, 501, body)),
    handleUpgrade: (_req, socket) => Effect.sync(() => rejectSocket(socket, 501, body)),
    handleFetch: (_req, res) => Effect.sync(() => sendJson(res, 501, body))
  })
)
