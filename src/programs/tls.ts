/**
 * `pipelock tls init` generates an ECDSA P-256 CA for TLS interception at `tls_interception.ca_cert`/`ca_key`
 * (default ~/.pipelock/ca.pem and ca-key.pem; the key is written with mode 0600 and never overwritten);
 * `pipelock tls show-ca` prints the CA certificate to install in clients.
 */
import { existsSync, readFileSync } from "node:fs"
import { Console, Effect } from "effect"
import { caPaths, generateCa, writeCa } from "../layers/CertAuthority.ts"
import { ExitCode, FAILURE } from "./exit.ts"
import { loadConfig } from "./loadConfig.ts"

export const init = (config: string | undefined) =>
  Effect.gen(function* () {
    const { loaded } = yield* loadConfig({ config })
    const paths = caPaths(loaded.config.tls_interception.ca_cert, loaded.config.tls_interception.ca_key)
    const ca = yield* Effect.promise(() => generateCa())
    const err = yield* Effect.sync(() => {
      try {
        writeCa(paths, ca)
        return undefined
      } catch (e) {
        return (e as Error).message
      }
    })
    if (err !== undefined) {
      yield* Console.error(`pipelock tls init: ${err}`)
      return yield* new ExitCode({ code: FAILURE })
    }
    yield* Console.log(`CA certificate: ${paths.cert}\nCA key:         ${paths.key} (mode 0600)\nInstall the certificate in your clients (pipelock tls show-ca), then set tls_interception.enabled: true.`)
  })

export const showCa = (config: string | undefined) =>
  Effect.gen(function* () {
    const { loaded } = yield* loadConfig({ config })
    const paths = caPaths(loaded.config.tls_interception.ca_cert, loaded.config.tls_interception.ca_key)
    if (!existsSync(paths.cert)) {
      yield* Console.error(`pipelock tls show-ca: ${paths.cert} not found (run pipelock tls init)`)
      return yield* new ExitCode({ code: FAILURE })
    }
    yield* Console.log(readFileSync(paths.cert, "utf8").trimEnd())
  })
