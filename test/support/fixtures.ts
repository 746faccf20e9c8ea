/** Loopback fixtures for transport tests: HTTP/HTTPS upstreams, a WebSocket echo server, a test CA. */
import * as http from "node:http"
import * as https from "node:https"
import * as net from "node:net"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { WebSocketServer } from "ws"
import * as CA from "../../src/layers/CertAuthority.ts"

export interface Fixture {
  readonly port: number
  close(): Promise<void>
}

const listen = (server: http.Server | https.Server): Promise<Fixture> =>
  new Promise((resolve) => {
    const sockets = new Set<import("node:net").Socket>()
    server.on("connection", (s) => {
      sockets.add(s)
      s.on("close", () => sockets.delete(s))
    })
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () => new Promise((r) => {
          for (const s of sockets) s.destroy()
          server.close(() => r())
        })
      }))
  })

export const startHttp = (handler: http.RequestListener) => listen(http.createServer(handler))

export interface TestCa {
  readonly cert: string
  readonly key: string
  readonly dir: string
  readonly certPath: string
  readonly keyPath: string
  leaf(host: string): Promise<{ cert: string; key: string }>
}

/** A CA (written to a temp folder) and leaves from it. */
export const makeCa = async (): Promise<TestCa> => {
  const ca = await CA.generateCa("Pipelock Test CA")
  const dir = mkdtempSync(join(tmpdir(), "pipelock-ca-"))
  const certPath = join(dir, "ca.pem")
  const keyPath = join(dir, "ca-key.pem")
  writeFileSync(certPath, ca.cert)
  writeFileSync(keyPath, ca.key, { mode: 0o600 })
  const issuer = await CA.make(ca, 86_400_000, 100)
  return { ...ca, dir, certPath, keyPath, leaf: (h) => issuer.leafFor(h) }
}

export const startHttps = async (ca: TestCa, host: string, handler: http.RequestListener) => {
  const leaf = await ca.leaf(host)
  return listen(https.createServer({ cert: leaf.cert, key: leaf.key }, handler))
}

/** A WebSocket server that echoes every message (text as text, binary as binary). */
export const startWsEcho = (): Promise<Fixture & { readonly received: string[] }> =>
  new Promise((resolve) => {
    const received: string[] = []
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" })
    wss.on("connection", (ws) => ws.on("message", (data, isBinary) => {
      if (!isBinary) received.push(data.toString())
      ws.send(data, { binary: isBinary })
    }))
    wss.on("listening", () =>
      resolve({
        port: (wss.address() as { port: number }).port,
        received,
        close: () => new Promise((r) => {
          for (const c of wss.clients) c.terminate()
          wss.close(() => r())
        })
      }))
  })

/** A port that was free a moment ago (for listeners that must be given a fixed address up front). */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })

/** Resolves once something accepts connections on 127.0.0.1:`port` (default: up to a minute, as a loaded machine starts Node slowly). */
export const waitForPort = async (port: number, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => (c.destroy(), resolve(true)))
      c.on("error", () => resolve(false))
    })
    if (ok) return
    if (Date.now() > deadline) throw new Error(`nothing listening on ${port}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
