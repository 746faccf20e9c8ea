/**
 * The README is a newcomer's first screen: what Pipelock is, the two Quick-start commands, pointing an app at
 * it, the CLI table and where the docs are, in at most 80 lines. Everything else lives in docs/.
 */
import { accessSync, constants, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..", "..")
const readme = readFileSync(join(root, "README.md"), "utf8")
const lines = readme.trimEnd().split("\n")

describe("README.md", () => {
  it("fits in 80 lines, with its sections in a newcomer's order", () => {
    expect(lines.length).toBeLessThanOrEqual(80)
    const headings = lines.filter((l) => l.startsWith("## "))
    expect(headings).toEqual(["## Quick start", "## Pointing an app at it", "## CLI", "## Documentation"])
  })

  it("gives exactly two Quick-start commands, run and test, through the one Node script", () => {
    const section = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("## Pointing an app at it"))
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]
    const commands = block.trim().split("\n").map((l) => l.replace(/\s+#.*$/, ""))
    expect(commands).toEqual(["./scripts/node.sh --install npm start", "./scripts/node.sh --install npm test"])
    accessSync(join(root, "scripts", "node.sh"), constants.X_OK)
  })

  it("tells how to point an app at the proxy in both letter cases (curl ignores upper-case HTTP_PROXY)", () => {
    for (const name of ["HTTPS_PROXY=", "https_proxy=", "http_proxy="]) expect(readme).toContain(name)
  })

  it("lists every CLI command", () => {
    for (const command of ["run", "check", "healthcheck", "mcp proxy", "tls init", "generate config", "config validate", "internal-redirect", "version"]) {
      expect(readme).toContain(`\`pipelock ${command}`)
    }
  })

  it("links every docs page, and neither it nor the docs point at a design document this repository lacks", () => {
    for (const page of readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md") && f !== "README.md")) expect(readme).toContain(`](docs/${page})`)
    for (const page of ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f))]) {
      expect(readFileSync(join(root, page), "utf8"), page).not.toMatch(/DESIGN(\.md)? ?§/)
    }
  })
})
