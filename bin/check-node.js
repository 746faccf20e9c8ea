// Refuses an old Node in one plain line (exit 2) instead of a stack trace about `.ts` files: Pipelock runs
// its TypeScript through Node's type stripping (Node >= 22.18). Plain JavaScript that any Node can load;
// bin/pipelock.js imports it first, and `npm start` / `npm test` run it before anything else.
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`pipelock needs Node >= 22.18 (found v${process.versions.node}); see README "Quick start"\n`)
  process.exit(2)
}
