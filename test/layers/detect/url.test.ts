import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { compile } from "../../../src/layers/detect/dlp.ts"
import { mergeDlpPatterns } from "../../../src/layers/detect/dlpPatterns.ts"
import { classifyAddress, parseIp } from "../../../src/layers/detect/ip.ts"
import { SlidingWindow } from "../../../src/layers/detect/ratelimit.ts"
import { checkResolved, checkUrl, compileUrlRules } from "../../../src/layers/detect/urlGuard.ts"
import * as ConfigStoreLayer from "../../../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../../../src/layers/config/load.ts"
import * as InspectorLayer from "../../../src/layers/Inspector.ts"
import * as SessionStoreLayer from "../../../src/layers/SessionStore.ts"
import * as ResolverLayer from "../../../src/layers/Resolver.ts"
import { Inspector } from "../../../src/services/Inspector.ts"

const dlp = compile({ patterns: mergeDlpPatterns([], true), scanEnv: false, minEnvSecretLength: 16, env: {}, seedPhrase: { enabled: true, minWords: 12, verifyChecksum: true } })
const base = {
  mode: "balanced" as const, apiAllowlist: ["*.anthropic.com"], blocklist: ["*.pastebin.com"], maxUrlLength: 2048, entropyThreshold: 4.5,
  subdomainEntropyThreshold: 4.0, subdomainEntropyExclusions: [], trustedDomains: ["intranet.example"], internal: [], ipAllowlist: [], dlp
}
const rules = compileUrlRules(base)
const ruleNames = (u: string, r = rules) => checkUrl(r, u).findings.map((f) => f.rule)

describe("SSRF: address families and spellings", () => {
  const blocked: Array<[string, string]> = [
    ["http://127.0.0.1/", "ssrf_loopback"], ["http://0x7f000001/", "ssrf_loopback"], ["http://2130706433/", "ssrf_loopback"],
    ["http://0177.0.0.1/", "ssrf_loopback"], ["http://127.1/", "ssrf_loopback"], ["http://[::1]/", "ssrf_loopback"],
    ["http://[::ffff:127.0.0.1]/", "ssrf_loopback"], ["http://10.0.0.1/", "ssrf_private"], ["http://172.16.5.4/", "ssrf_private"],
    ["http://192.168.1.1/", "ssrf_private"], ["http://169.254.169.254/latest/", "ssrf_cloud_metadata"], ["http://[fd00:ec2::254]/", "ssrf_cloud_metadata"],
    ["http://100.64.0.1/", "ssrf_cgnat"], ["http://[fc00::1]/", "ssrf_unique_local"], ["http://[fe80::1]/", "ssrf_link_local"],
    ["http://0.0.0.0/", "ssrf_unspecified"], ["http://[::ffff:a9fe:a9fe]/", "ssrf_cloud_metadata"], ["http://0xa9.0xfe.0xa9.0xfe/", "ssrf_cloud_metadata"]
  ]
  for (const [u, rule] of blocked) it(`${u} → ${rule}`, () => expect(ruleNames(u)).toContain(rule))
  it("public addresses pass", () => expect(ruleNames("http://93.184.216.34/")).toEqual([]))
  it("classifies embedded IPv4 (NAT64, 6to4)", () => {
    expect(classifyAddress(parseIp("64:ff9b::7f00:1")!)).toBe("loopback")
    expect(classifyAddress(parseIp("2002:c0a8:0101::1")!)).toBe("private")
  })
  it("after DNS: a private answer blocks, a trusted domain may reach it, metadata never", () => {
    expect(checkResolved(rules, "x.example", ["10.1.2.3"]).map((f) => f.rule)).toEqual(["ssrf_private"])
    expect(checkResolved(rules, "intranet.example", ["10.1.2.3"])).toEqual([])
    expect(checkResolved(rules, "intranet.example", ["169.254.169.254"]).map((f) => f.rule)).toEqual(["ssrf_cloud_metadata"])
    expect(checkResolved(compileUrlRules({ ...base, ipAllowlist: ["10.1.0.0/16"] }), "x.example", ["10.1.2.3"])).toEqual([])
  })
})

describe("URL pipeline", () => {
  it("scheme, CRLF, traversal, blocklist, length", () => {
    expect(ruleNames("ftp://x.example/")).toEqual(["scheme"])
    expect(ruleNames("http://x.example/a%0d%0aSet-Cookie:x")).toContain("crlf_injection")
    expect(ruleNames("http://x.example/a/../../etc/passwd")).toContain("path_traversal")
    expect(ruleNames("http://x.example/a/%2e%2e/etc")).toContain("path_traversal")
    // Mixed, upper-case and double-encoded dots (the cheap pre-check must let each through to the full rule).
    for (const path of ["/a/.%2e/etc", "/a/%2E./etc", "/a/%252e%252e/etc", "/a/%25252e%25252e/etc", "/a/..\\etc"]) {
      expect(ruleNames(`http://x.example${path}`), path).toContain("path_traversal")
    }
    expect(ruleNames("http://x.example/a/b.c/d.e?f=g.h")).not.toContain("path_traversal")
    expect(ruleNames("https://dump.pastebin.com/x")).toContain("blocklist")
    expect(ruleNames("https://pastebin.com/x")).toContain("blocklist")
    expect(ruleNames(`https://x.example/${"a/".repeat(1100)}`)).toContain("url_length")
  })
  it("strict mode enforces the API allowlist", () => {
    const strict = compileUrlRules({ ...base, mode: "strict" })
    expect(ruleNames("https://api.anthropic.com/v1/messages", strict)).toEqual([])
    expect(ruleNames("https://example.com/", strict)).toContain("not_in_api_allowlist")
  })
  it("entropy: random path segments and query values, not UUIDs or words", () => {
    expect(ruleNames("https://x.example/api/x7Kp2mQ9vR4sL8nW1bY6cT3fA0jH5dE/status")).toContain("url_entropy")
    expect(ruleNames("https://x.example/resources/550e8400-e29b-41d4-a716-446655440000/details")).toEqual([])
    expect(ruleNames("https://x.example/docs/getting-started-with-the-configuration-reference")).toEqual([])
  })
  it("hostname exfiltration: entropy, encoded labels, label chains; CDNs pass", () => {
    expect(ruleNames("https://c2VjcmV0X3Rva2VuXzEyMzQ1Njc4OTA.exfil.example.com/")).toContain("subdomain_entropy")
    expect(ruleNames("https://7365637265745f6170695f6b65795f3132333435.exfil.example.com/")).toContain("encoded_subdomain")
    expect(ruleNames("https://aaaabbbb.ccccdddd.eeeeffff.gggghhhh.exfil.example.com/")).toContain("subdomain_label_chain")
    expect(ruleNames("https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.21/lodash.min.js")).toEqual([])
    expect(ruleNames("https://my-bucket.s3.us-west-2.amazonaws.com/file.txt")).toEqual([])
  })
  it("cloud metadata hostnames are refused by name, whatever DNS or trusted_domains say", () => {
    const trusting = compileUrlRules({ ...base, trustedDomains: ["metadata.google.internal", "metadata.azure.com"] })
    expect(ruleNames("http://metadata.google.internal/computeMetadata/v1/", trusting)).toContain("ssrf_cloud_metadata")
    expect(ruleNames("http://METADATA.GOOGLE.INTERNAL./computeMetadata/v1/", trusting)).toContain("ssrf_cloud_metadata")
    expect(ruleNames("https://metadata.azure.com/", trusting)).toContain("ssrf_cloud_metadata")
    expect(ruleNames("https://docs.example.com/metadata.google.internal-explained")).toEqual([])
    expect(ruleNames("https://metadata.example.com/v1/items")).toEqual([])
  })
  it("hostname labels made of words and numbers are names, not data; random labels split over DNS are data", () => {
    expect(ruleNames("https://my-api-prod-1234567890.us-west-2.elb.amazonaws.com/health")).toEqual([])
    expect(ruleNames("https://acme-web-git-feature-checkout-redesign-acme-team.vercel.app/")).toEqual([])
    expect(ruleNames("https://gho-ohxqr79aykdoww5y.tmfuilrvbkxklpzxbqxg.t.example.net/")).toContain("subdomain_entropy")
    expect(ruleNames("https://api.eu-central-1.prod.payments.example.com/v2/status")).toEqual([])
    expect(ruleNames("https://feature-login-a1b2c3d.preview.example.dev/")).toEqual([])
    expect(ruleNames("http://168.63.129.16/machine?comp=goalstate")).toContain("ssrf_cloud_metadata")
  })
  it("names that spell their address are judged by it before DNS, unless trusted", () => {
    expect(ruleNames("http://127.0.0.1.nip.io:8080/admin")).toContain("ssrf_loopback")
    expect(ruleNames("http://10-0-0-5.sslip.io/")).toContain("ssrf_private")
    expect(ruleNames("http://localhost:2375/containers/json")).toContain("ssrf_loopback")
    expect(ruleNames("http://admin.localhost/")).toContain("ssrf_loopback")
    expect(ruleNames("http://7f000001.c0a80001.rbndr.us/")).toContain("ssrf_loopback")
    expect(ruleNames("http://93.184.216.34.nip.io/")).toEqual([])
    expect(ruleNames("https://localhost-tools.example.com/")).toEqual([])
    const trusting = compileUrlRules({ ...base, trustedDomains: ["localhost"] })
    expect(ruleNames("http://localhost:8080/v1", trusting)).toEqual([])
    expect(ruleNames("http://localhost:8080/v1", compileUrlRules({ ...base, ipAllowlist: ["127.0.0.1/32"] }))).toEqual([])
  })
  it("many tiny labels, and shorter encoded labels", () => {
    expect(ruleNames("https://s.e.c.r.e.t.p.a.s.s.w.o.r.d.x.example.com/")).toContain("subdomain_label_chain")
    expect(ruleNames("https://a.b.c.example.com/")).toEqual([])
  })
  it("DLP in the URL before any DNS", () => {
    expect(ruleNames("https://x.example/?key=AKIAIOSFODNN7EXAMPLE")).toContain("AWS Access ID")
    expect(ruleNames("https://x.example/?k=%2525252541")).toContain("multi_layer_encoding")
  })
  it("rate limit: sliding window per key", () => {
    let t = 0
    const w = new SlidingWindow(() => t)
    for (let i = 0; i < 3; i++) expect(w.tryRecord("a.com", 3)).toBe(true)
    expect(w.tryRecord("a.com", 3)).toBe(false)
    t = 61_000
    expect(w.tryRecord("a.com", 3)).toBe(true)
  })
  it("rate limit: an event reported late counts from when it happened (a worker's lease report)", () => {
    let t = 10_000
    const w = new SlidingWindow(() => t)
    w.record("c.com", 1)
    w.recordAt("c.com", 2, 5_000)
    w.recordAt("c.com", 4, 9_000)
    w.recordAt("c.com", 8, 20_000)
    expect(w.total("c.com")).toBe(15)
    // The late events expire 60 s after their own time, before the ones recorded at 10 s.
    t = 65_000
    expect(w.total("c.com")).toBe(13)
    t = 69_000
    expect(w.total("c.com")).toBe(9)
    // One stamped in the future counts from now, as the event recorded at 10 s.
    t = 70_000
    expect(w.total("c.com")).toBe(0)
  })
  it("rate limit: the running total equals the sum of the events still in the window, through expiry and compaction", () => {
    let t = 0
    const w = new SlidingWindow(() => t)
    const events: Array<[number, number]> = []
    let seed = 7
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let i = 0; i < 6000; i++) {
      t += Math.floor(rnd() * 40)
      const weight = 1 + Math.floor(rnd() * 1000)
      if (rnd() < 0.5) w.record("b.com", weight)
      else if (!w.tryRecord("b.com", 400_000, weight)) continue
      events.push([weight, t])
      const expected = events.filter(([, at]) => at > t - 60_000).reduce((n, [x]) => n + x, 0)
      if (i % 97 === 0) expect(w.total("b.com")).toBe(expected)
    }
    t += 60_001
    expect(w.total("b.com")).toBe(0)
  })
})

describe("DNS pinning through the Inspector", () => {
  const answers = ["93.184.216.34", "127.0.0.1"]
  let n = 0
  const rebinding = ResolverLayer.layerStatic({ "rebind.example": () => [answers[Math.min(n++, 1)]] })
  const inspector = InspectorLayer.layer.pipe(Layer.provide(Layer.mergeAll(ConfigStoreLayer.layerTest(loadOrThrow({})), rebinding, SessionStoreLayer.layerTest())))

  it.effect("pins the first (public) answer; a later rebinding to loopback is checked and blocked, never reused", () =>
    Effect.gen(function* () {
      const i = yield* Inspector
      const first = yield* i.checkUrl("http://rebind.example/", { requestId: "1", listener: "forward" })
      assert.strictEqual(first.verdict.action, "allow")
      assert.deepStrictEqual(first.target?.addresses.map((a) => a.address), ["93.184.216.34"])
      const second = yield* i.checkUrl("http://rebind.example/", { requestId: "2", listener: "forward" })
      assert.strictEqual(second.verdict.action, "block")
      assert.isUndefined(second.target)
      const unknown = yield* i.checkUrl("http://nxdomain.example/", { requestId: "3", listener: "forward" })
      assert.strictEqual(unknown.verdict.decisive?.rule, "dns_failure")
    }).pipe(Effect.provide(inspector)))
})
