/**
 * Checksum validators, so random look-alikes of card numbers, IBANs and crypto keys do not fire:
 * Luhn (+ card issuer prefix and length), ISO 13616 mod-97 (+ country length), ABA routing numbers,
 * Base58Check (bitcoin WIF keys and P2PKH/P2SH addresses), bech32/bech32m, EIP-55 and BIP-39 mnemonics.
 * The encodings and hashes come from audited libraries (@scure/base, @noble/hashes, @scure/bip39).
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { keccak_256 } from "@noble/hashes/sha3.js"
import { base58, bech32, bech32m } from "@scure/base"
import { validateMnemonic } from "@scure/bip39"
import { wordlist } from "@scure/bip39/wordlists/english.js"

const digitsOf = (s: string) => s.replace(/[^0-9]/g, "")

/** Luhn mod-10 over the digits of `s`. */
export const luhn = (s: string): boolean => {
  const d = digitsOf(s)
  if (d.length < 12) return false
  let sum = 0
  for (let i = 0; i < d.length; i++) {
    let n = d.charCodeAt(d.length - 1 - i) - 48
    if (i % 2 === 1) {
      n *= 2
      if (n > 9) n -= 9
    }
    sum += n
  }
  return sum % 10 === 0
}

/** A card number: Luhn-valid with a known issuer prefix and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay). */
export const cardNumber = (s: string): boolean => {
  const d = digitsOf(s)
  if (!luhn(d)) return false
  if (/^(.)\1+$/.test(d)) return false
  const n = d.length
  // Visa: 16 or 19 digits (13-digit numbers were retired, and EAN-13 barcodes starting with 4 look alike).
  if (/^4/.test(d)) return n === 16 || n === 19
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(d)) return n === 16
  if (/^3[47]/.test(d)) return n === 15
  if (/^(6011|65|64[4-9]|622)/.test(d)) return n >= 16 && n <= 19
  if (/^35(2[89]|[3-8]\d)/.test(d)) return n >= 16 && n <= 19
  if (/^3(0[0-5]|[689])/.test(d)) return n >= 14 && n <= 19
  if (/^62/.test(d)) return n >= 16 && n <= 19
  return false
}

/** IBAN lengths by country (ISO 13616 registry). */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
  VG: 24, XK: 20
}

/**
 * IBAN: known country, its length, and mod-97 = 1. A spaced match may run into the next word
 * (`de89 3704 … 00 please`): it is cut at the country's length when that falls on a word break.
 */
export const iban = (s: string): boolean => {
  const len0 = IBAN_LENGTH[s.slice(0, 2).toUpperCase()]
  if (len0 !== undefined && s.includes(" ")) {
    let n = 0
    for (let i = 0; i < s.length; i++) {
      if (s[i] !== " ") n++
      if (n === len0) {
        if (i + 1 < s.length && s[i + 1] !== " ") break
        return ibanExact(s.slice(0, i + 1))
      }
    }
  }
  return ibanExact(s)
}

const ibanExact = (s: string): boolean => {
  const t = s.replace(/\s+/g, "").toUpperCase()
  const len = IBAN_LENGTH[t.slice(0, 2)]
  if (len === undefined || t.length !== len || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(t)) return false
  const rearranged = t.slice(4) + t.slice(0, 4)
  let rem = 0
  for (const ch of rearranged) {
    const v = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch
    for (const digit of v) rem = (rem * 10 + (digit.charCodeAt(0) - 48)) % 97
  }
  return rem === 1
}

/** ABA routing number (US): 9 digits, weighted checksum 3-7-1. */
export const aba = (s: string): boolean => {
  const d = digitsOf(s)
  if (d.length !== 9 || /^0+$/.test(d)) return false
  const w = [3, 7, 1]
  let sum = 0
  for (let i = 0; i < 9; i++) sum += (d.charCodeAt(i) - 48) * w[i % 3]
  return sum % 10 === 0
}

const sha256d = (b: Uint8Array) => sha256(sha256(b))

/** Base58Check payload (version byte included), or undefined when the checksum fails. */
export const base58check = (s: string): Uint8Array | undefined => {
  let raw: Uint8Array
  try {
    raw = base58.decode(s)
  } catch {
    return undefined
  }
  if (raw.length < 5) return undefined
  const payload = raw.slice(0, -4)
  const check = sha256d(payload).slice(0, 4)
  for (let i = 0; i < 4; i++) if (check[i] !== raw[raw.length - 4 + i]) return undefined
  return payload
}

/** A bitcoin WIF private key: Base58Check, version 0x80 (mainnet) or 0xef (testnet), 32-byte key (+ 0x01 compressed flag). */
export const wif = (s: string): boolean => {
  const p = base58check(s)
  if (p === undefined) return false
  if (p[0] !== 0x80 && p[0] !== 0xef) return false
  return p.length === 33 || (p.length === 34 && p[33] === 0x01)
}

/** A bitcoin P2PKH/P2SH address (mainnet 0x00/0x05, testnet 0x6f/0xc4) with a valid checksum. */
export const btcAddress = (s: string): boolean => {
  const p = base58check(s)
  return p !== undefined && p.length === 21 && [0x00, 0x05, 0x6f, 0xc4].includes(p[0])
}

/** A segwit address (bech32 for v0, bech32m for v1+) with a valid checksum. */
export const bech32Address = (s: string): boolean => {
  const t = s.toLowerCase()
  for (const codec of [bech32, bech32m]) {
    try {
      const { prefix, words } = codec.decode(t as `${string}1${string}`, 90)
      if ((prefix === "bc" || prefix === "tb") && words.length > 0) return true
    } catch {
      // try the other variant
    }
  }
  return false
}

/** An Ethereum address: all-lower or all-upper hex, or mixed case with a valid EIP-55 checksum. */
export const ethAddress = (s: string): boolean => {
  const hex = s.slice(2)
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) return false
  if (/^0+$/.test(hex)) return false
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true
  const hash = keccak_256(new TextEncoder().encode(hex.toLowerCase()))
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 0xf
    const c = hex[i]
    if (/[a-f]/.test(c) && nibble >= 8) return false
    if (/[A-F]/.test(c) && nibble < 8) return false
  }
  return true
}

/** BIP-39 English words. */
export const bip39Words: ReadonlySet<string> = new Set(wordlist)

/** A BIP-39 mnemonic (12–24 English words) whose checksum is valid. */
export const bip39Checksum = (words: ReadonlyArray<string>): boolean => validateMnemonic(words.join(" "), wordlist)

const PLACEHOLDER = /^(?:\*+|x+|\.+|changeme|change_me|password|secret|example|sample|dummy|placeholder|redacted|null|none|undefined|true|false|your[_-].*|<.*>|\$\{.*\}|\{\{.*\}\}|%.*%|\$[A-Z_]+)$/i

/**
 * Code that reads a secret rather than a secret: `os.environ["X"]`, `os.getenv('X')`, `process.env.X`,
 * `settings.SECRET_KEY`, `config.get(…)`, `getpass()`, `request.form["password"]`, `%(password)s`.
 */
const CODE_EXPRESSION = /^(?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*(?:\s*[([]|$)|^[A-Za-z_$][\w$]*\s*[([]|^%\(\w+\)s$/

/** A credential value that is a real secret, not a placeholder (`${TOKEN}`, `<your-key>`, `****`, `changeme`) or code reading one. */
export const credentialValue = (value: string): boolean => {
  const v = value.replace(/^["']|["']$/g, "").replace(/[),;\]]+$/, "").replace(/["']$/, "")
  if (v.length < 8) return false
  if (PLACEHOLDER.test(v)) return false
  if (CODE_EXPRESSION.test(v)) return false
  if (placeholderToken(v)) return false
  if (/change[-_ ]?me|replace[-_ ]?me|(?:^|[-_ ])your[-_ ]|placeholder|insert[-_ ]|\.\.\.|\.\.$|\u2026|redacted|^[([{]/i.test(v)) return false
  if (/^(?:your|my|the)[_-]?(?:api|secret|password|token|key)/i.test(v)) return false
  if (/^[a-z]+$/.test(v) && v.length < 16) return false
  if (/(.)\1{5,}/.test(v) && new Set(v).size <= 3) return false
  return true
}

/**
 * A token whose body is a placeholder (`ghp_xxxxxxxxxxxx`, `sk_live_****`, `…your_key_here`, `…TokenHere`, `####`), as in
 * README templates and docs. Zero-filled and FAKE/TEST/EXAMPLE bodies are not placeholders: they are
 * what synthetic leaks look like.
 */
export const placeholderToken = (m: string): boolean =>
  /x{6,}|\*{4,}|\u2022{4,}|#{4,}|(?:your|my)[_-](?:api[_-]|access[_-]|secret[_-])?(?:key|token|secret)|_here\b|(?:token|key|secret|string|value|password)here\b|replace[_-]?me\b|<[^>]{2,40}>/i.test(m)
