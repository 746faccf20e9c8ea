/**
 * The `pipelock` command line. Commands that end by themselves run in-process through the CLI's own entry
 * (runCli, what bin/pipelock.js runs), so they cost no Node start-up; what is about the process itself (stdin,
 * signals, the Node check, a long-running `run`) runs the real executable, with limits that hold on a loaded
 * 2-core machine.
 */
import { execFile } from "node:child_process"
import { existsSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { bin, pipelock, pipelockInProcess as cli, spawnPipelock } from "../support/cli.ts"
import { freePort } from "../support/fixtures.ts"
import { request } from "../support/http.ts"

const sure = join(import.meta.dirname, "../../../shared/compat/sure-pipelock.example.yaml")
const PROCESS_TIMEOUT = 120_000

const dir = mkdtempSync(join(tmpdir(), "pipelock-cli-"))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe("pipelock CLI", () => {
  it("version, --version and -v print the same line, exit 0", async () => {
    const outs = await Promise.all([["version"], ["--version"], ["-v"]].map((a) => cli(a)))
    for (const r of outs) {
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^pipelock \d+\.\d+\.\d+\n$/)
    }
    expect(new Set(outs.map((r) => r.stdout)).size).toBe(1)
  })

  it("--help on each command prints its usage, exit 0", async () => {
    for (const args of [["--help"], ["run", "--help"], ["healthcheck", "--help"], ["generate", "config", "--help"], ["config", "validate", "--help"], ["version", "--help"], ["check", "--help"], ["mcp", "proxy", "--help"], ["tls", "init", "--help"]]) {
      const r = await cli(args)
      expect(r.code, args.join(" ")).toBe(0)
      expect(r.stdout, args.join(" ")).toContain("USAGE")
    }
    expect((await cli(["run", "--help"])).stdout).toContain("--mcp-upstream")
  })

  it("an unknown command or flag prints usage on stderr and exits 2", async () => {
    const a = await cli(["frobnicate"])
    expect(a.code).toBe(2)
    expect(a.stderr).toContain("USAGE")
    expect(a.stderr).toContain('Unknown subcommand "frobnicate"')
    const b = await cli(["run", "--bogus"])
    expect(b.code).toBe(2)
    expect(b.stderr).toContain("--bogus")
    const c = await cli(["generate", "config", "--preset", "lax"])
    expect(c.code).toBe(2)
  })

  it("config validate: 0 for a valid file, 2 with every error listed", async () => {
    const good = await cli(["config", "validate", "--config", join(import.meta.dirname, "../../config/strict.yaml")])
    expect(good.code).toBe(0)
    expect(good.stdout).toContain("valid (mode strict)")
    const bad = await cli(["config", "validate", "--config", file("bad.yaml", "mode: yolo\ndlp:\n  patterns:\n    - name: x\n      regx: y\n")])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('mode: expected "strict" | "balanced" | "audit"')
    expect(bad.stderr).toContain("dlp.patterns[0].regx: unknown key")
    expect(bad.stderr).toContain("dlp.patterns[0].regex: missing required key")
    const missing = await cli(["config", "validate", "--config", "/nonexistent/pipelock.yaml"])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("file not found")
  })

  it("a YAML syntax error shows the offending line with a caret under the column", async () => {
    const r = await cli(["config", "validate", "--config", file("syntax.yaml", "mode: balanced\ndlp:\n  scan_env: true\n   include_defaults: [x\n")])
    expect(r.code).toBe(2)
    const lines = r.stderr.split("\n")
    const at = lines.findIndex((l) => /^ {2}\(line \d+, column \d+\): \S/.test(l))
    expect(at, r.stderr).toBeGreaterThanOrEqual(0)
    const [, line, column] = /\(line (\d+), column (\d+)\)/.exec(lines[at])!.map(Number)
    // The header names the problem (nothing dangling after a colon), then the line itself, then the caret.
    expect(lines[at]).not.toMatch(/:\s*$/)
    const shown = lines.slice(at + 1).find((l) => new RegExp(`^ +${line} \\| `).test(l))
    expect(shown, r.stderr).toBeDefined()
    const caret = lines[lines.indexOf(shown!) + 1]
    expect(caret).toMatch(/^ +\| +\^$/)
    expect(caret.indexOf("^") - caret.indexOf("|") - 2).toBe(column - 1)
  })

  it("generate config prints each preset so that it validates with no warnings", async () => {
    for (const preset of ["balanced", "strict", "audit"]) {
      const r = await cli(["generate", "config", "--preset", preset])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(`mode: ${preset}`)
      const v = await cli(["config", "validate", "--config", file(`${preset}.yaml`, r.stdout)])
      expect(v.code, v.stderr).toBe(0)
      expect(v.stderr, `${preset}: ${v.stderr}`).toBe("")
      expect(v.stdout).toContain(`valid (mode ${preset})`)
    }
  })

  it("run with an invalid config exits 2 and starts nothing", async () => {
    const r = await cli(["run", "--config", file("unknown-key.yaml", "bogus: true\n"), "--listen", "127.0.0.1:0"])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("bogus: unknown key")
  })

  it("healthcheck exits 1 when nothing answers", async () => {
    const r = await cli(["healthcheck", "--addr", `127.0.0.1:${await freePort()}`])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("unhealthy")
  })
})

describe("the pipelock executable", () => {
  it("reads --config - from standard input, also from a shell pipe whose writer is slow to close it", async () => {
    // A shell pipe whose writer keeps it open after writing: reading fd 0 once the CLI runtime has made it
    // non-blocking used to fail with EAGAIN before the end of input came.
    const late = `(printf 'mode: audit\\n'; sleep 3) | "${process.execPath}" "${bin}" config validate --config -`
    const [valid, invalid] = await Promise.all([
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        execFile("sh", ["-c", late], { timeout: 90_000 }, (e, stdout, stderr) => resolve({ code: e === null ? 0 : (e.code as number), stdout, stderr }))),
      pipelock(["run", "--config", "-", "--listen", "127.0.0.1:0"], { input: "bogus: true\n" })
    ])
    expect(valid.stderr).toBe("")
    expect(valid.stdout).toContain("(stdin): valid (mode audit)")
    expect(valid.code).toBe(0)
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toContain("bogus: unknown key")
  }, PROCESS_TIMEOUT)

  it("refuses a Node older than 22.18 in one line, exit 2", async () => {
    // The version Node reports is what bin/check-node.js reads; a preload makes this Node claim 20.11.1.
    const old = 'data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:"20.11.1"}})'
    const r = await pipelock(["version"], { nodeArgs: ["--import", old] })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toBe('pipelock needs Node >= 22.18 (found v20.11.1); see README "Quick start"\n')
  }, PROCESS_TIMEOUT)

  it("runs on the built-in balanced preset: /health 200, healthcheck exits 0, SIGTERM exits 0", async () => {
    const port = await freePort()
    const { child, output, exited } = await spawnPipelock(["run", "--listen", `127.0.0.1:${port}`], /"event":"started"/)
    try {
      expect(output()).toContain('"mode":"balanced"')
      expect(output()).not.toContain("config_warning")
      expect((await request(`http://127.0.0.1:${port}/health`)).status).toBe(200)
      expect((await cli(["healthcheck", "--addr", `127.0.0.1:${port}`])).code).toBe(0)
    } finally {
      child.kill("SIGTERM")
    }
    expect(await exited).toBe(0)
    expect(output()).toContain('"event":"shutdown"')
  }, PROCESS_TIMEOUT)

  it.runIf(existsSync(sure))("runs the app's config with the app's flags; healthcheck exits 0; SIGTERM exits 0", async () => {
    const port = await freePort()
    const mcpPort = await freePort()
    const { child, output, exited } = await spawnPipelock(
      ["run", "--config", sure, "--listen", `127.0.0.1:${port}`, "--mcp-listen", `127.0.0.1:${mcpPort}`, "--mcp-upstream", "http://127.0.0.1:9/mcp"],
      /"listener":"mcp"/
    )
    try {
      const h = await cli(["healthcheck", "--addr", `127.0.0.1:${port}`])
      expect(h.code).toBe(0)
      expect(output()).toContain("config_warning")
      expect(output()).toContain("flight_recorder")
      expect((await request(`http://127.0.0.1:${port}/health`)).status).toBe(200)
    } finally {
      child.kill("SIGTERM")
    }
    expect(await exited).toBe(0)
    expect(output()).toContain('"event":"shutdown"')
  }, PROCESS_TIMEOUT)
})
