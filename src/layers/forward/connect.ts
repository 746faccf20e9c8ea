/**
 * CONNECT tunnels. The target is checked like a URL (lists, SSRF with the DNS answer pinned, DLP and entropy
 * in the hostname). Without interception the tunnel is opaque: the ClientHello's SNI must name the CONNECT
 * host (no domain fronting), then bytes are relayed to the pinned address, within `max_tunnel_seconds` and
 * `idle_timeout_seconds`, and cut the moment the kill switch trips. With `tls_interception` (and a host not in
 * `passthrough_domains`) the client's TLS ends here with a leaf certificate from our CA, and each request
 * inside goes through the same scanning as plain HTTP.
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage } from "node:http"
import * as net from "node:net"
import type { Duplex } from "node:stream"
import * as tls from "node:tls"
import { Effect } from "effect"
import type * as CertAuthority from "../../services/CertAuthority.ts"
import type { PinnedTarget } from "../../services/Inspector.ts"
import type { Finding } from "../../services/Verdict.ts"
import { matchesAny } from "../detect/domain.ts"
import { clientIp, rejectSocket } from "../http/respond.ts"
import { metrics } from "../telemetry/metrics.ts"
import { outcomeAttributes, recordFindings, requestSpan, serverAttributes, serverOf } from "../telemetry/spans.ts"
import { blockBody, blockHeaders, blockStatus, type Deps } from "./exchange.ts"
import { readSni } from "./sni.ts"

/** `host:port` of a CONNECT request (`[v6]:port` too), or undefined when malformed. */
export const parseAuthority = (target: string | undefined): { host: string; port: number } | undefined => {
  if (target === undefined) return undefined
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(target)
  if (m === null) return undefined
  const port = Number(m[3])
  if (port < 1 || port > 65535) return undefined
  return { host: (m[1] ?? m[2]).toLowerCase(), port }
}

/** Metadata an intercepted TLS socket carries to the inner HTTP server. */
export interface Intercepted {
  readonly host: string
  readonly port: number
  readonly requestId: string
  /** `https` for intercepted TLS; `http` for plain HTTP a client sends through a tunnel. */
  readonly scheme: "http" | "https"
}

const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "PROPPATCH", "REPORT", "SEARCH", "QUERY"])

/** Whether the first bytes in a tunnel are a plain HTTP/1.x request (`GET /path HTTP/1.1`). */
export const looksLikeHttp = (first: Buffer): boolean => {
  const space = first.indexOf(0x20)
  if (space < 3 || space > 10) return false
  return HTTP_METHODS.has(first.subarray(0, space).toString("latin1"))
}
export const interceptedOf = new WeakMap<object, Intercepted>()

/** Reads the first TLS record (or whatever the client sends first), bounded in size and time. */
const firstBytes = (socket: Duplex, head: Buffer, timeoutMs: number): Promise<Buffer> =>
  new Promise((resolve) => {
    let buf = head
    const complete = () => buf.length >= 5 && (buf[0] !== 0x16 || buf.length >= 5 + buf.readUInt16BE(3) || buf.length >= 16 * 1024)
    if (complete()) return resolve(buf)
    const onData = (c: Buffer) => {
      buf = Buffer.concat([buf, c])
      if (complete()) finish()
    }
    const finish = () => {
      clearTimeout(timer)
      socket.off("data", onData)
      socket.off("end", finish)
      socket.off("close", finish)
      socket.pause()
      resolve(buf)
    }
    const timer = setTimeout(finish, timeoutMs)
    socket.on("data", onData)
    socket.on("end", finish)
    socket.on("close", finish)
  })

export interface ConnectDeps extends Deps {
  /** The CA, when interception was enabled at startup. */
  readonly ca: CertAuthority.Service | undefined
  /** Hands a decrypted socket to the inner HTTP server that scans each request. */
  readonly serveIntercepted: (socket: tls.TLSSocket | net.Socket, meta: Intercepted) => void
}

export const handleConnect = (deps: ConnectDeps, req: IncomingMessage, socket: Duplex, head: Buffer) =>
  requestSpan("ForwardProxy.connect", () => serverAttributes(req, "connect", serverOf(`https://${req.url ?? ""}`)), (note, trace) => Effect.gen(function* () {
    const { inspector, store, telemetry, killSwitch } = deps
    const requestId = randomUUID()
    const config = yield* store.current
    const ctx = { requestId, listener: "connect" as const, clientIp: clientIp(req) }
    const target = parseAuthority(req.url)
    /** The target as logs may show it: set by the check (a host a DLP rule matched in is never shown). */
    let display = "[unchecked]"
    const log = (action: "allow" | "block" | "warn", findings: ReadonlyArray<Finding>, status?: number) => {
      if (trace !== undefined) {
        note(outcomeAttributes({ action, findings, mode: config.mode, status, requestId, target: display }))
        recordFindings(trace.span, findings)
      }
      telemetry.verdictUnsafe({ listener: "connect", requestId, action, mode: config.mode, method: "CONNECT", target: display, clientIp: ctx.clientIp, status, findings }, trace?.span)
    }
    if (!config.forward_proxy.enabled) {
      rejectSocket(socket, 405, { error: "forward_proxy_disabled", message: "CONNECT needs forward_proxy.enabled", request_id: requestId })
      return log("block", [], 405)
    }
    if (target === undefined) {
      rejectSocket(socket, 400, { error: "bad_request", message: `invalid CONNECT target ${JSON.stringify(req.url ?? "")}: expected host:port`, request_id: requestId })
      return log("block", [], 400)
    }
    const check = yield* inspector.checkConnect(target.host, target.port, ctx)
    display = check.display ?? `${target.host}:${target.port}`
    if (check.verdict.action === "block" || check.target === undefined) {
      deps.meter.count(metrics.tunnelsTotal, { result: "blocked" })
      const status = blockStatus(check.verdict)
      rejectSocket(socket, status, blockBody(check.verdict, requestId), blockHeaders(check.verdict, requestId))
      return log("block", check.verdict.findings, status)
    }
    const intercept = config.tls_interception.enabled && !matchesAny(target.host, config.tls_interception.passthrough_domains)
    if (intercept && deps.ca === undefined) {
      rejectSocket(socket, 503, { error: "interception_unavailable", message: "tls_interception was enabled after startup: restart pipelock to load the CA", request_id: requestId })
      return log("block", [], 503)
    }
    socket.write("HTTP/1.1 200 Connection Established\r\nVia: 1.1 pipelock\r\n\r\n")
    const first = yield* Effect.promise(() => firstBytes(socket, head, 5000))
    // Plain HTTP through a tunnel (curl --proxytunnel, Node's fetch with NODE_USE_ENV_PROXY for http:// URLs)
    // is readable: each request in it is scanned like a proxied one, never relayed unseen.
    if (looksLikeHttp(first) && socket instanceof net.Socket) {
      deps.meter.count(metrics.tunnelsTotal, { result: "plain_http" })
      deps.serveIntercepted(socket, { host: target.host, port: target.port, requestId, scheme: "http" })
      // The HTTP server reads the socket's handle directly from now on: the bytes already read are handed to
      // its parser as the first data event.
      socket.emit("data", first)
      socket.resume()
      return log("allow", check.verdict.findings)
    }
    if (intercept) {
      deps.meter.count(metrics.tlsInterceptTotal, { outcome: "intercepted" })
      return yield* interceptTls(deps, socket, first, target, requestId)
    }
    deps.meter.count(metrics.tlsInterceptTotal, { outcome: "passthrough" })

    // SNI must name the CONNECT host: a tunnel to one host must not carry a TLS session for another.
    if (config.forward_proxy.sni_verification && first.length > 0) {
      const sni = yield* Effect.promise(() => readSni(first))
      const category = sni.outcome === "sni" ? (sni.sni!.toLowerCase() === target.host ? "match" : "mismatch") : sni.outcome
      deps.meter.count(metrics.sniTotal, { category })
      if (category === "mismatch") {
        const f: Finding = {
          scanner: "url", rule: "sni_mismatch", severity: "high", location: "tls.sni", evidence: sni.sni ?? "", action: "block",
          message: `TLS SNI ${sni.sni} does not match the CONNECT host ${target.host} (domain fronting)`
        }
        socket.destroy()
        return log("block", [f])
      }
    }
    yield* tunnel(deps, socket, first, target, check.target, requestId, display, (findings) => log("allow", [...check.verdict.findings, ...findings]))
  }), req.headers)

const tunnel = (deps: ConnectDeps, client: Duplex, first: Buffer, target: { host: string; port: number }, pinned: PinnedTarget, requestId: string, display: string, onClose: (f: Finding[]) => void) =>
  Effect.callback<void>((resume) => {
    const started = performance.now()
    const config = Effect.runSync(deps.store.current)
    const upstream = net.connect({ host: pinned.addresses[0].address, port: target.port })
    let closed = false
    let bytesUp = first.length
    let bytesDown = 0
    deps.meter.recordTunnel()
    deps.meter.adjust(metrics.activeTunnels, 1)
    const findings: Finding[] = []
    const close = (why?: string) => {
      if (closed) return
      closed = true
      clearTimeout(maxTimer)
      unregister()
      client.destroy()
      upstream.destroy()
      deps.meter.adjust(metrics.activeTunnels, -1)
      deps.meter.count(metrics.tunnelsTotal, { result: why === undefined ? "closed" : why })
      deps.meter.count(metrics.tunnelBytes, { direction: "up" }, bytesUp)
      deps.meter.count(metrics.tunnelBytes, { direction: "down" }, bytesDown)
      deps.meter.observe(metrics.tunnelDuration, (performance.now() - started) / 1000)
      if (why === "kill_switch") findings.push({ scanner: "kill_switch", rule: "kill_switch", severity: "critical", location: "tunnel", evidence: "", message: "kill switch cut the tunnel" })
      deps.telemetry.logUnsafe("info", "tunnel_close", { request_id: requestId, target: display, bytes_up: bytesUp, bytes_down: bytesDown, reason: why ?? "closed" })
      onClose(findings)
      resume(Effect.void)
    }
    const unregister = deps.killSwitch.onTrip(() => close("kill_switch"))
    const maxTimer = setTimeout(() => close("max_duration"), config.forward_proxy.max_tunnel_seconds * 1000)
    const idleMs = config.forward_proxy.idle_timeout_seconds * 1000
    ;(client as Partial<net.Socket>).setTimeout?.(idleMs, () => close("idle"))
    upstream.setTimeout(idleMs, () => close("idle"))
    upstream.on("connect", () => {
      if (first.length > 0) upstream.write(first)
      client.on("data", (c: Buffer) => {
        bytesUp += c.length
        if (!upstream.write(c)) client.pause()
      })
      upstream.on("drain", () => client.resume())
      upstream.on("data", (c: Buffer) => {
        bytesDown += c.length
        if (!client.write(c)) upstream.pause()
      })
      client.on("drain", () => upstream.resume())
      client.resume()
    })
    upstream.on("error", () => close("upstream_error"))
    client.on("error", () => close("client_error"))
    upstream.on("close", () => close())
    client.on("close", () => close())
    client.on("end", () => upstream.end())
    upstream.on("end", () => client.end())
    return Effect.sync(() => close("shutdown"))
  })

/**
 * One TLS context per leaf certificate (the CA caches leaves per host): parsing the certificate and key once,
 * not at every intercepted connection, and sharing the context's session-ticket keys, so a client that
 * reconnects to the same host resumes its TLS session instead of a full handshake.
 */
const contexts = new WeakMap<CertAuthority.Leaf, tls.SecureContext>()
const contextOf = (leaf: CertAuthority.Leaf): tls.SecureContext => {
  let context = contexts.get(leaf)
  if (context === undefined) {
    context = tls.createSecureContext({ cert: leaf.cert, key: leaf.key })
    contexts.set(leaf, context)
  }
  return context
}

const interceptTls = (deps: ConnectDeps, socket: Duplex, head: Buffer, target: { host: string; port: number }, requestId: string) =>
  Effect.gen(function* () {
    const leaf = yield* deps.ca!.leafFor(target.host).pipe(Effect.result)
    if (leaf._tag === "Failure") {
      deps.meter.count(metrics.tlsInterceptTotal, { outcome: "handshake_error" })
      deps.telemetry.logUnsafe("error", "tls_leaf_failed", { request_id: requestId, host: target.host, error: leaf.failure.message })
      socket.destroy()
      return
    }
    if (head.length > 0) socket.unshift(head)
    const tlsSocket = new tls.TLSSocket(socket, {
      isServer: true,
      secureContext: contextOf(leaf.success),
      ALPNProtocols: ["http/1.1"]
    })
    const started = performance.now()
    tlsSocket.on("error", () => socket.destroy())
    tlsSocket.once("secure", () => {
      deps.meter.observe(metrics.tlsHandshakeDuration, (performance.now() - started) / 1000, { side: "client" })
      const sni = tlsSocket.servername
      if (typeof sni === "string" && sni.toLowerCase() !== target.host) {
        deps.meter.count(metrics.sniTotal, { category: "mismatch" })
        deps.telemetry.logUnsafe("warn", "blocked", { listener: "tls", request_id: requestId, rule: "sni_mismatch", sni, target: target.host })
        tlsSocket.destroy()
        return
      }
      deps.serveIntercepted(tlsSocket, { host: target.host, port: target.port, requestId, scheme: "https" })
    })
  })
