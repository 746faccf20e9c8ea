/**
 * The npm package as an embedder receives it: the licence text beside the code, `effect` shared with the
 * host (a peer, so one copy), source maps that carry their sources, and only modules that an entry point
 * (the package's exports or the CLI) reaches, so nothing written for the tests ships.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "../..")
const read = (p: string) => readFileSync(join(root, p), "utf8")

interface Pkg {
  readonly license: string
  readonly files: ReadonlyArray<string>
  readonly exports: Record<string, string | { types: string; default: string }>
  readonly dependencies: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly devDependencies: Record<string, string>
}
const pkg = JSON.parse(read("package.json")) as Pkg

interface BuildConfig {
  readonly compilerOptions: { sourceMap?: boolean; inlineSources?: boolean; declarationMap?: boolean; rootDir: string; outDir: string }
  readonly include: ReadonlyArray<string>
  readonly exclude?: ReadonlyArray<string>
}
const build = JSON.parse(read("tsconfig.build.json")) as BuildConfig

/** Every .ts file under a folder of the checkout, as a path relative to the root. */
const tsFiles = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const p = join(dir, name)
    return statSync(join(root, p)).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : []
  })

/** The modules a module reaches through relative imports (static, re-exports and dynamic `import()`). */
const reachable = (entries: ReadonlyArray<string>): Set<string> => {
  const seen = new Set<string>()
  const todo = [...entries]
  while (todo.length > 0) {
    const file = todo.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const m of read(file).matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)["'](\.{1,2}\/[^"']+\.ts)["']/gm)) {
      todo.push(relative(root, resolve(root, dirname(file), m[1])))
    }
  }
  return seen
}

/** The source module behind each `exports` entry (dist/x.js ↔ src/x.ts), the CLI's entry and the production bundle's (scripts/build-prod.ts). */
const entryModules = (): string[] => {
  const dist = Object.values(pkg.exports).flatMap((e) => (typeof e === "string" ? [e] : [e.default])).filter((p) => p.startsWith("./dist/"))
  return [...dist.map((p) => p.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts")), "src/programs/main.ts", "src/programs/entry.ts"]
}

describe("the npm package", () => {
  it("ships the Apache-2.0 licence text its package.json names, and the NOTICE", () => {
    expect(pkg.license).toBe("Apache-2.0")
    const text = read("LICENSE")
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/)
    for (const s of ["TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "2. Grant of Copyright License", "3. Grant of Patent License", "9. Accepting Warranty or Additional Liability", "END OF TERMS AND CONDITIONS"]) {
      expect(text).toContain(s)
    }
    expect(read("NOTICE")).toMatch(/Apache License, Version 2\.0/)
    expect(pkg.files).toEqual(expect.arrayContaining(["dist", "bin", "config", "LICENSE", "NOTICE"]))
  })

  it("takes effect from the host (a peer dependency, so the host and Pipelock share one copy)", () => {
    expect(pkg.dependencies.effect).toBeUndefined()
    expect(pkg.peerDependencies?.effect).toMatch(/^\^4\./)
    // Kept as a dev dependency too, so a checkout installs it.
    expect(pkg.devDependencies.effect).toBe(pkg.peerDependencies?.effect)
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { peerDependencies?: Record<string, string>; dev?: boolean }> }
    expect(lock.packages[""].peerDependencies?.effect).toBe(pkg.peerDependencies?.effect)
    // The production install (the Dockerfile's `npm prune --omit=dev`) keeps it: it is not a dev-only package.
    expect(lock.packages["node_modules/effect"].dev).toBeUndefined()
  })

  it("builds source maps that carry their sources (the sources themselves are not shipped)", () => {
    const o = build.compilerOptions
    if (o.sourceMap === true || o.declarationMap === true) expect(o.inlineSources).toBe(true)
    expect(o.declarationMap ?? false).toBe(false)
    expect(pkg.files).not.toContain("src")
  })

  it("compiles only modules an entry point reaches: nothing written for the tests ships", () => {
    const excluded = new Set(build.exclude ?? [])
    const built = tsFiles("src").filter((f) => !excluded.has(f))
    const used = reachable(entryModules())
    expect(built.filter((f) => !used.has(f)).sort()).toEqual([])
    // The excluded modules really are outside the package: no shipped module imports them.
    for (const f of excluded) expect(used.has(f), f).toBe(false)
    expect(excluded).toContain("src/layers/config/helmValues.ts")
  })
})
