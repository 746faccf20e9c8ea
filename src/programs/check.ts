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
import { judge, type ScanInput, verdictJson } from "../layers/scan.ts"
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
    if (json) return yield* Console.log(JSON.stringify(verdictJson(verdict), null, 2))
    const head = verdict.action === "block" ? "BLOCKED" : verdict.action === "warn" ? "ALLOWED (with warnings)" : verdict.action === "redirect" ? "REDIRECTED" : "ALLOWED"
    yield* Console.log(`${head} (mode ${verdict.mode})`)
    for (const f of verdict.findings) {
      yield* Console.log(`  ${f.severity.padEnd(8)} ${f.scanner}/${f.rule} at ${f.location}${f.pass && f.pass !== "raw" ? ` [${f.pass}]` : ""}: ${f.message}${f.evidence ? ` (${f.evidence})` : ""}`)
    }
  })

/** Reads (and for the JSON inputs parses) every file given, then judges them. */
const judgeFiles = (flags: CheckFlags) =>
  Effect.gen(function* () {
    const text = (source: string | undefined) => (source === undefined ? Effect.succeed(undefined) : readInput(source).pipe(Effect.catch(usage)))
    const json = (source: string | undefined) =>
      source === undefined
        ? Effect.succeed(undefined)
        : Effect.flatMap(readInput(source), (t) => parseJson(source, t)).pipe(Effect.catch(usage))
    const input: ScanInput = {
      url: flags.url,
      text: yield* text(flags.text),
      request: yield* json(flags.request),
      response: yield* json(flags.response),
      mcp: yield* json(flags.mcp),
      direction: flags.direction,
      tools: yield* json(flags.tools)
    }
    return yield* judge(input, { requestId: "check", sessionKey: "check", listener: "check", resolve: flags.resolve }).pipe(
      Effect.catch((e) => usage(e.message.replace(/^(request|response|tools) /, "--$1 ")))
    )
  })

export const check = (flags: CheckFlags) =>
  Effect.gen(function* () {
    const given = [flags.url, flags.text, flags.request, flags.response, flags.mcp, flags.tools].filter((x) => x !== undefined)
    if (given.length === 0) return yield* usage("give something to check: --url, --text, --request, --response, --mcp or --tools (see --help)")
    const { loaded } = yield* loadConfig({ config: flags.config, mode: flags.mode })
    // One check is one session (a --mcp array is judged as one conversation).
    const services = InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(ConfigStoreLayer.layerTest(loaded), ResolverLayer.layer, SessionStoreLayer.layerTest())))
    const verdicts = yield* judgeFiles(flags).pipe(Effect.provide(services))
    const verdict = combine(loaded.config.mode, verdicts)
    yield* print(verdict, flags.json)
    if (verdict.action === "block") return yield* new ExitCode({ code: FAILURE })
  })
