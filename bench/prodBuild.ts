/**
 * The production build the CLI and RSS benchmarks run (dist-prod/): built first when it is missing or older than
 * any source it is made from (src/, bin/, scripts/build-prod.ts, package-lock.json) — a stale build would measure
 * code that is no longer the tree's.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"

const newest = (path: string): number => {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let t = st.mtimeMs
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)))
  return t
}

/** The bundle's path, rebuilt when stale; exits the process when the build fails. */
export const prodBuild = (root: string): string => {
  const bundle = join(root, "dist-prod/pipelock.mjs")
  const sources = ["src", "bin", "scripts/build-prod.ts", "package-lock.json"].map((p) => join(root, p)).filter(existsSync)
  if (!existsSync(bundle) || Math.max(...sources.map(newest)) > statSync(bundle).mtimeMs) {
    const b = spawnSync(process.execPath, [join(root, "scripts/build-prod.ts")], { stdio: "inherit" })
    if (b.status !== 0) process.exit(1)
  }
  return bundle
}
