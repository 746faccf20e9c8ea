/**
 * Large texts scanned in bounded, overlapping windows, so that the memory one scan needs is a small multiple of
 * the window, not of the text: the scanners build several whole-text views (the UTF-8 bytes RE2 reads, the
 * normalised text, markup, JSON-unescaped, leetspeak and decoded views, the classifier's token arrays), and over
 * a 5 MB body those held 100 MB and more at once.
 *
 * A text of at most `WHOLE_CHARS` characters is scanned whole, as before. A longer one is cut into windows of
 * about `WINDOW_CHARS` characters, each overlapping the one before by at least `OVERLAP_CHARS`:
 *
 * - every stretch of the text of at most `OVERLAP_CHARS` characters lies wholly inside at least one window, so a
 *   match (a rule's pattern, a secret, a seed phrase, an escaped or encoded run, the classifier's token window)
 *   no longer than that is found exactly as in the whole text, wherever the cuts fall;
 * - a cut is placed after whitespace, preferably a line break, and never inside a token (a run of non-whitespace
 *   characters), a base64 block wrapped at a width (runs joined by at most 4 blanks, as DLP joins them) or a
 *   sequence of separated hex bytes, unless that structure is longer than `MAX_DECODE_INPUT` (256 Ki characters,
 *   the longest input any decoder reads, so the whole-text scan never decoded it either): an encoded run up to that
 *   length is decoded whole in one window, as in the whole text;
 * - context the rules read around a match (a quotation's opening and closing quotes, the words before it) lies in
 *   the match's line, and a window begins at a line start when one is near: a match within a few hundred
 *   characters of a window's first character may be judged without context that lies before it, which can only
 *   make it more severe (a quoted example read as an instruction), never less;
 * - whether a position is inside a fenced code block (an odd number of ``` before it in the whole text) is
 *   carried into each window: a window that begins inside a fence is read with a fence line before it.
 *
 * What is judged across windows is judged over the union of their findings: the injection escalations (several
 * medium signals, an encoded instruction) and the classifier's agreement with a rule are decided on everything
 * found in the text, not window by window (see Inspector.ts). The scanners' own caps on one text (injection reads
 * the first 4 Mi characters, the classifier the first 4 Mi, the decoders their inputs' first 256 Ki) apply per
 * window, so a large text is now read to its end.
 */
import type { Finding } from "../../services/Verdict.ts"
import { classifierAloneOf, type Kernels } from "./builtins.ts"
import { type Classification, classify, injectionModel, rulesSettle, withClassifier } from "./injectionClassifier.ts"
import { MAX_DECODE_INPUT } from "./decode.ts"
import { type CompiledDlp, type ScanContext, scanText as dlpText } from "./dlp.ts"
import { type CompiledInjection, finish, scanText as injectionText } from "./injection.ts"

/** The length of a window, in UTF-16 code units. */
export const WINDOW_CHARS = 128 * 1024
/** The least overlap between two windows: the longest stretch guaranteed to lie in one window. */
export const OVERLAP_CHARS = 16 * 1024
/** Texts up to this length are scanned whole. */
export const WHOLE_CHARS = WINDOW_CHARS + OVERLAP_CHARS

export interface Window {
  readonly start: number
  readonly end: number
  /** The window begins inside a fenced code block of the whole text. */
  readonly fenced: boolean
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11
const isB64 = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 95 || c === 45
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const isAlnum = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)

/** How far the checks below look across a whitespace gap (a longer gap ends every run the decoders join). */
const GAP_LOOK = 1024

/** Whether the characters ending at `end` (exclusive) are a hex byte written as a separated group (`de`, `0xde`, `\xde`, `:de`). */
const hexGroupEndsAt = (text: string, end: number): boolean =>
  end >= 2 && isHex(text.charCodeAt(end - 1)) && isHex(text.charCodeAt(end - 2)) && (end === 2 || !isAlnum(text.charCodeAt(end - 3)) || text.charCodeAt(end - 3) === 120)
/** Whether the characters from `start` are a hex byte written as a separated group (`de`, `0xde`, `\xde`). */
const hexGroupStartsAt = (text: string, start: number): boolean => {
  let i = start
  if (text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 120) i += 2
  else if (text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 120) i += 2
  return isHex(text.charCodeAt(i)) && isHex(text.charCodeAt(i + 1)) && (i + 2 >= text.length || !isAlnum(text.charCodeAt(i + 2)))
}

/**
 * Whether the text may be cut before position `p` (between `p - 1` and `p`): after whitespace, not inside a wrapped
 * encoded block (base64-alphabet runs of 8 or more on both sides of a gap of at most 4 blanks) nor inside a run of
 * separated hex bytes (a hex group on both sides of the gap).
 */
export const safeCut = (text: string, p: number): boolean => {
  if (p <= 0 || p >= text.length || !isSpace(text.charCodeAt(p - 1))) return false
  let gs = p - 1
  while (gs > 0 && p - gs < GAP_LOOK && isSpace(text.charCodeAt(gs - 1))) gs--
  let ge = p
  while (ge < text.length && ge - p < GAP_LOOK && isSpace(text.charCodeAt(ge))) ge++
  if (ge - gs >= GAP_LOOK || ge >= text.length || gs === 0) return true
  if (ge - gs <= 4) {
    let before = 0
    while (before < 8 && gs - before > 0 && isB64(text.charCodeAt(gs - before - 1))) before++
    let after = 0
    while (after < 8 && ge + after < text.length && isB64(text.charCodeAt(ge + after))) after++
    if (before >= 8 && after >= 8) return false
  }
  return !(hexGroupEndsAt(text, gs) && hexGroupStartsAt(text, ge))
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff

/** `p`, moved off the middle of a surrogate pair (forward). */
const whole = (text: string, p: number): number => (p > 0 && p < text.length && isHighSurrogate(text.charCodeAt(p - 1)) && isLowSurrogate(text.charCodeAt(p)) ? p + 1 : p)

/**
 * Where a window ending near `target` ends: the last safe cut at or before `target` (after a line break if there is
 * one within `OVERLAP_CHARS / 2`, else after any safe whitespace), else the first safe cut after it within
 * `MAX_DECODE_INPUT`, else `target` itself (the text there is one structure longer than any decoder reads).
 */
const endNear = (text: string, target: number, floor: number): number => {
  const lo = Math.max(floor, target - OVERLAP_CHARS / 2)
  let any = -1
  for (let p = target; p > lo; p--) {
    const c = text.charCodeAt(p - 1)
    if (!isSpace(c) || !safeCut(text, p)) continue
    if (c === 10) return p
    if (any === -1) any = p
  }
  if (any !== -1) return any
  const hi = Math.min(text.length, target + MAX_DECODE_INPUT)
  for (let p = target + 1; p < hi; p++) if (isSpace(text.charCodeAt(p - 1)) && safeCut(text, p)) return p
  return whole(text, target)
}

/** Where the window after one ending at `end` begins: `OVERLAP_CHARS` before, moved back to a line start (or a space) within a few KiB. */
const startBefore = (text: string, end: number, floor: number): number => {
  const target = Math.max(floor + 1, end - OVERLAP_CHARS)
  const lo = Math.max(floor + 1, target - OVERLAP_CHARS / 4)
  let any = -1
  for (let p = target; p >= lo; p--) {
    const c = text.charCodeAt(p - 1)
    if (c === 10) return p
    if (any === -1 && isSpace(c)) any = p
  }
  if (any !== -1) return any
  return isLowSurrogate(text.charCodeAt(target)) ? target - 1 : target
}

const FENCE = "```"

/**
 * The windows of a text longer than `WHOLE_CHARS` (one window, the whole text, otherwise). Each window but the
 * first begins at least `OVERLAP_CHARS` before the previous one ends; each but the last ends at a safe cut.
 */
export const windowsOf = (text: string, window = WINDOW_CHARS): Window[] => {
  const n = text.length
  if (n <= window + OVERLAP_CHARS) return [{ start: 0, end: n, fenced: false }]
  const out: Window[] = []
  let start = 0
  // Fences counted as injection.ts counts them (non-overlapping, from the text's start): the count before `start`.
  let fence = text.indexOf(FENCE)
  let fences = 0
  for (;;) {
    while (fence !== -1 && fence < start) {
      fences++
      fence = text.indexOf(FENCE, fence + 3)
    }
    const fenced = fences % 2 === 1
    if (n - start <= window + OVERLAP_CHARS) {
      out.push({ start, end: n, fenced })
      return out
    }
    const end = endNear(text, start + window, start + OVERLAP_CHARS * 2)
    out.push({ start, end, fenced })
    if (end >= n) return out
    start = startBefore(text, end, start)
  }
}

/** The text a window scans: its characters, after a fence line when it begins inside a fenced block (for the injection rules). */
export const windowText = (text: string, w: Window, fences = true): string =>
  w.start === 0 && w.end === text.length ? text : fences && w.fenced ? `${FENCE}\n${text.slice(w.start, w.end)}` : text.slice(w.start, w.end)

/**
 * The one more text the injection scanner needs from a large text: the whole text without whitespace when it is
 * made only of base64 characters and whitespace and no longer than `MAX_DECODE_INPUT` without it (the whole-text
 * scan decodes such a text as one payload); else undefined.
 */
export const joinedPayload = (text: string): string | undefined => {
  let kept = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (isSpace(c)) continue
    if (!isB64(c) || ++kept > MAX_DECODE_INPUT) return undefined
  }
  return kept >= 16 ? text.replace(/\s+/g, "") : undefined
}

// ---------------------------------------------------------------------------------------------
// Scanning in windows: one step per window (the caller may let the event loop run between steps)
// ---------------------------------------------------------------------------------------------

/** A scan in steps: each `next()` scans one window; the last returns the findings. */
export type Steps = Generator<void, Finding[], void>

/** Runs every step at once (a caller that cannot wait). */
export const runSteps = (steps: Steps): Finding[] => {
  for (;;) {
    const r = steps.next()
    if (r.done === true) return r.value
  }
}

/**
 * What the injection kernels (`which`: the rules alone, or `content`, the rules with the learned classifier as
 * registered) find in a text, window by window: the union of the windows' rule findings is decided as one text's
 * (`finish`: one finding per rule, the escalations over all of them), and the classifier's best window stands for
 * the text, combined with the rules exactly as for a text scanned whole. A text within `WHOLE_CHARS` is one step.
 */
export function* injectionSteps(k: Kernels, which: "rules" | "content", c: CompiledInjection, text: string, location: string): Steps {
  const rules = k.injection
  const learned = which === "content" && k.classifier
  if (!rules && !learned) return []
  if (text.length <= WHOLE_CHARS) return (which === "rules" ? k.rules : k.content)(c, text, location)
  const windows = windowsOf(text)
  let found: Finding[] = []
  if (rules) {
    const all: Finding[] = []
    for (const w of windows) {
      all.push(...injectionText(c, windowText(text, w), location))
      yield
    }
    const payload = joinedPayload(text)
    if (payload !== undefined) all.push(...injectionText(c, payload, location))
    found = finish(all, location)
    if (!learned || rulesSettle(found)) return found
  }
  const model = injectionModel()
  let best: Classification | undefined
  for (const w of windows) {
    const k = classify(model, windowText(text, w, false))
    if (best === undefined || k.score > best.score) best = k
    yield
  }
  return rules ? withClassifier(found, best!, model, location) : classifierAloneOf(best!, model, location)
}

/** DLP over a text, window by window (the union of the windows' findings, one per rule and location). */
export function* dlpSteps(k: Kernels, c: CompiledDlp, text: string, location: string, ctx?: ScanContext): Steps {
  if (!k.dlp) return []
  if (text.length <= WHOLE_CHARS) return k.dlpText(c, text, location, ctx)
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const w of windowsOf(text)) {
    for (const f of dlpText(c, windowText(text, w, false), location, ctx)) {
      const key = `${f.rule}\u0000${f.location}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(f)
    }
    yield
  }
  return out
}
