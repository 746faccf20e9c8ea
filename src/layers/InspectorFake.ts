/**
 * A keyword inspector for transport tests: blocks the AWS example key `AKIAIOSFODNN7EXAMPLE` going out and
 * "ignore (all) previous instructions" coming in, resolves hosts through a fixed map. It lets the proxies
 * be tested without the real scanners; the real `Inspector` layer is src/layers/Inspector.ts.
 */
import { isIP } from "node:net"
import { Effect, Layer } from "effect"
import { Inspector, type McpVerdict, type PinnedTarget, type UrlCheck } from "../services/Inspector.ts"
import { allow, type Finding, type Verdict } from "../services/Verdict.ts"
import * as Reassemble from "./stream/reassemble.ts"
import { formatOf } from "./stream/reassemble.ts"

const SECRET = "AKIAIOSFODNN7EXAMPLE"
const INJECTION = /ignore\s+(all\s+)?previous\s+instructions/i

const block = (scanner: Finding["scanner"], rule: string, location: string): Verdict => {
  const f: Finding = { scanner, rule, severity: "critical", location, evidence: "[redacted]", message: `${rule} found` }
  return { action: "block", findings: [f], mode: "balanced", decisive: f }
}
const ok = allow("balanced")

const textOf = (u: unknown): string => (typeof u === "string" ? u : JSON.stringify(u) ?? "")

export interface FakeOptions {
  /** hostname → addresses the fake "DNS" returns; IP literals resolve to themselves; others fail (blocked). */
  readonly hosts?: Readonly<Record<string, ReadonlyArray<string>>> | undefined
}

export const make = (options: FakeOptions = {}) => {
  const resolve = (host: string, port: number, ctxUrl: string): UrlCheck => {
    if (ctxUrl.includes(SECRET)) return { verdict: block("dlp", "AWS Access ID", "url") }
    const bare = host.startsWith("[") ? host.slice(1, -1) : host
    const addresses = isIP(bare) !== 0 ? [bare] : options.hosts?.[bare.toLowerCase()]
    if (addresses === undefined || addresses.length === 0) return { verdict: block("ssrf", "dns_failure", "url.host") }
    const target: PinnedTarget = {
      host: bare,
      port,
      addresses: addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }))
    }
    return { verdict: ok, target }
  }
  const mcp = (v: Verdict): McpVerdict => ({ verdict: v, errorCode: -32001 })
  return Inspector.of({
    checkUrl: (url) =>
      Effect.sync(() => {
        let u: URL
        try {
          u = new URL(url)
        } catch {
          return { verdict: block("url", "parse_error", "url") }
        }
        if (u.protocol !== "http:" && u.protocol !== "https:" && u.protocol !== "ws:" && u.protocol !== "wss:") {
          return { verdict: block("url", "scheme", "url") }
        }
        const port = u.port !== "" ? Number(u.port) : u.protocol === "https:" || u.protocol === "wss:" ? 443 : 80
        return resolve(u.hostname, port, url)
      }),
    checkConnect: (host, port) => Effect.sync(() => resolve(host, port, host)),
    inspectRequest: (req) =>
      Effect.sync(() => {
        const headerText = Object.values(req.headers).map(textOf).join("\n")
        if (headerText.includes(SECRET)) return block("dlp", "AWS Access ID", "header")
        if (req.body !== undefined && Buffer.from(req.body).toString("utf8").includes(SECRET)) return block("dlp", "AWS Access ID", "body")
        return req.url.includes(SECRET) ? block("dlp", "AWS Access ID", "url") : ok
      }),
    inspectResponse: (text) => Effect.sync(() => (INJECTION.test(text) ? block("injection", "Prompt Injection", "body") : ok)),
    responseStream: (ctx) =>
      Effect.sync(() => {
        // The real reassembly core with keyword checks: the fake judges model text, not stream framing.
        const hit = (re: RegExp | string, scanner: Finding["scanner"], rule: string) => (text: string, location: string): Finding[] =>
          (typeof re === "string" ? text.includes(re) : re.test(text)) ? [...block(scanner, rule, location).findings] : []
        const secret = hit(SECRET, "dlp", "AWS Access ID")
        return Reassemble.make(formatOf(ctx.contentType), {
          text: hit(INJECTION, "injection", "Prompt Injection"),
          toolDelta: secret,
          toolCall: (_name, args, location) => secret(typeof args === "string" ? args : JSON.stringify(args) ?? "", location),
          decide: (findings) => (findings.length === 0 ? ok : { action: "block", findings, mode: "balanced", decisive: findings[0] })
        }, { maxEventBytes: 65536, audit: false })
      }),
    inspectWsMessage: (text, from) =>
      Effect.sync(() =>
        from === "client"
          ? text.includes(SECRET) ? block("dlp", "AWS Access ID", "ws.client") : ok
          : INJECTION.test(text) ? block("injection", "Prompt Injection", "ws.server") : ok),
    inspectMcpRequest: (message) => Effect.sync(() => mcp(textOf(message).includes(SECRET) ? block("dlp", "AWS Access ID", "params") : ok)),
    inspectMcpResponse: (message) => Effect.sync(() => mcp(INJECTION.test(textOf(message)) ? block("injection", "Prompt Injection", "result") : ok)),
    inspectMcpUnparseable: () => Effect.sync(() => mcp(block("parser", "invalid_json_rpc", "body"))),
    endMcpSession: () => Effect.void,
    recordTransfer: () => {}
  })
}

export const layer = (options: FakeOptions = {}): Layer.Layer<Inspector> => Layer.sync(Inspector, () => make(options))
