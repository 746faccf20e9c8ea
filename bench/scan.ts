/**
 * `npm run bench:scan`: how long the scanners take, in ns/op and ops/s, beside the targets in docs/benchmarks.md.
 * Real work on real inputs; a warm-up, then a timed loop. The 1 MB adversarial inputs show linear time
 * (compare 1 MB with 256 KB: about 4×). Not a test: numbers vary with the machine.
 *
 * `node bench/scan.ts --small` runs only the small-message rows (URLs, MCP messages, the scanner registry);
 * `--cpu` times CPU time instead of wall time (steadier on a shared machine).
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { Effect, Layer } from "effect"
import { loadOrThrow } from "../src/layers/config/load.ts"
import * as ConfigStoreLayer from "../src/layers/ConfigStore.ts"
import { compile as compileDlp, scanText as dlpText } from "../src/layers/detect/dlp.ts"
import { mergeDlpPatterns } from "../src/layers/detect/dlpPatterns.ts"
import { compile as compileInjection, scanText as injectionText } from "../src/layers/detect/injection.ts"
import { scanContent } from "../src/layers/detect/injectionClassifier.ts"
import { RE2 } from "../src/layers/detect/re2.ts"
import { mergeInjectionPatterns } from "../src/layers/detect/injectionPatterns.ts"
import { checkUrl, compileUrlRules } from "../src/layers/detect/urlGuard.ts"
import * as BuiltinScanners from "../src/layers/BuiltinScanners.ts"
import * as InspectorLayer from "../src/layers/Inspector.ts"
import * as SessionStoreLayer from "../src/layers/SessionStore.ts"
import * as ResolverLayer from "../src/layers/Resolver.ts"
import * as ScannerLayer from "../src/layers/Scanner.ts"
import { Inspector } from "../src/services/Inspector.ts"
import { benchDocs } from "../test/support/realDocs.ts"

const dlp = compileDlp({ patterns: mergeDlpPatterns([], true), scanEnv: true, minEnvSecretLength: 16, env: process.env, seedPhrase: { enabled: true, minWords: 12, verifyChecksum: true } })
const injection = compileInjection({ patterns: mergeInjectionPatterns([], true) })
const rules = compileUrlRules({
  mode: "balanced", apiAllowlist: [], blocklist: ["*.pastebin.com"], maxUrlLength: 2048, entropyThreshold: 4.5, subdomainEntropyThreshold: 4.0,
  subdomainEntropyExclusions: [], trustedDomains: [], internal: [], ipAllowlist: [], dlp
})

const prose = "The quarterly report shows revenue grew in every region, led by strong subscription renewals and a new partner channel. "
const text10k = (prose.repeat(Math.ceil(10240 / prose.length))).slice(0, 10240)
const text90 = "Could you summarize the attached quarterly report and list the three biggest changes, please?"
const toolCall = { jsonrpc: "2.0", id: 8, method: "tools/call", params: { name: "get_transactions", arguments: { account: "checking", from: "2026-11-01", to: "2026-11-30", limit: 50 } } }
const toolResult = { jsonrpc: "2.0", id: 7, result: { content: [{ type: "text", text: JSON.stringify({ transactions: [{ id: 1, amount: -42.1, description: "Groceries", date: "2026-11-20" }, { id: 2, amount: 2500, description: "Salary", date: "2026-11-15" }] }) }] } }

/**
 * Varied real text: the first 10 KB of up to 300 Markdown files from node_modules (READMEs, API docs, changelogs),
 * scanned in turn. Unlike one text repeated, this keeps RE2's DFA caches from serving every pass warm, as real
 * traffic does; it is the figure that matters.
 */
const realDocs = benchDocs(join(import.meta.dirname, ".."))
let doc = 0
const nextDoc = () => realDocs[doc++ % realDocs.length]
// Same-run references over the same documents: JSON.parse of the document as a JSON string, one RE2 literal search.
const realJson = realDocs.map((d) => JSON.stringify(d))
let docJ = 0
const nextJson = () => realJson[docJ++ % realJson.length]
const literal = new RE2("pipelock-literal-not-present", "u")
let docR = 0
const nextRefDoc = () => realDocs[docR++ % realDocs.length]

/** Varied real URLs: the homepage, repository and bugs URLs of the installed packages. */
const realUrls = (() => {
  const out = new Set<string>()
  const root = join(import.meta.dirname, "../node_modules")
  const visit = (dir: string) => {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
      for (const u of [pkg.homepage, pkg.repository?.url ?? pkg.repository, pkg.bugs?.url ?? pkg.bugs]) {
        if (typeof u === "string" && /^https?:\/\//.test(u)) out.add(u)
      }
    } catch {
      // not a package
    }
  }
  try {
    for (const f of readdirSync(root)) {
      if (f.startsWith("@")) for (const g of readdirSync(join(root, f))) visit(join(root, f, g))
      else visit(join(root, f))
    }
  } catch {
    // no node_modules
  }
  return [...out]
})()
let url = 0
const nextUrl = () => realUrls[url++ % realUrls.length]

interface Row { readonly name: string; readonly nsPerOp: number; readonly target?: string; readonly ok?: boolean; readonly ref?: { readonly name: string; readonly nsPerOp: number } }
const rows: Row[] = []

/**
 * `--cpu`: time is this process's CPU time (user + system) rather than the wall clock, so the time the process
 * waits for a core on a shared machine is not counted (the loops are synchronous: CPU time is their cost).
 */
const cpuTime = process.argv.includes("--cpu")
const nowNs = (): bigint => {
  if (!cpuTime) return process.hrtime.bigint()
  const u = process.cpuUsage()
  return BigInt(u.user + u.system) * 1000n
}

/**
 * A full collection before each timed loop (outside the timing): a row does not pay for collecting the garbage of
 * the rows before it (after the 10 KB document rows, a clean MCP response measured 24 µs instead of 8).
 */
setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

const timeOf = (f: () => unknown, minMs: number): number => {
  gc()
  for (let i = 0; i < 50; i++) f()
  let n = 0
  const t0 = nowNs()
  let elapsed = 0n
  do {
    for (let i = 0; i < 20; i++) f()
    n += 20
    elapsed = nowNs() - t0
  } while (elapsed < BigInt(minMs) * 1_000_000n)
  return Number(elapsed) / n
}

/** `ref`: a reference over the same input, timed in the same run right after, printed beside with the ratio. */
const bench = (name: string, f: () => unknown, opts: { target?: number; minMs?: number; ref?: readonly [string, () => unknown] } = {}) => {
  const minMs = opts.minMs ?? 400
  const nsPerOp = timeOf(f, minMs)
  const ref = opts.ref === undefined ? undefined : { name: opts.ref[0], nsPerOp: timeOf(opts.ref[1], minMs) }
  rows.push({ name, nsPerOp, target: opts.target === undefined ? undefined : fmt(opts.target), ok: opts.target === undefined ? undefined : nsPerOp <= opts.target, ref })
}

/** A against B in alternating rounds (order swapped each round); the best round of each: robust to a loaded machine. */
const benchAB = <X>(name: string, refName: string, run: (x: X) => () => unknown, a: X, b: X, rounds = 12, roundMs = 80) => {
  let bestA = Infinity
  let bestB = Infinity
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      bestA = Math.min(bestA, timeOf(run(a), roundMs))
      bestB = Math.min(bestB, timeOf(run(b), roundMs))
    } else {
      bestB = Math.min(bestB, timeOf(run(b), roundMs))
      bestA = Math.min(bestA, timeOf(run(a), roundMs))
    }
  }
  rows.push({ name, nsPerOp: bestA, ref: { name: refName, nsPerOp: bestB } })
}

const fmt = (ns: number) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`)

/** `--small`: only the small-message rows (URLs, MCP messages, the registry), without the documents and adversarial inputs. */
const small = process.argv.includes("--small")

const main = Effect.gen(function* () {
  const inspector = yield* Inspector
  const ctx = { requestId: "bench", listener: "check" as const, skipDns: true }
  const mcp = { ...ctx, sessionKey: "bench" }

  const cleanUrl = "https://docs.python.org/3/library/urllib.parse.html?highlight=quote"
  bench("clean URL, full URL pipeline (pure, no DNS)", () => checkUrl(rules, cleanUrl), { target: 10_000, ref: ["new URL() of the same URL", () => new URL(cleanUrl)] })
  bench("clean URL, through the Inspector service (no DNS)", () => Effect.runSync(inspector.checkUrl("https://docs.python.org/3/library/urllib.parse.html?highlight=quote", ctx).pipe(Effect.provideService(Inspector, inspector))))
  if (realUrls.length > 0) bench(`clean URLs (${realUrls.length} varied), full URL pipeline`, () => checkUrl(rules, nextUrl()), { target: 10_000, minMs: 1000 })
  bench("URL with a DLP hit", () => checkUrl(rules, "https://example.com/?key=sk-ant-api03-fake1234567890abcd"))
  if (!small) yield* large
  const toolJson = JSON.stringify(toolResult)
  bench("clean MCP tool response (Inspector)", () => Effect.runSync(inspector.inspectMcpResponse(toolResult, { ...mcp, method: "tools/call" })), { target: 20_000, ref: ["JSON.parse of the same message", () => JSON.parse(toolJson)] })
  const callJson = JSON.stringify(toolCall)
  bench("clean MCP tools/call request (Inspector)", () => Effect.runSync(inspector.inspectMcpRequest(toolCall, mcp, callJson)), { target: 20_000, ref: ["JSON.parse of the same message", () => JSON.parse(callJson)] })
  // The scanner registry's cost on the hot path: two fresh Inspectors over the same config, one with a registry
  // holding the built-ins (as `Pipelock.run` registers them) and a scanner for another surface (what a graph with,
  // say, a WebSocket-only scanner pays on every other message), one without a registry. Timed in alternating
  // rounds, best round of each (the machine is shared).
  const fresh = (withRegistry: boolean) => Effect.provide(Effect.gen(function* () { return yield* Inspector }), InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(
    ConfigStoreLayer.layerTest(loaded), ResolverLayer.layer, SessionStoreLayer.layerTest(),
    withRegistry
      ? Layer.merge(BuiltinScanners.all, ScannerLayer.layer({ name: "ws_only", surfaces: ["ws_frame"], scan: () => Effect.succeed([]) }))
        .pipe(Layer.provideMerge(ScannerLayer.registry), Layer.provide(ConfigStoreLayer.layerTest(loaded)))
      : Layer.empty
  ))))
  const registered = yield* fresh(true)
  const plain = yield* fresh(false)
  benchAB("clean MCP tool response (Inspector + scanner registry: the built-ins, none other for this surface)", "the Inspector without a registry",
    (i) => () => Effect.runSync(i.inspectMcpResponse(toolResult, { ...mcp, method: "tools/call" })), registered, plain)
  benchAB("clean URL through the Inspector + scanner registry, none for this surface", "the Inspector without a registry",
    (i) => () => Effect.runSync(i.checkUrl(cleanUrl, ctx)), registered, plain)
  benchAB("WebSocket server message through the Inspector + registry (the built-ins)", "the Inspector without a registry",
    (i) => () => Effect.runSync(i.inspectWsMessage(text90, "server", { ...ctx, url: "wss://chat.example/" })), registered, plain)
  if (!small) yield* adversarialRows
})

const large = Effect.sync(() => {
  bench("90 B clean text, injection", () => injectionText(injection, text90, "body"), { target: 5_000 })
  bench("10 KB clean text, injection", () => injectionText(injection, text10k, "body"), { target: 500_000 })
  if (realDocs.length > 0) {
    const jsonRef = ["JSON.parse of the same bytes", () => JSON.parse(nextJson())] as const
    bench(`10 KB real documents (${realDocs.length} varied), injection rules`, () => injectionText(injection, nextDoc(), "body"), { minMs: 1500, ref: jsonRef })
    bench(`10 KB real documents: injection (rules + classifier, as the proxy runs them)`, () => scanContent(injection, nextDoc(), "body"), { target: 300_000, minMs: 1500, ref: jsonRef })
    bench(`10 KB real documents: one RE2 literal search (reference)`, () => literal.test(nextRefDoc()), { minMs: 800, ref: jsonRef })
    bench(`10 KB real documents: injection + DLP`, () => { const d = nextDoc(); scanContent(injection, d, "body"); dlpText(dlp, d, "body") }, { target: 500_000, minMs: 1500, ref: jsonRef })
    bench(`10 KB real documents (${realDocs.length} varied), DLP`, () => dlpText(dlp, nextDoc(), "body"), { target: 500_000, minMs: 1500, ref: jsonRef })
  }
  bench("10 KB clean text, injection + DLP", () => (injectionText(injection, text10k, "body"), dlpText(dlp, text10k, "body")), { target: 500_000 })
  bench("10 KB clean text, DLP", () => dlpText(dlp, text10k, "body"))
  bench("text with a secret, DLP", () => dlpText(dlp, `config: token=ghp_${"a1B2c3D4e5".repeat(4)} region=eu`, "body"))
})

const adversarialRows = Effect.sync(() => {
  const adversarial: Array<[string, string]> = [
    ["repeated letters", "a".repeat(1 << 20)],
    ["near-miss phrases", "ignore all previous ".repeat(52429).slice(0, 1 << 20)],
    ["base64-looking run", "QUtJQUlPU0ZPRE5ON0VYQU1QTEU".repeat(40330).slice(0, 1 << 20)],
    ["nested brackets and quotes", "[\"'<{(".repeat(174763).slice(0, 1 << 20)],
    ["percent escapes", "%25".repeat(349526).slice(0, 1 << 20)]
  ]
  for (const [what, big] of adversarial) {
    const quarter = big.slice(0, 1 << 18)
    bench(`1 MB adversarial (${what}): injection + DLP`, () => (injectionText(injection, big, "body"), dlpText(dlp, big, "body")), { minMs: 1500 })
    bench(`  256 KB of the same (linearity check)`, () => (injectionText(injection, quarter, "body"), dlpText(dlp, quarter, "body")), { minMs: 800 })
  }
})

const loaded = loadOrThrow({})
const layer = InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(ConfigStoreLayer.layerTest(loaded), ResolverLayer.layer, SessionStoreLayer.layerTest())))
await Effect.runPromise(main.pipe(Effect.provide(layer)))

const width = Math.max(...rows.map((r) => r.name.length))
console.log(`\n${"scan".padEnd(width)}  ${"ns/op".padStart(12)}  ${"ops/s".padStart(12)}  ${"time/op".padStart(10)}  ${"target (docs/benchmarks.md)".padEnd(27)}  same-run reference`)
for (const r of rows) {
  const target = r.target === undefined ? "" : `≤ ${r.target} ${r.ok ? "✓" : "✗ over"}`
  const ref = r.ref === undefined ? "" : `${r.ref.name}: ${fmt(r.ref.nsPerOp)} (× ${(r.nsPerOp / r.ref.nsPerOp).toFixed(1)})`
  console.log(`${r.name.padEnd(width)}  ${r.nsPerOp.toFixed(0).padStart(12)}  ${Math.round(1e9 / r.nsPerOp).toString().padStart(12)}  ${fmt(r.nsPerOp).padStart(10)}  ${target.padEnd(18)}  ${ref}`)
}
const row = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))
const docsDlp = rows.find((r) => r.name.startsWith("10 KB real documents") && r.name.endsWith("DLP"))
const parse = row("  reference: JSON.parse")
const search = row("  reference: one RE2 literal")
if (docsDlp !== undefined && parse !== undefined && search !== undefined) {
  console.log(`\nDLP on real documents = ${(docsDlp.nsPerOp / parse.nsPerOp).toFixed(1)}× JSON.parse of the same text, ${(docsDlp.nsPerOp / search.nsPerOp).toFixed(0)}× one RE2 literal search over it`)
}
console.log(`\nnode ${process.version}, ${process.arch}; one core, one thread (the scanners are synchronous); ${cpuTime ? "CPU time per op (--cpu)" : "wall time per op"}`)
