/** Relative links between the docs (and their #anchors) point at files and headings that exist. */
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

  it("has the operator docs", () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining(["README.md", "deployment.md", "metrics.md", "modes-and-rollout.md", "tls-interception.md", "tracing.md", "troubleshooting.md"])
    )
  })

  it("resolves every relative link and anchor", () => {
    const broken: string[] = []
    for (const f of files) {
      const path = join(docs, f)
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
