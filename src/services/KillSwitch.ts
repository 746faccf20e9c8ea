/** The kill switch: one bit that denies all traffic, and a signal long-lived connections await. */
import { Context, type Effect } from "effect"

/** Who turned it on. Sources are OR-composed: the switch is on while any source is on. */
export type Source = "config" | "api" | "signal" | "sentinel"

export interface Status {
  readonly active: boolean
  readonly sources: Readonly<Record<Source, boolean>>
  readonly message: string
}

export interface Service {
  readonly isActive: Effect.Effect<boolean>
  /** Reads the state without running an effect (for per-chunk checks on hot paths). */
  readonly isActiveUnsafe: () => boolean
  readonly status: Effect.Effect<Status>
  /** Sets one source's state. */
  readonly set: (active: boolean, source: Source) => Effect.Effect<void>
  /** Completes when the switch turns on (at once if it is on); race a connection's reads against it. */
  readonly tripped: Effect.Effect<void>
  /** Registers a callback run when the switch turns on (or at once if it is on); returns an unregister function. */
  readonly onTrip: (callback: () => void) => () => void
}

export class KillSwitch extends Context.Service<KillSwitch, Service>()("pipelock/services/KillSwitch") {}
