// scratch: LOSO per category (no own rows) + held-back figures for a given set of options
import { decode } from "../../src/layers/detect/classifier.ts"
import { decide } from "../../src/layers/detect/decide.ts"
import { compile, scanText } from "../../src/layers/detect/injection.ts"
import { classify, scanContent } from "../../src/layers/detect/injectionClassifier.ts"
import { mergeInjectionPatterns } from "../../src/layers/detect/injectionPatterns.ts"
import { asModel, type Doc, loadInjection, serialize, train } from "./train.ts"
import { calibrate, injectionOptions as base } from "../train-detect.ts"
const env = (k: string, d: number) => (process.env[k] !== undefined ? Number(process.env[k]) : d)
const injectionOptions = { ...base, epochs: env("EPOCHS", base.epochs), l2: env("L2", base.l2), rate: env("RATE", base.rate), rounds: env("ROUNDS", base.rounds), stride: env("STRIDE", base.stride), window: env("WINDOW", base.window) }
console.log(injectionOptions)

const compiled = compile({ patterns: mergeInjectionPatterns([], true) })
const blocks = (fs: Parameters<typeof decide>[0]) => decide(fs, "balanced", "warn").action === "block"
const docs = loadInjection()
const trainable = docs.filter((d) => !d.evalOnly && !d.heldBack)
const only = process.argv[2]
const t0 = performance.now()
const modelWithout = (keep: (d: Doc) => boolean) => {
  const t = train(trainable.filter(keep), injectionOptions)
  return decode(serialize("x", t, injectionOptions, calibrate(asModel("x", t, injectionOptions), docs.filter(keep))))
}
const pct = (k: number, n: number) => `${((100 * k) / Math.max(1, n)).toFixed(1)}%`
if (only !== "loso") {
  const m = modelWithout(() => true)
  console.log("thresholds", m.thresholds, ((performance.now() - t0) / 1000).toFixed(1), "s")
  const ev = docs.filter((d) => d.heldBack || d.evalOnly)
  const pack = ev.filter((d) => d.repo !== "own" && d.category !== "benign-code-config")
  const att = pack.filter((d) => d.label === 1)
  const ben = [...pack.filter((d) => d.label === 0 && d.category !== "hard-negative"), ...ev.filter((d) => d.category === "benign-code-config")]
  const hard = pack.filter((d) => d.category === "hard-negative")
  const c = (xs: Doc[]) => xs.filter((d) => blocks(scanContent(compiled, d.text, "body", m)))
  const fa = c(att)
  console.log("held-back recall", pct(fa.length, att.length), "clf-block", pct(att.filter((d) => classify(m, d.text).level === "block").length, att.length))
  const cats = new Map<string, [number, number]>()
  for (const d of att) { const k = d.repo.split("/")[1] + " " + d.category.slice(0, 60); const v = cats.get(k) ?? [0, 0]; v[1]++; if (fa.includes(d)) v[0]++; cats.set(k, v) }
  for (const [k, [a, n]] of [...cats].sort()) console.log("   ", k, a, "/", n)
  const fb = c(ben), fh = c(hard)
  console.log("benign FP", pct(fb.length, ben.length), fb.length, "hard FP", pct(fh.length, hard.length), fh.length)
  for (const d of [...fb, ...fh]) console.log("   FP", d.id, d.category, d.text.slice(0, 120).replace(/\n/g, " "))
  const own = ev.filter((d) => d.repo === "own")
  console.log("own attacks", pct(c(own.filter((d) => d.label === 1)).length, own.filter((d) => d.label === 1).length), "own near FP", c(own.filter((d) => d.label === 0)).length)
}
if (only !== "held") {
  let hit = 0, n = 0
  for (const repo of (process.env.REPOS ?? "NVIDIA/garak,microsoft/BIPIA,protectai/llm-guard,swisskyrepo/PayloadsAllTheThings,Giskard-AI/prompt-injections,whylabs/langkit").split(",")) {
    const bare = modelWithout((d) => d.repo !== repo && d.repo !== "own")
    const att = docs.filter((d) => d.repo === repo && d.label === 1)
    const cats = new Map<string, [number, number]>()
    let h = 0
    for (const d of att) {
      const b = blocks(scanContent(compiled, d.text, "body", bare))
      const k = d.category.replace(/:.*?: /, ": ").slice(0, 60); const v = cats.get(k) ?? [0, 0]; v[1]++; if (b) { v[0]++; h++ } cats.set(k, v)
    }
    hit += h; n += att.length
    console.log(repo, pct(h, att.length), bare.thresholds)
    for (const [k, [a, m]] of [...cats].sort()) console.log("   ", k, a, "/", m)
  }
  console.log("LOSO no own", pct(hit, n), ((performance.now() - t0) / 1000).toFixed(1), "s")
}
