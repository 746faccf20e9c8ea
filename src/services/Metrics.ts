/**
 * One Pipelock instance's metrics: its own Effect `MetricRegistry` (what `/metrics` exports) and the
 * tallies behind `/stats`. The composition root (`Pipelock.core`) gives each instance a new one, so two
 * instances in one process never share a series; code built outside it uses one process-wide default.
 */
import { Context } from "effect"
import { makeMeter, type Meter } from "../layers/telemetry/metrics.ts"
import * as Prometheus from "../layers/telemetry/prometheus.ts"
import { makeStats, type Stats } from "../layers/telemetry/stats.ts"

export type { StatsDocument } from "../layers/telemetry/stats.ts"

export interface Service extends Meter, Stats {
  /** The Prometheus text exposition of this instance's registry. */
  readonly prometheus: () => string
}

/** A new, empty set of metrics and tallies (over a registry of its own unless `context` holds one). */
export const makeUnsafe = (context?: Context.Context<never>): Service => {
  const meter = makeMeter(context)
  return { ...meter, ...makeStats(), prometheus: () => Prometheus.format(meter.context) }
}

/**
 * The instance's metrics. A reference: code built outside the composition root (a single layer in a test,
 * a program that builds its own graph) counts in the process-wide default, over Effect's default registry.
 */
export const Metrics: Context.Reference<Service> = Context.Reference<Service>("pipelock/services/Metrics", {
  defaultValue: () => makeUnsafe(Context.empty())
})
