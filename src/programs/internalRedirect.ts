/**
 * `pipelock internal-redirect fetch-proxy|quarantine-write`: the built-in redirect handlers a
 * `mcp_tool_policy.redirect_profiles.<name>.exec` can name (as the Go Pipelock's do, e.g.
 * `exec: ["/pipelock", "internal-redirect", "fetch-proxy"]`). The MCP proxy runs the handler with the
 * JSON-RPC `tools/call` on stdin; what the handler prints becomes the tool result (scanned again on the
 * way back), and a non-zero exit blocks the call with the handler's stderr as the reason.
 *
 * - `fetch-proxy`: the URL in the call's arguments is fetched through the running proxy's `/fetch`
 *   endpoint (PIPELOCK_FETCH_ENDPOINT, set by the MCP proxy), so every guard applies: URL rules, SSRF after
 *   DNS, DLP, response injection scanning. The page text is the result; a block is a refusal.
 * - `quarantine-write`: the write is not performed; the call's arguments are kept as a JSON file in
 *   PIPELOCK_QUARANTINE_DIR (`mcp_tool_policy.quarantine_dir`, default `$TMPDIR/pipelock-quarantine`) for
 *   review, and the agent is told so.
 */
import { randomUUID } from "node:crypto"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Console, Effect } from "effect"
import { defaultQuarantineDir } from "../layers/mcp/redirect.ts"
import { ExitCode, FAILURE } from "./exit.ts"
import { httpGet } from "./httpGet.ts"

const MAX_INPUT = 16 * 1024 * 1024

const readStdin = Effect.callback<string, ExitCode>((resume) => {
  const chunks: Buffer[] = []
  let size = 0
  process.stdin.on("data", (c: Buffer) => {
    size += c.length
    if (size <= MAX_INPUT) chunks.push(c)
  })
  process.stdin.on("end", () => resume(Effect.succeed(Buffer.concat(chunks).toString("utf8"))))
  process.stdin.on("error", () => resume(Effect.fail(new ExitCode({ code: FAILURE }))))
})

const fail = (message: string) => Console.error(message).pipe(Effect.andThen(Effect.fail(new ExitCode({ code: FAILURE }))))

type Call = { readonly tool: string; readonly args: Record<string, unknown> }

const readCall = Effect.gen(function* () {
  const raw = yield* readStdin
  let message: unknown
  try {
    message = JSON.parse(raw)
  } catch {
    return yield* fail("internal-redirect: stdin is not a JSON-RPC tools/call")
  }
  const params = (message as { params?: { name?: unknown; arguments?: unknown } } | null)?.params
  const args = params?.arguments
  return {
    tool: typeof params?.name === "string" ? params.name : "",
    args: typeof args === "object" && args !== null && !Array.isArray(args) ? (args as Record<string, unknown>) : {}
  } satisfies Call
})

const firstString = (args: Record<string, unknown>, keys: ReadonlyArray<string>): string | undefined => {
  for (const k of keys) if (typeof args[k] === "string") return args[k] as string
  return undefined
}

/** The URL the call wants: a `url`-like argument, else the first argument that is an http(s) URL. */
export const urlOf = (args: Record<string, unknown>): string | undefined =>
  firstString(args, ["url", "uri", "href", "link", "target"]) ??
    Object.values(args).find((v): v is string => typeof v === "string" && /^https?:\/\//i.test(v))

export const fetchProxy = Effect.gen(function* () {
  const call = yield* readCall
  const endpoint = process.env.PIPELOCK_FETCH_ENDPOINT
  if (endpoint === undefined || endpoint === "") {
    return yield* fail("internal-redirect fetch-proxy: no fetch endpoint (PIPELOCK_FETCH_ENDPOINT is set by `pipelock run`'s MCP proxy)")
  }
  const url = urlOf(call.args)
  if (url === undefined) return yield* fail(`internal-redirect fetch-proxy: the call to "${call.tool}" has no http(s) URL argument`)
  const r = yield* Effect.promise(() => httpGet(`${endpoint}?url=${encodeURIComponent(url)}`, 60_000))
  if ("error" in r) return yield* fail(`internal-redirect fetch-proxy: ${endpoint} did not answer: ${r.error}`)
  let body: { text?: unknown; reason?: unknown; message?: unknown; status?: unknown; blocked?: unknown } = {}
  try {
    body = JSON.parse(r.body)
  } catch {
    // reported below with the status
  }
  if (r.status !== 200) {
    const why = typeof body.reason === "string" ? body.reason : typeof body.message === "string" ? body.message : r.body.slice(0, 300)
    return yield* fail(body.blocked === true ? `fetch of ${url} blocked by pipelock: ${why}` : `fetch of ${url} failed (${r.status}): ${why}`)
  }
  yield* Console.log(typeof body.text === "string" ? body.text : r.body)
})

export const quarantineWrite = Effect.gen(function* () {
  const call = yield* readCall
  const dir = process.env.PIPELOCK_QUARANTINE_DIR || defaultQuarantineDir()
  const target = firstString(call.args, ["path", "file_path", "filepath", "file", "filename", "target"]) ?? "(no path given)"
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.json`)
  const saved = yield* Effect.try({
    try: () => {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      writeFileSync(file, JSON.stringify({ received_at: new Date().toISOString(), tool: call.tool, target, arguments: call.args }, null, 2) + "\n", { mode: 0o600, flag: "wx" })
      return file
    },
    catch: (e) => String(e)
  }).pipe(Effect.catch((e) => fail(`internal-redirect quarantine-write: cannot write to ${dir}: ${e}`)))
  yield* Console.log(`The write to ${target} was not performed: Pipelock quarantined it for review (${saved}).`)
})
