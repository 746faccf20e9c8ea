/**
 * Per-MCP-session state: the tool inventory pinned at the session's first `tools/list` and the memory of
 * recent tool calls that chain detection reads. Keyed by `Mcp-Session-Id`, or by a hash of the client
 * identity when the upstream has no sessions (never the token itself).
 *
 * The store owns lifetime: a session idle for longer than `session_profiling.session_ttl_minutes` starts
 * over, and above `session_profiling.max_sessions` the least recently used one is evicted.
 */
import { Context, type Effect } from "effect"
import type { Finding } from "./Verdict.ts"

/** One pinned tool: the fingerprint drift is judged against, and the definition (for the diff in logs). */
export interface PinnedTool {
  readonly fingerprint: string
  readonly tool: unknown
}

/** What chain detection remembers of a session's calls: records one classified call, returns the chains it completes. */
export interface ChainMemory {
  record(category: string, now: number, toolName: string): ReadonlyArray<Finding>
}

/** The state of one session. The inspector updates it in place while it judges a message. */
export interface Session {
  readonly key: string
  readonly createdAt: number
  /** Pinned at the first tools/list result; undefined before. */
  baseline: Map<string, PinnedTool> | undefined
  /** Created at the first tools/call when chain detection is on. */
  chain: ChainMemory | undefined
}

export type EvictionReason = "ttl" | "capacity" | "ended"

export interface Service {
  /** The live session for a key (a new one when absent or expired); marks it used now. */
  readonly touch: (key: string) => Effect.Effect<Session>
  /** Forgets a session (the client sent DELETE, or the stdio child exited). */
  readonly end: (key: string) => Effect.Effect<void>
  /** How many sessions are live. */
  readonly size: Effect.Effect<number>
}

export class SessionStore extends Context.Service<SessionStore, Service>()("pipelock/services/SessionStore") {}
