/**
 * Cheap gates: one RE2.Set pass over a text tells which of the costlier passes could find anything
 * (Unicode normalisation, decoding, leetspeak folding, markup stripping, the no-whitespace variants), so a
 * clean text pays for one linear pass instead of one per transformation.
 */
import { PatternSet } from "./re2.ts"

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
  /** A run of 16+ characters of one case of the base32 alphabet (confirm with `base32Run`). */
  readonly b32Token: boolean
  /** Letters spelled out one by one (`i g n o r e`). */
  readonly spacedLetters: boolean
  /** Upper-case/digit groups of four (`AKIA IOSF ODNN 7EXA`): a key written for readability. */
  readonly grouped: boolean
}

/** The gate patterns, in `Gates` order (exported so a scanner can fold them into its own single pass). */
export const GATE_SOURCES: ReadonlyArray<string> = [
  "[^\\x09\\x0a\\x0d\\x20-\\x7e]",
  "%[0-9a-fA-F]{2}|%u[0-9a-fA-F]{4}|\\\\[xuU0-7]|&#|(?:[0-9a-fA-F]{2}[:\\s,-]){5}[0-9a-fA-F]{2}",
  "[0-9a-fA-F]{16,}",
  "[A-Za-z0-9+/_=-]*(?:[A-Z][A-Za-z0-9+/_=-]*[0-9]|[0-9][A-Za-z0-9+/_=-]*[A-Z])[A-Za-z0-9+/_=-]*",
  "[A-Za-z][013457@$|!][A-Za-z]|\\b[013457@$][A-Za-z]{2}",
  "<[A-Za-z/!]",
  "\\\\",
  "[A-Za-z]{20,}",
  "[A-Z2-7]{16,}|[a-z2-7]{16,}",
  "(?:\\b[A-Za-z] {1,3}){5}[A-Za-z]\\b",
  "\\b(?:[A-Z0-9]{4}[ -]){3,}[A-Z0-9]{2,8}\\b"
]
const SET = new PatternSet(GATE_SOURCES, "u")

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
    longAlpha: hit.has(7),
    b32Token: hit.has(8),
    spacedLetters: hit.has(9),
    grouped: hit.has(10)
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

/**
 * A base32-looking run: 16+ chars of [A-Z2-7] (or [a-z2-7]) with at least one digit and letters of the
 * run's case only, padding allowed. Words (no digits) and base64 (mixed case) are not base32 runs.
 */
export const base32Run = (text: string): boolean => {
  let run = 0
  let digit = false
  let upper = false
  let lower = false
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32
    const isUpper = c >= 65 && c <= 90
    const isLower = c >= 97 && c <= 122
    const isDigit = c >= 50 && c <= 55
    if ((isUpper && !lower) || (isLower && !upper) || isDigit) {
      run++
      if (isDigit) digit = true
      else if (isUpper) upper = true
      else lower = true
      continue
    }
    if (run >= 16 && digit && (upper || lower)) return true
    // A case switch or another character ends the run; a letter of the other case starts a new one.
    run = isUpper || isLower ? 1 : 0
    digit = false
    upper = isUpper
    lower = isLower
  }
  return false
}

/** Whether decoding could reveal anything in a text with these gates. */
export const decodable = (g: Gates, text: string): boolean =>
  g.escapes || g.hexRun || (g.mixedToken && base64Run(text)) || (g.b32Token && base32Run(text))
