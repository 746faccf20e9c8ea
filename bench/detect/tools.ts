/**
 * bench:detect — poisoned MCP tool definitions. Over the data pack (../shared/detect-data/tools, 100 rows) and
 * the tools written for this project (bench/detect-own/tools-data*.ts): per source and category, the share
 * blocked in balanced mode by the rules alone, the tool classifier alone (score ≥ `flag`; it never blocks
 * alone in the proxy, see toolPoison.ts), rules and classifier combined as the proxy runs them (`scanTool`),
 * and `@andersmyrmel/vard` (moderate preset, on the same text the classifier reads) as an outside anchor.
 *
 * Honesty notes printed with the figures: the rules were written after reading the pack's tool rows, so the
 * rules column on them is in-sample; the classifier column is read on the held-back quarter. The
 * leave-one-source-out row trains the tool model without the only source with poisoned tools
 * (cisco-ai-defense/mcp-scanner) and scores its rows: that is the estimate for tools from a new source; a
 * second one trains without the own tool rows and scores them (the other direction). The classifier reads
 * the tool document with concept tokens (toolConcepts.ts), as `scanTool` does.
 */
import vard from "@andersmyrmel/vard"
import { decode, type Model } from "../../src/layers/detect/classifier.ts"
import { toolWeights } from "../../src/layers/detect/classifierWeights.ts"
import { decide } from "../../src/layers/detect/decide.ts"
import { compile } from "../../src/layers/detect/injection.ts"
import { classify } from "../../src/layers/detect/injectionClassifier.ts"
import { mergeInjectionPatterns } from "../../src/layers/detect/injectionPatterns.ts"
import { toolModelInput } from "../../src/layers/detect/toolConcepts.ts"
import { scanTool, toolDocument, type ToolDefinition } from "../../src/layers/detect/toolPoison.ts"
import { type Doc, loadInjection } from "../../scripts/detect/train.ts"
import { realDocs } from "./injection.ts"
import { tools as tools1 } from "../detect-own/tools-data.ts"
import { tools2 } from "../detect-own/tools-data-2.ts"
import { rows as tools3 } from "../detect-own/tools-data-3.ts"
import { tools4 } from "../detect-own/tools-data-4.ts"
import { tools5 } from "../detect-own/tools-data-5.ts"
import { tools6 } from "../detect-own/tools-data-6.ts"
import { tools7 } from "../detect-own/tools-data-7.ts"
import { tools8 } from "../detect-own/tools-data-8.ts"
import { LATER_BATCHES } from "../detect-own/batches.ts"
import { loadTools, trainToolModel } from "../../scripts/train-detect.ts"

const compiled = compile({ patterns: mergeInjectionPatterns([], true) })
const blocks = (fs: ReturnType<typeof scanTool>) => decide(fs, "balanced", "warn").action === "block"
const anchor = vard.moderate().maxLength(1_000_000)

interface Judged {
  readonly rules: boolean
  readonly flag: boolean
  readonly combined: boolean
  readonly anchor: boolean
}

const judge = (model: Model, d: { readonly text: string; readonly tool: ToolDefinition }): Judged => {
  const silent = { ...model, thresholds: { block: 2, flag: 2 } }
  let anchored = false
  try {
    anchored = !anchor.safeParse(d.text).safe
  } catch {
    anchored = true
  }
  return {
    rules: blocks(scanTool(compiled, d.tool, silent)),
    flag: classify(model, toolModelInput(d.text)).level !== "none",
    combined: blocks(scanTool(compiled, d.tool, model)),
    anchor: anchored
  }
}

const pct = (k: number, n: number) => (n === 0 ? "—" : `${((100 * k) / n).toFixed(1)}%`)
const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + " ".repeat(n - s.length))
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s)

const row = (name: string, js: ReadonlyArray<Judged>) =>
  console.log(`${pad(name, 58)} ${lpad(String(js.length), 5)} ${lpad(pct(js.filter((j) => j.rules).length, js.length), 7)} ${lpad(pct(js.filter((j) => j.flag).length, js.length), 9)} ${lpad(pct(js.filter((j) => j.combined).length, js.length), 9)} ${lpad(pct(js.filter((j) => j.anchor).length, js.length), 7)}`)
const header = (title: string) => {
  console.log(`\n${title}`)
  console.log(`${pad("source / category", 58)} ${lpad("n", 5)} ${lpad("rules", 7)} ${lpad("clf≥flag", 9)} ${lpad("combined", 9)} ${lpad("vard", 7)}`)
}

export const run = async (): Promise<void> => {
  console.log("\n=== bench:detect — tools (MCP tool definitions) ===")
  const model = decode(toolWeights)
  console.log(`committed tool model: 2^${model.bits} buckets, thresholds flag ${model.thresholds.flag} (block ${model.thresholds.block} is not used alone)`)
  const tools = loadTools()
  const judged = new Map(tools.map((d) => [d, judge(model, d)] as const))
  const groups = (docs: ReadonlyArray<typeof tools[number]>, key: (d: Doc) => string) => {
    const m = new Map<string, Judged[]>()
    for (const d of docs) m.set(key(d), [...(m.get(key(d)) ?? []), judged.get(d)!])
    for (const [k, v] of [...m].sort(([a], [b]) => a.localeCompare(b))) row(k, v)
  }
  header("All rows (poisoned: recall; benign: false-positive rate). Rules are in-sample on these rows")
  groups(tools, (d) => `${d.repo === "own" ? "own" : d.repo.split("/")[1]} · ${d.category} (${d.expected})`)
  header("Held-back quarter only (the committed model never saw these)")
  groups(tools.filter((d) => d.heldBack), (d) => `${d.repo === "own" ? "own" : d.repo.split("/")[1]} · ${d.expected}`)

  const packAttacks = tools.filter((d) => d.repo !== "own" && d.label === 1).map((d) => judged.get(d)!)
  const packBenign = tools.filter((d) => d.repo !== "own" && d.label === 0).map((d) => judged.get(d)!)

  // Leave one source out: the only pack source with poisoned tools.
  const injection = loadInjection()
  const isCisco = (d: Doc) => d.repo.startsWith("cisco-ai-defense")
  const loso = decode(trainToolModel("loso", tools.filter((d) => !isCisco(d)), injection))
  const lj = tools.filter(isCisco).map((d) => ({ d, j: judge(loso, d) }))
  header("Leave-one-source-out: tool model trained without cisco-ai-defense/mcp-scanner, scored on its rows")
  row("cisco · poisoned (recall)", lj.filter((x) => x.d.label === 1).map((x) => x.j))
  row("cisco · benign (false positives)", lj.filter((x) => x.d.label === 0).map((x) => x.j))
  // The other direction: trained without the tools written for this project (pack tools and content rows only).
  const rev = decode(trainToolModel("loso-own", tools.filter((d) => d.repo !== "own"), injection))
  const rj = tools.filter((d) => d.repo === "own").map((d) => ({ d, j: judge(rev, d) }))
  header("Leave-one-source-out, other direction: tool model trained without the own tool rows, scored on them")
  row("own · poisoned (recall)", rj.filter((x) => x.d.label === 1).map((x) => x.j))
  row("own · benign incl. near misses (false positives)", rj.filter((x) => x.d.label === 0).map((x) => x.j))

  // The own batches one by one: rules alone and combined with the committed model, poisoned and benign apart.
  // Batches 4-8 are not in tools.jsonl (the model never trains on them). Batches 5-7 were each scored once before
  // their misses widened the intent rules (toolIntent.ts): 11/20, 2/12, 1/12 then. Batch 8 was written after the
  // last rule change and never used to change one: the held-out figure for the rules as shipped.
  header("Own tool batches one by one (4-8 not trained on; 8 held out from the rules, 5-7 were before widening them)")
  const batches: ReadonlyArray<readonly [string, ReadonlyArray<{ readonly expected: string; readonly tool: ToolDefinition }>]> = [
    ["batch 1 tools-data.ts", tools1], ["batch 2 tools-data-2.ts", tools2], ["batch 3 tools-data-3.ts", tools3()],
    ["batch 4 tools-data-4.ts", tools4], ["batch 5 tools-data-5.ts", tools5], ["batch 6 tools-data-6.ts", tools6],
    ["batch 7 tools-data-7.ts", tools7], ["batch 8 tools-data-8.ts (held out)", tools8],
    ...LATER_BATCHES.filter((b) => b.n >= 9).map((b) => [`batch ${b.n} tools-data-${b.n}.ts (independent)`, b.rows] as const)
  ]
  for (const [name, rs] of batches) {
    for (const expected of ["block", "allow"] as const) {
      const js = rs.filter((t) => t.expected === expected).map((t) => judge(model, { text: toolDocument(t.tool), tool: t.tool }))
      row(`${name} · ${expected === "block" ? "poisoned" : "benign"}`, js)
    }
  }

  // Ordinary prose read as tool descriptions: paragraphs of real documentation (node_modules READMEs and
  // CHANGELOGs, the held-out half of realDocs), each as the description of a tool without parameters. Security
  // prose among them (what an attacker could do, software that "silently normalizes" input) found the classes of
  // toolOwnFunction.test.ts, so this row is in-sample for those discounts; its job is to catch regressions.
  const paragraphs = realDocs().flatMap((d) => d.split(/\n\s*\n/)).map((p) => p.trim()).filter((p) => p.length >= 60 && !p.startsWith("```")).map((p) => p.slice(0, 2000))
  header("Real documentation paragraphs as tool descriptions (node_modules, unlabelled, benign)")
  const docsJudged = paragraphs.map((p) => judge(model, { text: p, tool: { name: "doc", description: p } }))
  row("README/CHANGELOG paragraphs (false positives)", docsJudged)

  const r = (js: ReadonlyArray<Judged>) => js.filter((j) => j.combined).length
  console.log("\nTargets (issue 14), combined:")
  console.log(`  tools recall, pack (all rows; rules in-sample)          ${pct(r(packAttacks), packAttacks.length).padStart(7)}   target ≥ 95%`)
  console.log(`  tools false positives, pack benign                       ${pct(r(packBenign), packBenign.length).padStart(7)}   target ≤ 0.5%`)
  console.log(`  false positives, real doc paragraphs as tools            ${pct(r(docsJudged), docsJudged.length).padStart(7)}   target ≈ 0 (ordinary text)`)
  const lr = lj.filter((x) => x.d.label === 1).map((x) => x.j)
  console.log(`  leave-one-source-out, cisco poisoned, classifier ≥ flag  ${pct(lr.filter((j) => j.flag).length, lr.length).padStart(7)}   target ≥ 80%`)
  console.log("  (own rows: written from the class descriptions in issue 14; the rules were written with them and the pack rows in view)")
}
