/**
 * The inspector: one service every transport hands its traffic to. It runs the scanners (DLP, injection,
 * URL guard, tool poisoning, shell, policy rules, chains, session binding) with the configuration in force
 * and returns `Verdict`s. Transports frame, decode and act on verdicts; they hold no detection rule.
 *
 * A block is a value. The error channel is empty: a scanner that throws becomes a blocking finding
 * (`scanner: "internal"`) except in audit mode — fail closed at one place.
 */
import { Context, type Effect } from "effect"
import type { Listener } from "./Telemetry.ts"
import type { Verdict } from "./Verdict.ts"

/** Who is asking, for logs, rate limits and per-session state. */
export interface RequestContext {
  readonly requestId: string
  readonly listener: Listener
  readonly clientIp?: string | undefined
  /** Judge a URL without resolving it (offline checks, benchmarks): no SSRF-after-DNS, no target. */
  readonly skipDns?: boolean | undefined
}

/** A resolved destination: connect to one of these addresses, never re-resolve (DNS pinning). */
export interface PinnedTarget {
  readonly host: string
  readonly port: number
  readonly addresses: ReadonlyArray<{ readonly address: string; readonly family: 4 | 6 }>
}

export interface UrlCheck {
  readonly verdict: Verdict
  /**
   * The URL as logs, spans and `/stats` may show it: never the userinfo; the path and query replaced when a
   * content rule (DLP, entropy) fired on the URL, and the host too when the rule fired on it.
   */
  readonly display?: string | undefined
  /** Present when the verdict lets the request through (allow or warn): where to connect. */
  readonly target?: PinnedTarget | undefined
}

/** An outbound HTTP request as the proxy saw it. `body` is the raw bytes as sent (not decompressed). */
export interface OutboundRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly body?: Uint8Array | undefined
}

/**
 * How a streamed response is framed, from its Content-Type: `sse` (text/event-stream), `ndjson`
 * (application/x-ndjson, application/jsonl…), `json` (application/json sent as a stream: JSON lines when its
 * first line is a JSON value, raw text otherwise), `text` (anything else: raw chunks).
 */
export type StreamFormat = "sse" | "ndjson" | "json" | "text"

/** What a stream scanner says after a push. */
export interface StreamStep {
  /**
   * What may go to the client now. For event formats: the complete events judged clean so far (SSE events
   * re-serialised from what was parsed, NDJSON lines as received); on a block, those before the blocking
   * event. For `text`: the pushed text itself (a transport may forward its original bytes instead).
   */
  readonly relay: string
  /** The verdict over the stream so far; `block` means stop relaying after `relay` and end the stream. */
  readonly verdict: Verdict
}

/** What a blocked stream's last message names (the forward proxy's block body). */
export interface StreamBlock {
  readonly reason: string
  readonly rule: string
  readonly scanner?: string | undefined
  readonly request_id: string
}

/**
 * Scans a response body as it streams: `push` each decoded text chunk, then `finish`. Event formats are
 * reassembled: the text the model produced is joined per output (choice, content block) across events and
 * scanned incrementally with an overlap window; tool-call arguments are joined per call and get the
 * request-side checks. Memory is bounded by the window and the event size limit.
 */
export interface StreamScanner {
  readonly format: StreamFormat
  /** Judges the complete events in the new text (raw text: with an overlap window over the previous chunks). */
  readonly push: (text: string) => StreamStep
  /** The end of the body: a trailing line without newline is judged, open tool calls are checked whole. */
  readonly finish: () => StreamStep
  /**
   * The message that ends this stream in its own format after a block: an SSE `event: error` with a JSON
   * body naming the rule, an NDJSON `{"error":…}` line; undefined when the format has none (cut the connection).
   */
  readonly terminator: (block: StreamBlock) => string | undefined
}

/** Where an MCP message came from and which session it belongs to. */
export interface McpContext extends RequestContext {
  /** `Mcp-Session-Id`, or a hash of the client identity when the upstream has no sessions. */
  readonly sessionKey: string
  readonly protocolVersion?: string | undefined
}

/** What the inspector says about one MCP JSON-RPC message. */
export interface McpVerdict {
  readonly verdict: Verdict
  /** The JSON-RPC error code a block maps to: -32001 content/DLP/session, -32002 policy, -32004 chain. */
  readonly errorCode: number
  /** For a tools/list result: the definitions the inspector pinned or found changed (for logs). */
  readonly toolNames?: ReadonlyArray<string> | undefined
  /**
   * Texts of the message a DLP rule matched in (a secret, a key holding one): the transport must not put them
   * in a log line, span attribute or metric label (the method and tool name included).
   */
  readonly sensitive?: ReadonlyArray<string> | undefined
}

export interface Service {
  /** The URL pipeline before connecting: scheme, CRLF, traversal, lists, DLP, entropy, then DNS + SSRF (pinned). */
  readonly checkUrl: (url: string, ctx: RequestContext) => Effect.Effect<UrlCheck>
  /** A CONNECT target (`host:port`) without interception: host-level checks, DNS pinned. */
  readonly checkConnect: (host: string, port: number, ctx: RequestContext) => Effect.Effect<UrlCheck>
  /** Outbound headers and body: DLP per `request_body_scanning` (size limit, content dispatch, header mode). */
  readonly inspectRequest: (req: OutboundRequest, ctx: RequestContext) => Effect.Effect<Verdict>
  /** A whole (decoded) response body: prompt injection per `response_scanning`. */
  readonly inspectResponse: (text: string, ctx: RequestContext & { readonly url: string; readonly contentType?: string | undefined }) => Effect.Effect<Verdict>
  /**
   * A streaming response (chunked, SSE, NDJSON), framed by its Content-Type: model text reassembled and
   * injection-scanned, tool-call arguments DLP/URL/shell-checked, unparseable events and limits fail closed.
   */
  readonly responseStream: (ctx: RequestContext & { readonly url: string; readonly contentType?: string | undefined }) => Effect.Effect<StreamScanner>
  /** One WebSocket text message: DLP outbound (`client`), injection inbound (`server`). */
  readonly inspectWsMessage: (text: string, from: "client" | "server", ctx: RequestContext & { readonly url: string }) => Effect.Effect<Verdict>
  /**
   * Client → server MCP message (request or notification): structure (complete walk, no duplicate keys, a
   * valid id), input scanning, tool policy, session binding, chains. `raw` is the message's text as it will
   * be forwarded: given, it is what is walked (duplicate keys and raw numbers are seen); else the value is.
   */
  readonly inspectMcpRequest: (message: unknown, ctx: McpContext, raw?: string) => Effect.Effect<McpVerdict>
  /**
   * Server → client MCP message (response, notification, server request): injection in results and
   * notifications; for a `tools/list` result (`method` of the request it answers), poisoning, drift and pinning.
   */
  readonly inspectMcpResponse: (message: unknown, ctx: McpContext & { readonly method?: string | undefined; readonly tool?: string | undefined }, raw?: string) => Effect.Effect<McpVerdict>
  /** A client message that is not valid JSON-RPC: blocked or forwarded per `mcp_input_scanning.on_parse_error`. */
  readonly inspectMcpUnparseable: (raw: string, ctx: McpContext) => Effect.Effect<McpVerdict>
  /** Forgets an MCP session (DELETE, eviction). */
  readonly endMcpSession: (sessionKey: string) => Effect.Effect<void>
  /** Counts bytes received from a URL's domain against `max_data_per_minute` (the data budget). */
  readonly recordTransfer: (url: string, bytes: number) => void
}

export class Inspector extends Context.Service<Inspector, Service>()("pipelock/services/Inspector") {}
