/**
 * OpenTelemetry tracing: every `Effect.fn` span and request span is exported over OTLP/HTTP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; otherwise no exporter
 * is installed and the OpenTelemetry packages are not even loaded. The exporter reads the standard
 * `OTEL_*` variables.
 *
 * Inside a host app that already provides a Tracer (e.g. its own `NodeSdk.layer`), Pipelock installs nothing:
 * its spans go to the host's tracer, in the host's traces.
 */
import { Effect, Layer, Tracer } from "effect"
import { version } from "../version.ts"

export const enabled = (env: Readonly<Record<string, string | undefined>>): boolean =>
  Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== "true"

/** Where traces go: the traces endpoint as given, else `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
export const tracesUrl = (env: Readonly<Record<string, string | undefined>>): string =>
  env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? "").replace(/\/+$/, "")}/v1/traces`

/**
 * The tracing layer for this environment: empty when no endpoint is configured, or when the context it is built
 * in already holds a tracer other than Effect's native one (the host's).
 */
export const layer = (env: Readonly<Record<string, string | undefined>> = process.env): Layer.Layer<never> =>
  enabled(env)
    ? Layer.unwrap(Effect.gen(function* () {
      if ((yield* Effect.tracer) !== Tracer.nativeTracer) return Layer.empty
      const [NodeSdk, { OTLPTraceExporter }, { BatchSpanProcessor }] = yield* Effect.promise(() => Promise.all([
        import("@effect/opentelemetry/NodeSdk"),
        import("@opentelemetry/exporter-trace-otlp-http"),
        import("@opentelemetry/sdk-trace-base")
      ]))
      return NodeSdk.layer(() => ({
        resource: { serviceName: env.OTEL_SERVICE_NAME ?? "pipelock", serviceVersion: version },
        // The endpoint comes from the environment given (not only process.env); headers, timeout and TLS
        // settings are read by the exporter from the standard OTEL_* variables.
        spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(env) }))
      }))
    }))
    : Layer.empty
