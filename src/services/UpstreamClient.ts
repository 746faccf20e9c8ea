/**
 * The HTTP client every upstream hop goes through: the forward proxy's origin requests (plain, intercepted
 * TLS, `/fetch`) and the MCP proxy's requests to its upstream server. Replace it to route, record or fake
 * upstream traffic (tests, a host app's own egress).
 */
import type * as http from "node:http"
import { Context } from "effect"
import type { PinnedTarget } from "./Inspector.ts"

export interface Request {
  readonly url: URL
  readonly method: string
  readonly headers: http.OutgoingHttpHeaders
  /** Socket inactivity timeout (the request emits `timeout`). */
  readonly timeoutMs: number
  /**
   * The addresses the URL guard vetted: the connection must go to one of them (a DNS answer that changed
   * since the check must not redirect it). Undefined for the MCP upstream, a fixed URL from the command line.
   */
  readonly target?: PinnedTarget | undefined
  /** Extra trusted CAs for upstream TLS (`tls_interception.upstream_ca_bundle`, "" for none). */
  readonly caBundle?: string | undefined
  /** Use a fresh connection (for Upgrade requests). */
  readonly noAgent?: boolean | undefined
}

export interface Service {
  /**
   * Starts a request; the caller writes the body and ends it, and listens for `response`, `timeout` and
   * `error`. Destroying it aborts the upstream exchange.
   */
  readonly request: (request: Request) => http.ClientRequest
}

export class UpstreamClient extends Context.Service<UpstreamClient, Service>()("pipelock/services/UpstreamClient") {}
