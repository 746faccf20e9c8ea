/**
 * The stdio wrapper: runs a local MCP server as a child process and sits on both directions of its
 * newline-delimited JSON-RPC. Client lines (our stdin) are judged before they reach the child; child lines
 * are judged, in order, before they reach our stdout. A line that is not JSON from the child is withheld (fail
 * closed); lines are bounded (10 MiB). stderr passes through.
 *
 * `notifications/tools/list_changed` from the child is held while a `tools/list` of our own goes to the child;
 * its answer (which arrives on the same ordered stream, behind the notification) is judged — pinning, drift,
 * poisoning — and only then is the notification relayed, or withheld when the new list is blocked or no answer
 * comes within 10 s. Other messages keep flowing meanwhile.
 *
 * Each exchange gets its own request id in logs and block errors: a client request and the child's answer to
 * it share one; every notification and server-initiated request has its own.
 */
import { randomUUID } from "node:crypto"
import { type ChildProcess, spawn } from "node:child_process"
import type { Readable, Writable } from "node:stream"
import { StringDecoder } from "node:string_decoder"
import { Effect } from "effect"
import type * as ConfigStore from "../../services/ConfigStore.ts"
import type { McpContext } from "../../services/Inspector.ts"
import type * as KillSwitch from "../../services/KillSwitch.ts"
import { metrics } from "../telemetry/metrics.ts"
import { idOf, isNotification, isRequest, rpcError } from "./jsonrpc.ts"
import { judgeClient, judgeServer, type PipelineDeps, toolOf } from "./pipeline.ts"

const MAX_LINE = 10 * 1024 * 1024

/** Splits a stream into lines, bounded; an over-long line is reported and skipped. */
export const lines = (stream: Readable, onLine: (line: string) => void, onOversize: () => void, onEnd: () => void) => {
  const decoder = new StringDecoder("utf8")
  let buf = ""
  let skipping = false
  stream.on("data", (chunk: Buffer) => {
    buf += decoder.write(chunk)
    let nl: number
    while ((nl = buf.indexOf("\n")) !== -1) {
      const line = buf.slice(0, nl)
      buf = buf.slice(nl + 1)
      if (skipping) {
        skipping = false
        continue
      }
      if (line.trim() !== "") onLine(line.replace(/\r$/, ""))
    }
    if (buf.length > MAX_LINE) {
      buf = ""
      skipping = true
      onOversize()
    }
  })
  stream.on("end", () => {
    buf += decoder.end()
    if (buf.trim() !== "" && !skipping) onLine(buf)
    onEnd()
  })
}

export interface StdioDeps extends PipelineDeps {
  readonly store: ConfigStore.Service
  readonly killSwitch: KillSwitch.Service
}

/** Numbers this process's wrapper runs: each run is its own MCP session. */
let runs = 0

/** Runs the wrapper until the child exits; resolves with its exit code. */
export const runStdio = (
  deps: StdioDeps,
  command: string,
  args: ReadonlyArray<string>,
  io: { stdin: Readable; stdout: Writable } = { stdin: process.stdin, stdout: process.stdout },
  env: NodeJS.ProcessEnv = process.env
) =>
  Effect.callback<number>((resume) => {
    const session: McpContext = { requestId: "stdio", listener: "mcp_stdio", sessionKey: `stdio:${process.pid}:${++runs}` }
    const contextFor = (requestId: string = randomUUID()): McpContext => ({ ...session, requestId })
    const child: ChildProcess = spawn(command, [...args], { stdio: ["pipe", "pipe", "inherit"], env })
    /** Requests sent to the child, by JSON id: the method (to judge the answer) and the exchange's request id. */
    const pending = new Map<string, { readonly method: string; readonly requestId: string; readonly tool?: string | undefined }>()
    let refresh = 0
    /** Our own tools/list requests after a list_changed, by JSON id: the notification they hold. */
    const refreshes = new Map<string, { readonly notification: unknown; readonly ctx: McpContext; readonly timer: NodeJS.Timeout }>()
    const write = (out: Writable, m: unknown) => out.write(JSON.stringify(m) + "\n")
    const log = (level: "info" | "warn" | "error", event: string, fields: Record<string, unknown>) => deps.telemetry.logUnsafe(level, event, fields)
    let chainIn = Promise.resolve()
    let chainOut = Promise.resolve()
    const config = () => Effect.runSync(deps.store.current)

    const fromClient = async (line: string) => {
      const c = config()
      let message: unknown
      try {
        message = JSON.parse(line)
      } catch {
        const ctx = contextFor()
        const mv = await Effect.runPromise(deps.inspector.inspectMcpUnparseable(line, ctx))
        if (mv.verdict.action === "block") {
          log("warn", "blocked", { listener: "mcp_stdio", request_id: ctx.requestId, direction: "request", rule: "invalid_json_rpc" })
          return void write(io.stdout, rpcError(null, -32700, "Parse error: not JSON (pipelock)"))
        }
        return void child.stdin?.write(line + "\n")
      }
      const ctx = contextFor()
      if (deps.killSwitch.isActiveUnsafe()) {
        deps.meter.count(metrics.killSwitchDenials, { transport: "mcp_stdio", endpoint: "message" })
        const id = idOf(message)
        if (id !== undefined) write(io.stdout, rpcError(id, -32004, c.kill_switch.message, { request_id: ctx.requestId }))
        return
      }
      const out = await Effect.runPromise(judgeClient(deps, c, message, ctx, line))
      if (out.kind === "reply") {
        if (out.message !== undefined) write(io.stdout, out.message)
        return
      }
      if (isRequest(out.message)) pending.set(JSON.stringify(out.message.id), { method: out.message.method, requestId: ctx.requestId, tool: toolOf(out.message) })
      // An unchanged message goes on as the exact line that was judged (no re-serialisation).
      if (out.message === message) child.stdin!.write(line + "\n")
      else write(child.stdin!, out.message)
    }

    /** Judges the answer to our own tools/list, then relays the notification it was asked for (or withholds it). */
    const refreshed = async (key: string, answer: unknown, line: string) => {
      const r = refreshes.get(key)!
      refreshes.delete(key)
      clearTimeout(r.timer)
      const c = config()
      const out = await Effect.runPromise(judgeServer(deps, c, answer, r.ctx, "tools/list", line))
      if (out.blocked) return void log("warn", "tools_list_changed_blocked", { listener: "mcp_stdio", request_id: r.ctx.requestId, rule: out.verdict.decisive?.rule })
      const n = await Effect.runPromise(judgeServer(deps, c, r.notification, r.ctx))
      if (n.message !== undefined) write(io.stdout, n.message)
    }

    const fromChild = async (line: string) => {
      const c = config()
      let message: unknown
      try {
        message = JSON.parse(line)
      } catch {
        log("warn", "blocked", { listener: "mcp_stdio", request_id: randomUUID(), direction: "response", rule: "non_json_output", note: "a line on the server's stdout that is not JSON was withheld" })
        return
      }
      const id = idOf(message)
      const key = id === undefined ? undefined : JSON.stringify(id)
      const answer = key !== undefined && !isRequest(message)
      if (answer && refreshes.has(key)) return refreshed(key, message, line)
      if (isNotification(message) && message.method === "notifications/tools/list_changed") {
        // Held until our tools/list is answered and judged; never awaited here, as its answer is queued behind it.
        const rid = `pipelock-refresh-${++refresh}`
        const ctx = contextFor()
        const timer = setTimeout(() => {
          if (refreshes.delete(JSON.stringify(rid))) log("warn", "tools_list_changed_blocked", { listener: "mcp_stdio", request_id: ctx.requestId, note: "the server did not answer tools/list within 10 s" })
        }, 10_000)
        timer.unref()
        refreshes.set(JSON.stringify(rid), { notification: message, ctx, timer })
        return void write(child.stdin!, { jsonrpc: "2.0", id: rid, method: "tools/list" })
      }
      const request = answer ? pending.get(key) : undefined
      if (answer) pending.delete(key)
      const out = await Effect.runPromise(judgeServer(deps, c, message, contextFor(request?.requestId), request?.method, line, request?.tool))
      if (out.message === message) io.stdout.write(line + "\n")
      else if (out.message !== undefined) write(io.stdout, out.message)
    }

    lines(io.stdin, (l) => {
      chainIn = chainIn.then(() => fromClient(l)).catch((e) => log("error", "mcp_stdio_error", { error: String(e) }))
    }, () => write(io.stdout, rpcError(null, -32600, "pipelock: message longer than 10 MiB dropped")), () => {
      void chainIn.then(() => child.stdin?.end())
    })
    lines(child.stdout!, (l) => {
      chainOut = chainOut.then(() => fromChild(l)).catch((e) => log("error", "mcp_stdio_error", { error: String(e) }))
    }, () => log("warn", "blocked", { listener: "mcp_stdio", request_id: randomUUID(), direction: "response", rule: "oversize_line" }), () => {})
    child.stdin?.on("error", () => {})
    let exited = false
    child.on("error", (e) => {
      log("error", "mcp_stdio_spawn_failed", { command, error: e.message })
      exited = true
      resume(Effect.succeed(127))
    })
    child.on("exit", (code, signal) => {
      if (exited) return
      exited = true
      // The session ends with the child: its pinned tools and call history go with it.
      for (const r of refreshes.values()) clearTimeout(r.timer)
      void chainOut.then(() => resume(deps.inspector.endMcpSession(session.sessionKey).pipe(Effect.as(code ?? (signal !== null ? 128 + 15 : 1)))))
    })
    const unregister = deps.killSwitch.onTrip(() => log("warn", "kill_switch", { listener: "mcp_stdio", note: "new calls are refused" }))
    return Effect.sync(() => {
      unregister()
      if (!exited) child.kill("SIGTERM")
    })
  })
