/**
 * The `pipelock` command line as one effect: parse the arguments, run the command, and succeed with the exit
 * code (see exit.ts). Everything it prints goes through `Console`, so it runs the same in the executable
 * (main.ts) and in-process in tests, with a console that records the output.
 *
 * @example
 * const code = yield* runCli(["config", "validate", "--config", "pipelock.yaml"])
 */
import * as NodeFileSystem from "@effect/platform-node-shared/NodeFileSystem"
import * as NodePath from "@effect/platform-node-shared/NodePath"
import * as NodeStdio from "@effect/platform-node-shared/NodeStdio"
import { Cause, Console, Effect, Exit, Layer, Scope, Terminal } from "effect"
import * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as ChildProcessSpawner from "effect/process/ChildProcessSpawner"
import { version } from "../version.ts"
import { cli } from "./cli.ts"
import { ExitCode, FAILURE, USAGE } from "./exit.ts"

/**
 * The platform services the command line needs (what `@effect/platform-node`'s NodeServices bundles), from
 * `@effect/platform-node-shared`: the same implementations without that package's HTTP client (undici) and
 * its Redis peer. The CLI's environment names a process spawner, which no command uses (the MCP stdio
 * wrapper spawns its server with node:child_process itself): one that refuses stands in, so no command
 * loads Node's child_process module and the Node spawner at start-up.
 */
const noSpawner = Layer.succeed(ChildProcessSpawner.ChildProcessSpawner, ChildProcessSpawner.make(() => Effect.die("pipelock: the command line spawns no process")))
/**
 * The terminal, built on first use: building Node's (NodeTerminal) opens `process.stdin` and loads readline,
 * ≈ 20 ms of CPU at every start, and only an interactive prompt reads keys or lines. Its size is read from
 * stdout as NodeTerminal does, without building it.
 */
const lazyTerminal = Layer.effect(Terminal.Terminal, Effect.gen(function* () {
  const scope = yield* Effect.scope
  const real = yield* Effect.cached(Effect.flatMap(
    Effect.promise(() => import("@effect/platform-node-shared/NodeTerminal")),
    (m) => m.make()
  ).pipe(Scope.provide(scope)))
  return Terminal.make({
    columns: Effect.sync(() => process.stdout.columns ?? 0),
    rows: Effect.sync(() => process.stdout.rows ?? 0),
    size: Effect.flatMap(real, (t) => t.size),
    readInput: Effect.flatMap(real, (t) => t.readInput),
    readLine: Effect.flatMap(real, (t) => t.readLine),
    display: (text) => Effect.flatMap(real, (t) => t.display(text))
  })
}))
const nodeServices = Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeStdio.layer, lazyTerminal, noSpawner)

/** Usage and parse errors go to stderr; `--help` and `--version` to stdout. */
const presenter = CliOutput.layerPresenter({
  present: (event) => {
    switch (event._tag) {
      case "InvalidInvocation":
        return Effect.gen(function* () {
          const formatter = yield* CliOutput.Formatter
          yield* Console.error(formatter.formatHelpDoc(event.helpDoc))
          yield* Console.error(formatter.formatErrors(event.errors))
        })
      // One version format for `pipelock version` and `pipelock --version` / `-v`.
      case "Version":
        return Console.log(versionLine)
      default:
        return CliOutput.defaultPresenter.present(event)
    }
  }
})

/** What `pipelock version` and `pipelock --version` print. */
export const versionLine = `pipelock ${version}`

/** The exit code for how a command ended, after printing what the user needs on stderr. */
export const exitCodeOf = (exit: Exit.Exit<unknown, unknown>): Effect.Effect<number> =>
  Effect.gen(function* () {
    if (Exit.isSuccess(exit)) return 0
    if (Cause.hasInterruptsOnly(exit.cause)) return 0
    const error = Cause.squash(exit.cause)
    if (error instanceof ExitCode) return error.code
    if (CliError.isCliError(error)) {
      if (error._tag === "ShowHelp") return error.errors.length > 0 ? USAGE : 0
      return USAGE
    }
    if ((error as { _tag?: string })?._tag === "ListenError") {
      yield* Console.error(`pipelock: cannot listen on ${(error as { address?: string }).address}: ${(error as { message?: string }).message}`)
      return FAILURE
    }
    // A tagged error is an expected failure with a message for the user (a missing CA, …); anything else is a
    // bug, shown with its stack.
    if (typeof (error as { _tag?: unknown })?._tag === "string" && error instanceof Error) {
      yield* Console.error(`pipelock: ${error.message}`)
      return FAILURE
    }
    yield* Console.error(`pipelock: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
    return FAILURE
  })

/** Runs `pipelock ARGS…` to its end; succeeds with the exit code. An interruption (SIGINT/SIGTERM) is not caught. */
export const runCli = (args: ReadonlyArray<string>): Effect.Effect<number> =>
  Command.runWith(cli, { version })(args).pipe(
    Effect.provide(presenter),
    Effect.provide(nodeServices),
    Effect.exit,
    Effect.flatMap(exitCodeOf)
  )
