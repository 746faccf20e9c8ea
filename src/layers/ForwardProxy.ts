/**
 * The forward proxy on the main port: absolute-form HTTP, CONNECT (tunnels or TLS interception), WebSocket
 * upgrades and `/fetch`. Detection lives in the Inspector; this layer frames, decodes and acts on verdicts.
 */
import * as http from "node:http"
import type * as net from "node:net"
import type { Duplex } from "node:stream"
import type * as tls from "node:tls"
import { Effect, FiberSet, Layer, Option } from "effect"
import { CertAuthority } from "../services/CertAuthority.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { ForwardProxy } from "../services/ForwardProxy.ts"
import { Inspector } from "../services/Inspector.ts"
import { KillSwitch } from "../services/KillSwitch.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { type Finding } from "../services/Verdict.ts"
import { handleConnect, type Intercepted, interceptedOf } from "./forward/connect.ts"
import { type Deps, exchange } from "./forward/exchange.ts"
import { handleFetch } from "./forward/fetch.ts"
import { handleWebSocket } from "./forward/websocket.ts"
import { paceOf } from "./http/body.ts"
import { rejectSocket, sendJson } from "./http/respond.ts"
import { guardBody, latestConfig } from "./http/server.ts"
import { Metrics } from "../services/Metrics.ts"
import { UpstreamClient } from "../services/UpstreamClient.ts"
import * as UpstreamClientLayer from "./UpstreamClient.ts"
import { metrics } from "./telemetry/metrics.ts"

const authorityHost = (host: string | undefined) => (host ?? "").toLowerCase().replace(/:\d+$/, "").replace(/^\[|\]$/g, "")

/** `host[:port]` of a tunnel's origin, the port left out when it is the scheme's default. */
const authorityOf = (meta: Intercepted) => `${meta.host}${meta.port === (meta.scheme === "https" ? 443 : 80) ? "" : `:${meta.port}`}`

export const make = Effect.gen(function* () {
  const deps: Deps = {
    inspector: yield* Inspector,
    store: yield* ConfigStore,
    killSwitch: yield* KillSwitch,
    telemetry: yield* Telemetry,
    meter: yield* Metrics,
    // The host's or a test's client when one is provided, else the production one.
    upstream: Option.getOrElse(yield* Effect.serviceOption(UpstreamClient), UpstreamClientLayer.make)
  }
  const ca = Option.getOrUndefined(yield* Effect.serviceOption(CertAuthority))
  const latest = yield* latestConfig(deps.store)
  const set = yield* FiberSet.make<void, never>()
  const runFork = yield* FiberSet.runtime(set)<never>()

  // Requests inside intercepted TLS: the same exchange as plain HTTP, with the CONNECT host as the origin.
  const inner = http.createServer({ keepAlive: true, requestTimeout: 0, headersTimeout: 15_000 })
  inner.on("request", (req, res) => {
    guardBody(req, res, { listener: "forward", meter: deps.meter }, paceOf(latest().forward_proxy))
    const meta = interceptedOf.get(req.socket)
    if (meta === undefined) return sendJson(res, 500, { error: "internal_error" })
    if (authorityHost(req.headers.host) !== meta.host) {
      deps.meter.count(metrics.tlsRequestBlocked, { reason: "authority_mismatch" })
      const f: Finding = { scanner: "url", rule: "authority_mismatch", severity: "high", location: "header:host", evidence: String(req.headers.host ?? ""), action: "block",
        message: `Host ${String(req.headers.host)} does not match the CONNECT host ${meta.host}` }
      sendJson(res, 403, { blocked: true, reason: f.message, rule: f.rule, request_id: meta.requestId }, { "x-pipelock-block": f.rule })
      const mode = latest().mode
      return deps.telemetry.verdictUnsafe({ listener: meta.scheme === "https" ? "tls" : "forward", requestId: meta.requestId, action: "block", mode, method: req.method, target: meta.host, findings: [f], status: 403 })
    }
    const url = `${meta.scheme}://${authorityOf(meta)}${req.url ?? "/"}`
    const listener = meta.scheme === "https" ? "tls" : "forward"
    runFork(exchange(deps, req, res, { url, listener, bufferLimit: (c) => meta.scheme === "https" ? c.tls_interception.max_response_bytes : c.fetch_proxy.max_response_mb * 1024 * 1024 }).pipe(
      Effect.catchCause(() => Effect.sync(() => sendJson(res, 500, { error: "internal_error" })))
    ))
  })
  inner.on("upgrade", (req, socket, head) => {
    const meta = interceptedOf.get(req.socket)
    if (meta === undefined) return socket.destroy()
    const url = `${meta.scheme === "https" ? "wss" : "ws"}://${authorityOf(meta)}${req.url ?? "/"}`
    runFork(handleWebSocket(deps, req, socket, head, url, "websocket").pipe(Effect.catchCause(() => Effect.sync(() => socket.destroy()))))
  })
  inner.on("clientError", (_e, socket) => socket.destroy())
  yield* Effect.addFinalizer(() => Effect.sync(() => {
    inner.closeAllConnections()
    inner.close()
  }))
  const serveIntercepted = (socket: tls.TLSSocket | net.Socket, meta: Intercepted) => {
    interceptedOf.set(socket, meta)
    inner.emit("connection", socket)
  }

  return ForwardProxy.of({
    handleRequest: (req, res) =>
      Effect.gen(function* () {
        const config = yield* deps.store.current
        if (!config.forward_proxy.enabled) {
          return sendJson(res, 405, { error: "forward_proxy_disabled", message: "proxying needs forward_proxy.enabled" })
        }
        yield* exchange(deps, req, res, { url: req.url ?? "", listener: "forward", bufferLimit: (c) => c.fetch_proxy.max_response_mb * 1024 * 1024 })
      }),
    handleConnect: (req, socket, head) => handleConnect({ ...deps, ca, serveIntercepted }, req, socket, head),
    handleUpgrade: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = req.url ?? ""
      if (/^https?:\/\//i.test(url) || /^wss?:\/\//i.test(url)) return handleWebSocket(deps, req, socket, head, url, "websocket")
      if (url.startsWith("/ws?") || url.startsWith("/ws/?")) {
        const target = new URL(url, "http://pipelock.invalid").searchParams.get("url") ?? ""
        return handleWebSocket(deps, req, socket, head, target, "websocket")
      }
      return Effect.sync(() => rejectSocket(socket, 400, { error: "bad_request", message: "WebSocket upgrades go through the proxy (ws://host/…) or /ws?url=ws(s)://…" }))
    },
    handleFetch: (req, res) => handleFetch(deps, req, res)
  })
})

/** The forward proxy (CertAuthority is used when present, for TLS interception). */
export const layer: Layer.Layer<ForwardProxy, never, Inspector | ConfigStore | KillSwitch | Telemetry> = Layer.effect(ForwardProxy, make)
