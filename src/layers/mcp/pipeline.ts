/**
 * The MCP message pipeline shared by the HTTP reverse proxy and the stdio wrapper: each client→server
 * message is judged (input scanning, tool policy, session binding, chains) and forwarded, answered with a
 * JSON-RPC error, or redirected to a handler; each server→client message is judged (tool lists, results,
 * notifications, server requests) and forwarded or replaced by an error. Every verdict is logged and counted.
 */
import { Effect } from "effect"
import type { Config } from "../../services/Config.ts"
import type * as Inspector from "../../services/Inspector.ts"
import type * as Telemetry from "../../services/Telemetry.ts"
import type { Verdict } from "../../services/Verdict.ts"
import type { Meter } from "../telemetry/metrics.ts"
import { metrics } from "../telemetry/metrics.ts"
import { blockError, idOf, isObject, isRequest, type Message, rpcError, safeId } from "./jsonrpc.ts"
import { defaultQuarantineDir, runRedirect } from "./redirect.ts"

export interface PipelineDeps {
  readonly inspector: Inspector.Service
  readonly telemetry: Telemetry.Service
  /** The instance's metrics. */
  readonly meter: Meter
  /** The forward proxy's `/fetch` URL, for the built-in `internal-redirect fetch-proxy` handler (absent under the stdio wrapper). */
  readonly fetchEndpoint?: string | undefined
}

/** What a redirect handler gets in its environment besides Pipelock's own. */
const redirectEnv = (deps: PipelineDeps, config: Config): Record<string, string> => ({
  PIPELOCK_QUARANTINE_DIR: config.mcp_tool_policy.quarantine_dir !== "" ? config.mcp_tool_policy.quarantine_dir : defaultQuarantineDir(),
  ...(deps.fetchEndpoint !== undefined ? { PIPELOCK_FETCH_ENDPOINT: deps.fetchEndpoint } : {})
})

export type ClientOutcome =
  /** Send on to the server. */
  | { readonly kind: "forward"; readonly message: unknown; readonly verdict: Verdict }
  /** Answer the client directly (a block error or a redirect's result); nothing reaches the server. */
  | { readonly kind: "reply"; readonly message: Message | undefined; readonly verdict: Verdict }

export type ServerOutcome = { readonly message: unknown; readonly verdict: Verdict; readonly blocked: boolean; readonly toolNames?: ReadonlyArray<string> | undefined }

export const toolOf = (m: unknown): string | undefined =>
  isObject(m) && m.method === "tools/call" && isObject(m.params) && typeof m.params.name === "string" ? m.params.name : undefined

const methodOf = (m: unknown): string => (isObject(m) && typeof m.method === "string" ? m.method : isObject(m) && ("result" in m || "error" in m) ? "response" : "invalid")

/** A name from the message for logs and labels, unless a DLP rule matched in it. */
const shown = (name: string | undefined, sensitive: ReadonlyArray<string> | undefined): string | undefined =>
  name === undefined || sensitive === undefined || !sensitive.some((t) => name.includes(t) || t.includes(name)) ? name : "[redacted]"

const record = (deps: PipelineDeps, config: Config, ctx: Inspector.McpContext, direction: "request" | "response", message: unknown, mv: Inspector.McpVerdict) => {
  const verdict = mv.verdict
  const tool = shown(toolOf(message), mv.sensitive)
  const method = shown(methodOf(message), mv.sensitive) ?? "invalid"
  deps.meter.count(metrics.mcpMessages, { transport: ctx.listener, direction, method: deps.meter.boundedLabel("method", method), action: verdict.action })
  if (tool !== undefined) deps.meter.count(metrics.mcpToolCalls, { tool: deps.meter.boundedLabel("tool", tool), action: verdict.action })
  if (verdict.findings.some((f) => f.scanner === "chain")) {
    for (const f of verdict.findings.filter((x) => x.scanner === "chain")) deps.meter.count(metrics.chainDetections, { pattern: f.rule, severity: f.severity, action: verdict.action })
  }
  if (verdict.findings.some((f) => f.rule === "unknown_tool" || f.rule === "tool_added")) deps.meter.count(metrics.mcpUnknownTools, { action: verdict.action })
  if (verdict.findings.some((f) => f.scanner === "tool_drift")) deps.meter.count(metrics.mcpToolDrift)
  // Through the Effect API: the line carries the request span's ids when tracing.
  return deps.telemetry.verdict({
    listener: ctx.listener, requestId: ctx.requestId, action: verdict.action, mode: config.mode, direction, method,
    tool, clientIp: ctx.clientIp, findings: verdict.findings
  })
}

/**
 * Judges one client→server message. `raw` is its text as it will be forwarded (walked instead of the value:
 * duplicate keys and raw numbers are seen); without it, the caller must forward the value re-serialised.
 */
export const judgeClient = (deps: PipelineDeps, config: Config, message: unknown, ctx: Inspector.McpContext, raw?: string) =>
  Effect.gen(function* () {
    const mv = yield* deps.inspector.inspectMcpRequest(message, ctx, raw)
    const v = mv.verdict
    yield* record(deps, config, ctx, "request", message, mv)
    const id = idOf(message)
    if (v.action === "block") {
      return { kind: "reply", message: id === undefined ? undefined : blockError(safeId(id), mv, ctx.requestId), verdict: v } satisfies ClientOutcome
    }
    if (v.action === "redirect" && isRequest(message)) {
      const name = v.redirectProfile ?? ""
      const profile = config.mcp_tool_policy.redirect_profiles[name]
      if (profile === undefined) {
        return { kind: "reply", message: rpcError(message.id, -32002, `pipelock: redirect profile "${name}" is not configured; call blocked`, { rule: v.decisive?.rule, request_id: ctx.requestId }), verdict: v } satisfies ClientOutcome
      }
      const out = yield* Effect.promise(() => runRedirect(profile, message, redirectEnv(deps, config)))
      deps.meter.count(metrics.redirects, { profile: name, result: out.ok ? "ok" : "error" })
      deps.telemetry.logUnsafe(out.ok ? "info" : "warn", "tool_redirect", { request_id: ctx.requestId, profile: name, tool: shown(toolOf(message), mv.sensitive), ok: out.ok, error: out.ok ? undefined : out.error })
      if (!out.ok) {
        return { kind: "reply", message: rpcError(message.id, -32002, `pipelock: redirect "${name}" failed: ${out.error}; call blocked`, { rule: v.decisive?.rule, request_id: ctx.requestId }), verdict: v } satisfies ClientOutcome
      }
      const result: Message = { jsonrpc: "2.0", id: message.id, result: { content: [{ type: "text", text: out.output }], isError: false } }
      // The handler's output goes back to the agent: it is scanned like any tool result.
      const back = yield* judgeServer(deps, config, result, ctx, "tools/call", undefined, toolOf(message))
      return { kind: "reply", message: back.message as Message, verdict: v } satisfies ClientOutcome
    }
    return { kind: "forward", message, verdict: v } satisfies ClientOutcome
  })

/**
 * Judges one server→client message; `method` is the method of the request a response answers, `raw` the
 * message's text as it will be relayed (see judgeClient).
 */
export const judgeServer = (deps: PipelineDeps, config: Config, message: unknown, ctx: Inspector.McpContext, method?: string, raw?: string, tool?: string) =>
  Effect.gen(function* () {
    const mv = yield* deps.inspector.inspectMcpResponse(message, { ...ctx, method, tool }, raw)
    const v = mv.verdict
    yield* record(deps, config, ctx, "response", message, mv)
    if (v.action !== "block") return { message, verdict: v, blocked: false, toolNames: mv.toolNames } satisfies ServerOutcome
    const id = idOf(message)
    // A blocked response is replaced by an error for the same id; a blocked notification or server request
    // is withheld (undefined).
    const replacement = id !== undefined && !isRequest(message) ? blockError(safeId(id), mv, ctx.requestId) : undefined
    return { message: replacement, verdict: v, blocked: true } satisfies ServerOutcome
  })
