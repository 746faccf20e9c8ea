/**
 * docs/embedding.md's complete example, type-checked and run from the packed tarball installed into a fresh
 * app, as an embedder would: build (into a staging copy, the checkout's dist/ is not touched) → `npm pack`
 * → install into a temporary app → `tsc` against the package's declarations → run.
 *
 * The install is the tarball unpacked as `node_modules/pipelock`, beside exactly the packages its
 * package.json declares as `dependencies`, plus the peer `effect`, each linked from this checkout's
 * node_modules: no registry is reached (an offline `npm install` cannot resolve version ranges from a cache
 * that `npm ci` filled with tarballs only, and re2's native addon would have to be compiled again). A
 * dependency the code imports but the package does not declare is therefore missing, as it would be for a
 * user. The optional dependencies (OpenTelemetry) are left out, as `npm install --omit=optional` would:
 * the library and the CLI must work without them.
 */
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "../..")
const tsc = join(root, "node_modules/typescript/bin/tsc")
const work = mkdtempSync(join(tmpdir(), "pipelock-tarball-"))
const app = join(work, "app")

interface Pkg {
  readonly files: ReadonlyArray<string>
  readonly dependencies: Record<string, string>
  readonly optionalDependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
}

const run = (command: string, args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv = process.env): string => {
  try {
    return execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 })
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string }
    throw new Error(`${x.message}\n${x.stdout ?? ""}${x.stderr ?? ""}`)
  }
}

/** The first ```ts block under the given heading of a markdown page. */
const exampleOf = (markdown: string, heading: string): string => {
  const at = markdown.indexOf(`\n## ${heading}\n`)
  expect(at, `heading "${heading}"`).toBeGreaterThan(-1)
  const m = /\n```ts\n([\s\S]*?)\n```\n/.exec(markdown.slice(at))
  expect(m, `a ts block under "${heading}"`).not.toBeNull()
  return m![1]
}

const link = (name: string) => {
  const from = join(root, "node_modules", name)
  expect(existsSync(from), `${name} is installed in the checkout`).toBe(true)
  const to = join(app, "node_modules", name)
  mkdirSync(dirname(to), { recursive: true })
  symlinkSync(from, to, "dir")
}

let files: string[] = []
let packed: Pkg

beforeAll(() => {
  // 1. Build into a staging copy of the package (what `npm run build` puts in dist/).
  const staging = join(work, "package")
  mkdirSync(staging)
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Pkg
  run(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", join(staging, "dist")], root)
  cpSync(join(root, "package.json"), join(staging, "package.json"))
  for (const f of pkg.files) if (f !== "dist" && existsSync(join(root, f))) cpSync(join(root, f), join(staging, f), { recursive: true })

  // 2. Pack it.
  const out = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], staging)) as Array<{ filename: string; files: Array<{ path: string }> }>
  files = out[0].files.map((f) => f.path)
  const tgz = join(work, out[0].filename)

  // 3. Install it into a fresh app: the tarball as node_modules/pipelock, its declared dependencies and the peer beside it.
  mkdirSync(join(app, "node_modules/pipelock"), { recursive: true })
  run("tar", ["-xzf", tgz, "-C", join(app, "node_modules/pipelock"), "--strip-components=1"], work)
  packed = JSON.parse(readFileSync(join(app, "node_modules/pipelock/package.json"), "utf8")) as Pkg
  for (const name of [...Object.keys(packed.dependencies), ...Object.keys(packed.peerDependencies ?? {})]) link(name)
  link("@types/node") // the app's own dev dependency, for tsc
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "embedding-example", private: true, type: "module" }))
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      // Effect's own declarations name Web Crypto types (CryptoKey): the DOM lib, rather than skipLibCheck, so that
      // Pipelock's declarations are checked too.
      target: "es2023", lib: ["es2023", "dom"], module: "nodenext", moduleResolution: "nodenext", types: ["node"], strict: true, noEmit: true, verbatimModuleSyntax: true, erasableSyntaxOnly: true },
    include: ["main.ts"]
  }))
  writeFileSync(join(app, "main.ts"), exampleOf(readFileSync(join(root, "docs/embedding.md"), "utf8"), "A complete example"))
}, 240_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe("the packed tarball in a fresh app", () => {
  it("ships the build, the CLI and the presets, and nothing written for the tests", () => {
    for (const f of ["package.json", "LICENSE", "NOTICE", "README.md", "bin/pipelock.js", "dist/index.js", "dist/index.d.ts", "dist/layers/index.js", "dist/services/index.js", "dist/testing.js", "config/balanced.yaml"]) {
      expect(files, f).toContain(f)
    }
    expect(files.filter((f) => !/^(dist|bin|config)\//.test(f) && !["package.json", "LICENSE", "NOTICE", "README.md"].includes(f))).toEqual([])
    expect(files.filter((f) => /(^|\/)(test|bench|fixtures)\/|helmValues|\.test\.js$/.test(f))).toEqual([])
    expect(files.some((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toBe(false)
  })

  it("declares OpenTelemetry optional and needs no @effect/platform-node", () => {
    expect(Object.keys(packed.dependencies).filter((d) => d.includes("opentelemetry"))).toEqual([])
    expect(Object.keys(packed.optionalDependencies ?? {})).toContain("@effect/opentelemetry")
    expect(packed.dependencies["@effect/platform-node"]).toBeUndefined()
    expect(packed.peerDependencies?.effect).toMatch(/^\^4\./)
  })

  it("type-checks the docs example against the package's declarations, and runs it", () => {
    run(process.execPath, [tsc, "-p", app], app)
    const printed = run(process.execPath, ["main.ts"], app)
    expect(printed).toMatch(/^scan: block \(AWS Access ID\)\nproxy: port \d+ answered \/health with 200\nwith the kill switch on: \/health answered 503\n$/)
    const port = Number(/port (\d+)/.exec(printed)![1])
    expect(port).toBeGreaterThan(0)
  }, 120_000)

  it("runs the installed CLI without the optional packages", () => {
    const bin = join(app, "node_modules/pipelock/bin/pipelock.js")
    expect(run(process.execPath, [bin, "version"], app)).toMatch(/^pipelock \d+\.\d+\.\d+/)
    expect(run(process.execPath, [bin, "config", "validate", "--config", join(app, "node_modules/pipelock/config/strict.yaml")], app)).toMatch(/valid|ok/i)
  }, 60_000)
})
