/**
 * MCP transparency (DESIGN §7): the official conformance suite (`@modelcontextprotocol/conformance` 0.1.16, its
 * CLI, `--suite all`: the 30 active server scenarios plus the 2 pending ones, json-schema-2020-12 and
 * server-sse-polling) runs against the conformance test server (test/support/conformanceServer.ts) bare, and
 * through Pipelock's MCP listener with MCP scanning fully on, at the same time. Every scenario passes bare; through
 * Pipelock every scenario has the same checks with the same statuses and the same pass/fail/warning counts (read
 * from each scenario's checks.json; INFO checks only trace the traffic and are not compared).
 *
 * dns-rebinding-protection sends `Host: evil.example.com` and `Origin: http://evil.example.com` and expects a 4xx,
 * then the listener's own Host/Origin and expects a 2xx. Pipelock, not the server, is what such a browser reaches;
 * it sends the upstream its own Host, so the server's Host check (the SDK's default protection for a loopback
 * server) can no longer see the attack. Pipelock therefore refuses it itself, with 403 and nothing forwarded: an
 * Origin that is not loopback always, a Host that is not loopback when the listener is bound to loopback. The
 * scenario passes through Pipelock because of that rule (asserted below: the 403 is Pipelock's, and the server
 * behind it never saw the request); it is a deliberate security block that keeps the result the same.
 */
import { spawn } from "node:child_process"
import * as http from "node:http"
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js"
import { Effect } from "effect"
import { startConformanceServer } from "../../support/conformanceServer.ts"
import { eventually } from "../../support/http.ts"
import { startProxy } from "../../support/pipelock.ts"

const yaml = `
mcp_input_scanning: { enabled: true, action: block }
mcp_tool_scanning: { enabled: true, action: block, detect_drift: true }
mcp_session_binding: { enabled: true, unknown_tool_action: block, no_baseline_action: warn }
tool_chain_detection: { enabled: true, action: warn }
response_scanning: { enabled: true, action: block }
logging: { output: stderr }
`

const cli = join(process.cwd(), "node_modules/@modelcontextprotocol/conformance/dist/index.js")

interface Check {
  readonly id: string
  readonly name: string
  readonly status: "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | "SKIPPED"
  readonly errorMessage?: string
}

/** What is compared for a scenario: each check that counts (INFO lines only trace the traffic), and the totals. */
interface Summary {
  readonly checks: ReadonlyArray<string>
  readonly passed: number
  readonly failed: number
  readonly warnings: number
}

/** Runs the whole suite against `url`; resolves with each scenario's checks (from the output folder's checks.json). */
const runSuite = (url: string) =>
  Effect.acquireUseRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), "pipelock-conformance-"))),
    (dir) =>
      Effect.promise(() => new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, "server", "--url", url, "--suite", "all", "-o", dir], { stdio: ["ignore", "pipe", "pipe"] })
        let output = ""
        child.stdout.on("data", (c: Buffer) => void (output += c.toString("utf8")))
        child.stderr.on("data", (c: Buffer) => void (output += c.toString("utf8")))
        child.on("close", (code) => resolve({ code, output }))
      })).pipe(Effect.map(({ code, output }) => {
        const results = new Map<string, ReadonlyArray<Check>>()
        for (const entry of readdirSync(dir)) {
          const scenario = entry.replace(/^server-/, "").replace(/-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/, "")
          results.set(scenario, JSON.parse(readFileSync(join(dir, entry, "checks.json"), "utf8")) as Check[])
        }
        return { code, output, results }
      })),
    (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
  )

const summaryOf = (checks: ReadonlyArray<Check>): Summary => ({
  checks: checks.filter((c) => c.status !== "INFO").map((c) => `${c.id}: ${c.status}`).sort(),
  passed: checks.filter((c) => c.status === "SUCCESS").length,
  failed: checks.filter((c) => c.status === "FAILURE").length,
  warnings: checks.filter((c) => c.status === "WARNING").length
})

const failures = (results: ReadonlyMap<string, ReadonlyArray<Check>>) =>
  [...results].flatMap(([scenario, checks]) => checks.filter((c) => c.status === "FAILURE").map((c) => `${scenario}/${c.id}: ${c.errorMessage ?? ""}`))

describe("MCP conformance suite, bare and through Pipelock", () => {
  it.live("every scenario passes bare, and through Pipelock with the same checks and counts", () =>
    Effect.gen(function* () {
      // One server for the bare run, one behind Pipelock: what reached the second one came through Pipelock.
      const bareServer = yield* Effect.acquireRelease(Effect.promise(() => startConformanceServer()), (s) => Effect.promise(() => s.close()))
      const upstream = yield* Effect.acquireRelease(Effect.promise(() => startConformanceServer()), (s) => Effect.promise(() => s.close()))
      const p = yield* startProxy({ yaml, hosts: {}, mcpUpstream: upstream.url })
      const [bare, proxied] = yield* Effect.all([runSuite(bareServer.url), runSuite(`http://127.0.0.1:${p.mcpPort}/mcp`)], { concurrency: 2 })

      // (a) The suite passes against the bare server: every scenario ran and none failed.
      assert.isAtLeast(bare.results.size, 32, bare.output)
      assert.deepStrictEqual(failures(bare.results), [], bare.output)
      assert.strictEqual(bare.code, 0, bare.output)

      // (b) Through Pipelock: the same scenarios, the same checks with the same statuses, the same counts.
      assert.deepStrictEqual([...proxied.results.keys()].sort(), [...bare.results.keys()].sort())
      const table = (r: typeof bare) => Object.fromEntries([...r.results].sort(([a], [b]) => a.localeCompare(b)).map(([s, checks]) => [s, summaryOf(checks)]))
      assert.deepStrictEqual(table(proxied), table(bare), failures(proxied.results).join("\n"))
      assert.strictEqual(proxied.code, 0, proxied.output)

      // Every client has gone: the server behind Pipelock sees its streams end, as the bare server does (a GET
      // stream whose client left while Pipelock waited for the upstream's headers used to stay open for good).
      yield* Effect.promise(() => eventually(() => bareServer.open() === 0 && upstream.open() === 0, 3000))

      // The rebinding attempt was refused by Pipelock itself and never reached the server behind it.
      const rebinding = proxied.results.get("dns-rebinding-protection")!.find((c) => c.id === "localhost-host-rebinding-rejected") as Check & { details?: { statusCode?: number; body?: { error?: { code?: number; message?: string } } } }
      assert.strictEqual(rebinding.details?.statusCode, 403)
      assert.strictEqual(rebinding.details?.body?.error?.code, -32002)
      assert.match(String(rebinding.details?.body?.error?.message), /^pipelock: request refused \(DNS-rebinding protection\)/)
      assert.isTrue(upstream.seen.length > 0)
      assert.deepStrictEqual(upstream.seen.filter((r) => r.origin !== undefined && !/^http:\/\/127\.0\.0\.1:\d+$/.test(r.origin)), [])
    }), { timeout: 120_000 })

  // server-sse-polling (pending in the suite) sends protocol 2025-03-26, for which the SDK sends no priming event,
  // so it never gets to resume. The same path with the SDK client at 2025-11-25: test_reconnection closes the POST
  // stream after the priming event (id, retry 100 ms); the client resumes with GET + Last-Event-ID, and the result
  // comes on the replay, through Pipelock as bare.
  it.live("SSE resumption (SEP-1699): a stream closed mid-call is resumed with Last-Event-ID, through Pipelock as bare", () =>
    Effect.gen(function* () {
      const upstream = yield* Effect.acquireRelease(Effect.promise(() => startConformanceServer()), (s) => Effect.promise(() => s.close()))
      const p = yield* startProxy({ yaml, hosts: {}, mcpUpstream: upstream.url })
      for (const url of [upstream.url, `http://127.0.0.1:${p.mcpPort}/mcp`]) {
        const client = yield* Effect.acquireRelease(
          Effect.promise(async () => {
            const c = new Client({ name: "resume-test", version: "1.0.0" })
            await c.connect(new StreamableHTTPClientTransport(new URL(url)))
            return c
          }),
          (c) => Effect.promise(() => c.close())
        )
        const before = upstream.seen.length
        const result = yield* Effect.promise(() => client.callTool({ name: "test_reconnection", arguments: {} }))
        assert.deepStrictEqual(result.content, [{ type: "text", text: "Reconnection test completed" }])
        const resumed = upstream.seen.slice(before).filter((r) => r.method === "GET" && r.lastEventId !== undefined)
        assert.strictEqual(resumed.length, 1, url)
      }
    }))

  // What the suite hit now and then (its clients leave right after each scenario): the client drops its GET while
  // Pipelock waits for the upstream's headers. Made deterministic here: the upstream answers the GET after 150 ms.
  it.live("a client that leaves before the upstream answers its GET: the upstream stream is closed, not left open", () =>
    Effect.gen(function* () {
      let upstreamClosed = false
      const upstream = yield* Effect.acquireRelease(
        Effect.promise(() => new Promise<http.Server>((resolve) => {
          const s = http.createServer((req, res) => {
            if (req.method !== "GET") return void res.writeHead(405).end()
            res.on("close", () => void (upstreamClosed = true))
            setTimeout(() => {
              res.writeHead(200, { "content-type": "text/event-stream" })
              res.write(": open\n\n")
            }, 150)
          })
          s.listen(0, "127.0.0.1", () => resolve(s))
        })),
        (s) => Effect.promise(() => new Promise<void>((r) => {
          s.closeAllConnections()
          s.close(() => r())
        }))
      )
      const p = yield* startProxy({ yaml, hosts: {}, mcpUpstream: `http://127.0.0.1:${(upstream.address() as { port: number }).port}/mcp` })
      const get = http.request(`http://127.0.0.1:${p.mcpPort}/mcp`, { method: "GET", headers: { accept: "text/event-stream", "mcp-session-id": "s1" } })
      get.on("error", () => {})
      get.end()
      yield* Effect.sleep("30 millis")
      get.destroy()
      yield* Effect.promise(() => eventually(() => upstreamClosed, 2000))
    }))
})

/** `@modelcontextprotocol/server-everything` (the SDK's reference server) over Streamable HTTP on a free port. */
const startEverything = () =>
  Effect.acquireRelease(
    Effect.promise(() => new Promise<{ url: string; stop: () => void }>((resolve, reject) => {
      const probe = http.createServer().listen(0, "127.0.0.1", () => {
        const port = (probe.address() as { port: number }).port
        probe.close(() => {
          const child = spawn(process.execPath, [join(process.cwd(), "node_modules/@modelcontextprotocol/server-everything/dist/index.js"), "streamableHttp"], {
            env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"]
          })
          let out = ""
          const onData = (c: Buffer) => {
            out += c.toString("utf8")
            if (out.includes(`listening on port ${port}`)) resolve({ url: `http://127.0.0.1:${port}/mcp`, stop: () => void child.kill("SIGTERM") })
          }
          child.stdout.on("data", onData)
          child.stderr.on("data", onData)
          child.on("exit", (code) => reject(new Error(`server-everything exited (${code}): ${out}`)))
        })
      })
    })),
    (s) => Effect.sync(() => s.stop())
  )

describe("MCP conformance suite against server-everything, bare and through Pipelock", () => {
  it.live("the reference server passes and fails the same checks through Pipelock as bare (it implements only part of the suite)", () =>
    Effect.gen(function* () {
      const bareServer = yield* startEverything()
      const upstream = yield* startEverything()
      const p = yield* startProxy({ yaml, hosts: {}, mcpUpstream: upstream.url })
      const [bare, proxied] = yield* Effect.all([runSuite(bareServer.url), runSuite(`http://127.0.0.1:${p.mcpPort}/mcp`)], { concurrency: 2 })
      assert.isAtLeast(bare.results.size, 32, bare.output)
      const passedBare = [...bare.results.values()].filter((checks) => summaryOf(checks).failed === 0).length
      assert.isAtLeast(passedBare, 10, bare.output) // initialize, ping, tools/list, resources, prompts/list, …
      assert.deepStrictEqual([...proxied.results.keys()].sort(), [...bare.results.keys()].sort())
      for (const [scenario, checks] of bare.results) {
        const through = summaryOf(proxied.results.get(scenario)!)
        // server-everything does not refuse a rebound Host/Origin; Pipelock does in front of it (see the top of
        // this file), so that one scenario passes fully through Pipelock where it half fails bare.
        if (scenario === "dns-rebinding-protection") assert.strictEqual(through.failed, 0, proxied.output)
        else assert.deepStrictEqual(through, summaryOf(checks), `${scenario}\n${proxied.output}`)
      }
    }))
})
