/**
 * The JSON walker every JSON path shares (forward-proxy bodies, MCP both ways, A2A, WebSocket frames): it
 * reads the raw text with an iterative tokenizer and reports what a scanner must see and `JSON.parse` hides —
 * every key, every string at any depth, every number's raw text (a 19-digit card number loses digits as a
 * JS number), and every value of a key that appears twice in one object (the scanner judges them all; an
 * upstream may keep either). Hostile depth cannot overflow the stack: containers live on an explicit stack,
 * and a walk that passes a limit (depth, node count) stops with a problem the caller turns into a block.
 *
 * Why a tokenizer of our own: the parsers that expose tokens either recurse (jsonc-parser's `visit` and
 * momoa's `parse` overflow the stack at depth 100,000), accept invalid JSON (clarinet takes `[01]`, raw tabs
 * in strings, `[1e]`, concatenated documents), or cost too much per message (@streamparser/json: 17.6 µs for
 * a 487-byte MCP call and 65 MB/s, against about 1.2 µs and 500 MB/s here; DESIGN §6 gives a clean MCP
 * response 20 µs in all). The grammar is RFC 8259 exactly; escapes are decoded by `JSON.parse` on the string
 * token alone, so escape semantics (lone surrogates included) are the engine's own. Callers parse the value
 * with `JSON.parse` as well and treat a disagreement as invalid.
 *
 * Pure and synchronous.
 */

/** Where the walk stops. Passing either is a problem (blocked outside audit), never a skip. */
export interface JsonLimits {
  /** Nesting depth of objects and arrays (the root container is depth 1). */
  readonly maxDepth: number
  /** Keys and values (every string, number, literal, object and array counts one). */
  readonly maxNodes: number
}

/**
 * Deep enough for any JSON an API or tool legitimately sends (JSON Schemas nest a few dozen levels at most),
 * shallow enough that code further on that recurses (tool fingerprints, policy matching) is safe.
 */
export const defaultLimits: JsonLimits = { maxDepth: 128, maxNodes: 2_000_000 }

export const KEY = 0
export const STRING = 1
export const NUMBER = 2
export type TextKind = typeof KEY | typeof STRING | typeof NUMBER

/** An object or array in the document; texts point at the container they sit in. */
export interface Container {
  readonly parent: Container | undefined
  /** The key (object member) or index (array element) of this container in its parent; undefined at the root. */
  readonly member: string | number | undefined
  readonly array: boolean
}

/**
 * Every text of a JSON document, in document order, with where each one sits. Kept in flat arrays: a walk of
 * a large body allocates a few arrays, not an object per text.
 */
export interface JsonTexts {
  readonly ok: true
  /** Keys, decoded string values and the raw text of numbers. */
  readonly texts: string[]
  /** Per text: its kind (low two bits) and the id of its container plus one (the rest; 0 in a scalar document). */
  readonly meta: ReadonlyArray<number>
  /** Per text: its index when it is an array element, else -1. */
  readonly index: ReadonlyArray<number>
  /** Containers by id. */
  readonly containers: Container[]
  /** Indexes into `texts` of keys that repeat an earlier key of the same object. */
  readonly duplicateKeys: number[]
  /** For a root array: the [start, end) offset of each element in the text (the raw member of a batch). */
  readonly elements: Array<readonly [number, number]>
  readonly root: "object" | "array" | "scalar"
}

export type JsonProblem = "syntax" | "depth" | "nodes"

export interface JsonFailure {
  readonly ok: false
  readonly problem: JsonProblem
  readonly message: string
  /** Offset in the text where the walk stopped (-1 for a value walk). */
  readonly offset: number
}

export type JsonWalk = JsonTexts | JsonFailure

export const kindOf = (w: JsonTexts, i: number): TextKind => (w.meta[i] & 3) as TextKind
export const containerOf = (w: JsonTexts, i: number): Container | undefined => {
  const id = w.meta[i] >> 2
  return id === 0 ? undefined : w.containers[id - 1]
}
/** The key (for a key, the key itself; for an object member, its key) or array index of text `i`. */
export const memberOf = (w: JsonTexts, i: number): string | number | undefined => {
  if (kindOf(w, i) === KEY) return w.texts[i]
  if (w.index[i] >= 0) return w.index[i]
  const c = containerOf(w, i)
  // A scalar member of an object comes right after its key.
  return c === undefined ? undefined : w.texts[i - 1]
}

/** Flat storage for a walk. */
class Store {
  readonly texts: string[] = []
  readonly meta: number[] = []
  readonly index: number[] = []
  readonly containers: Container[] = []
  get n(): number {
    return this.texts.length
  }
  add(text: string, kind: TextKind, containerId: number, index: number) {
    this.texts.push(text)
    this.meta.push(kind | (containerId << 2))
    this.index.push(index)
  }
  finish(duplicateKeys: number[], elements: Array<readonly [number, number]>, root: JsonTexts["root"]): JsonTexts {
    return { ok: true, texts: this.texts, meta: this.meta, index: this.index, containers: this.containers, duplicateKeys, elements, root }
  }
}

const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y

class WalkError extends Error {
  readonly problem: JsonProblem
  readonly offset: number
  constructor(problem: JsonProblem, message: string, offset: number) {
    super(message)
    this.problem = problem
    this.offset = offset
  }
}

/** Keys of open objects with fewer than this many keys are compared one by one; larger objects get a Set. */
const LINEAR_KEYS = 16

/** The tokenizer's state: fields on one object (closures over a mutable offset are slow in V8). */
class Tokenizer {
  readonly text: string
  readonly len: number
  readonly limits: JsonLimits
  readonly store: Store
  i = 0
  nodes = 0
  readonly duplicateKeys: number[] = []
  /** Open containers: ids (1-based), whether each is an array, its element count, where its keys start in `keys`. */
  readonly ids: number[] = []
  readonly arrays: boolean[] = []
  readonly counts: number[] = []
  readonly keyStart: number[] = []
  readonly keySets: Array<Set<string> | undefined> = []
  /** The keys of every open object, stacked. */
  readonly keys: string[] = []

  constructor(text: string, limits: JsonLimits) {
    this.text = text
    this.len = text.length
    this.limits = limits
    this.store = new Store()
  }

  fail(problem: JsonProblem, message: string): never {
    throw new WalkError(problem, message, this.i)
  }

  skipWs() {
    const text = this.text
    let i = this.i
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
      else break
    }
    this.i = i
  }

  node() {
    if (++this.nodes > this.limits.maxNodes) this.fail("nodes", `more than ${this.limits.maxNodes} keys and values`)
  }

  /** Reads the string token at `i` (a quote) and returns its decoded value. */
  readString(): string {
    const text = this.text
    const len = this.len
    const start = this.i
    let escaped = false
    let k = start + 1
    for (;;) {
      if (k >= len) {
        this.i = k
        this.fail("syntax", "unterminated string")
      }
      const c = text.charCodeAt(k)
      if (c === 0x22) break
      if (c === 0x5c) {
        escaped = true
        k += 2
        continue
      }
      if (c < 0x20) {
        this.i = k
        this.fail("syntax", "control character in a string")
      }
      k++
    }
    this.i = k + 1
    if (!escaped) return text.slice(start + 1, k)
    try {
      return JSON.parse(text.slice(start, k + 1)) as string
    } catch {
      this.i = start
      return this.fail("syntax", "invalid escape in a string")
    }
  }

  /** Reads `"key" :` in the object on top of the stack; returns the key. */
  readKey(): string {
    if (this.text.charCodeAt(this.i) !== 0x22) this.fail("syntax", "expected a string key")
    const key = this.readString()
    this.node()
    const top = this.ids.length - 1
    const from = this.keyStart[top]
    const count = this.keys.length - from
    let set = this.keySets[top]
    let duplicate = false
    if (set !== undefined) {
      duplicate = set.has(key)
      set.add(key)
    } else {
      for (let k = from; k < this.keys.length; k++) {
        if (this.keys[k] === key) {
          duplicate = true
          break
        }
      }
      if (count + 1 >= LINEAR_KEYS) {
        set = new Set(this.keys.slice(from))
        set.add(key)
        this.keySets[top] = set
      }
    }
    if (duplicate) this.duplicateKeys.push(this.store.n)
    else if (set === undefined) this.keys.push(key)
    this.store.add(key, KEY, this.ids[top], -1)
    this.skipWs()
    if (this.text.charCodeAt(this.i) !== 0x3a) this.fail("syntax", "expected ':' after a key")
    this.i++
    this.skipWs()
    return key
  }

  open(array: boolean, member: string | number | undefined) {
    this.node()
    if (this.ids.length + 1 > this.limits.maxDepth) this.fail("depth", `nested deeper than ${this.limits.maxDepth} levels`)
    const parent = this.ids.length === 0 ? undefined : this.store.containers[this.ids[this.ids.length - 1] - 1]
    this.store.containers.push({ parent, member, array })
    this.ids.push(this.store.containers.length)
    this.arrays.push(array)
    this.counts.push(0)
    this.keyStart.push(this.keys.length)
    this.keySets.push(undefined)
  }

  close() {
    this.ids.pop()
    this.arrays.pop()
    this.counts.pop()
    this.keys.length = this.keyStart.pop()!
    this.keySets.pop()
  }

  run(): JsonTexts {
    const text = this.text
    const store = this.store
    const elements: Array<readonly [number, number]> = []
    let elementStart = -1
    let member: string | number | undefined
    this.skipWs()
    for (;;) {
      // Read one value at `i`; `member` says where it sits in the open container.
      const depth = this.ids.length
      const inArray = depth > 0 && this.arrays[depth - 1]
      if (depth === 1 && inArray) elementStart = this.i
      const id = depth === 0 ? 0 : this.ids[depth - 1]
      const index = inArray ? (member as number) : -1
      const c = text.charCodeAt(this.i)
      if (c === 0x22) {
        this.node()
        store.add(this.readString(), STRING, id, index)
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        NUMBER_RE.lastIndex = this.i
        const m = NUMBER_RE.exec(text)
        if (m === null) this.fail("syntax", "invalid number")
        this.node()
        store.add(m[0], NUMBER, id, index)
        this.i = NUMBER_RE.lastIndex
      } else if (c === 0x7b || c === 0x5b) {
        const array = c === 0x5b
        this.open(array, member)
        this.i++
        this.skipWs()
        if (text.charCodeAt(this.i) === (array ? 0x5d : 0x7d)) {
          this.i++
          this.close()
        } else {
          member = array ? 0 : this.readKey()
          continue
        }
      } else if (c === 0x74 && text.startsWith("true", this.i)) {
        this.node()
        this.i += 4
      } else if (c === 0x66 && text.startsWith("false", this.i)) {
        this.node()
        this.i += 5
      } else if (c === 0x6e && text.startsWith("null", this.i)) {
        this.node()
        this.i += 4
      } else {
        this.fail("syntax", this.i >= this.len ? "unexpected end of input" : "unexpected character")
      }
      // After a value: a comma, the end of the open container, or the end of the document.
      for (;;) {
        const open = this.ids.length
        if (open === 1 && this.arrays[0] && elementStart >= 0) {
          elements.push([elementStart, this.i])
          elementStart = -1
        }
        this.skipWs()
        if (open === 0) {
          if (this.i < this.len) this.fail("syntax", "text after the JSON value")
          return store.finish(this.duplicateKeys, elements, rootOf(text))
        }
        const array = this.arrays[open - 1]
        const ch = text.charCodeAt(this.i)
        if (ch === 0x2c) {
          this.i++
          this.skipWs()
          member = array ? ++this.counts[open - 1] : this.readKey()
          break
        }
        if (ch === (array ? 0x5d : 0x7d)) {
          this.i++
          this.close()
          continue
        }
        this.fail("syntax", this.i >= this.len ? "unexpected end of input" : `expected ',' or '${array ? "]" : "}"}'`)
      }
    }
  }
}

/**
 * Walks raw JSON text. Returns every text, or the problem that stopped the walk: `syntax` (not RFC 8259
 * JSON), `depth` or `nodes` (a limit passed).
 */
export const walkJson = (text: string, limits: JsonLimits = defaultLimits): JsonWalk => {
  const t = new Tokenizer(text, limits)
  try {
    return t.run()
  } catch (e) {
    if (e instanceof WalkError) return { ok: false, problem: e.problem, message: e.message, offset: e.offset }
    throw e
  }
}

const rootOf = (text: string): JsonTexts["root"] => {
  let i = 0
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d || text.charCodeAt(i) === 0x09)) i++
  const c = text.charCodeAt(i)
  return c === 0x7b ? "object" : c === 0x5b ? "array" : "scalar"
}

/** Stands for "record the key `member` here" on walkValue's work stack. */
const KEY_MARK: unknown = Symbol("key")

/**
 * Walks a value that is already parsed (a message the stdio wrapper re-serialises): the same texts, keys
 * included, with numbers as JavaScript prints them. Iterative, with the same limits.
 */
export const walkValue = (value: unknown, limits: JsonLimits = defaultLimits): JsonWalk => {
  const store = new Store()
  let nodes = 0
  const tooMany = (): JsonFailure => ({ ok: false, problem: "nodes", message: `more than ${limits.maxNodes} keys and values`, offset: -1 })
  // Work stack of (value, container id, member, depth), flattened into parallel arrays.
  const values: unknown[] = [value]
  const parents: number[] = [0]
  const memberStack: Array<string | number | undefined> = [undefined]
  const depths: number[] = [0]
  while (values.length > 0) {
    const v = values.pop()
    const parent = parents.pop()!
    const member = memberStack.pop()
    const depth = depths.pop()!
    if (++nodes > limits.maxNodes) return tooMany()
    if (v === KEY_MARK) {
      store.add(member as string, KEY, parent, -1)
      continue
    }
    const parentIsArray = parent > 0 && store.containers[parent - 1].array
    if (typeof v === "string" || typeof v === "number" || typeof v === "bigint") {
      store.add(String(v), typeof v === "string" ? STRING : NUMBER, parent, parentIsArray ? (member as number) : -1)
      continue
    }
    if (typeof v !== "object" || v === null) continue
    if (depth + 1 > limits.maxDepth) return { ok: false, problem: "depth", message: `nested deeper than ${limits.maxDepth} levels`, offset: -1 }
    const array = Array.isArray(v)
    store.containers.push({ parent: parent === 0 ? undefined : store.containers[parent - 1], member, array })
    const id = store.containers.length
    // Children are pushed in reverse so they come off the stack in document order, each key right before
    // its value (as in the raw text).
    if (array) {
      for (let k = v.length - 1; k >= 0; k--) {
        values.push(v[k])
        parents.push(id)
        memberStack.push(k)
        depths.push(depth + 1)
      }
    } else {
      const keys = Object.keys(v)
      for (let k = keys.length - 1; k >= 0; k--) {
        values.push((v as Record<string, unknown>)[keys[k]])
        parents.push(id)
        memberStack.push(keys[k])
        depths.push(depth + 1)
        // A key marker: recorded when it comes off the stack, right before its value.
        values.push(KEY_MARK)
        parents.push(id)
        memberStack.push(keys[k])
        depths.push(depth + 1)
      }
    }
  }
  return store.finish([], [], Array.isArray(value) ? "array" : typeof value === "object" && value !== null ? "object" : "scalar")
}

/** The path of a container below `base` (`params.arguments.list[2]`). */
export const pathOf = (container: Container | undefined, base: string): string => {
  const segments: string[] = []
  for (let c = container; c !== undefined && c.member !== undefined; c = c.parent) {
    segments.push(typeof c.member === "number" ? `[${c.member}]` : `.${c.member}`)
  }
  let out = base
  for (let k = segments.length - 1; k >= 0; k--) out += segments[k]
  return base === "" && out.startsWith(".") ? out.slice(1) : out
}

/** Where text `i` sits: `base.a.b[2]` for a value, `base.a.b.key(key)` for a key. */
export const locationOf = (w: JsonTexts, i: number, base: string): string => {
  const path = pathOf(containerOf(w, i), base)
  const m = memberOf(w, i)
  const dot = path === "" ? "" : "."
  if (kindOf(w, i) === KEY) return `${path}${dot}${String(m)}(key)`
  return m === undefined ? path : typeof m === "number" ? `${path}[${m}]` : `${path}${dot}${m}`
}

/**
 * The indexes of the texts at or below `prefix` (members from the root: `["params", "arguments"]`), keys
 * included. One pass; containers are judged once each.
 */
export const textsUnder = (w: JsonTexts, prefix: ReadonlyArray<string | number>): number[] => {
  const out: number[] = []
  if (prefix.length === 0) {
    for (let i = 0; i < w.texts.length; i++) out.push(i)
    return out
  }
  const depthOf = new Map<Container, number>()
  const under = new Map<Container, boolean>()
  const depth = (c: Container | undefined): number => {
    if (c === undefined || c.member === undefined) return 0
    let d = depthOf.get(c)
    if (d === undefined) {
      d = depth(c.parent) + 1
      depthOf.set(c, d)
    }
    return d
  }
  // Whether a container sits at or below the prefix: its chain of members from the root starts with it.
  const isUnderPrefix = (c: Container | undefined): boolean => {
    if (c === undefined || c.member === undefined) return false
    let u = under.get(c)
    if (u !== undefined) return u
    const d = depth(c)
    if (d > prefix.length) u = isUnderPrefix(c.parent)
    else if (d === prefix.length) {
      u = true
      let x: Container | undefined = c
      for (let k = prefix.length - 1; k >= 0 && x !== undefined; k--, x = x.parent) if (x.member !== prefix[k]) u = false
    } else u = false
    under.set(c, u)
    return u
  }
  // A text one level above a container at the prefix's depth: itself the last member of the prefix.
  const parentPrefix = prefix.slice(0, -1)
  const last = prefix[prefix.length - 1]
  for (let i = 0; i < w.texts.length; i++) {
    const c = containerOf(w, i)
    if (isUnderPrefix(c)) out.push(i)
    else if (depth(c) === parentPrefix.length && memberOf(w, i) === last && kindOf(w, i) !== KEY) {
      // A scalar at the prefix itself (`params.arguments` is a string).
      let match = true
      let x: Container | undefined = c
      for (let k = parentPrefix.length - 1; k >= 0 && x !== undefined; k--, x = x.parent) if (x.member !== parentPrefix[k]) match = false
      if (match) out.push(i)
    }
  }
  return out
}

/** The members from the root to text `i` (for a key, the key last): `["params", "arguments", "cmd"]`. */
export const membersOf = (w: JsonTexts, i: number): Array<string | number> => {
  const chain: Array<string | number> = []
  const own = memberOf(w, i)
  if (own !== undefined) chain.push(own)
  for (let c = containerOf(w, i); c !== undefined && c.member !== undefined; c = c.parent) chain.push(c.member)
  return chain.reverse()
}

/** Whether text `i` sits at or below `prefix` (members from the root: `["params", "arguments"]`). */
export const isUnder = (w: JsonTexts, i: number, prefix: ReadonlyArray<string | number>): boolean => {
  const chain = membersOf(w, i)
  if (chain.length < prefix.length) return false
  for (let k = 0; k < prefix.length; k++) if (chain[k] !== prefix[k]) return false
  return true
}

// ---------------------------------------------------------------------------------------------
// DLP content
// ---------------------------------------------------------------------------------------------

/**
 * Keys whose string value is a secret by name (`privateKey`, `client_secret`, `api_key`, `mnemonic`…): the
 * value is also scanned as `key: value`, so a bare 64-hex private key or an opaque API key under such a key
 * is found by the assignment patterns (a value alone carries no context). Passwords are left out: a login
 * form sends one to the site it belongs to.
 */
const SECRET_KEY_NAME = /^(?:private[_-]?key|secret[_-]?key|client[_-]?secret|api[_-]?secret|signing[_-]?key|encryption[_-]?key|master[_-]?key|mnemonic|seed[_-]?phrase|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|secret)$/i

/** A text handed to DLP; its location is worked out only when asked (building paths costs more than scanning). */
export class Part {
  readonly value: string
  readonly #walk: JsonTexts
  readonly #index: number
  readonly #base: string
  constructor(walk: JsonTexts, index: number, base: string, value: string) {
    this.#walk = walk
    this.#index = index
    this.#base = base
    this.value = value
  }
  get location(): string {
    return locationOf(this.#walk, this.#index, this.#base)
  }
  /** The index of the text in the walk. */
  get index(): number {
    return this.#index
  }
}

/**
 * The DLP content of a walked document: every string value and number first (in order, so a secret split
 * across neighbouring values is glued back), then every key, then `key: value` for values under secret-named
 * keys and the service-account marker (`"type": "service_account"`, JSON syntax kept).
 */
export const dlpParts = (w: JsonTexts, base: string): Part[] => {
  const values: Part[] = []
  const keys: Part[] = []
  const extra: Part[] = []
  for (let i = 0; i < w.texts.length; i++) {
    const t = w.texts[i]
    const kind = kindOf(w, i)
    if (kind === KEY) {
      keys.push(new Part(w, i, base, t))
      continue
    }
    values.push(new Part(w, i, base, t))
    if (kind === STRING && t.length >= 8 && w.index[i] < 0 && (w.meta[i] >> 2) !== 0) {
      const m = w.texts[i - 1]
      if (SECRET_KEY_NAME.test(m)) extra.push(new Part(w, i, base, `${m}: ${t}`))
      if (m === "type" && t === "service_account") extra.push(new Part(w, i, base, '"type": "service_account"'))
    }
  }
  return values.concat(keys, extra)
}

/** The DLP content of a parsed value (`{location, value}` parts, for callers without the raw text). */
export const jsonParts = (value: unknown, base: string, limits: JsonLimits = defaultLimits): Array<{ location: string; value: string }> => {
  const w = walkValue(value, limits)
  if (!w.ok) throw new Error(`JSON value not walked: ${w.message}`)
  return dlpParts(w, base).map((p) => ({ location: p.location, value: p.value }))
}
