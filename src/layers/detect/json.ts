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
import { getHeapStatistics } from "node:v8"
import { CREDENTIAL_KEY_WORDS } from "./dlpPatterns.ts"
import { RE2 } from "./re2.ts"

/** Where the walk stops. Passing either is a problem (blocked outside audit), never a skip. */
export interface JsonLimits {
  /** Nesting depth of objects and arrays (the root container is depth 1). */
  readonly maxDepth: number
  /** Keys and values (every string, number, literal, object and array counts one). */
  readonly maxNodes: number
  /**
   * What the walk may hold in memory, in units of one scalar (an object or array costs `CONTAINER_COST` units:
   * its record of where it sits is the largest thing a walk keeps per node). Unset: no bound but `maxNodes`.
   */
  readonly maxCost?: number
}

/** What an object or array costs against `maxCost`, in scalars: ≈ 120 bytes of walk against ≈ 30 for a number. */
export const CONTAINER_COST = 4
/** Heap bytes one unit of `maxCost` stands for, with what the scans that follow the walk build from it. */
const UNIT_BYTES = 32
/** The share of V8's heap limit one walk may fill. */
const WALK_SHARE = 0.35

/**
 * The walk's memory bound for this process: a share of V8's heap limit (`--max-old-space-size`, which the image
 * sets from PIPELOCK_MAX_HEAP_MB). A JSON body of many small values costs the walk 10–30× its own size (every key
 * and value kept with where it sits, the parsed value beside it): with a 48 MB heap, 0.8 MB of `[1,1,…]` or
 * 0.3 MB of `[{},{},…]` would exhaust the heap and abort the process. Past this bound the walk stops with the
 * `nodes` problem, which blocks like any walker limit (fail closed); a larger heap raises it. With a 48 MB old
 * generation (and `--max-semi-space-size=2`) it is ≈ 620,000 numbers or ≈ 155,000 objects; with Node's default
 * heap, `maxNodes` (2,000,000) binds first.
 */
export const heapCost = (heapLimit = getHeapStatistics().heap_size_limit): number =>
  Math.max(50_000, Math.floor((heapLimit * WALK_SHARE) / UNIT_BYTES))

/**
 * Deep enough for any JSON an API or tool legitimately sends (JSON Schemas nest a few dozen levels at most),
 * shallow enough that code further on that recurses (tool fingerprints, policy matching) is safe.
 */
export const defaultLimits: JsonLimits = { maxDepth: 128, maxNodes: 2_000_000, maxCost: heapCost() }

const tooLarge = (limits: JsonLimits): string =>
  `more keys and values than this process's heap can walk (${limits.maxCost} scalars, an object or array counting ${CONTAINER_COST}; raise PIPELOCK_MAX_HEAP_MB)`

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
  /** 1-based id (containers are numbered in document order, so a parent's id is below its children's). */
  readonly id: number
  /** The parent's id, 0 at the root. */
  readonly parentId: number
  /** How many members lead to it from the root (the root container is 0). */
  readonly depth: number
}

/**
 * Every text of a JSON document, in document order, with where each one sits. Kept in flat arrays: a walk of
 * a large body allocates a few arrays, not an object per text.
 */
export interface JsonTexts {
  readonly ok: true
  /** Keys, decoded string values and the raw text of numbers. */
  readonly texts: string[]
  /**
   * Per text, in blocks of 16,384: its kind (low two bits) and the id of its container plus one (the rest; 0 in
   * a scalar document). Read with `kindOf` / `containerOf`.
   */
  readonly meta: ReadonlyArray<Int32Array>
  /** Per text, in blocks: its index when it is an array element, else -1. Read with `indexOf`. */
  readonly index: ReadonlyArray<Int32Array>
  /** Containers by id. */
  readonly containers: Container[]
  /** Indexes into `texts` of keys that repeat an earlier key of the same object. */
  readonly duplicateKeys: number[]
  /**
   * For a root array: the [start, end) offsets of each element in the text (the raw member of a batch), flat
   * (start, end, start, end…: two small integers per element, not an array each, which cost ≈ 36 bytes an
   * element on a large array of numbers). Read with `elementTexts`.
   */
  readonly elements: ReadonlyArray<number>
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

const BLOCK_BITS = 14
const BLOCK = 1 << BLOCK_BITS
const metaOf = (w: JsonTexts, i: number): number => w.meta[i >> BLOCK_BITS][i & (BLOCK - 1)]
/** The raw text of each element of a root array (the members of a batch), from the walk of `text`. */
export const elementTexts = (w: JsonTexts, text: string): string[] => {
  const out: string[] = []
  for (let k = 0; k + 1 < w.elements.length; k += 2) out.push(text.slice(w.elements[k], w.elements[k + 1]))
  return out
}

export const kindOf = (w: JsonTexts, i: number): TextKind => (metaOf(w, i) & 3) as TextKind
/** The id of the container of text `i` (1-based; 0 in a scalar document). */
export const containerIdOf = (w: JsonTexts, i: number): number => metaOf(w, i) >> 2
export const containerOf = (w: JsonTexts, i: number): Container | undefined => {
  const id = containerIdOf(w, i)
  return id === 0 ? undefined : w.containers[id - 1]
}
/** The index of text `i` in its array, or -1 when it is not an array element. */
export const indexOf = (w: JsonTexts, i: number): number => w.index[i >> BLOCK_BITS][i & (BLOCK - 1)]
/** The key (for a key, the key itself; for an object member, its key) or array index of text `i`. */
export const memberOf = (w: JsonTexts, i: number): string | number | undefined => {
  if (kindOf(w, i) === KEY) return w.texts[i]
  const index = indexOf(w, i)
  if (index >= 0) return index
  const c = containerOf(w, i)
  // A scalar member of an object comes right after its key.
  return c === undefined ? undefined : w.texts[i - 1]
}

/**
 * Flat storage for a walk: the texts in one array, kinds/containers/indexes in typed blocks (a large document
 * grows by whole blocks, never by copying what it has; a small one allocates one small block).
 */
class Store {
  readonly texts: string[] = []
  readonly meta: Int32Array[] = []
  readonly index: Int32Array[] = []
  readonly containers: Container[] = []
  #block = -1
  #size = 0
  get n(): number {
    return this.texts.length
  }
  add(text: string, kind: TextKind, containerId: number, index: number) {
    const n = this.texts.length
    const b = n >> BLOCK_BITS
    const at = n & (BLOCK - 1)
    if (b !== this.#block || at >= this.#size) this.grow(b, at)
    this.texts.push(text)
    this.meta[b][at] = kind | (containerId << 2)
    this.index[b][at] = index
  }
  private grow(b: number, at: number) {
    if (b === this.#block) {
      // The first block starts small and doubles up to the block size.
      const size = Math.min(BLOCK, this.#size * 2)
      const meta = new Int32Array(size)
      meta.set(this.meta[b])
      const index = new Int32Array(size)
      index.set(this.index[b])
      this.meta[b] = meta
      this.index[b] = index
      this.#size = size
      return
    }
    const size = b === 0 ? 64 : BLOCK
    this.meta.push(new Int32Array(size))
    this.index.push(new Int32Array(size))
    this.#block = b
    this.#size = size
    if (at >= size) this.grow(b, at)
  }
  finish(duplicateKeys: number[], elements: ReadonlyArray<number>, root: JsonTexts["root"]): JsonTexts {
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

/**
 * The long strings (values of `KNOWN_MIN` characters or more) of a document that `JSON.parse` has already
 * decoded, by length. A walk given them returns those very strings for the string tokens that decode to them
 * (checked escape by escape) instead of decoding each again: a message of a few MB then holds its long strings
 * once on the heap (the parsed value's), not twice. Which string object holds the characters makes no
 * difference to what is scanned: the text is the same.
 */
export type KnownStrings = ReadonlyMap<number, ReadonlyArray<string>>

/** Strings shorter than this are decoded as usual (a copy of a short string costs nothing worth avoiding). */
export const KNOWN_MIN = 4096

/** How many candidates of the right length one string token is compared with before it is decoded as usual. */
const KNOWN_TRIES = 4

/** The long strings of a parsed value in document order (iteratively: any depth), for `walkJson`'s `known`. */
export const knownStrings = (value: unknown): KnownStrings => {
  const out = new Map<number, string[]>()
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === "string") {
      if (v.length < KNOWN_MIN) continue
      const list = out.get(v.length)
      if (list === undefined) out.set(v.length, [v])
      else list.push(v)
    } else if (typeof v === "object" && v !== null) {
      // Children pushed last first, so they come off the stack in order.
      const children = Array.isArray(v) ? v : Object.values(v)
      for (let k = children.length - 1; k >= 0; k--) {
        const x: unknown = children[k]
        if (typeof x === "object" || typeof x === "string") stack.push(x)
      }
    }
  }
  return out
}

const hexOf = (c: number): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  const l = c | 0x20
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1
}

/** The decoded length of the string token's characters `text[a, b)` (an escape counts one; its validity is not judged here). */
const decodedLength = (text: string, a: number, b: number): number => {
  let n = 0
  for (let i = a; i < b; n++) i += text.charCodeAt(i) !== 0x5c ? 1 : text.charCodeAt(i + 1) === 0x75 ? 6 : 2
  return n
}

/**
 * Whether the string token's characters `text[a, b)` decode (RFC 8259 escapes, as `JSON.parse` decodes them: a
 * `\uXXXX` is one UTF-16 code unit, a lone surrogate included) to exactly `s`. An invalid escape answers false
 * (the caller then decodes the token with `JSON.parse`, which reports it).
 */
const decodesTo = (text: string, a: number, b: number, s: string): boolean => {
  let j = 0
  for (let i = a; i < b;) {
    let c = text.charCodeAt(i)
    if (c === 0x5c) {
      switch (text.charCodeAt(i + 1)) {
        case 0x22: c = 0x22; break
        case 0x5c: c = 0x5c; break
        case 0x2f: c = 0x2f; break
        case 0x62: c = 0x08; break
        case 0x66: c = 0x0c; break
        case 0x6e: c = 0x0a; break
        case 0x72: c = 0x0d; break
        case 0x74: c = 0x09; break
        case 0x75: {
          if (i + 6 > b) return false
          c = 0
          for (let h = 2; h < 6; h++) {
            const d = hexOf(text.charCodeAt(i + h))
            if (d < 0) return false
            c = c * 16 + d
          }
          i += 4
          break
        }
        default:
          return false
      }
      i += 2
    } else i++
    if (j >= s.length || s.charCodeAt(j) !== c) return false
    j++
  }
  return j === s.length
}

/** The tokenizer's state: fields on one object (closures over a mutable offset are slow in V8). */
class Tokenizer {
  readonly text: string
  readonly len: number
  readonly limits: JsonLimits
  readonly store: Store
  i = 0
  nodes = 0
  /** Units spent against `limits.maxCost` (see `JsonLimits`). */
  cost = 0
  readonly maxCost: number
  readonly duplicateKeys: number[] = []
  /** Open containers: ids (1-based), whether each is an array, its element count, where its keys start in `keys`. */
  readonly ids: number[] = []
  readonly arrays: boolean[] = []
  readonly counts: number[] = []
  readonly keyStart: number[] = []
  readonly keySets: Array<Set<string> | undefined> = []
  /** The keys of every open object, stacked. */
  readonly keys: string[] = []

  /** Long strings of the same document already decoded (JSON.parse's), by length: see `KnownStrings`. */
  readonly known: KnownStrings | undefined
  /** Per length, the first candidate of `known` not yet matched in order. */
  readonly knownNext = new Map<number, number>()

  constructor(text: string, limits: JsonLimits, known?: KnownStrings) {
    this.text = text
    this.len = text.length
    this.limits = limits
    this.maxCost = limits.maxCost ?? Infinity
    this.store = new Store()
    this.known = known
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
    if (++this.cost > this.maxCost) this.fail("nodes", tooLarge(this.limits))
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
    if (this.known !== undefined && k - start - 1 >= KNOWN_MIN) {
      // A long string with escapes: the document's parsed value holds it decoded already; that very string is
      // the text (compared escape by escape, no copy), not a second decoded copy.
      const length = decodedLength(text, start + 1, k)
      const same = this.known.get(length)
      if (same !== undefined) {
        // Tokens meet their strings in document order: the next unused candidate first, a few more at most.
        const from = this.knownNext.get(length) ?? 0
        for (let c = from; c < same.length && c < from + KNOWN_TRIES; c++) {
          if (!decodesTo(text, start + 1, k, same[c])) continue
          if (c === from) this.knownNext.set(length, from + 1)
          return same[c]
        }
      }
    }
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
    this.cost += CONTAINER_COST - 1
    this.node()
    if (this.ids.length + 1 > this.limits.maxDepth) this.fail("depth", `nested deeper than ${this.limits.maxDepth} levels`)
    const parent = this.ids.length === 0 ? undefined : this.store.containers[this.ids[this.ids.length - 1] - 1]
    const containers = this.store.containers
    containers.push({ parent, member, array, id: containers.length + 1, parentId: parent?.id ?? 0, depth: this.ids.length })
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

  readonly elements: number[] = []
  elementStart = -1
  member: string | number | undefined = undefined
  started = false

  /**
   * Reads values until the end of the document, or until the offset passes `stopAt` (then it returns
   * undefined and the next call goes on where this one stopped: a large body is walked in slices).
   */
  run(stopAt = Infinity): JsonTexts | undefined {
    const text = this.text
    const store = this.store
    const elements = this.elements
    let elementStart = this.elementStart
    let member = this.member
    if (!this.started) {
      this.started = true
      this.skipWs()
    }
    for (;;) {
      if (this.i >= stopAt) {
        this.elementStart = elementStart
        this.member = member
        return undefined
      }
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
          elements.push(elementStart, this.i)
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
export const walkJson = (text: string, limits: JsonLimits = defaultLimits, known?: KnownStrings): JsonWalk => {
  const t = new Tokenizer(text, limits, known)
  try {
    return t.run()!
  } catch (e) {
    if (e instanceof WalkError) return { ok: false, problem: e.problem, message: e.message, offset: e.offset }
    throw e
  }
}

/**
 * The same walk in slices of about `slice` characters: `next()` returns the result once done, undefined while
 * there is more (the caller lets the event loop run between slices).
 */
export const walkJsonInSlices = (text: string, slice: number, limits: JsonLimits = defaultLimits, known?: KnownStrings): { next: () => JsonWalk | undefined } => {
  const t = new Tokenizer(text, limits, known)
  let done: JsonWalk | undefined
  return {
    next: () => {
      if (done !== undefined) return done
      try {
        const r = t.run(t.i + slice)
        if (r !== undefined) done = r
      } catch (e) {
        if (!(e instanceof WalkError)) throw e
        done = { ok: false, problem: e.problem, message: e.message, offset: e.offset }
      }
      return done
    }
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
  let cost = 0
  const maxCost = limits.maxCost ?? Infinity
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
    if (++cost > maxCost) return { ok: false, problem: "nodes", message: tooLarge(limits), offset: -1 }
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
    cost += CONTAINER_COST - 1
    store.containers.push({ parent: parent === 0 ? undefined : store.containers[parent - 1], member, array, id: store.containers.length + 1, parentId: parent, depth })
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
  // Whether each container is at or below the prefix, by id (a parent's id is always below its children's).
  const matches = (c: Container | undefined, members: ReadonlyArray<string | number>): boolean => {
    let x = c
    for (let k = members.length - 1; k >= 0; k--, x = x.parent) if (x === undefined || x.member !== members[k]) return false
    return true
  }
  const under = new Uint8Array(w.containers.length + 1)
  for (const c of w.containers) {
    if (c.depth > prefix.length) under[c.id] = under[c.parentId]
    else if (c.depth === prefix.length && matches(c, prefix)) under[c.id] = 1
  }
  // A scalar at the prefix itself (`params.arguments` is a string).
  const parentPrefix = prefix.slice(0, -1)
  const last = prefix[prefix.length - 1]
  for (let i = 0; i < w.texts.length; i++) {
    const id = containerIdOf(w, i)
    if (under[id] === 1) out.push(i)
    else if (id !== 0 && kindOf(w, i) !== KEY) {
      const c = w.containers[id - 1]
      if (c.depth === parentPrefix.length && memberOf(w, i) === last && matches(c, parentPrefix)) out.push(i)
    }
  }
  return out
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
const SECRET_KEY_NAME = new RE2(`(?i)^[A-Za-z0-9_.-]{0,40}?${CREDENTIAL_KEY_WORDS}(?:[_.-]?(?:value|str|string|b64|base64|hex|enc|encoded|[0-9]{1,2}))?$`, "u")
const PASSWORD_NAME = new RE2("(?i)passw|pwd|pass$|passphrase", "u")
const secretKeyNameUncached = (k: string): boolean => k.length <= 64 && SECRET_KEY_NAME.test(k) && !PASSWORD_NAME.test(k)
/**
 * Key names repeat across messages (`text`, `content`, `arguments`…): the answer is kept for the last few
 * thousand distinct names of up to 32 characters (a pure function of the name; the cache is dropped whole
 * when full).
 */
const keyNames = new Map<string, boolean>()
const secretKeyName = (k: string): boolean => {
  if (k.length > 64) return false
  // Long names are judged each time (a long key may be a secret itself: it is not kept).
  if (k.length > 32) return secretKeyNameUncached(k)
  let v = keyNames.get(k)
  if (v === undefined) {
    v = secretKeyNameUncached(k)
    if (keyNames.size >= 4096) keyNames.clear()
    // Kept as a copy of its own: a walked key is often a slice of the message's raw text (V8 slices strings of 13
    // characters or more), and keeping the slice would keep the whole message alive.
    keyNames.set(JSON.parse(JSON.stringify(k)) as string, v)
  }
  return v
}

/**
 * A text handed to DLP (or, in a large document, a run of texts in document order, `count` of them from the
 * `index`-th of the list they were taken from); its location is worked out only when asked.
 */
export class Part {
  /** The first text's index in the walk, and how many texts the part joins. */
  readonly index: number
  readonly count: number
  /** Characters of the joined value. */
  readonly length: number
  readonly #walk: JsonTexts
  readonly #base: string
  #value: string | (() => string)
  #location: string | undefined
  constructor(walk: JsonTexts, index: number, base: string, value: string | (() => string), count = 1, length?: number) {
    this.#walk = walk
    this.index = index
    this.#base = base
    this.#value = value
    this.count = count
    this.length = length ?? (typeof value === "string" ? value.length : 0)
  }
  /** The text, or the run's texts joined by newlines (joined when first read: building every run at once is a long pause). */
  get value(): string {
    if (typeof this.#value !== "string") this.#value = this.#value()
    return this.#value
  }
  get location(): string {
    if (this.#location === undefined) {
      const first = locationOf(this.#walk, this.index, this.#base)
      this.#location = this.count === 1 ? first : `${first} (+${this.count - 1} more)`
    }
    return this.#location
  }
}

/** Documents with more texts than this give DLP runs of texts (exact locations cost more than they tell). */
const EXACT_TEXTS = 4096
/** In such a document the first values stay single (a secret split across neighbouring fields is glued back). */
const LEADING = 64
/** About how many characters one run holds. */
const RUN_CHARS = 16 * 1024

/** Parts for `indexes` of the walk: one per text, or runs of texts joined by newlines past the first `leading`. */
const partsOf = (w: JsonTexts, indexes: ReadonlyArray<number>, base: string, leading: number): Part[] => {
  const out: Part[] = []
  let k = 0
  for (; k < indexes.length && k < leading; k++) out.push(new Part(w, indexes[k], base, w.texts[indexes[k]]))
  while (k < indexes.length) {
    const start = k
    let chars = 0
    while (k < indexes.length && chars < RUN_CHARS) {
      chars += w.texts[indexes[k]].length + 1
      k++
    }
    const end = k
    const join = () => {
      const run: string[] = []
      for (let j = start; j < end; j++) run.push(w.texts[indexes[j]])
      return run.join("\n")
    }
    out.push(end - start === 1 ? new Part(w, indexes[start], base, w.texts[indexes[start]]) : new Part(w, indexes[start], base, join, end - start, chars - 1))
  }
  return out
}

/**
 * The DLP content of a walked document: every string value and number first (in order, so a secret split
 * across neighbouring values is glued back), then every key, then `key: value` for values under secret-named
 * keys and the service-account marker (`"type": "service_account"`, JSON syntax kept). A large document gives
 * runs of texts past its first values.
 */
export const dlpParts = (w: JsonTexts, base: string): Part[] => {
  const values: number[] = []
  const keys: number[] = []
  const extra: Part[] = []
  for (let i = 0; i < w.texts.length; i++) {
    const t = w.texts[i]
    const kind = kindOf(w, i)
    if (kind === KEY) {
      keys.push(i)
      continue
    }
    values.push(i)
    if (kind === STRING && t.length >= 8 && indexOf(w, i) < 0 && containerIdOf(w, i) !== 0) {
      const m = w.texts[i - 1]
      if (secretKeyName(m)) extra.push(new Part(w, i, base, `${m}: ${t}`))
      if (m === "type" && t === "service_account") extra.push(new Part(w, i, base, '"type": "service_account"'))
    }
  }
  const exact = w.texts.length <= EXACT_TEXTS
  return [
    ...partsOf(w, values, base, exact ? Infinity : LEADING),
    ...partsOf(w, keys, base, exact ? Infinity : 0),
    ...extra
  ]
}

/** Runs of texts for the scanners that read text (injection, shell): single texts in a small document. */
export const textRuns = (w: JsonTexts, indexes: ReadonlyArray<number>, base: string): Part[] =>
  partsOf(w, indexes, base, w.texts.length <= EXACT_TEXTS ? Infinity : 0)

/** The DLP content of a parsed value (`{location, value}` parts, for callers without the raw text). */
export const jsonParts = (value: unknown, base: string, limits: JsonLimits = defaultLimits): Array<{ location: string; value: string }> => {
  const w = walkValue(value, limits)
  if (!w.ok) throw new Error(`JSON value not walked: ${w.message}`)
  return dlpParts(w, base).map((p) => ({ location: p.location, value: p.value }))
}
