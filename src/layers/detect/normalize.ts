/**
 * Normalisation passes that undo the tricks used to hide text from pattern matching: invisible and
 * bidi-control characters, compatibility forms (NFKC: fullwidth, math alphanumerics), homoglyphs from
 * other scripts, combining marks, leetspeak, exotic whitespace, JSON string escapes and HTML markup.
 * Each pass is a total function; none grows its input by more than a small constant factor.
 */
import { RE2 } from "./re2.ts"

/** Zero-width, bidi-control, tag and variation-selector characters (the Go `InvisibleRanges`). */
const INVISIBLE = /[\u00AD\u115F\u1160\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFE00-\uFE0F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F\uDD00-\uDDEF]/g
/** C0/C1 controls and DEL, except tab, newline and carriage return. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g
/** Whitespace other than space/tab/newline: NBSP, ogham, Mongolian, en/em spaces, line/para separators… */
const EXOTIC_SPACE = /[\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g
const MARKS = /\p{Mn}/gu
const NON_ASCII = /[^\u0000-\u007F]/
const ASCII_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** True when no Unicode pass can change the text (pure ASCII without odd controls). */
export const isPlainAscii = (s: string): boolean => !NON_ASCII.test(s) && !ASCII_CONTROL.test(s)

export const stripInvisible = (s: string): string => s.replace(INVISIBLE, "").replace(CONTROLS, "")

/** Invisible characters become spaces, so `ignore\u200Ball` still reads as two words. */
export const invisibleToSpace = (s: string): string => s.replace(INVISIBLE, " ").replace(CONTROLS, " ")

export const nfkc = (s: string): string => s.normalize("NFKC")

export const dropMarks = (s: string): string => s.normalize("NFD").replace(MARKS, "").normalize("NFC")

export const foldWhitespace = (s: string): string => s.replace(EXOTIC_SPACE, " ")

/** Look-alike letters from other scripts → their Latin twin (Cyrillic, Greek, Armenian, Cherokee, small caps, IPA…). */
const CONFUSABLES: Readonly<Record<string, string>> = (() => {
  const pairs: Array<[string, string]> = [
    // Cyrillic
    ["а", "a"], ["б", "b"], ["в", "b"], ["г", "r"], ["е", "e"], ["ё", "e"], ["з", "3"], ["и", "u"], ["й", "u"], ["к", "k"], ["л", "n"],
    ["м", "m"], ["н", "h"], ["о", "o"], ["п", "n"], ["р", "p"], ["с", "c"], ["т", "t"], ["у", "y"], ["х", "x"], ["ц", "u"],
    ["ч", "4"], ["ш", "w"], ["щ", "w"], ["ъ", "b"], ["ы", "bl"], ["ь", "b"], ["э", "e"], ["ю", "io"], ["я", "r"],
    ["і", "i"], ["ї", "i"], ["ј", "j"], ["ѕ", "s"], ["ԁ", "d"], ["ԛ", "q"], ["ԝ", "w"], ["һ", "h"], ["ӏ", "l"], ["ɡ", "g"],
    ["А", "A"], ["В", "B"], ["Е", "E"], ["К", "K"], ["М", "M"], ["Н", "H"], ["О", "O"], ["Р", "P"], ["С", "C"], ["Т", "T"],
    ["Х", "X"], ["У", "Y"], ["І", "I"], ["Ј", "J"], ["Ѕ", "S"], ["Ԁ", "D"], ["Ԛ", "Q"], ["Ԝ", "W"], ["Һ", "H"], ["Ӏ", "I"],
    ["З", "3"], ["Ь", "b"], ["Ъ", "b"], ["П", "N"], ["Л", "N"], ["Г", "R"], ["Я", "R"], ["Ш", "W"], ["Щ", "W"],
    // Greek
    ["α", "a"], ["β", "b"], ["γ", "y"], ["δ", "d"], ["ε", "e"], ["ζ", "z"], ["η", "n"], ["θ", "o"], ["ι", "i"], ["κ", "k"],
    ["λ", "l"], ["μ", "u"], ["ν", "v"], ["ξ", "e"], ["ο", "o"], ["π", "n"], ["ρ", "p"], ["σ", "o"], ["ς", "c"], ["τ", "t"],
    ["υ", "u"], ["φ", "o"], ["χ", "x"], ["ψ", "w"], ["ω", "w"], ["ά", "a"], ["έ", "e"], ["ή", "n"], ["ί", "i"], ["ό", "o"],
    ["ύ", "u"], ["ώ", "w"],
    ["Α", "A"], ["Β", "B"], ["Γ", "T"], ["Ε", "E"], ["Ζ", "Z"], ["Η", "H"], ["Ι", "I"], ["Κ", "K"], ["Μ", "M"], ["Ν", "N"],
    ["Ο", "O"], ["Ρ", "P"], ["Τ", "T"], ["Υ", "Y"], ["Χ", "X"], ["Ϲ", "C"], ["ϲ", "c"], ["Ϳ", "J"], ["ϳ", "j"],
    // Armenian
    ["օ", "o"], ["ս", "u"], ["հ", "h"], ["ո", "n"], ["ց", "g"], ["զ", "q"], ["ա", "w"], ["ե", "t"], ["ւ", "l"], ["Օ", "O"],
    ["Ս", "U"], ["Տ", "S"], ["Լ", "L"],
    // Cherokee (upper-case forms that look Latin)
    ["Ꭺ", "A"], ["Ᏼ", "B"], ["Ꮯ", "C"], ["Ꭰ", "D"], ["Ꭼ", "E"], ["Ꮐ", "G"], ["Ꮋ", "H"], ["Ꭵ", "i"], ["Ꮶ", "K"], ["Ꮮ", "L"],
    ["Ꮇ", "M"], ["Ꮲ", "P"], ["Ꭱ", "R"], ["Ꮪ", "S"], ["Ꭲ", "T"], ["Ꮩ", "V"], ["Ꮃ", "W"], ["Ꮓ", "Z"],
    // Latin small capitals, IPA and other look-alikes
    ["ᴀ", "a"], ["ʙ", "b"], ["ᴄ", "c"], ["ᴅ", "d"], ["ᴇ", "e"], ["ꜰ", "f"], ["ɢ", "g"], ["ʜ", "h"], ["ɪ", "i"], ["ᴊ", "j"],
    ["ᴋ", "k"], ["ʟ", "l"], ["ᴍ", "m"], ["ɴ", "n"], ["ᴏ", "o"], ["ᴘ", "p"], ["ʀ", "r"], ["ꜱ", "s"], ["ᴛ", "t"], ["ᴜ", "u"],
    ["ᴠ", "v"], ["ᴡ", "w"], ["ʏ", "y"], ["ᴢ", "z"], ["ı", "i"], ["ȷ", "j"], ["ɑ", "a"], ["ɛ", "e"], ["ɩ", "i"], ["ɔ", "c"],
    ["ʋ", "u"], ["ƿ", "p"], ["ǀ", "l"], ["ℓ", "l"], ["℮", "e"], ["ⅼ", "l"], ["ⅰ", "i"], ["ℯ", "e"], ["ℴ", "o"]
  ]
  return Object.fromEntries(pairs)
})()

/** The confusable characters by UTF-16 code unit (the keys are single code units). */
const CONFUSABLE_AT = new Uint8Array(65536)
for (const k of Object.keys(CONFUSABLES)) if (k.length === 1) CONFUSABLE_AT[k.charCodeAt(0)] = 1

/**
 * Each confusable replaced by its twin. A loop over the code units rather than a regex replace with a callback
 * (the same result: the keys are single code units): a few times faster on long texts with a few of them.
 */
export const foldConfusables = (s: string): string => {
  let out = ""
  let last = 0
  for (let i = 0; i < s.length; i++) {
    if (CONFUSABLE_AT[s.charCodeAt(i)] === 1) {
      out += s.slice(last, i) + CONFUSABLES[s[i]]
      last = i + 1
    }
  }
  return last === 0 ? s : out + s.slice(last)
}

const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l" }

/** 1: an ASCII letter; 2: a digit or one of `@$!|` (the characters of a leetspeak word). */
const LEET_KIND = (() => {
  const t = new Uint8Array(128)
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c)
    if (/[A-Za-z]/.test(ch)) t[c] = 1
    else if (/[0-9@$!|]/.test(ch)) t[c] = 2
  }
  return t
})()

/**
 * Leetspeak inside words only (`1gn0r3` → `ignore`): a digit or symbol is folded when it touches a letter,
 * so numbers, versions and dates are left alone.
 */
export const foldLeetspeak = (s: string): string => {
  // A loop doing what `s.replace(/[A-Za-z0-9@$!|]+/g, word => has a letter and a digit or symbol ? word with
  // [013457@$!|] folded : word)` does, without a callback and three regexes per word.
  let out = ""
  let last = 0
  const n = s.length
  let i = 0
  while (i < n) {
    const c = s.charCodeAt(i)
    if (c >= 128 || LEET_KIND[c] === 0) {
      i++
      continue
    }
    const start = i
    let letter = false
    let symbol = false
    for (; i < n; i++) {
      const d = s.charCodeAt(i)
      const k = d < 128 ? LEET_KIND[d] : 0
      if (k === 0) break
      if (k === 1) letter = true
      else symbol = true
    }
    if (!letter || !symbol) continue
    out += s.slice(last, start)
    for (let j = start; j < i; j++) out += LEET[s[j]] ?? s[j]
    last = i
  }
  return last === 0 ? s : out + s.slice(last)
}

/** True when a leetspeak fold could change the text (a digit or symbol inside a word). */
export const hasLeet = (s: string): boolean => /[A-Za-z][013457@$|!][A-Za-z]|\b[013457@$][A-Za-z]{2}/.test(s)

const JSON_ESCAPE = /\\u([0-9a-fA-F]{4})|\\([nrt"'\\/])/g
/** What one JSON_ESCAPE match stands for. */
const unescaped = (hex: string | undefined, c: string | undefined): string =>
  hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c!

/** JSON/JS string escapes (`\n`, `\t`, `\"`, `\uXXXX`) resolved, so text inside JSON reads as text. */
export const unescapeJsonish = (s: string): string =>
  s.includes("\\") ? s.replace(JSON_ESCAPE, (_m, hex: string | undefined, c: string | undefined) => unescaped(hex, c)) : s

/**
 * A view of a text with the positions (in the view, ascending) of the characters a transformation wrote rather
 * than copied: everywhere else the view is the text's own characters, in order. The scanner confirms rules on
 * a view only around those positions (what lies elsewhere it found in the text already).
 */
export interface Tracked {
  readonly text: string
  readonly changed: ReadonlyArray<number>
}

/** Builds a tracked view: stretches copied from the source (carrying its changed positions), characters written. */
class Builder {
  out = ""
  readonly changed: number[] = []
  private k = 0
  private readonly from: ReadonlyArray<number>
  constructor(from: ReadonlyArray<number>) {
    this.from = from
  }
  copy(s: string, a: number, b: number) {
    const from = this.from
    const o = this.out.length
    while (this.k < from.length && from[this.k] < a) this.k++
    while (this.k < from.length && from[this.k] < b) this.changed.push(o + from[this.k++] - a)
    this.out += s.slice(a, b)
  }
  write(t: string) {
    for (let i = 0; i < t.length; i++) this.changed.push(this.out.length + i)
    this.out += t
  }
  done(): Tracked {
    return { text: this.out, changed: this.changed }
  }
}

/** `unescapeJsonish`, tracked. */
export const unescapeJsonishTracked = (s: string): Tracked => {
  if (!s.includes("\\")) return { text: s, changed: [] }
  const b = new Builder([])
  let last = 0
  for (const m of s.matchAll(JSON_ESCAPE)) {
    b.copy(s, last, m.index)
    b.write(unescaped(m[1], m[2]))
    last = m.index + m[0].length
  }
  b.copy(s, last, s.length)
  return b.done()
}

/** `stripMarkup` of a tracked view, tracked (the positions it carried follow their characters). */
export const stripMarkupTracked = (v: Tracked): Tracked => {
  const s = v.text
  if (!s.includes("<")) return v
  const b = new Builder(v.changed)
  // A linear scan: a tag is `<` + letter or `/`, up to the next `>` before any other `<`.
  let i = 0
  while (i < s.length) {
    const lt = s.indexOf("<", i)
    if (lt === -1) break
    b.copy(s, i, lt)
    if (s.startsWith("<!--", lt)) {
      b.write(" ")
      i = lt + 4
      continue
    }
    const next = s.charCodeAt(lt + 1)
    const tagStart = next === 47 || (next >= 65 && next <= 90) || (next >= 97 && next <= 122)
    let j = lt + 1
    while (tagStart && j < s.length && s[j] !== ">" && s[j] !== "<") j++
    if (tagStart && j < s.length && s[j] === ">") {
      b.write(" ")
      i = j + 1
    } else {
      b.copy(s, lt, lt + 1)
      i = lt + 1
    }
  }
  b.copy(s, i, s.length)
  const mid = b.done()
  const t = mid.text
  if (!t.includes("-->")) return mid
  const c = new Builder(mid.changed)
  let at = 0
  for (let p = t.indexOf("-->"); p !== -1; p = t.indexOf("-->", at)) {
    c.copy(t, at, p)
    c.write(" ")
    at = p + 3
  }
  c.copy(t, at, t.length)
  return c.done()
}

/** Unicode tag characters (U+E0020–U+E007E): invisible twins of printable ASCII ("ASCII smuggling"). */
const TAG_CHAR = /\uDB40[\uDC20-\uDC7E]/
const TAG_RUN = /(\uD83C\uDFF4)?((?:\uDB40[\uDC00-\uDC7F])+)/g

/** True when the text carries tag characters that spell something. */
export const hasTagText = (s: string): boolean => TAG_CHAR.test(s)

/**
 * Tag characters turned into the ASCII they mirror, so an instruction hidden in them can be read; the
 * tag sequences of subdivision flags (🏴 + tags, e.g. England) are left alone.
 */
export const revealTags = (s: string): string =>
  s.replace(TAG_RUN, (all, flag: string | undefined, run: string) => {
    if (flag !== undefined) return all
    let out = ""
    for (let i = 0; i < run.length; i += 2) {
      const cp = run.charCodeAt(i + 1) - 0xdc00
      out += cp >= 0x20 && cp <= 0x7e ? String.fromCharCode(cp) : ""
    }
    return ` ${out} `
  })

/** The text hidden in tag characters (outside flag sequences), or "" when there is none. */
export const hiddenTagText = (s: string): string => {
  if (!hasTagText(s)) return ""
  let out = ""
  for (const m of s.matchAll(TAG_RUN)) if (m[1] === undefined) out += revealTags(m[2])
  return out.trim()
}

/** HTML tags replaced by spaces and comment markers removed, so `ignore <b>all</b> previous` reads through. */
export const stripMarkup = (s: string): string => stripMarkupTracked({ text: s, changed: [] }).text

const SPACED = new RE2("(?:\\b[A-Za-z] {1,3}){4,}[A-Za-z]\\b", "gu")
const WORD_BREAK = new RE2(" {2,}", "u")

/**
 * Letters spelled out one by one (`I g n o r e   a l l`) joined back into words: single spaces go, runs
 * of two or more spaces become the word breaks.
 */
export const despace = (s: string): string =>
  s.replace(SPACED, (run: string) => run.split(WORD_BREAK).map((w) => w.split(" ").join("")).join(" "))

/** Vowels folded to `a` (`ignare all praviaas`): catches one-letter misspellings of phrases. */
export const foldVowels = (s: string): string => s.replace(/[eiou]/g, "a").replace(/[EIOU]/g, "A")

/** `forMatching` remembers its last input of at least this many characters and its result. */
const MEMO_MIN = 1024
let memoIn = ""
let memoOut = ""

/** The Go `ForMatching`: controls and invisibles stripped, NFKC, confusables, marks dropped, exotic spaces → space. */
export const forMatching = (s: string): string => {
  if (isPlainAscii(s)) return s
  // The last long text and its form: the injection scanner and the classifier both read a response's normalised
  // text (a string compare is cheap beside NFKC, NFD and NFC over kilobytes).
  if (s.length >= MEMO_MIN && s === memoIn) return memoOut
  // Confusables are folded again after the marks go: a letter with a mark may only then become foldable.
  // Invisibles are stripped again after NFKC: compatibility forms can map onto them (U+FFA0 → U+1160).
  const out = foldWhitespace(foldConfusables(dropMarks(foldConfusables(stripInvisible(nfkc(stripInvisible(s)))))))
  if (s.length >= MEMO_MIN) {
    memoIn = s
    memoOut = out
  }
  return out
}

/** The Go `ForDLP`: like `forMatching`, but exotic whitespace is deleted (secrets do not contain spaces). */
export const forDlp = (s: string): string => {
  if (isPlainAscii(s)) return s
  return foldConfusables(dropMarks(foldConfusables(stripInvisible(nfkc(stripInvisible(s).replace(EXOTIC_SPACE, ""))).replace(EXOTIC_SPACE, ""))))
}
