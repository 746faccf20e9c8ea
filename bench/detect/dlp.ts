/**
 * `npm run bench:detect dlp`: recall and false-positive rate per category over the labelled DLP rows of
 * `../shared/detect-data/dlp/cases.jsonl` (gitleaks' own true- and false-positive examples, each sent as a
 * plain-text request body), the same inputs through secretlint (`@secretlint/core` with its recommended preset)
 * side by side, and gitleaks itself as a third column: its whole rule set with its own semantics
 * (`gitleaksRef.ts`: keywords, secret groups, entropy, allowlists, stop words; none of Pipelock's additions).
 * The rows come from per-rule tests, so a look-alike of one gitleaks rule may be a true hit of another (a
 * Cloudflare API key is a look-alike of the Cloudflare global key): a look-alike that gitleaks' full rule set
 * reports is counted apart as a disputed label, and the false-positive target applies to the others (the rate
 * over every look-alike is printed too). Then the time per 10 KB of both tools, on
 * those rows and on varied real documents (Markdown from node_modules), beside references measured in the same
 * run on the same bytes (`JSON.parse`, one RE2 literal search). Times are CPU time of this process (steadier than
 * wall time on a shared machine), the fastest of several interleaved rounds, after a warm-up pass. Both tools are
 * timed under the same conditions: each timed block starts after a full garbage collection (outside the timing),
 * so neither pays for collecting the other's garbage (CPU time counts the collector's threads too), and the order
 * of the two alternates from round to round.
 *
 * Pipelock runs as shipped: the default configuration (the balanced preset, the whole catalogue) and the balanced
 * mode's decision (a finding that would block the body). `--misses` lists the rows each tool gets wrong (text
 * cut to its first characters) with the rules that fired.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { lintSource } from "@secretlint/core"
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import { decide } from "../../src/layers/detect/decide.ts"
import { scanText } from "../../src/layers/detect/dlp.ts"
import { RE2 } from "../../src/layers/detect/re2.ts"
import { compileSnapshot } from "../../src/layers/Inspector.ts"
import { benchDocs } from "../../test/support/realDocs.ts"
import { gitleaksDetect } from "./gitleaksRef.ts"

const root = join(import.meta.dirname, "../..")
/** `../shared` beside the repository (main), or two levels up (a worktree under `wt/`). */
const shared = [join(root, "../shared"), join(root, "../../shared")].find((d) => existsSync(join(d, "detect-data"))) ?? join(root, "../shared")
const casesFile = join(shared, "detect-data/dlp/cases.jsonl")

interface Row { readonly id: string; readonly source: string; readonly category: string; readonly expected: "block" | "allow"; readonly text: string }

const TARGET_RECALL = 0.97
const TARGET_FP = 0.01
const TARGET_MS_PER_10KB = 0.5

/** The Markdown files of node_modules (first 10 KB of each, up to 300): ordinary text, as in bench:scan. */
const realDocs = (): string[] => benchDocs(root)

const pct = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`)
const ms = (x: number) => `${x.toFixed(3)} ms`
/**
 * A full garbage collection, run before each timed block (outside it). Without it one tool's garbage was collected
 * while the other was timed: secretlint allocates far more, and pipelock's blocks paid for part of it.
 */
setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

/** CPU time of this process, in ms. */
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

export const run = async (): Promise<void> => {
  if (!existsSync(casesFile)) {
    console.log(`dlp: ${casesFile} not found; skipped`)
    return
  }
  const rows: Row[] = readFileSync(casesFile, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l))
  const showMisses = process.argv.includes("--misses")

  // Pipelock as shipped: the default configuration, no environment secrets of this machine.
  const snap = compileSnapshot(loadOrThrow({}).config, {})
  const action = snap.config.request_body_scanning.action
  const verdict = (text: string) => decide(scanText(snap.dlp, text, "body", { host: "example.com" }), "balanced", action)
  const pipelock = (text: string) => verdict(text).action === "block"
  const gitleaks = (text: string) => gitleaksDetect(text).length > 0

  const secretlintConfig = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] }
  const secretlint = async (text: string) => {
    const r = await lintSource({ source: { filePath: "/body.txt", content: text, contentType: "text" }, options: { config: secretlintConfig, maskSecrets: true } })
    return r.messages.length > 0
  }

  interface Tally { n: number; ours: number; theirs: number; gl: number; expected: string }
  const byCategory = new Map<string, Tally>()
  /** Look-alikes gitleaks' own rule set reports (a true hit of another rule): disputed labels. */
  const disputed = { n: 0, ours: 0, theirs: 0, rules: new Map<string, number>() }
  const missesOurs: Row[] = []
  const missesTheirs: Row[] = []
  for (const row of rows) {
    const a = pipelock(row.text)
    const b = await secretlint(row.text)
    const t = byCategory.get(row.category) ?? { n: 0, ours: 0, theirs: 0, gl: 0, expected: row.expected }
    t.n++
    if (a) t.ours++
    if (b) t.theirs++
    const gl = gitleaksDetect(row.text)
    if (gl.length > 0) t.gl++
    if (gl.length > 0 && row.expected === "allow") {
      disputed.n++
      if (a) disputed.ours++
      if (b) disputed.theirs++
      for (const id of new Set(gl.map((f) => f.rule))) disputed.rules.set(id, (disputed.rules.get(id) ?? 0) + 1)
    }
    byCategory.set(row.category, t)
    if (a !== (row.expected === "block")) missesOurs.push(row)
    if (b !== (row.expected === "block")) missesTheirs.push(row)
  }
  // Time over the rows, warm (the pass above compiled what the rows need).
  const bytes = rows.reduce((s, r) => s + Buffer.byteLength(r.text), 0)
  let oursMs = Infinity
  let theirsMs = Infinity
  for (let r = 0; r < 4; r++) {
    for (const who of r % 2 === 0 ? ["ours", "theirs"] : ["theirs", "ours"]) {
      gc()
      const t0 = cpu()
      if (who === "ours") for (const row of rows) pipelock(row.text)
      else for (const row of rows) await secretlint(row.text)
      if (who === "ours") oursMs = Math.min(oursMs, cpu() - t0)
      else theirsMs = Math.min(theirsMs, cpu() - t0)
    }
  }

  const total = (expected: string) => {
    let n = 0, ours = 0, theirs = 0, gl = 0
    for (const t of byCategory.values()) if (t.expected === expected) (n += t.n, ours += t.ours, theirs += t.theirs, gl += t.gl)
    return { n, ours, theirs, gl }
  }
  const tp = total("block")
  const fp = total("allow")

  console.log(`\nDLP: ${rows.length} labelled rows of ${casesFile.replace(`${shared}/`, "../shared/")} (caught: the body would be blocked)`)
  const w = Math.max(...[...byCategory.keys()].map((k) => k.length), 24)
  const cell = (a: number, n: number) => `${a}/${n} ${pct(a, n)}`.padStart(16)
  console.log(`${"category".padEnd(w)}  ${"rows".padStart(5)}  ${"what".padEnd(9)}  ${"pipelock".padStart(16)}  ${"secretlint".padStart(16)}  ${"gitleaks rules".padStart(16)}`)
  for (const [k, t] of [...byCategory.entries()].sort()) {
    const what = t.expected === "block" ? "recall" : "FP rate"
    console.log(`${k.padEnd(w)}  ${String(t.n).padStart(5)}  ${what.padEnd(9)}  ${cell(t.ours, t.n)}  ${cell(t.theirs, t.n)}  ${cell(t.gl, t.n)}`)
  }
  const recall = tp.ours / tp.n
  const undisputed = { n: fp.n - disputed.n, ours: fp.ours - disputed.ours, theirs: fp.theirs - disputed.theirs }
  const fpRate = undisputed.ours / undisputed.n
  console.log(`${"all secrets".padEnd(w)}  ${String(tp.n).padStart(5)}  ${"recall".padEnd(9)}  ${cell(tp.ours, tp.n)}  ${cell(tp.theirs, tp.n)}  ${cell(tp.gl, tp.n)}   target ≥ ${TARGET_RECALL * 100}% ${recall >= TARGET_RECALL ? "✓" : "✗"}`)
  console.log(`${"all look-alikes".padEnd(w)}  ${String(fp.n).padStart(5)}  ${"FP rate".padEnd(9)}  ${cell(fp.ours, fp.n)}  ${cell(fp.theirs, fp.n)}  ${cell(fp.gl, fp.n)}`)
  console.log(`${"  gitleaks reports them".padEnd(w)}  ${String(disputed.n).padStart(5)}  ${"disputed".padEnd(9)}  ${cell(disputed.ours, disputed.n)}  ${cell(disputed.theirs, disputed.n)}  ${cell(disputed.n, disputed.n)}   (${[...disputed.rules].map(([r, k]) => `${r} ${k}`).join(", ")})`)
  console.log(`${"  gitleaks does not".padEnd(w)}  ${String(undisputed.n).padStart(5)}  ${"FP rate".padEnd(9)}  ${cell(undisputed.ours, undisputed.n)}  ${cell(undisputed.theirs, undisputed.n)}  ${cell(0, undisputed.n)}   target ≤ ${TARGET_FP * 100}% ${fpRate <= TARGET_FP ? "✓" : "✗"}`)
  const per10k = (totalMs: number, totalBytes: number) => (totalMs * 10240) / totalBytes
  console.log(`${"CPU time per 10 KB of rows".padEnd(w)}  ${"".padStart(5)}  ${"".padEnd(9)}  ${ms(per10k(oursMs, bytes)).padStart(16)}  ${ms(per10k(theirsMs, bytes)).padStart(16)}   (short rows: per-call cost dominates)`)

  // Real documents: both tools, then the references on the same bytes.
  const docs = realDocs()
  if (docs.length > 0) {
    const docBytes = docs.reduce((s, d) => s + Buffer.byteLength(d), 0)
    let oursBlocked = 0
    for (const d of docs) if (pipelock(d)) oursBlocked++
    let theirsFlagged = 0
    for (const d of docs) if (await secretlint(d)) theirsFlagged++
    // Rounds interleave the four measurements, and each keeps its fastest round: on a shared machine the other
    // processes only ever add time, so the minimum is the steadiest estimate of the work itself.
    const asJson = docs.map((d) => JSON.stringify({ text: d }))
    const asBytes = docs.map((d) => Buffer.from(d, "utf8"))
    const literal = new RE2("BEGIN PRIVATE KEY", "u")
    let oursDocMs = Infinity
    let theirsDocMs = Infinity
    let jsonMs = Infinity
    let re2Ms = Infinity
    for (let r = 0; r < 8; r++) {
      for (const who of r % 2 === 0 ? ["ours", "theirs"] : ["theirs", "ours"]) {
        gc()
        const t0 = cpu()
        if (who === "ours") for (const d of docs) scanText(snap.dlp, d, "body", { host: "example.com" })
        else for (const d of docs) await secretlint(d)
        if (who === "ours") oursDocMs = Math.min(oursDocMs, cpu() - t0)
        else theirsDocMs = Math.min(theirsDocMs, cpu() - t0)
      }
      gc()
      let t = cpu()
      for (const j of asJson) JSON.parse(j)
      jsonMs = Math.min(jsonMs, cpu() - t)
      gc()
      t = cpu()
      for (const b of asBytes) literal.test(b)
      re2Ms = Math.min(re2Ms, cpu() - t)
    }
    const k = 10240 / docBytes
    const ours10k = oursDocMs * k
    console.log(`\nDLP on ${docs.length} real documents (Markdown from node_modules, ${(docBytes / 1024).toFixed(0)} KB), CPU time per 10 KB (fastest of 8 rounds, each after a full GC, the two tools in alternating order):`)
    console.log(`  pipelock scanText         ${ms(ours10k).padStart(10)}   target ≤ ${TARGET_MS_PER_10KB} ms ${ours10k <= TARGET_MS_PER_10KB ? "✓" : "✗"}; documents blocked: ${oursBlocked}/${docs.length}`)
    console.log(`  secretlint lintSource     ${ms(theirsDocMs * k).padStart(10)}   ${(theirsDocMs / oursDocMs).toFixed(1)}× pipelock; documents flagged: ${theirsFlagged}/${docs.length}`)
    console.log(`  reference: JSON.parse     ${ms(jsonMs * k).padStart(10)}   pipelock = ${(oursDocMs / jsonMs).toFixed(1)}× JSON.parse of the same text`)
    console.log(`  reference: RE2 literal    ${ms(re2Ms * k).padStart(10)}   pipelock = ${(oursDocMs / re2Ms).toFixed(0)}× one RE2 literal search over the same bytes`)
  }

  if (showMisses) {
    const show = (label: string, list: Row[], why: (r: Row) => string) => {
      console.log(`\n${label}: ${list.length}`)
      for (const r of list) console.log(`  ${r.expected} ${r.category.padEnd(22)} ${r.source.replace(/^.*rules\//, "")}${why(r)}  ${JSON.stringify(r.text.slice(0, 90))}`)
    }
    show("pipelock wrong", missesOurs, (r) => ` [${[...new Set(verdict(r.text).findings.map((f) => f.rule))].join(", ")}]${gitleaks(r.text) ? " (gitleaks reports it too)" : ""}`)
    show("secretlint wrong", missesTheirs, () => "")
  }
}
