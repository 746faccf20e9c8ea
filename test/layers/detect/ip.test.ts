/**
 * `ipFamily` (ip.ts) answers exactly what `net.isIP` answers, without Node's regular expressions: on
 * hand-picked edge cases and on many generated strings, valid and invalid, of the characters addresses use.
 */
import { isIP } from "node:net"
import { describe, expect, it } from "vitest"
import { ipFamily } from "../../../src/layers/detect/ip.ts"

/** A small deterministic generator (mulberry32), so a failure reproduces. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const EDGES = [
  "", "1.2.3.4", "01.2.3.4", "1.2.3", "1.2.3.4.5", "256.1.1.1", "255.255.255.255", "0.0.0.0", "1.2.3.04", " 1.2.3.4", "1.2.3.4 ",
  "::", "::1", "1::", ":::", "1:::2", "1::2::3", ":1::", "1::2:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9",
  "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1.2.3.4",
  "::ffff:01.2.3.4", "::1.2.3.4", "1.2.3.4::", "::1.2.3.4:5", "12345::", "FFFF::a", "fe80::1%eth0", "fe80::1%", "fe80::1%a b",
  "fe80::1%a%b", "fe80::1%1:2.x-Y", "%eth0", "1:2:3:4:5::1.2.3.4", "1:2:3:4:5::6:1.2.3.4", "1:2:3:4::5:1.2.3.4", "::g", "[::1]",
  "localhost", "example.com", "1.2.3.4%eth0", "0:0:0:0:0:0:0:0", "::0.0.0.0", "::255.255.255.255", "::256.1.1.1"
]

const ALPHABET = "0123456789abcdefABCDEF:::..%g-"

const randomString = (r: () => number) => {
  const n = Math.floor(r() * 24)
  let s = ""
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)]
  return s
}

/** A valid-looking IPv6 built from groups, sometimes compressed, with a dotted tail or zone, sometimes broken. */
const randomV6 = (r: () => number) => {
  const hex = () => Math.floor(r() * 0x10000).toString(16).slice(0, 1 + Math.floor(r() * 4))
  const v4 = () => Array.from({ length: 4 }, () => String(Math.floor(r() * 300))).join(".")
  const groups = Array.from({ length: 8 }, hex)
  if (r() < 0.3) groups.splice(6, 2, v4())
  let s = groups.join(":")
  if (r() < 0.6) {
    const parts = s.split(":")
    const at = Math.floor(r() * parts.length)
    const len = Math.floor(r() * (parts.length - at + 1))
    s = `${parts.slice(0, at).join(":")}::${parts.slice(at + len).join(":")}`
  }
  if (r() < 0.15) s += `%${["eth0", "", "a b", "x.y-z:1"][Math.floor(r() * 4)]}`
  if (r() < 0.1) s = s.replace(/:/, r() < 0.5 ? ":::" : "")
  return s
}

describe("ipFamily", () => {
  it("answers like net.isIP on edge cases", () => {
    for (const s of EDGES) expect(ipFamily(s), JSON.stringify(s)).toBe(isIP(s))
  })

  it("answers like net.isIP on 40,000 generated strings", () => {
    const r = rng(15)
    const mismatches: string[] = []
    let valid = 0
    for (let i = 0; i < 40_000; i++) {
      const s = i % 2 === 0 ? randomString(r) : randomV6(r)
      const want = isIP(s)
      if (want !== 0) valid++
      if (ipFamily(s) !== want) mismatches.push(s)
    }
    expect(mismatches.slice(0, 10)).toEqual([])
    // The generator reaches both answers often enough to mean something.
    expect(valid).toBeGreaterThan(5_000)
  })
})
