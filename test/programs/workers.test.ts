/**
 * `pipelock run` with `workers: 2` and the memory store: two worker processes serve the same ports (node:cluster
 * hands fresh connections out round-robin), the primary owns the shared state. Every request here opens a fresh
 * connection, so consecutive requests alternate between the workers: what one worker recorded must bind the
 * other, exactly as in one process (with per-process state, the alternate requests below would pass). Rate
 * limits are admitted from per-worker leases of the limit (SessionStoreIpc.ts): a concurrent burst still gets
 * exactly the limit.
 */
import type { ChildProcess } from "node:child_process"
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AppServer, defaultTools, startAppMcp } from "../support/appMcp.ts"
import { spawnPipelock } from "../support/cli.ts"
import { freePort, startHttp } from "../support/fixtures.ts"
import { eventually, json, request } from "../support/http.ts"

const TOKEN = "app-token"
const ADMIN = "workers-admin-token"

/** The worker processes of the primary `pid` (its children). */
const workersOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)

const tools = [
  ...defaultTools,
  { name: "list_directory", description: "List the files in a folder.", inputSchema: { type: "object", properties: { path: { type: "string" } } }, result: () => ({ files: ["a.txt"] }) },
  { name: "run_shell", description: "Run a command in the workspace.", inputSchema: { type: "object", properties: { command: { type: "string" } } }, result: () => ({ stdout: "ok" }) },
  { name: "send_webhook", description: "Post a JSON payload to a webhook.", inputSchema: { type: "object", properties: { url: { type: "string" }, payload: { type: "string" } } }, result: () => ({ sent: true }) }
]

describe("pipelock run with workers: 2 (memory store owned by the primary)", () => {
  let app: AppServer
  let target: { port: number; close: () => Promise<void> }
  let child: ChildProcess
  let output: () => string
  let exited: Promise<number | null>
  let port: number
  let mcpPort: number
  let dir: string
  let ids = 0

  const mcp = async (method: string, params: unknown, session: string) => {
    const reply = await request(`http://127.0.0.1:${mcpPort}/`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${TOKEN}`, "mcp-session-id": session },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++ids, method, params })
    })
    return json(reply) as { result?: any; error?: { code: number; message: string } }
  }
  const call = (tool: string, args: Record<string, unknown>, session: string) => mcp("tools/call", { name: tool, arguments: args }, session)
  const fetchVia = (path: string) => request(`http://127.0.0.1:${port}/fetch?url=${encodeURIComponent(`http://127.0.0.1:${target.port}${path}`)}`)
  const health = async () => (await request(`http://127.0.0.1:${port}/health`)).status

  beforeAll(async () => {
    app = await startAppMcp(TOKEN, tools)
    target = await startHttp((_req, res) => res.end("hello"))
    dir = mkdtempSync(join(tmpdir(), "pipelock-workers-"))
    const config = join(dir, "pipelock.yaml")
    writeFileSync(config, [
      "version: 1",
      "mode: balanced",
      "workers: 2",
      "mcp_tool_scanning: { enabled: true, action: warn }",
      "mcp_session_binding: { enabled: true, unknown_tool_action: block, no_baseline_action: warn }",
      "tool_chain_detection: { enabled: true, action: block }",
      "fetch_proxy: { monitoring: { max_requests_per_minute: 4 } }",
      'trusted_domains: ["127.0.0.1", "localhost"]',
      `kill_switch: { sentinel_file: "${join(dir, "kill")}" }`,
      "logging: { output: stderr, level: info, include_allowed: false, include_blocked: false }",
      ""
    ].join("\n"))
    port = await freePort()
    mcpPort = await freePort()
    const started = await spawnPipelock(
      ["run", "--config", config, "--listen", `127.0.0.1:${port}`, "--mcp-listen", `127.0.0.1:${mcpPort}`, "--mcp-upstream", app.url],
      /"listener":"mcp"[\s\S]*"listener":"mcp"/,
      { PIPELOCK_KILLSWITCH_API_TOKEN: ADMIN }
    )
    ;({ child, output, exited } = started)
    await eventually(() => (output().match(/"event":"started"/g) ?? []).length === 2, 30_000)
  }, 90_000)

  afterAll(async () => {
    child?.kill("SIGTERM")
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
    child?.kill("SIGKILL")
    await app?.close()
    await target?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("runs two worker processes under one primary, on the same ports", () => {
    expect(workersOf(child.pid!)).toHaveLength(2)
    expect(output()).toMatch(/"event":"workers_started","workers":2,"backend":"memory"/)
  })

  it("a rate limit counts the requests of both workers: 4 a minute to one host, the fifth refused", async () => {
    for (let i = 1; i <= 4; i++) expect((await fetchVia(`/${i}`)).status, `request ${i}`).toBe(200)
    // Two more: one lands on each worker (each served two): both refused, whichever worker answers.
    for (const path of ["/5", "/6"]) {
      const refused = await fetchVia(path)
      expect(refused.status).toBe(429)
      expect(json(refused).rule).toBe("rate_limit")
    }
  })

  it("a rate limit holds for a concurrent burst spread over both workers: exactly 4 of 12 admitted", async () => {
    // Another host (its own window). Each request opens its own connection: the burst lands on both workers,
    // which admit from their leases of the limit; a spent worker recalls the other's unused units before refusing.
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      request(`http://127.0.0.1:${port}/fetch?url=${encodeURIComponent(`http://localhost:${target.port}/burst-${i}`)}`)))
    const statuses = burst.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(4)
    expect(statuses.filter((s) => s === 429)).toHaveLength(8)
  })

  it("a tools/list pinned through one worker binds the other: a tool added later is refused", async () => {
    app.tools = tools
    expect((await mcp("tools/list", {}, "pin-1")).result.tools.map((t: { name: string }) => t.name)).toContain("get_accounts")
    app.tools = [...tools, { name: "transfer_funds", description: "Move money between accounts.", result: () => ({ ok: true }) }]
    // Both workers: the next two calls go to one each.
    for (let i = 0; i < 2; i++) {
      const refused = await call("transfer_funds", { amount: 100 }, "pin-1")
      expect(refused.error?.code).toBe(-32001)
    }
    app.tools = tools
  })

  it("a recon → exfiltration chain split across the workers is blocked", async () => {
    await mcp("tools/list", {}, "chain-1")
    expect((await call("list_directory", { path: "/home/app" }, "chain-1")).result).toBeDefined()
    expect((await call("run_shell", { command: "echo hello" }, "chain-1")).result).toBeDefined()
    const blocked = await call("send_webhook", { url: "https://hooks.example.com/x", payload: "hello" }, "chain-1")
    expect(blocked.error?.code).toBe(-32004)
  })

  it("the kill switch set through one worker's API holds on every worker as soon as the API answers", async () => {
    const auth = { authorization: `Bearer ${ADMIN}` }
    const on = await request(`http://127.0.0.1:${port}/api/v1/killswitch`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"active":true}' })
    expect(on.status).toBe(200)
    // No waiting: the primary answered the API's worker only after every worker applied the flag.
    for (let i = 0; i < 4; i++) expect(await health(), `health ${i}`).toBe(503)
    for (let i = 0; i < 2; i++) expect((await call("get_accounts", {}, "ks-1")).error?.code).toBe(-32004)
    const off = await request(`http://127.0.0.1:${port}/api/v1/killswitch`, { method: "DELETE", headers: auth })
    expect(off.status).toBe(200)
    for (let i = 0; i < 4; i++) expect(await health(), `health after release ${i}`).toBe(200)
  })

  it("SIGUSR1 to the primary toggles the kill switch on every worker", async () => {
    child.kill("SIGUSR1")
    await eventually(async () => (await health()) === 503, 5000, 5)
    for (let i = 0; i < 4; i++) expect(await health()).toBe(503)
    const status = json(await request(`http://127.0.0.1:${port}/api/v1/killswitch/status`, { headers: { authorization: `Bearer ${ADMIN}` } }))
    expect(status.sources.signal).toBe(true)
    child.kill("SIGUSR1")
    await eventually(async () => (await health()) === 200, 5000, 5)
    for (let i = 0; i < 4; i++) expect(await health()).toBe(200)
  })

  it("the sentinel file stops every worker while it exists", async () => {
    const sentinel = join(dir, "kill")
    writeFileSync(sentinel, "")
    await eventually(async () => (await health()) === 503 && (await health()) === 503, 5000, 20)
    rmSync(sentinel)
    await eventually(async () => (await health()) === 200 && (await health()) === 200, 5000, 20)
  })

  it("a worker that dies is replaced, and the state it saw survives (the primary holds it)", async () => {
    const [first] = workersOf(child.pid!)
    process.kill(first, "SIGKILL")
    await eventually(() => {
      const now = workersOf(child.pid!)
      return now.length === 2 && !now.includes(first)
    }, 30_000, 50)
    await eventually(() => output().includes('"event":"worker_replaced"'), 5000)
    // Listening again on both: the rate window of the first test is still spent.
    await eventually(async () => (await fetchVia("/after")).status === 429 && (await fetchVia("/after")).status === 429, 30_000, 100)
  }, 60_000)
})
