/** Rewrites the configuration reference section of README.md from the schema, defaults and presets. */
import { readFileSync, writeFileSync } from "node:fs"
import { withReference } from "../src/layers/config/reference.ts"

const path = new URL("../README.md", import.meta.url)
const before = readFileSync(path, "utf8")
const after = withReference(before)
if (after !== before) writeFileSync(path, after)
console.log(after === before ? "README.md configuration reference is up to date" : "README.md configuration reference rewritten")
