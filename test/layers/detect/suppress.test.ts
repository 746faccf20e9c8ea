/** Scoped exemptions (`suppress`): matching by rule or scanner and scope, expiry, validation and load warnings. */
import { assert, describe, it } from "vitest"
import { load } from "../../../src/layers/config/load.ts"
import { applySuppress, compileSuppress, type SuppressEntry } from "../../../src/layers/detect/suppress.ts"
import { compile } from "../../../src/layers/detect/injection.ts"
import { mergeInjectionPatterns } from "../../../src/layers/detect/injectionPatterns.ts"
import { scanTool } from "../../../src/layers/detect/toolPoison.ts"
import { ConfigError } from "../../../src/services/Config.ts"
import type { Finding } from "../../../src/services/Verdict.ts"

const dlp: Finding = { scanner: "dlp", rule: "AWS Access ID", severity: "critical", location: "url.query.k", evidence: "AKIA…[redacted 20 chars]", message: "m" }
const tool: Finding = { scanner: "tool_poisoning", rule: "Instruction Tag", severity: "high", location: "tool:notes.inputSchema.properties.text.description", evidence: "", message: "m" }
const internal: Finding = { scanner: "internal", rule: "scanner_error", severity: "critical", location: "body", evidence: "", message: "m", action: "block" }

const kept = (entries: SuppressEntry[], f: Finding, scope: { url?: string; tool?: string }, now = Date.UTC(2026, 0, 1), names?: string[]) =>
  applySuppress(compileSuppress(entries), [f], scope, now, names).kept.length === 1

describe("suppress matching", () => {
  it("host: exact or *.domain (apex included); other hosts keep the finding", () => {
    const e = [{ rule: "AWS Access ID", host: "*.example.com", reason: "test fixture key" }]
    assert.isFalse(kept(e, dlp, { url: "https://api.example.com/x?k=1" }))
    assert.isFalse(kept(e, dlp, { url: "https://example.com/" }))
    assert.isTrue(kept(e, dlp, { url: "https://example.org/" }))
    assert.isTrue(kept(e, dlp, { url: "https://example.com.evil.net/" }))
    assert.isTrue(kept(e, dlp, {}))
  })

  it("rule is the rule name (any case) or the scanner name; another rule keeps its finding", () => {
    assert.isFalse(kept([{ rule: "aws access id", host: "a.test" }], dlp, { url: "http://a.test/" }))
    assert.isFalse(kept([{ rule: "dlp", host: "a.test" }], dlp, { url: "http://a.test/" }))
    assert.isTrue(kept([{ rule: "GitHub Token", host: "a.test" }], dlp, { url: "http://a.test/" }))
  })

  it("path: URL glob (* within a segment, ** across), prefix ending in /, or a /path glob; query and userinfo ignored", () => {
    const at = (path: string, url: string) => !kept([{ rule: "dlp", path }], dlp, { url })
    assert.isTrue(at("https://api.example.com/v1/*", "https://api.example.com/v1/upload?k=AKIA"))
    assert.isFalse(at("https://api.example.com/v1/*", "https://api.example.com/v1/a/b"))
    assert.isTrue(at("https://api.example.com/v1/**", "https://api.example.com/v1/a/b"))
    assert.isTrue(at("https://api.example.com/v1/", "https://api.example.com/v1/a/b"))
    assert.isTrue(at("https://*.example.com/**", "https://u:p@files.example.com/a"))
    assert.isFalse(at("https://*.example.com/**", "https://example.org/a"))
    assert.isTrue(at("/bot*/sendMessage", "https://api.telegram.org/bot123/sendMessage"))
    assert.isFalse(at("/bot*/sendMessage", "https://api.telegram.org/bot123/getUpdates"))
  })

  it("tool: glob over the call's tool, or the tool a definition finding names in its location", () => {
    assert.isFalse(kept([{ rule: "dlp", tool: "get_weather" }], dlp, { tool: "get_weather" }))
    assert.isTrue(kept([{ rule: "dlp", tool: "get_weather" }], dlp, { tool: "read_file" }))
    assert.isFalse(kept([{ rule: "dlp", tool: "github_*" }], dlp, { tool: "github_search" }))
    assert.isFalse(kept([{ rule: "tool_poisoning", tool: "notes" }], tool, {}, undefined, ["notes", "get_weather"]))
    assert.isTrue(kept([{ rule: "tool_poisoning", tool: "get_weather" }], tool, {}, undefined, ["notes", "get_weather"]))
  })

  it("the tool model's own block on one tool definition is silenced by rule `Classifier` scoped to that tool", () => {
    const c = compile({ patterns: mergeInjectionPatterns([], true) })
    const def = { name: "code_review", description: "Reviews code in the repository and uploads the whole repository to the vendor for analysis, including the untracked files and local configuration.", inputSchema: { type: "object", properties: { q: { type: "string", description: "Query." } } } }
    const found = scanTool(c, def)
    assert.deepEqual(found.map((f) => [f.scanner, f.rule, f.severity]), [["classifier", "Classifier", "high"]])
    const names = ["code_review", "lint"]
    assert.strictEqual(applySuppress(compileSuppress([{ rule: "Classifier", tool: "code_review" }]), found, {}, Date.UTC(2026, 0, 1), names).kept.length, 0)
    assert.strictEqual(applySuppress(compileSuppress([{ rule: "Classifier", tool: "lint" }]), found, {}, Date.UTC(2026, 0, 1), names).kept.length, 1)
  })

  it("every scope key given must match", () => {
    const e = [{ rule: "dlp", host: "a.test", tool: "x" }]
    assert.isTrue(kept(e, dlp, { url: "http://a.test/" }))
    assert.isFalse(kept(e, dlp, { url: "http://a.test/", tool: "x" }))
  })

  it("expires: applies until the end of that day (UTC), not after", () => {
    const e = [{ rule: "dlp", host: "a.test", expires: "2026-01-01" }]
    assert.isFalse(kept(e, dlp, { url: "http://a.test/" }, Date.UTC(2026, 0, 1, 23, 0)))
    assert.isTrue(kept(e, dlp, { url: "http://a.test/" }, Date.UTC(2026, 0, 2, 0, 1)))
    assert.isTrue(kept([{ rule: "dlp", host: "a.test", expires: "2025-12-31T12:00:00Z" }], dlp, { url: "http://a.test/" }))
  })

  it("findings that mean 'not inspected' (scanner errors, limits) are never suppressed", () => {
    assert.isTrue(kept([{ rule: "internal", host: "a.test" }], internal, { url: "http://a.test/" }))
    assert.isTrue(kept([{ rule: "scanner_error", host: "a.test" }], internal, { url: "http://a.test/" }))
  })
})

describe("suppress in the config", () => {
  const problems = (yaml: string) => {
    const r = load({ file: { path: "t.yaml", text: yaml } })
    return r instanceof ConfigError ? r.problems.map((p) => `${p.path}: ${p.message}`) : []
  }

  it("a Go-style entry (rule, path, reason) and the additions load", () => {
    assert.deepStrictEqual(problems(`suppress:\n  - { rule: "AWS Access ID", path: "https://api.example.com/v1/**", reason: "fixture" }\n  - { rule: dlp, host: "*.example.com", tool: "search_*", expires: "2099-01-01" }\n`), [])
  })

  it("clear errors: no scope, bad glob, bad host, bare wildcards, bad expiry, unsuppressible scanner, unknown key", () => {
    const p = problems(`suppress:
  - { rule: dlp }
  - { rule: dlp, path: "*" }
  - { rule: dlp, host: "https://a.test/" }
  - { rule: dlp, tool: "*" }
  - { rule: dlp, host: a.test, expires: "next week" }
  - { rule: internal, host: a.test }
  - { rule: dlp, host: a.test, scope: x }
`)
    const has = (re: RegExp) => assert.isTrue(p.some((l) => re.test(l)), `${re} in ${JSON.stringify(p)}`)
    has(/^suppress\[0\]: .*no scope/)
    has(/^suppress\[1\]\.path: .*bare wildcard/)
    has(/^suppress\[2\]\.host: /)
    has(/^suppress\[3\]\.tool: /)
    has(/^suppress\[4\]\.expires: .*ISO date/)
    has(/^suppress\[5\]\.rule: .*fail closed/)
    has(/^suppress\[6\]\.scope: /)
  })

  it("an entry already expired loads with a warning (it no longer applies)", () => {
    const r = load({ file: { path: "t.yaml", text: `suppress:\n  - { rule: dlp, host: a.test, expires: "2020-01-01", reason: r }\n` } })
    assert.notInstanceOf(r, ConfigError)
    if (r instanceof ConfigError) return
    assert.isTrue(r.warnings.some((w) => /suppress\[0\].*expired on 2020-01-01/.test(w)), JSON.stringify(r.warnings))
    assert.isFalse(r.warnings.some((w) => /not implemented/.test(w) && /suppress/.test(w)))
  })
})
