/** Relative links in the docs and the README (and their #anchors) point at files and headings that exist. */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..", "..")
const docs = join(root, "docs")

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const anchorsOf = (markdown: string): Set<string> =>
  new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    m[1].trim().toLowerCase().replace(/[`*_]/g, "").replace(/[^\p{L}\p{N} -]/gu, "").replace(/ /g, "-")
  ))

describe("docs links", () => {
  const files = readdirSync(docs).filter((f) => f.endsWith(".md"))
  /** The docs pages and the top-level README, as paths. */
  const pages = [...files.map((f) => join(docs, f)), join(root, "README.md")]

  it("has the operator docs", () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining(["README.md", "benchmarks.md", "configuration.md", "deployment.md", "development.md", "metrics.md", "modes-and-rollout.md", "tls-interception.md", "tracing.md", "troubleshooting.md"])
    )
  })

  it("resolves every relative link and anchor, in docs/ and the README", () => {
    const broken: string[] = []
    for (const path of pages) {
      const f = relative(root, path)
      const text = readFileSync(path, "utf8")
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]
        if (/^[a-z]+:/.test(target)) continue
        const [file, anchor] = target.split("#")
        const resolved = file === "" ? path : join(dirname(path), file)
        if (!existsSync(resolved)) {
          broken.push(`${f}: ${target} (no ${relative(root, resolved)})`)
          continue
        }
        if (anchor !== undefined && resolved.endsWith(".md") && !anchorsOf(readFileSync(resolved, "utf8")).has(anchor)) {
          broken.push(`${f}: ${target} (no heading #${anchor})`)
        }
      }
    }
    expect(broken).toEqual([])
  })
})
