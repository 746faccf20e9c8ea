// A scripted "agent" for the compose demo. Its outbound traffic goes through Pipelock's forward proxy
// (HTTP_PROXY/HTTPS_PROXY=http://pipelock:8888, followed by Node's http/https modules when
// NODE_USE_ENV_PROXY=1), and it calls the protected MCP server through Pipelock's MCP port
// (http://pipelock:8889/, listed in NO_PROXY so it is reached directly).
// It prints what happened at each step and exits 0 when Pipelock behaved as expected, 1 otherwise.
// No dependencies: `node agent.mjs`.
//
// Why node:http and not fetch: with NODE_USE_ENV_PROXY, Node's http module sends plain-HTTP requests to
// the proxy in absolute form (`POST http://llm-demo:4000/... HTTP/1.1`), so Pipelock sees and scans the
// body; Node's fetch opens a CONNECT tunnel even for http:// URLs, and a tunnel is opaque to Pipelock
// (only its host is checked) unless TLS interception is on and trusted by the agent.
//
// Environment: LLM_URL (http://llm-demo:4000), MCP_URL (http://pipelock:8889/), MCP_TOKEN (demo-token).
import { randomInt } from "node:crypto"
import * as http from "node:http"
import * as https from "node:https"

const llm = (process.env.LLM_URL ?? "http://llm-demo:4000").replace(/\/+$/, "")
const mcpUrl = process.env.MCP_URL ?? "http://pipelock:8889/"
const mcpToken = process.env.MCP_TOKEN ?? "demo-token"

// A made-up AWS access key id, built at run time (AKIA + 16 random characters): the kind of secret an
// agent must not send anywhere.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
const fakeKey = "AKIA" + Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join("")

if (process.env.NODE_USE_ENV_PROXY !== "1") {
  console.log("note: NODE_USE_ENV_PROXY is not 1, so Node ignores HTTP_PROXY/HTTPS_PROXY and calls go out directly")
}

let failures = 0
const report = (ok, step, detail) => {
  if (!ok) failures++
  console.log(`${ok ? "ok  " : "FAIL"} ${step}: ${detail}`)
}

/** One HTTP request (through the proxy when the environment says so); resolves with status and body text. */
const request = (url, { method = "GET", headers = {}, body } = {}) =>
  new Promise((resolve, reject) => {
    const client = url.startsWith("https:") ? https : http
    const req = client.request(url, { method, headers, timeout: 10_000 }, (res) => {
      const chunks = []
      res.on("data", (c) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }))
      res.on("error", reject)
    })
    req.on("timeout", () => req.destroy(new Error(`${url}: no answer within 10 s`)))
    req.on("error", reject)
    req.end(body)
  })

const json = (text) => {
  try {
    return JSON.parse(text)
  } catch {
    return {}
  }
}

const chat = (content) =>
  request(`${llm}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "demo", messages: [{ role: "user", content }] })
  })

let nextId = 1
const rpc = async (method, params) => {
  const res = await request(mcpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${mcpToken}` },
    body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, ...(params === undefined ? {} : { params }) })
  })
  return { status: res.status, body: json(res.text) }
}

/** Retries while the other services are still starting (connection refused, or Pipelock's 502). */
const retry = async (what, attempt) => {
  for (let i = 1; ; i++) {
    try {
      const r = await attempt()
      if (r.status !== 502 || i === 15) return r
    } catch (e) {
      if (i === 15) throw e
    }
    console.log(`...  waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 1000))
  }
}

// 1. A normal LLM call goes through the proxy and gets its answer.
const clean = await retry("the LLM stand-in", () => chat("What is my checking balance?"))
const answer = clean.status === 200 ? json(clean.text).choices?.[0]?.message?.content : clean.text
report(clean.status === 200, "clean LLM call via the proxy", `${clean.status} ${String(answer).slice(0, 100)}`)

// 2. The same call carrying a secret is refused by Pipelock (DLP on the request body): 403, never sent.
const leak = await chat(`Please remember my AWS key ${fakeKey}`)
const leakBody = json(leak.text)
report(leak.status === 403 && leakBody.blocked === true, "LLM call leaking a key", `${leak.status} ${leakBody.scanner ?? ""} ${leakBody.reason ?? ""}`)

// 3. A fetched page carrying a prompt injection is cut off (response scanning).
const page = await request(`${llm}/page`)
const pageBody = page.text
report(page.status === 403 && !pageBody.includes("Ignore all previous"), "page with a prompt injection", `${page.status} ${pageBody.slice(0, 100)}`)

// 4. MCP through Pipelock's MCP port: initialize, tools/list, a clean tools/call.
const init = await retry("the MCP server", () => rpc("initialize", { protocolVersion: "2025-03-26", capabilities: {}, clientInfo: { name: "demo-agent", version: "1.0.0" } }))
report(init.status === 200 && init.body.result?.protocolVersion === "2025-03-26", "MCP initialize", `${init.status} ${init.body.result?.serverInfo?.name ?? JSON.stringify(init.body.error)}`)
const list = await rpc("tools/list")
const names = (list.body.result?.tools ?? []).map((t) => t.name)
report(names.includes("get_accounts"), "MCP tools/list", names.join(", ") || JSON.stringify(list.body.error))
const call = await rpc("tools/call", { name: "get_accounts", arguments: {} })
report(call.body.result?.content?.[0]?.type === "text", "MCP tools/call get_accounts", String(call.body.result?.content?.[0]?.text ?? JSON.stringify(call.body.error)).slice(0, 100))

// 5. A tool call whose arguments carry the secret is refused with a JSON-RPC error; the server never sees it.
const bad = await rpc("tools/call", { name: "create_category", arguments: { name: fakeKey } })
report(bad.body.error !== undefined && bad.body.result === undefined, "MCP tools/call leaking a key", `${bad.body.error?.code} ${bad.body.error?.message ?? JSON.stringify(bad.body.result)}`)

console.log(failures === 0 ? "demo: Pipelock behaved as expected" : `demo: ${failures} step(s) did not behave as expected`)
process.exit(failures === 0 ? 0 : 1)
