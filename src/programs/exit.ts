/**
 * Exit codes of the `pipelock` CLI (the Go constants): 0 OK, 1 general failure or a blocked verdict,
 * 2 usage or configuration error, 3 security, 10 subprocess. A program ends with a code by failing with
 * `ExitCode` (after printing what the user needs), never by calling process.exit.
 */
import { Data } from "effect"

export const OK = 0
export const FAILURE = 1
export const USAGE = 2

export class ExitCode extends Data.TaggedError("ExitCode")<{ readonly code: number }> {}
