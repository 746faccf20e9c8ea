/**
 * Scanners as services: the contract a detector implements to be run by the Inspector on the traffic it reads,
 * and the registry the Inspector reads them from. The built-in detection runs inside the Inspector; any other
 * scanner (a remote classifier, an ONNX model, an in-house rule set) is a `Scanner` value added to the
 * `ScannerRegistry` by a Layer (`Scanner.layer(myScanner)` in `pipelock/layers`). Its findings go through
 * the same `suppress` entries, mode decision (strict / balanced / audit), logs and metrics as the built-ins'.
 *
 * @example
 * const shouting: Scanner.Scanner = {
 *   name: "shouting",
 *   surfaces: ["response_text", "mcp_result"],
 *   scan: (subject) => Effect.succeed(/[A-Z]{40}/.test(subject.text)
 *     ? [{ scanner: "shouting", rule: "all_caps", severity: "medium", location: subject.location, evidence: "", message: "a long run of capitals" }]
 *     : [])
 * }
 */
import { Context, Data, type Effect, type Scope } from "effect"
import type { Listener } from "./Telemetry.ts"
import type { Finding } from "./Verdict.ts"

/**
 * The traffic a scanner reads:
 * - `url`: the URL of every request (forward proxy, `/fetch`, CONNECT targets as `https://host:port/`);
 * - `request_body`: an outgoing HTTP request body, as UTF-8 text (within `request_body_scanning.max_body_bytes`);
 * - `response_text`: a whole (decoded) response body (buffered responses and `/fetch`; not streamed ones);
 * - `mcp_arguments`: the strings of an MCP client message's `params.arguments` (tools/call) or `params`;
 * - `mcp_result`: the strings of an MCP server message (a result, a notification, a server request);
 * - `tool_definition`: one tool of a `tools/list` result (name, description and every schema string);
 * - `ws_frame`: one WebSocket text message, either direction (judged synchronously: see `Scanner.scan`).
 */
export type Surface = "url" | "request_body" | "response_text" | "mcp_arguments" | "mcp_result" | "tool_definition" | "ws_frame"

/** Every surface, in the order above. */
export const SURFACES: ReadonlyArray<Surface> = ["url", "request_body", "response_text", "mcp_arguments", "mcp_result", "tool_definition", "ws_frame"]

/** One thing to judge: the text of a surface, where it sits, and who sent it. */
export interface Subject {
  readonly surface: Surface
  /** The text to judge. Structured surfaces (MCP, tool definitions) give their strings joined by newlines. */
  readonly text: string
  /** Where a finding on this text points (`url`, `body`, `params.arguments`, `result`, `tool:get_accounts`, `ws.server`). */
  readonly location: string
  /** The request's URL (HTTP surfaces), when there is one. */
  readonly url?: string | undefined
  /** The MCP tool concerned (`tools/call` name, or the tool of a definition). */
  readonly tool?: string | undefined
  readonly requestId: string
  readonly listener: Listener
}

/** A scanner could not judge a subject. The Inspector turns it into a blocking finding (fail closed; audit only warns). */
export class ScannerError extends Data.TaggedError("ScannerError")<{ readonly scanner: string; readonly message: string }> {}

/**
 * A detector the Inspector runs on the surfaces it names. `scan` returns the findings (empty when the text is
 * clean); each finding names the scanner (usually `name`), a rule, a severity and a redacted evidence excerpt —
 * never the secret or the whole text. A failure or a defect blocks the traffic (except in audit mode).
 *
 * On `ws_frame` the transport judges each message synchronously: a scan there must complete without waiting
 * (`Effect.succeed`/`Effect.sync`); one that suspends is a failure and blocks.
 */
export interface Scanner {
  /** Names the scanner in findings, logs and the `scanner` metric label (snake_case, stable). */
  readonly name: string
  readonly surfaces: ReadonlyArray<Surface>
  readonly scan: (subject: Subject) => Effect.Effect<ReadonlyArray<Finding>, ScannerError>
}

export interface Service {
  /** The scanners registered for a surface now, in registration order (a shared empty array when none). */
  readonly forSurface: (surface: Surface) => ReadonlyArray<Scanner>
  /** Every registered scanner, in registration order. */
  readonly all: () => ReadonlyArray<Scanner>
  /** Adds a scanner for as long as the scope lives (a layer's scope: until the graph shuts down). */
  readonly register: (scanner: Scanner) => Effect.Effect<void, never, Scope.Scope>
}

/** The scanners the Inspector runs besides its built-ins. */
export class ScannerRegistry extends Context.Service<ScannerRegistry, Service>()("pipelock/services/ScannerRegistry") {}
