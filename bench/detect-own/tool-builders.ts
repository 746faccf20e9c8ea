/**
 * Builders for the hand-written tool batches 4-8 (tools-data-4.ts … tools-data-8.ts): a tool whose parameters
 * are all strings with a description, expected to block (`bad`) or to pass (`good`).
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
