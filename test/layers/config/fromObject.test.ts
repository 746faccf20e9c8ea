/**
 * `ConfigLoader.fromObject` / `fromYaml`: the config of an embedding app, given as an object or YAML text,
 * loads exactly as the same file would through the CLI's loader, and problems fail the Effect with a
 * `ConfigError` (every problem, with its path).
 */
import { assert, describe, it } from "@effect/vitest"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import * as YAML from "yaml"
import { ConfigLoader } from "../../../src/index.ts"
import { load } from "../../../src/layers/config/load.ts"
import { ConfigError } from "../../../src/services/Config.ts"

const compat = join(import.meta.dirname, "../../../../shared/compat")
const compatFiles = existsSync(compat) ? readdirSync(compat).filter((f) => f.endsWith(".yaml") && !f.includes("helm-values")) : []

const problemsOf = (e: ConfigError) => e.problems.map((p) => `${p.path}: ${p.message}`)

describe("ConfigLoader.fromObject", () => {
  it.effect("an empty object is the balanced preset over the defaults, as loading no file is", () =>
    Effect.gen(function* () {
      const loaded = yield* ConfigLoader.fromObject({})
      const builtIn = load({})
      if (builtIn instanceof ConfigError) return assert.fail(builtIn.message)
      assert.strictEqual(loaded.config.mode, "balanced")
      assert.deepStrictEqual(loaded.config, builtIn.config)
      assert.strictEqual(loaded.source, "(object)")
    }))

  it.effect.runIf(compatFiles.length > 0)("every compat config, parsed to an object, loads to the same config as the file", () =>
    Effect.gen(function* () {
      for (const f of compatFiles) {
        const path = join(compat, f)
        const text = readFileSync(path, "utf8")
        const fromFile = load({ file: { path, text } })
        if (fromFile instanceof ConfigError) return assert.fail(fromFile.message)
        const fromObject = yield* ConfigLoader.fromObject(YAML.parse(text), { path })
        assert.deepStrictEqual(fromObject.config, fromFile.config, f)
        assert.deepStrictEqual(fromObject.warnings, fromFile.warnings, f)
        const fromYaml = yield* ConfigLoader.fromYaml(text, { path })
        assert.deepStrictEqual(fromYaml.config, fromFile.config, f)
      }
    }))

  it.effect("a user's keys go over the preset of the mode it names; null means not set", () =>
    Effect.gen(function* () {
      const strict = yield* ConfigLoader.fromObject({ mode: "strict", kill_switch: { api_token: "t0ken" }, logging: null })
      assert.strictEqual(strict.config.mode, "strict")
      assert.strictEqual(strict.config.kill_switch.api_token, "t0ken")
      const preset = load({ flags: { mode: "strict" } })
      if (preset instanceof ConfigError) return assert.fail(preset.message)
      assert.deepStrictEqual(strict.config.logging, preset.config.logging)
      assert.deepStrictEqual(strict.config.dlp, preset.config.dlp)
    }))

  it.effect("does not change the object it is given", () =>
    Effect.gen(function* () {
      const o = { mode: "balanced", dlp: { patterns: [{ name: "Ticket", regex: "TCK-[0-9]{6}", severity: "high" }] }, logging: null }
      const before = structuredClone(o)
      const loaded = yield* ConfigLoader.fromObject(o)
      assert.deepStrictEqual(o, before)
      assert.isTrue(loaded.config.dlp.patterns.some((p) => p.name === "Ticket"))
      // The built-in catalogue is kept beside the user's pattern, as for a file.
      assert.isTrue(loaded.config.dlp.include_defaults)
    }))

  it.effect("fails with a ConfigError listing every problem with its path", () =>
    Effect.gen(function* () {
      const e = yield* Effect.flip(ConfigLoader.fromObject({ mode: "paranoid", dlp: { patternz: [] }, response_scanning: { enabled: "yes" } }))
      assert.instanceOf(e, ConfigError)
      assert.strictEqual(e._tag, "ConfigError")
      const problems = problemsOf(e)
      assert.include(problems.join("\n"), "dlp.patternz: unknown key")
      assert.isTrue(problems.some((p) => p.startsWith("mode: ")), problems.join("\n"))
      assert.isTrue(problems.some((p) => p.startsWith("response_scanning.enabled: ")), problems.join("\n"))
      assert.strictEqual(e.source, "(object)")
    }))

  it.effect("a value that is not a map of sections is a ConfigError, not a throw", () =>
    Effect.gen(function* () {
      for (const bad of [null, "mode: strict", [1, 2], 42]) {
        const e = yield* Effect.flip(ConfigLoader.fromObject(bad))
        assert.deepStrictEqual(e.problems.map((p) => p.path), ["(root)"])
        assert.match(e.problems[0].message, /expected a map of sections/)
      }
    }))

  it.effect("relative paths resolve against the folder of the path given, else stay as written", () =>
    Effect.gen(function* () {
      const o = { dlp: { secrets_file: "secrets.txt" } }
      const anchored = yield* ConfigLoader.fromObject(o, { path: "/srv/app/pipelock.yaml" })
      assert.strictEqual(anchored.config.dlp.secrets_file, "/srv/app/secrets.txt")
      assert.strictEqual(anchored.source, "/srv/app/pipelock.yaml")
      const plain = yield* ConfigLoader.fromObject(o)
      assert.strictEqual(plain.config.dlp.secrets_file, "secrets.txt")
    }))

  it.effect("env and flags apply over the object only when given (a library reads no environment by itself)", () =>
    Effect.gen(function* () {
      const viaEnv = yield* ConfigLoader.fromObject({ mode: "balanced" }, { env: { PIPELOCK_MODE: "audit", PIPELOCK_KILLSWITCH_API_TOKEN: "tok" } })
      assert.strictEqual(viaEnv.config.mode, "audit")
      assert.strictEqual(viaEnv.config.kill_switch.api_token, "tok")
      const viaFlags = yield* ConfigLoader.fromObject({ mode: "balanced" }, { flags: { mode: "strict" } })
      assert.strictEqual(viaFlags.config.mode, "strict")
    }))
})

describe("ConfigLoader.fromYaml", () => {
  it.effect("loads YAML text as the CLI would", () =>
    Effect.gen(function* () {
      const loaded = yield* ConfigLoader.fromYaml("mode: audit\nkill_switch:\n  api_token: abc\n")
      assert.strictEqual(loaded.config.mode, "audit")
      assert.strictEqual(loaded.config.kill_switch.api_token, "abc")
      assert.strictEqual(loaded.source, "(yaml)")
    }))

  it.effect("a syntax error fails with its line and column", () =>
    Effect.gen(function* () {
      const e = yield* Effect.flip(ConfigLoader.fromYaml("mode: strict\ndlp:\n  patterns: [\n", { path: "app.yaml" }))
      assert.strictEqual(e.source, "app.yaml")
      assert.match(e.problems[0].path, /^\(line \d+, column \d+\)$/)
    }))

  it.effect("an unknown key fails, a known-but-unimplemented key is a warning", () =>
    Effect.gen(function* () {
      const e = yield* Effect.flip(ConfigLoader.fromYaml("fetch_proxy:\n  lisen: 127.0.0.1:8888\n"))
      assert.deepStrictEqual(problemsOf(e), ["fetch_proxy.lisen: unknown key"])
      const loaded = yield* ConfigLoader.fromYaml("sentry:\n  enabled: false\n")
      assert.strictEqual(loaded.warnings.length, 1)
      assert.include(loaded.warnings[0], "sentry.enabled")
    }))
})
