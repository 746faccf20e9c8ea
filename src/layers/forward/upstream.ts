/**
 * Outbound connections to origins, pinned to the addresses the URL guard checked: the hostname stays in
 * the Host header and the TLS SNI/certificate check, but the socket goes only to a vetted address (a DNS
 * answer that changes between check and connect cannot redirect it). Keep-alive agents per origin; upstream
 * TLS is verified against the system store plus `tls_interception.upstream_ca_bundle`.
 */
import * as http from "node:http"
import * as https from "node:https"
import { readFileSync } from "node:fs"
import { urlToHttpOptions } from "node:url"
import { isIP, type LookupFunction } from "node:net"
import { type ConnectionOptions, createSecureContext, rootCertificates, type SecureContext } from "node:tls"
import type { PinnedTarget } from "../../services/Inspector.ts"

/** A `lookup` that answers with the pinned addresses only (first one; Node falls back on failure with autoSelectFamily). */
export const pinnedLookup = (target: PinnedTarget): LookupFunction => ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  const list = target.addresses
  if (options?.all === true) callback(null, list.map((a) => ({ address: a.address, family: a.family })))
  else callback(null, list[0].address, list[0].family)
}) as unknown as LookupFunction

const bundles = new Map<string, ReadonlyArray<string>>()

/** The trusted CAs for upstream TLS: the system store plus the configured bundle (read once per path). */
export const upstreamCa = (bundlePath: string): ReadonlyArray<string> | undefined => {
  if (bundlePath === "") return undefined
  let ca = bundles.get(bundlePath)
  if (ca === undefined) {
    ca = [...rootCertificates, readFileSync(bundlePath, "utf8")]
    bundles.set(bundlePath, ca)
  }
  return ca
}

const contexts = new Map<string, SecureContext>()

/**
 * The TLS context trusting `upstreamCa(bundlePath)`, built once per path (undefined: Node's default store).
 * Connections take it as `secureContext` rather than `ca`: a `ca` array in an agent's options is joined into the
 * agent's pool key (the ~150 system roots, 180 KB) at every request, and parsed again at every new connection.
 */
export const upstreamContext = (bundlePath: string): SecureContext | undefined => {
  if (bundlePath === "") return undefined
  let context = contexts.get(bundlePath)
  if (context === undefined) {
    context = createSecureContext({ ca: upstreamCa(bundlePath) as string[] })
    contexts.set(bundlePath, context)
  }
  return context
}

const agents = new Map<string, http.Agent>()

/** A keep-alive agent per origin and pinned address set. */
const agentFor = (secure: boolean, target: PinnedTarget, caBundle: string): http.Agent => {
  const key = `${secure ? "https" : "http"}|${target.host}|${target.port}|${target.addresses.map((a) => a.address).join(",")}|${caBundle}`
  let agent = agents.get(key)
  if (agent === undefined) {
    const options = { keepAlive: true, maxSockets: 256, maxFreeSockets: 32, timeout: 60_000, scheduling: "lifo" as const }
    // The agent is per bundle (in the key): its connections verify against the bundle's context.
    agent = secure ? new https.Agent({ ...options, secureContext: upstreamContext(caBundle) }) : new http.Agent(options)
    if (agents.size > 4096) {
      const [oldKey, old] = agents.entries().next().value as [string, http.Agent]
      old.destroy()
      agents.delete(oldKey)
    }
    agents.set(key, agent)
  }
  return agent
}

/** TLS options of one request: a fresh connection (no agent) gets the bundle's context; an agent brings its own. */
const tlsFor = (o: UpstreamOptions): ConnectionOptions => o.noAgent === true ? { secureContext: upstreamContext(o.caBundle) } : {}

export interface UpstreamOptions {
  readonly method: string
  readonly headers: http.OutgoingHttpHeaders
  readonly timeoutMs: number
  readonly caBundle: string
  /** Use a fresh connection (for Upgrade requests). */
  readonly noAgent?: boolean
}

/** Starts a request to `url` over a connection to one of the pinned addresses. */
export const request = (url: URL, target: PinnedTarget, o: UpstreamOptions): http.ClientRequest => {
  const secure = url.protocol === "https:" || url.protocol === "wss:"
  const common = {
    host: target.host,
    port: target.port,
    path: `${url.pathname}${url.search}`,
    method: o.method,
    headers: o.headers,
    lookup: pinnedLookup(target),
    timeout: o.timeoutMs,
    agent: o.noAgent ? false : agentFor(secure, target, o.caBundle)
  }
  return secure
    // No SNI for an IP-literal host (RFC 6066; Node warns with DEP0123 and will ignore it); certificate
    // verification still checks the IP against the certificate's IP SANs.
    ? https.request({ ...common, servername: isIP(target.host) === 0 ? target.host : undefined, ...tlsFor(o) })
    : http.request(common)
}

const plainAgent = new http.Agent({ keepAlive: true, maxSockets: 256 })
const unpinnedHttps = new Map<string, https.Agent>()
/** The keep-alive HTTPS agent for a CA bundle ("" : Node's default store): its connections verify against it. */
const unpinnedAgent = (caBundle: string): https.Agent => {
  let agent = unpinnedHttps.get(caBundle)
  if (agent === undefined) {
    agent = new https.Agent({ keepAlive: true, maxSockets: 256, secureContext: upstreamContext(caBundle) })
    unpinnedHttps.set(caBundle, agent)
  }
  return agent
}

/**
 * A request to a fixed URL resolved normally (the MCP upstream): keep-alive agents shared by the process
 * (an agent holds no state of an instance, only idle sockets), one per CA bundle for HTTPS.
 */
export const requestUnpinned = (url: URL, o: UpstreamOptions): http.ClientRequest => {
  const secure = url.protocol === "https:"
  const base = urlOptionsOf(url)
  if (!secure) return http.request({ ...base, method: o.method, headers: o.headers, timeout: o.timeoutMs, agent: o.noAgent ? false : plainAgent })
  return https.request({ ...base, method: o.method, headers: o.headers, timeout: o.timeoutMs, agent: o.noAgent ? false : unpinnedAgent(o.caBundle), ...tlsFor(o) })
}

/** A URL's request options (what `http.request(url, …)` derives at every call), once per URL object (the MCP upstream's is fixed). */
const urlOptions = new WeakMap<URL, http.RequestOptions>()
const urlOptionsOf = (url: URL): http.RequestOptions => {
  let o = urlOptions.get(url)
  if (o === undefined) {
    o = urlToHttpOptions(url)
    urlOptions.set(url, o)
  }
  return o
}
