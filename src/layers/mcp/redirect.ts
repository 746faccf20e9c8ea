/**
 * Redirect profiles: a `tools/call` matched by a redirect rule is not forwarded; the profile's `exec` argv
 * runs with the call as JSON on stdin, and its stdout becomes the tool result. A handler that fails, times
 * out or prints nothing is an error (the call is blocked, never forwarded as a fallback).
 */
import { spawn } from "node:child_process"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface RedirectProfile {
  readonly exec: ReadonlyArray<string>
  readonly reason?: string | undefined
  readonly timeout_seconds?: number | undefined
}

export type RedirectOutcome = { readonly ok: true; readonly output: string } | { readonly ok: false; readonly error: string }

const MAX_OUTPUT = 4 * 1024 * 1024

/** Where `quarantine-write` keeps writes when `mcp_tool_policy.quarantine_dir` is empty. */
export const defaultQuarantineDir = () => join(tmpdir(), "pipelock-quarantine")

/**
 * Runs a profile's handler. `env` is added to the handler's environment: the built-in handlers
 * (`pipelock internal-redirect …`) read PIPELOCK_FETCH_ENDPOINT and PIPELOCK_QUARANTINE_DIR from it.
 */
export const runRedirect = (profile: RedirectProfile, call: unknown, env: Readonly<Record<string, string>> = {}): Promise<RedirectOutcome> =>
  new Promise((resolve) => {
    const timeoutMs = (profile.timeout_seconds ?? 10) * 1000
    let out = ""
    let err = ""
    let settled = false
    const finish = (r: RedirectOutcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(r)
    }
    const child = spawn(profile.exec[0], profile.exec.slice(1), { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } })
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      finish({ ok: false, error: `redirect handler timed out after ${timeoutMs / 1000}s` })
    }, timeoutMs)
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8")
      if (out.length > MAX_OUTPUT) {
        child.kill("SIGKILL")
        finish({ ok: false, error: "redirect handler output too large" })
      }
    })
    child.stderr.on("data", (c: Buffer) => {
      if (err.length < 4096) err += c.toString("utf8")
    })
    child.on("error", (e) => finish({ ok: false, error: `redirect handler could not start: ${e.message}` }))
    child.on("close", (code) => {
      if (code !== 0) return finish({ ok: false, error: `redirect handler exited with ${code}${err ? `: ${err.trim().slice(0, 300)}` : ""}` })
      if (out.trim() === "") return finish({ ok: false, error: "redirect handler printed nothing" })
      finish({ ok: true, output: out })
    })
    child.stdin.on("error", () => {})
    child.stdin.end(JSON.stringify(call))
  })
