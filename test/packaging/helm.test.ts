/**
 * The Helm chart (charts/pipelock), checked without helm: there is no helm binary or cluster here.
 *
 * What this proves: the chart's values render (through src/layers/config/helmValues.ts, the TypeScript
 * twin of the ConfigMap template) into a pipelock.yaml that the real config loader accepts, every
 * structured value lands on the config key it claims, the template's mapping table is the same as
 * helmValues.ts's, every `.Values.*` path a template reads exists in values.yaml, and the deployment
 * has the args, probes, mounts and security settings the chart promises.
 * What it cannot prove: that helm renders the Go templates themselves (see the chart README, "Not
 * verified here").
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import * as YAML from "yaml"
import { deploymentOnlyValues, helmMapping, type KeyMap, renderHelmValues } from "../../src/layers/config/helmValues.ts"
import { load, type Loaded } from "../../src/layers/config/load.ts"
import { ConfigError, ConfigFile } from "../../src/services/Config.ts"

type Json = Record<string, unknown>

const root = join(import.meta.dirname, "../..")
const chart = join(root, "charts/pipelock")
const templates = join(chart, "templates")
const compat = join(root, "../shared/compat")
const sureValuesFile = join(compat, "sure-helm-values-pipelock.yaml")

const read = (path: string) => readFileSync(path, "utf8")
const isMap = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)

const chartValues = (): Json => YAML.parse(read(join(chart, "values.yaml")))

/** User values over the chart's values.yaml, the way Helm merges them: maps deep-merged, null deletes. */
const coalesce = (defaults: Json, user: Json): Json => {
  const out: Json = { ...defaults }
  for (const [k, v] of Object.entries(user)) {
    if (v === null) delete out[k]
    else if (isMap(v) && isMap(out[k])) out[k] = coalesce(out[k] as Json, v)
    else out[k] = v
  }
  return out
}

const loadRendered = (values: Json, name: string): { loaded: Loaded; text: string } => {
  const rendered = renderHelmValues(values)
  expect(rendered.errors, `${name}: values the chart would fail on`).toEqual([])
  expect(rendered.unmapped, `${name}: values the chart ignores`).toEqual([])
  const text = YAML.stringify(rendered.config)
  const r = load({ file: { path: `${name} (rendered pipelock.yaml)`, text } })
  if (r instanceof ConfigError) throw new Error(r.message)
  return { loaded: r, text }
}

/** A section of the loaded config, whether implemented (config[section]) or only accepted (config.extra). */
const loadedSection = (loaded: Loaded, section: string): unknown =>
  (loaded.config as unknown as Json)[section] ?? (loaded.config.extra as Json)[section]

const rename = (value: unknown, keys: KeyMap): Json =>
  Object.fromEntries(Object.entries(value as Json).filter(([, v]) => v !== null).map(([k, v]) => [keys[k], v]))

/**
 * Walks the structured values by the mapping and asserts each one reached its config key in the loaded
 * config, with nested keys renamed. Returns the `value.path -> section.key` pairs checked.
 */
const assertEveryValueLanded = (values: Json, loaded: Loaded, skip: ReadonlyArray<string> = []): string[] => {
  const checked: string[] = []
  for (const [name, m] of Object.entries(helmMapping)) {
    const v = values[name]
    if (v === null || v === undefined) continue
    if (m.keys === undefined) {
      expect(loadedSection(loaded, m.section), name).toEqual(v)
      checked.push(`${name} -> ${m.section}`)
      continue
    }
    for (const [k, x] of Object.entries(v as Json)) {
      if ((m.deploymentKeys ?? []).includes(k) || x === null || skip.includes(`${name}.${k}`)) continue
      const target = m.keys[k]
      const list = m.lists?.[k]
      const map = m.maps?.[k]
      const object = m.objects?.[k]
      const expected = list !== undefined ? (x as unknown[]).map((item) => rename(item, list))
        : map !== undefined ? Object.fromEntries(Object.entries(x as Json).map(([n, o]) => [n, rename(o, map)]))
        : object !== undefined ? rename(x, object)
        : x
      const actual = (loadedSection(loaded, m.section) as Json)[target]
      expect(actual, `${name}.${k} -> ${m.section}.${target}`).toEqual(expected)
      checked.push(`${name}.${k} -> ${m.section}.${target}`)
    }
  }
  return checked
}

// ---------------------------------------------------------------------------------------------
// Structure (no rendering)
// ---------------------------------------------------------------------------------------------

const templateFiles = ["NOTES.txt", "_helpers.tpl", "configmap.yaml", "deployment.yaml", "hpa.yaml", "ingress.yaml",
  "networkpolicy.yaml", "pdb.yaml", "service.yaml", "servicemonitor.yaml"]

const allTemplateText = () => templateFiles.map((f) => read(join(templates, f))).join("\n")

/** The YAML between `{{- define "NAME" -}}` and the next `{{- end }}` in _helpers.tpl. */
const defineBlock = (name: string): string => {
  const text = read(join(templates, "_helpers.tpl"))
  const start = text.indexOf(`{{- define "${name}" -}}`)
  expect(start, `define "${name}" in _helpers.tpl`).toBeGreaterThanOrEqual(0)
  const body = text.slice(start + `{{- define "${name}" -}}`.length)
  return body.slice(0, body.indexOf("{{- end }}"))
}

describe("helm chart: structure", () => {
  it("Chart.yaml: apiVersion v2, name pipelock, version 0.1.0, appVersion = package.json version", () => {
    const meta = YAML.parse(read(join(chart, "Chart.yaml")))
    const pkg = JSON.parse(read(join(root, "package.json")))
    expect(meta.apiVersion).toBe("v2")
    expect(meta.name).toBe("pipelock")
    expect(meta.version).toBe("0.1.0")
    expect(meta.appVersion).toBe(pkg.version)
  })

  it("has exactly the template files the README lists, and each renders nothing unless enabled", () => {
    expect(readdirSync(templates).sort()).toEqual([...templateFiles].sort())
    const readme = read(join(chart, "README.md"))
    for (const f of templateFiles) {
      expect(readme, `charts/pipelock/README.md lists templates/${f}`).toContain(`templates/${f}`)
      if (f === "_helpers.tpl") continue
      const first = read(join(templates, f)).split("\n")[0]
      expect(first, `${f} starts with the enabled guard`).toMatch(/^\{\{- if (\.Values\.enabled|and \.Values\.enabled .+) \}\}$/)
    }
  })

  it("every .Values path a template reads exists in values.yaml", () => {
    const values = chartValues()
    const paths = new Set([...allTemplateText().matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)].map((m) => m[1].slice(1)))
    expect(paths.size).toBeGreaterThan(30)
    const missing = [...paths].filter((p) => {
      let cur: unknown = values
      for (const key of p.split(".")) {
        if (!isMap(cur) || !Object.hasOwn(cur, key)) return true
        cur = cur[key]
      }
      return false
    })
    expect(missing).toEqual([])
  })

  it("the template's mapping table is the same as helmValues.ts's", () => {
    expect(YAML.parse(defineBlock("pipelock.configMapping"))).toEqual(JSON.parse(JSON.stringify(helmMapping)))
  })

  it("the ConfigMap renders pipelock.yaml from pipelock.config, which reads the mapping and merges extraConfig", () => {
    const cm = read(join(templates, "configmap.yaml"))
    expect(cm).toContain("pipelock.yaml: |")
    expect(cm).toContain('{{- include "pipelock.config" . | nindent 4 }}')
    const config = defineBlock("pipelock.config")
    expect(config).toContain('include "pipelock.configMapping" . | fromYaml')
    expect(config).toContain(".Values.extraConfig")
    expect(config).toContain('dict "version" 1')
    expect(config).toContain("unknown value")
    // The section names the template can produce are those of the mapping, and nothing else is written in.
    const sections = Object.values(YAML.parse(defineBlock("pipelock.configMapping")) as Record<string, { section: string }>).map((m) => m.section).sort()
    expect(sections).toEqual(Object.values(helmMapping).map((m) => m.section).sort())
    expect(config).not.toMatch(/set \$config "(?!version)/)
  })

  it("every config key of the mapping is a key of the config schema", () => {
    type Node = { fields?: Record<string, Node>; schema?: Node; value?: Node }
    const fields = (n: Node | undefined): Record<string, Node> => {
      let cur = n
      while (cur !== undefined && cur.fields === undefined) cur = cur.schema ?? cur.value
      expect(cur?.fields, "a struct").toBeDefined()
      return cur!.fields!
    }
    const top = ConfigFile.fields as unknown as Record<string, Node>
    const checkKeys = (node: Node, keys: KeyMap, where: string) => {
      const f = fields(node)
      for (const [k, snake] of Object.entries(keys)) expect(Object.hasOwn(f, snake), `${where}.${k} -> ${snake}`).toBe(true)
    }
    for (const [name, m] of Object.entries(helmMapping)) {
      expect(Object.hasOwn(top, m.section), `${name} -> ${m.section}`).toBe(true)
      if (m.keys === undefined) continue
      checkKeys(top[m.section], m.keys, name)
      const sectionFields = fields(top[m.section])
      for (const [k, keys] of Object.entries({ ...m.lists, ...m.maps, ...m.objects })) {
        expect(m.keys[k], `${name}.${k} is also in keys`).toBeDefined()
        checkKeys(sectionFields[m.keys[k]], keys, `${name}.${k}`)
      }
      for (const k of m.deploymentKeys ?? []) expect(m.keys[k], `${name}.${k} is deployment-only`).toBeUndefined()
    }
  })

  it("values.yaml has only structured values, chart values and extraConfig; every chart value is in values.yaml", () => {
    const values = chartValues()
    const known = new Set([...Object.keys(helmMapping), ...deploymentOnlyValues, "extraConfig"])
    expect(Object.keys(values).filter((k) => !known.has(k))).toEqual([])
    expect(deploymentOnlyValues.filter((k) => k !== "global" && !Object.hasOwn(values, k))).toEqual([])
    const valuesText = read(join(chart, "values.yaml"))
    for (const name of Object.keys(helmMapping)) {
      expect(Object.hasOwn(values, name) || valuesText.includes(`# ${name}:`), `values.yaml shows ${name}`).toBe(true)
    }
    expect(values.enabled).toBe(true)
    expect(values.image).toMatchObject({ repository: "ghcr.io/pipelock/pipelock-ts", tag: "" })
  })

  it("the README values table names every structured value with its config key", () => {
    const readme = read(join(chart, "README.md"))
    for (const [name, m] of Object.entries(helmMapping)) {
      if (m.keys === undefined) {
        expect(readme, name).toContain(`| \`${name}\` |`)
        expect(readme, name).toContain(`\`${m.section}\``)
        continue
      }
      for (const [k, snake] of Object.entries(m.keys)) {
        expect(readme, `${name}.${k}`).toContain(`| \`${name}.${k}\` |`)
        expect(readme, `${name}.${k}`).toContain(`\`${m.section}.${snake}\``)
      }
    }
    for (const k of deploymentOnlyValues.filter((k) => k !== "global")) expect(readme, k).toContain(`\`${k}`)
  })

  it("the Deployment runs the documented command with probes, mounts and the security context", () => {
    const d = read(join(templates, "deployment.yaml"))
    const args = d.slice(d.indexOf("args:"), d.indexOf("ports:"))
    expect(args.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("- ")).slice(0, 9)).toEqual([
      "- run",
      "- --config",
      "- /etc/pipelock/pipelock.yaml",
      "- --listen",
      '- {{ printf "0.0.0.0:%v" .Values.forwardProxy.port | quote }}',
      "- --mcp-listen",
      '- {{ printf "0.0.0.0:%v" .Values.mcpProxy.port | quote }}',
      "- --mcp-upstream",
      "- {{ $upstream | quote }}"
    ])
    expect(d).toContain('checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}')
    expect(d).toMatch(/- name: config\n\s+mountPath: \/etc\/pipelock\n/)
    expect(d).toMatch(/- name: tmp\n\s+mountPath: \/tmp\n/)
    expect(d).toMatch(/- name: tmp\n\s+emptyDir: \{\}/)
    expect(d).toMatch(/- name: proxy\n\s+containerPort: \{\{ \.Values\.forwardProxy\.port \}\}/)
    for (const v of ["extraVolumes", "extraVolumeMounts", "extraEnv", "resources", "nodeSelector", "tolerations", "affinity",
      "topologySpreadConstraints", "podAnnotations", "podSecurityContext", "securityContext", "livenessProbe", "readinessProbe"]) {
      expect(d, v).toContain(`.Values.${v}`)
    }
    const values = chartValues()
    // The app's memory limit is the chart's default (the production build is sized for it: bench/rss.ts,
    // test/packaging/memoryLimit.test.ts); the request stays under it.
    expect(values.resources).toMatchObject({ limits: { memory: "128Mi" } })
    if (existsSync(sureValuesFile)) {
      const sure = (YAML.parse(read(sureValuesFile)) as { pipelock: { resources: { limits: { memory: string } } } }).pipelock
      expect((values.resources as { limits: { memory: string } }).limits.memory).toBe(sure.resources.limits.memory)
    }
    for (const probe of ["livenessProbe", "readinessProbe"]) expect(values[probe], probe).toMatchObject({ httpGet: { path: "/health", port: "proxy" } })
    expect(values.podSecurityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" }
    })
    expect(values.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } })
    expect(values.forwardProxy).toMatchObject({ port: 8888 })
    expect(values.mcpProxy).toEqual({ port: 8889, upstream: "" })
  })

  it("the Service has ports proxy and mcp; the other objects read the values they document", () => {
    const s = read(join(templates, "service.yaml"))
    expect(s).toMatch(/- name: proxy\n\s+port: \{\{ \.Values\.forwardProxy\.port \}\}\n\s+targetPort: proxy/)
    expect(s).toMatch(/- name: mcp\n\s+port: \{\{ \.Values\.mcpProxy\.port \}\}\n\s+targetPort: mcp/)
    const sm = read(join(templates, "servicemonitor.yaml"))
    for (const k of ["interval", "scrapeTimeout", "path", "portName", "additionalLabels"]) expect(sm, k).toContain(`.Values.serviceMonitor.${k}`)
    const pdb = read(join(templates, "pdb.yaml"))
    expect(pdb).toContain(".Values.pdb.minAvailable")
    expect(pdb).toContain(".Values.pdb.maxUnavailable")
    const hpa = read(join(templates, "hpa.yaml"))
    expect(hpa).toContain("apiVersion: autoscaling/v2")
    for (const k of ["minReplicas", "maxReplicas", "targetCPUUtilizationPercentage"]) expect(hpa, k).toContain(`.Values.autoscaling.${k}`)
    const ing = read(join(templates, "ingress.yaml"))
    for (const k of ["className", "annotations", "hosts", "tls"]) expect(ing, k).toContain(`.Values.ingress.${k}`)
    expect(ing).toMatch(/port:\n\s+name: mcp/)
    const np = read(join(templates, "networkpolicy.yaml"))
    for (const k of ["proxyFrom", "mcpFrom", "egress.allowAll", "egress.to", "extraIngress", "extraEgress"]) expect(np, k).toContain(`$np.${k}`)
    expect(np).toContain("port: 53")
  })
})

// ---------------------------------------------------------------------------------------------
// Rendering the values into a config the loader accepts
// ---------------------------------------------------------------------------------------------

describe("helm chart: values render into a valid pipelock.yaml", () => {
  it("the default values.yaml: valid, no warnings, and the preset decides everything left unset", () => {
    const values = chartValues()
    const { loaded, text } = loadRendered(values, "values.yaml")
    expect(YAML.parse(text)).toEqual({ version: 1, mode: "balanced", trusted_domains: [] })
    expect(loaded.warnings).toEqual([])
    expect(loaded.config.mode).toBe("balanced")
    expect(loaded.config.forward_proxy.enabled).toBe(true)
    expect(loaded.config.mcp_tool_policy.rules.length).toBe(17)
    assertEveryValueLanded(values, loaded)
  })

  it("every structured key of the chart (test/packaging/helm-values-full.yaml) reaches its config key", () => {
    const user = YAML.parse(read(join(import.meta.dirname, "helm-values-full.yaml"))) as Json
    const values = coalesce(chartValues(), user)
    const { loaded } = loadRendered(values, "helm-values-full.yaml")
    // logging.includeAllowed is overridden on purpose by extraConfig (checked below).
    const checked = assertEveryValueLanded(values, loaded, ["logging.includeAllowed"])
    const everyKey = Object.entries(helmMapping).flatMap(([name, m]) => m.keys === undefined ? [name] : Object.keys(m.keys).map((k) => `${name}.${k}`))
    expect(checked.map((c) => c.split(" -> ")[0]).sort()).toEqual(everyKey.filter((k) => k !== "logging.includeAllowed").sort())

    const c = loaded.config
    const fp = user.forwardProxy as Json
    expect(c.forward_proxy.max_tunnel_seconds).toBe(fp.maxTunnelSeconds)
    expect(c.forward_proxy.idle_timeout_seconds).toBe(fp.idleTimeoutSeconds)
    expect(Object.hasOwn(c.forward_proxy, "port")).toBe(false)
    expect(c.mcp_tool_policy.redirect_profiles).toEqual({
      "safe-fetch": {
        exec: ["/pipelock", "internal-redirect", "fetch-proxy"],
        reason: "Route fetch calls through audited proxy",
        preserve_argv: true,
        match_abs_path: false,
        timeout_seconds: 5
      }
    })
    expect(c.mcp_tool_policy.rules).toEqual([
      { name: "redirect-fetch", tool_pattern: "^(fetch|web_fetch)$", action: "redirect", redirect_profile: "safe-fetch" },
      { name: "no-rm", tool_pattern: "^shell$", arg_pattern: "rm\\s+-rf", arg_key: "command", action: "block" }
    ])
    expect(c.dlp.patterns[0]).toEqual({ name: "Internal Token", regex: "itk_[A-Za-z0-9]{32}", severity: "high", exempt_domains: ["vault.internal.example.com"] })
    expect(c.response_scanning.sse_streaming).toEqual({ enabled: true, action: "warn", max_event_bytes: 32768 })
    expect(c.tool_chain_detection.tool_categories).toEqual({ "my-readers": ["read_notes", "get_accounts"] })
    // extraConfig: merged into a rendered section key by key (its key wins), other sections as written
    expect(c.logging).toMatchObject({ format: "text", output: "stderr", level: "debug", include_allowed: true })
    expect(c.kill_switch).toMatchObject({ sentinel_file: "/tmp/pipelock-kill", message: "Emergency deny-all active" })
    expect(c.fetch_proxy.timeout_seconds).toBe(20)
    // only the Go keys this project accepts without implementing are warned about
    expect(loaded.warnings.join("\n")).toMatch(/health_watchdog\.enabled/)
    expect(loaded.warnings.join("\n")).toMatch(/flight_recorder\.dir/)
  })

  it("with the Redis values set: the config names the shared store, the Secrets become env (never the ConfigMap), the HPA renders", () => {
    const values = coalesce(chartValues(), {
      sessionStore: { backend: "redis", keyPrefix: "pipelock-prod:", onUnavailable: "block", redisUrlSecret: { name: "pipelock-redis", key: "url" }, redisPasswordSecret: { name: "pipelock-redis-pw" } },
      autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6 }
    })
    const { loaded, text } = loadRendered(values, "redis values")
    expect(YAML.parse(text).session_store).toEqual({ backend: "redis", key_prefix: "pipelock-prod:", on_unavailable: "block" })
    expect(text).not.toContain("pipelock-redis")
    expect(loaded.config.session_store).toMatchObject({ backend: "redis", key_prefix: "pipelock-prod:", on_unavailable: "block" })
    expect(loaded.warnings).toEqual([])
    // The Secret-sourced URL arrives as PIPELOCK__session_store__redis_url and loads like a file value.
    const withEnv = load({ file: { path: "rendered", text }, env: { PIPELOCK__session_store__redis_url: "rediss://:pw@redis.prod:6380/2" } })
    if (withEnv instanceof ConfigError) throw new Error(withEnv.message)
    expect(withEnv.config.session_store.redis_url).toBe("rediss://:pw@redis.prod:6380/2")
    const d = read(join(templates, "deployment.yaml"))
    expect(d).toContain(".Values.sessionStore.redisUrlSecret")
    expect(d).toContain(".Values.sessionStore.redisPasswordSecret")
    expect(d).toMatch(/- name: PIPELOCK__session_store__redis_url\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: \{\{ \. \| quote \}\}\n\s+key: \{\{ \$redisUrl\.key/)
    expect(d).toMatch(/- name: PIPELOCK_REDIS_PASSWORD\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: \{\{ \. \| quote \}\}\n\s+key: \{\{ \$redisPassword\.key/)
    expect(chartValues().sessionStore).toEqual({ redisUrlSecret: { name: "", key: "url" }, redisPasswordSecret: { name: "", key: "password" } })
  })

  it("a Redis URL with a bad scheme fails validation without echoing the URL (it may hold a password)", () => {
    const r = load({ file: { path: "t.yaml", text: 'session_store: { backend: redis, redis_url: "http://:hunter2@redis:6379/0" }\n' } })
    expect(r).toBeInstanceOf(ConfigError)
    expect((r as ConfigError).message).toContain("session_store.redis_url")
    expect((r as ConfigError).message).not.toContain("hunter2")
  })

  it.runIf(existsSync(sureValuesFile))("the reference app's `pipelock:` values, unchanged, render into a config that loads", () => {
    const sure = (YAML.parse(read(sureValuesFile)) as { pipelock: Json }).pipelock
    const values = coalesce(chartValues(), sure)
    const { loaded } = loadRendered(values, "sure-helm-values-pipelock.yaml")
    const checked = assertEveryValueLanded(values, loaded)
    expect(checked).toContain("forwardProxy.maxTunnelSeconds -> forward_proxy.max_tunnel_seconds")
    expect(checked).toContain("mcpToolPolicy.redirectProfiles -> mcp_tool_policy.redirect_profiles")
    const c = loaded.config
    expect(c.forward_proxy.max_tunnel_seconds).toBe((sure.forwardProxy as Json).maxTunnelSeconds)
    expect(c.forward_proxy.idle_timeout_seconds).toBe(60)
    expect(c.websocket_proxy.origin_policy).toBe("rewrite")
    expect(c.mcp_session_binding.enabled).toBe(true)
    expect(c.request_body_scanning.max_body_bytes).toBe(5242880)
    expect(c.logging.include_allowed).toBe(false)
    // with enabled: false the chart renders nothing; the app's other keys are all known to the chart
    expect(sure.enabled).toBe(false)
    for (const k of Object.keys(sure)) expect(k in helmMapping || deploymentOnlyValues.includes(k) || k === "extraConfig", k).toBe(true)
  })

  it("the app's example rules and redirect profile (from its values comments) convert and load", () => {
    const values = coalesce(chartValues(), {
      mcpToolPolicy: {
        enabled: true,
        action: "warn",
        rules: [{ name: "redirect-fetch", toolPattern: "^(fetch|web_fetch)$", action: "redirect", redirectProfile: "safe-fetch" }],
        redirectProfiles: { "safe-fetch": { exec: ["/pipelock", "internal-redirect", "fetch-proxy"], reason: "Route fetch calls through audited proxy" } }
      }
    })
    const { loaded } = loadRendered(values, "app example")
    expect(loaded.config.mcp_tool_policy.rules).toEqual([{ name: "redirect-fetch", tool_pattern: "^(fetch|web_fetch)$", action: "redirect", redirect_profile: "safe-fetch" }])
    expect(Object.keys(loaded.config.mcp_tool_policy.redirect_profiles)).toEqual(["safe-fetch"])
  })

  it("reports what the chart would fail on: unknown keys inside structured values, wrong shapes", () => {
    expect(renderHelmValues({ forwardProxy: { maxTunnelSecond: 5 } }).errors[0]).toMatch(/^forwardProxy\.maxTunnelSecond: unknown value/)
    expect(renderHelmValues({ mcpToolPolicy: { rules: [{ name: "x", tool_pattern: "y" }] } }).errors[0]).toMatch(/^mcpToolPolicy\.rules\[0\]\.tool_pattern: unknown value/)
    expect(renderHelmValues({ mcpToolPolicy: { rules: { name: "x" } } }).errors).toEqual(["mcpToolPolicy.rules: expected a list"])
    expect(renderHelmValues({ logging: "json" }).errors).toEqual(["logging: expected a map"])
    expect(renderHelmValues({ bogus: 1 }).unmapped).toEqual(["bogus"])
    // empty sections and null keys are not rendered
    expect(renderHelmValues({ healthWatchdog: {}, logging: { format: null } }).config).toEqual({ version: 1 })
  })
})
