/**
 * bench:detect — prompt injection in content (response bodies, MCP results). Over the data pack
 * (../shared/detect-data/injection) and the rows written for this project (bench/detect-own): per source and
 * category, the share blocked in balanced mode by the rules alone, the learned scanner alone (score ≥ its
 * `block` threshold; and ≥ `flag`, which only counts together with a rule), both combined as the proxy runs
 * them (`scanContent`), and `@andersmyrmel/vard` (moderate preset) as an outside anchor. Attack rows give
 * recall, benign rows the false-positive rate.
 *
 * The committed model never saw the held-back quarter of the data nor the CC-BY-SA rows (evaluation only), so
 * the classifier and combined columns are read on those rows. Leave-one-source-out: for each source with
 * attacks, a model is trained without it (same options, same own rows), calibrated the same way, and scored on
 * all of that source's attacks — the estimate of recall on attacks from a source nobody tuned on.
 * Real documentation (README/CHANGELOG files under node_modules, unlabelled, taken as benign) is a further
 * false-positive probe. Targets (issue 14) are printed beside the figures.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import vard from "@andersmyrmel/vard"
import { decode, score } from "../../src/layers/detect/classifier.ts"
import { injectionWeights } from "../../src/layers/detect/classifierWeights.ts"
import { decide } from "../../src/layers/detect/decide.ts"
import { compile, scanText } from "../../src/layers/detect/injection.ts"
import { classify, scanContent } from "../../src/layers/detect/injectionClassifier.ts"
import { mergeInjectionPatterns } from "../../src/layers/detect/injectionPatterns.ts"
import type { Model } from "../../src/layers/detect/classifier.ts"
import { asModel, type Doc, loadInjection, root, serialize, train } from "../../scripts/detect/train.ts"
import { calibrate, injectionOptions } from "../../scripts/train-detect.ts"
import { isTrainingPackage } from "../../scripts/detect/benignDocs.ts"

const compiled = compile({ patterns: mergeInjectionPatterns([], true) })
const blocks = (fs: Parameters<typeof decide>[0]) => decide(fs, "balanced", "warn").action === "block"
const anchor = vard.moderate().maxLength(1_000_000)

export interface Judged {
  readonly rules: boolean
  readonly classifier: boolean
  readonly flag: boolean
  readonly combined: boolean
  readonly anchor: boolean
}

export const judge = (model: Model, text: string): Judged => {
  const rules = blocks(scanText(compiled, text, "body"))
  const k = classify(model, text)
  let anchored = false
  try {
    anchored = !anchor.safeParse(text).safe
  } catch {
    anchored = true
  }
  return { rules, classifier: k.level === "block", flag: k.level !== "none", combined: blocks(scanContent(compiled, text, "body", model)), anchor: anchored }
}

const pct = (k: number, n: number) => (n === 0 ? "—" : `${((100 * k) / n).toFixed(1)}%`)
const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + " ".repeat(n - s.length))
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s)

type Row = readonly [string, number, number, number, number, number, number]
const table = (title: string, rows: ReadonlyArray<Row>) => {
  console.log(`\n${title}`)
  console.log(`${pad("source / category", 64)} ${lpad("n", 5)} ${lpad("rules", 7)} ${lpad("clf", 7)} ${lpad("clf≥flag", 8)} ${lpad("combined", 8)} ${lpad("vard", 7)}`)
  for (const [name, n, r, c, f, b, a] of rows) console.log(`${pad(name, 64)} ${lpad(String(n), 5)} ${lpad(pct(r, n), 7)} ${lpad(pct(c, n), 7)} ${lpad(pct(f, n), 8)} ${lpad(pct(b, n), 8)} ${lpad(pct(a, n), 7)}`)
}

const summarise = (name: string, items: ReadonlyArray<Judged>): Row => [
  name, items.length, items.filter((j) => j.rules).length, items.filter((j) => j.classifier).length, items.filter((j) => j.flag).length,
  items.filter((j) => j.combined).length, items.filter((j) => j.anchor).length
]

const categoryOf = (d: Doc) => d.category.replace(/^indirect-injection: (garak|BIPIA (text|code)): .*$/, "indirect-injection: $1").replace(/ \(embedded\)$/, " (embedded)")

const byGroup = (docs: ReadonlyArray<Doc>, judged: Map<Doc, Judged>, key: (d: Doc) => string): Row[] => {
  const groups = new Map<string, Judged[]>()
  for (const d of docs) {
    const k = key(d)
    const list = groups.get(k) ?? []
    list.push(judged.get(d)!)
    groups.set(k, list)
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => summarise(k, v))
}

/** The package a path under node_modules belongs to (the innermost one). */
const packageOf = (path: string): string => {
  const rel = path.split("node_modules/").pop() ?? ""
  const parts = rel.split("/")
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]
}

/**
 * Up to 400 README/CHANGELOG files (first 10 KB) under node_modules: real documentation, taken as benign. Only
 * packages of the half never read for training (scripts/detect/benignDocs.ts), so this stays a held-out probe.
 */
export const realDocs = (): string[] => {
  const out: string[] = []
  const walk = (dir: string, depth: number) => {
    let entries: import("node:fs").Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    } catch {
      return
    }
    for (const e of entries) {
      if (out.length >= 400) return
      const p = join(dir, e.name)
      if (e.isDirectory() && depth < 4) walk(p, depth + 1)
      else if (/^(readme|changelog|history)\.md$/i.test(e.name) && !isTrainingPackage(packageOf(p))) {
        const t = readFileSync(p, "utf8")
        if (t.length > 2000) out.push(t.slice(0, 10_240))
      }
    }
  }
  if (existsSync(join(root, "node_modules"))) walk(join(root, "node_modules"), 0)
  return out
}

const timePer10k = (f: (s: string) => unknown, docs: ReadonlyArray<string>, ms = 1500): number => {
  for (let i = 0; i < 50; i++) f(docs[i % docs.length])
  let n = 0
  let bytes = 0
  const t = performance.now()
  while (performance.now() - t < ms) {
    const d = docs[n++ % docs.length]
    f(d)
    bytes += d.length
  }
  return (performance.now() - t) / (bytes / 10_240)
}

export const run = async (): Promise<void> => {
  console.log("\n=== bench:detect — injection (response text, MCP results) ===")
  const model = decode(injectionWeights)
  console.log(`committed model: window ${model.window} tokens, 2^${model.bits} buckets, thresholds block ${model.thresholds.block} / flag ${model.thresholds.flag}`)
  const docs = loadInjection()
  const judged = new Map<Doc, Judged>()
  const evalSet = docs.filter((d) => d.heldBack || d.evalOnly)
  for (const d of evalSet) judged.set(d, judge(model, d.text))
  const pack = evalSet.filter((d) => d.repo !== "own" && d.category !== "benign-code-config")
  const own = evalSet.filter((d) => d.repo === "own")
  const cfg = evalSet.filter((d) => d.category === "benign-code-config")

  table("Held-back attacks (pack) — recall, balanced mode", byGroup(pack.filter((d) => d.label === 1), judged, (d) => `${d.repo.split("/")[1]} · ${categoryOf(d)}`))
  table("Held-back benign (pack; OWASP rows are CC-BY-SA, evaluation only) — false-positive rate", byGroup(pack.filter((d) => d.label === 0), judged, (d) => `${d.repo.split("/")[1]} · ${d.category}${d.evalOnly ? " (eval-only)" : ""}`))
  table("Held-back rows written for this project (bench/detect-own)", byGroup(own, judged, (d) => `${d.label === 1 ? "attack" : "benign"} · ${categoryOf(d)}`))

  const attacks = pack.filter((d) => d.label === 1).map((d) => judged.get(d)!)
  const benign = [...pack.filter((d) => d.label === 0 && d.category !== "hard-negative"), ...cfg].map((d) => judged.get(d)!)
  const hard = pack.filter((d) => d.category === "hard-negative").map((d) => judged.get(d)!)
  const readme = realDocs()
  const readmeJudged = readme.map((t) => judge(model, t))
  table("Totals", [
    summarise("held-back attacks (pack)", attacks),
    summarise("held-back benign (pack + DLP rows as text), excl. hard negatives", benign),
    summarise("hard negatives (security writing, incl. OWASP eval-only)", hard),
    summarise("own attacks (held-back)", own.filter((d) => d.label === 1).map((d) => judged.get(d)!)),
    summarise("own near misses (held-back)", own.filter((d) => d.label === 0).map((d) => judged.get(d)!)),
    summarise("real docs: node_modules README/CHANGELOG (unlabelled, benign)", readmeJudged)
  ])

  // Leave one source out.
  console.log("\nLeave-one-source-out: trained without source S (own rows kept; last columns: without own rows too), calibrated on held-back benign, scored on all of S's attacks; combined = rules + that model as the proxy runs them")
  console.log(`${pad("source left out", 40)} ${lpad("attacks", 8)} ${lpad("rules", 7)} ${lpad("clf", 7)} ${lpad("clf≥flag", 8)} ${lpad("combined", 8)} ${lpad("comb., no own rows", 17)} ${lpad("vard", 7)}`)
  const trainable = docs.filter((d) => !d.evalOnly && !d.heldBack)
  const modelWithout = (keep: (d: Doc) => boolean): Model => {
    const t = train(trainable.filter(keep), injectionOptions)
    return decode(serialize("loso", t, injectionOptions, calibrate(asModel("loso", t, injectionOptions), docs.filter(keep))))
  }
  let losoAll = 0
  let losoN = 0
  let losoBare = 0
  for (const repo of [...new Set(docs.filter((d) => d.label === 1 && d.repo !== "own").map((d) => d.repo))].sort()) {
    const m = modelWithout((d) => d.repo !== repo)
    const bare = modelWithout((d) => d.repo !== repo && d.repo !== "own")
    const att = docs.filter((d) => d.repo === repo && d.label === 1)
    const js = att.map((d) => judge(m, d.text))
    const bareHits = att.filter((d) => blocks(scanContent(compiled, d.text, "body", bare))).length
    losoBare += bareHits
    const combined = js.filter((j) => j.combined).length
    losoAll += combined
    losoN += att.length
    console.log(`${pad(repo, 40)} ${lpad(String(att.length), 8)} ${lpad(pct(js.filter((j) => j.rules).length, att.length), 7)} ${lpad(pct(js.filter((j) => j.classifier).length, att.length), 7)} ${lpad(pct(js.filter((j) => j.flag).length, att.length), 8)} ${lpad(pct(combined, att.length), 8)} ${lpad(pct(bareHits, att.length), 17)} ${lpad(pct(js.filter((j) => j.anchor).length, att.length), 7)}`)
  }

  const fp = (xs: ReadonlyArray<Judged>) => xs.filter((j) => j.combined).length / Math.max(1, xs.length)
  console.log("\nTargets (issue 14), combined:")
  console.log(`  injection recall on the pack's held-back split   ${pct(attacks.filter((j) => j.combined).length, attacks.length).padStart(7)}   target ≥ 95%`)
  console.log(`  false positives, held-back benign                 ${`${(100 * fp(benign)).toFixed(2)}%`.padStart(7)}   target ≤ 0.5%`)
  console.log(`  false positives, hard negatives                   ${`${(100 * fp(hard)).toFixed(2)}%`.padStart(7)}   target ≤ 2%`)
  console.log(`  leave-one-source-out recall (all left-out rows)   ${pct(losoAll, losoN).padStart(7)}   target ≥ 80%`)
  console.log(`    … the same, models trained without own rows     ${pct(losoBare, losoN).padStart(7)}   (the clean figure)`)
  console.log(`  false positives, real docs (node_modules)         ${`${(100 * fp(readmeJudged)).toFixed(2)}%`.padStart(7)}   (ordinary content: target ≤ 0.5%)`)

  if (readme.length > 0) {
    const json = readme.map((t) => JSON.stringify({ text: t }))
    let j = 0
    const clf = timePer10k((t) => score(model, t), readme)
    const ref = timePer10k(() => JSON.parse(json[j++ % json.length]), readme)
    const rules = timePer10k((t) => scanText(compiled, t, "body"), readme)
    console.log(`\nCost per 10 KB of real documentation (${readme.length} files, same run): classifier ${clf.toFixed(3)} ms (target ≤ 0.3 ms); rules ${rules.toFixed(3)} ms; reference JSON.parse of the same bytes ${ref.toFixed(3)} ms (classifier = ${(clf / ref).toFixed(1)}× JSON.parse)`)
  }
}
