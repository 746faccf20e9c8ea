/**
 * Runs the `pipelock` command line: in-process through its own entry (`runCli`, the effect main.ts runs), or as
 * the real executable (bin/pipelock.js) in a child process when the test is about the process itself (stdin,
 * signals, the Node check, a long-running `run`).
 */
import { spawn, type ChildProcess } from "node:child_process"
import { join } from "node:path"
import { format } from "node:util"
import { Console, Effect } from "effect"
import { runCli } from "../../src/programs/pipelock.ts"

export const bin = join(import.meta.dirname, "../../bin/pipelock.js")

export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `pipelock ARGS` in this process, recording what it prints; resolves with the exit code it would exit
 * with. For commands that end by themselves and read no standard input.
 */
export const pipelockInProcess = async (args: ReadonlyArray<string>): Promise<Ran> => {
  let stdout = ""
  let stderr = ""
  const out = (...a: ReadonlyArray<unknown>) => void (stdout += format(...a) + "\n")
  const err = (...a: ReadonlyArray<unknown>) => void (stderr += format(...a) + "\n")
  const console: Console.Console = Object.assign(Object.create(globalThis.console), { log: out, info: out, error: err, warn: err })
  const code = await Effect.runPromise(runCli(args).pipe(Effect.provideService(Console.Console, console)))
  return { code, stdout, stderr }
}

/** Runs `pipelock ARGS` to completion in a child process (killed after `timeoutMs`, default 90 s). */
export const pipelock = (
  args: ReadonlyArray<string>,
  options: { env?: Record<string, string>; input?: string; nodeArgs?: ReadonlyArray<string>; timeoutMs?: number } = {}
): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], { env: { ...process.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()))
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()))
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 90_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.on("error", () => {})
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
