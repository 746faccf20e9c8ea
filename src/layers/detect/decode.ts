/**
 * Decoders for the encodings agents use to smuggle secrets and instructions past scanners: base64
 * (standard and URL alphabets, padded or not), hex (contiguous or separated by `\x`, `0x`, `:`, space,
 * `-`, `,`), base32, percent-encoding applied repeatedly, and `\u`/`\x`/octal/HTML-entity escapes.
 *
 * Every function is total (never throws) and bounded: inputs are capped, the number of variants and the
 * recursion depth are limited, and a decoding is kept only when it yields mostly printable text.
 */

/** Longest input any decoder looks at (bigger inputs are decoded in their encoded runs only). */
export const MAX_DECODE_INPUT = 256 * 1024

import { isUtf8 } from "node:buffer"
import { gunzipSync, inflateSync } from "node:zlib"
import RE2 from "re2"
import { decodable, gates } from "./gates.ts"

const utf8 = new TextDecoder("utf-8", { fatal: true })

/** Share of printable characters (letters, digits, punctuation, whitespace) in a string. */
export const printableRatio = (s: string): number => {
  if (s.length === 0) return 0
  let ok = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d || c >= 0xa0) ok++
  }
  return ok / s.length
}

/** Decodes bytes as UTF-8 text when they are valid UTF-8 and at least 80 % printable. */
export const asText = (bytes: Uint8Array): string | undefined => {
  if (bytes.length === 0) return undefined
  // Checked first: decoding throws on invalid UTF-8, and most candidate runs (words, ids) decode to garbage.
  if (!isUtf8(bytes)) return undefined
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return undefined
  }
  return printableRatio(text) >= 0.8 ? text : undefined
}

const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/

/** base64 in either alphabet, with or without padding; undefined unless it decodes to printable UTF-8. */
export const tryBase64 = (s: string): string | undefined => {
  const t = s.trim()
  if (t.length < 8 || t.length > MAX_DECODE_INPUT || !B64.test(t)) return undefined
  const body = t.replace(/=+$/, "")
  if (body.length % 4 === 1) return undefined
  const bytes = Buffer.from(body.replace(/-/g, "+").replace(/_/g, "/"), "base64")
  return asText(bytes) ?? decompressed(bytes)
}

/** Largest decompressed output looked at (a decompression bomb stops here). */
const MAX_INFLATED = 256 * 1024

/** gzip (1f 8b) or zlib (78 01/5e/9c/da) data decompressed to printable text, bounded; else undefined. */
export const decompressed = (bytes: Uint8Array): string | undefined => {
  if (bytes.length < 10) return undefined
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b
  const zlib = bytes[0] === 0x78 && (bytes[1] === 0x01 || bytes[1] === 0x5e || bytes[1] === 0x9c || bytes[1] === 0xda)
  if (!gzip && !zlib) return undefined
  try {
    const out = gzip ? gunzipSync(bytes, { maxOutputLength: MAX_INFLATED }) : inflateSync(bytes, { maxOutputLength: MAX_INFLATED })
    return asText(out)
  } catch {
    // truncated, corrupt, or over the limit: a truncated bomb is not worth reading
    return undefined
  }
}

/** hex, contiguous or byte-separated; undefined unless it decodes to printable UTF-8. */
export const tryHex = (s: string): string | undefined => {
  const t = s.trim()
  if (t.length < 8 || t.length > MAX_DECODE_INPUT) return undefined
  // Separators are dropped (a linear scan), then what is left must be hex digits.
  const digits = /^0x[0-9a-fA-F]+$/.test(t) ? t.slice(2) : t.replace(/\\x|0x|[:\s,-]/g, "")
  if (!/^[0-9a-fA-F]+$/.test(digits)) return undefined
  if (digits.length < 8 || digits.length % 2 !== 0) return undefined
  return asText(Buffer.from(digits, "hex"))
}

const B32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

/** RFC 4648 base32 (upper or lower case, padded or not); undefined unless printable UTF-8. */
export const tryBase32 = (s: string): string | undefined => {
  const t = s.trim().toUpperCase().replace(/=+$/, "")
  if (t.length < 8 || t.length > MAX_DECODE_INPUT || !/^[A-Z2-7]+$/.test(t)) return undefined
  const out: number[] = []
  let bits = 0
  let value = 0
  for (let i = 0; i < t.length; i++) {
    value = (value << 5) | B32_ALPHABET.indexOf(t[i])
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return asText(Uint8Array.from(out))
}

const decodePercentOnce = (s: string): string => {
  // decodeURIComponent throws on a lone `%`; decode each valid escape run instead.
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    }
  })
}

/** Each successive distinct percent-decoding (`+` as space in the first), at most `maxRounds`. */
export const urlDecodeLayers = (s: string, maxRounds = 8): string[] => {
  const layers: string[] = []
  let cur = s.length > MAX_DECODE_INPUT ? s.slice(0, MAX_DECODE_INPUT) : s
  for (let i = 0; i < maxRounds; i++) {
    if (!cur.includes("%") && !(i === 0 && cur.includes("+"))) break
    const next = decodePercentOnce(i === 0 ? cur.replace(/\+/g, " ") : cur)
    if (next === cur) break
    layers.push(next)
    cur = next
  }
  return layers
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", colon: ":", sol: "/", lpar: "(", rpar: ")",
  period: ".", comma: ",", equals: "=", plus: "+", num: "#", excl: "!", quest: "?", lsqb: "[", rsqb: "]"
}

const fromCodePoint = (cp: number, fallback: string): string =>
  Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback

/** Resolves `\uXXXX`, `\u{…}`, `%uXXXX`, `\xHH`, `\NNN` (octal), `&#x..;`, `&#..;` and common named HTML entities. */
export const unescapeEscapes = (s: string): string => {
  if (!s.includes("\\") && !s.includes("&") && !s.includes("%u")) return s
  const t = s.length > MAX_DECODE_INPUT ? s.slice(0, MAX_DECODE_INPUT) : s
  return t
    .replace(/\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|%u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\([0-7]{3})/g, (m, a, b, u, c, d) =>
      fromCodePoint(a !== undefined ? parseInt(a, 16) : b !== undefined ? parseInt(b, 16) : u !== undefined ? parseInt(u, 16) : c !== undefined ? parseInt(c, 16) : parseInt(d, 8), m))
    .replace(/&#[xX]([0-9a-fA-F]{1,6});?|&#([0-9]{1,7});?|&([a-zA-Z]{2,8});/g, (m, hex, dec, name) =>
      hex !== undefined ? fromCodePoint(parseInt(hex, 16), m) : dec !== undefined ? fromCodePoint(parseInt(dec, 10), m) : NAMED_ENTITIES[name.toLowerCase()] ?? m)
}

/** Runs of the base64/base64url/hex alphabets (with `=` padding) at least `minLen` long; at most 64. */
const runPatterns = new Map<number, RE2>()

export const encodedRuns = (s: string, minLen: number): string[] => {
  const out: string[] = []
  let re = runPatterns.get(minLen)
  if (re === undefined) {
    re = new RE2(`[A-Za-z0-9+/_-]{${Math.max(1, minLen)},}={0,2}`, "g")
    runPatterns.set(minLen, re)
  }
  re.lastIndex = 0
  // Matched as UTF-8 bytes: RE2 reads a Buffer without converting it on every call (runs are ASCII).
  const text = Buffer.from(s.length > MAX_DECODE_INPUT ? s.slice(0, MAX_DECODE_INPUT) : s, "utf8")
  let m: { 0: Buffer } | null
  while ((m = re.exec(text)) !== null && out.length < 64) out.push(m[0].toString("latin1"))
  return out
}

/** Hex written with separators (`41:4b:49…`, `\x41\x4b…`, `0x41 0x4b…`) as one run, for the hex decoder. */
const SEPARATED_HEX = new RE2("(?:(?:\\\\x|0x)[0-9a-fA-F]{2}[\\s,:-]*){6,}|(?:[0-9a-fA-F]{2}[:\\s,-]){6,}[0-9a-fA-F]{2}", "g")

export const separatedHexRuns = (s: string): string[] => {
  const out: string[] = []
  const re = SEPARATED_HEX
  re.lastIndex = 0
  const text = Buffer.from(s.length > MAX_DECODE_INPUT ? s.slice(0, MAX_DECODE_INPUT) : s, "utf8")
  let m: { 0: Buffer } | null
  while ((m = re.exec(text)) !== null && out.length < 32) out.push(m[0].toString("latin1"))
  return out
}

/**
 * ASCII characters that can be part of a text that decodes as a whole (base64 in either alphabet, hex with its
 * separators, base32, whitespace): any other ASCII character in a text rules all three out.
 */
const WHOLE_ASCII = (() => {
  const t = new Uint8Array(128)
  for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_=-\\:, \t\n\r\v\f") t[ch.charCodeAt(0)] = 1
  return t
})()

/** Whether a text could decode as a whole (no ASCII character outside `WHOLE_ASCII`); a cheap test before the decoders. */
const mayDecodeWhole = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 128 && WHOLE_ASCII[c] === 0) return false
  }
  return true
}

export interface Variant {
  readonly text: string
  /** How it was reached: `base64`, `url×2`, `hex>base64`… */
  readonly pass: string
}

export interface DecodeOptions {
  readonly maxDepth?: number
  readonly maxVariants?: number
  /** Total decoded characters kept across all variants. */
  readonly maxChars?: number
  /** Shortest encoded run worth decoding inside a larger text. */
  readonly minRun?: number
}

/**
 * The decoded variants of a text: whole-text decodings and decodings of encoded runs inside it, recursively
 * (a base64 of a hex of a secret), to a bounded depth. The original text is not included.
 */
export const decodeVariants = (input: string, options: DecodeOptions = {}): Variant[] => {
  const maxDepth = options.maxDepth ?? 4
  const maxVariants = options.maxVariants ?? 32
  const maxChars = options.maxChars ?? 1024 * 1024
  const minRun = options.minRun ?? 16
  const out: Variant[] = []
  const seen = new Set<string>([input])
  let budget = maxChars
  const add = (text: string, pass: string, depth: number, queue: Array<[string, string, number]>) => {
    if (out.length >= maxVariants || budget <= 0 || seen.has(text) || text.length === 0) return
    seen.add(text)
    budget -= text.length
    out.push({ text, pass })
    if (depth < maxDepth) queue.push([text, pass, depth])
  }
  const queue: Array<[string, string, number]> = [[input, "", 0]]
  while (queue.length > 0 && out.length < maxVariants && budget > 0) {
    const [text, via, depth] = queue.shift()!
    const name = (p: string) => (via === "" ? p : `${via}>${p}`)
    const layers = urlDecodeLayers(text)
    layers.forEach((l, i) => add(l, name(i === 0 ? "url" : `url×${i + 1}`), depth + 1, queue))
    const unesc = unescapeEscapes(text)
    if (unesc !== text) add(unesc, name("escape"), depth + 1, queue)
    const whole = mayDecodeWhole(text) ? text.replace(/\s+/g, "") : undefined
    if (whole !== undefined) {
      for (const [p, f] of [["base64", tryBase64], ["hex", tryHex], ["base32", tryBase32]] as const) {
        const d = f(whole)
        if (d !== undefined) add(d, name(p), depth + 1, queue)
      }
    }
    for (const run of separatedHexRuns(text)) {
      const d = tryHex(run)
      if (d !== undefined) add(d, name("hex"), depth + 1, queue)
    }
    if (text.length > minRun) {
      for (const run of encodedRuns(text, minRun)) {
        if (run === whole) continue
        for (const [p, f] of [["base64", tryBase64], ["hex", tryHex], ["base32", tryBase32]] as const) {
          const d = f(run)
          if (d !== undefined) add(d, name(p), depth + 1, queue)
        }
      }
    }
  }
  return out
}

/** Whether decoding could reveal anything in a text: see gates.ts. */
export const mayBeEncoded = (text: string, bytes?: Buffer): boolean => decodable(gates(bytes ?? text), text)
