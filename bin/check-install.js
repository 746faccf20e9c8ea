// Refuses a node_modules that does not match package-lock.json in one plain line (exit 2), instead of
// type errors about missing modules: a clone pulled forward keeps the node_modules of its older lockfile.
// Checks the project's own dependencies (every kind): each must be installed at the version the lockfile
// pins. `npm test` and `npm start` run it after check-node.js; `npm start` passes `start`, which lets an
// optional dependency be absent (an install with --omit=optional: tracing is then unavailable, and says so
// when asked for), while the type check needs them all. Plain JavaScript that any Node can load.
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const json = (path) => {
  try {
    return JSON.parse(readFileSync(path, "utf8"))
  } catch {
    return undefined
  }
}
const lock = json(join(root, "package-lock.json"))
const own = lock?.packages?.[""]
if (own !== undefined) {
  const names = new Set(Object.keys({ ...own.dependencies, ...own.devDependencies, ...own.optionalDependencies }))
  const off = []
  for (const name of names) {
    const pinned = lock.packages[`node_modules/${name}`]?.version
    const installed = json(join(root, "node_modules", name, "package.json"))?.version
    if (installed === undefined && process.argv[2] === "start" && name in (own.optionalDependencies ?? {})) continue
    if (pinned !== undefined && installed !== pinned) off.push(installed === undefined ? `${name} (missing)` : `${name} ${installed}, locked ${pinned}`)
  }
  if (off.length > 0) {
    process.stderr.write(
      `node_modules does not match package-lock.json (${off.slice(0, 3).join("; ")}${off.length > 3 ? `; ${off.length - 3} more` : ""}): ` +
        "run `npm ci` (or `./scripts/node.sh --install npm test`, see README \"Quick start\")\n"
    )
    process.exit(2)
  }
}
