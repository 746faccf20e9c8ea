{{/*
Helpers of the Pipelock chart.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "pipelock.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the objects: fullnameOverride, else RELEASE-pipelock (or RELEASE when it contains the chart name). */}}
{{- define "pipelock.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "pipelock.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "pipelock.labels" -}}
helm.sh/chart: {{ include "pipelock.chart" . }}
{{ include "pipelock.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the Pipelock pods. */}}
{{- define "pipelock.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pipelock.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The image reference: repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "pipelock.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/* A PodDisruptionBudget count: a number as it is, "50%" quoted, "2" as 2. */}}
{{- define "pipelock.intOrPercent" -}}
{{- if and (kindIs "string" .) (not (regexMatch "^[0-9]+$" .)) }}{{ . | quote }}{{ else }}{{ . | toString | atoi }}{{ end }}
{{- end }}

{{/* The MCP upstream URL (templated), or "" when the MCP listener is off. */}}
{{- define "pipelock.mcpUpstream" -}}
{{- with .Values.mcpProxy.upstream }}{{ tpl (toString .) $ }}{{ end }}
{{- end }}

{{/*
pipelock.configMapping: structured value -> pipelock.yaml key.

KEEP IN STEP WITH src/layers/config/helmValues.ts: this block is the same table as `helmMapping` there
(test/packaging/helm.test.ts parses it and fails when the two differ), and "pipelock.config" below
follows the same steps as `renderHelmValues`.

- An entry without `keys` is copied as it is into `section`.
- An entry with `keys` is a section: each value key is renamed to its config key; `deploymentKeys`
  are chart values (never rendered); any other key fails the render.
- `lists` / `maps` / `objects` give the renames inside a list of objects, a map of user-chosen names to
  objects, or one nested object. Every other value is copied as it is.
*/}}
{{- define "pipelock.configMapping" -}}
mode:
  section: mode
trustedDomains:
  section: trusted_domains
apiAllowlist:
  section: api_allowlist
forwardProxy:
  section: forward_proxy
  deploymentKeys:
    - port
  keys:
    enabled: enabled
    maxTunnelSeconds: max_tunnel_seconds
    idleTimeoutSeconds: idle_timeout_seconds
    sniVerification: sni_verification
    redirectWebsocketHosts: redirect_websocket_hosts
websocketProxy:
  section: websocket_proxy
  keys:
    enabled: enabled
    maxMessageBytes: max_message_bytes
    maxConcurrentConnections: max_concurrent_connections
    scanTextFrames: scan_text_frames
    allowBinaryFrames: allow_binary_frames
    stripCompression: strip_compression
    maxConnectionSeconds: max_connection_seconds
    idleTimeoutSeconds: idle_timeout_seconds
    originPolicy: origin_policy
    forwardCookies: forward_cookies
tlsInterception:
  section: tls_interception
  keys:
    enabled: enabled
    caCert: ca_cert
    caKey: ca_key
    passthroughDomains: passthrough_domains
    certTtl: cert_ttl
    certCacheSize: cert_cache_size
    maxResponseBytes: max_response_bytes
    upstreamCaBundle: upstream_ca_bundle
requestBodyScanning:
  section: request_body_scanning
  keys:
    enabled: enabled
    action: action
    maxBodyBytes: max_body_bytes
    scanHeaders: scan_headers
    headerMode: header_mode
    sensitiveHeaders: sensitive_headers
    ignoreHeaders: ignore_headers
dlp:
  section: dlp
  keys:
    scanEnv: scan_env
    secretsFile: secrets_file
    minEnvSecretLength: min_env_secret_length
    includeDefaults: include_defaults
    patterns: patterns
    disabledRules: disabled_rules
  lists:
    patterns:
      name: name
      regex: regex
      severity: severity
      validator: validator
      exemptDomains: exempt_domains
      action: action
responseScanning:
  section: response_scanning
  keys:
    enabled: enabled
    action: action
    askTimeoutSeconds: ask_timeout_seconds
    includeDefaults: include_defaults
    patterns: patterns
    exemptDomains: exempt_domains
    sseStreaming: sse_streaming
  lists:
    patterns:
      name: name
      regex: regex
      severity: severity
  objects:
    sseStreaming:
      enabled: enabled
      action: action
      maxEventBytes: max_event_bytes
mcpInputScanning:
  section: mcp_input_scanning
  keys:
    enabled: enabled
    action: action
    onParseError: on_parse_error
mcpToolScanning:
  section: mcp_tool_scanning
  keys:
    enabled: enabled
    action: action
    detectDrift: detect_drift
mcpToolPolicy:
  section: mcp_tool_policy
  keys:
    enabled: enabled
    action: action
    rules: rules
    redirectProfiles: redirect_profiles
    quarantineDir: quarantine_dir
  lists:
    rules:
      name: name
      toolPattern: tool_pattern
      argPattern: arg_pattern
      argKey: arg_key
      action: action
      redirectProfile: redirect_profile
  maps:
    redirectProfiles:
      exec: exec
      reason: reason
      preserveArgv: preserve_argv
      matchAbsPath: match_abs_path
      timeoutSeconds: timeout_seconds
mcpSessionBinding:
  section: mcp_session_binding
  keys:
    enabled: enabled
    unknownToolAction: unknown_tool_action
    noBaselineAction: no_baseline_action
toolChainDetection:
  section: tool_chain_detection
  keys:
    enabled: enabled
    action: action
    windowSize: window_size
    windowSeconds: window_seconds
    maxGap: max_gap
    toolCategories: tool_categories
    patternOverrides: pattern_overrides
    customPatterns: custom_patterns
  lists:
    customPatterns:
      name: name
      sequence: sequence
      severity: severity
      action: action
sessionStore:
  section: session_store
  deploymentKeys:
    - redisUrlSecret
    - redisPasswordSecret
  keys:
    backend: backend
    redisUrl: redis_url
    keyPrefix: key_prefix
    onUnavailable: on_unavailable
healthWatchdog:
  section: health_watchdog
  keys:
    enabled: enabled
    intervalSeconds: interval_seconds
    exposeSubsystems: expose_subsystems
flightRecorder:
  section: flight_recorder
  keys:
    enabled: enabled
    dir: dir
    checkpointInterval: checkpoint_interval
    retentionDays: retention_days
    redact: redact
    signCheckpoints: sign_checkpoints
    signingKeyPath: signing_key_path
    maxEntriesPerFile: max_entries_per_file
    rawEscrow: raw_escrow
    escrowPublicKey: escrow_public_key
    requireReceipts: require_receipts
logging:
  section: logging
  keys:
    format: format
    output: output
    file: file
    includeAllowed: include_allowed
    includeBlocked: include_blocked
    level: level
{{- end }}

{{/*
pipelock.renameKeys: one object with its keys renamed, as YAML. Input: dict "value" OBJECT "keys" MAP "path" STRING.
An unknown key fails the render; a null value is left out.
*/}}
{{- define "pipelock.renameKeys" -}}
{{- $out := dict -}}
{{- if not (kindIs "map" .value) -}}
{{- fail (printf "pipelock: %s: expected a map" .path) -}}
{{- end -}}
{{- range $k, $v := .value -}}
{{- if not (hasKey $.keys $k) -}}
{{- fail (printf "pipelock: %s.%s: unknown value (known: %s)" $.path $k (keys $.keys | sortAlpha | join ", ")) -}}
{{- end -}}
{{- if not (kindIs "invalid" $v) -}}
{{- $_ := set $out (index $.keys $k) $v -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end }}

{{/*
pipelock.config: the pipelock.yaml document, from the structured values and extraConfig.
The same steps as renderHelmValues in src/layers/config/helmValues.ts:
1. each mapped value that is set is rendered (sections renamed key by key; an empty section is left out);
2. extraConfig is merged on top two levels deep (a section present on both sides is merged key by key,
   the extraConfig key winning; any other key is set as written);
3. version: 1 (unless extraConfig says otherwise).
*/}}
{{- define "pipelock.config" -}}
{{- $mapping := include "pipelock.configMapping" . | fromYaml -}}
{{- $config := dict "version" 1 -}}
{{- range $name, $m := $mapping -}}
{{- $v := index $.Values $name -}}
{{- if not (kindIs "invalid" $v) -}}
{{- if not (hasKey $m "keys") -}}
{{- $_ := set $config $m.section $v -}}
{{- else -}}
{{- if not (kindIs "map" $v) -}}
{{- fail (printf "pipelock: %s: expected a map" $name) -}}
{{- end -}}
{{- $section := dict -}}
{{- $lists := $m.lists | default dict -}}
{{- $maps := $m.maps | default dict -}}
{{- $objects := $m.objects | default dict -}}
{{- range $k, $x := $v -}}
{{- if not (has $k ($m.deploymentKeys | default list)) -}}
{{- if not (hasKey $m.keys $k) -}}
{{- fail (printf "pipelock: %s.%s: unknown value (known: %s; other keys go under extraConfig)" $name $k (keys $m.keys | sortAlpha | join ", ")) -}}
{{- end -}}
{{- if not (kindIs "invalid" $x) -}}
{{- $target := index $m.keys $k -}}
{{- if hasKey $lists $k -}}
{{- if not (kindIs "slice" $x) -}}
{{- fail (printf "pipelock: %s.%s: expected a list" $name $k) -}}
{{- end -}}
{{- $items := list -}}
{{- range $i, $item := $x -}}
{{- $items = append $items (include "pipelock.renameKeys" (dict "value" $item "keys" (index $lists $k) "path" (printf "%s.%s[%d]" $name $k $i)) | fromYaml) -}}
{{- end -}}
{{- $_ := set $section $target $items -}}
{{- else if hasKey $maps $k -}}
{{- if not (kindIs "map" $x) -}}
{{- fail (printf "pipelock: %s.%s: expected a map" $name $k) -}}
{{- end -}}
{{- $named := dict -}}
{{- range $n, $o := $x -}}
{{- $_ := set $named $n (include "pipelock.renameKeys" (dict "value" $o "keys" (index $maps $k) "path" (printf "%s.%s.%s" $name $k $n)) | fromYaml) -}}
{{- end -}}
{{- $_ := set $section $target $named -}}
{{- else if hasKey $objects $k -}}
{{- $_ := set $section $target (include "pipelock.renameKeys" (dict "value" $x "keys" (index $objects $k) "path" (printf "%s.%s" $name $k)) | fromYaml) -}}
{{- else -}}
{{- $_ := set $section $target $x -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $section -}}
{{- $_ := set $config $m.section $section -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $extra := .Values.extraConfig | default dict -}}
{{- if not (kindIs "map" $extra) -}}
{{- fail "pipelock: extraConfig: expected a map" -}}
{{- end -}}
{{- range $k, $x := $extra -}}
{{- $current := index $config $k -}}
{{- if and (kindIs "map" $x) (kindIs "map" $current) -}}
{{- range $kk, $xx := $x -}}
{{- $_ := set $current $kk $xx -}}
{{- end -}}
{{- else -}}
{{- $_ := set $config $k $x -}}
{{- end -}}
{{- end -}}
{{- toYaml $config -}}
{{- end }}
