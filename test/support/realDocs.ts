/**
 * Ordinary text for false-positive checks and scan benchmarks: the Markdown files under `node_modules`, walked in
 * sorted order (the same files on every machine with the same lockfile), each cut to its first `chars` characters.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"

export interface RealDocsOptions {
  readonly max: number
  readonly maxDepth: number
  readonly minBytes: number
  readonly maxBytes: number
  readonly chars: number
}

export const realDocs = (root: string, o: RealDocsOptions): string[] => {
  const out: string[] = []
  const walk = (d: string, depth: number) => {
    if (depth > o.maxDepth || out.length >= o.max) return
    let entries: string[]
    try {
      entries = readdirSync(d).sort()
    } catch {
      return
    }
    for (const f of entries) {
      if (out.length >= o.max) return
      const p = join(d, f)
      let st
      try {
        st = statSync(p)
      } catch {
        continue
      }
      if (st.isDirectory()) walk(p, depth + 1)
      else if (/\.md$/i.test(f) && st.size >= o.minBytes && st.size < o.maxBytes) out.push(readFileSync(p, "utf8").slice(0, o.chars))
    }
  }
  walk(join(root, "node_modules"), 0)
  return out
}

/** The set `bench:scan` and `bench:detect` read: up to 300 files of 2 KB–1 MB, first 10 KB of each. */
export const benchDocs = (root: string): string[] => realDocs(root, { max: 300, maxDepth: 6, minBytes: 2048, maxBytes: 1_000_000, chars: 10240 })
