/**
 * The app's example config (../shared/compat/sure-pipelock.example.yaml) runs the whole DLP catalogue through the
 * real forward proxy: a Slack webhook URL and a `<provider>_token = "<random>"` line in request bodies are blocked,
 * a clean body passes. Real origin on loopback, real client (undici's ProxyAgent), the fake DNS of the other
 * forward-proxy tests (the config's own `trusted_domains` is empty, so the test hosts are added as trusted).
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { ProxyAgent, fetch as undiciFetch } from "undici"
import { startHttp } from "../../support/fixtures.ts"
import { startProxy } from "../../support/pipelock.ts"

const root = join(import.meta.dirname, "../../..")
const sure = [join(root, "../shared"), join(root, "../../shared")].map((d) => join(d, "compat/sure-pipelock.example.yaml")).find(existsSync)

describe("forward proxy with the app's example config", () => {
  it.live.runIf(sure !== undefined)("blocks a Slack webhook URL and a provider token assignment in request bodies; passes a clean one", () =>
    Effect.gen(function* () {
      const up = yield* Effect.acquireRelease(
        Effect.promise(() => startHttp((req, res) => req.resume().on("end", () => res.writeHead(200, { "content-type": "text/plain" }).end("ok")))),
        (f) => Effect.promise(() => f.close())
      )
      const yaml = `${readFileSync(sure!, "utf8")}\ntrusted_domains: ["*.test"]\n`
      const p = yield* startProxy({ yaml, hosts: { "app.test": ["127.0.0.1"] } })
      const agent = new ProxyAgent(p.proxy)
      const post = (body: string) =>
        Effect.promise(() =>
          undiciFetch(`http://app.test:${up.port}/notes`, { method: "POST", body, headers: { "content-type": "text/plain" }, dispatcher: agent })
            .then(async (r) => ({ status: r.status, block: r.headers.get("x-pipelock-block"), text: await r.text() }))
        )
      const webhook = yield* post("deploy done, notify https://hooks.slack.com/services/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")
      assert.strictEqual(webhook.status, 403)
      assert.strictEqual(webhook.block, "Slack Webhook URL")
      const token = yield* post('[deploy]\npulumi_token = "mK8qZ2xV7nR4tL9wP3cF6hJ1bD5gS0yA"\n')
      assert.strictEqual(token.status, 403)
      assert.isNotNull(token.block)
      assert.notInclude(token.text, "mK8qZ2xV7nR4tL9wP3cF6hJ1bD5gS0yA")
      const clean = yield* post("deploy done at 14:02, all checks green")
      assert.strictEqual(clean.status, 200)
      assert.strictEqual(clean.text, "ok")
      yield* Effect.promise(() => agent.close())
    }))
})
