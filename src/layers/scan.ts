/**
 * Judging given inputs with the Inspector, without proxying: a URL, a text, an HTTP request or response,
 * MCP messages, a tool list. Shared by `pipelock check` (inputs read from files) and the admin API's
 * `POST /api/v1/scan` (inputs in the JSON body); both answer with `verdictJson`.
 */
import { Data, Effect } from "effect"
import { Inspector, type McpContext, type RequestContext } from "../services/Inspector.ts"
import type { Verdict } from "../services/Verdict.ts"

/** What to judge (each field optional; at least one is needed). Values are parsed JSON where noted. */
export interface ScanInput {
  readonly url?: string | undefined
  /** Judged both as an outgoing body (DLP) and as a response (injection). */
  readonly text?: string | undefined
  /** `{method, url, headers, body}`: the URL and the outgoing request. */
  readonly request?: unknown
  /** `{url, body}`: a response body. */
  readonly response?: unknown
  /** One MCP JSON-RPC message or an array of them (one conversation), in `direction`. */
  readonly mcp?: unknown
  readonly direction?: "request" | "response" | undefined
  /** A tools/list result (`{tools: [...]}`, a JSON-RPC response with `result.tools`, or the array). */
  readonly tools?: unknown
}

/** The input cannot be judged (wrong shape); the message says what was expected. */
export class ScanInputError extends Data.TaggedError("ScanInputError")<{ readonly message: string }> {}

export interface ScanOptions {
  readonly requestId: string
  /** The MCP session the messages belong to (one scan is one session). */
  readonly sessionKey: string
  readonly listener: RequestContext["listener"]
  /** Resolve hostnames (DNS + SSRF on the addresses); otherwise URLs are judged offline. */
  readonly resolve: boolean
}

/** The verdicts of every input given, in the order url, text, request, response, mcp, tools. */
export const judge = (input: ScanInput, options: ScanOptions): Effect.Effect<Verdict[], ScanInputError, Inspector> =>
  Effect.gen(function* () {
    const inspector = yield* Inspector
    const ctx: RequestContext = { requestId: options.requestId, listener: options.listener, skipDns: !options.resolve }
    const mcp: McpContext = { ...ctx, sessionKey: options.sessionKey }
    const verdicts: Verdict[] = []
    if (input.url !== undefined) verdicts.push((yield* inspector.checkUrl(input.url, ctx)).verdict)
    if (input.text !== undefined) {
      verdicts.push(yield* inspector.inspectRequest({ method: "POST", url: "http://check.invalid/", headers: { "content-type": "text/plain" }, body: Buffer.from(input.text) }, ctx))
      verdicts.push(yield* inspector.inspectResponse(input.text, { ...ctx, url: "http://check.invalid/" }))
    }
    if (input.request !== undefined) {
      const r = input.request as { method?: string; url?: string; headers?: Record<string, string>; body?: unknown } | null
      if (typeof r?.url !== "string") return yield* new ScanInputError({ message: "request needs JSON {method, url, headers, body}" })
      verdicts.push((yield* inspector.checkUrl(r.url, ctx)).verdict)
      const body = r.body === undefined ? undefined : Buffer.from(typeof r.body === "string" ? r.body : JSON.stringify(r.body))
      const headers = { ...(typeof r.body === "object" && r.body !== null ? { "content-type": "application/json" } : {}), ...(r.headers ?? {}) }
      verdicts.push(yield* inspector.inspectRequest({ method: r.method ?? "GET", url: r.url, headers, body }, ctx))
    }
    if (input.response !== undefined) {
      const r = input.response as { url?: string; body?: unknown } | null
      if (r === null || typeof r !== "object" || r.body === undefined) return yield* new ScanInputError({ message: "response needs JSON {url, body}" })
      const body = typeof r.body === "string" ? r.body : JSON.stringify(r.body)
      verdicts.push(yield* inspector.inspectResponse(body, { ...ctx, url: r.url ?? "http://check.invalid/" }))
    }
    if (input.mcp !== undefined) {
      for (const m of Array.isArray(input.mcp) ? input.mcp : [input.mcp]) {
        const v = input.direction === "response" ? yield* inspector.inspectMcpResponse(m, mcp) : yield* inspector.inspectMcpRequest(m, mcp)
        verdicts.push(v.verdict)
      }
    }
    if (input.tools !== undefined) {
      const parsed = input.tools as { tools?: unknown; result?: { tools?: unknown } } | null
      const tools = Array.isArray(parsed) ? parsed : parsed?.tools ?? parsed?.result?.tools
      if (!Array.isArray(tools)) return yield* new ScanInputError({ message: "tools needs a tools/list result {tools: [...]}" })
      verdicts.push((yield* inspector.inspectMcpResponse({ jsonrpc: "2.0", id: 1, result: { tools } }, { ...mcp, method: "tools/list" })).verdict)
    }
    return verdicts
  })

/** The verdict as `pipelock check --json` prints it: each finding with its redacted evidence, never the secret. */
export const verdictJson = (verdict: Verdict) => ({
  action: verdict.action,
  mode: verdict.mode,
  blocked: verdict.action === "block",
  findings: verdict.findings.map((f) => ({
    scanner: f.scanner, rule: f.rule, severity: f.severity, location: f.location, evidence: f.evidence, message: f.message, pass: f.pass
  }))
})
