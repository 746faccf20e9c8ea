/**
 * Loading a configuration: YAML → layers (Go defaults < preset < file < `PIPELOCK_*` environment < CLI flags)
 * → schema decode (unknown keys rejected) → semantic checks (regexes compile under RE2, cross-field rules)
 * → the resolved `Config`. Pure and synchronous: the ConfigStore layer does the file reading and watching.
 *
 * Every problem carries the exact path (`dlp.patterns[3].regx: unknown key`); all problems are collected,
 * not only the first.
 */
import { readFileSync, readSync } from "node:fs"
import { dirname, isAbsolute, join, resolve as resolvePath } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect, Exit, Schema, SchemaIssue } from "effect"
import * as YAML from "yaml"
import {
  type Config,
  ConfigError,
  ConfigFile,
  type ConfigProblem,
  type ImplementedSection,
  type RunOptions
} from "../../services/Config.ts"
import type { Mode } from "../../services/Verdict.ts"
import { defaults, zeroMeansDefault } from "./defaults.ts"
import { expiresAt } from "../detect/suppress.ts"
import { unimplementedKeys } from "./support.ts"
import { validate } from "./validate.ts"

type Json = Record<string, unknown>

/** Values from the command line that take precedence over everything else. */
export interface Flags {
  readonly mode?: Mode | undefined
  readonly listen?: string | undefined
  readonly mcpListen?: string | undefined
  readonly mcpUpstream?: string | undefined
}

export interface LoadInput {
  /** The user's file (path for messages and relative paths, text as read), or none for the embedded preset. */
  readonly file?: { readonly path: string; readonly text: string } | undefined
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
  readonly flags?: Flags | undefined
}

export interface Loaded {
  readonly config: Config
  readonly run: RunOptions
  /** One line per key the file sets that the project does not implement yet. */
  readonly warnings: ReadonlyArray<string>
  /** Where the config came from: the file path, or `preset:<mode>`. */
  readonly source: string
}

// ---------------------------------------------------------------------------------------------
// Presets
// ---------------------------------------------------------------------------------------------

export const presetNames = ["strict", "balanced", "audit"] as const satisfies ReadonlyArray<Mode>

const presetUrl = (mode: Mode) => new URL(`../../../config/${mode}.yaml`, import.meta.url)

/** The text of a shipped preset (config/<mode>.yaml). */
/**
 * All of standard input, waiting for it. `readFileSync(0)` fails with EAGAIN when stdin is a pipe or socket
 * that something (the CLI runtime) has made non-blocking and the writer is slow (`curl … | pipelock config
 * validate --config -`): this reads until end of input, pausing 10 ms whenever nothing is there yet.
 */
export const readStdin = (): string => {
  const chunks: Buffer[] = []
  const buf = Buffer.alloc(1 << 16)
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (;;) {
    let n: number
    try {
      n = readSync(0, buf, 0, buf.length, null)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 10)
        continue
      }
      if (code === "EOF") break
      throw e
    }
    if (n === 0) break
    chunks.push(Buffer.from(buf.subarray(0, n)))
  }
  return Buffer.concat(chunks).toString("utf8")
}

export const presetText = (mode: Mode): string => readFileSync(fileURLToPath(presetUrl(mode)), "utf8")

const presetCache = new Map<Mode, Json>()
const presetObject = (mode: Mode): Json => {
  let p = presetCache.get(mode)
  if (p === undefined) {
    p = dropNulls(YAML.parse(presetText(mode))) as Json
    presetCache.set(mode, p)
  }
  return p
}

// ---------------------------------------------------------------------------------------------
// Object helpers
// ---------------------------------------------------------------------------------------------

const isObject = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)

/** YAML `key:` with no value (null) means "not set", as in the Go loader. */
const dropNulls = (u: unknown): unknown => {
  if (Array.isArray(u)) return u.map(dropNulls)
  if (!isObject(u)) return u
  const out: Json = {}
  for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined) out[k] = dropNulls(v)
  return out
}

/** Deep merge of plain objects; arrays and scalars in `over` replace those in `base`. */
export const deepMerge = (base: unknown, over: unknown): unknown => {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over
  const out: Json = { ...base }
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v
  return out
}

const setPath = (target: Json, path: ReadonlyArray<string>, value: unknown): void => {
  let cur = target
  for (const key of path.slice(0, -1)) {
    if (!isObject(cur[key])) cur[key] = {}
    cur = cur[key] as Json
  }
  cur[path[path.length - 1]] = value
}

const getPath = (target: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let cur: unknown = target
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined
    cur = (cur as Record<PropertyKey, unknown>)[key]
  }
  return cur
}

/** `["dlp","patterns",3,"regx"]` → `dlp.patterns[3].regx` */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, key) =>
    typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`, "")

const describe = (u: unknown): string => {
  if (u === undefined) return "nothing"
  if (Array.isArray(u)) return "a list"
  if (isObject(u)) return "a map"
  if (typeof u === "string") return `string ${JSON.stringify(u.length > 60 ? u.slice(0, 60) + "…" : u)}`
  return `${typeof u} ${String(u)}`
}

// ---------------------------------------------------------------------------------------------
// YAML, environment and flags → layers
// ---------------------------------------------------------------------------------------------

/** The offending line of a YAML text (and the one before it when it is blank) with a caret under `col`. */
export const excerpt = (text: string, line: number, col: number): string => {
  const lines = text.split(/\r?\n/)
  const shown = (n: number) => (lines[n - 1] ?? "").replace(/\t/g, " ")
  const width = String(line).length
  const row = (n: number) => `\n    ${String(n).padStart(width)} | ${shown(n)}`.trimEnd()
  const before = line > 1 && shown(line).trim() === "" ? row(line - 1) : ""
  return `${before}${row(line)}\n    ${" ".repeat(width)} | ${" ".repeat(Math.max(col - 1, 0))}^`
}

const parseYaml = (path: string, text: string): { value?: Json; problems: ConfigProblem[] } => {
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true })
  const list = Array.isArray(docs) ? docs : [docs]
  const problems: ConfigProblem[] = []
  for (const doc of list) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0]
      const message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:$/, "")
      problems.push(pos ? { path: `(line ${pos.line}, column ${pos.col})`, message: message + excerpt(text, pos.line, pos.col) } : { path: "(yaml)", message })
    }
  }
  if (problems.length > 0) return { problems }
  const nonEmpty = list.filter((d) => d.contents !== null)
  if (nonEmpty.length > 1) return { problems: [{ path: "(yaml)", message: "only one YAML document is allowed" }] }
  const value = nonEmpty.length === 0 ? {} : dropNulls(nonEmpty[0].toJS({ maxAliasCount: 100 }))
  if (!isObject(value)) return { problems: [{ path: "(root)", message: `expected a map of sections, got ${describe(value)}` }] }
  void path
  return { value, problems: [] }
}

/** A `PIPELOCK__section__key` value is YAML: `false`, `42`, `[a, b]`, or a plain string. */
const parseEnvValue = (raw: string): unknown => {
  try {
    return YAML.parse(raw)
  } catch {
    return raw
  }
}

const envOverlay = (env: Readonly<Record<string, string | undefined>>) => {
  const overlay: Json = {}
  const run: { listen?: string; mcpListen?: string; mcpUpstream?: string } = {}
  const problems: ConfigProblem[] = []
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.startsWith("PIPELOCK_")) continue
    if (name.startsWith("PIPELOCK__")) {
      const path = name.slice("PIPELOCK__".length).split("__").map((s) => s.toLowerCase())
      if (path.some((p) => p === "")) problems.push({ path: `env ${name}`, message: "empty key in variable name" })
      else setPath(overlay, path, parseEnvValue(value))
      continue
    }
    switch (name) {
      case "PIPELOCK_MODE":
        overlay.mode = value
        break
      case "PIPELOCK_LISTEN":
        run.listen = value
        break
      case "PIPELOCK_MCP_LISTEN":
        run.mcpListen = value
        break
      case "PIPELOCK_MCP_UPSTREAM":
        run.mcpUpstream = value
        break
      case "PIPELOCK_KILLSWITCH_API_TOKEN":
        setPath(overlay, ["kill_switch", "api_token"], value)
        break
      case "PIPELOCK_LOG_FORMAT":
        setPath(overlay, ["logging", "format"], value)
        break
      case "PIPELOCK_LOG_LEVEL":
        setPath(overlay, ["logging", "level"], value)
        break
      default:
        // Other PIPELOCK_* variables (PIPELOCK_CONFIG, PIPELOCK_HOME…) belong to the CLI, not the config.
        break
    }
  }
  return { overlay, run, problems }
}

// ---------------------------------------------------------------------------------------------
// Schema issues → problems
// ---------------------------------------------------------------------------------------------

const issueMessage = (issue: SchemaIssue.Issue, value: unknown): string => {
  switch (issue._tag) {
    case "UnexpectedKey":
      return "unknown key"
    case "MissingKey":
      return "missing required key"
    default: {
      const text = issueFormatter(issue).split("\n")[0]
      const first = text.charAt(0).toLowerCase() + text.slice(1)
      return `${first}, got ${describe(value)}`
    }
  }
}

const collectIssues = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>, root: unknown, out: ConfigProblem[]) => {
  switch (issue._tag) {
    case "Pointer":
      return collectIssues(issue.issue, [...path, ...issue.path], root, out)
    case "Composite":
      for (const i of issue.issues) collectIssues(i, path, root, out)
      return
    case "Filter":
      // A refinement on a value that also failed inside: report the inner problem.
      if (issue.issue._tag === "Pointer" || issue.issue._tag === "Composite") return collectIssues(issue.issue, path, root, out)
      out.push({ path: formatPath(path) || "(root)", message: issueMessage(issue, getPath(root, path)) })
      return
    default:
      out.push({ path: formatPath(path) || "(root)", message: issueMessage(issue, getPath(root, path)) })
  }
}

const issueFormatter = SchemaIssue.makeFormatterDefault()
const decodeFile = Schema.decodeUnknownExit(ConfigFile)

const decode = (merged: unknown): { value?: ConfigFile; problems: ConfigProblem[] } => {
  const exit = decodeFile(merged, { onExcessProperty: "error", errors: "all" })
  if (Exit.isSuccess(exit)) return { value: exit.value, problems: [] }
  const problems: ConfigProblem[] = []
  for (const reason of exit.cause.reasons) {
    const err = reason._tag === "Fail" ? reason.error : undefined
    if (err !== undefined && SchemaIssue.isIssue((err as { issue?: unknown }).issue)) {
      collectIssues((err as { issue: SchemaIssue.Issue }).issue, [], merged, problems)
    } else {
      problems.push({ path: "(root)", message: String(err ?? reason) })
    }
  }
  return { problems }
}

// ---------------------------------------------------------------------------------------------
// The loader
// ---------------------------------------------------------------------------------------------

const implemented: ReadonlyArray<ImplementedSection> = [
  "version", "mode", "enforce", "explain_blocks", "api_allowlist", "trusted_domains", "ssrf", "internal", "suppress",
  "fetch_proxy", "forward_proxy", "tls_interception", "request_body_scanning", "redaction", "websocket_proxy", "dlp",
  "response_scanning", "mcp_input_scanning", "mcp_tool_scanning", "mcp_tool_policy", "mcp_session_binding",
  "tool_chain_detection", "session_profiling", "session_store", "kill_switch", "logging", "seed_phrase_detection", "canary_tokens",
  "a2a_scanning", "mcp_http_listener", "max_inflight_body_mb", "http_classifier", "workers"
]

const isMode = (u: unknown): u is Mode => u === "strict" || u === "balanced" || u === "audit"

/**
 * Loads and validates a configuration. Returns the resolved config with its warnings, or a
 * `ConfigError` listing every problem (path and message).
 */
export const load = (input: LoadInput): Loaded | ConfigError => {
  if (input.file === undefined) return resolveLayers("(built-in preset)", undefined, { value: {}, problems: [] }, input)
  const baseDir = input.file.path !== "-" ? dirname(resolvePath(input.file.path)) : undefined
  return resolveLayers(input.file.path, baseDir, parseYaml(input.file.path, input.file.text), input)
}

/**
 * The layers under and over the user's config (already parsed into an object, or the problems parsing it
 * found), merged, decoded and checked. `baseDir` is where relative paths in the config resolve (the config
 * file's folder); without one they stay relative to the working directory.
 */
const resolveLayers = (
  source: string,
  baseDir: string | undefined,
  parsed: { readonly value?: Json; readonly problems: ReadonlyArray<ConfigProblem> },
  input: Pick<LoadInput, "env" | "flags">
): Loaded | ConfigError => {
  const problems: ConfigProblem[] = [...parsed.problems]
  const fileLayer: Json = parsed.value ?? {}
  const env = envOverlay(input.env ?? {})
  problems.push(...env.problems)
  const flags = input.flags ?? {}
  const flagLayer: Json = {}
  if (flags.mode !== undefined) flagLayer.mode = flags.mode
  if (flags.listen !== undefined) setPath(flagLayer, ["fetch_proxy", "listen"], flags.listen)
  if (env.run.listen !== undefined && flags.listen === undefined) setPath(env.overlay, ["fetch_proxy", "listen"], env.run.listen)
  if (problems.length > 0) return new ConfigError({ source, problems })

  // The preset under the file is the one for the mode asked for (flags > env > file > balanced).
  const askedMode = [flagLayer.mode, env.overlay.mode, fileLayer.mode].find((m) => m !== undefined) ?? "balanced"
  const presetMode: Mode = isMode(askedMode) ? askedMode : "balanced"
  const userLayers = deepMerge(deepMerge(fileLayer, env.overlay), flagLayer) as Json
  const merged = deepMerge(deepMerge(defaults, presetObject(presetMode)), userLayers) as Json
  // A user file that lists its own patterns without saying `include_defaults` gets the built-ins merged in,
  // as in the Go loader (where the key is unset, not the preset's `false`): adding a pattern never drops the catalogue.
  for (const section of ["dlp", "response_scanning"]) {
    const user = userLayers[section]
    const target = merged[section]
    if (isObject(user) && user.patterns !== undefined && user.include_defaults === undefined && isObject(target)) target.include_defaults = true
  }

  const decoded = decode(merged)
  if (decoded.value === undefined) {
    // Also report the semantic problems of what did decode (a bad regex next to a wrong type), so one
    // run lists everything; the raw object may be malformed, so this is best effort.
    const seen = new Set(decoded.problems.map((p) => p.path))
    let extra: ConfigProblem[] = []
    try {
      extra = validate(merged as ConfigFile).filter((p) => !seen.has(p.path))
    } catch {
      extra = []
    }
    return new ConfigError({ source, problems: [...decoded.problems, ...extra] })
  }
  const file = decoded.value as Json

  for (const path of zeroMeansDefault) {
    const v = getPath(file, path)
    if (typeof v === "number" && v <= 0) setPath(file, path, getPath(defaults, path))
  }

  // As in the Go loader, these paths are relative to the config file's folder (not the working directory).
  if (baseDir !== undefined) {
    const base = baseDir
    for (const path of [["dlp", "secrets_file"], ["tls_interception", "ca_cert"], ["tls_interception", "ca_key"]]) {
      const v = getPath(file, path)
      if (typeof v === "string" && v !== "" && !isAbsolute(v) && !v.startsWith("~")) setPath(file, path, join(base, v))
    }
  }

  problems.push(...validate(file as ConfigFile))
  if (problems.length > 0) return new ConfigError({ source, problems })

  // The Go `enforce: false` means detect-only: that is our audit mode.
  const mode: Mode = file.enforce === false ? "audit" : (file.mode as Mode)
  const config: Json = { extra: {} }
  for (const [key, value] of Object.entries(file)) {
    if ((implemented as ReadonlyArray<string>).includes(key)) config[key] = value
    else (config.extra as Json)[key] = value
  }
  config.mode = mode

  const run: RunOptions = {
    listen: (getPath(file, ["fetch_proxy", "listen"]) as string),
    mcpListen: flags.mcpListen ?? env.run.mcpListen,
    mcpUpstream: flags.mcpUpstream ?? env.run.mcpUpstream
  }
  // An expired exemption is not an error (the file stays loadable after the date); it no longer applies.
  const now = Date.now()
  const expired = ((file.suppress ?? []) as Config["suppress"]).flatMap((e, i) => {
    const at = expiresAt(e.expires)
    return at !== undefined && at < now ? [`suppress[${i}] (rule "${e.rule}") expired on ${e.expires}: it no longer applies; remove or renew it`] : []
  })
  return { config: config as unknown as Config, run, warnings: [...unimplementedKeys(userLayers), ...expired], source }
}

/** Like `load`, throwing the `ConfigError`: for tests and tools that start from a known-good config. */
export const loadOrThrow = (input: LoadInput): Loaded => {
  const r = load(input)
  if (r instanceof ConfigError) throw r
  return r
}

/** Where an embedded config came from, and the layers over it (none unless given: a library reads no environment). */
export interface FromOptions {
  /**
   * The config's path, for messages and for relative paths in it (`dlp.secrets_file`, `tls_interception.ca_cert`,
   * `ca_key`), which then resolve against its folder; without one they stay relative to the working directory.
   */
  readonly path?: string | undefined
  /** `PIPELOCK_*` variables to apply over the config, as the CLI applies the process environment. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
  readonly flags?: Flags | undefined
}

const toEffect = (r: Loaded | ConfigError): Effect.Effect<Loaded, ConfigError> =>
  r instanceof ConfigError ? Effect.fail(r) : Effect.succeed(r)

/**
 * Loads a configuration given as an object shaped like `pipelock.yaml` (snake_case keys; `null` means "not
 * set", as in YAML), over the preset of its mode and the built-in defaults, exactly as the file would load.
 *
 * @example
 * const { config } = yield* ConfigLoader.fromObject({ mode: "strict", kill_switch: { api_token: "t0ken" } })
 */
export const fromObject = (o: unknown, options: FromOptions = {}): Effect.Effect<Loaded, ConfigError> =>
  Effect.suspend(() => {
    const source = options.path ?? "(object)"
    const baseDir = options.path !== undefined ? dirname(resolvePath(options.path)) : undefined
    const parsed = isObject(o)
      ? { value: dropNulls(o) as Json, problems: [] }
      : { problems: [{ path: "(root)", message: `expected a map of sections, got ${describe(o)}` }] }
    return toEffect(resolveLayers(source, baseDir, parsed, options))
  })

/**
 * Loads a configuration from YAML text (what `pipelock.yaml` holds), with the same checks as the CLI.
 *
 * @example
 * const loaded = yield* ConfigLoader.fromYaml("mode: audit\n")
 */
export const fromYaml = (text: string, options: FromOptions = {}): Effect.Effect<Loaded, ConfigError> =>
  Effect.suspend(() => {
    const source = options.path ?? "(yaml)"
    const baseDir = options.path !== undefined ? dirname(resolvePath(options.path)) : undefined
    return toEffect(resolveLayers(source, baseDir, parseYaml(source, text), options))
  })
