/**
 * W3C trace context end to end, against a loopback OTLP/HTTP receiver: a request carrying the agent's
 * `traceparent` yields Pipelock's spans in the agent's trace (the request span's parent is the agent's span),
 * and the upstream receives a `traceparent` whose parent is Pipelock's client span for the hop — through the
 * real forward proxy and the real MCP proxy built by `pipelock run`'s graph. Also checks the HTTP semantic
 * conventions on the spans, findings as events (never evidence), status per HTTP rules, the span of a streamed
 * response scan and of a kill-switch denial, and trace ids on the JSON log lines.
 */
import { mkdtempSync, readFileSync } from "node:fs"
import * as http from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer, Logger, References, Tracer } from "effect"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as Pipelock from "../../src/layers/Pipelock.ts"
import * as ResolverLayer from "../../src/layers/Resolver.ts"
import { KillSwitch } from "../../src/services/KillSwitch.ts"
import { freePort, startHttp } from "../support/fixtures.ts"
import { eventually } from "../support/http.ts"

type Value = { stringValue?: string; intValue?: string | number; boolValue?: boolean }
interface Span {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId?: string
  readonly name: string
  readonly kind: number
  readonly attributes: ReadonlyArray<{ key: string; value: Value }>
  readonly events?: ReadonlyArray<{ name: string; attributes?: ReadonlyArray<{ key: string; value: Value }> }>
  readonly status?: { code?: number; message?: string }
}

const valueOf = (v: Value | undefined) => v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : v?.boolValue)
const attr = (s: { attributes?: ReadonlyArray<{ key: string; value: Value }> }, key: string) => valueOf(s.attributes?.find((a) => a.key === key)?.value)

const AGENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
const AGENT_SPAN = "00f067aa0ba902b7"
const AGENT_PARENT = `00-${AGENT_TRACE}-${AGENT_SPAN}-01`
const SERVER = 2
const CLIENT = 3
const STATUS_ERROR = 2

/** A loopback OTLP/HTTP receiver keeping every span and metric it is sent (the exporters post OTLP JSON). */
const otlpReceiver = Effect.acquireRelease(
  Effect.promise(async () => {
    const spans: Span[] = []
    const metrics: Array<{ name: string }> = []
    const server = await startHttp((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        if (req.url === "/v1/traces") {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
          for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans)
        }
        if (req.url === "/v1/metrics") {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
          for (const rm of body.resourceMetrics ?? []) for (const sm of rm.scopeMetrics ?? []) metrics.push(...sm.metrics)
        }
        res.writeHead(200, { "content-type": "application/json" }).end("{}")
      })
    })
    return { spans, metrics, port: server.port, close: server.close }
  }),
  (r) => Effect.promise(() => r.close())
)

/** A loopback origin that records the `traceparent` of every request, answering by path. */
const origin = Effect.acquireRelease(
  Effect.promise(async () => {
    const seen: Array<{ path: string; traceparent: string | undefined }> = []
    const server = await startHttp((req, res) => {
      seen.push({ path: req.url ?? "", traceparent: req.headers.traceparent as string | undefined })
      if (req.url === "/fail") return res.writeHead(500, { "content-type": "text/plain" }).end("broken")
      if (req.url === "/stream") {
        res.writeHead(200, { "content-type": "text/event-stream" })
        res.write("data: {\"text\":\"hello\"}\n\n")
        return setTimeout(() => res.end("data: {\"text\":\"world\"}\n\n"), 20)
      }
      if (req.method === "POST") {
        // An MCP upstream answering plain JSON.
        const chunks: Buffer[] = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", () => {
          const rpc = JSON.parse(Buffer.concat(chunks).toString("utf8"))
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: rpc.id, result: { tools: [] } }))
        })
        return
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("hello")
    })
    return { seen, port: server.port, close: server.close }
  }),
  (r) => Effect.promise(() => r.close())
)

const send = (port: number, method: string, path: string, headers: Record<string, string>, body?: string) =>
  new Promise<number>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, agent: false, headers }, (res) => {
      res.resume()
      res.on("end", () => resolve(res.statusCode ?? 0))
    })
    req.on("error", reject)
    req.end(body)
  })

describe("W3C trace context through `pipelock run`'s graph, exported to a loopback OTLP receiver", () => {
  it.live("continues the agent's trace and injects the client span's context upstream", () =>
    Effect.gen(function* () {
      const receiver = yield* otlpReceiver
      const upstream = yield* origin
      const port = yield* Effect.promise(freePort)
      const mcpPort = yield* Effect.promise(freePort)
      const logFile = join(mkdtempSync(join(tmpdir(), "pipelock-trace-")), "pipelock.log")
      const env = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`, OTEL_METRIC_EXPORT_INTERVAL: "600000" }
      const loaded = loadOrThrow({
        env: { PIPELOCK__logging__output: logFile, PIPELOCK__trusted_domains: '["app.example"]' },
        flags: { listen: `127.0.0.1:${port}`, mcpListen: `127.0.0.1:${mcpPort}`, mcpUpstream: `http://127.0.0.1:${upstream.port}/mcp` }
      })
      const target = `http://app.example:${upstream.port}`
      const agent = { traceparent: AGENT_PARENT, "user-agent": "agent-test/1.0" }
      yield* Effect.scoped(Effect.gen(function* () {
        const services = yield* Layer.build(Pipelock.run({ loaded, env, flags: {}, watch: false }, ResolverLayer.layerStatic({ "app.example": ["127.0.0.1"] })))
        assert.strictEqual(yield* Effect.promise(() => send(port, "GET", `${target}/ok`, agent)), 200)
        assert.strictEqual(yield* Effect.promise(() => send(port, "GET", `${target}/ok?k=AKIAIOSFODNN7EXAMPLE`, agent)), 403)
        assert.strictEqual(yield* Effect.promise(() => send(port, "GET", `${target}/fail`, agent)), 500)
        assert.strictEqual(yield* Effect.promise(() => send(port, "GET", `${target}/stream`, agent)), 200)
        const rpc = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" })
        assert.strictEqual(yield* Effect.promise(() => send(mcpPort, "POST", "/", { ...agent, "content-type": "application/json", accept: "application/json, text/event-stream" }, rpc)), 200)
        yield* Context.get(services, KillSwitch).set(true, "api")
        assert.strictEqual(yield* Effect.promise(() => send(port, "GET", `${target}/ok`, agent)), 503)
      }))
      // Closing the graph shuts the SDK down, which flushes the batch processor.
      yield* Effect.promise(() => eventually(() => receiver.spans.some((s) => s.name === "McpProxy.request") && receiver.spans.filter((s) => s.name === "ForwardProxy.request").length >= 4, 5000))
      const spans = receiver.spans
      const requests = spans.filter((s) => s.name === "ForwardProxy.request")

      // The allowed request: a server span in the agent's trace, its parent the agent's span.
      const ok = requests.find((s) => attr(s, "url.full") === `${target}/ok`)!
      assert.isDefined(ok)
      assert.strictEqual(ok.traceId, AGENT_TRACE)
      assert.strictEqual(ok.parentSpanId, AGENT_SPAN)
      assert.strictEqual(ok.kind, SERVER)
      assert.strictEqual(attr(ok, "http.request.method"), "GET")
      assert.strictEqual(attr(ok, "server.address"), "app.example")
      assert.strictEqual(attr(ok, "server.port"), upstream.port)
      assert.strictEqual(attr(ok, "client.address"), "127.0.0.1")
      assert.strictEqual(attr(ok, "user_agent.original"), "agent-test/1.0")
      assert.strictEqual(attr(ok, "http.response.status_code"), 200)
      assert.strictEqual(attr(ok, "pipelock.mode"), "balanced")
      assert.strictEqual(attr(ok, "pipelock.action"), "allow")
      assert.notStrictEqual(ok.status?.code, STATUS_ERROR)

      // The upstream hop: a client span under the request span; the origin got ITS context, not the agent's.
      const hop = spans.find((s) => s.kind === CLIENT && s.parentSpanId === ok.spanId)!
      assert.isDefined(hop, "a client span for the upstream hop")
      assert.strictEqual(hop.traceId, AGENT_TRACE)
      assert.strictEqual(attr(hop, "http.request.method"), "GET")
      assert.strictEqual(attr(hop, "url.full"), `${target}/ok`)
      assert.strictEqual(attr(hop, "http.response.status_code"), 200)
      const got = upstream.seen.find((r) => r.path === "/ok")!
      assert.strictEqual(got.traceparent, `00-${AGENT_TRACE}-${hop.spanId}-01`)
      assert.notInclude(got.traceparent!, AGENT_SPAN)

      // A block: 403 is not an error status; the block is marked by pipelock.action; every finding is an event.
      const block = requests.find((s) => attr(s, "pipelock.action") === "block")!
      assert.isDefined(block)
      assert.strictEqual(attr(block, "http.response.status_code"), 403)
      assert.notStrictEqual(block.status?.code, STATUS_ERROR)
      assert.strictEqual(attr(block, "url.full"), `http://app.example:${upstream.port}/[redacted]`)
      const findings = (block.events ?? []).filter((e) => e.name === "pipelock.finding")
      assert.isAtLeast(findings.length, 1)
      for (const e of findings) {
        assert.strictEqual(attr(e, "pipelock.rule"), "AWS Access ID")
        assert.strictEqual(attr(e, "pipelock.scanner"), "dlp")
        assert.strictEqual(attr(e, "pipelock.severity"), "critical")
      }
      assert.isFalse(upstream.seen.some((r) => r.path.includes("AKIA")), "the blocked request never reached the origin")
      assert.isFalse(JSON.stringify(spans).includes("AKIAIOSFODNN7EXAMPLE"), "no span carries the secret")
      assert.isFalse(JSON.stringify(spans).includes("AKIA…"), "no span carries evidence")

      // An origin 500: the server span is an error (HTTP conventions), with error.type; so is the client span.
      const fail = requests.find((s) => attr(s, "url.full") === `${target}/fail`)!
      assert.strictEqual(fail.status?.code, STATUS_ERROR)
      assert.strictEqual(attr(fail, "error.type"), "500")
      const failHop = spans.find((s) => s.kind === CLIENT && s.parentSpanId === fail.spanId)!
      assert.strictEqual(failHop.status?.code, STATUS_ERROR)

      // A streamed response: its scan has a span under the request span.
      const stream = requests.find((s) => attr(s, "url.full") === `${target}/stream`)!
      const scan = spans.find((s) => s.name === "Inspector.responseStream" && s.parentSpanId === stream.spanId)
      assert.isDefined(scan, "a span for the streamed-response scan")
      assert.strictEqual(attr(scan!, "pipelock.action"), "allow")

      // The kill-switch denial: a server span in the agent's trace, 503 → error, marked as a block.
      const denial = spans.find((s) => s.name === "ForwardProxy.killSwitchDeny")!
      assert.isDefined(denial, "a span for the kill-switch denial")
      assert.strictEqual(denial.parentSpanId, AGENT_SPAN)
      assert.strictEqual(attr(denial, "http.response.status_code"), 503)
      assert.strictEqual(attr(denial, "pipelock.action"), "block")
      assert.strictEqual(denial.status?.code, STATUS_ERROR)
      assert.isTrue((denial.events ?? []).some((e) => e.name === "pipelock.finding" && attr(e, "pipelock.rule") === "kill_switch"))

      // The MCP proxy: the same continuation and injection.
      const mcp = spans.find((s) => s.name === "McpProxy.request")!
      assert.strictEqual(mcp.traceId, AGENT_TRACE)
      assert.strictEqual(mcp.parentSpanId, AGENT_SPAN)
      assert.strictEqual(attr(mcp, "pipelock.mode"), "balanced")
      assert.strictEqual(attr(mcp, "http.response.status_code"), 200)
      const mcpHop = spans.find((s) => s.kind === CLIENT && s.parentSpanId === mcp.spanId)!
      assert.isDefined(mcpHop, "a client span for the MCP upstream hop")
      assert.strictEqual(upstream.seen.find((r) => r.path === "/mcp")?.traceparent, `00-${AGENT_TRACE}-${mcpHop.spanId}-01`)

      // OTLP metrics beside /metrics: the same instruments, pushed (here by the final flush at shutdown).
      yield* Effect.promise(() => eventually(() => receiver.metrics.length > 0, 5000))
      const names = new Set(receiver.metrics.map((m) => m.name))
      assert.isTrue(names.has("pipelock_requests_total"), [...names].join(", "))
      assert.isTrue(names.has("pipelock_request_duration_seconds"))

      // The JSON log lines: the same fields as ever, plus the request span's ids.
      const lines = readFileSync(logFile, "utf8").trim().split("\n").map((l) => JSON.parse(l))
      const allowed = lines.find((l) => l.event === "allowed" && l.listener === "forward" && String(l.target).endsWith("/ok"))
      assert.isDefined(allowed)
      assert.strictEqual(allowed.trace_id, AGENT_TRACE)
      assert.strictEqual(allowed.span_id, ok.spanId)
      assert.strictEqual(allowed.component, "pipelock")
      assert.strictEqual(allowed.status, 200)
    }), 30_000)
})

describe("inside a host app", () => {
  it.live("Pipelock's spans go to the host's tracer (no second provider) and its lines to the host's Logger", () =>
    Effect.gen(function* () {
      const receiver = yield* otlpReceiver
      const upstream = yield* origin
      const port = yield* Effect.promise(freePort)
      const { InMemorySpanExporter, SimpleSpanProcessor } = yield* Effect.promise(() => import("@opentelemetry/sdk-trace-base"))
      const NodeSdk = yield* Effect.promise(() => import("@effect/opentelemetry/NodeSdk"))
      const exporter = new InMemorySpanExporter()
      const hostTracing = NodeSdk.layer(() => ({ resource: { serviceName: "host-app" }, spanProcessor: new SimpleSpanProcessor(exporter) }))
      const events: Array<{ message: unknown; level: string; annotations: Record<string, unknown>; traceId?: string | undefined }> = []
      const hostLogger = Logger.make(({ fiber, logLevel, message }) => {
        events.push({
          message, level: logLevel,
          annotations: { ...fiber.getRef(References.CurrentLogAnnotations) },
          traceId: Context.getOrUndefined(fiber.context, Tracer.ParentSpan)?.traceId
        })
      })
      // OTEL_* set as well: with a host tracer present Pipelock must not install its own provider.
      const env = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}` }
      const loaded = loadOrThrow({ env: { PIPELOCK__trusted_domains: '["app.example"]' }, flags: { listen: `127.0.0.1:${port}` } })
      const target = `http://app.example:${upstream.port}`
      let finished: ReadonlyArray<{ name: string; spanContext: () => { traceId: string; spanId: string }; parentSpanContext?: { spanId: string } | undefined }> = []
      yield* Effect.scoped(Effect.gen(function* () {
        const graph = Pipelock.run({ loaded, env, flags: {}, watch: false }, ResolverLayer.layerStatic({ "app.example": ["127.0.0.1"] }))
        yield* Layer.build(graph.pipe(Layer.provide(Layer.merge(hostTracing, Logger.layer([hostLogger])))))
        assert.strictEqual(yield* Effect.promise(() => send(port, "GET", `${target}/ok`, { traceparent: AGENT_PARENT })), 200)
        yield* Effect.promise(() => eventually(() => exporter.getFinishedSpans().some((s) => s.name === "ForwardProxy.request")))
        finished = exporter.getFinishedSpans() as never
      }))
      const request = finished.find((s) => s.name === "ForwardProxy.request")!
      assert.strictEqual(request.spanContext().traceId, AGENT_TRACE)
      assert.strictEqual(request.parentSpanContext?.spanId, AGENT_SPAN)
      const hop = finished.find((s) => s.parentSpanContext?.spanId === request.spanContext().spanId && s.name === "GET")
      assert.isDefined(hop, "the client span went to the host's tracer too")
      assert.strictEqual(upstream.seen.find((r) => r.path === "/ok")?.traceparent, `00-${AGENT_TRACE}-${hop!.spanContext().spanId}-01`)
      // Nothing went to the OTLP endpoint of the environment: Pipelock installed no provider of its own.
      yield* Effect.sleep("300 millis")
      assert.strictEqual(receiver.spans.length, 0)

      const allowed = events.find((e) => Array.isArray(e.message) && e.message[0] === "allowed")
      assert.isDefined(allowed, "the verdict line reached the host's logger")
      assert.strictEqual(allowed!.level, "Info")
      assert.strictEqual(allowed!.annotations.component, "pipelock")
      assert.strictEqual(allowed!.annotations.listener, "forward")
      assert.strictEqual(allowed!.annotations.status, 200)
      assert.strictEqual(allowed!.traceId, AGENT_TRACE)
      assert.isTrue(events.some((e) => Array.isArray(e.message) && e.message[0] === "listening"), "operational lines too")
    }), 30_000)
})

describe("with tracing off", () => {
  it.live("the agent's traceparent passes to the origin unchanged and log lines are as before (no trace ids)", () =>
    Effect.gen(function* () {
      const upstream = yield* origin
      const port = yield* Effect.promise(freePort)
      const logFile = join(mkdtempSync(join(tmpdir(), "pipelock-trace-off-")), "pipelock.log")
      const loaded = loadOrThrow({ env: { PIPELOCK__logging__output: logFile, PIPELOCK__trusted_domains: '["app.example"]' }, flags: { listen: `127.0.0.1:${port}` } })
      yield* Effect.scoped(Effect.gen(function* () {
        yield* Layer.build(Pipelock.run({ loaded, env: {}, flags: {}, watch: false }, ResolverLayer.layerStatic({ "app.example": ["127.0.0.1"] })))
        assert.strictEqual(yield* Effect.promise(() => send(port, "GET", `http://app.example:${upstream.port}/ok`, { traceparent: AGENT_PARENT })), 200)
      }))
      assert.strictEqual(upstream.seen.find((r) => r.path === "/ok")?.traceparent, AGENT_PARENT)
      const allowed = readFileSync(logFile, "utf8").trim().split("\n").map((l) => JSON.parse(l)).find((l) => l.event === "allowed")
      assert.deepStrictEqual(Object.keys(allowed), [
        "time", "level", "component", "event", "listener", "request_id", "action", "mode", "direction", "method", "target", "client_ip", "status", "duration_ms"
      ])
    }), 30_000)
})
