/** Runs the real `pipelock` executable (bin/pipelock.js) as a child process. */
import { spawn, type ChildProcess } from "node:child_process"
import { join } from "node:path"

export const bin = join(import.meta.dirname, "../../bin/pipelock.js")

export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `pipelock ARGS` to completion. */
export const pipelock = (args: ReadonlyArray<string>, options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()))
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()))
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(options.input ?? "")
  })

/** Starts a long-running `pipelock ARGS` (e.g. `run`); resolves once `ready` appears in its output. */
export const spawnPipelock = (args: ReadonlyArray<string>, ready: RegExp, env: Record<string, string> = {}) =>
  new Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)))
    const onData = (c: Buffer) => {
      out += c.toString()
      if (ready.test(out)) resolve({ child, output: () => out, exited })
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    child.on("error", reject)
    void exited.then((code) => reject(new Error(`pipelock exited (${code}) before ready:\n${out}`)))
  })
