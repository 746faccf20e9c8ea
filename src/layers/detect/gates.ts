/**
 * Cheap gates: one RE2.Set pass over a text tells which of the costlier passes could find anything
 * (Unicode normalisation, decoding, leetspeak folding, markup stripping, the no-whitespace variants), so a
 * clean text pays for one linear pass instead of one per transformation.
 */
import { RE2 } from "./re2.ts"

export interface Gates {
  /** Characters outside printable ASCII (Unicode passes can change the text). */
  readonly nonAscii: boolean
  /** Percent-escapes, backslash escapes, HTML entities or byte-separated hex. */
  readonly escapes: boolean
  /** A run of 16+ hex digits. */
  readonly hexRun: boolean
  /** A token mixing upper case and digits (a candidate base64 run; confirm with `base64Run`). */
  readonly mixedToken: boolean
  /** A leetspeak substitution inside a word (`1gn0r3`). */
  readonly leet: boolean
  /** Markup (`<tag`, `<!--`). */
  readonly markup: boolean
  /** A backslash (JSON string escapes). */
  readonly backslash: boolean
  /** 20+ letters without a space (words run together). */
  readonly longAlpha: boolean
}

/** The gate patterns, in `Gates` order (exported so a scanner can fold them into its own single pass). */
export const GATE_SOURCES: ReadonlyArray<string> = [
  "[^\\x09\\x0a\\x0d\\x20-\\x7e]",
  "%[0-9a-fA-F]{2}|\\\\[xuU0-7]|&#|(?:[0-9a-fA-F]{2}[:\\s,-]){5}[0-9a-fA-F]{2}",
  "[0-9a-fA-F]{16,}",
  "[A-Za-z0-9+/_=-]*(?:[A-Z][A-Za-z0-9+/_=-]*[0-9]|[0-9][A-Za-z0-9+/_=-]*[A-Z])[A-Za-z0-9+/_=-]*",
  "[A-Za-z][013457@$|!][A-Za-z]|\\b[013457@$][A-Za-z]{2}",
  "<[A-Za-z/!]",
  "\\\\",
  "[A-Za-z]{20,}"
]
const SET = new RE2.Set(GATE_SOURCES, "u")

export const gates = (text: string | Buffer): Gates => gatesFrom(new Set(SET.match(text)))

/** Gates from the indices a combined set reported (index 0 = the first gate pattern). */
export const gatesFrom = (hit: ReadonlySet<number>): Gates => {
  return {
    nonAscii: hit.has(0),
    escapes: hit.has(1),
    hexRun: hit.has(2),
    mixedToken: hit.has(3),
    leet: hit.has(4),
    markup: hit.has(5),
    backslash: hit.has(6),
    longAlpha: hit.has(7)
  }
}

const isB64 = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 95 || c === 45 || c === 61

/** A base64-looking run: 16+ chars of the alphabet mixing upper case, lower case and digits. */
export const base64Run = (text: string): boolean => {
  let run = 0
  let upper = false
  let lower = false
  let digit = false
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32
    if (isB64(c)) {
      run++
      if (c >= 65 && c <= 90) upper = true
      else if (c >= 97 && c <= 122) lower = true
      else if (c >= 48 && c <= 57) digit = true
      continue
    }
    if (run >= 16 && upper && lower && digit) return true
    run = 0
    upper = lower = digit = false
  }
  return false
}

/** Whether decoding could reveal anything in a text with these gates. */
export const decodable = (g: Gates, text: string): boolean => g.escapes || g.hexRun || (g.mixedToken && base64Run(text))
