/**
 * SNI of a TLS ClientHello, read by Node's own TLS stack (OpenSSL parses the hello; no hand-written
 * parser): the bytes are fed to a server-side TLSSocket whose SNI callback records the name and aborts.
 */
import { Duplex } from "node:stream"
import * as tls from "node:tls"

export type SniOutcome = "match" | "mismatch" | "not_tls" | "no_extension" | "timeout"

/** The server name in a ClientHello (`undefined` with the reason when there is none). */
export const readSni = (hello: Buffer, timeoutMs = 2000): Promise<{ readonly sni?: string; readonly outcome: "sni" | "not_tls" | "no_extension" | "timeout" }> =>
  new Promise((resolve) => {
    if (hello.length < 5 || hello[0] !== 0x16) return resolve({ outcome: "not_tls" })
    let done = false
    const duplex = new Duplex({ read() {}, write(_c, _e, cb) { cb() } })
    const finish = (r: { sni?: string; outcome: "sni" | "not_tls" | "no_extension" | "timeout" }) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(r)
      socket.destroy()
    }
    const socket = new tls.TLSSocket(duplex, {
      isServer: true,
      SNICallback: (name, cb) => {
        finish({ sni: name, outcome: "sni" })
        cb(new Error("sni probe"), undefined)
      }
    })
    socket.on("error", () => finish({ outcome: "no_extension" }))
    socket.on("secure", () => finish({ outcome: "no_extension" }))
    const timer = setTimeout(() => finish({ outcome: "timeout" }), timeoutMs)
    duplex.push(hello)
  })
