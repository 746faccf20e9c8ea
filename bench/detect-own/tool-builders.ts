/**
 * Builders for the hand-written tool batches.
 *
 * Batches 4-8 (tools-data-4.ts … tools-data-8.ts) use `bad`/`good`: a tool whose parameters are all strings with a
 * description, expected to block (`bad`) or to pass (`good`).
 *
 * Batches 9-19 (tools-data-9.ts … tools-data-19.ts) use typed JSON-Schema parameters and the row builders below.
 * Each batch was first written with its own copy of these helpers; the variants differed in argument order and in
 * the key order of the objects they build, so where two variants remain (`oneOf` vs `enumOf`, `list` vs `arr`)
 * each one reproduces its callers' objects key for key (tools.jsonl is byte-identical to what the copies wrote).
 */
import type { ToolRow } from "./tools-data.ts"

type Schema = ToolRow["tool"]["inputSchema"]
const s = (props: Record<string, string>): Schema => ({
  type: "object",
  properties: Object.fromEntries(Object.entries(props).map(([k, d]) => [k, { type: "string", description: d }]))
})
export const bad = (category: string, name: string, description: string, props: Record<string, string> = { input: "Input." }): ToolRow =>
  ({ category, expected: "block", tool: { name, description, inputSchema: s(props) } })
export const good = (category: string, name: string, description: string, props: Record<string, string> = {}): ToolRow =>
  ({ category, expected: "allow", tool: { name, description, inputSchema: s(props) } })

// ── typed parameters (batches 9-19) ─────────────────────────────────────────────────────────────────────────────

/** One JSON-Schema property. */
export type Prop = Record<string, unknown>
export type Props = Record<string, Prop>

const described = (description: string | undefined): Prop => (description !== undefined ? { description } : {})
const withDefault = (dflt: unknown): Prop => (dflt === undefined ? {} : { default: dflt })
/** A second argument that is either a default value or extra schema keys. */
const defaultOrExtra = <T>(x: T | Prop | undefined): Prop =>
  x === undefined ? {} : typeof x === "object" && x !== null ? (x as Prop) : { default: x }

/** `{ type: "string", description, ...extra }`; no `description` key when it is undefined. */
export const str = (description?: string, extra: Prop = {}): Prop => ({ type: "string", ...described(description), ...extra })
/** `{ type: "integer", description, ...extra }`; a number as second argument is the default. */
export const int = (description?: string, extra?: Prop | number): Prop =>
  ({ type: "integer", ...described(description), ...defaultOrExtra(extra) })
/** `{ type: "number", description, ...extra }`; a number as second argument is the default. */
export const num = (description?: string, extra?: Prop | number): Prop =>
  ({ type: "number", ...described(description), ...defaultOrExtra(extra) })
/** `{ type: "boolean", description, default, ...extra }`; the second argument is a default or extra keys. */
export const bool = (description?: string, dflt?: boolean | Prop, extra: Prop = {}): Prop =>
  ({ type: "boolean", ...described(description), ...defaultOrExtra(dflt), ...extra })
/** Enum, values first: `{ type: "string", enum, description, default }`. */
export const oneOf = (values: ReadonlyArray<string>, description?: string, dflt?: string): Prop =>
  ({ type: "string", enum: [...values], ...described(description), ...withDefault(dflt) })
/** Enum, description first: `{ type: "string", description, enum, default, ...extra }`. */
export const enumOf = (description: string, values: ReadonlyArray<string>, dflt?: string, extra: Prop = {}): Prop =>
  ({ type: "string", description, enum: [...values], ...withDefault(dflt), ...extra })
/** Array, items first in the object: `{ type: "array", items, description }` (items default to strings). */
export const list = (description?: string, items: Prop = { type: "string" }): Prop =>
  ({ type: "array", items, ...described(description) })
/** Array, description first in the object: `{ type: "array", description, items, ...extra }`. */
export const arr = (description?: string, items: Prop = { type: "string" }, extra: Prop = {}): Prop =>
  ({ type: "array", ...described(description), items, ...extra })
/** Nested object: `{ type: "object", description, properties, ...extra }`. */
export const obj = (description: string, properties: Props, extra: Prop = {}): Prop =>
  ({ type: "object", description, properties, ...extra })
/** String map: `{ type: "object", description, additionalProperties: { type: "string" } }`. */
export const dict = (description?: string): Prop =>
  ({ type: "object", ...described(description), additionalProperties: { type: "string" } })

/** A tool row; `required` is emitted only when non-empty. */
export const row = (category: string, expected: "block" | "allow", name: string, description: string,
  properties: Props = {}, required: ReadonlyArray<string> = []): ToolRow =>
  ({ category, expected, tool: { name, description, inputSchema: { type: "object", properties, ...(required.length > 0 ? { required: [...required] } : {}) } } })
/** A poisoned tool of class `category`, expected to block. */
export const block = (category: string, name: string, description: string, properties: Props = {}, required: ReadonlyArray<string> = []): ToolRow =>
  row(category, "block", name, description, properties, required)
/** A tool expected to pass, in any category. */
export const allow = (category: string, name: string, description: string, properties: Props = {}, required: ReadonlyArray<string> = []): ToolRow =>
  row(category, "allow", name, description, properties, required)
/** An ordinary tool (category "benign"), expected to pass. */
export const benign = (name: string, description: string, properties: Props = {}, required: ReadonlyArray<string> = []): ToolRow =>
  row("benign", "allow", name, description, properties, required)
/** A benign tool close to class `cls` (category "near-miss/<cls>"), expected to pass. */
export const nearMiss = (cls: string, name: string, description: string, properties: Props = {}, required: ReadonlyArray<string> = []): ToolRow =>
  row(`near-miss/${cls}`, "allow", name, description, properties, required)

// ── FastMCP-style parameters (batch 10) ─────────────────────────────────────────────────────────────────────────

/**
 * A parameter as FastMCP derives it from a type hint: "str" | "int" | "num" | "bool" | "list" | "dict" (required),
 * "str?" | "int?" (Optional[...] = None), [hint, default] (optional with a default), or a raw schema object
 * (required unless it has a `default`). Every property gets a `title` from its name; `required` lists those without
 * a default.
 */
export type Hint = "str" | "int" | "num" | "bool" | "list" | "dict" | "str?" | "int?" | "bool?"
export type Param = Hint | readonly [Hint, unknown] | Record<string, unknown>
const title = (k: string): string => k.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ")
const base = (h: Hint): Record<string, unknown> => {
  switch (h) {
    case "str": return { type: "string" }
    case "int": return { type: "integer" }
    case "num": return { type: "number" }
    case "bool": return { type: "boolean" }
    case "list": return { type: "array", items: { type: "string" } }
    case "dict": return { type: "object", additionalProperties: true }
    case "str?": return { anyOf: [{ type: "string" }, { type: "null" }], default: null }
    case "int?": return { anyOf: [{ type: "integer" }, { type: "null" }], default: null }
    case "bool?": return { anyOf: [{ type: "boolean" }, { type: "null" }], default: null }
  }
}
const param = (k: string, p: Param): Record<string, unknown> =>
  typeof p === "string" ? { ...base(p), title: title(k) }
  : Array.isArray(p) ? { ...base(p[0] as Hint), title: title(k), default: p[1] }
  : { title: title(k), ...(p as Record<string, unknown>) }
const fastmcpRow = (category: string, expected: "block" | "allow", name: string, description: string, params: Record<string, Param>): ToolRow => {
  const properties = Object.fromEntries(Object.entries(params).map(([k, p]) => [k, param(k, p)]))
  const required = Object.entries(properties).filter(([, v]) => !("default" in v)).map(([k]) => k)
  return row(category, expected, name, description, properties, required)
}
export const fastmcpBad = (category: string, name: string, description: string, params: Record<string, Param> = {}): ToolRow =>
  fastmcpRow(category, "block", name, description, params)
export const fastmcpGood = (category: string, name: string, description: string, params: Record<string, Param> = {}): ToolRow =>
  fastmcpRow(category, "allow", name, description, params)
/** An enum parameter without description, for `fastmcpBad`/`fastmcpGood`. */
export const fastmcpEnum = (values: ReadonlyArray<string>, dflt?: string): Record<string, unknown> => oneOf(values, undefined, dflt)
