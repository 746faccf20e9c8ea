/**
 * Scanners as services: the contract a detector implements to be run by the Inspector on the traffic it reads,
 * and the registry the Inspector reads them from. Each built-in detector (DLP, injection rules, tool poisoning,
 * shell, the learned classifier) is a `BuiltinScanner` registered by its own layer; any other scanner (a remote classifier, an ONNX model, an in-house rule set) is a `Scanner` value added to the
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

/**
 * The built-in detectors, each a scanner its own layer registers (`BuiltinScanners.dlp`, `.injection`,
 * `.toolPoisoning`, `.shell`, `.classifier` in `pipelock/layers`):
 * - `dlp`: secrets, credentials and canaries in request bodies and headers, MCP client messages, WebSocket
 *   messages from the client, streamed tool-call arguments (the URL's own DLP rules are the URL checks');
 * - `injection`: the prompt-injection rules over response text, MCP messages, WebSocket messages from the server;
 * - `tool_poisoning`: poisoned MCP tool definitions and A2A Agent Card skills (rules and the tool model);
 * - `shell`: dangerous shell commands in MCP tool-call arguments and streamed tool calls;
 * - `classifier`: the learned injection scanner over response text and MCP results.
 */
export type BuiltinKind = "dlp" | "injection" | "tool_poisoning" | "shell" | "classifier"

/** Every built-in, in the order above. */
export const BUILTIN_KINDS: ReadonlyArray<BuiltinKind> = ["dlp", "injection", "tool_poisoning", "shell", "classifier"]

/**
 * A built-in scanner. The Inspector runs a registered built-in in place, synchronously, with the rule sets it
 * compiled for the configuration in force (no effect per message, the same findings, locations and metrics
 * as always); `scan` serves a caller outside the Inspector.
 */
export interface BuiltinScanner extends Scanner {
  readonly builtin: BuiltinKind
}

export const isBuiltin = (scanner: Scanner): scanner is BuiltinScanner => typeof (scanner as Partial<BuiltinScanner>).builtin === "string"

export interface Service {
  /** The scanners registered for a surface now, built-ins included, in registration order (a shared empty array when none). */
  readonly forSurface: (surface: Surface) => ReadonlyArray<Scanner>
  /** The scanners other than built-ins registered for a surface (what the Inspector runs as effects). */
  readonly pluginsFor: (surface: Surface) => ReadonlyArray<Scanner>
  /**
   * The built-ins registered, or undefined when none ever was and none was removed on purpose: a registry that
   * only adds scanners keeps every built-in (fail closed). `BuiltinScanners.none` registers an empty set.
   * The same set (same object) until a registration changes it.
   */
  readonly builtins: () => ReadonlySet<BuiltinKind> | undefined
  /** Every registered scanner, in registration order. */
  readonly all: () => ReadonlyArray<Scanner>
  /** Adds a scanner for as long as the scope lives (a layer's scope: until the graph shuts down). */
  readonly register: (scanner: Scanner) => Effect.Effect<void, never, Scope.Scope>
  /**
   * Marks the built-ins as chosen by the graph for as long as the scope lives: only the registered ones run,
   * none if none is (what `BuiltinScanners.none` does; registering a built-in does it too).
   */
  readonly chooseBuiltins: Effect.Effect<void, never, Scope.Scope>
}

/** The scanners the Inspector runs: the built-ins the graph registered and any other. */
export class ScannerRegistry extends Context.Service<ScannerRegistry, Service>()("pipelock/services/ScannerRegistry") {}
