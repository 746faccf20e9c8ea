/**
 * The Redis session store over TLS (`rediss://`): a real redis-server serving TLS only, with a certificate
 * from a private CA. `pipelock run` trusts that CA through Node's standard `NODE_EXTRA_CA_CERTS` (as
 * docs/deployment.md says) and keeps the session's state in that Redis; without the CA the store stays
 * unavailable, /health says why, and the requests get the `on_unavailable` policy.
 */
import type { ChildProcess } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AppServer, startAppMcp } from "../support/appMcp.ts"
import { spawnPipelock } from "../support/cli.ts"
import { freePort, makeCa } from "../support/fixtures.ts"
import { eventually, json, request } from "../support/http.ts"
import { type RedisServer, redisServerBinary, startRedis } from "../support/redis.ts"

const TOKEN = "app-token"

describe.skipIf(redisServerBinary === undefined)("session_store over rediss://", () => {
  let redis: RedisServer
  let app: AppServer
  let caPath: string
  let caPem: string
  let config: string
  const children: ChildProcess[] = []

  const start = async (env: Record<string, string>) => {
    const port = await freePort()
    const mcpPort = await freePort()
    const p = await spawnPipelock(
      ["run", "--config", config, "--listen", `127.0.0.1:${port}`, "--mcp-listen", `127.0.0.1:${mcpPort}`, "--mcp-upstream", app.url],
      /"listener":"mcp"/,
      { PIPELOCK_REDIS_TIMEOUT_MS: "3000", ...env }
    )
    children.push(p.child)
    return { port, mcpPort, ...p }
  }
  let ids = 0
  const mcp = async (mcpPort: number, method: string, params: unknown, session: string) =>
    json(await request(`http://127.0.0.1:${mcpPort}/`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${TOKEN}`, "mcp-session-id": session },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++ids, method, params })
    })) as { result?: any; error?: { code: number; message: string } }

  beforeAll(async () => {
    const ca = await makeCa()
    const leaf = await ca.leaf("127.0.0.1")
    const certPath = join(ca.dir, "redis.pem")
    const keyPath = join(ca.dir, "redis-key.pem")
    writeFileSync(certPath, leaf.cert)
    writeFileSync(keyPath, leaf.key, { mode: 0o600 })
    caPath = ca.certPath
    caPem = readFileSync(caPath, "utf8")
    redis = await startRedis({ tls: { certPath, keyPath } })
    app = await startAppMcp(TOKEN)
    const dir = mkdtempSync(join(tmpdir(), "pipelock-rediss-"))
    config = join(dir, "pipelock.yaml")
    writeFileSync(config, [
      "version: 1",
      "mode: balanced",
      `session_store: { backend: redis, redis_url: "${redis.url}", key_prefix: "tls:", on_unavailable: block }`,
      "mcp_session_binding: { enabled: true, unknown_tool_action: block, no_baseline_action: warn }",
      "logging: { output: stderr, level: info, include_allowed: false, include_blocked: true }",
      ""
    ].join("\n"))
  }, 60_000)

  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL")
    await app?.close()
    await redis?.stop()
  })

  it("with the CA in NODE_EXTRA_CA_CERTS: healthy, and the session's pinned inventory lives in that Redis", async () => {
    expect(redis.url.startsWith("rediss://")).toBe(true)
    const p = await start({ NODE_EXTRA_CA_CERTS: caPath })
    await eventually(async () => json(await request(`http://127.0.0.1:${p.port}/health`)).status === "healthy", 30_000)
    const listed = await mcp(p.mcpPort, "tools/list", {}, "tls-1")
    expect(listed.result.tools.length).toBeGreaterThan(0)
    expect((await mcp(p.mcpPort, "tools/call", { name: "not_listed_tool", arguments: {} }, "tls-1")).error?.code).toBe(-32001)
    // The pin is in Redis, read back over TLS by an independent client.
    const { createClient } = await import("redis")
    const client = createClient({ url: redis.url, socket: { tls: true, ca: caPem } })
    await client.connect()
    try {
      expect(await client.exists("tls:s:" + (await client.zRange("tls:sessions", 0, -1))[0])).toBe(1)
      expect(await client.zCard("tls:sessions")).toBeGreaterThan(0)
    } finally {
      await client.quit()
    }
  }, 60_000)

  it("without the CA: the certificate is refused, /health is degraded with the reason, calls get on_unavailable", async () => {
    const p = await start({ NODE_EXTRA_CA_CERTS: "" })
    let health: { status: string; session_store?: { reason?: string } } = { status: "" }
    await eventually(async () => {
      health = json(await request(`http://127.0.0.1:${p.port}/health`)) as typeof health
      // (On a loaded machine an attempt can also end in the 2 s connect timeout first: wait for the refusal's reason.)
      return health.status === "degraded" && /certificate|self.signed|issuer/i.test(health.session_store?.reason ?? "")
    }, 30_000, 100)
    expect(health.session_store!.reason).toMatch(/certificate|self.signed|issuer/i)
    const refused = await mcp(p.mcpPort, "tools/call", { name: "get_accounts", arguments: {} }, "tls-2")
    expect(refused.error?.code).toBe(-32001)
    expect(refused.error?.message).toMatch(/session store/i)
  }, 60_000)
})
