#!/usr/bin/env node
// Launcher for the `pipelock` CLI. In a source checkout Node runs the TypeScript directly
// (type stripping); an installed package (under node_modules, where Node does not strip types)
// runs the compiled dist/ build; PIPELOCK_USE_DIST=1 forces dist/, and PIPELOCK_USE_DIST=prod runs the
// production bundle dist-prod/pipelock.mjs (`npm run build:prod`; what the container image runs).
// An older Node is refused first, in one line (./check-node.js).
import "./check-node.js"
import { existsSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"
import { dirname, join, sep } from "node:path"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const source = join(root, "src", "programs", "main.ts")
const built = join(root, "dist", "programs", "main.js")
const bundle = join(root, "dist-prod", "pipelock.mjs")
const useSource = existsSync(source) && !root.split(sep).includes("node_modules") && process.env.PIPELOCK_USE_DIST !== "1"
const entry = process.env.PIPELOCK_USE_DIST === "prod" ? bundle : useSource ? source : built
if (!existsSync(entry)) {
  process.stderr.write(`pipelock: ${entry} is missing; run \`npm run ${entry === bundle ? "build:prod" : "build"}\` first\n`)
  process.exit(2)
}
await import(pathToFileURL(entry).href)
