/**
 * Benign documentation from packages in node_modules, for the learned scanner's negatives and calibration:
 * ordinary READMEs, changelogs and docs of the kinds a proxy relays. Only packages whose package.json licence
 * is MIT, ISC, BSD-2/3-Clause, 0BSD or Apache-2.0 are read, and the text is never committed: the manifest
 * (`bench/detect-own/benign-docs.json`: package, version, licence, file, SHA-256) pins what is read, so
 * `npm run train:detect` reproduces the weights from the installed node_modules (package-lock.json pins the
 * versions) and fails when a file differs. `node scripts/detect/benignDocs.ts --write` regenerates the manifest.
 *
 * Half of the packages (by CRC-32 of the name) are never read for training: `npm run bench:detect` probes
 * false positives on the real documentation of those (see `isTrainingPackage`).
 */
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { crc32 } from "./train.ts"

const root = join(import.meta.dirname, "../..")
export const manifestPath = join(root, "bench/detect-own/benign-docs.json")
const LICENCES = new Set(["MIT", "ISC", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "Apache-2.0"])

export interface ManifestEntry {
  readonly package: string
  readonly version: string
  readonly license: string
  readonly file: string
  readonly sha256: string
}

/** Packages used for training (the other half is the real-documentation false-positive probe). */
export const isTrainingPackage = (name: string): boolean => crc32(name) % 2 === 0

const packages = (): string[] => {
  const dir = join(root, "node_modules")
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const f of readdirSync(dir).sort()) {
    if (f.startsWith(".")) continue
    if (f.startsWith("@")) for (const g of readdirSync(join(dir, f)).sort()) out.push(`${f}/${g}`)
    else out.push(f)
  }
  return out
}

const MAX_FILES_PER_PACKAGE = 4

/** Scans node_modules for the manifest: Markdown files (≥ 1 KB) of the training half of the permissively licensed packages. */
export const scan = (): ManifestEntry[] => {
  const out: ManifestEntry[] = []
  for (const name of packages()) {
    if (!isTrainingPackage(name)) continue
    const dir = join(root, "node_modules", name)
    let pkg: { version?: string; license?: unknown }
    try {
      pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    } catch {
      continue
    }
    const license = typeof pkg.license === "string" ? pkg.license : ""
    if (!LICENCES.has(license)) continue
    const files: string[] = []
    const walk = (d: string, depth: number) => {
      let entries: string[]
      try {
        entries = readdirSync(d).sort()
      } catch {
        return
      }
      for (const f of entries) {
        if (f === "node_modules" || f.startsWith(".")) continue
        const p = join(d, f)
        const st = statSync(p)
        if (st.isDirectory() && depth < 2) walk(p, depth + 1)
        else if (st.isFile() && /\.md$/i.test(f) && st.size >= 1024 && st.size < 400_000) files.push(p.slice(dir.length + 1))
      }
    }
    walk(dir, 0)
    for (const file of files.slice(0, MAX_FILES_PER_PACKAGE)) {
      const sha256 = createHash("sha256").update(readFileSync(join(dir, file))).digest("hex")
      out.push({ package: name, version: pkg.version ?? "", license, file, sha256 })
    }
  }
  return out
}

export const readManifest = (): ManifestEntry[] => (existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, "utf8")) as ManifestEntry[]) : [])

/** At most this many paragraphs per file, of up to CHUNK characters each. */
const CHUNKS_PER_FILE = 12
const CHUNK = 1200

/**
 * The manifest's files as text rows (paragraph groups split at blank lines, ≤ 1,200 characters), checked
 * against their SHA-256. Throws when a file is missing or differs (the weights would not reproduce).
 */
export const benignDocRows = (): Array<{ id: string; source: string; license: string; category: string; expected: "allow"; text: string }> => {
  const rows: Array<{ id: string; source: string; license: string; category: string; expected: "allow"; text: string }> = []
  for (const e of readManifest()) {
    const path = join(root, "node_modules", e.package, e.file)
    if (!existsSync(path)) throw new Error(`benign docs: ${e.package}/${e.file} is missing (run npm ci)`)
    const bytes = readFileSync(path)
    if (createHash("sha256").update(bytes).digest("hex") !== e.sha256) throw new Error(`benign docs: ${e.package}/${e.file} differs from the manifest (run npm ci, or regenerate with --write)`)
    const paragraphs = bytes.toString("utf8").split(/\n\s*\n/)
    let chunk = ""
    let n = 0
    const flush = () => {
      if (chunk.trim().length >= 200 && n < CHUNKS_PER_FILE) {
        rows.push({ id: `npm:${e.package}:${e.file}#${n}`, source: `npm/${e.package.replace(/^@/, "")}@${e.version}:${e.file}#${n}`, license: e.license, category: "benign-docs: node_modules", expected: "allow", text: chunk.trim() })
        n++
      }
      chunk = ""
    }
    for (const p of paragraphs) {
      if (chunk.length + p.length > CHUNK) flush()
      chunk += (chunk === "" ? "" : "\n\n") + p.slice(0, CHUNK)
    }
    flush()
  }
  return rows
}

if (import.meta.main && process.argv.includes("--write")) {
  const m = scan()
  writeFileSync(manifestPath, `${JSON.stringify(m, null, 1)}\n`)
  console.log(`wrote ${manifestPath}: ${m.length} files from ${new Set(m.map((e) => e.package)).size} packages`)
}
