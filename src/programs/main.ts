/**
 * The `pipelock` executable: runs the command line (pipelock.ts) and exits with its code. Usage errors print
 * the usage on stderr and exit 2; SIGINT/SIGTERM shut down gracefully and exit 0.
 */
import * as NodeRuntime from "@effect/platform-node-shared/NodeRuntime"
import { Cause, Exit } from "effect"
import { FAILURE } from "./exit.ts"
import { runCli } from "./pipelock.ts"

NodeRuntime.runMain(runCli(process.argv.slice(2)), {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) ? Number(exit.value) : Cause.hasInterruptsOnly(exit.cause) ? 0 : FAILURE)
})
