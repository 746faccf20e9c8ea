/**
 * OpenTelemetry: every `Effect.fn` span and request span is exported over OTLP/HTTP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, and the metrics `/metrics`
 * serves are also pushed over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`) is set (every `OTEL_METRIC_EXPORT_INTERVAL` ms, default 60000);
 * otherwise nothing is installed and the OpenTelemetry packages are not even loaded. The exporters read the
 * standard `OTEL_*` variables (headers, timeouts, TLS).
 *
 * Inside a host app that already provides a Tracer (e.g. its own `NodeSdk.layer`), Pipelock installs nothing:
 * its spans go to the host's tracer, in the host's traces.
 */
import { Effect, Layer, Tracer } from "effect"
import { version } from "../version.ts"

type Env = Readonly<Record<string, string | undefined>>

/** Whether spans are exported. */
export const enabled = (env: Env): boolean =>
  Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== "true"

/** Whether metrics are pushed over OTLP (beside `/metrics`). */
export const metricsEnabled = (env: Env): boolean =>
  Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT) && env.OTEL_SDK_DISABLED !== "true" &&
  env.OTEL_METRICS_EXPORTER !== "none"

/** Where metrics go: the metrics endpoint as given, else `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/metrics`. */
export const metricsUrl = (env: Env): string =>
  env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT || `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? "").replace(/\/+$/, "")}/v1/metrics`

/** Where traces go: the traces endpoint as given, else `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
export const tracesUrl = (env: Readonly<Record<string, string | undefined>>): string =>
  env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? "").replace(/\/+$/, "")}/v1/traces`

/**
 * The tracing layer for this environment: empty when no endpoint is configured, or when the context it is built
 * in already holds a tracer other than Effect's native one (the host's).
 */
export const layer = (env: Env = process.env): Layer.Layer<never> =>
  enabled(env) || metricsEnabled(env)
    ? Layer.unwrap(Effect.gen(function* () {
      if ((yield* Effect.tracer) !== Tracer.nativeTracer) return Layer.empty
      const traces = enabled(env)
      const metrics = metricsEnabled(env)
      const [NodeSdk, { OTLPTraceExporter }, { BatchSpanProcessor }, { OTLPMetricExporter }, { PeriodicExportingMetricReader }] = yield* Effect.promise(() => Promise.all([
        import("@effect/opentelemetry/NodeSdk"),
        import("@opentelemetry/exporter-trace-otlp-http"),
        import("@opentelemetry/sdk-trace-base"),
        metrics ? import("@opentelemetry/exporter-metrics-otlp-http") : Promise.resolve({ OTLPMetricExporter: undefined }),
        metrics ? import("@opentelemetry/sdk-metrics") : Promise.resolve({ PeriodicExportingMetricReader: undefined })
      ]).catch((e: unknown) => {
        // The OpenTelemetry packages are optional dependencies: an install with --omit=optional has none.
        throw new Error(
          "OTEL_EXPORTER_OTLP_* is set but the OpenTelemetry packages are not installed (an install with --omit=optional?): " +
            "install pipelock's optional dependencies, or unset the OTEL_EXPORTER_OTLP_* variables",
          { cause: e }
        )
      }))
      const interval = Number(env.OTEL_METRIC_EXPORT_INTERVAL ?? 60_000)
      return NodeSdk.layer(() => ({
        resource: { serviceName: env.OTEL_SERVICE_NAME ?? "pipelock", serviceVersion: version },
        // The endpoints come from the environment given (not only process.env); headers, timeout and TLS
        // settings are read by the exporters from the standard OTEL_* variables.
        spanProcessor: traces ? new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(env) })) : undefined,
        metricReader: OTLPMetricExporter !== undefined && PeriodicExportingMetricReader !== undefined
          ? new PeriodicExportingMetricReader({
            exporter: new OTLPMetricExporter({ url: metricsUrl(env) }),
            exportIntervalMillis: Number.isFinite(interval) && interval > 0 ? interval : 60_000
          })
          : undefined
      }))
    }))
    : Layer.empty
