/**
 * A user-written scanner, added by a Layer to the graph `pipelock run` launches (`Pipelock.run` with
 * `scanners`), judges real traffic on loopback: through the forward proxy (a request body, a response) and
 * the MCP listener (a tool result), with real HTTP clients. Its findings block like a built-in's, are
 * counted in /metrics under its name, and a scanner that fails blocks (fail closed).
 */
import * as http from "node:http"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as Pipelock from "../../src/layers/Pipelock.ts"
import * as ResolverLayer from "../../src/layers/Resolver.ts"
import * as Scanner from "../../src/layers/Scanner.ts"
import * as ConfigStoreLayer from "../../src/layers/ConfigStore.ts"
import * as InspectorLayer from "../../src/layers/Inspector.ts"
import * as SessionStoreLayer from "../../src/layers/SessionStore.ts"
import { ConfigStore } from "../../src/services/ConfigStore.ts"
import { Inspector } from "../../src/services/Inspector.ts"
import { type Scanner as ScannerShape, ScannerError } from "../../src/services/Scanner.ts"
import { startAppMcp } from "../support/appMcp.ts"
import { freePort, startHttp } from "../support/fixtures.ts"

/** An in-house rule: documents carrying the company's confidentiality marker must not cross the proxy. */
const MARKER = "ACME-CONFIDENTIAL"
const confidential: ScannerShape = {
  name: "acme_marker",
  surfaces: ["request_body", "response_text", "mcp_result"],
  scan: (subject) => Effect.succeed(subject.text.includes(MARKER)
    ? [{ scanner: "acme_marker", rule: "acme_confidential", severity: "high", location: subject.location, evidence: MARKER, message: `a document marked ${MARKER}` }]
    : [])
}

/** A scanner built from a service of the graph (the config in force), failing on one URL path: fail closed. */
const fragile = Scanner.layerEffect(Effect.gen(function* () {
  const store = yield* ConfigStore
  return {
    name: "fragile",
    surfaces: ["url"],
    scan: (subject) => Effect.gen(function* () {
      const mode = (yield* store.current).mode
      if (subject.text.includes("/explode")) return yield* new ScannerError({ scanner: "fragile", message: `cannot judge this URL in ${mode} mode` })
      return []
    })
  } satisfies ScannerShape
}))

interface Reply { readonly status: number; readonly body: string }

const send = (options: http.RequestOptions, body?: string) =>
  Effect.promise(() => new Promise<Reply>((resolve, reject) => {
    const req = http.request({ agent: false, ...options }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }))
    })
    req.on("error", reject)
    req.end(body)
  }))

describe("a user scanner layer in `pipelock run`'s graph", () => {
  it.live("judges forward-proxy and MCP traffic like a built-in", () =>
    Effect.gen(function* () {
      const received: string[] = []
      const origin = yield* Effect.acquireRelease(
        Effect.promise(() => startHttp((req, res) => {
          const chunks: Buffer[] = []
          req.on("data", (c: Buffer) => chunks.push(c))
          req.on("end", () => {
            received.push(Buffer.concat(chunks).toString("utf8"))
            const text = req.url === "/memo" ? `Q3 plan. ${MARKER}. Do not share.` : "hello"
            res.writeHead(200, { "content-type": "text/plain", "content-length": String(Buffer.byteLength(text)) }).end(text)
          })
        })),
        (s) => Effect.promise(() => s.close())
      )
      const app = yield* Effect.acquireRelease(
        Effect.promise(() => startAppMcp("app-token", [
          { name: "get_memo", description: "Fetch the latest memo.", inputSchema: { type: "object", properties: {} }, result: () => ({ memo: `Board notes ${MARKER}` }) },
          { name: "get_accounts", description: "List the user's accounts.", inputSchema: { type: "object", properties: {} }, result: () => ({ accounts: [] }) }
        ])),
        (s) => Effect.promise(() => s.close())
      )
      const port = yield* Effect.promise(freePort)
      const mcpPort = yield* Effect.promise(freePort)
      const loaded = loadOrThrow({
        env: {
          PIPELOCK__logging__output: "stderr", PIPELOCK__logging__level: "error", PIPELOCK__logging__include_allowed: "false",
          PIPELOCK__logging__include_blocked: "false", PIPELOCK__trusted_domains: '["app.example"]'
        },
        flags: { listen: `127.0.0.1:${port}`, mcpListen: `127.0.0.1:${mcpPort}`, mcpUpstream: app.url }
      })
      const scanners = Layer.mergeAll(Scanner.layer(confidential), fragile)
      yield* Layer.build(Pipelock.run({ loaded, env: {}, flags: {}, watch: false, scanners }, ResolverLayer.layerStatic({ "app.example": ["127.0.0.1"] })))

      const target = `http://app.example:${origin.port}`
      const proxied = (path: string, method = "GET", body?: string) =>
        send({ host: "127.0.0.1", port, method, path: `${target}${path}`, headers: body === undefined ? {} : { "content-type": "text/plain" } }, body)

      // Forward proxy: a clean exchange passes; a marked response and a marked request body are blocked.
      assert.strictEqual((yield* proxied("/")).status, 200)
      const memo = yield* proxied("/memo")
      assert.strictEqual(memo.status, 403)
      assert.include(memo.body, "acme_confidential")
      assert.notInclude(memo.body, "Do not share")
      const before = received.length
      const upload = yield* proxied("/upload", "POST", `minutes ${MARKER}`)
      assert.strictEqual(upload.status, 403)
      assert.strictEqual(received.length, before, "the marked body never reached the origin")
      assert.strictEqual((yield* proxied("/upload", "POST", "ordinary minutes")).status, 200)

      // A scanner that fails blocks the request (fail closed) with its name in the finding.
      const exploded = yield* proxied("/explode")
      assert.strictEqual(exploded.status, 403)
      assert.include(exploded.body, "scanner_error")

      // MCP listener: the marked tool result is replaced by a JSON-RPC error; the clean one passes.
      const rpc = (body: unknown) => send({
        host: "127.0.0.1", port: mcpPort, method: "POST", path: "/",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: "Bearer app-token" }
      }, JSON.stringify(body))
      assert.strictEqual((yield* rpc({ jsonrpc: "2.0", id: 1, method: "tools/list" })).status, 200)
      const blocked = JSON.parse((yield* rpc({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "get_memo", arguments: {} } })).body)
      assert.strictEqual(blocked.error?.code, -32001)
      assert.include(JSON.stringify(blocked), "acme_confidential")
      assert.notInclude(JSON.stringify(blocked), "Board notes")
      const clean = JSON.parse((yield* rpc({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "get_accounts", arguments: {} } })).body)
      assert.isDefined(clean.result)

      // Counted like a built-in: findings by scanner and rule, scan time by scanner.
      const metrics = (yield* send({ host: "127.0.0.1", port, method: "GET", path: "/metrics" })).body
      assert.match(metrics, /pipelock_scanner_hits_total\{[^}]*scanner="acme_marker"/)
      assert.match(metrics, /pipelock_scan_duration_seconds_count\{[^}]*scanner="acme_marker"/)
    }))
})

describe("registered scanners on WebSocket messages", () => {
  const shouting: ScannerShape = {
    name: "shouting",
    surfaces: ["ws_frame"],
    scan: (subject) => Effect.sync(() => /[A-Z]{20}/.test(subject.text)
      ? [{ scanner: "shouting", rule: "all_caps", severity: "medium", location: subject.location, evidence: "", message: "a long run of capitals" }]
      : [])
  }
  const waiting: ScannerShape = { name: "waiting", surfaces: ["ws_frame"], scan: () => Effect.as(Effect.sleep("1 millis"), []) }
  const inspector = (scanner: ScannerShape, mode = "balanced") => InspectorLayer.layer.pipe(Layer.provideMerge(Layer.mergeAll(
    Scanner.layer(scanner).pipe(Layer.provideMerge(Scanner.registry)),
    ConfigStoreLayer.layerTest(loadOrThrow({ file: { path: "t.yaml", text: `mode: ${mode}\n` } })),
    ResolverLayer.layer,
    SessionStoreLayer.layerTest()
  )))
  const ctx = { requestId: "ws-1", listener: "websocket" as const, url: "ws://chat.example/socket" }

  it.effect("a synchronous scanner judges each message, both ways, under the mode", () =>
    Effect.gen(function* () {
      const i = yield* Inspector
      assert.strictEqual((yield* i.inspectWsMessage("hello there", "server", ctx)).action, "allow")
      const warned = yield* i.inspectWsMessage("URGENT: READTHISRIGHTNOWPLEASE", "server", ctx)
      assert.strictEqual(warned.action, "warn")
      assert.strictEqual(warned.decisive?.scanner, "shouting")
      assert.strictEqual(warned.decisive?.location, "ws.server")
      assert.strictEqual((yield* i.inspectWsMessage("URGENT: READTHISRIGHTNOWPLEASE", "client", ctx)).decisive?.location, "ws.client")
    }).pipe(Effect.provide(inspector(shouting))))

  it.effect("in strict mode the same finding blocks", () =>
    Effect.gen(function* () {
      assert.strictEqual((yield* (yield* Inspector).inspectWsMessage("URGENT: READTHISRIGHTNOWPLEASE", "server", ctx)).action, "block")
    }).pipe(Effect.provide(inspector(shouting, "strict"))))

  it.effect("a scanner that waits cannot judge a WebSocket message: the message is blocked (fail closed)", () =>
    Effect.gen(function* () {
      const v = yield* (yield* Inspector).inspectWsMessage("hello there", "server", ctx)
      assert.strictEqual(v.action, "block")
      assert.strictEqual(v.decisive?.scanner, "waiting")
      assert.strictEqual(v.decisive?.rule, "scanner_error")
    }).pipe(Effect.provide(inspector(waiting))))
})
