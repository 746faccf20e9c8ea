/**
 * The production build's entry (scripts/build-prod.ts bundles this file): `pipelock version` answers from
 * here without loading the command-line parser, Effect's runtime or any scanner; every other command loads
 * the CLI (main.ts) and, through it, only the code of the command that runs.
 */
import { enableCompileCache } from "node:module"
import { homedir } from "node:os"
import { join } from "node:path"

/**
 * V8's compile cache for the modules loaded from here on (Node's `module.enableCompileCache`): the code of the
 * bundle's chunks is compiled once and read back by later starts, instead of compiled at every start
 * (compiling was ≈ 20% of `check --url`'s CPU, ≈ 7% with the cache). Kept per user, under `$XDG_CACHE_HOME`
 * or `~/.cache` (not a shared temp directory other users could write to); `NODE_COMPILE_CACHE=DIR` chooses
 * another place and `NODE_DISABLE_COMPILE_CACHE=1` turns it off. A directory that cannot be written (a
 * read-only image, a user without a home) only means no cache: the command runs the same. Not for the
 * long-lived commands (`run`, `mcp`), whose start-up is not what they are waited on for and which write
 * nothing outside their config's paths; the container image turns it off (`PIPELOCK_COMPILE_CACHE=0`), so a
 * container writes nothing at all.
 */
const compileCache = (args: ReadonlyArray<string>) => {
  // Any `run` or `mcp` word counts (a flag may come first): at worst a short command goes without the cache.
  if (args.some((a) => a === "run" || a === "mcp") || process.env.PIPELOCK_COMPILE_CACHE === "0") return
  if (process.env.NODE_COMPILE_CACHE !== undefined || process.env.NODE_DISABLE_COMPILE_CACHE !== undefined) return
  try {
    enableCompileCache(join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pipelock", "node-compile-cache"))
  } catch {
    // No cache: the modules are compiled as usual.
  }
}

const argv = process.argv.slice(2)
if (argv.length === 1 && argv[0] === "version") {
  const { version } = await import("../version.ts")
  process.stdout.write(`pipelock ${version}\n`)
} else {
  compileCache(argv)
  await import("./main.ts")
}
