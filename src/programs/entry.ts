/**
 * The production build's entry (scripts/build-prod.ts bundles this file): `pipelock version` answers from
 * here without loading the command-line parser, Effect's runtime or any scanner; every other command loads
 * the CLI (main.ts) and, through it, only the code of the command that runs.
 */
const argv = process.argv.slice(2)
if (argv.length === 1 && argv[0] === "version") {
  const { version } = await import("../version.ts")
  process.stdout.write(`pipelock ${version}\n`)
} else {
  await import("./main.ts")
}
