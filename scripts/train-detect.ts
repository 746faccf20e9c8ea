/**
 * `npm run train:detect [-- --check]`: trains the two learned scanners and writes
 * `src/layers/detect/classifierWeights.ts`; with `--check`, trains and compares with the committed file instead
 * (exit 1 when they differ). Deterministic: fixed seed, data read in file order, int8 weights in base64 and
 * fixed-decimal floats, so the same data gives the same bytes.
 *
 * Data: the detection data pack (`DETECT_DATA`, else ../shared/detect-data; its SHA-256 is recorded and
 * checked) and the rows written for this project in bench/detect-own/. CC-BY-SA rows (the OWASP source) are
 * never trained on or calibrated with. One group in four (documentation files, garak probes, single rows:
 * see `groupOf`) is held back: the models never see it, the thresholds are calibrated on its benign rows.
 *
 * - injection: response text and MCP results. Thresholds (see `calibrate`): `flag` is the lowest score that
 *   at most 0.5% of the held-back benign rows reach; `block` the lowest that at most 0.3% of them and 3% of
 *   the held-back near misses of bench/detect-own reach.
 * - tools: tool definitions (toolDocument: name, description, schema strings, with the concept tokens of
 *   toolConcepts.ts), one window per tool, trained on the tool rows (the pack's and bench/detect-own's three
 *   batches) and the injection rows together (the tool rows alone are too few). Its
 *   thresholds are calibrated on the held-back benign tools and the held-back benign documentation together
 *   (the benign tools alone are too few to read 0.5% from).
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { toolDocument, type ToolDefinition } from "../src/layers/detect/toolPoison.ts"
import type { Model, SerializedModel } from "../src/layers/detect/classifier.ts"
import { toolModelInput } from "../src/layers/detect/toolConcepts.ts"
import { manifestPath } from "./detect/benignDocs.ts"
import { asModel, dataDir, defaults, type Doc, injectionFiles, loadInjection, type Options, root, type Row, scoreAll, serialize, sha256, thresholdFor, toDoc, train } from "./detect/train.ts"

/**
 * Ten passes per round rather than the default six: measured with the second batch of own rows, leave-one-source-out
 * recall 80.3% → 81.0% (garak 83.9% → 84.8%) at the same false-positive rates (held-back benign 0.19%, hard
 * negatives 1.33%, real docs 0.83%). The tool model keeps six (ten not measured there).
 */
export const injectionOptions: Options = { ...defaults, epochs: 10 }
/**
 * The tool model: 2^18 buckets (the concept-pair tokens add features), a smaller step (0.03) and its tool rows
 * counted twice against the content rows. Chosen with the tool batches 9-15 on the mean of the
 * leave-one-source-out recall over ten sources at `flag` (`npm run bench:detect toolsLoso`): 2^16 buckets, step
 * 0.2 and rows once gave 75.8%; 2^18 / 0.05 / twice 81.6%; 2^18 / 0.03 / twice 83.9% (cisco 84%; seeds 1 and 2:
 * 83.1%, 82.3%). Smaller steps raise recall at `flag` but also the near-miss tools that reach it (AUC does not
 * improve below 0.05); 0.02 with rows three times gave 83.1%.
 */
export const toolOptions: Options = { ...defaults, bits: 18, window: 256, rate: 0.03 }
const TOOL_REPEAT = 2

export const toolFiles = () => ({ pack: join(dataDir(), "tools/cases.jsonl"), own: join(root, "bench/detect-own/tools.jsonl") })

export const loadTools = (): Array<Doc & { readonly tool: ToolDefinition }> => {
  const f = toolFiles()
  return [f.pack, f.own].flatMap((path) =>
    readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => {
      const r = JSON.parse(l) as Omit<Row, "text"> & { tool: ToolDefinition }
      return { ...toDoc({ ...r, text: toolDocument(r.tool) }), tool: r.tool }
    }))
}

export const calibrationSet = (docs: ReadonlyArray<Doc>) => docs.filter((d) => d.heldBack && !d.evalOnly && d.label === 0 && d.category !== "hard-negative" && d.repo !== "own")
export const nearMissSet = (docs: ReadonlyArray<Doc>) => docs.filter((d) => d.heldBack && d.label === 0 && d.repo === "own")

/**
 * `block`: at most 0.3% of the held-back benign rows and 3% of the held-back near misses written for this
 * project reach it; `flag`: at most 0.5% of the held-back benign rows reach it.
 */
/**
 * With the node_modules documentation in the calibration set (real READMEs score higher than the pack's book
 * paragraphs and maths questions), 0.3% of it and one near miss in 33 bound `block`: measured, this keeps
 * held-back benign false positives at 0.2% (target ≤ 0.5%) for more recall than 0.1% gave.
 */
const BLOCK_RATE = 0.003
const NEAR_RATE = 0.03

export const calibrate = (model: Model, docs: ReadonlyArray<Doc>, extraBenign: ReadonlyArray<Doc> = []) => {
  const benign = scoreAll(model, [...calibrationSet(docs), ...extraBenign])
  const near = scoreAll(model, nearMissSet(docs))
  return { block: Math.max(thresholdFor(benign, BLOCK_RATE), thresholdFor(near, NEAR_RATE)), flag: thresholdFor(benign, 0.005) }
}

const trainable = (d: Doc) => !d.evalOnly && !d.heldBack

/** Docs as the tool model reads them: with the concept tokens of `toolModelInput` (src/layers/detect/toolConcepts.ts). */
export const forToolModel = <D extends { readonly text: string }>(docs: ReadonlyArray<D>): D[] => docs.map((d) => ({ ...d, text: toolModelInput(d.text) }))

/**
 * The tool model, trained on the trainable tool rows given and the content rows (the content rows teach it what
 * ordinary documentation and instructions to an agent read like), calibrated as `calibrate` says on the held-back
 * tools and content. bench:detect uses it with a source left out (and, in toolsLoso.ts, with other seeds).
 */
export const trainToolModel = (name: string, tools: ReadonlyArray<Doc>, injection: ReadonlyArray<Doc>, options: Options = toolOptions): SerializedModel => {
  const own = forToolModel(tools.filter(trainable))
  const t = train([...Array.from({ length: TOOL_REPEAT }, () => own).flat(), ...forToolModel(injection.filter(trainable))], options)
  const model = asModel(name, t, options)
  const c = calibrate(model, forToolModel(tools), forToolModel(calibrationSet(injection)))
  // A tool blocks on the model's word alone only above every held-back ordinary benign tool (not a near miss).
  const ordinary = scoreAll(model, forToolModel(tools.filter((d) => d.heldBack && !d.evalOnly && d.label === 0 && !/near[ -]miss/.test(d.category))))
  return serialize(name, t, options, { ...c, block: Math.max(c.block, thresholdFor(ordinary, 0)) })
}

export const build = (): string => {
  const injection = loadInjection()
  const tools = loadTools()
  const inj = train(injection.filter(trainable), injectionOptions)
  const injModel = asModel("injection", inj, injectionOptions)
  const injSer = serialize("injection", inj, injectionOptions, calibrate(injModel, injection))

  const toolSer = trainToolModel("tools", tools, injection)

  const files = { ...injectionFiles(), tools: toolFiles().pack, ownTools: toolFiles().own }
  const hashes = {
    "injection/cases.jsonl": sha256(files.pack),
    "tools/cases.jsonl": sha256(files.tools),
    "bench/detect-own/injection.jsonl": sha256(files.own),
    "bench/detect-own/tools.jsonl": sha256(files.ownTools),
    "bench/detect-own/benign-docs.json": sha256(manifestPath)
  }
  return [
    "/**",
    " * GENERATED by `npm run train:detect` (scripts/train-detect.ts): the learned scanners' weights. Do not edit.",
    " * Trained on the detection data pack (CC-BY-SA rows excluded) and bench/detect-own/; see docs/detection.md.",
    ` * Data (SHA-256): ${JSON.stringify(hashes)}`,
    " */",
    'import type { SerializedModel } from "./classifier.ts"',
    "",
    `export const injectionWeights: SerializedModel = ${JSON.stringify(injSer)}`,
    "",
    `export const toolWeights: SerializedModel = ${JSON.stringify(toolSer)}`,
    ""
  ].join("\n")
}

export const weightsPath = join(root, "src/layers/detect/classifierWeights.ts")

if (import.meta.main) {
  const check = process.argv.includes("--check")
  const t0 = performance.now()
  const text = build()
  const seconds = ((performance.now() - t0) / 1000).toFixed(1)
  if (check) {
    const same = readFileSync(weightsPath, "utf8") === text
    console.log(same ? `train:detect --check: the committed weights are reproduced byte for byte (${seconds} s)` : "train:detect --check: the trained weights DIFFER from the committed ones")
    process.exit(same ? 0 : 1)
  }
  writeFileSync(weightsPath, text)
  console.log(`wrote ${weightsPath} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB) in ${seconds} s`)
}
