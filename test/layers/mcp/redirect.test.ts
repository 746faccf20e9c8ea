/**
 * The built-in redirect handlers (`pipelock internal-redirect fetch-proxy|quarantine-write`) run for real
 * by the MCP proxy: a redirected fetch goes through the forward proxy's /fetch with every guard, and a
 * redirected write lands in the quarantine folder instead of reaching the server.
 */
import { assert, describe, it } from "@effect/vitest"
import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { startAppMcp } from "../../support/appMcp.ts"
import { freePort, startHttp } from "../../support/fixtures.ts"
import { json, request } from "../../support/http.ts"
import { startProxy } from "../../support/pipelock.ts"

const cli = join(import.meta.dirname, "../../../bin/pipelock.js")
const quarantine = mkdtempSync(join(tmpdir(), "pipelock-quarantine-test-"))

const yaml = `
mcp_tool_policy:
  enabled: true
  action: warn
  quarantine_dir: "${quarantine}"
  rules:
    - { name: "Fetch through the proxy", tool_pattern: "^fetch_url$", action: redirect, redirect_profile: safe-fetch }
    - { name: "Quarantine writes", tool_pattern: "^write_file$", action: redirect, redirect_profile: quarantine }
  redirect_profiles:
    safe-fetch: { exec: ["${process.execPath}", "${cli}", "internal-redirect", "fetch-proxy"], reason: "audited fetch", timeout_seconds: 30 }
    quarantine: { exec: ["${process.execPath}", "${cli}", "internal-redirect", "quarantine-write"], reason: "review writes", timeout_seconds: 30 }
logging: { output: stderr }
`

const call = (port: number, id: number, name: string, args: Record<string, unknown>) =>
  request(`http://127.0.0.1:${port}/`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: "Bearer app-token" },
    body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } })
  }).then(json)

describe("built-in redirect handlers", () => {
  it.live("fetch-proxy fetches through /fetch with every guard; quarantine-write keeps the write for review", () =>
    Effect.gen(function* () {
      const origin = yield* Effect.acquireRelease(
        Effect.promise(() => startHttp((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("Exchange rates: EUR 1.08"))),
        (s) => Effect.promise(() => s.close())
      )
      const app = yield* Effect.acquireRelease(Effect.promise(() => startAppMcp()), (s) => Effect.promise(() => s.close()))
      const listen = `127.0.0.1:${yield* Effect.promise(freePort)}`
      const p = yield* startProxy({ yaml, hosts: { "rates.example": ["127.0.0.1"] }, mcpUpstream: app.url, listen, env: { PIPELOCK__trusted_domains: '["rates.example"]' } })
      const port = p.mcpPort!

      const fetched = yield* Effect.promise(() => call(port, 1, "fetch_url", { url: `http://rates.example:${origin.port}/today` }))
      assert.isDefined(fetched.result, JSON.stringify(fetched))
      assert.match(fetched.result.content[0].text, /Exchange rates: EUR 1\.08/)

      // A secret in the arguments is stopped by input scanning before any handler runs.
      const leaked = yield* Effect.promise(() => call(port, 2, "fetch_url", { url: `http://rates.example:${origin.port}/?k=AKIAIOSFODNN7EXAMPLE` }))
      assert.strictEqual(leaked.error.code, -32001)
      // What /fetch refuses (here SSRF to the metadata address) fails the handler, and the call is refused.
      const ssrf = yield* Effect.promise(() => call(port, 4, "fetch_url", { url: "http://169.254.169.254/latest/meta-data/" }))
      assert.strictEqual(ssrf.error.code, -32002)
      assert.match(ssrf.error.message, /redirect "safe-fetch" failed: redirect handler exited with 1: fetch of http:\/\/169\.254\.169\.254\/latest\/meta-data\/ blocked by pipelock/)

      const written = yield* Effect.promise(() => call(port, 3, "write_file", { path: "/home/u/.bashrc", content: "export EDITOR=vim" }))
      assert.isDefined(written.result, JSON.stringify(written))
      assert.match(written.result.content[0].text, /was not performed: Pipelock quarantined it/)
      const files = readdirSync(quarantine)
      assert.strictEqual(files.length, 1)
      const kept = JSON.parse(readFileSync(join(quarantine, files[0]), "utf8"))
      assert.deepStrictEqual(kept.arguments, { path: "/home/u/.bashrc", content: "export EDITOR=vim" })

      // Nothing redirected reached the server.
      assert.deepStrictEqual(app.received.filter((m: any) => m.method === "tools/call"), [])
    }))
})
