/** TLS interception's certificate authority: our CA, and a leaf certificate per intercepted host. */
import { Context, Data, type Effect } from "effect"

export interface Leaf {
  /** PEM certificate chain (leaf then CA) and PEM private key, for `tls.createSecureContext`. */
  readonly cert: string
  readonly key: string
}

export class CertError extends Data.TaggedError("CertError")<{ readonly message: string }> {}

export interface Service {
  /** The CA certificate (PEM) clients must trust. */
  readonly caPem: string
  /** A certificate for `host` signed by the CA (cached per host until it nears expiry). */
  readonly leafFor: (host: string) => Effect.Effect<Leaf, CertError>
  /** How many leaves are cached. */
  readonly cacheSize: Effect.Effect<number>
}

export class CertAuthority extends Context.Service<CertAuthority, Service>()("pipelock/services/CertAuthority") {}
