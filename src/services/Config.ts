/**
 * The configuration contract: the schema of `pipelock.yaml` (every section and key of the Go Pipelock,
 * snake_case, unknown keys rejected) and the resolved `Config` the running proxy reads.
 *
 * `ConfigFile` is what a file may say (every key optional). `Config` is what the loader produces after
 * layering preset defaults < file < `PIPELOCK_*` environment < CLI flags: every section the project
 * implements is complete. Sections the project accepts but does not implement yet stay optional and
 * are reported by a startup warning (see `src/layers/config/support.ts`).
 */
import { Schema } from "effect"
import type { Mode, Severity } from "./Verdict.ts"

const opt = Schema.optionalKey
const Bool = Schema.Boolean
const Str = Schema.String
const Strings = Schema.Array(Schema.String)
const Int = Schema.Int
const NonNegInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const Num = Schema.Finite
const NonNegNum = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))
const Any = Schema.Record(Schema.String, Schema.Unknown)

const SeverityS = Schema.Literals(["critical", "high", "medium", "low"])
const WarnBlock = Schema.Literals(["warn", "block"])
/** A Go duration such as `24h`, `90m`, `1h30m`, `45s`. */
const Duration = Str.check(
  Schema.isPattern(/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/, { message: "expected a duration such as 24h, 90m or 45s" })
)

// ---------------------------------------------------------------------------------------------
// Sections the project implements
// ---------------------------------------------------------------------------------------------

export const FetchProxy = Schema.Struct({
  listen: opt(Str),
  timeout_seconds: opt(NonNegInt),
  max_response_mb: opt(NonNegInt),
  user_agent: opt(Str),
  monitoring: opt(Schema.Struct({
    max_url_length: opt(NonNegInt),
    entropy_threshold: opt(NonNegNum),
    subdomain_entropy_threshold: opt(NonNegNum),
    max_requests_per_minute: opt(Int),
    max_data_per_minute: opt(NonNegInt),
    blocklist: opt(Strings),
    subdomain_entropy_exclusions: opt(Strings)
  }))
})

export const ForwardProxy = Schema.Struct({
  enabled: opt(Bool),
  max_tunnel_seconds: opt(NonNegInt),
  idle_timeout_seconds: opt(NonNegInt),
  sni_verification: opt(Bool),
  redirect_websocket_hosts: opt(Strings),
  /**
   * A body being buffered for scanning on the main port (a request body from a client, a response body from
   * an origin) that stalls this long is cut: 408 to a client, 502 for an origin; 0 turns it off (a
   * Pipelock-TS addition).
   */
  body_idle_timeout_seconds: opt(NonNegInt),
  /**
   * The slowest such a body may arrive on average: it gets `body_idle_timeout_seconds` plus one second per
   * this many bytes; 0 turns it off (a Pipelock-TS addition).
   */
  min_body_bytes_per_second: opt(NonNegInt)
})

export const TlsInterception = Schema.Struct({
  enabled: opt(Bool),
  ca_cert: opt(Str),
  ca_key: opt(Str),
  passthrough_domains: opt(Strings),
  cert_ttl: opt(Duration),
  cert_cache_size: opt(NonNegInt),
  max_response_bytes: opt(NonNegInt),
  /** Extra PEM bundle trusted for upstream TLS, besides the system store (a Pipelock-TS addition). */
  upstream_ca_bundle: opt(Str)
})

export const RequestBodyScanning = Schema.Struct({
  enabled: opt(Bool),
  action: opt(WarnBlock),
  max_body_bytes: opt(NonNegInt),
  scan_headers: opt(Bool),
  header_mode: opt(Schema.Literals(["sensitive", "all"])),
  sensitive_headers: opt(Strings),
  ignore_headers: opt(Strings)
})

export const Redaction = Schema.Struct({
  enabled: opt(Bool),
  default_profile: opt(Str),
  profiles: opt(Schema.Record(Str, Schema.Struct({ classes: opt(Strings), dictionaries: opt(Strings) }))),
  dictionaries: opt(Schema.Record(Str, Schema.Struct({
    class: opt(Str),
    entries: opt(Strings),
    entries_file: opt(Str),
    case_insensitive: opt(Bool),
    word_boundary: opt(Bool),
    priority: opt(Int)
  }))),
  limits: opt(Schema.Struct({
    max_body_bytes: opt(NonNegInt),
    max_redactions_per_request: opt(NonNegInt),
    max_depth: opt(NonNegInt)
  })),
  strict_reload: opt(Bool),
  allowlist_unparseable: opt(Strings)
})

export const WebsocketProxy = Schema.Struct({
  enabled: opt(Bool),
  max_message_bytes: opt(NonNegInt),
  max_concurrent_connections: opt(NonNegInt),
  scan_text_frames: opt(Bool),
  allow_binary_frames: opt(Bool),
  strip_compression: opt(Bool),
  max_connection_seconds: opt(NonNegInt),
  idle_timeout_seconds: opt(NonNegInt),
  origin_policy: opt(Schema.Literals(["rewrite", "forward", "strip"])),
  forward_cookies: opt(Bool)
})

export const DlpPattern = Schema.Struct({
  name: Str,
  regex: Str,
  severity: opt(SeverityS),
  validator: opt(Schema.Literals(["luhn", "mod97", "aba", "wif", "eth", "btc"])),
  exempt_domains: opt(Strings),
  action: opt(Schema.Literals(["warn"]))
})

export const Dlp = Schema.Struct({
  scan_env: opt(Bool),
  secrets_file: opt(Str),
  min_env_secret_length: opt(NonNegInt),
  include_defaults: opt(Bool),
  patterns: opt(Schema.Array(DlpPattern)),
  /**
   * A Pipelock-TS key: built-in rules to turn off, by name or glob (`gitleaks:*` turns gitleaks' catalogue off,
   * `gitleaks:generic-api-key` one rule, `Credential Assignment` one of ours). The core set cannot be turned off.
   */
  disabled_rules: opt(Strings),
  /** Reserved by the Go Pipelock: any value is rejected by validation. */
  action: opt(Schema.Unknown)
})

export const ResponsePattern = Schema.Struct({
  name: Str,
  regex: Str,
  /** A Pipelock-TS addition; built-in names keep their catalogue severity when omitted. */
  severity: opt(SeverityS)
})

export const ResponseScanning = Schema.Struct({
  enabled: opt(Bool),
  action: opt(Schema.Literals(["block", "strip", "warn", "ask"])),
  ask_timeout_seconds: opt(NonNegInt),
  include_defaults: opt(Bool),
  patterns: opt(Schema.Array(ResponsePattern)),
  exempt_domains: opt(Strings),
  sse_streaming: opt(Schema.Struct({
    enabled: opt(Bool),
    action: opt(WarnBlock),
    max_event_bytes: opt(NonNegInt)
  }))
})

export const McpInputScanning = Schema.Struct({
  enabled: opt(Bool),
  action: opt(WarnBlock),
  on_parse_error: opt(Schema.Literals(["block", "forward"]))
})

export const McpToolScanning = Schema.Struct({
  enabled: opt(Bool),
  action: opt(WarnBlock),
  detect_drift: opt(Bool)
})

export const ToolPolicyRule = Schema.Struct({
  name: Str,
  tool_pattern: Str,
  arg_pattern: opt(Str),
  arg_key: opt(Str),
  action: opt(Schema.Literals(["warn", "block", "redirect"])),
  redirect_profile: opt(Str)
})

export const RedirectProfile = Schema.Struct({
  exec: Schema.Array(Str).check(Schema.isMinLength(1)),
  reason: opt(Str),
  preserve_argv: opt(Bool),
  match_abs_path: opt(Bool),
  /** How long the handler may run (a Pipelock-TS addition; default 10). */
  timeout_seconds: opt(NonNegInt)
})

export const McpToolPolicy = Schema.Struct({
  enabled: opt(Bool),
  action: opt(Schema.Literals(["warn", "block", "redirect"])),
  rules: opt(Schema.Array(ToolPolicyRule)),
  redirect_profiles: opt(Schema.Record(Str, RedirectProfile)),
  quarantine_dir: opt(Str)
})

/** The MCP HTTP listener (`--mcp-listen`): slow-body limits, as on the main port (a Pipelock-TS section). */
export const McpHttpListener = Schema.Struct({
  body_idle_timeout_seconds: opt(NonNegInt),
  min_body_bytes_per_second: opt(NonNegInt)
})

export const McpSessionBinding = Schema.Struct({
  enabled: opt(Bool),
  unknown_tool_action: opt(WarnBlock),
  no_baseline_action: opt(WarnBlock)
})

export const ToolChainDetection = Schema.Struct({
  enabled: opt(Bool),
  action: opt(WarnBlock),
  window_size: opt(NonNegInt),
  window_seconds: opt(NonNegInt),
  max_gap: opt(NonNegInt),
  tool_categories: opt(Schema.Record(Str, Strings)),
  pattern_overrides: opt(Schema.Record(Str, WarnBlock)),
  custom_patterns: opt(Schema.Array(Schema.Struct({
    name: Str,
    sequence: Schema.Array(Str).check(Schema.isMinLength(2)),
    severity: opt(Schema.Literals(["medium", "high", "critical"])),
    action: opt(WarnBlock)
  })))
})

export const SessionProfiling = Schema.Struct({
  enabled: opt(Bool),
  anomaly_action: opt(WarnBlock),
  domain_burst: opt(NonNegInt),
  window_minutes: opt(NonNegInt),
  volume_spike_ratio: opt(NonNegNum),
  max_sessions: opt(NonNegInt),
  session_ttl_minutes: opt(NonNegInt),
  cleanup_interval_seconds: opt(NonNegInt)
})

/**
 * Where the shared security state lives (MCP sessions, chains, rate windows, card pins, the fleet-wide kill
 * switch): this process's memory, or Redis for several replicas. A Pipelock-TS addition (the Go Pipelock has
 * no shared store).
 */
export const SessionStoreSection = Schema.Struct({
  backend: opt(Schema.Literals(["memory", "redis"])),
  /** `redis://[user:password@]host:port/db` or `rediss://…`; the password may come from PIPELOCK_REDIS_PASSWORD instead. */
  redis_url: opt(Str),
  key_prefix: opt(Str),
  /** What a request that needs the store gets while Redis is down or slow. */
  on_unavailable: opt(Schema.Literals(["block", "allow"]))
})

export const KillSwitch = Schema.Struct({
  enabled: opt(Bool),
  sentinel_file: opt(Str),
  message: opt(Str),
  health_exempt: opt(Bool),
  metrics_exempt: opt(Bool),
  api_exempt: opt(Bool),
  api_token: opt(Str),
  api_listen: opt(Str),
  allowlist_ips: opt(Strings)
})

export const Logging = Schema.Struct({
  format: opt(Schema.Literals(["json", "text"])),
  /** `stdout`, `stderr`, `file` (with `file`), `both` (stdout and `file`), or a file path. */
  output: opt(Str),
  file: opt(Str),
  include_allowed: opt(Bool),
  include_blocked: opt(Bool),
  /** Minimum level of operational (non-verdict) logs (a Pipelock-TS addition). */
  level: opt(Schema.Literals(["debug", "info", "warn", "error"]))
})

export const SeedPhraseDetection = Schema.Struct({
  enabled: opt(Bool),
  min_words: opt(Schema.Literals([12, 15, 18, 21, 24])),
  verify_checksum: opt(Bool)
})

export const CanaryTokens = Schema.Struct({
  enabled: opt(Bool),
  tokens: opt(Schema.Array(Schema.Struct({ name: Str, value: opt(Str), env_var: opt(Str) })))
})

export const Ssrf = Schema.Struct({ ip_allowlist: opt(Strings) })

// ---------------------------------------------------------------------------------------------
// Sections accepted for compatibility (validated, reported as not implemented when set)
// ---------------------------------------------------------------------------------------------

const Sev3 = Schema.Literals(["info", "warn", "critical"])

export const Emit = Schema.Struct({
  instance_id: opt(Str),
  webhook: opt(Schema.Struct({
    url: opt(Str), min_severity: opt(Sev3), auth_token: opt(Str), timeout_seconds: opt(NonNegInt), queue_size: opt(NonNegInt)
  })),
  syslog: opt(Schema.Struct({ address: opt(Str), min_severity: opt(Sev3), facility: opt(Str), tag: opt(Str) })),
  otlp: opt(Schema.Struct({
    endpoint: opt(Str), min_severity: opt(Sev3), headers: opt(Schema.Record(Str, Str)),
    timeout_seconds: opt(NonNegInt), queue_size: opt(NonNegInt), gzip: opt(Bool)
  }))
})

const LevelUpgrade = Schema.Struct({ upgrade_warn: opt(Str), upgrade_ask: opt(Str), block_all: opt(Bool) })
export const AdaptiveEnforcement = Schema.Struct({
  enabled: opt(Bool),
  escalation_threshold: opt(NonNegNum),
  decay_per_clean_request: opt(NonNegNum),
  levels: opt(Schema.Struct({ elevated: opt(LevelUpgrade), high: opt(LevelUpgrade), critical: opt(LevelUpgrade) })),
  exempt_domains: opt(Strings)
})

export const CrossRequestDetection = Schema.Struct({
  enabled: opt(Bool),
  action: opt(WarnBlock),
  entropy_budget: opt(Schema.Struct({
    enabled: opt(Bool), bits_per_window: opt(NonNegInt), window_minutes: opt(NonNegInt), action: opt(WarnBlock),
    exempt_domains: opt(Strings)
  })),
  fragment_reassembly: opt(Schema.Struct({
    enabled: opt(Bool), max_buffer_bytes: opt(NonNegInt), window_minutes: opt(NonNegInt)
  }))
})

const Tier = Schema.Literals(["none", "soft", "hard", "drain"])
export const Airlock = Schema.Struct({
  enabled: opt(Bool),
  triggers: opt(Schema.Struct({
    on_elevated: opt(Tier), on_high: opt(Tier), on_critical: opt(Tier), on_severity: opt(Str),
    anomaly_count: opt(NonNegInt), anomaly_window_minutes: opt(NonNegInt)
  })),
  timers: opt(Schema.Struct({
    soft_minutes: opt(NonNegInt), hard_minutes: opt(NonNegInt), drain_minutes: opt(NonNegInt),
    drain_timeout_seconds: opt(NonNegInt)
  })),
  tool_freeze: opt(Schema.Struct({ snapshot_on_entry: opt(Bool), allow_cached_tools: opt(Bool) }))
})

export const AddressProtection = Schema.Struct({
  enabled: opt(Bool),
  action: opt(WarnBlock),
  unknown_action: opt(Schema.Literals(["allow", "warn", "block"])),
  allowed_addresses: opt(Strings),
  chains: opt(Schema.Struct({ eth: opt(Bool), btc: opt(Bool), sol: opt(Bool), bnb: opt(Bool) })),
  similarity: opt(Schema.Struct({ prefix_length: opt(NonNegInt), suffix_length: opt(NonNegInt) }))
})

export const ScanApi = Schema.Struct({
  listen: opt(Str),
  auth: opt(Schema.Struct({ bearer_tokens: opt(Strings) })),
  rate_limit: opt(Schema.Struct({ requests_per_minute: opt(NonNegInt), burst: opt(NonNegInt) })),
  max_body_bytes: opt(NonNegInt),
  field_limits: opt(Schema.Struct({ url: opt(NonNegInt), text: opt(NonNegInt), content: opt(NonNegInt), arguments: opt(NonNegInt) })),
  timeouts: opt(Schema.Struct({ read: opt(Str), write: opt(Str), scan: opt(Str) })),
  connection_limit: opt(NonNegInt),
  kinds: opt(Schema.Struct({ url: opt(Bool), dlp: opt(Bool), prompt_injection: opt(Bool), tool_call: opt(Bool) }))
})

export const ReverseProxy = Schema.Struct({ enabled: opt(Bool), listen: opt(Str), upstream: opt(Str) })

export const GitProtection = Schema.Struct({
  enabled: opt(Bool), allowed_branches: opt(Strings), blocked_commands: opt(Strings), pre_push_scan: opt(Bool)
})

export const Sandbox = Schema.Struct({
  enabled: opt(Bool), strict: opt(Bool), best_effort: opt(Bool), workspace: opt(Str),
  filesystem: opt(Schema.Struct({ allow_read: opt(Strings), allow_write: opt(Strings) }))
})

export const FileSentry = Schema.Struct({
  enabled: opt(Bool), best_effort: opt(Bool), watch_paths: opt(Strings), scan_content: opt(Bool), ignore_patterns: opt(Strings)
})

export const FlightRecorder = Schema.Struct({
  enabled: opt(Bool), dir: opt(Str), checkpoint_interval: opt(NonNegInt), retention_days: opt(NonNegInt), redact: opt(Bool),
  sign_checkpoints: opt(Bool), signing_key_path: opt(Str), max_entries_per_file: opt(NonNegInt), raw_escrow: opt(Bool),
  escrow_public_key: opt(Str), require_receipts: opt(Bool)
})

export const A2aScanning = Schema.Struct({
  enabled: opt(Bool), action: opt(WarnBlock), scan_agent_cards: opt(Bool), detect_card_drift: opt(Bool),
  session_smuggling_detection: opt(Bool), scan_raw_parts: opt(Bool), max_context_messages: opt(NonNegInt),
  max_contexts: opt(NonNegInt), max_raw_size: opt(NonNegInt)
})

/**
 * An external classifier the Inspector POSTs text to (a Pipelock-TS addition; see docs/scanners.md for the
 * request/response contract): which surfaces it reads, how long a verdict may take, how many requests may be
 * in flight, and what a failure (timeout, refused connection, bad answer) does.
 */
export const HttpClassifier = Schema.Struct({
  enabled: opt(Bool),
  url: opt(Str),
  surfaces: opt(Schema.Array(Schema.Literals(["url", "request_body", "response_text", "mcp_arguments", "mcp_result", "tool_definition"]))),
  timeout_ms: opt(NonNegInt),
  max_concurrent: opt(NonNegInt),
  on_failure: opt(Schema.Literals(["block", "allow"])),
  severity: opt(SeverityS),
  max_text_chars: opt(NonNegInt)
})

export const McpBinaryIntegrity = Schema.Struct({ enabled: opt(Bool), manifest_path: opt(Str), action: opt(WarnBlock) })

export const McpToolProvenance = Schema.Struct({
  enabled: opt(Bool), action: opt(WarnBlock), mode: opt(Schema.Literals(["pipelock", "sigstore", "any"])),
  trusted_keys: opt(Strings), trusted_issuers: opt(Strings), trusted_subjects: opt(Strings), offline_only: opt(Bool)
})

export const BehavioralBaseline = Schema.Struct({
  enabled: opt(Bool), learning_window: opt(NonNegInt), deviation_action: opt(Schema.Literals(["warn", "ask", "block"])),
  profile_dir: opt(Str), auto_ratify: opt(Bool), sensitivity_sigma: opt(NonNegNum), lock_dimensions: opt(Strings),
  poison_resistance: opt(Bool), seasonality_mode: opt(Str)
})

export const BrowserShield = Schema.Struct({
  enabled: opt(Bool), strictness: opt(Schema.Literals(["minimal", "standard", "aggressive"])), max_shield_bytes: opt(NonNegInt),
  oversize_action: opt(Schema.Literals(["block", "scan_head", "warn"])), exempt_domains: opt(Strings),
  strip_extension_probing: opt(Bool), strip_hidden_traps: opt(Bool), strip_tracking_pixels: opt(Bool),
  inject_fingerprint_shims: opt(Bool), tracking_domains: opt(Strings)
})

export const MediaPolicy = Schema.Struct({
  enabled: opt(Bool), strip_images: opt(Bool), strip_audio: opt(Bool), strip_video: opt(Bool),
  allowed_image_types: opt(Strings), strip_image_metadata: opt(Bool), max_image_bytes: opt(NonNegInt), log_media_exposure: opt(Bool)
})

export const Taint = Schema.Struct({
  enabled: opt(Bool), policy: opt(Schema.Literals(["strict", "balanced", "permissive"])), recent_sources: opt(NonNegInt),
  allowlisted_domains: opt(Strings), protected_paths: opt(Strings), elevated_paths: opt(Strings),
  trust_overrides: opt(Schema.Array(Schema.Struct({
    scope: opt(Schema.Literals(["action", "source"])), source_match: opt(Str), action_match: opt(Str), expires_at: opt(Str),
    granted_by: opt(Str), reason: opt(Str)
  })))
})

export const MediationEnvelope = Schema.Struct({
  enabled: opt(Bool), sign: opt(Bool), signing_key_path: opt(Str), key_id: opt(Str), signed_components: opt(Strings),
  created_skew_seconds: opt(NonNegInt), max_body_bytes: opt(NonNegInt)
})

export const Rules = Schema.Struct({
  rules_dir: opt(Str), min_confidence: opt(Str), include_experimental: opt(Bool), disabled: opt(Strings),
  trusted_keys: opt(Schema.Array(Schema.Struct({ name: opt(Str), public_key: opt(Str), tier: opt(Str) })))
})

export const Sentry = Schema.Struct({
  enabled: opt(Bool), dsn: opt(Str), environment: opt(Str), sample_rate: opt(NonNegNum), debug: opt(Bool)
})

export const HealthWatchdog = Schema.Struct({ enabled: opt(Bool), interval_seconds: opt(NonNegInt), expose_subsystems: opt(Bool) })

/**
 * One scoped exemption: `rule` (a rule name or a scanner name) silenced where the scope keys match (every
 * scope key given must match; at least one is required). `rule`, `path`, `reason` are the Go keys; `host`,
 * `tool` and `expires` are Pipelock-TS additions.
 */
export const Suppress = Schema.Struct({
  rule: Str,
  path: opt(Str),
  host: opt(Str),
  tool: opt(Str),
  expires: opt(Str),
  reason: opt(Str)
})

export const McpWsListener = Schema.Struct({ allowed_origins: opt(Strings), max_connections: opt(NonNegInt) })

// ---------------------------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------------------------

/** Everything `pipelock.yaml` may contain. Decode with `onExcessProperty: "error"`. */
export const ConfigFile = Schema.Struct({
  version: opt(Schema.Literals([1])),
  mode: opt(Schema.Literals(["strict", "balanced", "audit"])),
  enforce: opt(Bool),
  explain_blocks: opt(Bool),
  api_allowlist: opt(Strings),
  trusted_domains: opt(Strings),
  ssrf: opt(Ssrf),
  internal: opt(Strings),
  suppress: opt(Schema.Array(Suppress)),
  metrics_listen: opt(Str),
  /**
   * How many MiB of bodies may be buffered for scanning at once, across every request and listener; a body
   * that would pass it gets 503 with Retry-After (a Pipelock-TS addition).
   */
  max_inflight_body_mb: opt(NonNegInt),
  /**
   * How many processes serve the listeners: `auto` (the CPUs this process may use: os.availableParallelism()
   * bounded by the cgroup CPU quota; 1 on a 1-CPU pod) or a number ≥ 1. With more than one, a primary process
   * forks the workers and owns the memory session store (a Pipelock-TS addition).
   */
  workers: opt(Schema.Union([Schema.Literal("auto"), Int.check(Schema.isGreaterThanOrEqualTo(1))])),
  default_agent_identity: opt(Str),
  bind_default_agent_identity: opt(Bool),
  agents: opt(Schema.Record(Str, Any)),
  license_key: opt(Str),
  license_file: opt(Str),
  license_public_key: opt(Str),
  fetch_proxy: opt(FetchProxy),
  forward_proxy: opt(ForwardProxy),
  tls_interception: opt(TlsInterception),
  request_body_scanning: opt(RequestBodyScanning),
  redaction: opt(Redaction),
  websocket_proxy: opt(WebsocketProxy),
  dlp: opt(Dlp),
  response_scanning: opt(ResponseScanning),
  mcp_input_scanning: opt(McpInputScanning),
  mcp_tool_scanning: opt(McpToolScanning),
  mcp_tool_policy: opt(McpToolPolicy),
  mcp_session_binding: opt(McpSessionBinding),
  mcp_ws_listener: opt(McpWsListener),
  mcp_http_listener: opt(McpHttpListener),
  tool_chain_detection: opt(ToolChainDetection),
  session_profiling: opt(SessionProfiling),
  session_store: opt(SessionStoreSection),
  adaptive_enforcement: opt(AdaptiveEnforcement),
  cross_request_detection: opt(CrossRequestDetection),
  kill_switch: opt(KillSwitch),
  airlock: opt(Airlock),
  emit: opt(Emit),
  logging: opt(Logging),
  seed_phrase_detection: opt(SeedPhraseDetection),
  canary_tokens: opt(CanaryTokens),
  address_protection: opt(AddressProtection),
  scan_api: opt(ScanApi),
  reverse_proxy: opt(ReverseProxy),
  git_protection: opt(GitProtection),
  sandbox: opt(Sandbox),
  file_sentry: opt(FileSentry),
  flight_recorder: opt(FlightRecorder),
  a2a_scanning: opt(A2aScanning),
  http_classifier: opt(HttpClassifier),
  mcp_binary_integrity: opt(McpBinaryIntegrity),
  mcp_tool_provenance: opt(McpToolProvenance),
  behavioral_baseline: opt(BehavioralBaseline),
  browser_shield: opt(BrowserShield),
  media_policy: opt(MediaPolicy),
  taint: opt(Taint),
  mediation_envelope: opt(MediationEnvelope),
  rules: opt(Rules),
  sentry: opt(Sentry),
  health_watchdog: opt(HealthWatchdog),
  // Sections newer Go releases document (Helm `extraConfig` examples) whose keys are not in our
  // reference: accepted as free-form maps and reported as not implemented.
  data_budget: opt(Any),
  learn: opt(Any)
})
export type ConfigFile = typeof ConfigFile.Type

/** Makes every key of a section required, recursively through nested sections (not arrays or maps). */
export type Complete<T> = T extends ReadonlyArray<unknown> ? T
  : T extends object ? string extends keyof T ? T : { readonly [K in keyof T]-?: Complete<Exclude<T[K], undefined>> }
  : T

type S<X extends { readonly Type: unknown }> = Complete<X["Type"]>

/** The resolved configuration every service reads. */
export interface Config {
  readonly version: 1
  readonly mode: Mode
  readonly enforce: boolean
  readonly explain_blocks: boolean
  readonly api_allowlist: ReadonlyArray<string>
  readonly trusted_domains: ReadonlyArray<string>
  readonly ssrf: S<typeof Ssrf>
  readonly internal: ReadonlyArray<string>
  readonly suppress: ReadonlyArray<typeof Suppress.Type>
  readonly max_inflight_body_mb: number
  readonly workers: "auto" | number
  readonly fetch_proxy: S<typeof FetchProxy>
  readonly forward_proxy: S<typeof ForwardProxy>
  readonly tls_interception: S<typeof TlsInterception>
  readonly request_body_scanning: S<typeof RequestBodyScanning>
  readonly redaction: S<typeof Redaction>
  readonly websocket_proxy: S<typeof WebsocketProxy>
  readonly dlp: S<typeof Dlp>
  readonly response_scanning: S<typeof ResponseScanning>
  readonly mcp_input_scanning: S<typeof McpInputScanning>
  readonly mcp_tool_scanning: S<typeof McpToolScanning>
  readonly mcp_tool_policy: S<typeof McpToolPolicy>
  readonly mcp_session_binding: S<typeof McpSessionBinding>
  readonly mcp_http_listener: S<typeof McpHttpListener>
  readonly tool_chain_detection: S<typeof ToolChainDetection>
  readonly session_profiling: S<typeof SessionProfiling>
  readonly session_store: S<typeof SessionStoreSection>
  readonly kill_switch: S<typeof KillSwitch>
  readonly logging: S<typeof Logging>
  readonly seed_phrase_detection: S<typeof SeedPhraseDetection>
  readonly canary_tokens: S<typeof CanaryTokens>
  readonly a2a_scanning: S<typeof A2aScanning>
  readonly http_classifier: S<typeof HttpClassifier>
  /** Everything else the file said, for the sections that are accepted but not implemented. */
  readonly extra: Omit<ConfigFile, ImplementedSection>
}

/** The top-level sections `Config` carries fully resolved. */
export type ImplementedSection =
  | "version" | "mode" | "enforce" | "explain_blocks" | "api_allowlist" | "trusted_domains" | "ssrf" | "internal"
  | "suppress" | "fetch_proxy" | "forward_proxy" | "tls_interception" | "request_body_scanning" | "redaction"
  | "websocket_proxy" | "dlp" | "response_scanning" | "mcp_input_scanning" | "mcp_tool_scanning" | "mcp_tool_policy"
  | "mcp_http_listener" | "max_inflight_body_mb" | "workers"
  | "mcp_session_binding" | "tool_chain_detection" | "session_profiling" | "session_store" | "kill_switch" | "logging"
  | "seed_phrase_detection" | "canary_tokens" | "a2a_scanning" | "http_classifier"

/** Options that come from the command line (and their `PIPELOCK_*` variables), not from the file. */
export interface RunOptions {
  /** Forward proxy + admin listener (`--listen`, else `fetch_proxy.listen`). */
  readonly listen: string
  /** MCP reverse proxy listener (`--mcp-listen`); undefined when not serving MCP over HTTP. */
  readonly mcpListen?: string | undefined
  /** Upstream MCP endpoint (`--mcp-upstream`). */
  readonly mcpUpstream?: string | undefined
}

/** One problem found in a configuration: where, and what. */
export interface ConfigProblem {
  /** `dlp.patterns[3].regx` */
  readonly path: string
  /** `unknown key` */
  readonly message: string
}

/** The configuration could not be loaded; every problem found is listed. */
export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  source: Schema.String,
  problems: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))
}) {
  override get message(): string {
    return `${this.source}: invalid configuration\n` + this.problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")
  }
}

export type { Severity }
