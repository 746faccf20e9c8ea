/**
 * The production build: `npm run build:prod` bundles the CLI (src/programs/entry.ts) with esbuild into
 * dist-prod/pipelock.mjs plus chunks that load on demand (code splitting follows every dynamic `import()`,
 * so `pipelock version` loads the CLI parser and no scanner; `pipelock run` loads the proxy; OpenTelemetry,
 * TLS interception, WebSocket and MCP code load when the config turns them on). Tree-shaking drops what the
 * CLI never reaches. The native `re2` addon (and the optional native helpers of `ws`) stay external and are
 * loaded from node_modules.
 *
 * Imports of Effect's root barrel are rewritten to module paths and the presets are embedded pre-parsed (see
 * `unbarrel` and `presets` below): what `--help` and `check` load and parse at every start.
 *
 * The bundle lives one folder below the repository root, like src/ and dist/ files do not: two paths that the
 * source computes from its own location (the package.json for the version, config/ for the presets) are
 * rewritten for dist-prod/ here, and the build fails if they are not found, so a move in the source cannot
 * silently break the bundle.
 */
import { build, type Plugin } from "esbuild"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { isDeepStrictEqual } from "node:util"
import * as YAML from "yaml"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
/** `--outdir DIR` builds elsewhere (the image-layout test builds into a temporary folder); default dist-prod/. */
const outFlag = process.argv.indexOf("--outdir")
const outdir = outFlag > 0 && process.argv[outFlag + 1] !== undefined ? resolve(process.argv[outFlag + 1]!) : join(root, "dist-prod")
/** `--no-minify` keeps names and layout readable (for `--cpu-prof` and heap snapshots of the bundle). */
const minify = !process.argv.includes("--no-minify")

/**
 * The presets (config/*.yaml) as the loader parses them, embedded as JSON: every command that loads a
 * configuration starts from one, and parsing its 23 KB of commented YAML was ≈ 8% of `pipelock check --url`.
 * The files stay the source (`generate config` prints them; scripts/start.ts rebuilds when they change), and
 * the build fails if a preset holds a value JSON cannot carry.
 */
const presets = Object.fromEntries(["strict", "balanced", "audit"].map((mode) => {
  const parsed: unknown = YAML.parse(readFileSync(join(root, "config", `${mode}.yaml`), "utf8"))
  const json = JSON.stringify(parsed)
  if (!isDeepStrictEqual(JSON.parse(json), parsed)) throw new Error(`build:prod: config/${mode}.yaml holds a value JSON cannot carry`)
  return [mode, json]
}))

/** Source text rewritten for dist-prod/: source-relative URLs, and the presets' parse. */
const relocate: ReadonlyArray<{ readonly file: string; readonly from: string; readonly to: string }> = [
  { file: "src/version.ts", from: `new URL("../package.json", import.meta.url)`, to: `new URL("../package.json", import.meta.url)` },
  { file: "src/layers/config/load.ts", from: "new URL(`../../../config/${mode}.yaml`, import.meta.url)", to: "new URL(`../config/${mode}.yaml`, import.meta.url)" },
  { file: "src/layers/config/load.ts", from: "YAML.parse(presetText(mode))", to: `JSON.parse((${JSON.stringify(presets)} as Record<string, string>)[mode]!)` }
]

/**
 * Effect's root barrel (`import { Effect, Layer } from "effect"`) re-exports all of Effect's ≈ 140 modules.
 * esbuild places code by which entry points *reach* a file, and through the barrel every file of the CLI
 * reaches every Effect module: the parts of Stream, PubSub, Channel… that only `run` uses landed in the chunk
 * `--help` and `check` load. Each source file's barrel imports are rewritten here to the modules they name
 * (`import * as Effect from "effect/Effect"`: the same namespace object, so the same program), which the
 * source keeps as the barrel for readability.
 */
const barrel = (() => {
  const text = readFileSync(join(root, "node_modules/effect/dist/index.js"), "utf8")
  const modules = new Map<string, string>()
  for (const m of text.matchAll(/^export \* as (\w+) from "\.\/(\w+)\.js";?$/gm)) modules.set(m[1]!, m[2]!)
  const functions = new Set<string>()
  for (const m of text.matchAll(/^export \{([^}]*)\} from "\.\/Function\.js";?$/gm)) for (const n of m[1]!.replace(/\/\*[\s\S]*?\*\//g, "").split(",")) if (n.trim() !== "") functions.add(n.trim())
  if (modules.size < 100 || !modules.has("Effect") || !functions.has("pipe")) throw new Error("build:prod: node_modules/effect/dist/index.js is not the barrel scripts/build-prod.ts expects")
  return { modules, functions }
})()

/** `import { A, B as C, type D } from "effect"` → `import * as A from "effect/A"; import * as C from "effect/B"`. */
const unbarrel = (text: string, file: string): string =>
  text.replace(/^import \{([^}]*)\} from "effect";?$/gm, (_all, names: string) => {
    const out: string[] = []
    const fns: string[] = []
    for (const raw of names.split(",")) {
      const spec = raw.trim()
      if (spec === "" || spec.startsWith("type ")) continue
      const [name, alias = name] = spec.split(/\s+as\s+/) as [string, string?]
      if (barrel.functions.has(name)) fns.push(alias === name ? name : `${name} as ${alias}`)
      else if (barrel.modules.has(name)) out.push(`import * as ${alias} from "effect/${barrel.modules.get(name)}"`)
      else throw new Error(`build:prod: ${file} imports ${name} from "effect", which scripts/build-prod.ts does not map`)
    }
    if (fns.length > 0) out.push(`import { ${fns.join(", ")} } from "effect/Function"`)
    return out.join("; ")
  })

/**
 * Non-ASCII characters written as `\uXXXX` escapes. V8 keeps each module's source text in the heap (to compile
 * functions lazily), as Latin-1 when every character fits and as UTF-16 otherwise: one `у` in a regular
 * expression literal (esbuild escapes strings, comments and identifiers, not regex literals) doubled the 700 KB
 * scanner chunk to 1.4 MB of heap. An escape means the same character in a string, a template, a regex literal
 * (with or without the `u` flag, a surrogate pair as two escapes) and an identifier; not after a backslash or in
 * a `String.raw` template, so such lines are left as they are (the build checks the output below).
 */
const asciiOnly = (text: string): string =>
  text.split("\n").map((line) => line.includes("String.raw") || !/[^\x00-\x7f]/.test(line)
    ? line
    : line.replace(/(\\*)([^\x00-\x7f])/g, (all, slashes: string, c: string) =>
      slashes.length % 2 === 1 ? all : `${slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)).join("\n")

/**
 * The learned scanners' weights (src/layers/detect/classifierWeights.ts, generated by `npm run train:detect`:
 * each model's int8 codes as a base64 string literal, 430 KB of source) are written beside the bundle, one
 * `classifier-NAME.b64` file per model, and the module is replaced by one whose models read their `weights`
 * from that file when accessed. The classifier decodes a model the first time it scores a text
 * (injectionClassifier.ts), so `check --url`, `version` and a proxy that never scans content neither parse nor
 * keep the weights' text, and a proxy that does keeps only the decoded codes (the module's source and the
 * literal stayed in the heap, ≈ 0.8 MB, and cost `check` the parse). Everything but `weights` stays inline.
 */
const weightsModule = "src/layers/detect/classifierWeights.ts"
const weightFiles = new Map<string, string>()
const lazyWeights = async (): Promise<string> => {
  const mod = (await import(pathToFileURL(join(root, weightsModule)).href)) as Record<string, unknown>
  const lines = [
    `import { readFileSync } from "node:fs"`,
    `const lazy = (meta, file) => Object.defineProperty(meta, "weights", { enumerable: true, get: () => readFileSync(new URL(file, import.meta.url), "latin1") })`
  ]
  for (const [name, value] of Object.entries(mod)) {
    const m = value as { readonly name?: unknown; readonly weights?: unknown }
    if (typeof m !== "object" || m === null || typeof m.name !== "string" || !/^[a-z][a-z0-9-]*$/.test(m.name) || typeof m.weights !== "string") {
      throw new Error(`build:prod: ${weightsModule} exports ${name}, which is not a serialised model; update scripts/build-prod.ts`)
    }
    const { weights, ...meta } = m
    const file = `classifier-${m.name}.b64`
    if (weightFiles.has(file)) throw new Error(`build:prod: two models named ${m.name} in ${weightsModule}`)
    weightFiles.set(file, weights)
    lines.push(`export const ${name} = lazy(${JSON.stringify(meta)}, "./${file}")`)
  }
  return lines.join("\n")
}

/**
 * Rewrites of dependency code that runs when a module loads and costs every command start-up time, each made
 * lazy without changing what it computes; the build fails when the text is no longer there. Effect's CLI
 * builds an `Intl.Segmenter` (ICU's grapheme data) at load, ≈ 50 ms of `check --url` on this machine; only
 * the help and error layout measures text with it.
 */
const dependencyRewrites: ReadonlyArray<{ readonly file: string; readonly from: string; readonly to: string }> = [
  {
    file: "node_modules/effect/dist/cli/CliOutput.js",
    from: "const graphemeSegmenter = /*#__PURE__*/new Intl.Segmenter(undefined, {\n  granularity: \"grapheme\"\n});",
    to: "let graphemeSegmenterValue;\nconst graphemeSegmenter = { segment: (text) => (graphemeSegmenterValue ??= new Intl.Segmenter(undefined, { granularity: \"grapheme\" })).segment(text) };"
  }
]

const dependencyPlugin: Plugin = {
  name: "pipelock-dependency-rewrites",
  setup(b) {
    const found = new Set<string>()
    b.onLoad({ filter: /\/node_modules\/effect\/dist\/cli\/CliOutput\.js$/ }, (args) => {
      let text = readFileSync(args.path, "utf8")
      for (const r of dependencyRewrites.filter((x) => join(root, x.file) === args.path)) {
        if (!text.includes(r.from)) throw new Error(`build:prod: ${r.file} no longer contains the text scripts/build-prod.ts rewrites; update dependencyRewrites`)
        text = text.replace(r.from, r.to)
        found.add(r.file)
      }
      return { contents: text, loader: "js" }
    })
    b.onEnd(() => {
      for (const r of dependencyRewrites) if (!found.has(r.file)) throw new Error(`build:prod: ${r.file} was not bundled; update dependencyRewrites in scripts/build-prod.ts`)
    })
  }
}

const sourcePlugin: Plugin = {
  name: "pipelock-sources",
  setup(b) {
    const found = new Set<string>()
    b.onLoad({ filter: /\/src\/layers\/detect\/classifierWeights\.ts$/ }, async (args) => {
      if (args.path !== join(root, weightsModule)) return undefined
      return { contents: await lazyWeights(), loader: "js" }
    })
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, (args) => {
      let text = readFileSync(args.path, "utf8")
      for (const r of relocate.filter((x) => join(root, x.file) === args.path)) {
        if (!text.includes(r.from)) throw new Error(`build:prod: ${r.file} no longer contains ${r.from}; update scripts/build-prod.ts`)
        text = text.replaceAll(r.from, r.to)
        found.add(r.file)
      }
      return { contents: asciiOnly(unbarrel(text, args.path)), loader: "ts" }
    })
    b.onEnd(() => {
      for (const r of relocate) if (!found.has(r.file)) throw new Error(`build:prod: ${r.file} was not bundled; update scripts/build-prod.ts`)
    })
  }
}

/**
 * Node built-ins are required (CommonJS) rather than imported: importing a built-in as an ES module builds a
 * facade that reads every export, and `node:http`'s lazy `WebSocket`/`MessageEvent` getters then load Node's
 * bundled undici (≈ 0.8 MB of source kept in the heap, a few MB of RSS) that Pipelock never uses.
 */
const builtinsPlugin: Plugin = {
  name: "require-builtins",
  setup(b) {
    const names = new Set(builtinModules)
    b.onResolve({ filter: /^[a-z_/:]+$/ }, (args) => {
      const bare = args.path.startsWith("node:") ? args.path.slice(5) : args.path
      if (!names.has(bare) || args.namespace === "builtin") return undefined
      return { path: bare, namespace: "builtin" }
    })
    b.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({ contents: `module.exports = require("node:${args.path}")`, loader: "js" }))
  }
}

rmSync(outdir, { recursive: true, force: true })
const result = await build({
  absWorkingDir: root,
  entryPoints: { pipelock: "src/programs/entry.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22.18",
  outExtension: { ".js": ".mjs" },
  chunkNames: "[name]-[hash]",
  // The native addon is loaded from node_modules at run time, and so are optional packages that dependencies
  // import inside a try/catch when installed (ws's native helpers, redis's xxhash digest); none is shipped.
  external: ["re2", "bufferutil", "utf-8-validate", "@node-rs/xxhash"],
  // CommonJS dependencies inside an ES module bundle call `require` for Node built-ins.
  banner: { js: `import { createRequire as __pipelockCreateRequire } from "node:module"; const require = __pipelockCreateRequire(import.meta.url);` },
  mainFields: ["module", "main"],
  conditions: ["node", "import"],
  // Smaller source is less to parse at start-up and less kept in the heap (V8 keeps each module's source).
  minify,
  // Class and function names stay readable in errors and logs (Effect's tagged errors rely on them too).
  keepNames: true,
  legalComments: "linked",
  sourcemap: "linked",
  metafile: true,
  logLevel: "warning",
  plugins: [sourcePlugin, dependencyPlugin, builtinsPlugin]
})
writeFileSync(join(outdir, "meta.json"), JSON.stringify(result.metafile))
if (weightFiles.size === 0) throw new Error(`build:prod: ${weightsModule} was not bundled; update scripts/build-prod.ts`)
for (const [file, weights] of weightFiles) writeFileSync(join(outdir, file), weights, "latin1")
// An import form the rewrite above does not recognise leaves the barrel in: the bundle still works, only larger.
if (Object.keys(result.metafile.inputs).some((f) => f.endsWith("node_modules/effect/dist/index.js"))) {
  process.stderr.write("build:prod: warning: a file still imports Effect's root barrel (see unbarrel in scripts/build-prod.ts)\n")
}
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith(".mjs"))
// A chunk with one non-ASCII character is kept in the heap as UTF-16, twice its size (see asciiOnly).
for (const [f] of outputs) {
  if (/[^\x00-\x7f]/.test(readFileSync(join(root, f), "utf8"))) process.stderr.write(`build:prod: warning: ${f} holds non-ASCII characters (V8 keeps it as UTF-16; see asciiOnly in scripts/build-prod.ts)\n`)
}
const total = outputs.reduce((n, [, o]) => n + o.bytes, 0)
process.stdout.write(`build:prod: ${outputs.length} files, ${(total / 1024).toFixed(0)} KiB in dist-prod/ (entry dist-prod/pipelock.mjs)\n`)
