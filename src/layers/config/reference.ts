/**
 * Generates the configuration reference (docs/configuration.md, "Reference: every key") from the schema,
 * the built-in defaults and the three presets, so the documentation cannot drift from the code:
 * every section and key with its type, its value under each preset, and whether it is implemented.
 * `npm run docs:config` rewrites that section; a test fails when it is stale.
 */
import type { SchemaAST } from "effect"
import * as YAML from "yaml"
import { ConfigFile } from "../../services/Config.ts"
import { defaults, zeroMeansDefault } from "./defaults.ts"
import { deepMerge, presetText } from "./load.ts"
import { notImplemented } from "./support.ts"

type Ast = SchemaAST.AST

const literalText = (u: unknown) => (typeof u === "string" ? u : String(u))

/** A short type name for an AST node: `bool`, `int ≥ 0`, `strict\|balanced\|audit`, `list of string`, `map`… */
export const typeName = (ast: Ast): string => {
  const a = ast as Ast & { checks?: ReadonlyArray<{ annotations?: { expected?: string } }> }
  const checks = (a.checks ?? []).map((c) => c.annotations?.expected ?? "").filter((s) => s !== "")
  const suffix = (base: string) => {
    const rest = checks.filter((c) => c !== "an integer" && c !== "a finite number")
    const bound = rest.map((c) => c.replace("a value greater than or equal to ", "≥ ").replace("a value ", ""))
    return bound.length > 0 ? `${base} (${bound.join(", ")})` : base
  }
  switch (ast._tag) {
    case "String":
      return suffix("string")
    case "Boolean":
      return "bool"
    case "Number":
      return suffix(checks.includes("an integer") ? "int" : "number")
    case "Literal":
      return literalText((ast as { literal: unknown }).literal)
    case "Unknown":
      return "any"
    case "Union":
      return (ast as { types: ReadonlyArray<Ast> }).types.map(typeName).join(" \\| ")
    case "Arrays": {
      const rest = (ast as { rest: ReadonlyArray<Ast> }).rest[0]
      return rest === undefined ? "list" : rest._tag === "Objects" ? "list of maps" : `list of ${typeName(rest)}`
    }
    case "Objects":
      return (ast as { indexSignatures: ReadonlyArray<unknown> }).indexSignatures.length > 0 ? "map" : "section"
    default:
      return ast._tag.toLowerCase()
  }
}

const props = (ast: Ast): ReadonlyArray<{ name: string; type: Ast }> =>
  ast._tag === "Objects" ? (ast as unknown as { propertySignatures: ReadonlyArray<{ name: string; type: Ast }> }).propertySignatures : []

const get = (obj: unknown, path: ReadonlyArray<string>): unknown =>
  path.reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj)

/** How a value reads in a table cell. */
export const show = (v: unknown): string => {
  if (v === undefined) return "–"
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]"
    if (v.every((x) => typeof x === "string") && v.join(", ").length <= 60) return v.join(", ")
    if (v.every((x) => typeof x === "object" && x !== null && "name" in x)) return `${v.length} entries`
    return `${v.length} items`
  }
  if (v !== null && typeof v === "object") return Object.keys(v).length === 0 ? "{}" : `${Object.keys(v).length} entries`
  if (typeof v === "string") return v === "" ? '""' : v
  return String(v)
}

const status = (path: string): string => {
  const entry = Object.keys(notImplemented).find((k) => path === k || path.startsWith(`${k}.`))
  return entry === undefined ? "yes" : `no: ${notImplemented[entry]}`
}

interface Row { key: string; type: string; balanced: string; strict: string; audit: string; status: string }

const leafRows = (ast: Ast, path: ReadonlyArray<string>, values: Record<"balanced" | "strict" | "audit", unknown>, out: Row[]) => {
  for (const p of props(ast)) {
    const here = [...path, p.name]
    const isSection = p.type._tag === "Objects" && (p.type as unknown as { indexSignatures: ReadonlyArray<unknown> }).indexSignatures.length === 0
    if (isSection) {
      leafRows(p.type, here, values, out)
      continue
    }
    const zeroIsDefault = zeroMeansDefault.some((z) => z.join(".") === here.join("."))
    const v = (m: "balanced" | "strict" | "audit") => {
      const raw = get(values[m], here)
      return zeroIsDefault && raw === 0 ? `0 (= ${show(get(defaults, here))})` : show(raw)
    }
    const balanced = v("balanced")
    const diff = (m: "strict" | "audit") => (v(m) === balanced ? "=" : v(m))
    out.push({ key: here.join("."), type: typeName(p.type), balanced, strict: diff("strict"), audit: diff("audit"), status: status(here.join(".")) })
  }
}

/** The markdown reference: one table per top-level section. */
export const configReference = (): string => {
  const values = {
    balanced: deepMerge(defaults, YAML.parse(presetText("balanced"))),
    strict: deepMerge(defaults, YAML.parse(presetText("strict"))),
    audit: deepMerge(defaults, YAML.parse(presetText("audit")))
  }
  const top: Row[] = []
  const sections: string[] = []
  for (const p of props(ConfigFile.ast)) {
    const isSection = p.type._tag === "Objects" && (p.type as unknown as { indexSignatures: ReadonlyArray<unknown> }).indexSignatures.length === 0
    if (!isSection) {
      const rows: Row[] = []
      leafRows({ _tag: "Objects", propertySignatures: [p], indexSignatures: [] } as unknown as Ast, [], values, rows)
      top.push(...rows)
      continue
    }
    const rows: Row[] = []
    leafRows(p.type, [p.name], values, rows)
    sections.push(table(`\`${p.name}\``, rows))
  }
  return [table("Top-level keys", top), ...sections].join("\n")
}

const table = (title: string, rows: ReadonlyArray<Row>) =>
  [
    `### ${title}`,
    "",
    "| key | type | balanced (default) | strict | audit | implemented |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| \`${r.key}\` | ${r.type} | ${esc(r.balanced)} | ${esc(r.strict)} | ${esc(r.audit)} | ${esc(r.status)} |`),
    ""
  ].join("\n")

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ")

export const START = "<!-- config-reference:start (generated by `npm run docs:config`; do not edit by hand) -->"
export const END = "<!-- config-reference:end -->"

/** The page that holds the generated reference, relative to the repository root. */
export const REFERENCE_PAGE = "docs/configuration.md"

/** Replaces the generated section of the page's text (between START and END, which must be there). */
export const withReference = (page: string): string => {
  const a = page.indexOf(START)
  const b = page.indexOf(END)
  if (a === -1 || b < a) throw new Error(`${REFERENCE_PAGE} has lost its ${START} … ${END} markers`)
  return page.slice(0, a + START.length) + "\n\n" + configReference() + "\n" + page.slice(b)
}
