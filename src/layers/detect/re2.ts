/** RE2 (linear-time regular expressions) for everything that scans traffic, and the pattern-set type. */
import RE2 from "re2"

export { RE2 }

/**
 * How many patterns share one RE2 set. A set runs as one DFA whose states combine its patterns' states; past
 * about eight of our patterns that DFA no longer fits RE2's state cache on varied input (real documents,
 * source code), the cache is flushed again and again, and the pass runs 10–25× slower than a few smaller
 * sets. Measured on 300 Markdown files from node_modules, the set passes alone, per 10 KB: the DLP catalogue
 * (with its gates) 0.84 ms as 85 single-pattern sets, 0.14 ms in sets of 8, several ms as one set; the injection
 * catalogue, whose patterns are heavier, 0.24 ms in sets of 4, 0.63 ms in sets of 8. A pass costs about 10 µs
 * per 10 KB whatever the set, so fewer, larger sets win only while their DFA fits.
 */
export const SET_CHUNK = 8

/** Inputs up to this length (characters or bytes) are matched against all the patterns in one set. */
const SHORT_INPUT = 256

/**
 * A set of patterns matched together: `match` says which of them occur in the input (indexes into the
 * sources given), in one pass per chunk of `SET_CHUNK` patterns. Linear time, like every RE2 match.
 */
export class PatternSet {
  readonly size: number
  private readonly sources: ReadonlyArray<string>
  private readonly flags: string
  private readonly chunk: number
  private chunks: ReadonlyArray<{ readonly set: InstanceType<typeof RE2.Set>; readonly base: number }> | undefined
  /** Every pattern in one set, for short inputs (URLs, header values, argument strings). */
  private readonly whole: InstanceType<typeof RE2.Set> | undefined

  /**
   * Throws like `new RE2.Set` when a source does not compile. With more than one chunk, the whole set is
   * compiled here (it checks every source) and the chunks at the first long input: a process that only ever
   * matches short inputs (`check --url`, a proxy whose bodies are never scanned) compiles each pattern once.
   */
  constructor(sources: ReadonlyArray<string>, flags = "u", chunk = SET_CHUNK) {
    this.sources = sources
    this.flags = flags
    this.chunk = chunk
    this.size = sources.length
    this.whole = sources.length > chunk ? new RE2.Set([...sources], flags) : undefined
    if (this.whole === undefined) this.chunks = sources.length === 0 ? [] : [{ set: new RE2.Set([...sources], flags), base: 0 }]
  }

  private get parts(): ReadonlyArray<{ readonly set: InstanceType<typeof RE2.Set>; readonly base: number }> {
    if (this.chunks === undefined) {
      const chunks: Array<{ set: InstanceType<typeof RE2.Set>; base: number }> = []
      for (let i = 0; i < this.sources.length; i += this.chunk) chunks.push({ set: new RE2.Set(this.sources.slice(i, i + this.chunk), this.flags), base: i })
      this.chunks = chunks
    }
    return this.chunks
  }

  /**
   * The indexes of the patterns that match somewhere in the input, ascending. A short input runs through the
   * whole set in one pass: it explores few DFA states, and short inputs such as URLs share most of them (one
   * pass beats several there: 7 µs against 10 µs per URL); longer ones go chunk by chunk.
   */
  match(input: string | Buffer): number[] {
    if (this.size === 0) return []
    // Always as UTF-8 bytes, encoded once for every chunk: node-re2 matches a set against a string several times
    // slower than against a Buffer, even counting the encoding (the 11 gate patterns on 90 characters: 1.7 µs
    // against 0.6 µs).
    const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input
    if (this.whole === undefined) return this.parts[0].set.match(bytes)
    if (bytes.length <= SHORT_INPUT) return this.whole.match(bytes)
    const out: number[] = []
    for (const p of this.parts) for (const i of p.set.match(bytes)) out.push(p.base + i)
    return out
  }
}

export type RE2Set = PatternSet
