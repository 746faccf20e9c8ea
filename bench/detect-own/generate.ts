/**
 * `node bench/detect-own/generate.ts`: writes `injection.jsonl` (and `tools.jsonl`) from the hand-written lists
 * beside it, in the data pack's row format. Each attack and near miss appears on its own and embedded in one
 * carrier; both rows share a `source` detail, so they fall on the same side of the train/held-back split.
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { attacks, carriers, nearMisses } from "./injection-data.ts"
import { attacks2, carriers2, nearMisses2 } from "./injection-data-2.ts"
import { tools } from "./tools-data.ts"
import { tools2 } from "./tools-data-2.ts"
import { rows as tools3 } from "./tools-data-3.ts"
import { LATER_BATCHES } from "./batches.ts"

const dir = import.meta.dirname
const FILE = "bench/detect-own/injection-data.ts"
const LICENSE = "Apache-2.0"

const rows: string[] = []
const emit = (id: string, source: string, category: string, expected: "block" | "allow", text: string) =>
  rows.push(JSON.stringify({ id, source, license: LICENSE, category, expected, text }))

const embed = (text: string, k: number) => {
  const [before, after] = carriers[k % carriers.length]
  return `${before}\n\n${text}\n\n${after}`
}

let k = 0
for (const [family, lines] of Object.entries(attacks)) {
  lines.forEach((text, i) => {
    const source = `own@pipelock:${FILE}#attacks/${family}/${i}`
    emit(`own-inj-${family}-${i}`, source, `own: ${family}`, "block", text)
    emit(`own-inj-${family}-${i}-embedded`, source, `own: ${family} (embedded)`, "block", embed(text, k++))
  })
}
for (const [kind, lines] of Object.entries(nearMisses)) {
  lines.forEach((text, i) => {
    const source = `own@pipelock:${FILE}#near-misses/${kind}/${i}`
    emit(`own-ben-${kind}-${i}`, source, `near-miss: ${kind}`, "allow", text)
    emit(`own-ben-${kind}-${i}-embedded`, source, `near-miss: ${kind} (embedded)`, "allow", embed(text, k++))
  })
}
carriers.forEach(([a, b], i) => emit(`own-carrier-${i}`, `own@pipelock:${FILE}#carriers/${i}`, "near-miss: carrier", "allow", `${a}\n\n${b}`))

// The second batch (injection-data-2.ts): embedded in the carriers of both files.
const FILE2 = "bench/detect-own/injection-data-2.ts"
const allCarriers = [...carriers, ...carriers2]
const embed2 = (text: string, j: number) => {
  const [before, after] = allCarriers[j % allCarriers.length]
  return `${before}\n\n${text}\n\n${after}`
}
let j = 0
for (const [family, lines] of Object.entries(attacks2)) {
  lines.forEach((text, i) => {
    const source = `own@pipelock:${FILE2}#attacks/${family}/${i}`
    emit(`own-inj-${family}-${i}`, source, `own: ${family}`, "block", text)
    emit(`own-inj-${family}-${i}-embedded`, source, `own: ${family} (embedded)`, "block", embed2(text, j++))
  })
}
for (const [kind, lines] of Object.entries(nearMisses2)) {
  lines.forEach((text, i) => {
    const source = `own@pipelock:${FILE2}#near-misses/${kind}/${i}`
    emit(`own-ben-${kind}-${i}`, source, `near-miss: ${kind}`, "allow", text)
    emit(`own-ben-${kind}-${i}-embedded`, source, `near-miss: ${kind} (embedded)`, "allow", embed2(text, j++))
  })
}
carriers2.forEach(([a, b], i) => emit(`own-carrier2-${i}`, `own@pipelock:${FILE2}#carriers/${i}`, "near-miss: carrier", "allow", `${a}\n\n${b}`))
writeFileSync(join(dir, "injection.jsonl"), `${rows.join("\n")}\n`)

const toolRows = [
  ...tools.map((t, i) =>
    JSON.stringify({ id: `own-tool-${i}`, source: `own@pipelock:bench/detect-own/tools-data.ts#${t.category}/${i}`, license: LICENSE, category: t.category, expected: t.expected, tool: t.tool })),
  ...tools2.map((t, i) =>
    JSON.stringify({ id: `own-tool2-${i}`, source: `own@pipelock:bench/detect-own/tools-data-2.ts#${t.category}/${i}`, license: LICENSE, category: t.category, expected: t.expected, tool: t.tool })),
  ...tools3().map((t, i) =>
    JSON.stringify({ id: `own-tool3-${t.key.replaceAll("/", "-")}`, source: `own@pipelock:bench/detect-own/tools-data-3.ts#${t.group}`, license: LICENSE, category: t.category, expected: t.expected, tool: t.tool })),
  ...LATER_BATCHES.flatMap(({ n, rows }) => rows.map((t, i) =>
    JSON.stringify({ id: `own-tool${n}-${i}`, source: `own@pipelock:bench/detect-own/tools-data-${n}.ts#${t.category}/${i}`, license: LICENSE, category: t.category, expected: t.expected, tool: t.tool })))
]
writeFileSync(join(dir, "tools.jsonl"), `${toolRows.join("\n")}\n`)
console.log(`wrote ${rows.length} injection rows, ${toolRows.length} tool rows`)
