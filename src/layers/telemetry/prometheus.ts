/**
 * The Prometheus text exposition of every metric in a registry (counters, gauges, histograms): the one in
 * `context` (an instance's `Metrics.context`). Ours rather than effect/observability's, which loads an HTTP
 * router we do not use.
 */
import * as Context from "effect/Context"
import * as Metric from "effect/Metric"

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')
const labels = (attrs: Readonly<Record<string, unknown>> | undefined, extra?: [string, string]) => {
  const pairs = Object.entries(attrs ?? {}).map(([k, v]) => `${k}="${escapeLabel(String(v))}"`)
  if (extra) pairs.push(`${extra[0]}="${extra[1]}"`)
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`
}
const num = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? "+Inf" : n < 0 ? "-Inf" : "NaN")

export const format = (context: Context.Context<never>): string => {
  const snapshot = Metric.snapshotUnsafe(context)
  const families = new Map<string, typeof snapshot[number][]>()
  for (const m of snapshot) {
    const list = families.get(m.id) ?? []
    list.push(m)
    families.set(m.id, list)
  }
  const lines: string[] = []
  for (const [name, list] of families) {
    const first = list[0]
    const type = first.type === "Counter" ? "counter" : first.type === "Gauge" ? "gauge" : first.type === "Histogram" ? "histogram" : "untyped"
    if (first.description) lines.push(`# HELP ${name} ${first.description.replace(/\n/g, " ")}`)
    lines.push(`# TYPE ${name} ${type}`)
    for (const m of list) {
      const state = m.state as { count?: number; value?: number; buckets?: ReadonlyArray<readonly [number, number]>; sum?: number }
      const attrs = m.attributes as Readonly<Record<string, unknown>> | undefined
      if (m.type === "Counter") lines.push(`${name}${labels(attrs)} ${num(Number(state.count ?? 0))}`)
      else if (m.type === "Gauge") lines.push(`${name}${labels(attrs)} ${num(Number(state.value ?? 0))}`)
      else if (m.type === "Histogram") {
        for (const [le, n] of state.buckets ?? []) lines.push(`${name}_bucket${labels(attrs, ["le", num(le)])} ${n}`)
        lines.push(`${name}_bucket${labels(attrs, ["le", "+Inf"])} ${state.count ?? 0}`)
        lines.push(`${name}_sum${labels(attrs)} ${num(state.sum ?? 0)}`)
        lines.push(`${name}_count${labels(attrs)} ${state.count ?? 0}`)
      }
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : ""
}
