/**
 * Training for the learned scanners (src/layers/detect/classifier.ts): data loading, the train/held-back
 * split, logistic regression over sliding windows, calibration and serialisation. Used by
 * `npm run train:detect` (scripts/train-detect.ts) and by `npm run bench:detect` (leave-one-source-out).
 *
 * Everything is deterministic: a fixed seed for the shuffles, data read in file order, weights written as
 * int8 codes (base64) and the few floats with fixed decimals, so the same data gives the same bytes.
 */
import { createHash } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { benignDocRows } from "./benignDocs.ts"
import { features, type Model, prepare, score, type SerializedModel, decode } from "../../src/layers/detect/classifier.ts"

export const root = join(import.meta.dirname, "../..")

/** The detection data pack: `DETECT_DATA`, else `../shared/detect-data` from the repo (or from a worktree's parent). */
export const dataDir = (): string => {
  const candidates = [process.env.DETECT_DATA, join(root, "../shared/detect-data"), join(root, "../../shared/detect-data")]
  const found = candidates.find((d) => d !== undefined && d !== "" && existsSync(join(d, "injection/cases.jsonl")))
  if (found === undefined) throw new Error("detection data pack not found: set DETECT_DATA or place it at ../shared/detect-data")
  return found
}

export interface Row {
  readonly id: string
  readonly source: string
  readonly license: string
  readonly category: string
  readonly expected: "block" | "allow"
  readonly text: string
}

export interface Doc extends Row {
  readonly label: 0 | 1
  /** Repository (`owner/repo`), or `own` for the rows written for this project. */
  readonly repo: string
  /** The split unit: rows of one group are all trained on or all held back. */
  readonly group: string
  readonly heldBack: boolean
  /** CC-BY-SA rows: evaluation only, never trained on or calibrated with. */
  readonly evalOnly: boolean
}

const readJsonl = <A>(path: string): A[] =>
  readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as A)

export const sha256 = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex")

/** CRC-32 (IEEE) of a string's UTF-8 bytes: the stable hash behind the split. */
export const crc32 = (s: string): number => {
  let c = 0xffffffff
  for (const b of Buffer.from(s, "utf8")) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

/**
 * The split unit of a row: documentation paragraphs by file (paragraphs of one page are alike), the
 * template-generated latent injections by probe (they share carrier documents), everything else by row.
 */
export const groupOf = (r: Row): string => {
  const [repo, rest = ""] = r.source.split("@")
  const path = rest.slice(rest.indexOf(":") + 1)
  const file = path.split("#")[0]
  if (r.category.startsWith("benign-docs") || r.category === "hard-negative") return `${repo}:${file}`
  if (file.endsWith("latentinjection.py")) return `${repo}:${r.category}`
  if (file.endsWith("prompt_data.py")) return `${repo}:${path.split("#")[1]?.split("/")[0] ?? ""}`
  return `${repo}:${path}`
}

/** One group in four is held back (CRC-32 of the group), the rest trained on. */
export const isHeldBack = (group: string): boolean => crc32(group) % 4 === 0

export const toDoc = (r: Row): Doc => {
  const repo = r.source.startsWith("own") ? "own" : r.source.split("@")[0]
  const group = groupOf(r)
  return { ...r, label: r.expected === "block" ? 1 : 0, repo, group, heldBack: isHeldBack(group), evalOnly: /CC-BY-SA/i.test(r.license) }
}

export const injectionFiles = () => {
  const dir = dataDir()
  return { pack: join(dir, "injection/cases.jsonl"), own: join(root, "bench/detect-own/injection.jsonl"), dlp: join(dir, "dlp/cases.jsonl") }
}

/**
 * The injection rows, the rows written for this project, and the DLP rows as ordinary text (request bodies,
 * config files and code with or without secrets: none is an instruction to an agent, so all are `allow` here).
 */
export const loadInjection = (): Doc[] => {
  const f = injectionFiles()
  const rows = readJsonl<Row>(f.pack)
  if (existsSync(f.own)) rows.push(...readJsonl<Row>(f.own))
  if (process.env.NO_DLP !== "1") for (const r of readJsonl<Row>(f.dlp)) rows.push({ ...r, category: "benign-code-config", expected: "allow" })
  if (process.env.NO_NPM_DOCS !== "1") rows.push(...benignDocRows())
  return rows.map(toDoc)
}

// ---------------------------------------------------------------------------------------------
// Windows and training
// ---------------------------------------------------------------------------------------------

export interface Options {
  readonly bits: number
  readonly window: number
  /** Window step for training (inference looks at every position). */
  readonly stride: number
  readonly epochs: number
  readonly rounds: number
  readonly l2: number
  readonly rate: number
  readonly seed: number
}

export const defaults: Options = { bits: 18, window: 48, stride: 16, epochs: 6, rounds: 3, l2: 1e-5, rate: 0.2, seed: 20261204 }

/** A window as a sparse vector: bucket indexes and values (counts / √length). */
interface Vec {
  readonly idx: Int32Array
  readonly val: Float32Array
}

/** The per-token feature buckets of a text. */
const tokenFeatures = (text: string, mask: number): number[][] => {
  const out: number[][] = []
  features(prepare(text), (token, h) => {
    while (out.length <= token) out.push([])
    out[token].push(h & mask)
  })
  return out
}

const vec = (tokens: number[][], from: number, to: number): Vec => {
  const counts = new Map<number, number>()
  for (let t = from; t < to; t++) for (const b of tokens[t]) counts.set(b, (counts.get(b) ?? 0) + 1)
  const norm = 1 / Math.sqrt(Math.max(1, to - from))
  const keys = [...counts.keys()].sort((a, b) => a - b)
  return { idx: Int32Array.from(keys), val: Float32Array.from(keys.map((k) => counts.get(k)! * norm)) }
}

/** The training windows of a text: every `stride` tokens (the whole text when it is shorter than a window). */
const windowsOf = (text: string, o: Options): Vec[] => {
  const tokens = tokenFeatures(text, (1 << o.bits) - 1)
  if (tokens.length <= o.window) return [vec(tokens, 0, tokens.length)]
  const out: Vec[] = []
  for (let i = 0; ; i += o.stride) {
    const end = Math.min(i + o.window, tokens.length)
    out.push(vec(tokens, end - o.window, end))
    if (end === tokens.length) break
  }
  return out
}

/** mulberry32: a small seeded PRNG. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const dot = (w: Float64Array, v: Vec): number => {
  let s = 0
  for (let k = 0; k < v.idx.length; k++) s += w[v.idx[k]] * v.val[k]
  return s
}

export interface Trained {
  readonly weights: Float64Array
  readonly bias: number
}

interface Example {
  readonly v: Vec
  readonly y: 0 | 1
  weight: number
}

/**
 * Logistic regression with AdaGrad and L2, as multiple-instance learning: a benign text's every window is a
 * negative; an attack's windows all start as (down-weighted) positives, and after each round only its
 * highest-scoring window stays positive (the instruction hidden in a page is one stretch of it). The
 * classes are weighted to equal total weight.
 */
export const train = (docs: ReadonlyArray<{ readonly text: string; readonly label: 0 | 1 }>, o: Options = defaults): Trained => {
  const size = 1 << o.bits
  const w = new Float64Array(size)
  const g2 = new Float64Array(size).fill(1e-8)
  let bias = 0
  let gb = 1e-8
  const wins = docs.map((d) => windowsOf(d.text, o))
  const random = rng(o.seed)
  for (let round = 0; round < o.rounds; round++) {
    const examples: Example[] = []
    docs.forEach((d, i) => {
      const ws = wins[i]
      if (d.label === 0) for (const v of ws) examples.push({ v, y: 0, weight: 1 / Math.sqrt(ws.length) })
      else if (round === 0) for (const v of ws) examples.push({ v, y: 1, weight: 1 / ws.length })
      else {
        let best = ws[0]
        let bestScore = -Infinity
        for (const v of ws) {
          const s = dot(w, v)
          if (s > bestScore) {
            bestScore = s
            best = v
          }
        }
        examples.push({ v: best, y: 1, weight: 1 })
      }
    })
    const pos = examples.reduce((a, e) => a + (e.y === 1 ? e.weight : 0), 0)
    const neg = examples.reduce((a, e) => a + (e.y === 0 ? e.weight : 0), 0)
    for (const e of examples) e.weight *= e.y === 1 ? (pos + neg) / (2 * pos) : (pos + neg) / (2 * neg)
    const order = examples.map((_, i) => i)
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1))
        const t = order[i]
        order[i] = order[j]
        order[j] = t
      }
      for (const i of order) {
        const e = examples[i]
        const z = bias + dot(w, e.v)
        const p = 1 / (1 + Math.exp(-z))
        const g = (p - e.y) * e.weight
        for (let k = 0; k < e.v.idx.length; k++) {
          const b = e.v.idx[k]
          const gk = g * e.v.val[k] + o.l2 * w[b]
          g2[b] += gk * gk
          w[b] -= (o.rate * gk) / Math.sqrt(g2[b])
        }
        gb += g * g
        bias -= (o.rate * g) / Math.sqrt(gb)
      }
    }
  }
  return { weights: w, bias }
}

/** int8 codes over the largest weight; the bias and thresholds with fixed decimals. */
export const serialize = (name: string, t: Trained, o: Options, thresholds: { block: number; flag: number }): SerializedModel => {
  let max = 0
  for (const x of t.weights) max = Math.max(max, Math.abs(x))
  const scale = Number((max / 127).toFixed(8))
  const codes = new Int8Array(t.weights.length)
  for (let i = 0; i < codes.length; i++) codes[i] = Math.max(-127, Math.min(127, Math.round(t.weights[i] / scale)))
  return {
    name, bits: o.bits, window: o.window, bias: Number(t.bias.toFixed(6)), scale,
    weights: Buffer.from(codes.buffer).toString("base64"),
    thresholds: { block: Number(thresholds.block.toFixed(4)), flag: Number(thresholds.flag.toFixed(4)) }
  }
}

/** The model as inference sees it (quantised), with placeholder thresholds. */
export const asModel = (name: string, t: Trained, o: Options): Model => decode(serialize(name, t, o, { block: 1, flag: 1 }))

/**
 * The lowest threshold (on a 0.0001 grid) at which at most `rate` of these benign scores reach it.
 */
export const thresholdFor = (benignScores: ReadonlyArray<number>, rate: number): number => {
  const sorted = [...benignScores].sort((a, b) => b - a)
  const allowed = Math.floor(sorted.length * rate)
  // Scores at index < allowed may reach the threshold; the one at `allowed` must stay below it.
  const bound = sorted[allowed] ?? 0
  return Math.min(1, Math.ceil((bound + 1e-9) * 10000) / 10000)
}

export const scoreAll = (m: Model, docs: ReadonlyArray<{ readonly text: string }>): number[] => docs.map((d) => score(m, d.text).score)
