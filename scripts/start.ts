/**
 * `npm start [-- ARGS]`: runs the production build (dist-prod/, see scripts/build-prod.ts), building it first
 * when it is missing or older than the sources or the presets it embeds (a fresh clone, or after a pull), then
 * `pipelock run ARGS`.
 * The build runs in a child process (esbuild), so the proxy's own process holds only the bundle.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const entry = join(root, "dist-prod", "pipelock.mjs")

/** The newest modification time under `path` (a file or a folder). */
const newest = (path: string): number => {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let t = s.mtimeMs
  for (const e of readdirSync(path, { withFileTypes: true })) t = Math.max(t, newest(join(path, e.name)))
  return t
}

const stale = !existsSync(entry) || statSync(entry).mtimeMs < Math.max(newest(join(root, "src")), newest(join(root, "package-lock.json")), newest(join(root, "scripts", "build-prod.ts")), newest(join(root, "config")))
if (stale) {
  const built = spawnSync(process.execPath, [join(root, "scripts", "build-prod.ts")], { stdio: ["ignore", "inherit", "inherit"] })
  if (built.status !== 0) process.exit(built.status ?? 2)
}
// The bundle reads its arguments from process.argv.slice(2): this script's own arguments, `run` first.
process.argv.splice(2, 0, "run")
await import(pathToFileURL(entry).href)
