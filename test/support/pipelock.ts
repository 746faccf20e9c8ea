/** Builds Pipelock's real service graph in a test scope, from YAML text, on loopback port 0. */
import { Effect, Layer } from "effect"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as AdminApiLayer from "../../src/layers/AdminApi.ts"
import * as Pipelock from "../../src/layers/Pipelock.ts"
import * as ProxyListener from "../../src/layers/ProxyListener.ts"
import * as McpListener from "../../src/layers/McpListener.ts"
import type { ForwardProxy } from "../../src/services/ForwardProxy.ts"
import type { McpProxy } from "../../src/services/McpProxy.ts"
import * as ForwardProxyUnavailable from "../../src/layers/ForwardProxyUnavailable.ts"
import * as McpProxyUnavailable from "../../src/layers/McpProxyUnavailable.ts"

export interface TestSetup {
  readonly yaml?: string
  readonly path?: string
  readonly env?: Record<string, string | undefined>
  readonly mcp?: boolean
  readonly forward?: Layer.Layer<ForwardProxy, never, any>
  readonly mcpProxy?: Layer.Layer<McpProxy, never, any>
  /** Take SIGHUP/SIGUSR1 as the CLI does (off by default, as for a library). */
  readonly signals?: boolean
}

/** The core graph (ConfigStore, Telemetry, KillSwitch) for a YAML config; logs are quiet by default. */
export const setupOf = (s: TestSetup) => {
  const env = s.env ?? {}
  const loaded = loadOrThrow({
    file: s.yaml === undefined ? undefined : { path: s.path ?? "test.yaml", text: s.yaml },
    env: { PIPELOCK__logging__output: "stderr", PIPELOCK__logging__level: "error", PIPELOCK__logging__include_allowed: "false", PIPELOCK__logging__include_blocked: "false", ...env },
    flags: { listen: "127.0.0.1:0", mcpListen: s.mcp ? "127.0.0.1:0" : undefined, mcpUpstream: s.mcp ? "http://127.0.0.1:9/mcp" : undefined }
  })
  return { loaded, path: s.path, env, flags: {}, watch: false, signals: s.signals }
}

/** Starts the main listener (and optionally the MCP one) in the current scope; returns the ports. */
export const start = (s: TestSetup) =>
  Effect.gen(function* () {
    const setup = setupOf(s)
    const base = Pipelock.core(setup)
    const services = Layer.mergeAll(
      AdminApiLayer.layer,
      (s.forward ?? ForwardProxyUnavailable.layer) as Layer.Layer<ForwardProxy>,
      (s.mcpProxy ?? McpProxyUnavailable.layer) as Layer.Layer<McpProxy>
    ).pipe(Layer.provideMerge(base))
    const context = yield* Layer.build(services)
    const main = yield* ProxyListener.make.pipe(Effect.provide(context))
    const mcp = yield* McpListener.make.pipe(Effect.provide(context))
    return { port: main.port, mcpPort: mcp?.port, base: `http://127.0.0.1:${main.port}`, context }
  })

import * as ResolverLayer from "../../src/layers/Resolver.ts"
import * as ForwardProxyLayer from "../../src/layers/ForwardProxy.ts"
import * as McpProxyLayer from "../../src/layers/McpProxy.ts"
import * as CertAuthorityLayer from "../../src/layers/CertAuthority.ts"

export interface ProxySetup {
  readonly yaml?: string
  readonly env?: Record<string, string | undefined>
  /** hostname → loopback addresses (the fake DNS). */
  readonly hosts: Record<string, ReadonlyArray<string> | (() => ReadonlyArray<string>)>
  readonly ca?: { readonly cert: string; readonly key: string }
  readonly mcpUpstream?: string
  /** The main listener's address (default 127.0.0.1:0, any free port). */
  readonly listen?: string
  /** The config file's path, for tests that rewrite it and reload (the file must hold `yaml`). */
  readonly path?: string
}

/** The real forward proxy (and MCP proxy when an upstream is given) over the real Inspector, with a fake DNS. */
export const startProxy = (s: ProxySetup) =>
  Effect.gen(function* () {
    const env = s.env ?? {}
    const loaded = loadOrThrow({
      file: s.yaml === undefined ? undefined : { path: s.path ?? "test.yaml", text: s.yaml },
      env: { PIPELOCK__logging__output: "stderr", PIPELOCK__logging__level: "error", PIPELOCK__logging__include_allowed: "false", PIPELOCK__logging__include_blocked: "false", ...env },
      flags: { listen: s.listen ?? "127.0.0.1:0", mcpListen: s.mcpUpstream ? "127.0.0.1:0" : undefined, mcpUpstream: s.mcpUpstream }
    })
    const setup = { loaded, path: s.path, env, flags: { listen: s.listen ?? "127.0.0.1:0" }, watch: false }
    const base = Pipelock.inspection(setup, ResolverLayer.layerStatic(s.hosts))
    const ca = s.ca === undefined ? Layer.empty : CertAuthorityLayer.layerFrom(s.ca)
    const services = Layer.mergeAll(
      AdminApiLayer.layer,
      ForwardProxyLayer.layer.pipe(Layer.provide(ca)),
      McpProxyLayer.layer
    ).pipe(Layer.provideMerge(base))
    const context = yield* Layer.build(services)
    const main = yield* ProxyListener.make.pipe(Effect.provide(context))
    const mcp = yield* McpListener.make.pipe(Effect.provide(context))
    return { port: main.port, proxy: `http://127.0.0.1:${main.port}`, mcpPort: mcp?.port, context }
  })
