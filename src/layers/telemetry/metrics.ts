/**
 * Every Prometheus metric Pipelock exports, defined once. Names start with `pipelock_` and reuse the Go
 * Pipelock's names where the meaning is the same, so its Grafana dashboards keep working.
 * docs/metrics.md lists them with types and labels; keep the two in step.
 *
 * Each Pipelock instance counts in its own registry (the `Metrics` service, `makeMeter` here): two
 * instances in one process never share a series.
 */
import { Context, Metric } from "effect"

type Attributes = Readonly<Record<string, string>>

/**
 * How to build each metric again with attributes of its own (see `withAttributes`): a metric built with its
 * labels holds its series key, so an update is one registry lookup. (`Metric.withAttributes` wraps the metric
 * instead: every update copies the context and, when one metric is updated with several label sets in turn,
 * re-derives the series key, sorting and serialising the labels each time.)
 */
const makers = new WeakMap<object, (attributes: Attributes) => Metric.Metric<number, unknown>>()
const made = <M extends Metric.Metric<number, unknown>>(make: (attributes?: Attributes) => M): M => {
  const m = make()
  makers.set(m, make)
  return m
}
const counter = (name: string, description: string) => made((attributes) => Metric.counter(name, { description, incremental: true, attributes }))
const gauge = (name: string, description: string) => made((attributes) => Metric.gauge(name, { description, attributes }))
const histogram = (name: string, description: string, boundaries: ReadonlyArray<number>) =>
  made((attributes) => Metric.histogram(name, { description, boundaries, attributes }))

const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const scanBuckets = [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1]

export const metrics = {
  info: gauge("pipelock_info", "Build information (value 1), labelled with the version"),
  requestsTotal: counter(
    "pipelock_requests_total",
    "Requests and messages judged, by listener, action (allow|warn|block|redirect) and result (allowed|blocked)"
  ),
  requestDuration: histogram("pipelock_request_duration_seconds", "Time to handle a proxied request", latencyBuckets),
  scannerHits: counter("pipelock_scanner_hits_total", "Findings, by scanner, rule and severity"),
  suppressedFindings: counter("pipelock_suppressed_findings_total", "Findings dropped by a `suppress` entry, by scanner and rule"),
  scanDuration: histogram("pipelock_scan_duration_seconds", "Time spent in one scanner call, by scanner", scanBuckets),
  scannerFailures: counter(
    "pipelock_scanner_failures_total",
    "Registered scanners that gave no verdict (timeout, unreachable, status, invalid_response), by scanner, reason and policy (block|allow)"
  ),
  killSwitchActive: gauge("pipelock_kill_switch_active", "1 while the kill switch is on, by source"),
  killSwitchDenials: counter("pipelock_kill_switch_denials_total", "Requests denied by the kill switch, by transport and endpoint"),
  configReloads: counter("pipelock_config_reloads_total", "Configuration reloads, by result (success|rejected)"),
  tunnelsTotal: counter("pipelock_tunnels_total", "CONNECT tunnels, by result"),
  activeTunnels: gauge("pipelock_active_tunnels", "Open CONNECT tunnels"),
  tunnelDuration: histogram("pipelock_tunnel_duration_seconds", "CONNECT tunnel lifetime", [0.1, 1, 5, 15, 60, 300, 900, 3600]),
  tunnelBytes: counter("pipelock_tunnel_bytes_total", "Bytes relayed through CONNECT tunnels, by direction"),
  sniTotal: counter("pipelock_sni_total", "SNI checks on CONNECT tunnels, by category"),
  tlsInterceptTotal: counter("pipelock_tls_intercept_total", "TLS interceptions, by outcome (intercepted|handshake_error|passthrough)"),
  tlsHandshakeDuration: histogram("pipelock_tls_handshake_duration_seconds", "TLS interception handshakes, by side (client)", latencyBuckets),
  tlsCertCacheSize: gauge("pipelock_tls_cert_cache_size", "Leaf certificates in the interception cache"),
  tlsRequestBlocked: counter("pipelock_tls_request_blocked_total", "Requests blocked inside intercepted TLS, by reason"),
  tlsResponseBlocked: counter("pipelock_tls_response_blocked_total", "Responses blocked inside intercepted TLS, by reason"),
  bodyDlpHits: counter("pipelock_body_dlp_hits_total", "Request bodies with DLP findings, by action"),
  headerDlpHits: counter("pipelock_header_dlp_hits_total", "Request headers with DLP findings, by action"),
  wsConnections: counter("pipelock_ws_connections_total", "WebSocket connections, by result"),
  wsActive: gauge("pipelock_ws_active_connections", "Open WebSocket connections"),
  wsFrames: counter("pipelock_ws_frames_total", "WebSocket messages relayed, by direction and type"),
  wsScanHits: counter("pipelock_ws_scan_hits_total", "WebSocket messages with findings, by scanner"),
  mcpMessages: counter("pipelock_mcp_messages_total", "MCP JSON-RPC messages judged, by transport, direction, method and action"),
  mcpToolCalls: counter("pipelock_mcp_tool_calls_total", "MCP tools/call requests, by tool and action"),
  mcpSessions: gauge("pipelock_sessions_active", "Live MCP sessions"),
  sessionsEvicted: counter("pipelock_sessions_evicted_total", "MCP sessions evicted (TTL or max_sessions)"),
  sessionStoreAvailable: gauge("pipelock_session_store_available", "1 while the Redis session store answers, 0 while it is unreachable or slow"),
  sessionStoreDuration: histogram("pipelock_session_store_duration_seconds", "Time for one Redis session-store operation, by operation", scanBuckets),
  sessionStoreErrors: counter("pipelock_session_store_errors_total", "Redis session-store operations that failed, by operation and reason (unavailable|timeout|error)"),
  mcpUnknownTools: counter("pipelock_mcp_unknown_tool_total", "Calls to tools outside the pinned inventory, by action"),
  mcpToolDrift: counter("pipelock_mcp_tool_drift_total", "Tool definitions that changed mid-session"),
  chainDetections: counter("pipelock_chain_detections_total", "Tool-call chains detected, by pattern, severity and action"),
  redirects: counter("pipelock_mcp_redirects_total", "Tool calls routed to a redirect profile, by profile and result"),
  bodyTimeouts: counter(
    "pipelock_body_timeouts_total",
    "Bodies cut for arriving too slowly, by listener (forward|mcp), side (client|upstream) and reason (idle|rate)"
  ),
  inflightBodyBytes: gauge("pipelock_inflight_body_bytes", "Bytes of bodies buffered for scanning right now, across every listener"),
  bodyBudgetRejections: counter(
    "pipelock_body_budget_rejections_total",
    "Bodies refused because the in-flight body budget (max_inflight_body_mb) was spent, by listener and side"
  ),
  fetchTruncated: counter("pipelock_fetch_truncated_total", "/fetch answers whose text was cut to keep the reply within max_response_mb")
} as const

// Hot paths update metrics synchronously (no fiber per update); the attribute-tagged metric objects are
// cached per label set. A tagged metric holds no state of its own (the registry in the context passed to
// each update does), so the cache is shared by every instance.
// The cache is a trie over the label names and values in the order the call site gives them: each step is a
// Map lookup on a string that is usually a literal (its hash cached), instead of building and hashing one
// joined key per update.
interface Tagged {
  metric?: Metric.Metric<number, unknown>
  readonly next: Map<string, Tagged>
}
const tagged = new WeakMap<object, { readonly root: Tagged; size: number }>()
const step = (node: Tagged, key: string): Tagged => {
  let child = node.next.get(key)
  if (child === undefined) {
    child = { next: new Map() }
    node.next.set(key, child)
  }
  return child
}
const withAttributes = (metric: Metric.Metric<number, unknown>, attributes: Attributes): Metric.Metric<number, unknown> => {
  let keys = 0
  let byMetric = tagged.get(metric)
  if (byMetric === undefined) {
    byMetric = { root: { next: new Map() }, size: 0 }
    tagged.set(metric, byMetric)
  }
  let node = byMetric.root
  let known = true
  for (const k in attributes) {
    keys++
    // Past 10,000 label sets per metric a new one is built per update and not kept.
    if (!known) continue
    const byName = node.next.get(k) ?? (byMetric.size < 10_000 ? step(node, k) : undefined)
    const v = byName === undefined ? undefined : byName.next.get(attributes[k]) ?? (byMetric.size < 10_000 ? step(byName, attributes[k]) : undefined)
    if (v === undefined) known = false
    else node = v
  }
  if (keys === 0) return metric
  if (known && node.metric !== undefined) return node.metric
  const make = makers.get(metric)
  const m = make !== undefined ? make(attributes) : Metric.withAttributes(metric, attributes)
  if (known) {
    node.metric = m
    byMetric.size++
  }
  return m
}

/**
 * One instance's metric registry (an Effect `MetricRegistry` of its own in `context`) and the synchronous
 * helpers socket callbacks use to update it.
 */
export interface Meter {
  /** A context holding this instance's `Metric.MetricRegistry`: Effect's own `Metric.update` writes here when given it. */
  readonly context: Context.Context<never>
  /** Adds `n` to a counter. */
  readonly count: (metric: Metric.Metric<number, unknown>, attributes?: Attributes, n?: number) => void
  /** Records one observation in a histogram. */
  readonly observe: (metric: Metric.Metric<number, unknown>, value: number, attributes?: Attributes) => void
  /** Sets a gauge. */
  readonly set: (metric: Metric.Metric<number, unknown>, value: number, attributes?: Attributes) => void
  /** Adds `delta` (possibly negative) to a gauge. */
  readonly adjust: (metric: Metric.Metric<number, unknown>, delta: number, attributes?: Attributes) => void
  /**
   * A label value a client chooses (an MCP method or tool name): the first `max` distinct values are kept,
   * the rest become `other`, so a client cannot grow the metric series without bound.
   */
  readonly boundedLabel: (label: string, value: string, max?: number) => string
}

/**
 * A meter over a new, empty registry, or over the registry `context` holds (`Context.empty()`: Effect's
 * process-wide default registry).
 */
export const makeMeter = (context: Context.Context<never> = Context.make(Metric.MetricRegistry, new Map())): Meter => {
  const seenValues = new Map<string, Set<string>>()
  return {
    context,
    count: (metric, attributes = {}, n = 1) => withAttributes(metric, attributes).updateUnsafe(n, context),
    observe: (metric, value, attributes = {}) => withAttributes(metric, attributes).updateUnsafe(value, context),
    set: (metric, value, attributes = {}) => withAttributes(metric, attributes).updateUnsafe(value, context),
    adjust: (metric, delta, attributes = {}) => withAttributes(metric, attributes).modifyUnsafe(delta, context),
    boundedLabel: (label, value, max = 200) => {
      let seen = seenValues.get(label)
      if (seen === undefined) seenValues.set(label, (seen = new Set()))
      if (seen.has(value)) return value
      if (seen.size >= max) return "other"
      seen.add(value)
      return value
    }
  }
}
