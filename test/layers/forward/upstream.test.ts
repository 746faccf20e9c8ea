/**
 * The upstream hop's TLS to an IP-literal host: no SNI is sent (RFC 6066 forbids an IP there, and Node
 * warns with DEP0123 when asked to), while the certificate is still verified against its IP SAN. And the
 * pooled (keep-alive) hop with `upstream_ca_bundle`: verified against the bundle through one TLS context per
 * bundle, connections reused.
 */
import type { IncomingMessage } from "node:http"
import { afterEach, describe, expect, it } from "vitest"
import { request } from "../../../src/layers/forward/upstream.ts"
import { makeCa, startHttps } from "../../support/fixtures.ts"

const closers: Array<() => Promise<unknown>> = []
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!()
})

const get = (url: URL, caBundle: string, port: number, noAgent = true) => new Promise<{ status: number; sni: unknown; body: string; local: number | undefined }>((resolve, reject) => {
  const req = request(url, { host: url.hostname, port, addresses: [{ address: "127.0.0.1", family: 4 }] }, { method: "GET", headers: {}, timeoutMs: 5000, caBundle, noAgent })
  req.on("response", (res: IncomingMessage) => {
    let body = ""
    const local = res.socket.localPort
    res.on("data", (c: Buffer) => (body += c))
    res.on("end", () => resolve({ status: res.statusCode ?? 0, sni: (req.socket as { servername?: unknown } | null)?.servername, body, local }))
  })
  req.on("error", reject)
  req.end()
})

describe("upstream TLS to an IP-literal host", () => {
  it("sends no SNI, raises no DEP0123 warning, and still verifies the certificate", async () => {
    const ca = await makeCa()
    const seen: string[] = []
    const server = await startHttps(ca, "127.0.0.1", (req, res) => {
      seen.push(String((req.socket as { servername?: unknown }).servername))
      res.end("ok")
    })
    closers.push(() => server.close())
    const warnings: string[] = []
    const onWarning = (w: Error & { code?: string }) => warnings.push(w.code ?? w.message)
    process.on("warning", onWarning)
    closers.push(async () => void process.off("warning", onWarning))
    const r = await get(new URL(`https://127.0.0.1:${server.port}/`), ca.certPath, server.port)
    expect(r.status).toBe(200)
    expect(r.body).toBe("ok")
    expect(seen[0]).toBe("false")
    await new Promise((res) => setImmediate(res))
    expect(warnings).not.toContain("DEP0123")
    // A certificate for another address is refused: verification did not go away with SNI.
    const other = await startHttps(ca, "10.0.0.1", (_req, res) => res.end("wrong"))
    closers.push(() => other.close())
    await expect(get(new URL(`https://127.0.0.1:${other.port}/`), ca.certPath, other.port)).rejects.toThrow(/IP|altnames|127\.0\.0\.1/i)
  })
})

describe("upstream TLS through the keep-alive pool with upstream_ca_bundle", () => {
  it("verifies against the bundle, refuses a certificate from another CA, and reuses the connection", async () => {
    const ca = await makeCa()
    const server = await startHttps(ca, "127.0.0.1", (_req, res) => res.end("ok"))
    closers.push(() => server.close())
    const url = new URL(`https://127.0.0.1:${server.port}/`)
    const first = await get(url, ca.certPath, server.port, false)
    const second = await get(url, ca.certPath, server.port, false)
    expect([first.status, first.body, second.status]).toEqual([200, "ok", 200])
    expect(second.local).toBe(first.local)
    // A server whose certificate the bundle does not vouch for (another CA, same address): refused.
    const stranger = await makeCa()
    const other = await startHttps(stranger, "127.0.0.1", (_req, res) => res.end("wrong"))
    closers.push(() => other.close())
    await expect(get(new URL(`https://127.0.0.1:${other.port}/`), ca.certPath, other.port, false)).rejects.toThrow(/certificate|self.signed|issuer/i)
  })
})
