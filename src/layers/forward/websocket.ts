/**
 * WebSocket proxying (the `ws` package): upgrades through the proxy (absolute-form `ws://` targets,
 * `/ws?url=ws(s)://…`, and upgrades inside intercepted TLS). Messages arrive reassembled from fragments;
 * text messages are scanned both ways (DLP outbound with an overlap window across messages, injection
 * inbound); binary per `allow_binary_frames`. A blocked message closes both sides with 1008 and a reason.
 * `max_message_bytes`, `max_concurrent_connections`, `max_connection_seconds`, `idle_timeout_seconds`,
 * `origin_policy`, `strip_compression` and `forward_cookies` apply; the kill switch closes every socket.
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage } from "node:http"
import type { Duplex } from "node:stream"
import type { ConnectionOptions } from "node:tls"
import { Effect } from "effect"
import { outcomeAttributes, recordFindings, requestSpan, serverAttributes, serverOf } from "../telemetry/spans.ts"
import WebSocket, { WebSocketServer } from "ws"
import type { Finding, Verdict } from "../../services/Verdict.ts"
import { clientIp, rejectSocket } from "../http/respond.ts"
import { metrics } from "../telemetry/metrics.ts"
import { blockBody, blockHeaders, blockStatus, type Deps, safeTarget } from "./exchange.ts"
import { pinnedLookup, upstreamContext } from "./upstream.ts"

const servers = new Map<number, WebSocketServer>()
const serverFor = (maxPayload: number) => {
  let s = servers.get(maxPayload)
  if (s === undefined) {
    s = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload })
    servers.set(maxPayload, s)
  }
  return s
}

let active = 0

/** Close codes that may be sent on the wire (1005/1006/1015 are reserved for reporting). */
const sendable = (code: number) => (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999)

/** How far back a secret split across messages is looked for (bytes of earlier client text). */
const CROSS_MESSAGE_WINDOW = 512

const FORWARDED = ["authorization", "user-agent", "accept-language", "sec-websocket-protocol"]

export const handleWebSocket = (deps: Deps, req: IncomingMessage, socket: Duplex, head: Buffer, targetUrl: string, listener: "websocket") =>
  requestSpan("ForwardProxy.websocket", () => serverAttributes(req, listener, serverOf(targetUrl)), (note, trace) => Effect.gen(function* () {
    const { inspector, store, telemetry } = deps
    const requestId = randomUUID()
    const config = yield* store.current
    const wp = config.websocket_proxy
    const ctx = { requestId, listener, clientIp: clientIp(req) }
    /** The URL as logs may show it (set by the URL check). */
    let display: string | undefined
    const log = (action: Verdict["action"], findings: ReadonlyArray<Finding>, status?: number) => {
      if (trace !== undefined) {
        note(outcomeAttributes({ action, findings, mode: config.mode, status, requestId, target: safeTarget(targetUrl, findings, display) }))
        recordFindings(trace.span, findings)
      }
      telemetry.verdictUnsafe({ listener, requestId, action, mode: config.mode, method: "GET", target: safeTarget(targetUrl, findings, display), clientIp: ctx.clientIp, status, findings }, trace?.span)
    }
    if (!wp.enabled) {
      rejectSocket(socket, 403, { blocked: true, reason: "the WebSocket proxy is disabled (websocket_proxy.enabled)", rule: "websocket_disabled", request_id: requestId })
      return log("block", [], 403)
    }
    let url: URL
    try {
      url = new URL(targetUrl)
      if (url.protocol === "http:") url.protocol = "ws:"
      if (url.protocol === "https:") url.protocol = "wss:"
    } catch {
      rejectSocket(socket, 400, { error: "bad_request", message: "a WebSocket target must be ws:// or wss://", request_id: requestId })
      return log("block", [], 400)
    }
    if (url.protocol !== "ws:" && url.protocol !== "wss:") {
      rejectSocket(socket, 400, { error: "bad_request", message: "a WebSocket target must be ws:// or wss://", request_id: requestId })
      return log("block", [], 400)
    }
    const check = yield* inspector.checkUrl(url.href, ctx)
    display = check.display
    if (check.verdict.action === "block" || check.target === undefined) {
      const status = blockStatus(check.verdict)
      rejectSocket(socket, status, blockBody(check.verdict, requestId), blockHeaders(check.verdict, requestId))
      return log("block", check.verdict.findings, status)
    }
    const headers: Record<string, string> = {}
    for (const h of FORWARDED) {
      const v = req.headers[h]
      if (typeof v === "string") headers[h] = v
    }
    if (wp.forward_cookies && typeof req.headers.cookie === "string") headers.cookie = req.headers.cookie
    const hv = yield* inspector.inspectRequest({ method: "GET", url: url.href, headers }, ctx)
    if (hv.action === "block") {
      rejectSocket(socket, 403, blockBody(hv, requestId), blockHeaders(hv, requestId))
      return log("block", hv.findings, 403)
    }
    if (active >= wp.max_concurrent_connections) {
      rejectSocket(socket, 503, { error: "too_many_websockets", message: `max_concurrent_connections (${wp.max_concurrent_connections}) reached`, request_id: requestId })
      return log("block", [], 503)
    }
    const origin = wp.origin_policy === "forward" ? req.headers.origin : wp.origin_policy === "rewrite" ? `${url.protocol === "wss:" ? "https" : "http"}://${url.host}` : undefined
    const protocols = typeof req.headers["sec-websocket-protocol"] === "string" ? req.headers["sec-websocket-protocol"].split(",").map((s) => s.trim()) : undefined
    delete headers["sec-websocket-protocol"]

    yield* Effect.callback<void>((resume) => {
      let finished = false
      const findings: Finding[] = [...check.verdict.findings, ...hv.findings]
      const upstream = new WebSocket(url.href, protocols, {
        headers: origin === undefined ? headers : { ...headers, origin },
        lookup: pinnedLookup(check.target!),
        // One parsed context per bundle (a `ca` array would parse ~150 roots at every connection).
        ...({ secureContext: upstreamContext(config.tls_interception.upstream_ca_bundle) } satisfies ConnectionOptions),
        perMessageDeflate: !wp.strip_compression,
        maxPayload: wp.max_message_bytes,
        handshakeTimeout: config.fetch_proxy.timeout_seconds * 1000
      })
      let client: WebSocket | undefined
      let action: Verdict["action"] = findings.length > 0 ? "warn" : "allow"
      const timers: NodeJS.Timeout[] = []
      let idle: NodeJS.Timeout | undefined
      let unregister = () => {}
      const finish = () => {
        if (finished) return
        finished = true
        timers.forEach(clearTimeout)
        if (idle) clearTimeout(idle)
        unregister()
        if (client !== undefined) {
          active--
          deps.meter.adjust(metrics.wsActive, -1)
        }
        log(action, findings)
        resume(Effect.void)
      }
      const closeBoth = (code: number, reason: string) => {
        const r = reason.slice(0, 120)
        for (const w of [client, upstream]) {
          if (w === undefined) continue
          if (w.readyState === WebSocket.OPEN) w.close(code, r)
          else w.terminate()
        }
        // Do not wait forever for close handshakes.
        timers.push(setTimeout(() => {
          client?.terminate()
          upstream.terminate()
          finish()
        }, 2000))
      }
      const touch = () => {
        if (idle) clearTimeout(idle)
        idle = setTimeout(() => closeBoth(1001, "idle timeout"), wp.idle_timeout_seconds * 1000)
      }
      upstream.on("unexpected-response", (_r, res) => {
        rejectSocket(socket, 502, { error: "upstream_rejected", message: `the WebSocket upstream answered ${res.statusCode}`, request_id: requestId })
        res.resume()
        finish()
      })
      upstream.on("error", (e) => {
        if (client === undefined) {
          rejectSocket(socket, 502, { error: "upstream_error", message: e.message, request_id: requestId })
          finish()
        } else closeBoth(1011, "upstream error")
      })
      upstream.on("open", () => {
        serverFor(wp.max_message_bytes).handleUpgrade(req, socket, head, (ws) => {
          client = ws
          active++
          deps.meter.recordWebsocket()
          deps.meter.adjust(metrics.wsActive, 1)
          deps.meter.count(metrics.wsConnections, { result: "open" })
          touch()
          timers.push(setTimeout(() => closeBoth(1001, "max connection time"), wp.max_connection_seconds * 1000))
          unregister = deps.killSwitch.onTrip(() => {
            findings.push({ scanner: "kill_switch", rule: "kill_switch", severity: "critical", location: "websocket", evidence: "", message: "kill switch closed the WebSocket" })
            action = "block"
            closeBoth(1008, "kill switch active")
          })
          let previous = ""
          const judge = (text: string, from: "client" | "server"): Verdict => {
            // Outbound, the tail of earlier messages is prepended so a secret split across messages is found.
            const window = from === "client" ? previous + text : text
            let v = Effect.runSync(inspector.inspectWsMessage(window, from, { ...ctx, url: url.href }))
            // Glued to the previous message, a token no longer starts a word (`…theresk_test_…`): the message
            // is also judged on its own.
            if (v.action !== "block" && window !== text) {
              const alone = Effect.runSync(inspector.inspectWsMessage(text, from, { ...ctx, url: url.href }))
              if (alone.action === "block") v = alone
            }
            if (from === "client") previous = window.slice(-CROSS_MESSAGE_WINDOW)
            return v
          }
          const relay = (from: "client" | "server", to: WebSocket) => (data: WebSocket.RawData, isBinary: boolean) => {
            touch()
            if (deps.killSwitch.isActiveUnsafe()) return closeBoth(1008, "kill switch active")
            deps.meter.count(metrics.wsFrames, { direction: from === "client" ? "outbound" : "inbound", type: isBinary ? "binary" : "text" })
            if (isBinary) {
              if (!wp.allow_binary_frames) {
                findings.push({ scanner: "body", rule: "binary_frame", severity: "high", location: `ws.${from}`, evidence: "", message: "binary WebSocket frames are not allowed (allow_binary_frames)", action: "block" })
                action = "block"
                return closeBoth(1008, "binary frames not allowed")
              }
              return to.send(data, { binary: true })
            }
            const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8")
            if (wp.scan_text_frames) {
              const v = judge(text, from)
              if (v.findings.length > 0) deps.meter.count(metrics.wsScanHits, { scanner: v.decisive?.scanner ?? v.findings[0].scanner })
              if (v.action === "block") {
                findings.push(...v.findings)
                action = "block"
                return closeBoth(1008, `blocked: ${v.decisive?.rule ?? "policy"}`)
              }
              if (v.action === "warn") {
                findings.push(...v.findings)
                if (action === "allow") action = "warn"
              }
            }
            to.send(text, { binary: false })
          }
          ws.on("message", relay("client", upstream))
          upstream.on("message", relay("server", ws))
          ws.on("close", (code, reason) => {
            if (upstream.readyState === WebSocket.OPEN) upstream.close(sendable(code) ? code : 1000, reason.toString().slice(0, 120))
            else upstream.terminate()
            finish()
          })
          upstream.on("close", (code, reason) => {
            if (ws.readyState === WebSocket.OPEN) ws.close(sendable(code) ? code : 1000, reason.toString().slice(0, 120))
            else ws.terminate()
            finish()
          })
          ws.on("error", () => closeBoth(1011, "client error"))
        })
      })
      return Effect.sync(() => {
        client?.terminate()
        upstream.terminate()
        finish()
      })
    })
  }), req.headers)
