/**
 * `pipelock mcp proxy -- CMD` with the real reference server (@modelcontextprotocol/server-everything, run from
 * node_modules) and the official SDK client over stdio. The server announces `notifications/tools/list_changed`
 * right after initialisation; the wrapper used to wait for its own tools/list answer while that answer was
 * queued behind the notification, stalling the client's first tools/list for 10 s and then dropping the
 * notification.
 */
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js"
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js"
import { describe, expect, it } from "vitest"
import { bin } from "../support/cli.ts"

const everything = join(dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js")

/** The old stall was the wrapper's 10 s refresh timeout; an answer well inside it cannot have waited for it. */
const WELL_UNDER_THE_OLD_STALL_MS = 5_000

describe("pipelock mcp proxy with server-everything over stdio", () => {
  it("answers the first tools/list without stalling, relays tools/list_changed after rescanning, one request id per exchange", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, "mcp", "proxy", "--", process.execPath, everything, "stdio"],
      stderr: "pipe"
    })
    let stderr = ""
    transport.stderr?.on("data", (c: Buffer) => (stderr += c.toString()))
    const client = new Client({ name: "agent", version: "1.0.0" })
    const changed = new Promise<void>((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()))
    await client.connect(transport)
    try {
      const started = performance.now()
      const { tools } = await client.listTools()
      const ms = performance.now() - started
      console.log(`first tools/list through the stdio wrapper: ${ms.toFixed(0)} ms (the stall was 10,081 ms)`)
      expect(tools.map((t) => t.name)).toContain("echo")
      expect(ms).toBeLessThan(WELL_UNDER_THE_OLD_STALL_MS)

      await changed
      // The tools still work after the change.
      const echoed = await client.callTool({ name: "echo", arguments: { message: "hello" } })
      expect(JSON.stringify(echoed.content)).toContain("hello")
    } finally {
      await client.close()
    }

    const events = stderr.split("\n").filter((l) => l.startsWith("{") && l.includes('"component":"pipelock"')).map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(events.filter((e) => e.event === "tools_list_changed_blocked")).toEqual([])
    const verdicts = events.filter((e) => e.listener === "mcp_stdio" && (e.event === "allowed" || e.event === "blocked"))
    expect(verdicts.length).toBeGreaterThan(4)
    for (const v of verdicts) expect(v.request_id).toMatch(/^[0-9a-f-]{36}$/)
    // A request and the server's answer share an id; other exchanges have their own.
    const list = verdicts.find((v) => v.direction === "request" && v.method === "tools/list")!
    expect(verdicts.filter((v) => v.request_id === list.request_id).map((v) => v.direction)).toEqual(["request", "response"])
    expect(new Set(verdicts.map((v) => v.request_id)).size).toBeGreaterThan(3)
    // The notification was judged (after the rescan of the list) before it was relayed.
    expect(verdicts.some((v) => v.direction === "response" && v.method === "notifications/tools/list_changed" && v.action === "allow")).toBe(true)
  }, 120_000)
})
