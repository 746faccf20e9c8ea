import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import RE2 from "re2"
import * as YAML from "yaml"
import { builtinDlpPatterns } from "../../../src/layers/detect/dlpPatterns.ts"
import { builtinInjectionPatterns, goInjectionRegexes } from "../../../src/layers/detect/injectionPatterns.ts"
import { ConfigError } from "../../../src/services/Config.ts"
import { deepMerge, load, presetText, type Loaded } from "../../../src/layers/config/load.ts"
import { renderHelmValues } from "../../../src/layers/config/helmValues.ts"

const compat = join(import.meta.dirname, "../../../../shared/compat")

const loadText = (text: string, extra: Partial<Parameters<typeof load>[0]> = {}) =>
  load({ file: { path: "test.yaml", text }, ...extra })

const problemsOf = (text: string): string[] => {
  const r = loadText(text)
  expect(r).toBeInstanceOf(ConfigError)
  return (r as ConfigError).problems.map((p) => `${p.path}: ${p.message}`)
}

const ok = (r: Loaded | ConfigError): Loaded => {
  if (r instanceof ConfigError) throw new Error(r.message)
  return r
}

describe("config: the compat files", () => {
  const files = existsSync(compat) ? readdirSync(compat).filter((f) => f.endsWith(".yaml")) : []

  it.runIf(files.length > 0)("loads every Pipelock config in ../shared/compat without errors", () => {
    for (const f of files.filter((f) => !f.includes("helm-values"))) {
      const r = load({ file: { path: f, text: readFileSync(join(compat, f), "utf8") } })
      expect(r instanceof ConfigError ? r.message : "ok", f).toBe("ok")
    }
  })

  it.runIf(files.some((f) => f.includes("helm-values")))("renders the app's Helm values into a config that loads", () => {
    for (const f of files.filter((f) => f.includes("helm-values"))) {
      const values = YAML.parse(readFileSync(join(compat, f), "utf8")).pipelock as Record<string, unknown>
      const { config, unmapped } = renderHelmValues(values)
      expect(unmapped, f).toEqual([])
      const r = load({ file: { path: f, text: YAML.stringify(config) } })
      expect(r instanceof ConfigError ? r.message : "ok", f).toBe("ok")
      const loaded = ok(r)
      expect(loaded.config.forward_proxy.idle_timeout_seconds).toBe(60)
      expect(loaded.config.mcp_session_binding.enabled).toBe(true)
    }
  })

  it.runIf(files.includes("sure-pipelock.example.yaml"))("warns by name about the app's keys that are not implemented, and only those", () => {
    const r = ok(load({ file: { path: "sure.yaml", text: readFileSync(join(compat, "sure-pipelock.example.yaml"), "utf8") } }))
    const text = r.warnings.join("\n")
    expect(text).toContain("health_watchdog.enabled")
    expect(text).toContain("flight_recorder.require_receipts")
    expect(text).not.toContain("forward_proxy")
    expect(text).not.toContain("dlp.")
  })
})

describe("config: presets", () => {
  for (const mode of ["strict", "balanced", "audit"] as const) {
    it.runIf(existsSync(join(compat, `pipelock-preset-${mode}.yaml`)))(`config/${mode}.yaml equals the Go ${mode} preset on every value they share`, () => {
      const ours = YAML.parse(presetText(mode))
      const go = YAML.parse(readFileSync(join(compat, `pipelock-preset-${mode}.yaml`), "utf8"))
      delete go.sentry // left out on purpose: it reports crashes to the Go maintainer's Sentry
      expect(ours).toEqual(go)
    })
  }

  it("uses the preset of the mode asked for under the file", () => {
    const strict = ok(loadText("mode: strict\n"))
    expect(strict.config.fetch_proxy.monitoring.max_url_length).toBe(500)
    expect(strict.config.request_body_scanning.action).toBe("block")
    const balanced = ok(loadText("mode: balanced\n"))
    expect(balanced.config.fetch_proxy.monitoring.max_url_length).toBe(2048)
    expect(balanced.config.dlp.patterns.length).toBe(49)
    expect(balanced.config.response_scanning.patterns.length).toBe(21)
  })

  it("runs on the balanced preset when no file is given", () => {
    const r = ok(load({}))
    expect(r.config.mode).toBe("balanced")
    expect(r.run.listen).toBe("127.0.0.1:8888")
    expect(r.warnings).toEqual([])
  })
})

describe("config: precedence (preset < file < PIPELOCK_* env < flags)", () => {
  const file = "mode: balanced\nfetch_proxy:\n  listen: 127.0.0.1:7000\n  monitoring:\n    max_url_length: 1000\n"

  it("a file overrides the preset", () => {
    expect(ok(loadText(file)).config.fetch_proxy.monitoring.max_url_length).toBe(1000)
  })

  it("the environment overrides the file", () => {
    const r = ok(loadText(file, { env: { PIPELOCK__fetch_proxy__monitoring__max_url_length: "900", PIPELOCK_LISTEN: "127.0.0.1:7001" } }))
    expect(r.config.fetch_proxy.monitoring.max_url_length).toBe(900)
    expect(r.run.listen).toBe("127.0.0.1:7001")
  })

  it("a file that adds its own patterns keeps the built-in catalogues unless it says include_defaults: false", () => {
    const own = "dlp:\n  patterns:\n    - { name: Internal Token, regex: 'itk_[a-z0-9]{20}', severity: high }\nresponse_scanning:\n  patterns:\n    - { name: Custom Phrase, regex: '(?i)obey the banner', severity: high }\n"
    const merged = ok(loadText(own)).config
    expect(merged.dlp.include_defaults).toBe(true)
    expect(merged.response_scanning.include_defaults).toBe(true)
    const only = ok(loadText(own.replace("dlp:\n", "dlp:\n  include_defaults: false\n"))).config
    expect(only.dlp.include_defaults).toBe(false)
    expect(ok(loadText("mode: balanced\n")).config.dlp.include_defaults).toBe(false) // the preset lists the whole catalogue itself
  })

  it("CA and secrets paths are relative to the config file's folder, as in the Go loader", () => {
    const text = "tls_interception:\n  ca_cert: certs/ca.pem\n  ca_key: /abs/ca-key.pem\n"
    const r = ok(load({ file: { path: "/etc/pipelock/pipelock.yaml", text } }))
    expect(r.config.tls_interception.ca_cert).toBe("/etc/pipelock/certs/ca.pem")
    expect(r.config.tls_interception.ca_key).toBe("/abs/ca-key.pem")
  })

  it("flags override the environment", () => {
    const r = ok(loadText(file, { env: { PIPELOCK_MODE: "audit", PIPELOCK_LISTEN: "127.0.0.1:7001" }, flags: { mode: "strict", listen: "127.0.0.1:7002" } }))
    expect(r.config.mode).toBe("strict")
    expect(r.run.listen).toBe("127.0.0.1:7002")
    expect(r.config.fetch_proxy.monitoring.max_url_length).toBe(1000)
  })

  it("PIPELOCK_KILLSWITCH_API_TOKEN sets the kill-switch token", () => {
    expect(ok(loadText("{}", { env: { PIPELOCK_KILLSWITCH_API_TOKEN: "s3cret-token" } })).config.kill_switch.api_token).toBe("s3cret-token")
  })

  it("the Go `enforce: false` means audit", () => {
    expect(ok(loadText("mode: balanced\nenforce: false\n")).config.mode).toBe("audit")
  })

  it("a zero where Go means 'the default' takes the default", () => {
    expect(ok(loadText("fetch_proxy:\n  monitoring:\n    max_requests_per_minute: 0\n")).config.fetch_proxy.monitoring.max_requests_per_minute).toBe(60)
  })

  it("a key left empty (null) means not set", () => {
    expect(ok(loadText("dlp:\n  scan_env:\n")).config.dlp.scan_env).toBe(true)
  })
})

describe("config: errors name the exact path", () => {
  it("unknown key", () => {
    const text = `dlp:\n  patterns:\n${["a", "b", "c"].map((n) => `    - name: ${n}\n      regex: '${n}x'\n`).join("")}    - name: d\n      regx: 'y'\n`
    expect(problemsOf(text)).toContain("dlp.patterns[3].regx: unknown key")
  })

  it("unknown section", () => {
    expect(problemsOf("dlpp:\n  scan_env: true\n")).toEqual(["dlpp: unknown key"])
  })

  it("wrong type", () => {
    expect(problemsOf("dlp:\n  scan_env: 'yes'\n")).toEqual(['dlp.scan_env: expected boolean, got string "yes"'])
  })

  it("out-of-range value", () => {
    const [p] = problemsOf("fetch_proxy:\n  monitoring:\n    max_url_length: -5\n")
    expect(p).toMatch(/^fetch_proxy\.monitoring\.max_url_length: expected a value greater than or equal to 0/)
  })

  it("an enum value outside its set", () => {
    const [p] = problemsOf("mode: yolo\n")
    expect(p).toMatch(/^mode: expected "strict" \| "balanced" \| "audit", got string "yolo"/)
  })

  it("a user regex that RE2 cannot compile names the pattern", () => {
    const [p] = problemsOf("dlp:\n  patterns:\n    - name: My Token\n      regex: 'tok_(?=lookahead)'\n")
    expect(p).toMatch(/^dlp\.patterns\[0\]\.regex: RE2 cannot compile pattern "My Token"/)
    const [q] = problemsOf("response_scanning:\n  patterns:\n    - name: Broken\n      regex: '(unclosed'\n")
    expect(q).toMatch(/^response_scanning\.patterns\[0\]\.regex: RE2 cannot compile pattern "Broken"/)
    const [r] = problemsOf("mcp_tool_policy:\n  rules:\n    - name: R\n      tool_pattern: '[z-a]'\n")
    expect(r).toMatch(/^mcp_tool_policy\.rules\[0\]\.tool_pattern: RE2 cannot compile rule "R"/)
  })

  it("every built-in pattern source, which validation does not compile again, compiles in RE2", () => {
    const sources = [...builtinDlpPatterns.map((p) => `(?i)${p.regex}`), ...builtinInjectionPatterns.map((p) => p.regex), ...goInjectionRegexes]
    for (const source of sources) expect(() => new RE2(source, "u"), source).not.toThrow()
  })

  it("lists every problem at once, schema and semantic", () => {
    const problems = problemsOf("mode: yolo\nbogus: 1\ndlp:\n  patterns:\n    - name: x\n      regex: '(a'\n")
    expect(problems.length).toBe(3)
  })

  it("YAML syntax errors give the line", () => {
    const [p] = problemsOf("dlp:\n  scan_env: true\n   bad: [\n")
    expect(p).toMatch(/^\(line \d+, column \d+\)/)
  })

  it("more than one YAML document is an error", () => {
    expect(problemsOf("mode: balanced\n---\nmode: strict\n")).toEqual(["(yaml): only one YAML document is allowed"])
  })

  it("cross-field rules of the Go validator", () => {
    expect(problemsOf("mcp_tool_scanning:\n  enabled: false\nmcp_session_binding:\n  enabled: true\n")[0]).toMatch(/^mcp_session_binding\.enabled:/)
    expect(problemsOf("websocket_proxy:\n  strip_compression: false\n")[0]).toMatch(/^websocket_proxy\.strip_compression:/)
    expect(problemsOf("trusted_domains: ['*']\n")[0]).toMatch(/^trusted_domains\[0\]:/)
    expect(problemsOf("internal: ['10.0.0.0/33']\n")[0]).toMatch(/^internal\[0\]:/)
    expect(problemsOf("dlp:\n  action: block\n")[0]).toMatch(/^dlp\.action: reserved/)
    expect(problemsOf("mcp_tool_policy:\n  enabled: true\n  rules: []\n")[0]).toMatch(/^mcp_tool_policy\.rules:/)
    expect(problemsOf("mcp_tool_policy:\n  rules:\n    - name: R\n      tool_pattern: x\n      action: redirect\n      redirect_profile: nope\n")[0])
      .toMatch(/^mcp_tool_policy\.rules\[0\]\.redirect_profile: unknown redirect profile "nope"/)
    expect(problemsOf("fetch_proxy:\n  listen: nowhere\n")[0]).toMatch(/^fetch_proxy\.listen:/)
  })

  it("an environment override is checked like the file", () => {
    const r = load({ env: { PIPELOCK__dlp__scan_envv: "true" } })
    expect((r as ConfigError).problems).toEqual([{ path: "dlp.scan_envv", message: "unknown key" }])
  })
})

describe("config: http_classifier", () => {
  it("is off by default, with a documented contract's defaults", () => {
    const c = ok(loadText("mode: balanced\n")).config.http_classifier
    expect(c).toEqual({
      enabled: false, url: "", surfaces: ["response_text", "mcp_result", "tool_definition"], timeout_ms: 2000, max_concurrent: 4,
      on_failure: "block", severity: "high", max_text_chars: 16384
    })
  })

  it("enabled, it needs an http(s) URL, a surface, a timeout and a concurrency of at least 1; the URL is never quoted", () => {
    expect(problemsOf("http_classifier:\n  enabled: true\n")).toEqual(["http_classifier.url: http_classifier is enabled but names no url"])
    const bad = problemsOf("http_classifier:\n  enabled: true\n  url: ftp://user:hunter22@classifier/\n  surfaces: []\n  timeout_ms: 0\n  max_concurrent: 0\n")
    expect(bad).toEqual([
      "http_classifier.url: expected the scheme http:// or https://, got ftp://",
      "http_classifier.surfaces: list at least one surface the classifier reads",
      "http_classifier.timeout_ms: must be at least 1 (ms)",
      "http_classifier.max_concurrent: must be at least 1"
    ])
    expect(bad.join(" ")).not.toContain("hunter22")
  })

  it("ws_frame is not a surface it can read (a WebSocket message cannot wait for it), nor an unknown on_failure", () => {
    expect(problemsOf("http_classifier:\n  surfaces: [ws_frame]\n")[0]).toMatch(/^http_classifier\.surfaces\[0\]/)
    expect(problemsOf("http_classifier:\n  on_failure: ignore\n")[0]).toMatch(/^http_classifier\.on_failure/)
  })
})

describe("config: not-implemented keys", () => {
  it("warn once per section, naming every key set", () => {
    const r = ok(loadText("airlock:\n  enabled: true\n  timers:\n    soft_minutes: 5\nsentry:\n  enabled: false\n"))
    expect(r.warnings.length).toBe(2)
    expect(r.warnings[0]).toContain("airlock.enabled, airlock.timers.soft_minutes")
    expect(r.warnings[1]).toContain("sentry.enabled")
  })
})

describe("deepMerge", () => {
  it("merges maps and replaces lists", () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] } }, { a: { c: [3] }, d: 1 })).toEqual({ a: { b: 1, c: [3] }, d: 1 })
  })
})

describe("the configuration reference (docs/configuration.md)", () => {
  it("is generated from the current schema, defaults and presets (run `npm run docs:config`)", async () => {
    const { readFileSync } = await import("node:fs")
    const { REFERENCE_PAGE, withReference } = await import("../../../src/layers/config/reference.ts")
    const page = readFileSync(join(import.meta.dirname, "../../..", REFERENCE_PAGE), "utf8")
    expect(page).toContain("| `mcp_tool_policy.enabled` |")
    expect(withReference(page) === page, `${REFERENCE_PAGE} is stale: run npm run docs:config`).toBe(true)
  })
})
