/**
 * The shared security state: per-MCP-session state (the tool inventory pinned at the session's first
 * `tools/list`, the recent classified tool calls chain detection reads), the per-domain request and data
 * windows, the pinned A2A Agent Cards, and the fleet-wide kill-switch flags.
 *
 * Every operation is one atomic step in the store: the Inspector never holds a session object between two
 * of them, so several Pipelock replicas sharing one store (Redis) judge one session as a single process would,
 * and concurrent requests of one session never lose an update. Sessions are keyed by `Mcp-Session-Id`, or by a
 * hash of the client identity when the upstream has no sessions (never the token itself).
 *
 * The store owns lifetime: a session idle for longer than `session_profiling.session_ttl_minutes` starts
 * over, and above `session_profiling.max_sessions` the least recently used one is evicted.
 *
 * A store that cannot answer (Redis down or slow) fails the operation with `StoreUnavailable`; the Inspector
 * turns that into the `session_store.on_unavailable` policy for the request. The memory store never fails.
 */
import { Context, Data, type Effect, type Scope } from "effect"

/** One tool of a `tools/list` result, as pinned: its fingerprint (drift is judged against it) and definition (for the diff in logs). */
export interface ToolPin {
  readonly name: string
  readonly fingerprint: string
  readonly definition: unknown
}

/** What a `tools/list` result did to the session's pinned inventory. */
export interface PinOutcome {
  /** This list pinned the inventory (the session's first tools/list). */
  readonly pinned: boolean
  /** Tools absent from the pinned inventory: they were added to it. */
  readonly added: ReadonlyArray<string>
  /** Tools whose fingerprint differs from the pinned one (the pin is kept), with the pinned definition. */
  readonly changed: ReadonlyArray<{ readonly name: string; readonly pinned: unknown }>
}

/** Where a called tool stands against the session's pinned inventory. */
export type Inventory = "unpinned" | "listed" | "unlisted"

/** One classified call in a session's history. */
export interface ChainCall {
  readonly category: string
  readonly at: number
}

/** A `tools/call` to record. */
export interface CallRecord {
  readonly tool: string
  /**
   * The call's chain category and time, when chain detection is on and the category counts: appended to the
   * session's history, which is pruned to `windowSeconds` and trimmed to the last `windowSize` calls.
   */
  readonly chain?: {
    readonly category: string
    readonly at: number
    readonly windowSize: number
    readonly windowSeconds: number
  } | undefined
}

/** What the store says about a recorded call. */
export interface CallOutcome {
  readonly inventory: Inventory
  /** The session's recent calls including this one, oldest first (empty when the record had no `chain`). */
  readonly history: ReadonlyArray<ChainCall>
}

/** An Agent Card pinned for a URL. */
export interface PinnedCard {
  readonly fingerprint: string
  readonly card: unknown
}

/** One step on a sliding 60-second window (see `Service.windows`). */
export type WindowOp =
  | { readonly key: string; readonly mode: "try"; readonly limit: number; readonly weight?: number | undefined }
  /**
   * `at`: when the counted event happened, if before now (epoch ms). The memory store counts it from then;
   * SessionStoreIpc's primary uses it for requests its workers admitted from their leases and reported later.
   * Redis counts from its own time.
   */
  | { readonly key: string; readonly mode: "add"; readonly weight: number; readonly at?: number | undefined }
  | { readonly key: string; readonly mode: "total" }

/** What one window step found: whether it was counted (always true but for a refused `try`), and the window's total after it. */
export interface WindowResult {
  readonly counted: boolean
  /** The window's total after the step; NaN for a `try` a cluster worker answered from its lease (SessionStoreIpc.ts). */
  readonly total: number
}

/** Fleet-wide on/off flags (the kill switch's shared sources), by name. A name never set reads as off. */
export type Flags = Readonly<Record<string, boolean>>

export type EvictionReason = "ttl" | "capacity" | "ended"

export type Backend = "memory" | "redis"

/** Whether the store can answer, and why not. */
export interface Health {
  readonly backend: Backend
  readonly available: boolean
  /** Why it is unavailable (`connection refused`, `timeout after 250 ms`…); never carries a credential. */
  readonly reason?: string | undefined
}

/** The store could not answer in time: the request gets the `on_unavailable` policy. */
export class StoreUnavailable extends Data.TaggedError("StoreUnavailable")<{ readonly reason: string }> {}

export interface Service {
  /** Pins a session's inventory from its first `tools/list`, or compares a later one with it (new tools are added). */
  readonly pinTools: (sessionKey: string, tools: ReadonlyArray<ToolPin>) => Effect.Effect<PinOutcome, StoreUnavailable>
  /** Records a `tools/call`: where the tool stands in the pinned inventory, and the chain history after it. */
  readonly recordCall: (sessionKey: string, call: CallRecord) => Effect.Effect<CallOutcome, StoreUnavailable>
  /** Forgets a session (the client sent DELETE, or the stdio child exited). */
  readonly end: (sessionKey: string) => Effect.Effect<void, StoreUnavailable>
  /** How many sessions are live. */
  readonly size: Effect.Effect<number, StoreUnavailable>
  /** Counts `weight` against `key`'s sliding 60-second window if the total stays within `limit`; whether it was counted. */
  readonly tryRecord: (key: string, limit: number, weight?: number) => Effect.Effect<boolean, StoreUnavailable>
  /** Counts `weight` against `key`'s window without a limit (bytes received, counted after a response). */
  readonly record: (key: string, weight: number) => Effect.Effect<void, StoreUnavailable>
  /** The total in `key`'s current window. */
  readonly total: (key: string) => Effect.Effect<number, StoreUnavailable>
  /** Several window steps in one atomic operation (one round trip): a request's rate limit and data budget together. */
  readonly windows: (ops: ReadonlyArray<WindowOp>) => Effect.Effect<ReadonlyArray<WindowResult>, StoreUnavailable>
  /**
   * Pins the Agent Card seen at a URL (at most `maxCards` URLs, the oldest pin dropped first), or compares
   * it with the pinned one: returns the pinned card when the fingerprint differs, else undefined.
   */
  readonly pinCard: (url: string, fingerprint: string, card: unknown, maxCards: number) => Effect.Effect<PinnedCard | undefined, StoreUnavailable>
  /** Sets a fleet-wide flag: every replica's `watchFlags` sees it (a write the store cannot take now is retried on reconnection). */
  readonly setFlag: (name: string, on: boolean) => Effect.Effect<void>
  /**
   * Calls `onChange` with every flag now, on every change anywhere in the fleet, and after each reconnection.
   * When the store has lost the flags (restarted empty), the ones `local()` says are on are written back first.
   */
  readonly watchFlags: (onChange: (flags: Flags) => void, local: () => Flags) => Effect.Effect<void, never, Scope.Scope>
  /** Whether the store can answer now (for `/health`). */
  readonly health: Effect.Effect<Health>
}

export class SessionStore extends Context.Service<SessionStore, Service>()("pipelock/services/SessionStore") {}
