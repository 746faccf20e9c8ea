import { existsSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { pipelock, spawnPipelock } from "../support/cli.ts"
import { request } from "../support/http.ts"

const sure = join(import.meta.dirname, "../../../shared/compat/sure-pipelock.example.yaml")

describe("pipelock CLI", () => {
  it("version prints the version, exit 0", async () => {
    const r = await pipelock(["version"])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^pipelock \d+\.\d+\.\d+/)
  })

  it("--help on each command prints its usage, exit 0", async () => {
    for (const args of [["--help"], ["run", "--help"], ["healthcheck", "--help"], ["generate", "config", "--help"], ["config", "validate", "--help"], ["version", "--help"]]) {
      const r = await pipelock(args)
      expect(r.code, args.join(" ")).toBe(0)
      expect(r.stdout, args.join(" ")).toContain("USAGE")
    }
    expect((await pipelock(["run", "--help"])).stdout).toContain("--mcp-upstream")
  })

  it("an unknown command or flag prints usage on stderr and exits 2", async () => {
    const a = await pipelock(["frobnicate"])
    expect(a.code).toBe(2)
    expect(a.stderr).toContain("USAGE")
    expect(a.stderr).toContain('Unknown subcommand "frobnicate"')
    const b = await pipelock(["run", "--bogus"])
    expect(b.code).toBe(2)
    expect(b.stderr).toContain("--bogus")
    const c = await pipelock(["generate", "config", "--preset", "lax"])
    expect(c.code).toBe(2)
  })

  it("config validate: 0 for a valid file, 2 with every error listed", async () => {
    const good = await pipelock(["config", "validate", "--config", join(import.meta.dirname, "../../config/strict.yaml")])
    expect(good.code).toBe(0)
    expect(good.stdout).toContain("valid (mode strict)")
    const bad = await pipelock(["config", "validate", "--config", "-"], { input: "mode: yolo\ndlp:\n  patterns:\n    - name: x\n      regx: y\n" })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('mode: expected "strict" | "balanced" | "audit"')
    expect(bad.stderr).toContain("dlp.patterns[0].regx: unknown key")
    expect(bad.stderr).toContain("dlp.patterns[0].regex: missing required key")
    const missing = await pipelock(["config", "validate", "--config", "/nonexistent/pipelock.yaml"])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("file not found")
  })

  it("generate config prints a preset that validates", async () => {
    const r = await pipelock(["generate", "config", "--preset", "audit"])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("mode: audit")
    const v = await pipelock(["config", "validate", "--config", "-"], { input: r.stdout })
    expect(v.code).toBe(0)
  })

  it("run with an invalid config exits 2 and starts nothing", async () => {
    const r = await pipelock(["run", "--config", "-", "--listen", "127.0.0.1:0"], { input: "bogus: true\n" })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("bogus: unknown key")
  })

  it("healthcheck exits 1 when nothing answers", async () => {
    const r = await pipelock(["healthcheck", "--addr", "127.0.0.1:9"])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("unhealthy")
  })

  it.runIf(existsSync(sure))("runs the app's config with the app's flags; healthcheck exits 0; SIGTERM exits 0", async () => {
    const port = 20000 + Math.floor(Math.random() * 20000)
    const { child, output, exited } = await spawnPipelock(
      ["run", "--config", sure, "--listen", `127.0.0.1:${port}`, "--mcp-listen", `127.0.0.1:${port + 1}`, "--mcp-upstream", "http://127.0.0.1:9/mcp"],
      /"listener":"mcp"/
    )
    try {
      const h = await pipelock(["healthcheck", "--addr", `127.0.0.1:${port}`])
      expect(h.code).toBe(0)
      expect(output()).toContain("config_warning")
      expect(output()).toContain("flight_recorder")
      expect((await request(`http://127.0.0.1:${port}/health`)).status).toBe(200)
    } finally {
      child.kill("SIGTERM")
    }
    expect(await exited).toBe(0)
    expect(output()).toContain('"event":"shutdown"')
  })
})
