/**
 * docs/metrics.md and docs/grafana/pipelock-dashboard.json must stay in step with the metrics the code
 * defines and updates:
 * - every metric in src/layers/telemetry/metrics.ts is in the doc's table with its type, and every
 *   `pipelock_…` name in the table is defined;
 * - the label names in the table are exactly the attribute keys the code passes when it updates the
 *   metric (found by reading every `count`/`observe`/`set`/`adjust` call in src/), and every metric is
 *   updated somewhere;
 * - every label value written as a literal at a call site, and every member of the union types behind
 *   the main labels (listener, action, scanner, severity, source, reason), is listed in the metric's
 *   section of the doc;
 * - every PromQL expression of the dashboard queries only defined metrics (histograms through
 *   `_bucket`/`_sum`/`_count`), with label names and literal values the doc lists for that metric.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { metrics } from "../../src/layers/telemetry/metrics.ts"

const root = join(import.meta.dirname, "..", "..")
const read = (...p: string[]) => readFileSync(join(root, ...p), "utf8")

// ---------------------------------------------------------------------------------------------
// What the code defines
// ---------------------------------------------------------------------------------------------

type Kind = "counter" | "gauge" | "histogram"
const defined = new Map<string, { key: string; kind: Kind }>()
for (const [key, m] of Object.entries(metrics)) {
  const meta = m as unknown as { id: string; type: string }
  defined.set(meta.id, { key, kind: meta.type.toLowerCase() as Kind })
}
const nameOfKey = new Map([...defined].map(([name, d]) => [d.key, name]))

// ---------------------------------------------------------------------------------------------
// What the doc says
// ---------------------------------------------------------------------------------------------

const doc = read("docs", "metrics.md")

interface DocMetric {
  readonly kind: string
  readonly labels: ReadonlyArray<string>
}

const docTable = (() => {
  const start = doc.indexOf("## All metrics")
  const end = doc.indexOf("\n## ", start + 1)
  const rows = new Map<string, DocMetric>()
  for (const line of doc.slice(start, end).split("\n")) {
    const m = /^\| `(pipelock_[a-z0-9_]+)` \| ([a-z]+) \| ([^|]*) \|/.exec(line)
    if (m === null) continue
    rows.set(m[1], { kind: m[2], labels: [...m[3].matchAll(/`([a-z_]+)`/g)].map((x) => x[1]) })
  }
  return rows
})()

const everyDocName = new Set([...doc.matchAll(/`(pipelock_[a-z0-9_]+)/g)].map((m) => m[1]))

/** The text of the metric's `### \`name\`` section. */
const section = (name: string): string => {
  const heading = `### \`${name}\``
  const at = doc.indexOf(heading)
  if (at < 0) return ""
  const rest = doc.slice(at + heading.length)
  const next = rest.search(/\n##+ /)
  return next < 0 ? rest : rest.slice(0, next)
}

// ---------------------------------------------------------------------------------------------
// Where the code updates metrics
// ---------------------------------------------------------------------------------------------

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []
  )

/** The index just past the bracket closing the one at `open`, skipping strings. */
const closing = (text: string, open: number): number => {
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" }
  const stack: string[] = []
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (c === '"' || c === "'" || c === "`") {
      i++
      while (i < text.length && text[i] !== c) i += text[i] === "\\" ? 2 : 1
      continue
    }
    if (pairs[c] !== undefined) stack.push(pairs[c])
    else if (c === ")" || c === "]" || c === "}") {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`)
      if (stack.length === 0) return i + 1
    }
  }
  throw new Error("unterminated call")
}

/** Splits at the commas that are not nested in brackets or strings. */
const topLevel = (text: string): string[] => {
  const out: string[] = []
  let depth = 0
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"' || c === "'" || c === "`") {
      i++
      while (i < text.length && text[i] !== c) i += text[i] === "\\" ? 2 : 1
    } else if (c === "(" || c === "[" || c === "{") depth++
    else if (c === ")" || c === "]" || c === "}") depth--
    else if (c === "," && depth === 0) {
      out.push(text.slice(from, i))
      from = i + 1
    }
  }
  out.push(text.slice(from))
  return out.map((s) => s.trim()).filter((s) => s !== "")
}

interface CallSite {
  readonly file: string
  readonly metric: string
  /** Attribute key → literal values seen (empty when the value is computed). */
  readonly attributes: ReadonlyMap<string, ReadonlyArray<string>>
}

const literalsOf = (expr: string): string[] => {
  const e = expr.trim()
  const plain = /^"([^"]*)"$/.exec(e)
  if (plain) return [plain[1]]
  const ternary = /\?\s*"([^"]*)"\s*:\s*([\s\S]*)$/.exec(e)
  if (ternary) return [ternary[1], ...literalsOf(ternary[2])]
  return []
}

const callSites: CallSite[] = []
for (const file of sourceFiles(join(root, "src"))) {
  const text = readFileSync(file, "utf8")
  for (const m of text.matchAll(/\b(?:count|observe|set|setGauge|adjust)\(/g)) {
    const open = m.index + m[0].length - 1
    const args = topLevel(text.slice(open + 1, closing(text, open) - 1))
    if (args.length === 0) continue
    const names = [...args[0].matchAll(/\bmetrics\.(\w+)/g)].map((x) => x[1])
    if (names.length === 0) continue
    const attributes = new Map<string, string[]>()
    const literal = args.slice(1).find((a) => a.startsWith("{"))
    if (literal !== undefined) {
      for (const entry of topLevel(literal.slice(1, -1))) {
        const kv = /^([A-Za-z_]\w*)\s*:([\s\S]*)$/.exec(entry)
        if (kv) attributes.set(kv[1], literalsOf(kv[2]))
        else if (/^[A-Za-z_]\w*$/.test(entry)) attributes.set(entry, [])
        else throw new Error(`${file}: cannot read the metric attribute ${JSON.stringify(entry)}`)
      }
    }
    for (const key of names) {
      const metric = nameOfKey.get(key)
      if (metric === undefined) throw new Error(`${file}: metrics.${key} is not defined`)
      callSites.push({ file: file.slice(root.length + 1), metric, attributes })
    }
  }
}

/** The string members of `export type NAME = "a" | "b"` in a source file. */
const unionOf = (file: string, type: string): string[] => {
  const text = read("src", ...file.split("/"))
  const m = new RegExp(`export type ${type} =([^=]*?)(?:\\n\\n|\\n(?:export|/\\*\\*|interface|const))`).exec(text)
  if (m === null) throw new Error(`type ${type} not found in ${file}`)
  return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1])
}

// ---------------------------------------------------------------------------------------------
// The dashboard
// ---------------------------------------------------------------------------------------------

const dashboard = JSON.parse(read("docs", "grafana", "pipelock-dashboard.json")) as {
  schemaVersion: number
  panels: Array<{ type: string; title: string; datasource?: { uid: string }; targets?: Array<{ expr: string; legendFormat?: string; datasource?: { uid: string } }> }>
  templating: { list: Array<{ name: string; type: string; query?: unknown; definition?: string }> }
  annotations: { list: Array<{ expr?: string }> }
}

const targets = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, ...t })))
const expressions = [
  ...targets.map((t) => ({ where: t.panel, expr: t.expr, legend: t.legendFormat })),
  ...dashboard.annotations.list.flatMap((a) => (a.expr === undefined ? [] : [{ where: "annotation", expr: a.expr, legend: undefined }])),
  ...dashboard.templating.list.flatMap((v) => (v.definition === undefined ? [] : [{ where: `variable ${v.name}`, expr: v.definition, legend: undefined }]))
]

const TARGET_LABELS = ["job", "instance"]

/** A series name in PromQL → the defined metric and whether it is a histogram bucket. */
const baseOf = (series: string): { name: string; bucket: boolean } | undefined => {
  if (defined.has(series)) return { name: series, bucket: false }
  const m = /^(.*)_(bucket|sum|count)$/.exec(series)
  if (m && defined.get(m[1])?.kind === "histogram") return { name: m[1], bucket: m[2] === "bucket" }
  return undefined
}

const labelsOf = (name: string, bucket: boolean): string[] => [...(docTable.get(name)?.labels ?? []), ...TARGET_LABELS, ...(bucket ? ["le"] : [])]

// ---------------------------------------------------------------------------------------------

describe("docs/metrics.md", () => {
  it("lists every defined metric with its type, and only defined ones", () => {
    expect([...docTable.keys()].sort()).toEqual([...defined.keys()].sort())
    for (const [name, d] of defined) expect(docTable.get(name)?.kind, name).toBe(d.kind)
    // Nor does the prose name a metric that does not exist.
    expect([...everyDocName].filter((n) => baseOf(n) === undefined)).toEqual([])
  })

  it("gives every metric a section", () => {
    for (const name of defined.keys()) expect(section(name), name).not.toBe("")
  })

  it("documents exactly the labels the code sets, and every metric is updated somewhere", () => {
    expect(callSites.length).toBeGreaterThan(20)
    for (const name of defined.keys()) {
      const sites = callSites.filter((s) => s.metric === name)
      expect(sites.length, `${name} is defined but never updated in src/`).toBeGreaterThan(0)
      const inCode = [...new Set(sites.flatMap((s) => [...s.attributes.keys()]))].sort()
      expect([...(docTable.get(name)?.labels ?? [])].sort(), `labels of ${name} (set in ${[...new Set(sites.map((s) => s.file))].join(", ")})`).toEqual(inCode)
    }
  })

  it("lists every literal label value the code uses", () => {
    const missing: string[] = []
    for (const s of callSites) {
      for (const [label, values] of s.attributes) {
        for (const v of values) if (!section(s.metric).includes(`\`${v}\``)) missing.push(`${s.metric}{${label}="${v}"} (${s.file})`)
      }
    }
    expect(missing).toEqual([])
  })

  it("lists every member of the types behind the main labels", () => {
    const unions: Array<[string, string, string[]]> = [
      ["pipelock_requests_total", "listener", unionOf("services/Telemetry.ts", "Listener")],
      ["pipelock_requests_total", "action", unionOf("services/Verdict.ts", "Action")],
      ["pipelock_scanner_hits_total", "scanner", unionOf("services/Verdict.ts", "BuiltinScannerName")],
      ["pipelock_scanner_hits_total", "severity", unionOf("services/Verdict.ts", "Severity")],
      ["pipelock_kill_switch_active", "source", unionOf("services/KillSwitch.ts", "Source")],
      ["pipelock_sessions_evicted_total", "reason", unionOf("services/SessionStore.ts", "EvictionReason")]
    ]
    const missing: string[] = []
    for (const [metric, label, values] of unions) {
      expect(values.length, `${metric} ${label}`).toBeGreaterThan(1)
      for (const v of values) if (!section(metric).includes(`\`${v}\``)) missing.push(`${metric}{${label}="${v}"}`)
    }
    expect(missing).toEqual([])
  })
})

describe("docs/grafana/pipelock-dashboard.json", () => {
  it("is a Grafana dashboard over ${DS_PROMETHEUS} with job and instance variables", () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36)
    const vars = Object.fromEntries(dashboard.templating.list.map((v) => [v.name, v.type]))
    expect(vars).toMatchObject({ DS_PROMETHEUS: "datasource", job: "query", instance: "query" })
    expect(targets.length).toBeGreaterThan(30)
    for (const p of dashboard.panels.filter((x) => x.type !== "row")) expect(p.datasource?.uid, p.title).toBe("${DS_PROMETHEUS}")
    for (const t of targets) expect(t.datasource?.uid, t.panel).toBe("${DS_PROMETHEUS}")
  })

  it("filters every series by $job and $instance", () => {
    for (const t of targets) {
      for (const m of t.expr.matchAll(/\b(pipelock_[a-z0-9_]+)(\{[^}]*\})?/g)) {
        expect(m[2] ?? "", `${t.panel}: ${m[1]}`).toContain('job=~"$job"')
        expect(m[2] ?? "", `${t.panel}: ${m[1]}`).toContain('instance=~"$instance"')
      }
    }
  })

  it("queries only defined metrics, with the labels and values the doc lists", () => {
    const problems: string[] = []
    const panelsSeen = new Set<string>()
    for (const { where, expr, legend } of expressions) {
      const series = [...expr.matchAll(/\b(pipelock_[a-z0-9_]+)(\{([^}]*)\})?/g)]
      if (series.length === 0) problems.push(`${where}: no pipelock metric in ${expr}`)
      const bases: Array<{ name: string; bucket: boolean }> = []
      for (const s of series) {
        const base = baseOf(s[1])
        if (base === undefined) {
          problems.push(`${where}: ${s[1]} is not a defined metric`)
          continue
        }
        bases.push(base)
        panelsSeen.add(base.name)
        for (const matcher of (s[3] ?? "").matchAll(/([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)) {
          const [, label, op, value] = matcher
          if (!labelsOf(base.name, base.bucket).includes(label)) problems.push(`${where}: ${s[1]} has no label ${label}`)
          if (TARGET_LABELS.includes(label) || value.startsWith("$")) continue
          const values = op === "=" || op === "!=" ? [value] : value.split("|")
          for (const v of values) if (!section(base.name).includes(`\`${v}\``)) problems.push(`${where}: ${base.name}{${label}="${v}"} is not a documented value`)
        }
      }
      // Grouping labels must exist on every metric of the expression.
      const grouped = new Set<string>()
      for (const g of expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)) {
        for (const label of g[1].split(",").map((x) => x.trim()).filter((x) => x !== "")) {
          grouped.add(label)
          for (const b of bases) if (!labelsOf(b.name, b.bucket).includes(label)) problems.push(`${where}: grouping by ${label}, which ${b.name} does not have`)
        }
      }
      const lv = /label_values\(\s*(pipelock_[a-z0-9_]+)[^,]*,\s*(\w+)\s*\)/.exec(expr)
      if (lv && !labelsOf(lv[1], false).includes(lv[2])) problems.push(`${where}: label_values of ${lv[2]}, which ${lv[1]} does not have`)
      for (const l of (legend ?? "").matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
        if (!grouped.has(l[1])) problems.push(`${where}: legend {{${l[1]}}} is not a grouping label of ${expr}`)
      }
    }
    expect(problems).toEqual([])
    // Every metric has at least one panel.
    expect([...defined.keys()].filter((n) => !panelsSeen.has(n))).toEqual([])
  })
})
