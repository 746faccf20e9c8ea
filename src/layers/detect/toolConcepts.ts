/**
 * Concept tokens for the tool classifier (issue 14, tool poisoning that generalises): a poisoned tool from a
 * source nobody here has read words its harm differently from our training rows, but it still names the same
 * things — a secret or credential file, sending or reading, an outside party, hiding something, the model as
 * the addressee, an obligation, an override, the conversation. `toolModelInput` puts after each word of a
 * tool definition's text that belongs to such a class a token for the class (`password` → `password zsecret`,
 * `~/.ssh/id_rsa` → `~/.ssh zsecret/id_rsa zsecret zpath`, a host name → `host.net zdomain`), so the linear
 * model also learns weights for the classes and their bigrams, not only for the words our rows happened to use.
 * At the end of each sentence (`.`, `!`, `?`, `;` or a line break) it adds a token for every pair of concepts the
 * sentence named (`zqpersonalthird` for "shares your contacts with ad partners"), so the model sees "personal
 * data … a third party" in one sentence whatever the words and their order.
 *
 * The pair tokens and the classes of `MORE` came with the tool batches 9-15: the tool model left out of each of
 * ten sources scored a mean 80.1% → 81.6% at `flag` with them (same data and options otherwise).
 *
 * Negation: after `never`, `not`, `no`, `without`, `…n't` and the like, a concept in the rest of the clause (to a
 * comma, colon or sentence end) is `zno…` instead (`never reads the keys` → `reads znoread the keys zsecret`), so
 * "it never reads key contents" is not "it reads key contents". With it, and "report(s)" and "permissions"
 * out of the classes (in tool descriptions they mostly mean telling the user and file modes), a benign SSH
 * permission auditor no longer reached the tool model's `block`; leave-one-source-out over the batches 9-19 the
 * model alone then blocks 33.5% of the poisoned tools for 1 of 507 ordinary and 9 of 625 near-miss tools (41.9%,
 * 2 and 18 before, when that auditor was blocked).
 *
 * Measured first with `npm run bench:detect tools` (the tool model trained without cisco-ai-defense, scored on its
 * 31 poisoned tools at `flag`): 12/31 → 15/31 with the committed seed, and +3 to +7 over three other seeds; the
 * word lists were written from the class descriptions, not from those rows. See docs/detection.md.
 *
 * One pass over the characters, no regular expression; the tool model reads this text both in training
 * (scripts/train-detect.ts) and in `scanTool`.
 */

const LEXICON: Readonly<Record<string, string>> = {
  zsecret:
    "passphrase pin ssn cvv logins authorized_keys keystore password passwords passwd credential credentials secret secrets token tokens apikey api_key id_rsa id_ed25519 ssh kubeconfig cookie cookies keychain wallet seed pem shadow netrc gnupg pgp privatekey keys env dotenv aws private mnemonic",
  zsend:
    "send sends sent sending upload uploads uploaded uploading post posts posted posting forward forwards forwarded forwarding transmit transmits transmitted exfiltrate exfiltrates mirror mirrors mirrored sync syncs synced relay relays ship ships shipped stream streams streamed leak leaks share shares shared push pushes pushed transfer transfers transferred copy copies copied email emails",
  zoutside: "external remote outside attacker partner vendor author developer third thirdparty server endpoint webhook collector collection analytics telemetry",
  zhide: "secretly silently quietly hidden hide hides conceal conceals covert covertly background invisible confidential discreetly stealth stealthily unnoticed undisclosed",
  zmodel: "assistant agent model ai llm claude gpt",
  zmust: "must always never required mandatory important critical immediately",
  zoverride: "ignore ignores override overrides disregard supersede supersedes precedence outrank outranks instead bypass",
  zread: "read reads reading open opens cat collect collects gather gathers extract extracts harvest harvests dump dumps scan scans locate locates access accesses retrieve retrieves grab grabs",
  zhistory: "conversation conversations history transcript transcripts chat messages prompt"
}
/**
 * Classes added with the tool batches 9-15 (2026-12-05): personal data, third parties that buy or receive it,
 * consent and its absence, switches that turn a safeguard off, and what happens by default.
 */
const MORE: Readonly<Record<string, string>> = {
  zpersonal: "personal contacts contact location locations gps whereabouts browsing health medical biometric biometrics photos calendar identity demographic demographics profile profiles purchase purchases phone address addresses birthday diagnosis salary habits behavior behaviour",
  zthird: "partners partner advertisers advertiser advertising ads brokers broker affiliates affiliate marketers marketing sponsors monetize monetise monetization sell sells sold resell buyers",
  zconsent: "consent consents permission approval approve approves confirmation confirm confirms prompting asking ask notify notifying notification opt opted opting agree agreed",
  zbypass: "skip skips skipping disable disables disabled unrestricted unchecked unverified insecure force forced bypassing suppress suppresses waive waives without",
  zauto: "automatically auto default defaults enrolled enabled preselected implicitly"
}

const CONCEPT = new Map<string, string>()
for (const [concept, words] of Object.entries({ ...LEXICON, ...MORE })) for (const w of words.split(" ")) CONCEPT.set(w, concept)

/** The concept tokens themselves (to strip them from an excerpt shown to a person). */
const CONCEPTS = [...Object.keys(LEXICON), ...Object.keys(MORE)]
const BASE_TOKENS = [...CONCEPTS, ...CONCEPTS.map((c) => `zno${c.slice(1)}`), "zdomain", "zpath"]
/** The token for two concepts in one sentence, whatever their order and distance: `zqsecretsend`. */
const pairToken = (a: string, b: string): string => (a < b ? `zq${a.slice(1)}${b.slice(1)}` : `zq${b.slice(1)}${a.slice(1)}`)
export const CONCEPT_TOKENS: ReadonlyArray<string> = [...BASE_TOKENS, ...BASE_TOKENS.flatMap((a) => BASE_TOKENS.filter((b) => a < b).map((b) => pairToken(a, b)))]

const TLDS = new Set(["com", "net", "org", "io", "dev", "app", "biz", "cc", "xyz", "co", "ru", "cn", "info", "cloud", "site", "me", "ai"])

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11
const isLetterish = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 39 || c === 46
const isLabelChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45

/** Where a host name (`a.b.tld` with a common TLD, possibly in a URL or after `@`) ends in a chunk, else -1. */
const domainEnd = (chunk: string): number => {
  const s = chunk.toLowerCase()
  const scheme = s.indexOf("://")
  let start = scheme === -1 ? 0 : scheme + 3
  const at = s.lastIndexOf("@")
  if (at >= start) start = at + 1
  while (start < s.length && !isLabelChar(s.charCodeAt(start))) start++
  let end = start
  while (end < s.length && (isLabelChar(s.charCodeAt(end)) || s.charCodeAt(end) === 46)) end++
  while (end > start && s.charCodeAt(end - 1) === 46) end--
  const labels = s.slice(start, end).split(".")
  return labels.length >= 2 && labels.every((l) => l !== "") && TLDS.has(labels[labels.length - 1]) ? end : -1
}

/** Whether a chunk starts (after quotes or brackets) with a home or system path. */
const isPath = (chunk: string): boolean => {
  let i = 0
  while (i < chunk.length && (chunk[i] === "`" || chunk[i] === "'" || chunk[i] === '"' || chunk[i] === "(" || chunk[i] === "[")) i++
  return chunk.startsWith("~/", i) || chunk.startsWith("/etc/", i) || chunk.startsWith("/home/", i) || chunk.startsWith("$HOME", i)
}

/** Words that negate the rest of their clause ("never reads the keys", "without asking"). */
const NEGATORS = new Set(["never", "not", "no", "nothing", "none", "without", "cannot", "neither", "nor"])
const isNegator = (w: string): boolean => NEGATORS.has(w) || w.endsWith("n't")
/** A concept under negation: `zread` → `znoread`. */
const negated = (c: string): string => `zno${c.slice(1)}`

interface Clause {
  /** A negator came earlier in this clause. */
  neg: boolean
}

/**
 * The chunk with a concept token after each word that has one (negated after a negator in the clause), `zdomain`
 * after a host name, `zpath` after a path; the concepts go into `seen` for the sentence's pair tokens.
 */
const withConcepts = (chunk: string, parts: string[], seen: Set<string>, clause: Clause): void => {
  const host = domainEnd(chunk)
  let hostDone = host === -1
  let i = 0
  let copied = 0
  while (i < chunk.length) {
    if (!hostDone && i === host) {
      parts.push(chunk.slice(copied, i), " zdomain")
      seen.add("zdomain")
      copied = i
      hostDone = true
    }
    if (!isLetterish(chunk.charCodeAt(i))) {
      i++
      continue
    }
    const start = i++
    while (i < chunk.length && isLetterish(chunk.charCodeAt(i)) && (hostDone || i !== host)) i++
    let w = chunk.slice(start, i).toLowerCase()
    while (w.startsWith(".")) w = w.slice(1)
    while (w.endsWith(".")) w = w.slice(0, -1)
    if (w.endsWith("'s")) w = w.slice(0, -2)
    const found = CONCEPT.get(w)
    if (found !== undefined) {
      const c = clause.neg ? negated(found) : found
      seen.add(c)
      parts.push(chunk.slice(copied, i), ` ${c}`)
      copied = i
    }
    // A negator negates the words after it, not itself ("without" is also a bypass word).
    if (isNegator(w)) clause.neg = true
  }
  parts.push(chunk.slice(copied))
  if (!hostDone) {
    parts.push(" zdomain")
    seen.add("zdomain")
  }
  if (isPath(chunk)) {
    parts.push(" zpath")
    seen.add("zpath")
  }
}

/** Characters of pair tokens a text may add beyond its own length. */
const PAIR_BUDGET = 4096

/** The text the tool classifier reads: the tool document with concept tokens after the words that have one. */
export const toolModelInput = (text: string): string => {
  const parts: string[] = []
  const n = text.length
  const seen = new Set<string>()
  // Pair tokens are bounded in total (characters): a sentence naming many concepts adds up to 561 pairs, so short
  // sentences packed with them would otherwise make the model's input some 30 times the definition's size.
  let pairBudget = PAIR_BUDGET + n
  const flush = () => {
    if (seen.size >= 2 && pairBudget > 0) {
      const cs = [...seen].sort()
      for (let a = 0; a < cs.length && pairBudget > 0; a++) {
        for (let b = a + 1; b < cs.length && pairBudget > 0; b++) {
          const token = ` ${pairToken(cs[a], cs[b])}`
          parts.push(token)
          pairBudget -= token.length
        }
      }
    }
    seen.clear()
    clause.neg = false
  }
  const clause: Clause = { neg: false }
  let i = 0
  while (i < n) {
    const start = i
    while (i < n && isSpace(text.charCodeAt(i))) i++
    if (i > start) {
      if (text.slice(start, i).includes("\n")) flush()
      parts.push(text.slice(start, i))
    }
    const from = i
    while (i < n && !isSpace(text.charCodeAt(i))) i++
    if (i > from) {
      const chunk = text.slice(from, i)
      withConcepts(chunk, parts, seen, clause)
      const last = chunk.charCodeAt(chunk.length - 1)
      if (last === 46 || last === 33 || last === 63 || last === 59) flush()
      else if (last === 44 || last === 58) clause.neg = false
    }
  }
  flush()
  return parts.join("")
}

const TOKEN_SET: ReadonlySet<string> = new Set(CONCEPT_TOKENS)

/** An excerpt of `toolModelInput` text without the concept tokens (for a finding's evidence): each ` z…` that is one. */
export const withoutConcepts = (excerpt: string): string => {
  const parts: string[] = []
  let copied = 0
  let i = excerpt.indexOf(" z")
  while (i !== -1) {
    let j = i + 2
    while (j < excerpt.length && excerpt.charCodeAt(j) >= 97 && excerpt.charCodeAt(j) <= 122) j++
    if (TOKEN_SET.has(excerpt.slice(i + 1, j))) {
      parts.push(excerpt.slice(copied, i))
      copied = j
    }
    i = excerpt.indexOf(" z", j)
  }
  parts.push(excerpt.slice(copied))
  return parts.join("")
}
