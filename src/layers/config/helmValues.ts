/**
 * Renders the `pipelock:` block of Helm values (the app's chart and our charts/pipelock) into a
 * `pipelock.yaml` document, the way the chart's ConfigMap template does: structured camelCase values map
 * onto snake_case config sections, `extraConfig` is merged in as written, and deployment-only values
 * (image, replicas, service, probes, ingress…) are left out. Used by tests that prove every structured
 * value lands on a key the config schema accepts.
 */

/** Values that configure the Kubernetes objects, not Pipelock itself. */
export const deploymentOnlyValues: ReadonlyArray<string> = [
  "enabled", "image", "replicas", "service", "resources", "podAnnotations", "podLabels", "nodeSelector", "tolerations",
  "affinity", "topologySpreadConstraints", "extraVolumes", "extraVolumeMounts", "serviceMonitor", "ingress", "pdb",
  "requireForExternalAssistant", "mcpProxy", "networkPolicy", "autoscaling", "securityContext", "podSecurityContext",
  "serviceAccount", "extraEnv", "extraArgs", "configChecksum", "nameOverride", "fullnameOverride", "grafanaDashboard",
  "existingSecret", "killSwitch"
]

/** Structured value → config section. */
export const sectionOf: Readonly<Record<string, string>> = {
  mode: "mode",
  trustedDomains: "trusted_domains",
  forwardProxy: "forward_proxy",
  websocketProxy: "websocket_proxy",
  mcpToolPolicy: "mcp_tool_policy",
  mcpSessionBinding: "mcp_session_binding",
  toolChainDetection: "tool_chain_detection",
  requestBodyScanning: "request_body_scanning",
  healthWatchdog: "health_watchdog",
  flightRecorder: "flight_recorder",
  logging: "logging",
  responseScanning: "response_scanning",
  mcpInputScanning: "mcp_input_scanning",
  mcpToolScanning: "mcp_tool_scanning",
  dlp: "dlp",
  tlsInterception: "tls_interception",
  apiAllowlist: "api_allowlist"
}

/** Keys inside a section that stay with the chart (ports become `--listen` flags). */
const sectionDeploymentKeys: Readonly<Record<string, ReadonlyArray<string>>> = {
  forwardProxy: ["port"]
}

export const camelToSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()

/** Keys whose children are user-chosen names (profile names, tool names), not config keys. */
const mapKeys = new Set(["redirect_profiles", "tool_categories", "pattern_overrides", "profiles", "dictionaries"])

const convert = (u: unknown, parentKey: string): unknown => {
  if (Array.isArray(u)) return u.map((x) => convert(x, parentKey))
  if (typeof u !== "object" || u === null) return u
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(u)) {
    const key = mapKeys.has(parentKey) ? k : camelToSnake(k)
    out[key] = convert(v, key)
  }
  return out
}

/**
 * The config document a chart renders from its `pipelock:` values. Unknown structured values are
 * reported in `unmapped` rather than dropped silently.
 */
export const renderHelmValues = (values: Record<string, unknown>): { config: Record<string, unknown>; unmapped: string[] } => {
  const config: Record<string, unknown> = { version: 1 }
  const unmapped: string[] = []
  for (const [key, value] of Object.entries(values)) {
    if (deploymentOnlyValues.includes(key)) continue
    if (key === "extraConfig") continue
    const section = sectionOf[key]
    if (section === undefined) {
      unmapped.push(key)
      continue
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const kept = Object.fromEntries(Object.entries(value).filter(([k]) => !(sectionDeploymentKeys[key] ?? []).includes(k)))
      config[section] = convert(kept, section)
    } else {
      config[section] = value
    }
  }
  const extra = values.extraConfig
  if (typeof extra === "object" && extra !== null) Object.assign(config, extra)
  return { config, unmapped }
}
