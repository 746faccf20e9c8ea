/** DNS: turns a hostname into the addresses to connect to. The URL guard checks them; the transport pins them. */
import { Context, Data, type Effect } from "effect"

export interface Address {
  readonly address: string
  readonly family: 4 | 6
}

/** The name did not resolve (NXDOMAIN, timeout, …): the request is blocked (fail closed). */
export class ResolveError extends Data.TaggedError("ResolveError")<{ readonly host: string; readonly reason: string }> {}

export interface Service {
  /** Every address the name resolves to (all of them are checked; the first allowed one is used). */
  readonly resolve: (host: string) => Effect.Effect<ReadonlyArray<Address>, ResolveError>
}

export class Resolver extends Context.Service<Resolver, Service>()("pipelock/services/Resolver") {}
