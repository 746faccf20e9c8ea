/** Shannon entropy (bits per character): random tokens score high, words and hex hashes lower. */
export const shannon = (s: string): number => {
  if (s.length === 0) return 0
  const counts = new Map<string, number>()
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let h = 0
  const n = [...s].length
  for (const c of counts.values()) {
    const p = c / n
    h -= p * Math.log2(p)
  }
  return h
}

/** A letter or digit's place in its run (`a`–`z` and `A`–`Z` alike 0–25, `0`–`9` 100–109); -1 for anything else. */
const stepCode = (c: number): number =>
  c >= 97 && c <= 122 ? c - 97 : c >= 65 && c <= 90 ? c - 65 : c >= 48 && c <= 57 ? 100 + c - 48 : -1

/**
 * How a token body steps through the alphabet and the digits: the pairs of neighbouring letters or digits in its
 * groups (runs between `-`, `_`, `.` and the like) that hold a letter, and how many of them step up by one (`ab`,
 * `Bc`, `78`, with `z`→`a` and `9`→`0`). Groups of digits only are ids (`xoxb-<team>-<user>-<secret>`) and are not
 * counted. A generated body of letters and digits has about one step in thirty; one typed to look like a key
 * (`abc123xyz-456de-klMnopqrstuvwx-…`) is mostly steps.
 */
export const steps = (s: string): { readonly pairs: number; readonly up: number } => {
  let pairs = 0
  let up = 0
  let start = 0
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && stepCode(s.charCodeAt(i)) !== -1) continue
    // One group: s[start, i).
    let letter = false
    for (let j = start; j < i; j++) if (stepCode(s.charCodeAt(j)) < 100) letter = true
    if (letter) {
      for (let j = start + 1; j < i; j++) {
        const a = stepCode(s.charCodeAt(j - 1))
        const b = stepCode(s.charCodeAt(j))
        pairs++
        if ((a < 100) !== (b < 100)) continue
        if (b === a + 1 || (a === 25 && b === 0) || (a === 109 && b === 100)) up++
      }
    }
    start = i + 1
  }
  return { pairs, up }
}

/**
 * A token body typed, not generated: over `minPairs` pairs of neighbouring characters (see `steps`), half or more
 * step through the alphabet or the digits. Short bodies say too little: the floor is the caller's.
 */
export const sequentialBody = (s: string, minPairs: number): boolean => {
  const { pairs, up } = steps(s)
  return pairs >= minPairs && up * 2 >= pairs
}
