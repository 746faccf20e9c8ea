/**
 * The Redis SessionStore: the shared state of several Pipelock replicas in one Redis (node-redis, loaded only
 * when `session_store.backend: redis`). Every operation is one Lua script, so it is atomic in Redis: two
 * replicas judging concurrent requests of one session never lose an update, and the history chain detection
 * reads is the one the call was appended to. The scripts only store and prune; what a chain or drift is stays
 * defined in TypeScript (`detect/chain.ts`, `detect/toolPoison.ts`), run over what the script returns.
 *
 * Keys (all under `session_store.key_prefix`):
 * - `s:<session>`: a hash per session (`c` created, `b` inventory pinned, `f:<tool>` fingerprint, `d:<tool>`
 *   definition), and `h:<session>` its chain history (a list of `category\ntime`), both expiring a minute
 *   after the TTL as a fallback;
 * - `sessions`: a sorted set of session keys by last use, which enforces `session_ttl_minutes` (idle
 *   sessions are dropped when any session is touched) and `max_sessions` (the least recently used go first);
 * - `w:<key>`: a rate or data window, a hash of 1-second buckets over the last 60 s (expires after 62 s);
 * - `cards`, `cards:order`: pinned Agent Cards by URL, oldest dropped past `a2a_scanning.max_contexts`;
 * - `killswitch`: the fleet-wide kill-switch flags, changes published on the channel of the same name.
 *
 * With Redis Cluster, put a hash tag in the prefix (`{pipelock}:`) so every key sits in one slot.
 *
 * Failure: the client reconnects with backoff (100 ms doubling to 3 s); commands fail at once while it is
 * disconnected and after 250 ms when Redis is slow. Each such operation fails with `StoreUnavailable`, the
 * Inspector applies `on_unavailable`, `/health` says `degraded` with the reason, and one log line marks each
 * change between available and unavailable. The password (URL or PIPELOCK_REDIS_PASSWORD) never reaches a log.
 */
import { createHash } from "node:crypto"
import { Effect, Layer, Stream } from "effect"
import type { RedisClientType } from "redis"
import { ConfigStore } from "../services/ConfigStore.ts"
import {
  type CallOutcome, type ChainCall, type EvictionReason, type Flags, type Health, type PinOutcome, SessionStore, type Service,
  StoreUnavailable, type WindowOp, type WindowResult
} from "../services/SessionStore.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { Metrics } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"

/** How long one operation may take before the request gets the `on_unavailable` policy (PIPELOCK_REDIS_TIMEOUT_MS overrides it). */
export const TIMEOUT_MS = 250

/** The operation timeout: PIPELOCK_REDIS_TIMEOUT_MS when it is a positive number of milliseconds, else 250. */
export const timeoutOf = (env: Readonly<Record<string, string | undefined>>): number => {
  const n = Number(env.PIPELOCK_REDIS_TIMEOUT_MS)
  return Number.isFinite(n) && n > 0 ? Math.min(n, 60_000) : TIMEOUT_MS
}

/** Reconnection delay: 100 ms doubling to 3 s, with up to 100 ms of jitter so replicas do not reconnect in step. */
export const backoff = (retries: number): number => Math.min(100 * 2 ** retries, 3000) + Math.floor(Math.random() * 100)

/** The URL with its password replaced, for logs and errors. */
export const redactUrl = (raw: string): string => {
  try {
    const u = new URL(raw)
    if (u.password !== "") u.password = "***"
    return u.toString()
  } catch {
    return "(unparseable URL)"
  }
}

/** The URL to connect to: PIPELOCK_REDIS_PASSWORD fills in a password the URL does not carry. */
export const connectionUrl = (raw: string, password: string | undefined): string => {
  const u = new URL(raw)
  if (u.password === "" && password !== undefined && password !== "") u.password = encodeURIComponent(password)
  return u.toString()
}

// ---------------------------------------------------------------------------------------------
// The scripts
// ---------------------------------------------------------------------------------------------

interface Script {
  readonly source: string
  readonly sha: string
}
const script = (source: string): Script => ({ source, sha: createHash("sha1").update(source).digest("hex") })

/**
 * Drops sessions idle past the TTL from the sessions set `set` (at most `limit` a call), with their hashes
 * and histories, counting them in `evTtl`. Needs `now`, `ttl`, `sp` (session-hash prefix), `hp` (history prefix).
 */
const dropIdle = (set: string, limit: number) => `if ttl > 0 then
  local old = redis.call('ZRANGEBYSCORE', ${set}, '-inf', '(' .. string.format('%d', now - ttl), 'LIMIT', 0, ${limit})
  for _, k in ipairs(old) do
    redis.call('DEL', sp .. k, hp .. k)
    redis.call('ZREM', ${set}, k)
    evTtl = evTtl + 1
  end
end
`

/**
 * Shared by the session scripts. KEYS[1] the session hash, KEYS[2] the sessions set, KEYS[3] the session's
 * chain history; ARGV[1] now (ms), ARGV[2] TTL (ms, 0 = none), ARGV[3] max sessions (0 = none), ARGV[4] the
 * session-hash prefix (`…s:`; histories are under `…h:`), ARGV[5] the session key. Drops idle sessions (at
 * most 100 a call), evicts the least recently used when a new session would exceed the limit, marks this one
 * used. Leaves `evTtl`, `evCap` and `live` for the caller.
 */
const TOUCH = `
local now, ttl, max, sp, sk = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
local hp = string.sub(sp, 1, -3) .. 'h:'
local evTtl, evCap = 0, 0
${dropIdle("KEYS[2]", 100)}if redis.call('EXISTS', KEYS[1]) == 0 then
  if redis.call('ZREM', KEYS[2], sk) == 1 then evTtl = evTtl + 1 end
  if max > 0 then
    local n = redis.call('ZCARD', KEYS[2])
    while n >= max do
      local popped = redis.call('ZPOPMIN', KEYS[2])
      if #popped == 0 then break end
      redis.call('DEL', sp .. popped[1], hp .. popped[1])
      evCap = evCap + 1
      n = n - 1
    end
  end
  redis.call('DEL', KEYS[3])
  redis.call('HSET', KEYS[1], 'c', ARGV[1])
end
redis.call('ZADD', KEYS[2], ARGV[1], sk)
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl + 60000)
  redis.call('PEXPIRE', KEYS[3], ttl + 60000)
else
  redis.call('PERSIST', KEYS[1])
end
local live = redis.call('ZCARD', KEYS[2])
`

/** ARGV[6] the tool count, then name, fingerprint, definition per tool. Returns evTtl, evCap, live, pinned, added, changed (name, pinned definition…). */
const PIN_TOOLS = script(`${TOUCH}
local n = tonumber(ARGV[6])
if redis.call('HEXISTS', KEYS[1], 'b') == 0 then
  redis.call('HSET', KEYS[1], 'b', '1')
  for i = 0, n - 1 do
    local name = ARGV[7 + 3 * i]
    redis.call('HSET', KEYS[1], 'f:' .. name, ARGV[8 + 3 * i], 'd:' .. name, ARGV[9 + 3 * i])
  end
  return {evTtl, evCap, live, 1, {}, {}}
end
local added, changed = {}, {}
for i = 0, n - 1 do
  local name, fp = ARGV[7 + 3 * i], ARGV[8 + 3 * i]
  local before = redis.call('HGET', KEYS[1], 'f:' .. name)
  if not before then
    redis.call('HSET', KEYS[1], 'f:' .. name, fp, 'd:' .. name, ARGV[9 + 3 * i])
    added[#added + 1] = name
  elseif before ~= fp then
    changed[#changed + 1] = name
    changed[#changed + 1] = redis.call('HGET', KEYS[1], 'd:' .. name)
  end
end
return {evTtl, evCap, live, 0, added, changed}
`)

/**
 * ARGV[6] the tool, ARGV[7] '1' to append to the chain history, then category, time, window size, window
 * seconds (the steps of `appendCall` in detect/chain.ts). Returns evTtl, evCap, live, inventory (0 unpinned,
 * 1 listed, 2 unlisted), then, when appending, the history's calls as stored (`category\ntime`, oldest first)
 * joined by `\n` into one string: one bulk reply to decode instead of one per call.
 */
const RECORD_CALL = script(`${TOUCH}
local st = redis.call('HMGET', KEYS[1], 'b', 'f:' .. ARGV[6])
local inv = 0
if st[1] then
  if st[2] then inv = 1 else inv = 2 end
end
if ARGV[7] ~= '1' then return {evTtl, evCap, live, inv} end
local at, size, secs = tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11])
local n = redis.call('RPUSH', KEYS[3], ARGV[8] .. '\\n' .. ARGV[9])
if n > size then redis.call('LTRIM', KEYS[3], -size, -1) end
-- A new list has no expiry yet (TOUCH set it on the list that was there).
if n == 1 and ttl > 0 then redis.call('PEXPIRE', KEYS[3], ttl + 60000) end
local hist = redis.call('LRANGE', KEYS[3], 0, -1)
-- Oldest first: the calls older than the window are at the head; drop them, hand back the rest as stored
-- (Pipelock parses them, and skips a stale one further in, which replicas' clocks a little apart can leave).
local head = 0
while head < #hist do
  local e = hist[head + 1]
  if at - tonumber(string.match(e, '\\n(%d+)$')) <= secs * 1000 then break end
  head = head + 1
end
if head > 0 then redis.call('LTRIM', KEYS[3], head, -1) end
return {evTtl, evCap, live, inv, table.concat(hist, '\\n', head + 1)}
`)

/** Ends a session. KEYS as for TOUCH; ARGV[1] the session key. Returns 1 when it existed, and the live count. */
const END = script(`
local existed = redis.call('DEL', KEYS[1])
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[2], ARGV[1])
return {existed, redis.call('ZCARD', KEYS[2])}
`)

/** The live count after dropping idle sessions. KEYS[1] the sessions set; ARGV[1] now, ARGV[2] TTL, ARGV[3] the session-hash prefix. */
const SIZE = script(`
local now, ttl, sp = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local hp = string.sub(sp, 1, -3) .. 'h:'
local evTtl = 0
${dropIdle("KEYS[1]", 1000)}return {evTtl, redis.call('ZCARD', KEYS[1])}
`)

/**
 * Sliding 60-second windows in 1-second buckets. KEYS the windows; ARGV[1] now (ms), then per key its mode
 * (`try`, `add`, `total`), limit and weight. A bucket counts until a full 60 s have passed after its second,
 * so the window errs on the strict side by under a second. Returns 1/0 (counted) and the total, per key.
 */
const WINDOWS = script(`
local sec = math.floor(tonumber(ARGV[1]) / 1000)
local oldest = sec - 60
local out = {}
for k = 1, #KEYS do
  local total = 0
  local vals = redis.call('HGETALL', KEYS[k])
  for i = 1, #vals, 2 do
    if tonumber(vals[i]) < oldest then redis.call('HDEL', KEYS[k], vals[i]) else total = total + tonumber(vals[i + 1]) end
  end
  local mode, limit, weight = ARGV[3 * k - 1], tonumber(ARGV[3 * k]), tonumber(ARGV[3 * k + 1])
  local counted = 1
  if mode == 'try' and total + weight > limit then
    counted = 0
  elseif mode ~= 'total' then
    redis.call('HINCRBY', KEYS[k], string.format('%d', sec), weight)
    redis.call('PEXPIRE', KEYS[k], 62000)
    total = total + weight
  end
  out[#out + 1] = counted
  out[#out + 1] = total
end
return out
`)

/** KEYS[1] the cards hash, KEYS[2] their order; ARGV url, fingerprint, card JSON, max, now. Returns the pinned fingerprint and card JSON when they differ. */
const PIN_CARD = script(`
local before = redis.call('HGET', KEYS[1], 'f:' .. ARGV[1])
if not before then
  local max = tonumber(ARGV[4])
  if max < 1 then max = 1 end
  local n = redis.call('ZCARD', KEYS[2])
  while n >= max do
    local popped = redis.call('ZPOPMIN', KEYS[2])
    if #popped == 0 then break end
    redis.call('HDEL', KEYS[1], 'f:' .. popped[1], 'c:' .. popped[1])
    n = n - 1
  end
  redis.call('HSET', KEYS[1], 'f:' .. ARGV[1], ARGV[2], 'c:' .. ARGV[1], ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
  return false
end
if before == ARGV[2] then return false end
return {before, redis.call('HGET', KEYS[1], 'c:' .. ARGV[1])}
`)

/**
 * Every change of the flags stamps the hash's `#v` field with a version that only grows (the server's clock
 * in microseconds, or one more than the last): a replica reads the flags over one connection (a sync) and
 * hears changes over another (the channel), so an older state can arrive after a newer one; the version tells.
 */
const STAMP = `
local t = redis.call('TIME')
local v = tonumber(t[1]) * 1000000 + tonumber(t[2])
local old = tonumber(redis.call('HGET', KEYS[1], '#v') or '0')
if v <= old then v = old + 1 end
redis.call('HSET', KEYS[1], '#v', string.format('%.0f', v))
`

/** KEYS[1] the flags; ARGV channel, name, '1'/'0'. Sets one flag and publishes them all. */
const SET_FLAG = script(`
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
${STAMP}
local all = redis.call('HGETALL', KEYS[1])
redis.call('PUBLISH', ARGV[1], cjson.encode(all))
return all
`)

/** KEYS[1] the flags; ARGV[1] channel, then names. Writes the named flags as on where the store has no value (it lost them), publishing if so. */
const SEED_FLAGS = script(`
local seeded = 0
for i = 2, #ARGV do seeded = seeded + redis.call('HSETNX', KEYS[1], ARGV[i], '1') end
if seeded > 0 then
${STAMP}
end
local all = redis.call('HGETALL', KEYS[1])
if seeded > 0 then redis.call('PUBLISH', ARGV[1], cjson.encode(all)) end
return all
`)

const VERSION = "#v"
const flagsOf = (pairs: ReadonlyArray<unknown>): Flags => {
  const out: Record<string, boolean> = {}
  for (let i = 0; i + 1 < pairs.length; i += 2) if (String(pairs[i]) !== VERSION) out[String(pairs[i])] = String(pairs[i + 1]) === "1"
  return out
}
/** The flags' version (0 for a hash never stamped). */
const versionOf = (pairs: ReadonlyArray<unknown>): number => {
  for (let i = 0; i + 1 < pairs.length; i += 2) if (String(pairs[i]) === VERSION) return Number(pairs[i + 1]) || 0
  return 0
}

// ---------------------------------------------------------------------------------------------
// The store
// ---------------------------------------------------------------------------------------------

type Client = RedisClientType
type Operation = "pin_tools" | "record_call" | "end" | "size" | "window" | "pin_card" | "set_flag" | "watch_flags"

const errorText = (e: unknown): string => {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code
    return typeof code === "string" && !e.message.includes(code) ? `${code}: ${e.message}` : e.message
  }
  return String(e)
}

/** The store over the configuration in force (limits read at each operation) and a clock (tests move it). */
export const make = (env: Readonly<Record<string, string | undefined>>, now: () => number = Date.now) =>
  Effect.gen(function* () {
    const configStore = yield* ConfigStore
    const telemetry = yield* Telemetry
    const { count, observe, set } = yield* Metrics
    const first = yield* configStore.current
    let config = first
    const started = first.session_store
    const shown = redactUrl(started.redis_url)
    yield* configStore.changes.pipe(
      Stream.runForEach((c) => Effect.sync(() => {
        const s = c.session_store
        if (s.backend !== started.backend || s.redis_url !== started.redis_url || s.key_prefix !== started.key_prefix) {
          if (config.session_store.backend === s.backend && config.session_store.redis_url === s.redis_url && config.session_store.key_prefix === s.key_prefix) {
            // Same as the previous reload: already warned.
          } else telemetry.logUnsafe("warn", "session_store_restart_needed", { message: "session_store.backend, redis_url and key_prefix apply at the next start" })
        }
        config = c
      })),
      Effect.forkScoped
    )

    const prefix = started.key_prefix
    const password = env.PIPELOCK_REDIS_PASSWORD
    const secrets = [new URL(started.redis_url).password, password].filter((s): s is string => s !== undefined && s !== "")
    const timeoutMs = timeoutOf(env)
    const clean = (text: string) => secrets.reduce((t, s) => t.split(s).join("***").split(encodeURIComponent(s)).join("***"), text)
    const { createClient } = yield* Effect.promise(() => import("redis"))
    const options = {
      url: connectionUrl(started.redis_url, password),
      disableOfflineQueue: true,
      // A frozen Redis must not make commands pile up without bound: past this, they fail at once.
      commandsQueueMaxLength: 10_000,
      socket: { connectTimeout: 2000, reconnectStrategy: backoff }
    }
    const client = createClient(options) as unknown as Client
    const subscriber = client.duplicate() as Client

    // --- availability -----------------------------------------------------------------------
    let available = false
    let reason = "connecting"
    let downForTimeout = false
    set(metrics.sessionStoreAvailable, 0)
    const markDown = (why: string, timeout = false) => {
      reason = clean(why)
      downForTimeout = timeout
      if (!available) return
      available = false
      set(metrics.sessionStoreAvailable, 0)
      telemetry.logUnsafe("warn", "session_store_unavailable", { backend: "redis", url: shown, reason, policy: config.session_store.on_unavailable })
    }
    const markUp = () => {
      downForTimeout = false
      if (available) return
      available = true
      reason = ""
      set(metrics.sessionStoreAvailable, 1)
      telemetry.logUnsafe("info", "session_store_available", { backend: "redis", url: shown })
    }
    client.on("error", (e: unknown) => markDown(errorText(e)))
    client.on("ready", () => {
      markUp()
      onReady()
    })
    // The subscriber's own failures show through the main client (same server); only keep them from crashing the process.
    subscriber.on("error", () => {})
    subscriber.on("ready", () => onReady())

    const evalScript = async (s: Script, keys: ReadonlyArray<string>, args: ReadonlyArray<string>): Promise<unknown> => {
      try {
        return await client.sendCommand(["EVALSHA", s.sha, String(keys.length), ...keys, ...args])
      } catch (e) {
        // A restarted (or flushed) Redis has forgotten the script: send it whole once, which caches it again.
        if (e instanceof Error && e.message.startsWith("NOSCRIPT")) return await client.sendCommand(["EVAL", s.source, String(keys.length), ...keys, ...args])
        throw e
      }
    }

    /** One operation: refused at once while disconnected, given up after the timeout, timed and counted. */
    const attempt = <A>(operation: Operation, f: () => Promise<unknown>, decode: (reply: unknown) => A): Promise<A | StoreUnavailable> => {
      if (!client.isReady) {
        count(metrics.sessionStoreErrors, { operation, reason: "unavailable" })
        return Promise.resolve(new StoreUnavailable({ reason: available ? "disconnected" : reason }))
      }
      return new Promise((settle) => {
        const t0 = performance.now()
        let settled = false
        // When the timer fires, the answer may be waiting unread (this process was busy, not Redis): give the
        // event loop one pass over its sockets (setImmediate runs after it) before calling it a timeout.
        const timer = setTimeout(() => setImmediate(() => {
          if (settled) return
          settled = true
          count(metrics.sessionStoreErrors, { operation, reason: "timeout" })
          markDown(`no answer within ${timeoutMs} ms`, true)
          settle(new StoreUnavailable({ reason: `no answer within ${timeoutMs} ms` }))
        }), timeoutMs)
        f().then(
          (reply) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            observe(metrics.sessionStoreDuration, (performance.now() - t0) / 1000, { operation })
            if (downForTimeout) markUp()
            try {
              settle(decode(reply))
            } catch (e) {
              settle(new StoreUnavailable({ reason: `unexpected reply: ${errorText(e)}` }))
            }
          },
          (e: unknown) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            count(metrics.sessionStoreErrors, { operation, reason: "error" })
            settle(new StoreUnavailable({ reason: clean(errorText(e)) }))
          }
        )
      })
    }
    // Effect.promise resumes the fiber more cheaply than Effect.callback (measured: about 2 µs against 9).
    const run = <A>(operation: Operation, f: () => Promise<unknown>, decode: (reply: unknown) => A): Effect.Effect<A, StoreUnavailable> =>
      Effect.flatMap(Effect.promise(() => attempt(operation, f, decode)), (r) => (r instanceof StoreUnavailable ? Effect.fail(r) : Effect.succeed(r)))

    // --- sessions -----------------------------------------------------------------------------
    const sessionsKey = `${prefix}sessions`
    const sessionPrefix = `${prefix}s:`
    const historyPrefix = `${prefix}h:`
    const sessionKeys = (sessionKey: string) => [sessionPrefix + sessionKey, sessionsKey, historyPrefix + sessionKey]
    const limits = () => ({
      ttlMs: config.session_profiling.session_ttl_minutes * 60_000,
      maxSessions: config.session_profiling.max_sessions
    })
    const touchArgs = (sessionKey: string) => {
      const { ttlMs, maxSessions } = limits()
      return [String(now()), String(ttlMs), String(maxSessions), sessionPrefix, sessionKey]
    }
    const evicted = (reasonOf: EvictionReason, n: unknown) => {
      const k = Number(n)
      if (k > 0) count(metrics.sessionsEvicted, { reason: reasonOf }, k)
    }
    /** Reads the TOUCH results every session script starts with. */
    const touched = (r: ReadonlyArray<unknown>) => {
      evicted("ttl", r[0])
      evicted("capacity", r[1])
      set(metrics.mcpSessions, Number(r[2]))
    }

    const pinTools: Service["pinTools"] = (sessionKey, tools) => {
      const args = touchArgs(sessionKey)
      args.push(String(tools.length))
      for (const t of tools) args.push(t.name, t.fingerprint, JSON.stringify(t.definition) ?? "null")
      return run("pin_tools", () => evalScript(PIN_TOOLS, sessionKeys(sessionKey), args), (reply): PinOutcome => {
        const r = reply as ReadonlyArray<unknown>
        touched(r)
        const changed = r[5] as ReadonlyArray<string>
        const pairs: Array<{ name: string; pinned: unknown }> = []
        for (let i = 0; i + 1 < changed.length; i += 2) pairs.push({ name: changed[i], pinned: JSON.parse(changed[i + 1]) })
        return { pinned: Number(r[3]) === 1, added: (r[4] as ReadonlyArray<string>).map(String), changed: pairs }
      })
    }

    const INVENTORY = ["unpinned", "listed", "unlisted"] as const
    const recordCall: Service["recordCall"] = (sessionKey, call) => {
      const args = touchArgs(sessionKey)
      const c = call.chain
      args.push(call.tool, c === undefined ? "0" : "1")
      // Chain categories are names (detect/chain.ts); a line break, which would split the stored entry, becomes a space.
      if (c !== undefined) args.push(c.category.includes("\n") ? c.category.replaceAll("\n", " ") : c.category, String(Math.floor(c.at)), String(c.windowSize), String(c.windowSeconds))
      return run("record_call", () => evalScript(RECORD_CALL, sessionKeys(sessionKey), args), (reply): CallOutcome => {
        const r = reply as ReadonlyArray<unknown>
        touched(r)
        const history: ChainCall[] = []
        if (c !== undefined && r.length > 4) {
          // `category\ntime` per call, joined by `\n` (a category never holds a line break: see recordCall).
          const parts = String(r[4]).split("\n")
          for (let i = 0; i + 1 < parts.length; i += 2) {
            const at = Number(parts[i + 1])
            if (c.at - at <= c.windowSeconds * 1000) history.push({ category: parts[i], at })
          }
        }
        return { inventory: INVENTORY[Number(r[3])] ?? "unpinned", history }
      })
    }

    // --- windows, cards, flags -----------------------------------------------------------------
    const windows: Service["windows"] = (ops) => {
      const args = [String(now())]
      for (const op of ops) {
        args.push(op.mode, String(op.mode === "try" ? op.limit : 0), String(op.mode === "total" ? 0 : op.weight ?? 1))
      }
      return run("window", () => evalScript(WINDOWS, ops.map((op) => `${prefix}w:${op.key}`), args), (reply) => {
        const r = reply as ReadonlyArray<unknown>
        return ops.map((_, i): WindowResult => ({ counted: Number(r[2 * i]) === 1, total: Number(r[2 * i + 1]) }))
      })
    }
    const windowOp = (op: WindowOp) => Effect.map(windows([op]), (r) => r[0])

    const flagsKey = `${prefix}killswitch`
    const channel = `${prefix}killswitch`
    const watchers = new Set<{ onChange: (flags: Flags) => void; local: () => Flags }>()
    /** Flag writes the store has not taken yet (it was unreachable): written on reconnection, last value wins. */
    const pending = new Map<string, boolean>()
    /** The version of the flags last handed to the watchers: an older state arriving later is dropped. */
    let delivered = 0
    const deliver = (pairs: ReadonlyArray<unknown>) => {
      const version = versionOf(pairs)
      if (version < delivered) return
      delivered = version
      const flags = flagsOf(pairs)
      for (const w of [...watchers]) {
        try {
          w.onChange(flags)
        } catch {
          // One watcher failing must not stop the others.
        }
      }
    }
    const writeFlag = (name: string, on: boolean) =>
      run("set_flag", () => evalScript(SET_FLAG, [flagsKey], [channel, name, on ? "1" : "0"]), (reply) => flagsOf(reply as ReadonlyArray<unknown>))

    /** After (re)connecting: write pending flags, re-seed lost ones, and hand every watcher the fleet's flags. */
    let syncing = false
    // A sync asked for while one runs is run again after it: the running one may have read before a change.
    let again = false
    const onReady = () => {
      if (watchers.size === 0 || !client.isReady) return
      if (syncing) {
        again = true
        return
      }
      syncing = true
      again = false
      const sync = Effect.gen(function* () {
        for (const [name, on] of [...pending]) {
          yield* writeFlag(name, on)
          if (pending.get(name) === on) pending.delete(name)
        }
        const local: string[] = []
        for (const w of watchers) for (const [name, on] of Object.entries(w.local())) if (on && !local.includes(name)) local.push(name)
        const pairs = yield* run("watch_flags", () => evalScript(SEED_FLAGS, [flagsKey], [channel, ...local]), (reply) => reply as ReadonlyArray<unknown>)
        deliver(pairs)
      })
      void Effect.runPromise(sync.pipe(Effect.ignore, Effect.ensuring(Effect.sync(() => {
        syncing = false
        if (again) onReady()
      }))))
    }

    const service: Service = {
      pinTools,
      recordCall,
      end: (sessionKey) =>
        run("end", () => evalScript(END, sessionKeys(sessionKey), [sessionKey]), (reply) => {
          const r = reply as ReadonlyArray<unknown>
          evicted("ended", r[0])
          set(metrics.mcpSessions, Number(r[1]))
        }),
      size: Effect.suspend(() =>
        run("size", () => evalScript(SIZE, [sessionsKey], [String(now()), String(limits().ttlMs), sessionPrefix]), (reply) => {
          const r = reply as ReadonlyArray<unknown>
          evicted("ttl", r[0])
          set(metrics.mcpSessions, Number(r[1]))
          return Number(r[1])
        })),
      tryRecord: (key, limit, weight = 1) => Effect.map(windowOp({ key, mode: "try", limit, weight }), (r) => r.counted),
      record: (key, weight) => Effect.asVoid(windowOp({ key, mode: "add", weight })),
      total: (key) => Effect.map(windowOp({ key, mode: "total" }), (r) => r.total),
      windows,
      pinCard: (url, fingerprint, card, maxCards) =>
        run("pin_card", () => evalScript(PIN_CARD, [`${prefix}cards`, `${prefix}cards:order`], [url, fingerprint, JSON.stringify(card) ?? "null", String(maxCards), String(now())]),
          (reply) => {
            if (!Array.isArray(reply)) return undefined
            return { fingerprint: String(reply[0]), card: JSON.parse(String(reply[1])) as unknown }
          }),
      setFlag: (name, on) =>
        Effect.suspend(() => {
          pending.set(name, on)
          return writeFlag(name, on).pipe(
            Effect.tap(() => Effect.sync(() => {
              if (pending.get(name) === on) pending.delete(name)
            })),
            Effect.tapError((e) => Effect.sync(() => telemetry.logUnsafe("warn", "kill_switch_not_shared", { reason: e.reason, message: "applied on this replica; shared when the store is back" }))),
            Effect.ignore
          )
        }),
      watchFlags: (onChange, local) =>
        Effect.acquireRelease(
          Effect.sync(() => {
            const w = { onChange, local }
            watchers.add(w)
            onReady()
            return w
          }),
          (w) => Effect.sync(() => void watchers.delete(w))
        ).pipe(Effect.asVoid),
      health: Effect.sync((): Health => (available && client.isReady ? { backend: "redis", available: true } : { backend: "redis", available: false, reason: available ? "disconnected" : reason }))
    }

    // --- lifetime -------------------------------------------------------------------------------
    yield* Effect.acquireRelease(
      Effect.sync(() => {
        telemetry.logUnsafe("info", "session_store", { backend: "redis", url: shown, key_prefix: prefix, on_unavailable: first.session_store.on_unavailable })
        // Both connections retry in the background until Redis answers: startup never waits for (or fails on) Redis.
        client.connect().catch(() => {})
        subscriber.connect()
          .then(() => subscriber.subscribe(channel, (message: string) => {
            try {
              deliver(JSON.parse(message) as ReadonlyArray<unknown>)
            } catch {
              // A message that is not ours: ignore it.
            }
          }))
          // A flag published before the subscription took effect was missed on the channel: read the persisted state.
          .then(() => onReady())
          .catch(() => {})
      }),
      () => Effect.sync(() => {
        for (const c of [subscriber, client]) {
          try {
            c.destroy()
          } catch {
            // already closed
          }
        }
      })
    )
    return SessionStore.of(service)
  })

/** Shared state in Redis at `session_store.redis_url` (password from the URL or `env.PIPELOCK_REDIS_PASSWORD`). */
export const layer = (env: Readonly<Record<string, string | undefined>> = process.env, now?: () => number): Layer.Layer<SessionStore, never, ConfigStore | Telemetry> =>
  Layer.effect(SessionStore, make(env, now))
