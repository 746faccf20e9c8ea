import { mkdtempSync, readFileSync } from "node:fs"
import * as http from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { PrometheusMetrics } from "effect/observability"
import * as TelemetryLayer from "../../src/layers/Telemetry.ts"
import * as Tracing from "../../src/layers/Tracing.ts"
import { Telemetry, type VerdictEvent } from "../../src/services/Telemetry.ts"

const blocked: VerdictEvent = {
  listener: "forward",
  requestId: "req-1",
  action: "block",
  mode: "balanced",
  method: "GET",
  target: "https://evil.example/",
  findings: [{ scanner: "dlp", rule: "AWS Access ID", severity: "critical", location: "url", evidence: "AKIA…[redacted 20 chars]", message: "AWS key" }]
}
const allowed: VerdictEvent = { ...blocked, requestId: "req-2", action: "allow", findings: [] }

describe("Telemetry", () => {
  it.effect("logs one JSON event per verdict with the request id and findings, never more than the redacted evidence", () => {
    const lines: string[] = []
    return Effect.gen(function* () {
      const t = yield* Telemetry
      yield* t.verdict(blocked)
      const event = JSON.parse(lines[0])
      assert.strictEqual(event.event, "blocked")
      assert.strictEqual(event.request_id, "req-1")
      assert.strictEqual(event.findings[0].rule, "AWS Access ID")
      assert.strictEqual(event.findings[0].evidence, "AKIA…[redacted 20 chars]")
    }).pipe(Effect.provide(TelemetryLayer.layerTest(lines)))
  })

  it.effect("include_allowed: false drops allowed verdicts from the log but still counts them", () => {
    const lines: string[] = []
    return Effect.gen(function* () {
      const t = yield* Telemetry
      yield* t.verdict(allowed)
      assert.strictEqual(lines.length, 0)
      assert.match(yield* PrometheusMetrics.format(), /pipelock_requests_total\{listener="forward",action="allow",result="allowed"\} \d+/)
    }).pipe(Effect.provide(TelemetryLayer.layerTest(lines, { include_allowed: false })))
  })

  it.effect("text format writes key=value lines; the level threshold filters operational logs", () => {
    const lines: string[] = []
    return Effect.gen(function* () {
      const t = yield* Telemetry
      yield* t.log("debug", "noise")
      yield* t.log("warn", "config_warning", { message: "a b" })
      assert.strictEqual(lines.length, 1)
      assert.match(lines[0], /^\S+ WARN config_warning message="a b"\n$/)
    }).pipe(Effect.provide(TelemetryLayer.layerTest(lines, { format: "text", level: "info" })))
  })
})

describe("log output", () => {
  it("writes the lines of one event-loop turn together at the end of the turn, and what is held on close", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "pipelock-log-")), "p.log")
    const t = TelemetryLayer.makeWith({ format: "json", output: file, file: "", include_allowed: true, include_blocked: true, level: "info" })
    for (let i = 0; i < 3; i++) t.service.verdictUnsafe({ ...allowed, requestId: `req-${i}` })
    // Held until the turn ends: one write for the three lines.
    assert.strictEqual(readFileSync(file, "utf8"), "")
    await new Promise((r) => setImmediate(r))
    assert.deepStrictEqual(readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l).request_id), ["req-0", "req-1", "req-2"])
    // Closing (a reload, shutdown) writes what is still held.
    t.service.verdictUnsafe({ ...blocked, requestId: "req-3" })
    t.close()
    assert.strictEqual(JSON.parse(readFileSync(file, "utf8").trim().split("\n")[3]).request_id, "req-3")
  })
})

describe("Tracing", () => {
  it("is off unless an OTLP endpoint is configured", () => {
    assert.isFalse(Tracing.enabled({}))
    assert.isTrue(Tracing.enabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" }))
    assert.isFalse(Tracing.enabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://x", OTEL_SDK_DISABLED: "true" }))
  })

  it.live("exports spans over OTLP/HTTP to the configured endpoint", () =>
    Effect.gen(function* () {
      const received: string[] = []
      const server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", () => {
          received.push(`${req.url} ${Buffer.concat(chunks).length}`)
          res.writeHead(200, { "content-type": "application/json" }).end("{}")
        })
      })
      yield* Effect.acquireRelease(
        Effect.callback<void>((resume) => void server.listen(0, "127.0.0.1", () => resume(Effect.void))),
        () => Effect.sync(() => void server.close())
      )
      const port = (server.address() as { port: number }).port
      const endpoint = `http://127.0.0.1:${port}`
      const before = process.env.OTEL_EXPORTER_OTLP_ENDPOINT
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint
      const work = Effect.fn("pipelock.test.span")(function* () {
        yield* Effect.annotateCurrentSpan("pipelock.verdict", "block")
      })
      yield* work().pipe(Effect.provide(Tracing.layer({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })))
      if (before === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT
      else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = before
      assert.isTrue(received.some((r) => r.startsWith("/v1/traces")), `received: ${received.join(", ")}`)
    }))
})

