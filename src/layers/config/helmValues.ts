/**
 * Renders the `pipelock:` block of Helm values (the app's chart, and our `charts/pipelock`) into a
 * `pipelock.yaml` document, exactly the way the chart's ConfigMap template does.
 *
 * KEEP IN STEP WITH THE CHART: `helmMapping` below is the same table as the `pipelock.configMapping`
 * block of `charts/pipelock/templates/_helpers.tpl`, and `renderHelmValues` follows the same steps as
 * its `pipelock.config` template. `test/packaging/helm.test.ts` fails when the two tables differ.
 *
 * The steps, in both places:
 * 1. Every entry of the mapping whose value is set (not null/absent) is rendered:
 *    - an entry without `keys` (mode, trustedDomains, apiAllowlist) is copied as it is;
 *    - an entry with `keys` is a section: each camelCase key is renamed to its snake_case config key;
 *      `deploymentKeys` (forwardProxy.port) stay with the chart; any other key is an error (the chart
 *      `fail`s), so a typo never disappears silently. A value that is null is left out.
 *      `lists` (a list of objects), `maps` (a map of user-chosen names to objects) and `objects`
 *      (one nested object) rename the keys inside those values the same way; every other value (lists
 *      of strings, `toolCategories`, `patternOverrides`) is copied as it is.
 *    - a section left empty after that is not rendered (so `healthWatchdog: {}` says nothing).
 * 2. `extraConfig` (snake_case, as in pipelock.yaml) is merged on top, two levels deep: a section that
 *    is also rendered from structured values is merged key by key, and an extraConfig key wins
 *    (replacing that key's whole value); any other top-level key is set as written.
 * 3. `version: 1` is always set (extraConfig may override it).
 * Values that configure the Kubernetes objects (`deploymentOnlyValues`) are ignored.
 */

/** Top-level values that configure the Kubernetes objects, not Pipelock's config file. */
export const deploymentOnlyValues: ReadonlyArray<string> = [
  "enabled", "nameOverride", "fullnameOverride", "image", "replicas", "mcpProxy", "service", "resources",
  "podAnnotations", "podLabels", "podSecurityContext", "securityContext", "livenessProbe", "readinessProbe",
  "nodeSelector", "tolerations", "affinity", "topologySpreadConstraints", "extraEnv", "extraArgs", "extraVolumes",
  "extraVolumeMounts", "serviceMonitor", "ingress", "pdb", "networkPolicy", "autoscaling",
  // Accepted for the app's values (its chart uses it to refuse an unprotected external assistant); no
  // effect here.
  "requireForExternalAssistant",
  // Injected by Helm into every subchart's values.
  "global"
]

/** Key renames inside one object: camelCase value key → snake_case config key. */
export type KeyMap = Readonly<Record<string, string>>

/** How one top-level structured value becomes a config section (or a top-level config key). */
export interface SectionMapping {
  /** The config key it renders into. */
  readonly section: string
  /** Present for sections: every accepted value key and its config key. Absent: copied as it is. */
  readonly keys?: KeyMap
  /** Keys of this value that configure the chart, not the config (never rendered). */
  readonly deploymentKeys?: ReadonlyArray<string>
  /** Keys whose value is a list of objects, with the renames inside each object. */
  readonly lists?: Readonly<Record<string, KeyMap>>
  /** Keys whose value maps user-chosen names to objects, with the renames inside each object. */
  readonly maps?: Readonly<Record<string, KeyMap>>
  /** Keys whose value is one object, with the renames inside it. */
  readonly objects?: Readonly<Record<string, KeyMap>>
}

/**
 * Structured value → config key. The same table as `pipelock.configMapping` in the chart's
 * `_helpers.tpl` (compared by test/packaging/helm.test.ts). Every config key named here is a key of the
 * schema in src/services/Config.ts (also tested).
 */
export const helmMapping: Readonly<Record<string, SectionMapping>> = {
  mode: { section: "mode" },
  trustedDomains: { section: "trusted_domains" },
  apiAllowlist: { section: "api_allowlist" },
  forwardProxy: {
    section: "forward_proxy",
    deploymentKeys: ["port"],
    keys: {
      enabled: "enabled",
      maxTunnelSeconds: "max_tunnel_seconds",
      idleTimeoutSeconds: "idle_timeout_seconds",
      sniVerification: "sni_verification",
      redirectWebsocketHosts: "redirect_websocket_hosts"
    }
  },
  websocketProxy: {
    section: "websocket_proxy",
    keys: {
      enabled: "enabled",
      maxMessageBytes: "max_message_bytes",
      maxConcurrentConnections: "max_concurrent_connections",
      scanTextFrames: "scan_text_frames",
      allowBinaryFrames: "allow_binary_frames",
      stripCompression: "strip_compression",
      maxConnectionSeconds: "max_connection_seconds",
      idleTimeoutSeconds: "idle_timeout_seconds",
      originPolicy: "origin_policy",
      forwardCookies: "forward_cookies"
    }
  },
  tlsInterception: {
    section: "tls_interception",
    keys: {
      enabled: "enabled",
      caCert: "ca_cert",
      caKey: "ca_key",
      passthroughDomains: "passthrough_domains",
      certTtl: "cert_ttl",
      certCacheSize: "cert_cache_size",
      maxResponseBytes: "max_response_bytes",
      upstreamCaBundle: "upstream_ca_bundle"
    }
  },
  requestBodyScanning: {
    section: "request_body_scanning",
    keys: {
      enabled: "enabled",
      action: "action",
      maxBodyBytes: "max_body_bytes",
      scanHeaders: "scan_headers",
      headerMode: "header_mode",
      sensitiveHeaders: "sensitive_headers",
      ignoreHeaders: "ignore_headers"
    }
  },
  dlp: {
    section: "dlp",
    keys: {
      scanEnv: "scan_env",
      secretsFile: "secrets_file",
      minEnvSecretLength: "min_env_secret_length",
      includeDefaults: "include_defaults",
      patterns: "patterns",
      disabledRules: "disabled_rules"
    },
    lists: {
      patterns: {
        name: "name",
        regex: "regex",
        severity: "severity",
        validator: "validator",
        exemptDomains: "exempt_domains",
        action: "action"
      }
    }
  },
  responseScanning: {
    section: "response_scanning",
    keys: {
      enabled: "enabled",
      action: "action",
      askTimeoutSeconds: "ask_timeout_seconds",
      includeDefaults: "include_defaults",
      patterns: "patterns",
      exemptDomains: "exempt_domains",
      sseStreaming: "sse_streaming"
    },
    lists: { patterns: { name: "name", regex: "regex", severity: "severity" } },
    objects: { sseStreaming: { enabled: "enabled", action: "action", maxEventBytes: "max_event_bytes" } }
  },
  mcpInputScanning: {
    section: "mcp_input_scanning",
    keys: { enabled: "enabled", action: "action", onParseError: "on_parse_error" }
  },
  mcpToolScanning: {
    section: "mcp_tool_scanning",
    keys: { enabled: "enabled", action: "action", detectDrift: "detect_drift" }
  },
  mcpToolPolicy: {
    section: "mcp_tool_policy",
    keys: {
      enabled: "enabled",
      action: "action",
      rules: "rules",
      redirectProfiles: "redirect_profiles",
      quarantineDir: "quarantine_dir"
    },
    lists: {
      rules: {
        name: "name",
        toolPattern: "tool_pattern",
        argPattern: "arg_pattern",
        argKey: "arg_key",
        action: "action",
        redirectProfile: "redirect_profile"
      }
    },
    maps: {
      redirectProfiles: {
        exec: "exec",
        reason: "reason",
        preserveArgv: "preserve_argv",
        matchAbsPath: "match_abs_path",
        timeoutSeconds: "timeout_seconds"
      }
    }
  },
  mcpSessionBinding: {
    section: "mcp_session_binding",
    keys: { enabled: "enabled", unknownToolAction: "unknown_tool_action", noBaselineAction: "no_baseline_action" }
  },
  toolChainDetection: {
    section: "tool_chain_detection",
    keys: {
      enabled: "enabled",
      action: "action",
      windowSize: "window_size",
      windowSeconds: "window_seconds",
      maxGap: "max_gap",
      toolCategories: "tool_categories",
      patternOverrides: "pattern_overrides",
      customPatterns: "custom_patterns"
    },
    lists: { customPatterns: { name: "name", sequence: "sequence", severity: "severity", action: "action" } }
  },
  sessionStore: {
    section: "session_store",
    // The Redis URL and password from Secrets: container env, never in the ConfigMap.
    deploymentKeys: ["redisUrlSecret", "redisPasswordSecret"],
    keys: { backend: "backend", redisUrl: "redis_url", keyPrefix: "key_prefix", onUnavailable: "on_unavailable" }
  },
  healthWatchdog: {
    section: "health_watchdog",
    keys: { enabled: "enabled", intervalSeconds: "interval_seconds", exposeSubsystems: "expose_subsystems" }
  },
  flightRecorder: {
    section: "flight_recorder",
    keys: {
      enabled: "enabled",
      dir: "dir",
      checkpointInterval: "checkpoint_interval",
      retentionDays: "retention_days",
      redact: "redact",
      signCheckpoints: "sign_checkpoints",
      signingKeyPath: "signing_key_path",
      maxEntriesPerFile: "max_entries_per_file",
      rawEscrow: "raw_escrow",
      escrowPublicKey: "escrow_public_key",
      requireReceipts: "require_receipts"
    }
  },
  logging: {
    section: "logging",
    keys: {
      format: "format",
      output: "output",
      file: "file",
      includeAllowed: "include_allowed",
      includeBlocked: "include_blocked",
      level: "level"
    }
  }
}

type Json = Record<string, unknown>

const isMap = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)
const isSet = (u: unknown): boolean => u !== null && u !== undefined

/** What the chart renders from a `pipelock:` values block. */
export interface Rendered {
  /** The pipelock.yaml document (before the loader adds the preset and defaults). */
  readonly config: Json
  /** Top-level values that are neither structured config values nor chart values (the chart ignores them). */
  readonly unmapped: ReadonlyArray<string>
  /** What would make the chart `fail` (an unknown key inside a structured value, a wrong shape). */
  readonly errors: ReadonlyArray<string>
}

const renameKeys = (value: unknown, keys: KeyMap, path: string, errors: string[]): Json => {
  const out: Json = {}
  if (!isMap(value)) {
    errors.push(`${path}: expected a map`)
    return out
  }
  for (const [k, v] of Object.entries(value)) {
    const target = keys[k]
    if (target === undefined) errors.push(`${path}.${k}: unknown value (known: ${Object.keys(keys).sort().join(", ")})`)
    else if (isSet(v)) out[target] = v
  }
  return out
}

const renderSection = (name: string, m: SectionMapping & { keys: KeyMap }, value: unknown, errors: string[]): Json => {
  const out: Json = {}
  if (!isMap(value)) {
    errors.push(`${name}: expected a map`)
    return out
  }
  for (const [k, v] of Object.entries(value)) {
    if ((m.deploymentKeys ?? []).includes(k)) continue
    const target = m.keys[k]
    if (target === undefined) {
      errors.push(`${name}.${k}: unknown value (known: ${Object.keys(m.keys).sort().join(", ")}; other keys go under extraConfig)`)
      continue
    }
    if (!isSet(v)) continue
    const listKeys = m.lists?.[k]
    const mapKeys = m.maps?.[k]
    const objectKeys = m.objects?.[k]
    if (listKeys !== undefined) {
      if (!Array.isArray(v)) errors.push(`${name}.${k}: expected a list`)
      else out[target] = v.map((item, i) => renameKeys(item, listKeys, `${name}.${k}[${i}]`, errors))
    } else if (mapKeys !== undefined) {
      if (!isMap(v)) errors.push(`${name}.${k}: expected a map`)
      else out[target] = Object.fromEntries(Object.entries(v).map(([n, o]) => [n, renameKeys(o, mapKeys, `${name}.${k}.${n}`, errors)]))
    } else if (objectKeys !== undefined) {
      out[target] = renameKeys(v, objectKeys, `${name}.${k}`, errors)
    } else {
      out[target] = v
    }
  }
  return out
}

/**
 * The config document the chart's ConfigMap holds for a `pipelock:` values block.
 *
 * @example
 * renderHelmValues({ mode: "strict", forwardProxy: { port: 8888, maxTunnelSeconds: 600 } }).config
 * // { version: 1, mode: "strict", forward_proxy: { max_tunnel_seconds: 600 } }
 */
export const renderHelmValues = (values: Json): Rendered => {
  const config: Json = { version: 1 }
  const errors: string[] = []
  const unmapped = Object.keys(values).filter((k) => !(k in helmMapping) && !deploymentOnlyValues.includes(k) && k !== "extraConfig")
  for (const [name, m] of Object.entries(helmMapping)) {
    const value = values[name]
    if (!isSet(value)) continue
    if (m.keys === undefined) {
      config[m.section] = value
      continue
    }
    const section = renderSection(name, { ...m, keys: m.keys }, value, errors)
    if (Object.keys(section).length > 0) config[m.section] = section
  }
  const extra = values.extraConfig
  if (isSet(extra) && !isMap(extra)) errors.push("extraConfig: expected a map")
  if (isMap(extra)) {
    for (const [k, v] of Object.entries(extra)) {
      const current = config[k]
      if (isMap(v) && isMap(current)) config[k] = { ...current, ...v }
      else config[k] = v
    }
  }
  return { config, unmapped, errors }
}

