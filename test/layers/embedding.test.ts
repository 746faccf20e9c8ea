/**
 * Pipelock inside a host's Effect graph (issue 16): instances are independent, every service of the
 * composition root can be replaced by providing a layer, the bound ports are exposed, and interrupting the
 * graph aborts the upstream requests in flight and closes the clients' sockets. Real listeners, real
 * loopback upstreams, real HTTP clients.
 */
import * as http from "node:http"
import { assert, describe, it } from "@effect/vitest"
import { Context, Deferred, Effect, Fiber, Layer } from "effect"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as InspectorFake from "../../src/layers/InspectorFake.ts"
import * as KillSwitchLayer from "../../src/layers/KillSwitch.ts"
import * as Pipelock from "../../src/layers/Pipelock.ts"
import * as ResolverLayer from "../../src/layers/Resolver.ts"
import * as SessionStoreLayer from "../../src/layers/SessionStore.ts"
import * as UpstreamClientLayer from "../../src/layers/UpstreamClient.ts"
import { BoundAddresses } from "../../src/services/BoundAddresses.ts"
import { KillSwitch } from "../../src/services/KillSwitch.ts"
import type { Resolver } from "../../src/services/Resolver.ts"
import { UpstreamClient } from "../../src/services/UpstreamClient.ts"
import { startHttp } from "../support/fixtures.ts"
import { json, request } from "../support/http.ts"

const quiet = { PIPELOCK__logging__output: "stderr", PIPELOCK__logging__level: "error", PIPELOCK__logging__include_allowed: "false", PIPELOCK__logging__include_blocked: "false" }

const setupOf = (env: Record<string, string> = {}, mcpUpstream?: string, drainMs?: number): Pipelock.RunSetup => ({
  loaded: loadOrThrow({
    env: { ...quiet, ...env },
    flags: { listen: "127.0.0.1:0", mcpListen: mcpUpstream === undefined ? undefined : "127.0.0.1:0", mcpUpstream }
  }),
  env: {},
  flags: {},
  watch: false,
  drainMs
})

/** A GET through the proxy at `port` (absolute-form request line). */
const viaProxy = (port: number, url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "GET", path: url, agent: false, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }))
    })
    req.on("error", reject)
    req.end()
  })

const origin = Effect.acquireRelease(
  Effect.promise(() => startHttp((req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(`hello ${req.headers["x-routed-by"] ?? ""}`))),
  (s) => Effect.promise(() => s.close())
)

// Two "host" services, each holding what it got from its own Pipelock instance.
class HostA extends Context.Service<HostA, { readonly bound: BoundAddresses["Service"]; readonly killSwitch: KillSwitch["Service"] }>()("test/HostA") {}
class HostB extends Context.Service<HostB, { readonly bound: BoundAddresses["Service"]; readonly killSwitch: KillSwitch["Service"] }>()("test/HostB") {}
const hold = Effect.gen(function* () {
  return { bound: yield* BoundAddresses, killSwitch: yield* KillSwitch }
})

describe("Pipelock embedded in a host graph", () => {
  it.live("two instances in one graph: their own ports, metrics, stats and kill switches", () =>
    Effect.gen(function* () {
      const site = yield* origin
      const env = { PIPELOCK__trusted_domains: '["app.example"]' }
      const resolver = ResolverLayer.layerStatic({ "app.example": ["127.0.0.1"] })
      // One host graph (one memo map): the instances must not collapse into one.
      const host = Layer.merge(
        Layer.effect(HostA, hold).pipe(Layer.provide(Pipelock.run(setupOf(env), resolver))),
        Layer.effect(HostB, hold).pipe(Layer.provide(Pipelock.run(setupOf(env), resolver)))
      )
      const context = yield* Layer.build(host)
      const a = Context.get(context, HostA)
      const b = Context.get(context, HostB)
      assert.notStrictEqual(a.bound.proxy.port, 0)
      assert.notStrictEqual(a.bound.proxy.port, b.bound.proxy.port)
      assert.strictEqual(a.bound.proxy.url, `http://127.0.0.1:${a.bound.proxy.port}`)
      assert.strictEqual(a.bound.mcp, undefined)

      // A verdict on A only.
      const blocked = yield* Effect.promise(() => viaProxy(a.bound.proxy.port, `http://app.example:${site.port}/?k=AKIAIOSFODNN7EXAMPLE`))
      assert.strictEqual(blocked.status, 403)
      const metricsA = (yield* Effect.promise(() => request(`${a.bound.proxy.url}/metrics`))).body
      const metricsB = (yield* Effect.promise(() => request(`${b.bound.proxy.url}/metrics`))).body
      assert.match(metricsA, /pipelock_requests_total\{listener="forward",action="block",result="blocked"\} 1\n/)
      assert.notMatch(metricsB, /pipelock_requests_total/)
      assert.match(metricsB, /pipelock_info\{version="[^"]+"\} 1/) // B has its own registry, not an empty answer
      const statsA = json(yield* Effect.promise(() => request(`${a.bound.proxy.url}/stats`)))
      const statsB = json(yield* Effect.promise(() => request(`${b.bound.proxy.url}/stats`)))
      assert.strictEqual(statsA.requests.blocked, 1)
      assert.strictEqual(statsB.requests.total, 0)

      // A's kill switch does not stop B.
      yield* a.killSwitch.set(true, "api")
      const denied = yield* Effect.promise(() => viaProxy(a.bound.proxy.port, `http://app.example:${site.port}/`))
      const served = yield* Effect.promise(() => viaProxy(b.bound.proxy.port, `http://app.example:${site.port}/`))
      assert.strictEqual(denied.status, 503)
      assert.strictEqual(served.status, 200)
      assert.isFalse(yield* b.killSwitch.isActive)
      assert.match((yield* Effect.promise(() => request(`${a.bound.proxy.url}/metrics`))).body, /pipelock_kill_switch_active\{source="api"\} 1/)
      assert.match((yield* Effect.promise(() => request(`${b.bound.proxy.url}/metrics`))).body, /pipelock_kill_switch_active\{source="api"\} 0/)
    }))

  it.live("no signal handler is installed unless asked (the CLI asks)", () =>
    Effect.gen(function* () {
      const before = { usr1: process.listenerCount("SIGUSR1"), hup: process.listenerCount("SIGHUP") }
      yield* Layer.build(Pipelock.run(setupOf()))
      assert.deepStrictEqual({ usr1: process.listenerCount("SIGUSR1"), hup: process.listenerCount("SIGHUP") }, before)
      yield* Layer.build(Pipelock.run({ ...setupOf(), signals: true }))
      assert.strictEqual(process.listenerCount("SIGUSR1"), before.usr1 + 1)
      assert.strictEqual(process.listenerCount("SIGHUP"), before.hup + 1)
    }))

  describe("any service is replaced by providing a layer", () => {
    const bound = (graph: Layer.Layer<BoundAddresses, unknown>) => Effect.map(Layer.build(graph), (c) => Context.get(c, BoundAddresses))

    it.live("KillSwitch", () =>
      Effect.gen(function* () {
        const site = yield* origin
        const b = yield* bound(Pipelock.run(setupOf({ PIPELOCK__trusted_domains: '["app.example"]' }), ResolverLayer.layerStatic({ "app.example": ["127.0.0.1"] })).pipe(
          Layer.provide(KillSwitchLayer.layerTest(true))
        ))
        const r = yield* Effect.promise(() => viaProxy(b.proxy.port, `http://app.example:${site.port}/`))
        assert.strictEqual(r.status, 503)
        assert.strictEqual(JSON.parse(r.body).error, "kill_switch_active")
      }))

    it.live("Inspector", () =>
      Effect.gen(function* () {
        const site = yield* origin
        // The real Inspector refuses a loopback address (SSRF); the fake one, given this map, lets it through.
        const graph = Pipelock.run(setupOf()).pipe(Layer.provide(InspectorFake.layer({ hosts: { "fake.example": ["127.0.0.1"] } })))
        const b = yield* bound(graph)
        const r = yield* Effect.promise(() => viaProxy(b.proxy.port, `http://fake.example:${site.port}/`))
        assert.strictEqual(r.status, 200)
        const unreplaced = yield* bound(Pipelock.run(setupOf(), ResolverLayer.layerStatic({ "fake.example": ["127.0.0.1"] })))
        assert.strictEqual((yield* Effect.promise(() => viaProxy(unreplaced.proxy.port, `http://fake.example:${site.port}/`))).status, 403)
      }))

    it.live("SessionStore", () =>
      Effect.gen(function* () {
        const b = yield* bound(Pipelock.run(setupOf()).pipe(Layer.provide(SessionStoreLayer.layerUnavailable("test store down"))))
        const health = json(yield* Effect.promise(() => request(`${b.proxy.url}/health`)))
        assert.strictEqual(health.status, "degraded")
        assert.deepInclude(health.session_store, { available: false, reason: "test store down" })
      }))

    it.live("Resolver", () =>
      Effect.gen(function* () {
        const site = yield* origin
        // `swapped.example` exists only in the provided resolver (the system DNS would not find it).
        const graph = Pipelock.run(setupOf({ PIPELOCK__trusted_domains: '["swapped.example"]' })).pipe(
          Layer.provide(ResolverLayer.layerStatic({ "swapped.example": ["127.0.0.1"] }))
        )
        const b = yield* bound(graph)
        const r = yield* Effect.promise(() => viaProxy(b.proxy.port, `http://swapped.example:${site.port}/`))
        assert.strictEqual(r.status, 200)
        assert.strictEqual(r.body, "hello ")
      }))

    it.live("the upstream HTTP client (forward proxy and MCP proxy)", () =>
      Effect.gen(function* () {
        const site = yield* origin
        const seen: string[] = []
        const mcpServer = yield* Effect.acquireRelease(
          Effect.promise(() => startHttp((req, res) => {
            req.resume()
            req.on("end", () => {
              seen.push(`mcp ${String(req.headers["x-routed-by"])}`)
              res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: {} }))
            })
          })),
          (s) => Effect.promise(() => s.close())
        )
        // A client that records every hop and marks it, then sends it with the production client.
        const production = UpstreamClientLayer.make()
        const recording = Layer.succeed(UpstreamClient, UpstreamClient.of({
          request: (r) => {
            seen.push(`${r.method} ${r.url.host}`)
            return production.request({ ...r, headers: { ...r.headers, "x-routed-by": "test-client" } })
          }
        }))
        const graph = Pipelock.run(setupOf({ PIPELOCK__trusted_domains: '["app.example"]' }, `http://127.0.0.1:${mcpServer.port}/mcp`), ResolverLayer.layerStatic({ "app.example": ["127.0.0.1"] })).pipe(
          Layer.provide(recording)
        )
        const b = yield* bound(graph)
        const r = yield* Effect.promise(() => viaProxy(b.proxy.port, `http://app.example:${site.port}/`))
        assert.strictEqual(r.status, 200)
        assert.strictEqual(r.body, "hello test-client")
        const rpc = yield* Effect.promise(() => request(`${b.mcp!.url}/`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" })
        }))
        assert.strictEqual(rpc.status, 200)
        assert.include(seen, `GET app.example:${site.port}`)
        assert.include(seen, `POST 127.0.0.1:${mcpServer.port}`)
        assert.include(seen, "mcp test-client")
      }))
  })

  describe("interruption", () => {
    /** An upstream that never answers, and tells when a request reached it and when that request was closed. */
    const slowUpstream = Effect.acquireRelease(
      Effect.promise(async () => {
        let onArrived = () => {}
        let onClosed = () => {}
        const arrived = new Promise<void>((r) => (onArrived = r))
        const closed = new Promise<void>((r) => (onClosed = r))
        const server = await startHttp((req) => {
          req.resume()
          onArrived()
          req.socket.on("close", () => onClosed())
        })
        return { ...server, arrived, closed }
      }),
      (s) => Effect.promise(() => s.close())
    )

    /** Launches the graph in a fiber (as a host app would), and waits for its bound addresses. */
    const launch = (setup: Pipelock.RunSetup, resolver?: Layer.Layer<Resolver>) =>
      Effect.gen(function* () {
        const ready = yield* Deferred.make<BoundAddresses["Service"]>()
        const app = Layer.effectDiscard(Effect.flatMap(Effect.service(BoundAddresses), (b) => Deferred.succeed(ready, b))).pipe(
          Layer.provide(Pipelock.run(setup, resolver))
        )
        const fiber = yield* Effect.forkChild(Layer.launch(app))
        return { fiber, bound: yield* Deferred.await(ready) }
      })

    /** Sends a request and reports how it ended: an answer, or the connection closed under it. */
    const send = (url: string, options: http.RequestOptions, body?: string) =>
      new Promise<string>((resolve) => {
        const req = http.request(url, { ...options, agent: false }, (res) => {
          res.resume()
          res.on("end", () => resolve(`status ${res.statusCode}`))
          res.on("error", () => resolve("closed"))
        })
        req.on("error", () => resolve("closed"))
        req.end(body)
      })

    it.live("an MCP POST waiting on a slow upstream: the upstream request is aborted and the client's socket closed", () =>
      Effect.gen(function* () {
        const upstream = yield* slowUpstream
        const { fiber, bound } = yield* launch(setupOf({}, `http://127.0.0.1:${upstream.port}/mcp`, 0))
        const client = send(`${bound.mcp!.url}/`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }
        }, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }))
        yield* Effect.promise(() => upstream.arrived)
        yield* Fiber.interrupt(fiber)
        yield* Effect.promise(() => upstream.closed)
        assert.strictEqual(yield* Effect.promise(() => client), "closed")
      }))

    it.live("a proxied GET waiting on a slow origin: the origin request is aborted and the client's socket closed", () =>
      Effect.gen(function* () {
        const upstream = yield* slowUpstream
        const { fiber, bound } = yield* launch(
          setupOf({ PIPELOCK__trusted_domains: '["slow.example"]' }, undefined, 0),
          ResolverLayer.layerStatic({ "slow.example": ["127.0.0.1"] })
        )
        const client = send(`${bound.proxy.url}/`, { method: "GET", path: `http://slow.example:${upstream.port}/` })
        yield* Effect.promise(() => upstream.arrived)
        yield* Fiber.interrupt(fiber)
        yield* Effect.promise(() => upstream.closed)
        assert.strictEqual(yield* Effect.promise(() => client), "closed")
      }))
  })
})
