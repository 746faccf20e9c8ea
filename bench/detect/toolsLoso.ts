/**
 * bench:detect — the tool model left out of each tool source in turn (leave-one-source-out), and its spread
 * over training seeds. For every source of tool rows — the pack's cisco-ai-defense/mcp-scanner (poisoned and
 * benign), modelcontextprotocol/servers (benign only) and the batches written for this project
 * (bench/detect-own/tools-data*.ts, grouped by author, see SOURCES) — the tool model is
 * trained exactly as `npm run train:detect` trains it but without that source, calibrated the same way, and
 * scored on the source's rows at its `flag` threshold: recall on the poisoned tools, false positives on the
 * benign tools and on the near misses, and the area under the curve (poisoned against the source's benign and
 * near-miss tools: how well it ranks, whatever the threshold). "combined" is what the proxy decides in balanced
 * mode with that model and the rules (the rules were not trained on any source, but batches 1-8 and cisco were in
 * view when they were written). Then the model trained on everything, on the held-back quarter of the tool rows.
 *
 * `TOOL_LOSO_SEEDS=20261204,1,2 npm run bench:detect toolsLoso` repeats it for each seed and prints the mean
 * and spread (one seed, the committed one, by default: each seed trains six models, about a minute).
 */
import { decode, type Model, score } from "../../src/layers/detect/classifier.ts"
import { decide } from "../../src/layers/detect/decide.ts"
import { compile } from "../../src/layers/detect/injection.ts"
import { mergeInjectionPatterns } from "../../src/layers/detect/injectionPatterns.ts"
import { scanTool } from "../../src/layers/detect/toolPoison.ts"
import { toolWeights } from "../../src/layers/detect/classifierWeights.ts"
import { toolModelInput } from "../../src/layers/detect/toolConcepts.ts"
import { type Doc, loadInjection } from "../../scripts/detect/train.ts"
import { loadTools, toolOptions, trainToolModel } from "../../scripts/train-detect.ts"

type Tool = ReturnType<typeof loadTools>[number]

const isNear = (d: Doc) => /near[ -]miss/.test(d.category)

/** The batch number of an own tool row (tools-data.ts is 1), 0 for the pack's rows. */
const batchOf = (d: Doc): number => {
  const m = /tools-data(?:-(\d+))?\.ts/.exec(d.source)
  return d.repo !== "own" || m === null ? 0 : Number(m[1] ?? 1)
}
const own = (from: number, to: number) => (d: Doc) => batchOf(d) >= from && batchOf(d) <= to

/**
 * The sources left out in turn. The own batches are grouped by who wrote them: 1-3 by the sessions that wrote
 * the rules (with the pack in view), 4-8 by the sessions that widened the intent rules, and 9-19 each by a
 * separate helper session that read neither the pack's tool rows, nor the other batches, nor the detectors.
 * Only the sources with poisoned tools count towards the mean recall.
 */
const SOURCES: ReadonlyArray<readonly [string, (d: Doc) => boolean]> = [
  ["cisco-ai-defense/mcp-scanner", (d) => d.repo === "cisco-ai-defense/mcp-scanner"],
  ["modelcontextprotocol/servers", (d) => d.repo === "modelcontextprotocol/servers"],
  ["own, batches 1-3", own(1, 3)],
  ["own, batches 4-8", own(4, 8)],
  ...[9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((n) => [`own, batch ${n} (independent)`, own(n, n)] as const)
]

/** Probability that a poisoned tool outscores a benign one (ties count half). */
const auc = (pos: ReadonlyArray<number>, neg: ReadonlyArray<number>): number => {
  if (pos.length === 0 || neg.length === 0) return Number.NaN
  let s = 0
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0
  return s / (pos.length * neg.length)
}

const compiled = compile({ patterns: mergeInjectionPatterns([], true) })

interface Figures {
  /** Blocked in balanced mode by the rules with this model: poisoned, and benign with the near misses. */
  readonly combined: readonly [number, number]
  readonly combinedFp: readonly [number, number]
  readonly recall: readonly [number, number]
  readonly fp: readonly [number, number]
  readonly near: readonly [number, number]
  readonly auc: number
}

const figures = (model: Model, rows: ReadonlyArray<Tool>): Figures => {
  const scored = rows.map((d) => ({ d, s: score(model, toolModelInput(d.text)).score }))
  const at = (xs: typeof scored) => [xs.filter((x) => x.s >= model.thresholds.flag).length, xs.length] as const
  const pos = scored.filter((x) => x.d.label === 1)
  const ben = scored.filter((x) => x.d.label === 0 && !isNear(x.d))
  const near = scored.filter((x) => x.d.label === 0 && isNear(x.d))
  const blocked = (xs: typeof scored) => [xs.filter((x) => decide(scanTool(compiled, x.d.tool, model), "balanced", "warn").action === "block").length, xs.length] as const
  return { combined: blocked(pos), combinedFp: blocked([...ben, ...near]), recall: at(pos), fp: at(ben), near: at(near), auc: auc(pos.map((x) => x.s), [...ben, ...near].map((x) => x.s)) }
}

const frac = ([k, n]: readonly [number, number]) => (n === 0 ? "—" : `${k}/${n} ${((100 * k) / n).toFixed(1)}%`)
const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + " ".repeat(n - s.length))
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s)
const line = (name: string, f: Figures) =>
  console.log(`${pad(name, 34)} ${lpad(frac(f.recall), 15)} ${lpad(frac(f.fp), 14)} ${lpad(frac(f.near), 12)} ${lpad(Number.isNaN(f.auc) ? "—" : f.auc.toFixed(3), 6)} ${lpad(frac(f.combined), 15)} ${lpad(frac(f.combinedFp), 13)}`)
const header = () => console.log(`${pad("left out", 34)} ${lpad("recall ≥ flag", 15)} ${lpad("benign FP", 14)} ${lpad("near-miss FP", 12)} ${lpad("AUC", 6)} ${lpad("combined", 15)} ${lpad("combined FP", 13)}`)

const mean = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0) / xs.length
const spread = (xs: ReadonlyArray<number>) => {
  const m = mean(xs)
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)))
}

export const run = async (): Promise<void> => {
  console.log("\n=== bench:detect — tool model, leave-one-source-out on every tool source ===")
  const seeds = (process.env.TOOL_LOSO_SEEDS ?? String(toolOptions.seed)).split(",").map(Number)
  const tools = loadTools()
  const injection = loadInjection()
  const perSource = new Map<string, Figures[]>()
  for (const seed of seeds) {
    const options = { ...toolOptions, seed }
    console.log(`\nseed ${seed}${seed === toolOptions.seed ? " (the committed one)" : ""}: trained without the source, scored on it at that model's flag`)
    header()
    for (const [name, inSource] of SOURCES) {
      const model = decode(trainToolModel("loso", tools.filter((d) => !inSource(d)), injection, options))
      const f = figures(model, tools.filter(inSource))
      line(name, f)
      perSource.set(name, [...(perSource.get(name) ?? []), f])
    }
    const full = seed === toolOptions.seed ? decode(toolWeights) : decode(trainToolModel("tools", tools, injection, options))
    const f = figures(full, tools.filter((d) => d.heldBack))
    line("held-back quarter, all sources", f)
    perSource.set("held-back quarter, all sources", [...(perSource.get("held-back quarter, all sources") ?? []), f])
  }
  if (seeds.length > 1) {
    console.log(`\nover ${seeds.length} seeds: mean ± spread (standard deviation) of recall, benign FP and AUC`)
    for (const [name, fs] of perSource) {
      const r = fs.map((f) => (f.recall[1] === 0 ? Number.NaN : (100 * f.recall[0]) / f.recall[1]))
      const p = fs.map((f) => (f.fp[1] === 0 ? Number.NaN : (100 * f.fp[0]) / f.fp[1]))
      const a = fs.map((f) => f.auc)
      const show = (xs: number[], digits: number, unit: string) => (xs.some(Number.isNaN) ? "—" : `${mean(xs).toFixed(digits)}${unit} ± ${spread(xs).toFixed(digits)}`)
      console.log(`${pad(name, 34)} recall ${lpad(show(r, 1, "%"), 14)}  benign FP ${lpad(show(p, 1, "%"), 13)}  AUC ${show(a, 3, "")}`)
    }
  }
  const recalls = [...perSource].filter(([name, fs]) => name !== "held-back quarter, all sources" && fs[0].recall[1] > 0).map(([, fs]) => mean(fs.map((f) => f.recall[0] / f.recall[1])))
  console.log(`\nmean leave-one-source-out recall at flag over the ${recalls.length} sources with poisoned tools: ${(100 * mean(recalls)).toFixed(1)}% (lowest ${(100 * Math.min(...recalls)).toFixed(1)}%)`)
  console.log("\nTarget (issue 14): leave-one-source-out recall ≥ 80% on a source the model never saw; flag is calibrated at 0.5% of held-back benign text and pack tools")
}
