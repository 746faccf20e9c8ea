/**
 * Two Pipelock processes (`pipelock run`, A and B) sharing one real redis-server: the state one replica
 * builds is enforced by the other. An MCP client reaches both with the same identity (as behind a Kubernetes
 * Service without sticky sessions); the upstream is the app-like plain-JSON MCP server.
 */
import type { ChildProcess } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AppServer, defaultTools, startAppMcp } from "../support/appMcp.ts"
import { spawnPipelock } from "../support/cli.ts"
import { freePort, startHttp } from "../support/fixtures.ts"
import { eventually, json, request } from "../support/http.ts"
import { type RedisServer, redisServerBinary, startRedis } from "../support/redis.ts"

const TOKEN = "app-token"
const ADMIN = "fleet-admin-token"

interface Replica {
  readonly name: string
  readonly port: number
  readonly mcpPort: number
  readonly child: ChildProcess
  readonly output: () => string
  readonly exited: Promise<number | null>
}

let ids = 0
/** One JSON-RPC POST to a replica's MCP listener; returns the parsed reply. */
const mcp = async (r: Replica, method: string, params: unknown, session?: string) => {
  const reply = await request(`http://127.0.0.1:${r.mcpPort}/`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      authorization: `Bearer ${TOKEN}`,
      ...(session === undefined ? {} : { "mcp-session-id": session })
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++ids, method, params })
  })
  return json(reply) as { result?: any; error?: { code: number; message: string } }
}
const call = (r: Replica, tool: string, args: Record<string, unknown>, session?: string) => mcp(r, "tools/call", { name: tool, arguments: args }, session)

const tools = [
  ...defaultTools,
  { name: "list_directory", description: "List the files in a folder.", inputSchema: { type: "object", properties: { path: { type: "string" } } }, result: () => ({ files: ["a.txt"] }) },
  { name: "run_shell", description: "Run a command in the workspace.", inputSchema: { type: "object", properties: { command: { type: "string" } } }, result: () => ({ stdout: "ok" }) },
  { name: "send_webhook", description: "Post a JSON payload to a webhook.", inputSchema: { type: "object", properties: { url: { type: "string" }, payload: { type: "string" } } }, result: () => ({ sent: true }) }
]

describe.skipIf(redisServerBinary === undefined)("two Pipelock processes sharing one Redis", () => {
  let redis: RedisServer
  let app: AppServer
  let target: { port: number; close: () => Promise<void> }
  const replicas: Replica[] = []
  let a: Replica
  let b: Replica

  const startReplica = async (name: string, config: string, upstream: string): Promise<Replica> => {
    const port = await freePort()
    const mcpPort = await freePort()
    const p = await spawnPipelock(
      ["run", "--config", config, "--listen", `127.0.0.1:${port}`, "--mcp-listen", `127.0.0.1:${mcpPort}`, "--mcp-upstream", upstream],
      /"listener":"mcp"/,
      // A loaded test machine must not turn a slow answer into a block (the 250 ms default has its own test).
      { PIPELOCK_KILLSWITCH_API_TOKEN: ADMIN, PIPELOCK_REDIS_TIMEOUT_MS: "3000" }
    )
    const r = { name, port, mcpPort, ...p }
    replicas.push(r)
    // Connected to Redis (it connects in the background): /health says healthy.
    await eventually(async () => json(await request(`http://127.0.0.1:${port}/health`)).status === "healthy", 10_000)
    return r
  }

  beforeAll(async () => {
    redis = await startRedis()
    app = await startAppMcp(TOKEN, tools)
    target = await startHttp((_req, res) => res.end("hello"))
    const dir = mkdtempSync(join(tmpdir(), "pipelock-fleet-"))
    const config = join(dir, "pipelock.yaml")
    writeFileSync(config, [
      "version: 1",
      "mode: balanced",
      `session_store: { backend: redis, redis_url: "${redis.url}", key_prefix: "fleet:", on_unavailable: block }`,
      "mcp_tool_scanning: { enabled: true, action: warn }",
      "mcp_session_binding: { enabled: true, unknown_tool_action: block, no_baseline_action: warn }",
      "tool_chain_detection: { enabled: true, action: block }",
      "fetch_proxy: { monitoring: { max_requests_per_minute: 3 } }",
      'trusted_domains: ["127.0.0.1"]',
      "logging: { output: stderr, level: info, include_allowed: false, include_blocked: true }",
      ""
    ].join("\n"))
    a = await startReplica("A", config, app.url)
    b = await startReplica("B", config, app.url)
  }, 60_000)

  afterAll(async () => {
    for (const r of replicas) {
      r.child.kill("SIGTERM")
      await Promise.race([r.exited, new Promise((res) => setTimeout(res, 5000))])
      r.child.kill("SIGKILL")
    }
    await app?.close()
    await target?.close()
    await redis?.stop()
  })

  it("a tools/list pinned through A is enforced through B: a tool added later is refused there", async () => {
    app.tools = tools
    const listed = await mcp(a, "tools/list", {}, "pin-1")
    expect(listed.result.tools.map((t: { name: string }) => t.name)).toContain("get_accounts")
    // B never saw a tools/list of this session, yet knows its inventory
    expect((await call(b, "get_accounts", {}, "pin-1")).result).toBeDefined()
    app.tools = [...tools, { name: "transfer_funds", description: "Move money between accounts.", result: () => ({ ok: true }) }]
    const refused = await call(b, "transfer_funds", { amount: 100 }, "pin-1")
    expect(refused.error?.code).toBe(-32001)
    expect(refused.error?.message).toMatch(/unknown_tool|not in this session's tool inventory/)
    // without the shared pin the same call would only be a no_baseline warning: a fresh session proves it
    expect((await call(b, "transfer_funds", { amount: 100 }, "pin-fresh")).result).toBeDefined()
    app.tools = tools
  })

  it("a recon → exfiltration chain started on A is blocked on B", async () => {
    await mcp(a, "tools/list", {}, "chain-1")
    expect((await call(a, "list_directory", { path: "/home/app" }, "chain-1")).result).toBeDefined()
    expect((await call(a, "run_shell", { command: "echo hello" }, "chain-1")).result).toBeDefined()
    const blocked = await call(b, "send_webhook", { url: "https://hooks.example.com/x", payload: "hello" }, "chain-1")
    expect(blocked.error?.code).toBe(-32004)
    expect(blocked.error?.message).toMatch(/recon-then-exfil/)
    // the same last step in a session with no history passes
    await mcp(b, "tools/list", {}, "chain-2")
    expect((await call(b, "send_webhook", { url: "https://hooks.example.com/x", payload: "hello" }, "chain-2")).result).toBeDefined()
  })

  it("the kill switch set through A's API stops B; released through B, A serves again", async () => {
    const on = await request(`http://127.0.0.1:${a.port}/api/v1/killswitch`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, body: '{"active":true}' })
    expect(on.status).toBe(200)
    const t0 = performance.now()
    await eventually(async () => (await request(`http://127.0.0.1:${b.port}/health`)).status === 503, 5000, 5)
    const ms = performance.now() - t0
    console.log(`kill switch A → B applied after ${ms.toFixed(0)} ms (pub/sub)`)
    const refused = await call(b, "get_accounts", {}, "ks-1")
    expect(refused.error?.code).toBe(-32004)
    const status = json(await request(`http://127.0.0.1:${b.port}/api/v1/killswitch/status`, { headers: { authorization: `Bearer ${ADMIN}` } }))
    expect(status.sources.api).toBe(true)
    const off = await request(`http://127.0.0.1:${b.port}/api/v1/killswitch`, { method: "DELETE", headers: { authorization: `Bearer ${ADMIN}` } })
    expect(off.status).toBe(200)
    await eventually(async () => (await request(`http://127.0.0.1:${a.port}/health`)).status === 200, 5000, 5)
    await mcp(a, "tools/list", {}, "ks-1")
    expect((await call(a, "get_accounts", {}, "ks-1")).result).toBeDefined()
  })

  it("SIGUSR1 to A toggles the kill switch on B too", async () => {
    a.child.kill("SIGUSR1")
    await eventually(async () => (await request(`http://127.0.0.1:${b.port}/health`)).status === 503, 5000, 5)
    const status = json(await request(`http://127.0.0.1:${b.port}/api/v1/killswitch/status`, { headers: { authorization: `Bearer ${ADMIN}` } }))
    expect(status.sources.signal).toBe(true)
    a.child.kill("SIGUSR1")
    await eventually(async () => (await request(`http://127.0.0.1:${b.port}/health`)).status === 200, 5000, 5)
  })

  it("a rate limit is shared: 3 requests a minute to one host, whichever replica they go through", async () => {
    const fetchVia = (r: Replica, path: string) => request(`http://127.0.0.1:${r.port}/fetch?url=${encodeURIComponent(`http://127.0.0.1:${target.port}${path}`)}`)
    expect((await fetchVia(a, "/1")).status).toBe(200)
    expect((await fetchVia(b, "/2")).status).toBe(200)
    expect((await fetchVia(a, "/3")).status).toBe(200)
    const fourth = await fetchVia(b, "/4")
    expect(fourth.status).toBe(429)
    expect(json(fourth).rule).toBe("rate_limit")
  })

  it("Redis killed: requests get on_unavailable (block) and /health says degraded; Redis back: both resume", async () => {
    await redis.kill()
    await eventually(async () => json(await request(`http://127.0.0.1:${a.port}/health`)).status === "degraded", 10_000, 20)
    const health = json(await request(`http://127.0.0.1:${a.port}/health`))
    expect(health.session_store).toMatchObject({ backend: "redis", available: false, on_unavailable: "block" })
    expect(typeof health.session_store.reason).toBe("string")
    const blocked = await call(a, "get_accounts", {}, "down-1")
    expect(blocked.error?.message).toMatch(/session store is unavailable/)
    const fetched = await request(`http://127.0.0.1:${b.port}/fetch?url=${encodeURIComponent(`http://127.0.0.1:${target.port}/x`)}`)
    expect(fetched.status).toBe(403)
    expect(json(fetched).rule).toBe("store_unavailable")
    // nothing crashed
    expect(a.child.exitCode).toBeNull()
    expect(b.child.exitCode).toBeNull()

    await redis.restart()
    for (const r of [a, b]) await eventually(async () => json(await request(`http://127.0.0.1:${r.port}/health`)).status === "healthy", 15_000, 50)
    // Redis came back empty: the session starts over (pinned again through B, enforced through A)
    await mcp(b, "tools/list", {}, "down-1")
    expect((await call(a, "get_accounts", {}, "down-1")).result).toBeDefined()
    // one log line per state change, not one per failed request
    for (const r of [a, b]) {
      const lines = r.output().split("\n")
      expect(lines.filter((l) => l.includes('"session_store_unavailable"')).length, r.name).toBe(1)
      expect(lines.filter((l) => l.includes('"session_store_available"')).length, r.name).toBe(2)
      expect(r.output(), r.name).not.toMatch(/Error:|at .*\.ts:\d+/)
    }
  })
})
