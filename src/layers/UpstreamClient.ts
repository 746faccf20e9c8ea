/**
 * The production upstream client: node:http(s) with keep-alive agents, connecting only to the pinned
 * addresses the URL guard vetted (see forward/upstream.ts), TLS verified against the system store plus
 * `tls_interception.upstream_ca_bundle`.
 */
import { Layer } from "effect"
import { type Service, UpstreamClient } from "../services/UpstreamClient.ts"
import * as Upstream from "./forward/upstream.ts"

export const make = (): Service =>
  UpstreamClient.of({
    request: (r) => {
      const options = { method: r.method, headers: r.headers, timeoutMs: r.timeoutMs, caBundle: r.caBundle ?? "", noAgent: r.noAgent }
      return r.target !== undefined ? Upstream.request(r.url, r.target, options) : Upstream.requestUnpinned(r.url, options)
    }
  })

export const layer: Layer.Layer<UpstreamClient> = Layer.sync(UpstreamClient, make)
