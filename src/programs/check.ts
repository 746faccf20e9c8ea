/**
 * `pipelock check`: judges a URL, a text, an HTTP request or response, MCP messages or a tool list with the
 * same Inspector `run` uses, and prints the verdict. Exit 0 allowed (warnings included), 1 blocked,
 * 2 usage or configuration error. `--json` prints the verdict with each finding's scanner, rule, severity,
 * location and redacted evidence (never the secret). URLs are judged offline (no DNS) unless `--resolve`.
 */
import { readFileSync } from "node:fs"
import { Console, Effect, Layer } from "effect"
import * as ConfigStoreLayer from "../layers/ConfigStore.ts"
import { readStdin } from "../layers/config/load.ts"
import { combine } from "../layers/detect/decide.ts"
import * as InspectorLayer from "../layers/Inspector.ts"
import * as ResolverLayer from "../layers/Resolver.ts"
import * as SessionStoreLayer from "../layers/SessionStore.ts"
import { Inspector, type McpContext, type RequestContext } from "../services/Inspector.ts"
import type { Mode, Verdict } from "../services/Verdict.ts"
import { ExitCode, FAILURE, USAGE } from "./exit.ts"
import { loadConfig } from "./loadConfig.ts"

export interface CheckFlags {
  readonly url?: string | undefined
  readonly text?: string | undefined
  readonly request?: string | undefined
  readonly response?: string | undefined
  readonly mcp?: string | undefined
  readonly direction: "request" | "response"
  readonly tools?: string | undefined
  readonly config?: string | undefined
  readonly mode?: Mode | undefined
  readonly json: boolean
  readonly resolve: boolean
}

const usage = (message: string) =>
  Effect.gen(function* () {
    yield* Console.error(`pipelock check: ${message}`)
    return yield* new ExitCode({ code: USAGE })
  })

/** Reads FILE, or standard input for `-`. */
const readInput = (source: string) =>
  Effect.try({
    try: () => (source === "-" ? readStdin() : readFileSync(source, "utf8")),
    catch: (e) => `cannot read ${source}: ${(e as Error).message}`
  })

const parseJson = (source: string, text: string) =>
  Effect.try({ try: () => JSON.parse(text) as unknown, catch: () => `${source} is not valid JSON` })

const print = (verdict: Verdict, json: boolean) =>
  Effect.gen(function* () {
    if (json) {
      const out = {
        action: verdict.action,
        mode: verdict.mode,
        blocked: verdict.action === "block",
        findings: verdict.findings.map((f) => ({
          scanner: f.scanner, rule: f.rule, severity: f.severity, location: f.location, evidence: f.evidence, message: f.message, pass: f.pass
        }))
      }
      return yield* Console.log(JSON.stringify(out, null, 2))
    }
    const head = verdict.action === "block" ? "BLOCKED" : verdict.action === "warn" ? "ALLOWED (with warnings)" : verdict.action === "redirect" ? "REDIRECTED" : "ALLOWED"
    yield* Console.log(`${head} (mode ${verdict.mode})`)
    for (const f of verdict.findings) {
      yield* Console.log(`  ${f.severity.padEnd(8)} ${f.scanner}/${f.rule} at ${f.location}${f.pass && f.pass !== "raw" ? ` [${f.pass}]` : ""}: ${f.message}${f.evidence ? ` (${f.evidence})` : ""}`)
    }
  })

const judge = (flags: CheckFlags) =>
  Effect.gen(function* () {
    const inspector = yield* Inspector
    const ctx: RequestContext = { requestId: "check", listener: "check", skipDns: !flags.resolve }
    const mcp: McpContext = { ...ctx, sessionKey: "check" }
    const verdicts: Verdict[] = []
    const fail = (m: string) => usage(m)
    if (flags.url !== undefined) verdicts.push((yield* inspector.checkUrl(flags.url, ctx)).verdict)
    if (flags.text !== undefined) {
      const text = yield* readInput(flags.text).pipe(Effect.catch(fail))
      verdicts.push(yield* inspector.inspectRequest({ method: "POST", url: "http://check.invalid/", headers: { "content-type": "text/plain" }, body: Buffer.from(text) }, ctx))
      verdicts.push(yield* inspector.inspectResponse(text, { ...ctx, url: "http://check.invalid/" }))
    }
    if (flags.request !== undefined) {
      const r = (yield* parseJson(flags.request, yield* readInput(flags.request).pipe(Effect.catch(fail))).pipe(Effect.catch(fail))) as {
        method?: string; url?: string; headers?: Record<string, string>; body?: unknown
      }
      if (typeof r?.url !== "string") return yield* usage("--request needs JSON {method, url, headers, body}")
      verdicts.push((yield* inspector.checkUrl(r.url, ctx)).verdict)
      const body = r.body === undefined ? undefined : Buffer.from(typeof r.body === "string" ? r.body : JSON.stringify(r.body))
      const headers = { ...(typeof r.body === "object" && r.body !== null ? { "content-type": "application/json" } : {}), ...(r.headers ?? {}) }
      verdicts.push(yield* inspector.inspectRequest({ method: r.method ?? "GET", url: r.url, headers, body }, ctx))
    }
    if (flags.response !== undefined) {
      const r = (yield* parseJson(flags.response, yield* readInput(flags.response).pipe(Effect.catch(fail))).pipe(Effect.catch(fail))) as { url?: string; body?: unknown }
      if (r === null || typeof r !== "object" || r.body === undefined) return yield* usage("--response needs JSON {url, body}")
      const body = typeof r.body === "string" ? r.body : JSON.stringify(r.body)
      verdicts.push(yield* inspector.inspectResponse(body, { ...ctx, url: r.url ?? "http://check.invalid/" }))
    }
    if (flags.mcp !== undefined) {
      const parsed = yield* parseJson(flags.mcp, yield* readInput(flags.mcp).pipe(Effect.catch(fail))).pipe(Effect.catch(fail))
      for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
        const v = flags.direction === "request" ? yield* inspector.inspectMcpRequest(m, mcp) : yield* inspector.inspectMcpResponse(m, mcp)
        verdicts.push(v.verdict)
      }
    }
    if (flags.tools !== undefined) {
      const parsed = yield* parseJson(flags.tools, yield* readInput(flags.tools).pipe(Effect.catch(fail))).pipe(Effect.catch(fail))
      const tools = Array.isArray(parsed) ? parsed : (parsed as { tools?: unknown; result?: { tools?: unknown } })?.tools ?? (parsed as { result?: { tools?: unknown } })?.result?.tools
      if (!Array.isArray(tools)) return yield* usage("--tools needs a tools/list result {tools: [...]}")
      verdicts.push((yield* inspector.inspectMcpResponse({ jsonrpc: "2.0", id: 1, result: { tools } }, { ...mcp, method: "tools/list" })).verdict)
    }
    return verdicts
  })

export const check = (flags: CheckFlags) =>
  Effect.gen(function* () {
    const given = [flags.url, flags.text, flags.request, flags.response, flags.mcp, flags.tools].filter((x) => x !== undefined)
    if (given.length === 0) return yield* usage("give something to check: --url, --text, --request, --response, --mcp or --tools (see --help)")
    const { loaded } = yield* loadConfig({ config: flags.config, mode: flags.mode })
    // One check is one session (a --mcp array is judged as one conversation).
    const services = InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(ConfigStoreLayer.layerTest(loaded), ResolverLayer.layer, SessionStoreLayer.layerTest())))
    const verdicts = yield* judge(flags).pipe(Effect.provide(services))
    const verdict = combine(loaded.config.mode, verdicts)
    yield* print(verdict, flags.json)
    if (verdict.action === "block") return yield* new ExitCode({ code: FAILURE })
  })
