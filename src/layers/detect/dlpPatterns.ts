/**
 * The built-in DLP catalogue: the Go Pipelock's 48 `Defaults()` patterns (names, severities and validators
 * as in its code) and the presets' "Ethereum Address" (the Go-named patterns, which `include_defaults` governs
 * as in Go); additions of ours (always on); and gitleaks' catalogue (generated into dlpGitleaks.ts by
 * `npm run gen:dlp`, named `gitleaks:<id>`, always on). Ours compile case-insensitively as Go does; gitleaks'
 * regexes keep their own case rules. Provider keys carry the provider's own domains as default
 * `exempt_domains`: a key sent to its issuer (an Anthropic key to api.anthropic.com) is how it is meant to
 * be used, the same key sent anywhere else is a leak. `dlp.disabled_rules` turns built-in rules off by name
 * or glob (`gitleaks:*`); the core set cannot be turned off.
 */
import type { Severity } from "../../services/Verdict.ts"
import { gitleaksRules } from "./dlpGitleaks.ts"

export type Validator = "luhn" | "mod97" | "aba" | "wif" | "eth" | "btc" | "bech32" | "credential" | "urlCredential" | "fragment" | "awsKeyId" | "privateKey" | "assignment"

/**
 * How a rule ranks when several find the same secret: a `format` rule (a credential format of ours or the
 * user's) always reports; a `catalogue` rule (gitleaks) reports what no format rule found; a `generic` rule
 * (credential-named keys, assignments) reports what no other rule found. A match claimed by a rule that is
 * exempt for the destination host is exempt for every rule.
 */
export type RuleKind = "format" | "catalogue" | "generic"

export interface DlpPatternSpec {
  readonly name: string
  readonly regex: string
  readonly severity: Severity
  readonly validator?: Validator | undefined
  readonly exempt_domains?: ReadonlyArray<string> | undefined
  /** `warn`: informational only, never blocks (for rolling out a new user pattern). */
  readonly action?: "warn" | undefined
  /**
   * Lower-case literals one of which occurs in every match (the prefilter: the rule runs only around them).
   * None, or one shorter than 3 characters (too common to narrow anything): the rule runs over the whole text.
   */
  readonly keywords?: ReadonlyArray<string> | undefined
  /** gitleaks' regexes keep their own case rules; ours and users' compile with `(?i)` as Go does. */
  readonly caseSensitive?: boolean | undefined
  readonly kind?: RuleKind | undefined
  /**
   * Every match holds one of `keywords` in a key name, then the assignment operator after it across name
   * characters, quotes and blanks only: a keyword with no operator after it opens no window (the prefilter).
   */
  readonly keyThenOperator?: boolean | undefined
  /** A gitleaks rule's secret extraction, entropy floor and allowlists. */
  readonly gitleaks?: (Pick<GitleaksRule, "secretGroup" | "entropy" | "allowlists"> & {
    /** A distinct token format: a match that starts inside a word (`…Zxoxa-2QfT…` in a document id) is not one. */
    readonly startsToken?: boolean | undefined
  }) | undefined
}

/**
 * A gitleaks allowlist (one of a rule's, or the global one): a finding is dropped when its secret (or the whole
 * match, or its line, per `regexTarget`) matches one of `regexes`, or its secret contains one of `stopwords`
 * (lower case); with `condition: "AND"` every criterion given must hold.
 */
export interface GitleaksAllowlist {
  readonly condition?: "AND" | undefined
  readonly regexTarget?: "match" | "line" | undefined
  readonly regexes?: ReadonlyArray<string> | undefined
  readonly stopwords?: ReadonlyArray<string> | undefined
}

/** A rule of gitleaks' catalogue (generated into dlpGitleaks.ts by `npm run gen:dlp`). */
export interface GitleaksRule {
  readonly id: string
  readonly description: string
  /** Go RE2 syntax, case-sensitive unless it says `(?i)`. */
  readonly regex: string
  /** The capture group holding the secret; else the first group that matched, else the whole match. */
  readonly secretGroup?: number | undefined
  /** Shannon entropy (bits per character) the secret must exceed. */
  readonly entropy?: number | undefined
  /** Lower-case literals one of which occurs wherever the rule can match (the prefilter). */
  readonly keywords: ReadonlyArray<string>
  /** gitleaks applies the rule to files of this path only; a request body has none, so it applies everywhere. */
  readonly path?: string | undefined
  readonly allowlists?: ReadonlyArray<GitleaksAllowlist> | undefined
}

const p = (name: string, regex: string, severity: Severity, extra: Partial<DlpPatternSpec> = {}): DlpPatternSpec => ({ name, regex, severity, ...extra })
const issuer = (...domains: string[]) => ({ exempt_domains: domains })
const kw = (...keywords: string[]) => ({ keywords })

const github = issuer("github.com", "*.github.com", "*.githubusercontent.com")
const google = issuer("*.googleapis.com", "*.google.com", "accounts.google.com")

/**
 * The key names that say a value is a credential, as a regex fragment (case-insensitive): `*_token`,
 * `*secret*`-ending names, `api_key`, `password`, `Authorization`, `<provider>_key`… A name such as `max_tokens`,
 * `tokenizer`, `secretary` or `primary_key` does not end in one (or is excluded: `public_key`, `key_id`).
 */
export const CREDENTIAL_KEY_WORDS =
  "(?:token|secret|passw(?:or)?d|pwd|passphrase|[_.-]pass|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|private[_.-]?key|signing[_.-]?key|" +
  "encryption[_.-]?key|master[_.-]?key|client[_.-]?secret|credentials?|authorization|auth|bearer|session[_.-]?key|cookie|[_.-]key|mnemonic|seed[_.-]?phrase)"

/** Keywords of the credential-assignment rule: one occurs (case-insensitively) in every name CREDENTIAL_KEY_WORDS matches. */
export const CREDENTIAL_KEYWORDS = [
  "token", "secret", "passw", "pwd", "passphrase", "_pass", "-pass", ".pass", "_key", "-key", ".key", "apikey", "accesskey", "authkey", "privatekey",
  "signingkey", "encryptionkey", "masterkey", "sessionkey", "credential", "auth", "bearer", "cookie", "mnemonic", "phrase"
]

/**
 * The Go-named catalogue, in Go's order: the 48 `Defaults()` patterns and the presets' "Ethereum Address".
 * `include_defaults: false` drops these unless the config lists them (as the presets do).
 */
export const goDlpPatterns: ReadonlyArray<DlpPatternSpec> = [
  p("Anthropic API Key", "sk-ant-[a-zA-Z0-9\\-_]{10,}", "critical", { ...issuer("*.anthropic.com"), ...kw("sk-ant-") }),
  p("OpenAI API Key", "sk-proj-[a-zA-Z0-9\\-_]{10,}", "critical", { ...issuer("*.openai.com"), ...kw("sk-proj-") }),
  p("OpenAI Service Key", "sk-svcacct-[a-zA-Z0-9\\-]{10,}", "critical", { ...issuer("*.openai.com"), ...kw("sk-svcacct-") }),
  p("Fireworks API Key", "fw_[a-zA-Z0-9]{24,}", "critical", { ...issuer("*.fireworks.ai"), ...kw("fw_") }),
  // Go: `AIza[0-9A-Za-z\-_]{35}` under its (?i): it fires inside longer tokens and on upper-case look-alikes.
  // A key starts a token, has exactly 35 characters after its case-sensitive prefix, and ends there.
  p("Google API Key", "\\b(?-i:AIza)[0-9A-Za-z\\-_]{35}(?:[^0-9A-Za-z\\-_]|$)", "high", { ...google, ...kw("aiza") }),
  p("Google OAuth Client Secret", "GOCSPX-[A-Za-z0-9_\\-]{28,}", "critical", { ...google, ...kw("gocspx-") }),
  // Go: `[sr]k[-_](live|test)[-_]…` under (?i): it fires inside identifiers (`task_test_…`). A key starts a word.
  p("Stripe Key", "\\b(?-i:[sr]k[-_](?:live|test)[-_])[a-zA-Z0-9]{20,}", "critical", { ...issuer("*.stripe.com"), ...kw("k_live", "k_test", "k-live", "k-test") }),
  p("Stripe Webhook Secret", "whsec_[a-zA-Z0-9_\\-]{20,}", "critical", kw("whsec_")),
  p("GitHub Token", "gh[pousr]_[A-Za-z0-9_]{36,}", "critical", { ...github, ...kw("ghp_", "gho_", "ghu_", "ghs_", "ghr_") }),
  p("GitHub Fine-Grained PAT", "github_pat_[a-zA-Z0-9_]{36,}", "critical", { ...github, ...kw("github_pat_") }),
  p("GitLab PAT", "glpat-[a-zA-Z0-9\\-_]{20,}", "critical", { ...issuer("gitlab.com", "*.gitlab.com"), ...kw("glpat-") }),
  // Go: `…[A-Z0-9]{16,}` under its (?i): it fires inside base64 blobs (wasm in JS bundles) on long upper-case runs
  // and on lower-case look-alikes. An access key id is upper case and exactly 16 characters after its prefix.
  p("AWS Access ID", "(?-i:(?:AKIA|A3T[A-Z0-9]|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16})(?:[^A-Za-z0-9]|$)", "critical", {
    ...issuer("*.amazonaws.com"),
    validator: "awsKeyId",
    ...kw("akia", "a3t", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "asia")
  }),
  p("AWS Secret Key", "(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|secret.?access.?key|SecretAccessKey)\\s*[\"'=:\\s]{1,5}\\s*[A-Za-z0-9/+=]{40}", "critical", { ...issuer("*.amazonaws.com"), ...kw("secret") }),
  p("Google OAuth Token", "ya29\\.[a-zA-Z0-9_-]{20,}", "critical", { ...google, ...kw("ya29.") }),
  // Go: `xox[bpras]-[0-9a-zA-Z-]{15,}` under (?i): it fires inside random ids (a Google Docs path holding `xOxP-1…`)
  // and on `####` bodies. A Slack token starts a token, has its case-sensitive prefix, numeric ids (one of them a
  // real one, 6+ digits: `xoxp-1234-1234-…` is a docs example), and a body.
  p("Slack Token", "(?:^|[^0-9A-Za-z_-])(?-i:xox[bpras])-(?:[0-9]+-)*[0-9]{6,}-(?:[0-9]+-)*[0-9A-Za-z]{8,}(?:[^0-9A-Za-z-]|$)", "critical", {
    ...issuer("slack.com", "*.slack.com"),
    ...kw("xoxb-", "xoxp-", "xoxr-", "xoxa-", "xoxs-")
  }),
  p("Slack App Token", "xapp-[0-9]+-[A-Za-z0-9_]+-[0-9]+-[a-f0-9]+", "critical", { ...issuer("slack.com", "*.slack.com"), ...kw("xapp-") }),
  p("Discord Bot Token", "[MN][A-Za-z0-9]{23,}\\.[A-Za-z0-9\\-_]{6}\\.[A-Za-z0-9\\-_]{27,}", "critical", issuer("discord.com", "*.discord.com", "gateway.discord.gg")),
  // Go: `SK[a-f0-9]{32}` under (?i): `sk` in `task`/`disk` before a hash. The prefix is upper case.
  p("Twilio API Key", "(?-i:SK)[a-fA-F0-9]{32}", "high", issuer("*.twilio.com")),
  // Go: SG\.{22}\.{43}; keys in the wild and in tests vary in segment length, so the lengths are ranges.
  p("SendGrid API Key", "SG\\.[a-zA-Z0-9_-]{16,32}\\.[a-zA-Z0-9_-]{16,64}", "critical", { ...issuer("*.sendgrid.com"), ...kw("sg.") }),
  p("Mailgun API Key", "key-[a-zA-Z0-9]{32}", "high", { ...issuer("*.mailgun.net"), ...kw("key-") }),
  p("New Relic API Key", "NRAK-[A-Z0-9]{27,}", "critical", { ...issuer("*.newrelic.com"), ...kw("nrak-") }),
  // Go: `hf_[A-Za-z0-9]{20,}` under (?i): it fires inside identifiers (`rhf_SponsoredProducts…`, `OSCHF_Debug…`,
  // `(id)hf_requiredCharacteristicTypesForDisplayMetadata`). A token starts a word, has its lower-case prefix
  // and 30–40 characters (34 today), and ends there.
  p("Hugging Face Token", "\\b(?-i:hf_)[A-Za-z0-9]{30,40}\\b", "critical", { ...issuer("huggingface.co", "*.huggingface.co"), ...kw("hf_") }),
  // Go: `dapi[a-z0-9]{30,}`. A Databricks token is 32 hex digits after its prefix (and an optional `-N`).
  p("Databricks Token", "\\bdapi[a-f0-9]{32}(?:-\\d)?\\b", "critical", { ...issuer("*.databricks.com"), ...kw("dapi") }),
  p("Replicate API Token", "r8_[A-Za-z0-9]{20,}", "critical", { ...issuer("*.replicate.com"), ...kw("r8_") }),
  p("Together AI Key", "tok_[a-z0-9]{40,}", "critical", { ...issuer("*.together.xyz", "*.together.ai"), ...kw("tok_") }),
  p("Pinecone API Key", "pcsk_[a-zA-Z0-9]{36,}", "critical", { ...issuer("*.pinecone.io"), ...kw("pcsk_") }),
  p("Groq API Key", "gsk_[a-zA-Z0-9]{48,}", "critical", { ...issuer("*.groq.com"), ...kw("gsk_") }),
  p("xAI API Key", "xai-[a-zA-Z0-9\\-_]{80,}", "critical", { ...issuer("*.x.ai"), ...kw("xai-") }),
  p("DigitalOcean Token", "dop_v1_[a-f0-9]{64}", "critical", { ...issuer("*.digitalocean.com"), ...kw("dop_v1_") }),
  p("HashiCorp Vault Token", "hvs\\.[a-zA-Z0-9]{23,}", "critical", kw("hvs.")),
  p("Vercel Token", "(?:vercel|vc[piark])_[a-zA-Z0-9]{24,}", "critical", { ...issuer("*.vercel.com"), ...kw("vercel_", "vcp_", "vci_", "vca_", "vcr_", "vck_") }),
  p("Supabase Service Key", "sb_secret_[a-zA-Z0-9_-]{20,}", "critical", { ...issuer("*.supabase.co"), ...kw("sb_secret_") }),
  p("npm Token", "npm_[A-Za-z0-9]{36,}", "critical", { ...issuer("registry.npmjs.org", "*.npmjs.org", "*.npmjs.com"), ...kw("npm_") }),
  p("PyPI Token", "pypi-[A-Za-z0-9_-]{16,}", "critical", { ...issuer("*.pypi.org", "pypi.org"), ...kw("pypi-") }),
  p("Linear API Key", "lin_api_[a-zA-Z0-9]{40,}", "high", { ...issuer("*.linear.app"), ...kw("lin_api_") }),
  p("Notion API Key", "ntn_[a-zA-Z0-9]{40,}", "high", { ...issuer("*.notion.com"), ...kw("ntn_") }),
  // Go: `sntrys_[a-zA-Z0-9]{40,}`. An organisation token's body is base64 of a JSON object (`sntrys_eyJ…`, then `_`
  // and its secret): `sntrys_` before anything else is a look-alike.
  p("Sentry Auth Token", "sntrys_(?-i:eyJ)[a-zA-Z0-9]{37,}", "high", { ...issuer("sentry.io", "*.sentry.io"), ...kw("sntrys_eyj") }),
  // A header with key material after it (or nothing yet: the body may follow in the next chunk); a header with
  // nothing between it and its END marker, or a template line, is documentation (see the `privateKey` validator).
  p("Private Key Header", "-----BEGIN\\s+(RSA\\s+|EC\\s+|DSA\\s+|OPENSSH\\s+|ENCRYPTED\\s+|PGP\\s+)?PRIVATE\\s+KEY(\\s+BLOCK)?-----", "critical", {
    validator: "privateKey",
    ...kw("-----begin")
  }),
  // Go: the signature must be 10+ characters; an unsigned or short-signed JWT leaks the same claims.
  // Every match has `.ey` (the second part starts with `ey` after the first's dot): `ey` alone is in every `key`.
  p("JWT Token", "(ey[a-zA-Z0-9_\\-=]{10,}\\.){2}[a-zA-Z0-9_\\-=]{0,}", "high", kw(".ey")),
  // Go: `(?:5[…]{50}|[KL][…]{51})` under (?i): base58 is case-sensitive (the fold lets in `l`, `I`, `O`, `k`),
  // and without boundaries every 51-character stretch of a long base64 blob is a candidate (each checked by a
  // double SHA-256). A WIF key is a whole token.
  p("Bitcoin WIF Private Key", "\\b(?-i:5[1-9A-HJ-NP-Za-km-z]{50}|[KL][1-9A-HJ-NP-Za-km-z]{51})\\b", "critical", { validator: "wif" }),
  p("Extended Private Key", "[xyzt]prv[1-9A-HJ-NP-Za-km-z]{107,108}", "critical", kw("prv")),
  p("Ethereum Private Key", "0x[0-9a-f]{64}\\b", "critical", kw("0x")),
  p("Social Security Number", "\\b\\d{3}-\\d{2}-\\d{4}\\b", "low"),
  p("Google OAuth Client ID", "[0-9]{6,}-[0-9A-Za-z_]{32}\\.apps\\.googleusercontent\\.com", "medium", { ...google, ...kw(".apps.googleusercontent.com") }),
  // Go: `\s*` around `=` lets a name with no value take the next line as its value (`API_KEY=\nOTHER_KEY=`).
  p("Credential in URL", "(?m)(?:^|[?&;])[ \\t]*(?:password|passwd|secret|token|apikey|api_key|api-key)[ \\t]*=[ \\t]*[^\\s&]{4,}", "high", {
    validator: "urlCredential",
    kind: "generic",
    keyThenOperator: true,
    ...kw("password", "passwd", "secret", "token", "apikey", "api_key", "api-key")
  }),
  p("Environment Variable Secret", "(?-i:[A-Z][A-Z0-9]*[_-](?:SECRET(?:[_-]ACCESS)?[_-]?KEY|SECRET|PASSWORD|PASSWD|TOKEN|API[_-]?KEY))\\b[ \\t]*=[ \\t]*\\S{8,}", "high", {
    validator: "credential",
    kind: "generic",
    keyThenOperator: true,
    ...kw("secret", "password", "passwd", "token", "api_key", "api-key", "apikey")
  }),
  // Go: medium. A checksum-valid card number leaving is a leak of cardholder data: high (blocks in balanced).
  p("Credit Card Number", "\\b\\d{4}(?:[-. ]?\\d){10,15}\\b", "high", { validator: "luhn" }),
  p("IBAN", "\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]){11,30}\\b", "high", { validator: "mod97" }),
  // From the Go presets (not in Defaults()).
  p("Ethereum Address", "0x[0-9a-fA-F]{40}\\b", "high", { validator: "eth", ...kw("0x") })
]

/** Additions of ours: always on (whatever `include_defaults` says), unless `dlp.disabled_rules` names them. */
export const extendedDlpPatterns: ReadonlyArray<DlpPatternSpec> = [
  p("Bitcoin Address", "\\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\\b", "high", { validator: "btc" }),
  p("Bitcoin Bech32 Address", "\\b(?:bc|tb)1[02-9ac-hj-np-z]{11,87}\\b", "high", { validator: "bech32", ...kw("bc1", "tb1") }),
  // The generic credential rule: a value assigned to a key whose name says it is a credential, in the shapes
  // agents send (JSON, YAML, .env, query strings, form bodies, header lines, code, XML). The regex finds the
  // key and its operator (no capture groups: RE2 finds such a match with its DFA alone); the `assignment`
  // validator reads the value after it and keeps values that look like secrets (not placeholders, variables,
  // code, words or numbers).
  p("Credential Assignment",
    "(?:^|[^A-Za-z0-9_.-])[\"'`]?[A-Za-z0-9_.-]{0,40}?" + CREDENTIAL_KEY_WORDS + "(?:[_.-]?(?:value|str|string|b64|base64|hex|enc|encoded|[0-9]{1,2}))?[\"'`]?\\]?[ \\t]*(?:=|:=|:|=>|\\?=|\\|\\|=)|" +
    "<[A-Za-z0-9_.-]{0,40}?" + CREDENTIAL_KEY_WORDS + ">",
    "high",
    { validator: "assignment", kind: "generic", keyThenOperator: true, keywords: CREDENTIAL_KEYWORDS }),
  // A fragment of a provider credential (its unmistakable prefix and part of the body): a token split
  // across messages or truncated still leaks.
  // The prefixes are case-sensitive (`AIZASY…` in upper case is not a Google key).
  p("Credential Fragment", "\\b(?-i:(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|sk-ant-|sk-proj-|sk-svcacct-|sk_live_|rk_live_|xox[bpras]-|xapp-|dop_v1_|hvs\\.|sntrys_eyJ|lin_api_|gsk_|xai-|pcsk_|whsec_|shpat_|shpss_|AIzaSy|pypi-AgE|GOCSPX-))[A-Za-z0-9_\\-]{8,}", "high", {
    validator: "fragment",
    kind: "generic",
    ...kw("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "sk-ant-", "sk-proj-", "sk-svcacct-", "sk_live_", "rk_live_", "xoxb-", "xoxp-", "xoxr-", "xoxa-", "xoxs-", "xapp-",
      "dop_v1_", "hvs.", "sntrys_eyj", "lin_api_", "gsk_", "xai-", "pcsk_", "whsec_", "shpat_", "shpss_", "aizasy", "pypi-age", "gocspx-")
  }),
  // No keyword: `://` is in every URL of a document; the regex itself is cheap in the whole-text set.
  p("Connection String Credentials", "\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/@]{0,64}:[^\\s:/@]{3,128}@[^\\s/]{3,}", "high", { validator: "credential" }),
  p("Slack Webhook URL", "hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/[AB][A-Z0-9]{8,12}/[A-Za-z0-9]{20,40}", "critical", { ...issuer("hooks.slack.com"), ...kw("hooks.slack.com") }),
  p("Discord Webhook URL", "discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}", "critical", { ...issuer("discord.com", "*.discord.com"), ...kw("discord") }),
  p("OpenAI Legacy Key", "\\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\\b", "critical", { ...issuer("*.openai.com"), ...kw("t3blbkfj") }),
  p("OpenAI Admin Key", "\\bsk-(?:admin|None)-[A-Za-z0-9_-]{20,}", "critical", { ...issuer("*.openai.com"), ...kw("sk-admin-", "sk-none-") }),
  p("Azure Storage Account Key", "AccountKey\\s*=\\s*[A-Za-z0-9+/]{86}==", "critical", { ...issuer("*.core.windows.net"), ...kw("accountkey") }),
  p("Azure SAS Token", "\\bsv=\\d{4}-\\d{2}-\\d{2}&[^\\s\\\"'<>]{0,300}?\\bsig=[A-Za-z0-9%+/=]{30,}", "high", { ...issuer("*.core.windows.net"), ...kw("sv=") }),
  p("Azure AD Client Secret", "(?:^|[^A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?:[^A-Za-z0-9_~.-]|$)", "critical", { ...issuer("login.microsoftonline.com"), ...kw("q~") }),
  p("Shopify Access Token", "\\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\\b", "critical", { ...issuer("*.myshopify.com"), ...kw("shpat_", "shpss_", "shpca_", "shppa_") }),
  p("Telegram Bot Token", "\\b\\d{8,10}:AA[0-9A-Za-z_-]{33}\\b", "critical", { ...issuer("api.telegram.org"), ...kw(":aa") }),
  p("Mailchimp API Key", "\\b[0-9a-f]{32}-us\\d{1,2}\\b", "high", { ...issuer("*.api.mailchimp.com"), ...kw("-us") }),
  p("GitLab Token", "\\bgl(?:dt|rt|ptt|ft|cbt|imt|oas|soat|agent)-[A-Za-z0-9_-]{20,}", "critical", {
    ...issuer("gitlab.com", "*.gitlab.com"),
    ...kw("gldt-", "glrt-", "glptt-", "glft-", "glcbt-", "glimt-", "gloas-", "glsoat-", "glagent-")
  }),
  p("Atlassian API Token", "\\bATATT3[A-Za-z0-9_=-]{150,}", "critical", { ...issuer("*.atlassian.net", "*.atlassian.com"), ...kw("atatt3") }),
  p("Postman API Key", "\\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\\b", "critical", { ...issuer("*.getpostman.com", "*.postman.com"), ...kw("pmak-") }),
  // Case-sensitive prefixes: `GLC_CreateLightmap…` is a C function.
  p("Grafana Token", "\\b(?-i:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})", "critical", { ...issuer("*.grafana.net", "*.grafana.com"), ...kw("glsa_", "glc_") }),
  p("Doppler Token", "\\bdp\\.(?:pt|st|sa|ct|scim)\\.[A-Za-z0-9]{40,44}\\b", "critical", { ...issuer("*.doppler.com"), ...kw("dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.") }),
  p("PlanetScale Token", "\\bpscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,}", "critical", { ...issuer("*.psdb.cloud", "*.planetscale.com"), ...kw("pscale_") }),
  p("Square Token", "\\b(?:sq0atp|sq0csp)-[0-9A-Za-z_-]{22,43}", "critical", { ...issuer("*.squareup.com"), ...kw("sq0atp-", "sq0csp-") }),
  // A provider credential written backwards (`echo $TOKEN | rev`): its prefix reversed at the end.
  // The body before each reversed prefix is a fixed count, not `{n,}`: the same texts match (a longer body
  // holds the shorter one), and RE2's DFA runs ~50× faster without the open-ended counts at the start.
  p("Reversed Credential", "(?-i:[A-Za-z0-9_]{30}_tap_buhtig|[A-Za-z0-9_]{36}_[pousr]hg|\\b[A-Z0-9]{16}(?:AIKA|AISA)\\b|[A-Za-z0-9]{20}_(?:evil|tset)_[kr]s|[A-Za-z0-9_-]{20}-tna-ks|[A-Za-z0-9_-]{20}-jorp-ks|[0-9A-Za-z-]{15}-[bpras]xox|[A-Za-z0-9_-]{20}-taplg|[0-9A-Za-z_-]{35}azIA|[A-Za-z0-9]{36}_mpn|-----YEK\\s+ETAVIRP)", "critical",
    kw("_tap_buhtig", "_phg", "_ohg", "_uhg", "_shg", "_rhg", "aika", "aisa", "_evil_", "_tset_", "-tna-ks", "-jorp-ks", "-bxox", "-pxox", "-rxox", "-axox", "-sxox", "-taplg", "azia", "_mpn", "-----yek")),
  p("Age Secret Key", "AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}", "critical", kw("age-secret-key-1")),
  p("Secret Under Key Name", "(?:^|[\\s{,;\\\"'])(?:private[_-]?key|secret[_-]?key|client[_-]?secret|api[_-]?secret|signing[_-]?key|encryption[_-]?key|master[_-]?key|mnemonic|seed[_-]?phrase)[\\\"']?\\s*[:=]\\s*[\\\"']?(?:0x)?[0-9a-fA-F]{64}\\b", "critical", { keyThenOperator: true, ...kw("_key", "-key", "privatekey", "signingkey", "encryptionkey", "masterkey", "secret", "mnemonic", "phrase") })
]

/** Every built-in pattern of ours (Go-named and additions), by name. */
export const builtinDlpPatterns: ReadonlyArray<DlpPatternSpec> = [...goDlpPatterns, ...extendedDlpPatterns]

/**
 * The domains each provider's tokens are meant for, by gitleaks rule-id prefix (`github-pat` → GitHub): a
 * token sent there is how it is used, anywhere else it is a leak (as the built-ins' `exempt_domains`).
 */
const gitleaksIssuers: Readonly<Record<string, ReadonlyArray<string>>> = {
  "1password": ["*.1password.com", "*.1password.eu", "*.1password.ca"],
  adafruit: ["io.adafruit.com"],
  airtable: ["*.airtable.com"],
  algolia: ["*.algolia.net", "*.algolianet.com"],
  anthropic: ["*.anthropic.com"],
  artifactory: ["*.jfrog.io"],
  asana: ["*.asana.com"],
  atlassian: ["*.atlassian.net", "*.atlassian.com"],
  aws: ["*.amazonaws.com"],
  "azure-ad": ["login.microsoftonline.com"],
  bitbucket: ["*.bitbucket.org"],
  clojars: ["clojars.org", "*.clojars.org"],
  cloudflare: ["*.cloudflare.com"],
  codecov: ["codecov.io", "*.codecov.io"],
  cohere: ["*.cohere.ai", "*.cohere.com"],
  databricks: ["*.databricks.com", "*.cloud.databricks.com"],
  datadog: ["*.datadoghq.com", "*.datadoghq.eu"],
  digitalocean: ["*.digitalocean.com"],
  discord: ["discord.com", "*.discord.com"],
  doppler: ["*.doppler.com"],
  dropbox: ["*.dropbox.com", "*.dropboxapi.com"],
  duffel: ["*.duffel.com"],
  dynatrace: ["*.dynatrace.com"],
  easypost: ["*.easypost.com"],
  facebook: ["*.facebook.com"],
  flyio: ["*.fly.io"],
  frameio: ["*.frame.io"],
  gcp: ["*.googleapis.com", "*.google.com"],
  github: ["github.com", "*.github.com", "*.githubusercontent.com"],
  gitlab: ["gitlab.com", "*.gitlab.com"],
  grafana: ["*.grafana.net", "*.grafana.com"],
  harness: ["*.harness.io"],
  "hashicorp-tf": ["app.terraform.io"],
  heroku: ["*.heroku.com"],
  hubspot: ["*.hubapi.com", "*.hubspot.com"],
  huggingface: ["huggingface.co", "*.huggingface.co"],
  infracost: ["*.infracost.io"],
  intercom: ["*.intercom.io"],
  jfrog: ["*.jfrog.io"],
  linear: ["*.linear.app"],
  mailchimp: ["*.api.mailchimp.com"],
  mailgun: ["*.mailgun.net"],
  mapbox: ["*.mapbox.com"],
  "new-relic": ["*.newrelic.com", "*.nr-data.net"],
  notion: ["*.notion.com"],
  npm: ["registry.npmjs.org", "*.npmjs.org", "*.npmjs.com"],
  openai: ["*.openai.com"],
  perplexity: ["*.perplexity.ai"],
  planetscale: ["*.psdb.cloud", "*.planetscale.com"],
  postman: ["*.getpostman.com", "*.postman.com"],
  prefect: ["*.prefect.cloud"],
  pulumi: ["*.pulumi.com"],
  pypi: ["pypi.org", "*.pypi.org"],
  readme: ["*.readme.io", "*.readme.com"],
  rubygems: ["rubygems.org", "*.rubygems.org"],
  scalingo: ["*.scalingo.com", "*.osc-fr1.scalingo.com"],
  sendgrid: ["*.sendgrid.com"],
  sendinblue: ["*.sendinblue.com", "*.brevo.com"],
  sentry: ["sentry.io", "*.sentry.io"],
  shippo: ["*.goshippo.com"],
  shopify: ["*.myshopify.com"],
  slack: ["slack.com", "*.slack.com"],
  snyk: ["*.snyk.io"],
  sourcegraph: ["sourcegraph.com", "*.sourcegraph.com"],
  square: ["*.squareup.com"],
  stripe: ["*.stripe.com"],
  telegram: ["api.telegram.org"],
  twilio: ["*.twilio.com"],
  twitter: ["*.twitter.com", "*.x.com"],
  typeform: ["*.typeform.com"],
  yandex: ["*.yandex.net", "*.yandex.ru", "*.yandex.com"]
}

const issuerOf = (id: string): ReadonlyArray<string> | undefined => {
  for (let i = id.indexOf("-"); i > 0; i = id.indexOf("-", i + 1)) {
    const d = gitleaksIssuers[id.slice(0, i)]
    if (d !== undefined) return d
  }
  return gitleaksIssuers[id]
}

/**
 * Longer keywords for gitleaks rules whose own are too short to narrow anything (`ey` is in every `key`): each is a
 * literal that every match of the rule's regex contains (`jwt`: the second part starts with `ey` after a dot).
 */
const gitleaksKeywords: Readonly<Record<string, ReadonlyArray<string>>> = { jwt: [".ey"] }

/** An assignment-shaped gitleaks rule (`<provider>_key = "…"`) needs its context; a distinct format does not. */
const ASSIGNMENT_RULE = "(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)"

/**
 * gitleaks' catalogue as DLP patterns, named `gitleaks:<id>`: distinct token formats are critical (they never
 * occur by accident), assignment-shaped rules high; `generic-api-key` is a generic rule.
 */
export const gitleaksDlpPatterns: ReadonlyArray<DlpPatternSpec> = gitleaksRules.map((r): DlpPatternSpec => ({
  name: `gitleaks:${r.id}`,
  regex: r.regex,
  severity: r.regex.includes(ASSIGNMENT_RULE) || r.id.startsWith("generic") ? "high" : "critical",
  exempt_domains: issuerOf(r.id),
  keywords: gitleaksKeywords[r.id] ?? r.keywords,
  caseSensitive: true,
  kind: r.id.startsWith("generic") ? "generic" : "catalogue",
  gitleaks: { secretGroup: r.secretGroup, entropy: r.entropy, allowlists: r.allowlists, startsToken: !r.regex.includes(ASSIGNMENT_RULE) && !r.id.startsWith("generic") }
}))

/** The names of the 8 patterns Go runs always, even with `include_defaults: false` (core, immutable). */
export const coreDlpNames: ReadonlyArray<string> = [
  "AWS Access ID", "AWS Secret Key", "GitHub Token", "GitHub Fine-Grained PAT", "GitLab PAT", "Slack Token", "Private Key Header"
]

/** The core set: the named built-ins plus the GCP service-account key JSON marker. */
export const coreDlpPatterns: ReadonlyArray<DlpPatternSpec> = [
  ...goDlpPatterns.filter((x) => coreDlpNames.includes(x.name)),
  p("GCP Service Account Key", "\"type\"\\s*:\\s*\"service_account\"", "critical", { ...google, ...kw("service_account") })
]

/** Every built-in rule name `dlp.disabled_rules` may name (the core set excluded: it cannot be turned off). */
export const disableableDlpNames = (): string[] =>
  [...builtinDlpPatterns, ...gitleaksDlpPatterns].map((x) => x.name).filter((n) => !coreDlpNames.includes(n))

/** `dlp.disabled_rules` entries as one matcher: exact names, or globs where `*` stands for any characters. */
export const disabledMatcher = (entries: ReadonlyArray<string>): ((name: string) => boolean) => {
  if (entries.length === 0) return () => false
  const exact = new Set(entries.filter((e) => !e.includes("*")))
  const globs = entries.filter((e) => e.includes("*")).map((e) => new RegExp(`^${e.split("*").map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`))
  return (name) => exact.has(name) || globs.some((g) => g.test(name))
}

/**
 * Merges user patterns with the built-ins by name (a user pattern replaces the built-in of the same name,
 * keeping the built-in's exemptions, validator and keywords unless it changes them). `includeDefaults: false`
 * drops the Go-named built-ins the config does not list (Go's meaning); our additions and gitleaks'
 * catalogue stay on unless `disabled` names them. The core set is added by the scanner whatever this says.
 */
export const mergeDlpPatterns = (
  user: ReadonlyArray<{ name: string; regex: string; severity?: Severity | undefined; validator?: string | undefined; exempt_domains?: ReadonlyArray<string> | undefined; action?: "warn" | undefined }>,
  includeDefaults: boolean,
  disabled: ReadonlyArray<string> = []
): DlpPatternSpec[] => {
  const off = disabledMatcher(disabled)
  const byName = new Map<string, DlpPatternSpec>()
  const builtins = [...(includeDefaults ? goDlpPatterns : []), ...extendedDlpPatterns, ...gitleaksDlpPatterns]
  for (const b of builtins) if (!off(b.name)) byName.set(b.name, b)
  const builtin = new Map([...builtinDlpPatterns, ...gitleaksDlpPatterns].map((b) => [b.name, b]))
  for (const u of user) {
    const b = builtin.get(u.name)
    // A preset that restates a built-in with the Go regex (or ours) keeps our regex and what goes with it.
    const ours = b !== undefined && (goRegexes[u.name] === u.regex || b.regex === u.regex)
    byName.set(u.name, {
      name: u.name,
      regex: ours ? b.regex : u.regex,
      severity: b !== undefined && goSeverities[u.name] === u.severity ? b.severity : u.severity ?? b?.severity ?? "high",
      validator: (u.validator as Validator | undefined) ?? b?.validator,
      exempt_domains: u.exempt_domains ?? b?.exempt_domains,
      action: u.action,
      keywords: ours ? b.keywords : undefined,
      caseSensitive: ours ? b.caseSensitive : undefined,
      kind: ours ? b.kind : undefined,
      keyThenOperator: ours ? b.keyThenOperator : undefined,
      gitleaks: ours ? b.gitleaks : undefined
    })
  }
  return [...byName.values()]
}

/**
 * The Go regexes and severities of the built-ins we changed on purpose: when a config (such as the Go
 * presets, which list the whole catalogue) restates them unchanged, our version applies.
 */
const goRegexes: Readonly<Record<string, string>> = {
  "AWS Access ID": "(AKIA|A3T|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16,}",
  "Credit Card Number": "\\b\\d{4}(?:[- ]?\\d){11,15}\\b",
  "JWT Token": "(ey[a-zA-Z0-9_\\-=]{10,}\\.){2}[a-zA-Z0-9_\\-=]{10,}",
  "SendGrid API Key": "SG\\.[a-zA-Z0-9_-]{22}\\.[a-zA-Z0-9_-]{43}",
  "Private Key Header": "-----BEGIN\\s+(RSA\\s+|EC\\s+|DSA\\s+|OPENSSH\\s+)?PRIVATE\\s+KEY-----",
  "IBAN": "\\b[A-Z]{2}\\d{2}[A-Z0-9]{11,30}\\b",
  "Google API Key": "AIza[0-9A-Za-z\\-_]{35}",
  "Stripe Key": "[sr]k[-_](live|test)[-_][a-zA-Z0-9]{20,}",
  "Slack Token": "xox[bpras]-[0-9a-zA-Z-]{15,}",
  "Hugging Face Token": "hf_[A-Za-z0-9]{20,}",
  "Sentry Auth Token": "sntrys_[a-zA-Z0-9]{40,}",
  "Twilio API Key": "SK[a-f0-9]{32}",
  "Bitcoin WIF Private Key": "(?:5[1-9A-HJ-NP-Za-km-z]{50}|[KL][1-9A-HJ-NP-Za-km-z]{51})",
  "Databricks Token": "dapi[a-z0-9]{30,}",
  "Credential in URL": "(?m)(?:^|[?&;])\\s*(?:password|passwd|secret|token|apikey|api_key|api-key)\\s*=\\s*[^\\s&]{4,}",
  "Environment Variable Secret": "(?-i:[A-Z][A-Z0-9]*[_-](?:SECRET(?:[_-]ACCESS)?[_-]?KEY|SECRET|PASSWORD|PASSWD|TOKEN|API[_-]?KEY))\\b\\s*=\\s*\\S{8,}"
}
const goSeverities: Readonly<Record<string, Severity>> = {
  "Credit Card Number": "medium",
  "IBAN": "medium"
}
