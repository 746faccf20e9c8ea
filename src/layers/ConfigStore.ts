/**
 * The ConfigStore: the validated configuration in a SubscriptionRef, reloaded on SIGHUP and when the
 * file changes (100 ms debounce). A reload that fails validation, an empty file, or a reload that downgrades
 * protection while the running mode is strict, is rejected with its reasons logged and the old config keeps
 * serving.
 */
import { createHash } from "node:crypto"
import { existsSync, readFileSync, watch } from "node:fs"
import { basename, dirname, resolve } from "node:path"
import { Effect, Layer, Ref, Semaphore, SubscriptionRef } from "effect"
import * as YAML from "yaml"
import { type Config, ConfigError } from "../services/Config.ts"
import { ConfigStore, type ReloadResult } from "../services/ConfigStore.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { type Flags, load, type Loaded, readStdin } from "./config/load.ts"
import { Metrics } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"

export interface FileOptions {
  /** The config file, or undefined for the embedded preset (then nothing is watched). */
  readonly path?: string | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  readonly flags: Flags
  /** The configuration already loaded at startup (the program loads first to exit 2 on errors). */
  readonly initial: Loaded
  /** Watch the file for changes (default true). */
  readonly watch?: boolean | undefined
  /** Reload on SIGHUP (default true). */
  readonly sighup?: boolean | undefined
}

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex")

/**
 * Whether a file says nothing (empty, whitespace, comments only, a null document). On reload such a file is
 * refused: it is what a truncated write or `: > pipelock.yaml` leaves, and applying it would fall back to the
 * embedded preset (dropping the kill-switch token and every setting).
 */
export const saysNothing = (text: string): boolean => {
  if (text.trim() === "") return true
  try {
    const doc = YAML.parse(text) as unknown
    return doc === null || doc === undefined
  } catch {
    return false
  }
}

/** Reads a config file for `load` (`-` is standard input); a read error is a ConfigError with the path. */
export const readConfigFile = (path: string): { path: string; text: string } | ConfigError => {
  try {
    return path === "-" ? { path: "(stdin)", text: readStdin() } : { path, text: readFileSync(path, "utf8") }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return new ConfigError({
      source: path,
      problems: [{ path: "(file)", message: code === "ENOENT" ? "file not found" : `cannot read: ${String(e)}` }]
    })
  }
}

/** Loads a config from a file path (or the embedded preset when undefined), with env and flags. */
export const loadFrom = (path: string | undefined, env: FileOptions["env"], flags: Flags): Loaded | ConfigError => {
  if (path === undefined) return load({ env, flags })
  const file = readConfigFile(path)
  if (file instanceof ConfigError) return file
  return load({ file, env, flags })
}

/**
 * What a reload would weaken. In strict mode any of these rejects the reload (a running strict proxy is
 * not silently downgraded by an edited file).
 */
export const downgrades = (old: Config, next: Config): string[] => {
  const out: string[] = []
  const rank = { audit: 0, balanced: 1, strict: 2 } as const
  if (rank[next.mode] < rank[old.mode]) out.push(`mode lowered from ${old.mode} to ${next.mode}`)
  const toggles: Array<[string, boolean, boolean]> = [
    ["response_scanning.enabled", old.response_scanning.enabled, next.response_scanning.enabled],
    ["request_body_scanning.enabled", old.request_body_scanning.enabled, next.request_body_scanning.enabled],
    ["request_body_scanning.scan_headers", old.request_body_scanning.scan_headers, next.request_body_scanning.scan_headers],
    ["mcp_input_scanning.enabled", old.mcp_input_scanning.enabled, next.mcp_input_scanning.enabled],
    ["mcp_tool_scanning.enabled", old.mcp_tool_scanning.enabled, next.mcp_tool_scanning.enabled],
    ["mcp_tool_policy.enabled", old.mcp_tool_policy.enabled, next.mcp_tool_policy.enabled],
    ["tool_chain_detection.enabled", old.tool_chain_detection.enabled, next.tool_chain_detection.enabled],
    ["dlp.include_defaults", old.dlp.include_defaults, next.dlp.include_defaults],
    ["dlp.scan_env", old.dlp.scan_env, next.dlp.scan_env],
    ["forward_proxy.sni_verification", old.forward_proxy.sni_verification, next.forward_proxy.sni_verification]
  ]
  for (const [key, before, after] of toggles) if (before && !after) out.push(`${key} turned off`)
  const removed = (a: ReadonlyArray<{ name: string; regex: string }>, b: ReadonlyArray<{ name: string; regex: string }>) =>
    a.filter((p) => !b.some((q) => q.name === p.name && q.regex === p.regex)).map((p) => p.name)
  const dlpGone = removed(old.dlp.patterns, next.dlp.patterns)
  if (dlpGone.length > 0) out.push(`DLP patterns removed or changed: ${dlpGone.join(", ")}`)
  const disabled = next.dlp.disabled_rules.filter((r) => !old.dlp.disabled_rules.includes(r))
  if (disabled.length > 0) out.push(`DLP rules turned off: ${disabled.join(", ")}`)
  const injGone = removed(old.response_scanning.patterns, next.response_scanning.patterns)
  if (injGone.length > 0) out.push(`response patterns removed or changed: ${injGone.join(", ")}`)
  if (next.mcp_tool_policy.rules.length < old.mcp_tool_policy.rules.length) out.push("fewer tool policy rules")
  const internalGone = old.internal.filter((c) => !next.internal.includes(c))
  if (internalGone.length > 0) out.push(`SSRF ranges removed: ${internalGone.join(", ")}`)
  const trustedAdded = next.trusted_domains.filter((d) => !old.trusted_domains.includes(d))
  if (trustedAdded.length > 0) out.push(`trusted domains added: ${trustedAdded.join(", ")}`)
  const allowGrew = next.ssrf.ip_allowlist.filter((c) => !old.ssrf.ip_allowlist.includes(c))
  if (allowGrew.length > 0) out.push(`SSRF IP allowlist grew: ${allowGrew.join(", ")}`)
  return out
}

/** The file-backed store: reload on SIGHUP and file change. */
export const make = (opts: FileOptions) =>
  Effect.gen(function* () {
    const telemetry = yield* Telemetry
    const { count } = yield* Metrics
    const ref = yield* SubscriptionRef.make<Config>(opts.initial.config)
    // Standard input cannot be read twice: a config from `-` is not reloaded.
    const path = opts.path === "-" ? undefined : opts.path
    const lastHash = yield* Ref.make<string | undefined>(
      path !== undefined && existsSync(path) ? hashOf(readFileSync(path, "utf8")) : undefined
    )

    const reload: Effect.Effect<ReloadResult> = Effect.gen(function* () {
      if (path === undefined) return { _tag: "Unchanged" } as const
      const file = readConfigFile(path)
      if (!(file instanceof ConfigError)) {
        const h = hashOf(file.text)
        if (h === (yield* Ref.get(lastHash))) return { _tag: "Unchanged" } as const
      }
      const loaded = file instanceof ConfigError ? file
        : saysNothing(file.text) ? new ConfigError({ source: path, problems: [{ path: "(file)", message: "the file is empty (or only comments): refused, a reload never falls back to the built-in preset" }] })
        : load({ file, env: opts.env, flags: opts.flags })
      const old = yield* SubscriptionRef.get(ref)
      if (loaded instanceof ConfigError) {
        count(metrics.configReloads, { result: "rejected" })
        yield* telemetry.log("error", "config_reload_rejected", {
          source: path,
          problems: loaded.problems.map((p) => `${p.path}: ${p.message}`),
          note: "the previous configuration keeps serving"
        })
        return { _tag: "Rejected", error: loaded } as const
      }
      if (old.mode === "strict") {
        const weaker = downgrades(old, loaded.config)
        if (weaker.length > 0) {
          count(metrics.configReloads, { result: "rejected" })
          yield* telemetry.log("error", "config_reload_rejected", {
            source: path,
            problems: weaker,
            note: "strict mode rejects a reload that weakens protection; restart to apply it"
          })
          return { _tag: "Rejected", error: `downgrade in strict mode: ${weaker.join("; ")}` } as const
        }
      }
      if (!(file instanceof ConfigError)) yield* Ref.set(lastHash, hashOf(file.text))
      yield* SubscriptionRef.set(ref, loaded.config)
      yield* telemetry.configure(loaded.config.logging)
      count(metrics.configReloads, { result: "success" })
      yield* telemetry.log("info", "config_reload", { source: path, mode: loaded.config.mode })
      for (const w of loaded.warnings) yield* telemetry.log("warn", "config_warning", { message: w })
      return { _tag: "Applied", warnings: loaded.warnings } as const
    }).pipe(Effect.withSpan("ConfigStore.reload"))

    // Serialise reloads: SIGHUP and the watcher may fire together.
    const lock = yield* Semaphore.make(1)
    const reloadLocked = lock.withPermits(1)(reload)
    const services = yield* Effect.context<never>()
    const fire = () => void Effect.runForkWith(services)(reloadLocked)

    if (path !== undefined && opts.watch !== false) {
      const abs = resolve(path)
      let timer: NodeJS.Timeout | undefined
      yield* Effect.acquireRelease(
        Effect.sync(() => {
          // Watch the directory: editors replace files by rename, which a file watch would miss.
          const w = watch(dirname(abs), { persistent: false }, (_event, name) => {
            // Kubernetes updates a mounted ConfigMap by swapping the `..data` symlink: the file's own name never shows.
            if (name !== null && name !== basename(abs) && name !== "..data") return
            if (timer) clearTimeout(timer)
            timer = setTimeout(fire, 100)
          })
          w.on("error", () => {})
          return w
        }),
        (w) => Effect.sync(() => {
          if (timer) clearTimeout(timer)
          w.close()
        })
      )
    }
    if (opts.sighup !== false) {
      yield* Effect.acquireRelease(
        Effect.sync(() => {
          const onHup = () => fire()
          process.on("SIGHUP", onHup)
          return onHup
        }),
        (onHup) => Effect.sync(() => void process.off("SIGHUP", onHup))
      )
    }

    return ConfigStore.of({
      current: SubscriptionRef.get(ref),
      changes: SubscriptionRef.changes(ref),
      reload: reloadLocked,
      run: opts.initial.run,
      source: opts.initial.source,
      warnings: opts.initial.warnings
    })
  })

/** The production store: the file (or embedded preset) with hot reload. */
export const layerFile = (opts: FileOptions): Layer.Layer<ConfigStore, never, Telemetry> => Layer.effect(ConfigStore, make(opts))

/** An in-memory store whose config tests can replace with `set`. */
export const makeMemory = (loaded: Loaded) =>
  Effect.gen(function* () {
    const ref = yield* SubscriptionRef.make<Config>(loaded.config)
    const service = ConfigStore.of({
      current: SubscriptionRef.get(ref),
      changes: SubscriptionRef.changes(ref),
      reload: Effect.succeed({ _tag: "Unchanged" } as const),
      run: loaded.run,
      source: loaded.source,
      warnings: loaded.warnings
    })
    return { service, set: (c: Config) => SubscriptionRef.set(ref, c) }
  })

/** A store holding a fixed config (tests). */
export const layerTest = (loaded: Loaded): Layer.Layer<ConfigStore> =>
  Layer.effect(ConfigStore, Effect.map(makeMemory(loaded), (m) => m.service))

