import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Exit, Fiber, Layer, Scope } from "effect"
import { ConfigStore } from "../../src/services/ConfigStore.ts"
import { ForwardProxy } from "../../src/services/ForwardProxy.ts"
import { sendJson } from "../../src/layers/http/respond.ts"
import { eventually, json, request } from "../support/http.ts"
import { start } from "../support/pipelock.ts"

const promise = <A>(f: () => Promise<A>) => Effect.promise(f)

describe("admin endpoints over a real loopback listener", () => {
  it.live("GET /health answers 200 JSON with status, version, mode, uptime and kill switch", () =>
    Effect.gen(function* () {
      const { base } = yield* start({ yaml: "mode: strict\n" })
      const r = yield* promise(() => request(`${base}/health`))
      assert.strictEqual(r.status, 200)
      const body = json(r)
      assert.strictEqual(body.status, "healthy")
      assert.strictEqual(body.mode, "strict")
      assert.strictEqual(body.kill_switch, false)
      assert.isString(body.version)
      assert.isNumber(body.uptime_seconds)
    }))

  it.live("GET /metrics is Prometheus text with pipelock_ metrics", () =>
    Effect.gen(function* () {
      const { base } = yield* start({})
      const r = yield* promise(() => request(`${base}/metrics`))
      assert.strictEqual(r.status, 200)
      assert.match(String(r.headers["content-type"]), /^text\/plain/)
      assert.include(r.body, "# TYPE pipelock_info gauge")
      assert.include(r.body, "pipelock_kill_switch_active")
    }))

  it.live("GET /stats is JSON counters", () =>
    Effect.gen(function* () {
      const { base } = yield* start({})
      const body = json(yield* promise(() => request(`${base}/stats`)))
      assert.isNumber(body.requests.total)
      assert.isNumber(body.uptime_seconds)
    }))

  it.live("unknown paths get 404 JSON; the MCP port says the MCP proxy is not enabled", () =>
    Effect.gen(function* () {
      const { base, mcpPort } = yield* start({ mcp: true })
      assert.strictEqual((yield* promise(() => request(`${base}/nope`))).status, 404)
      const r = yield* promise(() => request(`http://127.0.0.1:${mcpPort}/`, { method: "POST", body: "{}" }))
      assert.strictEqual(r.status, 503)
      assert.match(json(r).error.message, /MCP proxy is not enabled/)
    }))
})

describe("kill switch, from each source", () => {
  const token = "test-token-0123456789"

  it.live("config: kill_switch.enabled denies proxy traffic with 503, /health says 503 too", () =>
    Effect.gen(function* () {
      const { base } = yield* start({ yaml: "kill_switch:\n  enabled: true\n  message: maintenance\n" })
      const r = yield* promise(() => request(`${base}/fetch?url=http://example.com/`))
      assert.strictEqual(r.status, 503)
      assert.deepStrictEqual(json(r), { error: "kill_switch_active", message: "maintenance" })
      assert.strictEqual((yield* promise(() => request(`${base}/health`))).status, 503)
      assert.strictEqual((yield* promise(() => request(`${base}/metrics`))).status, 200)
      assert.include((yield* promise(() => request(`${base}/metrics`))).body, 'pipelock_kill_switch_active{source="config"} 1')
    }))

  it.live("config: turned on by a reload", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "pipelock-ks-"))
      const path = join(dir, "p.yaml")
      writeFileSync(path, "kill_switch:\n  enabled: false\n")
      const { base, context } = yield* start({ yaml: "kill_switch:\n  enabled: false\n", path })
      assert.strictEqual((yield* promise(() => request(`${base}/health`))).status, 200)
      writeFileSync(path, "kill_switch:\n  enabled: true\n")
      const store = Context.get(context, ConfigStore)
      assert.strictEqual((yield* store.reload)._tag, "Applied")
      yield* promise(() => eventually(async () => (await request(`${base}/health`)).status === 503))
    }))

  it.live("api: needs the bearer token; 503 when no token is configured", () =>
    Effect.gen(function* () {
      const off = yield* start({})
      assert.strictEqual((yield* promise(() => request(`${off.base}/api/v1/killswitch`, { method: "POST" }))).status, 503)

      const { base } = yield* start({ env: { PIPELOCK_KILLSWITCH_API_TOKEN: token } })
      assert.strictEqual((yield* promise(() => request(`${base}/api/v1/killswitch`, { method: "POST" }))).status, 401)
      assert.strictEqual((yield* promise(() => request(`${base}/api/v1/killswitch`, { method: "POST", headers: { authorization: "Bearer wrong" } }))).status, 401)
      const on = yield* promise(() => request(`${base}/api/v1/killswitch`, { method: "POST", headers: { authorization: `Bearer ${token}` } }))
      assert.strictEqual(on.status, 200)
      assert.strictEqual(json(on).active, true)
      assert.strictEqual((yield* promise(() => request(`${base}/fetch?url=http://x/`))).status, 503)
      const status = json(yield* promise(() => request(`${base}/api/v1/killswitch/status`, { headers: { authorization: `Bearer ${token}` } })))
      assert.deepStrictEqual(status.sources, { config: false, api: true, signal: false, sentinel: false })
      const offR = yield* promise(() => request(`${base}/api/v1/killswitch`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }))
      assert.strictEqual(json(offR).active, false)
      assert.strictEqual((yield* promise(() => request(`${base}/health`))).status, 200)
      const bodyOn = yield* promise(() => request(`${base}/api/v1/killswitch`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: '{"active":false}' }))
      assert.strictEqual(json(bodyOn).active, false)
      const bad = yield* promise(() => request(`${base}/api/v1/killswitch`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "nope" }))
      assert.strictEqual(bad.status, 400)
    }))

  it.live("signal: SIGUSR1 toggles it", () =>
    Effect.gen(function* () {
      const { base } = yield* start({ signals: true })
      process.kill(process.pid, "SIGUSR1")
      yield* promise(() => eventually(async () => (await request(`${base}/health`)).status === 503))
      process.kill(process.pid, "SIGUSR1")
      yield* promise(() => eventually(async () => (await request(`${base}/health`)).status === 200))
    }))

  it.live("sentinel: on while the file exists", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "pipelock-sentinel-"))
      const sentinel = join(dir, "kill")
      const { base } = yield* start({ yaml: `kill_switch:\n  sentinel_file: ${sentinel}\n` })
      assert.strictEqual((yield* promise(() => request(`${base}/health`))).status, 200)
      writeFileSync(sentinel, "")
      yield* promise(() => eventually(async () => (await request(`${base}/health`)).status === 503))
      rmSync(sentinel)
      assert.isFalse(existsSync(sentinel))
      yield* promise(() => eventually(async () => (await request(`${base}/health`)).status === 200))
    }))

  it.live("kill_switch.allowlist_ips lets listed clients through", () =>
    Effect.gen(function* () {
      const { base } = yield* start({ yaml: "kill_switch:\n  enabled: true\n  allowlist_ips: ['127.0.0.0/8']\n" })
      assert.strictEqual((yield* promise(() => request(`${base}/fetch?url=http://x/`))).status, 501)
    }))
})

describe("graceful shutdown", () => {
  it.live("closing the listener lets an in-flight request finish, then refuses new ones", () =>
    Effect.gen(function* () {
      const slow = Layer.succeed(ForwardProxy, ForwardProxy.of({
        handleRequest: () => Effect.void,
        handleConnect: () => Effect.void,
        handleUpgrade: () => Effect.void,
        handleFetch: (_req, res) => Effect.sleep("400 millis").pipe(Effect.andThen(Effect.sync(() => sendJson(res, 200, { done: true }))))
      }))
      const scope = yield* Scope.make()
      const { base } = yield* start({ forward: slow }).pipe(Scope.provide(scope))
      const inFlight = request(`${base}/fetch?url=http://x/`)
      yield* Effect.sleep("100 millis")
      const closing = yield* Scope.close(scope, Exit.void).pipe(Effect.forkChild)
      const r = yield* promise(() => inFlight)
      assert.strictEqual(r.status, 200)
      assert.deepStrictEqual(json(r), { done: true })
      yield* Fiber.join(closing)
      const after = yield* promise(() => request(`${base}/health`).then(() => "answered", (e: Error) => e.message))
      assert.match(after, /ECONNREFUSED/)
    }))
})
