/**
 * OpenTelemetry tracing: every `Effect.fn` span and request span is exported over OTLP/HTTP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; otherwise no exporter
 * is installed and spans cost almost nothing. The exporter reads the standard `OTEL_*` variables.
 */
import * as NodeSdk from "@effect/opentelemetry/NodeSdk"
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http"
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base"
import { Layer } from "effect"
import { version } from "../version.ts"

export const enabled = (env: Readonly<Record<string, string | undefined>>): boolean =>
  Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== "true"

/** The tracing layer for this environment (empty when no endpoint is configured). */
export const layer = (env: Readonly<Record<string, string | undefined>> = process.env): Layer.Layer<never> =>
  enabled(env)
    ? NodeSdk.layer(() => ({
      resource: { serviceName: env.OTEL_SERVICE_NAME ?? "pipelock", serviceVersion: version },
      spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter())
    }))
    : Layer.empty
