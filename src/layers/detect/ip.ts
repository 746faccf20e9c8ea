/**
 * IP addresses for the SSRF guard: parsing every spelling an attacker may use (decimal `2130706433`,
 * octal `0177.0.0.1`, hex `0x7f000001`, short forms `127.1`, mixed; IPv6 with zone ids, IPv4-mapped
 * `::ffff:127.0.0.1`, NAT64 and 6to4 embeddings), CIDR matching, and classification (loopback, private,
 * link-local, cloud metadata, CGNAT, unique-local, multicast…).
 */
export type Ip = { readonly family: 4; readonly value: number } | { readonly family: 6; readonly bytes: Uint8Array }

/** One dotted-decimal part as `net.isIPv4` takes it: 0–255, no leading zero. */
const strictV4Part = (p: string): boolean => {
  if (p.length === 0 || p.length > 3 || (p.length > 1 && p.charCodeAt(0) === 48)) return false
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return Number(p) <= 255
}

const strictV4 = (s: string): boolean => {
  const parts = s.split(".")
  return parts.length === 4 && parts.every(strictV4Part)
}

/** One group of 1–4 hex digits. */
const hexGroup = (g: string): boolean => {
  if (g.length === 0 || g.length > 4) return false
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i) | 32
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false
  }
  return true
}

/** How many 16-bit groups `groups` spell (a dotted IPv4 tail counts two), or -1 when one is malformed. */
const groupCount = (groups: ReadonlyArray<string>, v4Tail: boolean): number => {
  let n = 0
  for (let i = 0; i < groups.length; i++) {
    if (v4Tail && i === groups.length - 1 && groups[i].includes(".")) {
      if (!strictV4(groups[i])) return -1
      n += 2
    } else if (hexGroup(groups[i])) n++
    else return -1
  }
  return n
}

const zoneChar = (c: number): boolean => (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46

/** Exactly `net.isIPv6`: eight groups, or fewer around one `::` (which stands for at least one), an optional dotted IPv4 tail and `%zone`. */
const isIPv6 = (s: string): boolean => {
  let t = s
  const pct = s.indexOf("%")
  if (pct !== -1) {
    if (pct === s.length - 1) return false
    for (let i = pct + 1; i < s.length; i++) if (!zoneChar(s.charCodeAt(i))) return false
    t = s.slice(0, pct)
  }
  const gap = t.indexOf("::")
  if (gap === -1) return groupCount(t.split(":"), true) === 8
  if (t.indexOf("::", gap + 1) !== -1) return false
  const left = t.slice(0, gap)
  const right = t.slice(gap + 2)
  const l = left === "" ? 0 : groupCount(left.split(":"), false)
  const r = right === "" ? 0 : groupCount(right.split(":"), true)
  return l >= 0 && r >= 0 && l + r <= 7
}

/**
 * `net.isIP` without its regular expressions: Node's IPv6 pattern compiles on first use into ≈ 160 KB of
 * machine code kept for the life of the process, and that compile was ≈ 8% of `pipelock check --url`.
 * 4 for dotted-decimal IPv4, 6 for IPv6 (zone id allowed), else 0 — the same answers (a test compares them).
 */
export const ipFamily = (s: string): 0 | 4 | 6 => (strictV4(s) ? 4 : isIPv6(s) ? 6 : 0)

const parseV4Part = (p: string): number | undefined => {
  if (p === "") return undefined
  if (/^0[xX][0-9a-fA-F]*$/.test(p)) return p.length === 2 ? 0 : parseInt(p.slice(2), 16)
  if (/^0[0-7]+$/.test(p)) return parseInt(p.slice(1), 8)
  if (/^(0|[1-9][0-9]*)$/.test(p)) return Number(p)
  return undefined
}

/** IPv4 in the WHATWG/inet_aton forms: 1 to 4 parts, each decimal, octal (0…) or hex (0x…). */
export const parseIPv4 = (s: string): number | undefined => {
  if (s.length === 0 || s.length > 64) return undefined
  const t = s.endsWith(".") ? s.slice(0, -1) : s
  const parts = t.split(".")
  if (parts.length > 4) return undefined
  const nums: number[] = []
  for (const p of parts) {
    const n = parseV4Part(p)
    if (n === undefined || !Number.isFinite(n)) return undefined
    nums.push(n)
  }
  const last = nums[nums.length - 1]
  if (nums.slice(0, -1).some((n) => n > 255)) return undefined
  if (last >= 256 ** (5 - nums.length)) return undefined
  let value = last
  for (let i = 0; i < nums.length - 1; i++) value += nums[i] * 256 ** (3 - i)
  return value >>> 0
}

/** IPv6 (zone id and brackets stripped) to 16 bytes. */
export const parseIPv6 = (s: string): Uint8Array | undefined => {
  let t = s.startsWith("[") && s.endsWith("]") ? s.slice(1, -1) : s
  const zone = t.indexOf("%")
  if (zone !== -1) t = t.slice(0, zone)
  if (!isIPv6(t)) return undefined
  let head = t
  const bytes = new Uint8Array(16)
  // An embedded dotted IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(head)
  if (dotted) {
    const v4 = parseIPv4(dotted[1])
    if (v4 === undefined) return undefined
    head = head.slice(0, -dotted[1].length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`
  }
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined]
  const l = left === "" ? [] : left.split(":")
  const r = right === undefined || right === "" ? [] : right.split(":")
  const groups = right === undefined ? l : [...l, ...Array(8 - l.length - r.length).fill("0"), ...r]
  if (groups.length !== 8) return undefined
  groups.forEach((g, i) => {
    const n = parseInt(g, 16)
    bytes[i * 2] = n >> 8
    bytes[i * 2 + 1] = n & 0xff
  })
  return bytes
}

/** Any spelling of an IP address, or undefined for a name. */
export const parseIp = (host: string): Ip | undefined => {
  const h = host.trim().toLowerCase()
  if (h.includes(":") || h.startsWith("[")) {
    const bytes = parseIPv6(h)
    return bytes === undefined ? undefined : { family: 6, bytes }
  }
  const v4 = parseIPv4(h)
  return v4 === undefined ? undefined : { family: 4, value: v4 }
}

export const formatIPv4 = (v: number): string => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join(".")

/** The IPv4 address an IPv6 one carries (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
export const embeddedIPv4 = (b: Uint8Array): number | undefined => {
  const tail = ((b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15]) >>> 0
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0)
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return tail
  if (zero(0, 12) && tail > 1) return tail
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return tail
  if (b[0] === 0x20 && b[1] === 0x02) return ((b[2] << 24) | (b[3] << 16) | (b[4] << 8) | b[5]) >>> 0
  return undefined
}

export interface Cidr {
  readonly family: 4 | 6
  readonly bits: number
  readonly v4?: number
  readonly v6?: Uint8Array
}

export const parseCidr = (s: string): Cidr | undefined => {
  const [addr, bitsText] = s.split("/")
  const ip = parseIp(addr)
  if (ip === undefined) return undefined
  const max = ip.family === 4 ? 32 : 128
  const bits = bitsText === undefined ? max : Number(bitsText)
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return undefined
  return ip.family === 4 ? { family: 4, bits, v4: ip.value } : { family: 6, bits, v6: ip.bytes }
}

const inV4 = (v: number, c: Cidr) => c.bits === 0 || ((v ^ c.v4!) >>> (32 - c.bits)) === 0

const inV6 = (b: Uint8Array, c: Cidr) => {
  const full = Math.floor(c.bits / 8)
  for (let i = 0; i < full; i++) if (b[i] !== c.v6![i]) return false
  const rest = c.bits % 8
  if (rest === 0) return true
  const mask = (0xff << (8 - rest)) & 0xff
  return (b[full] & mask) === (c.v6![full] & mask)
}

/** Whether an address is in a CIDR (an IPv6 address carrying an IPv4 one is also checked as that IPv4). */
export const inCidr = (ip: Ip, c: Cidr): boolean => {
  if (ip.family === 4) return c.family === 4 && inV4(ip.value, c)
  if (c.family === 6) return inV6(ip.bytes, c)
  const v4 = embeddedIPv4(ip.bytes)
  return v4 !== undefined && inV4(v4, c)
}

export type AddressClass =
  | "loopback" | "private" | "link_local" | "metadata" | "cgnat" | "unique_local" | "multicast" | "unspecified" | "reserved" | "public"

const V4_CLASSES: ReadonlyArray<[string, AddressClass]> = [
  ["169.254.169.254/32", "metadata"], ["169.254.170.2/32", "metadata"], ["169.254.169.123/32", "metadata"],
  ["100.100.100.200/32", "metadata"], ["192.0.0.192/32", "metadata"], ["168.63.129.16/32", "metadata"],
  ["0.0.0.0/8", "unspecified"], ["127.0.0.0/8", "loopback"], ["10.0.0.0/8", "private"], ["172.16.0.0/12", "private"],
  ["192.168.0.0/16", "private"], ["169.254.0.0/16", "link_local"], ["100.64.0.0/10", "cgnat"], ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"], ["192.0.0.0/24", "reserved"], ["198.18.0.0/15", "reserved"]
]
const V6_CLASSES: ReadonlyArray<[string, AddressClass]> = [
  ["fd00:ec2::254/128", "metadata"], ["::1/128", "loopback"], ["::/128", "unspecified"], ["fc00::/7", "unique_local"],
  ["fe80::/10", "link_local"], ["ff00::/8", "multicast"]
]
const compiled4 = V4_CLASSES.map(([c, k]) => [parseCidr(c)!, k] as const)
const compiled6 = V6_CLASSES.map(([c, k]) => [parseCidr(c)!, k] as const)

/** What kind of address this is; an IPv6 address embedding an IPv4 one is classified by the IPv4. */
export const classifyAddress = (ip: Ip): AddressClass => {
  if (ip.family === 6) {
    for (const [c, k] of compiled6) if (inV6(ip.bytes, c)) return k
    const v4 = embeddedIPv4(ip.bytes)
    return v4 === undefined ? "public" : classifyAddress({ family: 4, value: v4 })
  }
  for (const [c, k] of compiled4) if (inV4(ip.value, c)) return k
  return "public"
}

/** The canonical text of an address (IPv4 dotted quad; IPv6 as given by Node's formatting of the bytes). */
export const formatIp = (ip: Ip): string => {
  if (ip.family === 4) return formatIPv4(ip.value)
  const groups: string[] = []
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] << 8) | ip.bytes[i + 1]).toString(16))
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::")
}
