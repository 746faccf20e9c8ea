/** Rewrites the configuration reference in docs/configuration.md from the schema, defaults and presets. */
import { readFileSync, writeFileSync } from "node:fs"
import { REFERENCE_PAGE, withReference } from "../src/layers/config/reference.ts"

const path = new URL(`../${REFERENCE_PAGE}`, import.meta.url)
const before = readFileSync(path, "utf8")
const after = withReference(before)
if (after !== before) writeFileSync(path, after)
console.log(after === before ? `${REFERENCE_PAGE}: the configuration reference is up to date` : `${REFERENCE_PAGE}: the configuration reference rewritten`)
