/**
 * Resolvers: the system resolver (`dns.lookup`, all addresses, 5 s timeout, as the Go Pipelock), and a
 * fixed map for tests and the corpus runner, so no test depends on real DNS.
 */
import { lookup } from "node:dns/promises"
import { isIP } from "node:net"
import { Effect, Layer } from "effect"
import { type Address, ResolveError, Resolver } from "../services/Resolver.ts"

const literal = (host: string): ReadonlyArray<Address> | undefined => {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host
  const family = isIP(bare)
  return family === 0 ? undefined : [{ address: bare, family: family as 4 | 6 }]
}

export const make = (timeoutMs = 5000) =>
  Resolver.of({
    resolve: (host) => {
      const ip = literal(host)
      if (ip !== undefined) return Effect.succeed(ip)
      return Effect.tryPromise({
        try: () => lookup(host, { all: true, verbatim: true }),
        catch: (e) => new ResolveError({ host, reason: (e as NodeJS.ErrnoException).code ?? String(e) })
      }).pipe(
        Effect.map((list) => list.map((a) => ({ address: a.address, family: a.family as 4 | 6 }))),
        Effect.timeoutOrElse({ duration: timeoutMs, orElse: () => Effect.fail(new ResolveError({ host, reason: "timeout" })) }),
        Effect.flatMap((list) => (list.length === 0 ? Effect.fail(new ResolveError({ host, reason: "no addresses" })) : Effect.succeed(list)))
      )
    }
  })

/** The system resolver. */
export const layer: Layer.Layer<Resolver> = Layer.succeed(Resolver, make())

/**
 * A fixed map (hostname → addresses; `*.example.com` keys match subdomains). Unknown names fail like
 * NXDOMAIN. `answer` may be a function to simulate DNS rebinding (a different answer each time).
 */
export const makeStatic = (hosts: Readonly<Record<string, ReadonlyArray<string> | (() => ReadonlyArray<string>)>>) =>
  Resolver.of({
    resolve: (host) =>
      Effect.suspend(() => {
        const ip = literal(host)
        if (ip !== undefined) return Effect.succeed(ip)
        const name = host.toLowerCase().replace(/\.$/, "")
        let entry = hosts[name]
        if (entry === undefined) {
          const parts = name.split(".")
          for (let i = 1; i < parts.length && entry === undefined; i++) entry = hosts[`*.${parts.slice(i).join(".")}`]
        }
        if (entry === undefined) return Effect.fail(new ResolveError({ host, reason: "ENOTFOUND" }))
        const list = typeof entry === "function" ? entry() : entry
        return Effect.succeed(list.map((address) => ({ address, family: (isIP(address) === 6 ? 6 : 4) as 4 | 6 })))
      })
  })

export const layerStatic = (hosts: Parameters<typeof makeStatic>[0]): Layer.Layer<Resolver> => Layer.succeed(Resolver, makeStatic(hosts))
