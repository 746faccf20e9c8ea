/**
 * The DLP catalogue as configurations run it: gitleaks' rules and our additions are on with every shipped
 * config, the app's config and the Go presets; `include_defaults: false` keeps its Go meaning for the Go-named
 * patterns; `dlp.disabled_rules` turns built-in rules off; and the generated catalogue is what `npm run gen:dlp`
 * makes of the toml.
 */
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { load, loadOrThrow } from "../../../src/layers/config/load.ts"
import { compileSnapshot } from "../../../src/layers/Inspector.ts"
import { ConfigError } from "../../../src/services/Config.ts"
import { extendedDlpPatterns, gitleaksDlpPatterns, goDlpPatterns } from "../../../src/layers/detect/dlpPatterns.ts"
import { gitleaksRules, gitleaksSkipped } from "../../../src/layers/detect/dlpGitleaks.ts"
import { scanText } from "../../../src/layers/detect/dlp.ts"

const root = join(import.meta.dirname, "../../..")
/** `../shared` beside the repository, or two levels up (a worktree under `wt/`). */
const shared = [join(root, "../shared"), join(root, "../../shared")].find((d) => existsSync(d))
const compat = shared === undefined ? undefined : join(shared, "compat")
const toml = shared === undefined ? undefined : join(shared, "detect-data/dlp/gitleaks.toml")

const namesOf = (yaml: string | undefined, path = "test.yaml") => {
  const loaded = loadOrThrow({ file: yaml === undefined ? undefined : { path, text: yaml } })
  return new Set(compileSnapshot(loaded.config, {}).dlp.specs.map((s) => s.name))
}

const everyCatalogueRule = [...extendedDlpPatterns, ...gitleaksDlpPatterns].map((p) => p.name)

describe("DLP catalogue in every shipped configuration", () => {
  const configs: Array<[string, string | undefined]> = [
    ["built-in defaults", undefined],
    ...readdirSync(join(root, "config")).filter((f) => f.endsWith(".yaml")).map((f): [string, string] => [`config/${f}`, readFileSync(join(root, "config", f), "utf8")]),
    ...(compat !== undefined && existsSync(compat)
      ? readdirSync(compat).filter((f) => f.endsWith(".yaml") && !f.includes("helm-values")).map((f): [string, string] => [f, readFileSync(join(compat, f), "utf8")])
      : [])
  ]
  for (const [name, yaml] of configs) {
    it(`${name}: gitleaks' catalogue, our additions and the Go built-ins all run`, () => {
      const names = namesOf(yaml)
      for (const n of everyCatalogueRule) expect(names.has(n), `${name}: ${n}`).toBe(true)
      // The shipped presets list the Go catalogue themselves (include_defaults: false); the others merge it in.
      for (const p of goDlpPatterns) expect(names.has(p.name), `${name}: ${p.name}`).toBe(true)
    })
  }

  it("the catalogue holds every gitleaks rule with a regex (the path-only one is listed, not dropped)", () => {
    expect(gitleaksRules.length + gitleaksSkipped.length).toBe(222)
    expect(gitleaksSkipped.map((s) => s.id)).toEqual(["pkcs12-file"])
    expect(gitleaksDlpPatterns.map((p) => p.name)).toContain("gitleaks:slack-webhook-url")
  })

  it("include_defaults: false keeps its Go meaning: the Go-named patterns not listed are off, the catalogue stays", () => {
    const names = namesOf("dlp:\n  include_defaults: false\n  patterns:\n    - name: Anthropic API Key\n      regex: 'sk-ant-[a-zA-Z0-9\\-_]{10,}'\n")
    expect(names.has("Anthropic API Key")).toBe(true)
    expect(names.has("OpenAI API Key")).toBe(false)
    expect(names.has("Stripe Key")).toBe(false)
    // The core set runs whatever the config says; our additions and gitleaks' catalogue are not Go-named.
    expect(names.has("GitHub Token")).toBe(true)
    expect(names.has("Slack Webhook URL")).toBe(true)
    expect(names.has("gitleaks:openai-api-key")).toBe(true)
  })

  it("dlp.disabled_rules turns built-in rules off by name or glob; the core set stays", () => {
    const none = namesOf("dlp:\n  disabled_rules: ['gitleaks:*', 'Credential Assignment']\n")
    expect([...none].some((n) => n.startsWith("gitleaks:"))).toBe(false)
    expect(none.has("Credential Assignment")).toBe(false)
    expect(none.has("Slack Webhook URL")).toBe(true)
    expect(none.has("GitHub Token")).toBe(true)
    const one = namesOf("dlp:\n  disabled_rules: ['gitleaks:generic-api-key']\n")
    expect(one.has("gitleaks:generic-api-key")).toBe(false)
    expect(one.has("gitleaks:github-pat")).toBe(true)
  })

  it("dlp.disabled_rules: an entry naming no rule, or a core rule, is a config error with its path", () => {
    const r = load({ file: { path: "x.yaml", text: "dlp:\n  disabled_rules: ['gitleaks:no-such-rule', 'GitHub Token', 'gitleaks:slack-*']\n" } })
    expect(r).toBeInstanceOf(ConfigError)
    const problems = (r as ConfigError).problems.map((p) => `${p.path}: ${p.message}`)
    expect(problems.some((p) => p.startsWith("dlp.disabled_rules[0]: ") && p.includes("names no built-in DLP rule"))).toBe(true)
    expect(problems.some((p) => p.startsWith("dlp.disabled_rules[1]: ") && p.includes("core DLP rule"))).toBe(true)
    expect(problems.some((p) => p.startsWith("dlp.disabled_rules[2]"))).toBe(false)
  })

  it.runIf(compat !== undefined && existsSync(join(compat, "sure-pipelock.example.yaml")))("the app's example config finds a Slack webhook and a provider token assignment", () => {
    const loaded = loadOrThrow({ file: { path: "sure.yaml", text: readFileSync(join(compat!, "sure-pipelock.example.yaml"), "utf8") } })
    const dlp = compileSnapshot(loaded.config, {}).dlp
    expect(scanText(dlp, "notify https://hooks.slack.com/services/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", "body").map((f) => f.rule)).toContain("Slack Webhook URL")
    expect(scanText(dlp, 'pulumi_token = "mK8qZ2xV7nR4tL9wP3cF6hJ1bD5gS0yA"', "body").length).toBeGreaterThan(0)
  })
})

describe("npm run gen:dlp", () => {
  it.runIf(toml !== undefined && existsSync(toml))("reproduces the committed catalogue byte for byte", () => {
    const out = execFileSync(process.execPath, [join(root, "scripts/gen-dlp.ts"), "--check", toml!], { encoding: "utf8" })
    expect(out).toContain("is up to date")
  })
})
