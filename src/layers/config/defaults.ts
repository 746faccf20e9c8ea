/**
 * The Go Pipelock's built-in defaults (`config.Defaults()` plus `ApplyDefaults`), key by key, for every
 * section the project implements. A preset (config/<mode>.yaml) is laid over these, then the user's file,
 * environment and flags; so every key of `Config` has a value.
 *
 * Pattern catalogues are not repeated here: `dlp.patterns`, `response_scanning.patterns` and
 * `mcp_tool_policy.rules` default to empty with `include_defaults: true`, which merges the built-in
 * catalogues in by name when the scanners compile (see src/layers/dlp/patterns.ts and friends).
 */
import type { ConfigFile } from "../../services/Config.ts"

export const defaults = {
  version: 1,
  mode: "balanced",
  enforce: true,
  explain_blocks: false,
  api_allowlist: [
    "*.anthropic.com", "*.openai.com", "api.telegram.org", "*.discord.com", "gateway.discord.gg", "*.slack.com",
    "github.com", "*.github.com", "*.githubusercontent.com", "registry.npmjs.org"
  ],
  trusted_domains: [],
  ssrf: { ip_allowlist: [] },
  internal: [
    "0.0.0.0/8", "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10",
    "224.0.0.0/4", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8"
  ],
  suppress: [],
  max_inflight_body_mb: 16,
  workers: 1,
  fetch_proxy: {
    listen: "127.0.0.1:8888",
    timeout_seconds: 30,
    max_response_mb: 10,
    user_agent: "Pipelock Fetch/1.0",
    monitoring: {
      max_url_length: 2048,
      entropy_threshold: 4.5,
      subdomain_entropy_threshold: 4.0,
      max_requests_per_minute: 60,
      max_data_per_minute: 0,
      blocklist: ["*.pastebin.com", "*.hastebin.com", "*.paste.ee", "*.transfer.sh", "*.file.io", "*.requestbin.com"],
      subdomain_entropy_exclusions: []
    }
  },
  forward_proxy: {
    enabled: false,
    max_tunnel_seconds: 300,
    idle_timeout_seconds: 120,
    sni_verification: true,
    redirect_websocket_hosts: [],
    body_idle_timeout_seconds: 10,
    min_body_bytes_per_second: 1024
  },
  tls_interception: {
    enabled: false,
    ca_cert: "",
    ca_key: "",
    passthrough_domains: [],
    cert_ttl: "24h",
    cert_cache_size: 10000,
    max_response_bytes: 5 * 1024 * 1024,
    upstream_ca_bundle: ""
  },
  request_body_scanning: {
    enabled: true,
    action: "warn",
    max_body_bytes: 5 * 1024 * 1024,
    scan_headers: true,
    header_mode: "sensitive",
    sensitive_headers: ["Authorization", "Cookie", "X-Api-Key", "X-Token", "Proxy-Authorization", "X-Goog-Api-Key"],
    ignore_headers: [
      "Connection", "Keep-Alive", "Proxy-Authenticate", "Te", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
      "Content-Length", "Content-Type", "Accept", "Accept-Encoding", "User-Agent"
    ]
  },
  redaction: {
    enabled: false,
    default_profile: "",
    profiles: {},
    dictionaries: {},
    limits: { max_body_bytes: 10 * 1024 * 1024, max_redactions_per_request: 10000, max_depth: 64 },
    strict_reload: false,
    allowlist_unparseable: []
  },
  websocket_proxy: {
    enabled: false,
    max_message_bytes: 1024 * 1024,
    max_concurrent_connections: 128,
    scan_text_frames: true,
    allow_binary_frames: false,
    strip_compression: true,
    max_connection_seconds: 3600,
    idle_timeout_seconds: 300,
    origin_policy: "rewrite",
    forward_cookies: false
  },
  dlp: {
    scan_env: true,
    secrets_file: "",
    min_env_secret_length: 16,
    include_defaults: true,
    patterns: [],
    disabled_rules: []
  },
  response_scanning: {
    enabled: true,
    action: "warn",
    ask_timeout_seconds: 30,
    include_defaults: true,
    patterns: [],
    exempt_domains: [],
    sse_streaming: { enabled: true, action: "block", max_event_bytes: 65536 }
  },
  mcp_input_scanning: { enabled: false, action: "warn", on_parse_error: "block" },
  mcp_tool_scanning: { enabled: false, action: "warn", detect_drift: false },
  mcp_tool_policy: { enabled: false, action: "warn", rules: [], redirect_profiles: {}, quarantine_dir: "" },
  mcp_session_binding: { enabled: false, unknown_tool_action: "warn", no_baseline_action: "warn" },
  mcp_http_listener: { body_idle_timeout_seconds: 10, min_body_bytes_per_second: 1024 },
  tool_chain_detection: {
    enabled: false,
    action: "warn",
    window_size: 20,
    window_seconds: 60,
    max_gap: 3,
    tool_categories: {},
    pattern_overrides: {},
    custom_patterns: []
  },
  session_profiling: {
    enabled: false,
    anomaly_action: "warn",
    domain_burst: 5,
    window_minutes: 5,
    volume_spike_ratio: 3.0,
    max_sessions: 1000,
    session_ttl_minutes: 30,
    cleanup_interval_seconds: 60
  },
  // Pipelock-TS: shared state for several replicas (memory for one). The audit preset allows requests while
  // Redis is down (audit never blocks anyway).
  session_store: {
    backend: "memory",
    redis_url: "redis://127.0.0.1:6379/0",
    key_prefix: "pipelock:",
    on_unavailable: "block"
  },
  kill_switch: {
    enabled: false,
    sentinel_file: "",
    message: "Emergency deny-all active",
    health_exempt: true,
    metrics_exempt: true,
    api_exempt: true,
    api_token: "",
    api_listen: "",
    allowlist_ips: []
  },
  logging: {
    format: "json",
    output: "stdout",
    file: "",
    include_allowed: true,
    include_blocked: true,
    level: "info"
  },
  seed_phrase_detection: { enabled: true, min_words: 12, verify_checksum: true },
  canary_tokens: { enabled: false, tokens: [] },
  // Go: off unless enabled, action warn (its docs say block); the scan switches default on.
  a2a_scanning: {
    enabled: false,
    action: "warn",
    scan_agent_cards: true,
    detect_card_drift: true,
    session_smuggling_detection: true,
    scan_raw_parts: true,
    max_context_messages: 100,
    max_contexts: 1000,
    max_raw_size: 1048576
  },
  // Pipelock-TS: an external classifier (docs/scanners.md), off until a URL is configured.
  http_classifier: {
    enabled: false,
    url: "",
    surfaces: ["response_text", "mcp_result", "tool_definition"],
    timeout_ms: 2000,
    max_concurrent: 4,
    on_failure: "block",
    severity: "high",
    max_text_chars: 16384
  }
} satisfies ConfigFile

/**
 * Numeric keys where the Go loader replaces `<= 0` with the default (`max_requests_per_minute: 0` means 60,
 * not "off"). Applied after layering, before validation.
 */
export const zeroMeansDefault: ReadonlyArray<ReadonlyArray<string>> = [
  ["fetch_proxy", "timeout_seconds"],
  ["fetch_proxy", "max_response_mb"],
  ["fetch_proxy", "monitoring", "max_url_length"],
  ["fetch_proxy", "monitoring", "max_requests_per_minute"],
  ["fetch_proxy", "monitoring", "entropy_threshold"],
  ["fetch_proxy", "monitoring", "subdomain_entropy_threshold"],
  ["forward_proxy", "max_tunnel_seconds"],
  ["forward_proxy", "idle_timeout_seconds"],
  ["tls_interception", "cert_cache_size"],
  ["tls_interception", "max_response_bytes"],
  ["request_body_scanning", "max_body_bytes"],
  ["max_inflight_body_mb"],
  ["websocket_proxy", "max_message_bytes"],
  ["websocket_proxy", "max_concurrent_connections"],
  ["websocket_proxy", "max_connection_seconds"],
  ["websocket_proxy", "idle_timeout_seconds"],
  ["response_scanning", "sse_streaming", "max_event_bytes"],
  ["dlp", "min_env_secret_length"],
  ["tool_chain_detection", "window_size"],
  ["tool_chain_detection", "window_seconds"],
  ["session_profiling", "max_sessions"],
  ["session_profiling", "session_ttl_minutes"]
]
