/**
 * The `pipelock` executable: runs the command tree and maps the outcome to an exit code
 * (see exit.ts). Usage errors print the usage on stderr and exit 2; SIGINT/SIGTERM shut down
 * gracefully and exit 0.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Console, Effect, Exit } from "effect"
import * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import { version } from "../version.ts"
import { cli } from "./cli.ts"
import { ExitCode, FAILURE, USAGE } from "./exit.ts"

/** Usage and parse errors go to stderr; `--help` and `--version` to stdout. */
const presenter = CliOutput.layerPresenter({
  present: (event) =>
    event._tag === "InvalidInvocation"
      ? Effect.gen(function* () {
        const formatter = yield* CliOutput.Formatter
        yield* Console.error(formatter.formatHelpDoc(event.helpDoc))
        yield* Console.error(formatter.formatErrors(event.errors))
      })
      : CliOutput.defaultPresenter.present(event)
})

/** The exit code for how the program ended. */
export const exitCodeOf = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return typeof process.exitCode === "number" ? process.exitCode : 0
  if (Cause.hasInterruptsOnly(exit.cause)) return 0
  const error = Cause.squash(exit.cause)
  if (error instanceof ExitCode) return error.code
  if (CliError.isCliError(error)) {
    if (error._tag === "ShowHelp") return error.errors.length > 0 ? USAGE : 0
    return USAGE
  }
  if ((error as { _tag?: string })?._tag === "ListenError") {
    process.stderr.write(`pipelock: cannot listen on ${(error as { address?: string }).address}: ${(error as { message?: string }).message}\n`)
    return FAILURE
  }
  // A tagged error is an expected failure with a message for the user (a missing CA, …); anything else is a
  // bug, shown with its stack.
  if (typeof (error as { _tag?: unknown })?._tag === "string" && error instanceof Error) {
    process.stderr.write(`pipelock: ${error.message}\n`)
    return FAILURE
  }
  process.stderr.write(`pipelock: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
  return FAILURE
}

const program = Command.runWith(cli, { version })(process.argv.slice(2)).pipe(
  Effect.provide(presenter),
  Effect.provide(NodeServices.layer)
)

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(exitCodeOf(exit))
})
