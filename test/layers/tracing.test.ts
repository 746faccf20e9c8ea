/**
 * Tracing end to end: the graph `pipelock run` launches, with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a
 * loopback OTLP/HTTP receiver, exports a server span per proxied request carrying the verdict, parent of
 * the scan spans the request ran.
 */
import * as http from "node:http"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as Pipelock from "../../src/layers/Pipelock.ts"
import * as ResolverLayer from "../../src/layers/Resolver.ts"
import { startAppMcp } from "../support/appMcp.ts"
import { freePort, startHttp } from "../support/fixtures.ts"
import { eventually } from "../support/http.ts"

interface Span {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId?: string
  readonly name: string
  readonly kind: number
  readonly attributes: ReadonlyArray<{ key: string; value: { stringValue?: string; intValue?: string | number; boolValue?: boolean } }>
}

const attr = (s: Span, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value
  return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : v?.boolValue)
}

describe("tracing through `pipelock run`'s graph", () => {
  it.live("a span per proxied request with the verdict, parent of its scan spans", () =>
    Effect.gen(function* () {
      const spans: Span[] = []
      const receiver = yield* Effect.acquireRelease(
        Effect.promise(() => startHttp((req, res) => {
          const chunks: Buffer[] = []
          req.on("data", (c: Buffer) => chunks.push(c))
          req.on("end", () => {
            if (req.url === "/v1/traces") {
              const body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
              for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans)
            }
            res.writeHead(200, { "content-type": "application/json" }).end("{}")
          })
        })),
        (s) => Effect.promise(() => s.close())
      )
      const origin = yield* Effect.acquireRelease(
        Effect.promise(() => startHttp((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("hello"))),
        (s) => Effect.promise(() => s.close())
      )
      const app = yield* Effect.acquireRelease(Effect.promise(() => startAppMcp()), (s) => Effect.promise(() => s.close()))
      const port = yield* Effect.promise(freePort)
      const mcpPort = yield* Effect.promise(freePort)
      const env = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}` }
      const loaded = loadOrThrow({
        env: { PIPELOCK__logging__output: "stderr", PIPELOCK__logging__level: "error", PIPELOCK__trusted_domains: '["app.example"]' },
        flags: { listen: `127.0.0.1:${port}`, mcpListen: `127.0.0.1:${mcpPort}`, mcpUpstream: app.url }
      })
      yield* Effect.scoped(Effect.gen(function* () {
        yield* Layer.build(Pipelock.run({ loaded, env, flags: {}, watch: false }, ResolverLayer.layerStatic({ "app.example": ["127.0.0.1"] })))
        const target = `http://app.example:${origin.port}/`
        const ok = yield* Effect.promise(() => viaProxy(port, target))
        assert.strictEqual(ok, 200)
        const blocked = yield* Effect.promise(() => viaProxy(port, `${target}?k=AKIAIOSFODNN7EXAMPLE`))
        assert.strictEqual(blocked, 403)
        const rpc = yield* Effect.promise(() => postJson(mcpPort, { jsonrpc: "2.0", id: 1, method: "tools/list" }))
        assert.strictEqual(rpc, 200)
      }))
      // Closing the graph shuts the SDK down, which flushes the batch processor.
      yield* Effect.promise(() => eventually(() => spans.filter((s) => s.name === "ForwardProxy.request").length >= 2, 5000))

      const requests = spans.filter((s) => s.name === "ForwardProxy.request")
      const block = requests.find((s) => attr(s, "pipelock.action") === "block")!
      const allow = requests.find((s) => attr(s, "pipelock.action") === "allow")!
      assert.isDefined(block)
      assert.isDefined(allow)
      assert.strictEqual(attr(block, "pipelock.rule"), "AWS Access ID")
      assert.strictEqual(attr(block, "pipelock.scanner"), "dlp")
      assert.strictEqual(attr(block, "http.response.status_code"), 403)
      assert.strictEqual(attr(block, "pipelock.target"), `http://app.example:${origin.port}/[redacted]`) // a content finding redacts the URL: no secret on the span
      assert.strictEqual(attr(allow, "http.response.status_code"), 200)
      assert.strictEqual(block.kind, 2) // SERVER
      const child = spans.find((s) => s.name === "Inspector.checkUrl" && s.parentSpanId === block.spanId)
      assert.isDefined(child, "the URL scan is a child of the request span")
      assert.strictEqual(child!.traceId, block.traceId)
      assert.strictEqual(attr(child!, "pipelock.action"), "block")
      assert.isFalse(JSON.stringify(spans).includes("AKIAIOSFODNN7EXAMPLE"), "no span carries the secret")
      const mcp = spans.find((s) => s.name === "McpProxy.request")
      assert.isDefined(mcp)
      const judged = spans.find((s) => s.name === "Inspector.inspectMcpResponse" && s.parentSpanId === mcp!.spanId)
      assert.isDefined(judged, "the MCP answer's scan is a child of the MCP request span")
      assert.strictEqual(attr(judged!, "pipelock.action"), "allow")
    }))
})

const postJson = (port: number, body: unknown) =>
  new Promise<number>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/", agent: false, headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: "Bearer app-token" } }, (res) => {
      res.resume()
      res.on("end", () => resolve(res.statusCode ?? 0))
    })
    req.on("error", reject)
    req.end(JSON.stringify(body))
  })

const viaProxy = (port: number, url: string) =>
  new Promise<number>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "GET", path: url, agent: false }, (res) => {
      res.resume()
      res.on("end", () => resolve(res.statusCode ?? 0))
    })
    req.on("error", reject)
    req.end()
  })
