/** The real Inspector's stream scanner for a YAML config, outside any listener (for reassembly tests). */
import { Effect, Layer, ManagedRuntime } from "effect"
import * as ConfigStoreLayer from "../../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../../src/layers/config/load.ts"
import * as InspectorLayer from "../../src/layers/Inspector.ts"
import * as ResolverLayer from "../../src/layers/Resolver.ts"
import * as SessionStoreLayer from "../../src/layers/SessionStore.ts"
import { Inspector, type StreamScanner, type StreamStep } from "../../src/services/Inspector.ts"

/** A runtime holding the real Inspector for one configuration; `scanner(contentType)` opens a stream scanner. */
export const streamInspector = (yaml?: string) => {
  const loaded = loadOrThrow({ file: yaml === undefined ? undefined : { path: "test.yaml", text: yaml }, env: {} })
  const layer = InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(ConfigStoreLayer.layerTest(loaded), ResolverLayer.layerStatic({}), SessionStoreLayer.layerTest())))
  const runtime = ManagedRuntime.make(layer)
  return {
    scanner: (contentType: string, url = "https://llm.test/v1/stream"): StreamScanner =>
      runtime.runSync(Effect.flatMap(Inspector, (i: Inspector["Service"]) => i.responseStream({ requestId: "t", listener: "forward", url, contentType }))),
    dispose: () => runtime.dispose()
  }
}

/** Feeds pieces one push each; returns what was relayed, the step that blocked (if any) and how many pieces got through whole. */
export const feed = (scanner: StreamScanner, pieces: ReadonlyArray<string>) => {
  let relayed = ""
  let blockedAt: number | undefined
  let last: StreamStep | undefined
  for (let i = 0; i < pieces.length; i++) {
    last = scanner.push(pieces[i])
    relayed += last.relay
    if (last.verdict.action === "block") {
      blockedAt = i
      break
    }
  }
  if (blockedAt === undefined) {
    last = scanner.finish()
    relayed += last.relay
    if (last.verdict.action === "block") blockedAt = pieces.length
  }
  return { relayed, blockedAt, verdict: last!.verdict }
}
