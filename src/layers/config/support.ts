/**
 * Which configuration keys the project implements. The schema accepts the Go Pipelock's whole surface so
 * that existing files load; a key the user sets that is listed here as not implemented yet gets one
 * startup warning naming it (grouped per section), never silence.
 *
 * Keep this list honest: remove an entry in the change that implements it.
 */

/** Key paths (a section, or `section.key`) accepted but not implemented yet, with why/what instead. */
export const notImplemented: Readonly<Record<string, string>> = {
  explain_blocks: "SSRF and api_allowlist blocks always carry a `hint` (it names a config key, nothing more); there is no X-Pipelock-Hint header and no hint for other rules",
  metrics_listen: "metrics are served on the main listener only",
  default_agent_identity: "per-agent profiles are not supported",
  bind_default_agent_identity: "per-agent profiles are not supported",
  agents: "per-agent profiles are not supported",
  license_key: "no licensed features",
  license_file: "no licensed features",
  license_public_key: "no licensed features",
  "forward_proxy.redirect_websocket_hosts": "WebSocket redirect hints are not emitted",
  "response_scanning.ask_timeout_seconds": "`ask` has no interactive prompt here and always blocks",
  "session_profiling.enabled": "session profiling (domain bursts) is not implemented; sessions still expire by TTL",
  "session_profiling.anomaly_action": "session profiling is not implemented",
  "session_profiling.domain_burst": "session profiling is not implemented",
  "session_profiling.window_minutes": "session profiling is not implemented",
  "session_profiling.volume_spike_ratio": "session profiling is not implemented",
  "mcp_ws_listener.max_connections": "no MCP-over-WebSocket listener (allowed_origins applies to the MCP HTTP listener)",
  adaptive_enforcement: "no per-session adaptive escalation",
  cross_request_detection: "no cross-request entropy budget or fragment reassembly",
  airlock: "no airlock quarantine tiers",
  emit: "no webhook/syslog/OTLP log sinks (logs go to `logging.output`; traces via OTEL_EXPORTER_OTLP_ENDPOINT)",
  address_protection: "no crypto-address poisoning check",
  scan_api: "no scan API listener",
  reverse_proxy: "no generic HTTP reverse proxy",
  git_protection: "no git hooks",
  sandbox: "no process sandbox",
  file_sentry: "no file sentry",
  flight_recorder: "no signed evidence receipts",
  "a2a_scanning.session_smuggling_detection": "no A2A session-smuggling (context replay) detection; cards, drift and message parts are scanned",
  "a2a_scanning.max_context_messages": "no A2A session-smuggling detection",
  mcp_binary_integrity: "no MCP binary integrity check",
  mcp_tool_provenance: "no signed tool provenance",
  behavioral_baseline: "no behavioural baseline",
  browser_shield: "no HTML rewriting",
  media_policy: "no media stripping",
  taint: "no taint escalation",
  mediation_envelope: "no mediation envelope",
  rules: "no signed rule bundles",
  sentry: "no crash reporting",
  health_watchdog: "no subsystem watchdog (/health reflects the kill switch and listeners)",
  data_budget: "unknown section from newer Go releases; ignored",
  learn: "unknown section from newer Go releases; ignored"
}

const leafPaths = (u: unknown, prefix: string, out: string[]): void => {
  if (typeof u === "object" && u !== null && !Array.isArray(u) && Object.keys(u).length > 0) {
    for (const [k, v] of Object.entries(u)) leafPaths(v, prefix === "" ? k : `${prefix}.${k}`, out)
  } else if (prefix !== "") out.push(prefix)
}

/**
 * The warnings for a user's layers (file + environment + flags, before defaults): one line per
 * not-implemented section or key, naming every key set under it.
 */
export const unimplementedKeys = (userLayers: unknown): ReadonlyArray<string> => {
  const leaves: string[] = []
  leafPaths(userLayers, "", leaves)
  const groups = new Map<string, string[]>()
  for (const leaf of leaves) {
    const entry = Object.keys(notImplemented).find((k) => leaf === k || leaf.startsWith(`${k}.`))
    if (entry === undefined) continue
    const list = groups.get(entry) ?? []
    list.push(leaf)
    groups.set(entry, list)
  }
  return [...groups].map(([entry, keys]) =>
    `config key${keys.length > 1 ? "s" : ""} ${keys.join(", ")}: not implemented yet, ignored (${notImplemented[entry]})`)
}
