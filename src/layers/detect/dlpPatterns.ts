/**
 * The built-in DLP catalogue: the Go Pipelock's 48 `Defaults()` patterns (names, severities and validators
 * as in its code), the presets' "Ethereum Address", and a few additions of ours (marked), each compiled
 * case-insensitively as Go does. Built-in provider keys carry the provider's own domains as default
 * `exempt_domains`: a key sent to its issuer (an Anthropic key to api.anthropic.com) is how it is meant to
 * be used, the same key sent anywhere else is a leak.
 */
import type { Severity } from "../../services/Verdict.ts"

export type Validator = "luhn" | "mod97" | "aba" | "wif" | "eth" | "btc" | "bech32" | "credential" | "fragment" | "awsKeyId"

export interface DlpPatternSpec {
  readonly name: string
  readonly regex: string
  readonly severity: Severity
  readonly validator?: Validator | undefined
  readonly exempt_domains?: ReadonlyArray<string> | undefined
  /** `warn`: informational only, never blocks (for rolling out a new user pattern). */
  readonly action?: "warn" | undefined
}

const p = (name: string, regex: string, severity: Severity, extra: Partial<DlpPatternSpec> = {}): DlpPatternSpec => ({ name, regex, severity, ...extra })
const issuer = (...domains: string[]) => ({ exempt_domains: domains })

const github = issuer("github.com", "*.github.com", "*.githubusercontent.com")
const google = issuer("*.googleapis.com", "*.google.com", "accounts.google.com")

/** The catalogue, in Go's order, then the preset and Pipelock-TS additions. */
export const builtinDlpPatterns: ReadonlyArray<DlpPatternSpec> = [
  p("Anthropic API Key", "sk-ant-[a-zA-Z0-9\\-_]{10,}", "critical", issuer("*.anthropic.com")),
  p("OpenAI API Key", "sk-proj-[a-zA-Z0-9\\-_]{10,}", "critical", issuer("*.openai.com")),
  p("OpenAI Service Key", "sk-svcacct-[a-zA-Z0-9\\-]{10,}", "critical", issuer("*.openai.com")),
  p("Fireworks API Key", "fw_[a-zA-Z0-9]{24,}", "critical", issuer("*.fireworks.ai")),
  p("Google API Key", "AIza[0-9A-Za-z\\-_]{35}", "high", google),
  p("Google OAuth Client Secret", "GOCSPX-[A-Za-z0-9_\\-]{28,}", "critical", google),
  p("Stripe Key", "[sr]k[-_](live|test)[-_][a-zA-Z0-9]{20,}", "critical", issuer("*.stripe.com")),
  p("Stripe Webhook Secret", "whsec_[a-zA-Z0-9_\\-]{20,}", "critical"),
  p("GitHub Token", "gh[pousr]_[A-Za-z0-9_]{36,}", "critical", github),
  p("GitHub Fine-Grained PAT", "github_pat_[a-zA-Z0-9_]{36,}", "critical", github),
  p("GitLab PAT", "glpat-[a-zA-Z0-9\\-_]{20,}", "critical", issuer("gitlab.com", "*.gitlab.com")),
  // Go: `…[A-Z0-9]{16,}` under its (?i): it fires inside base64 blobs (wasm in JS bundles) on long upper-case runs
  // and on lower-case look-alikes. An access key id is upper case and exactly 16 characters after its prefix.
  p("AWS Access ID", "(?-i:(?:AKIA|A3T[A-Z0-9]|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16})(?:[^A-Za-z0-9]|$)", "critical", { ...issuer("*.amazonaws.com"), validator: "awsKeyId" }),
  p("AWS Secret Key", "(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|secret.?access.?key|SecretAccessKey)\\s*[\"'=:\\s]{1,5}\\s*[A-Za-z0-9/+=]{40}", "critical", issuer("*.amazonaws.com")),
  p("Google OAuth Token", "ya29\\.[a-zA-Z0-9_-]{20,}", "critical", google),
  p("Slack Token", "xox[bpras]-[0-9a-zA-Z-]{15,}", "critical", issuer("slack.com", "*.slack.com")),
  p("Slack App Token", "xapp-[0-9]+-[A-Za-z0-9_]+-[0-9]+-[a-f0-9]+", "critical", issuer("slack.com", "*.slack.com")),
  p("Discord Bot Token", "[MN][A-Za-z0-9]{23,}\\.[A-Za-z0-9\\-_]{6}\\.[A-Za-z0-9\\-_]{27,}", "critical", issuer("discord.com", "*.discord.com", "gateway.discord.gg")),
  p("Twilio API Key", "SK[a-f0-9]{32}", "high", issuer("*.twilio.com")),
  // Go: SG\.{22}\.{43}; keys in the wild and in tests vary in segment length, so the lengths are ranges.
  p("SendGrid API Key", "SG\\.[a-zA-Z0-9_-]{16,32}\\.[a-zA-Z0-9_-]{16,64}", "critical", issuer("*.sendgrid.com")),
  p("Mailgun API Key", "key-[a-zA-Z0-9]{32}", "high", issuer("*.mailgun.net")),
  p("New Relic API Key", "NRAK-[A-Z0-9]{27,}", "critical", issuer("*.newrelic.com")),
  p("Hugging Face Token", "hf_[A-Za-z0-9]{20,}", "critical", issuer("huggingface.co", "*.huggingface.co")),
  p("Databricks Token", "dapi[a-z0-9]{30,}", "critical", issuer("*.databricks.com")),
  p("Replicate API Token", "r8_[A-Za-z0-9]{20,}", "critical", issuer("*.replicate.com")),
  p("Together AI Key", "tok_[a-z0-9]{40,}", "critical", issuer("*.together.xyz", "*.together.ai")),
  p("Pinecone API Key", "pcsk_[a-zA-Z0-9]{36,}", "critical", issuer("*.pinecone.io")),
  p("Groq API Key", "gsk_[a-zA-Z0-9]{48,}", "critical", issuer("*.groq.com")),
  p("xAI API Key", "xai-[a-zA-Z0-9\\-_]{80,}", "critical", issuer("*.x.ai")),
  p("DigitalOcean Token", "dop_v1_[a-f0-9]{64}", "critical", issuer("*.digitalocean.com")),
  p("HashiCorp Vault Token", "hvs\\.[a-zA-Z0-9]{23,}", "critical"),
  p("Vercel Token", "(?:vercel|vc[piark])_[a-zA-Z0-9]{24,}", "critical", issuer("*.vercel.com")),
  p("Supabase Service Key", "sb_secret_[a-zA-Z0-9_-]{20,}", "critical", issuer("*.supabase.co")),
  p("npm Token", "npm_[A-Za-z0-9]{36,}", "critical", issuer("registry.npmjs.org", "*.npmjs.org", "*.npmjs.com")),
  p("PyPI Token", "pypi-[A-Za-z0-9_-]{16,}", "critical", issuer("*.pypi.org", "pypi.org")),
  p("Linear API Key", "lin_api_[a-zA-Z0-9]{40,}", "high", issuer("*.linear.app")),
  p("Notion API Key", "ntn_[a-zA-Z0-9]{40,}", "high", issuer("*.notion.com")),
  p("Sentry Auth Token", "sntrys_[a-zA-Z0-9]{40,}", "high", issuer("sentry.io", "*.sentry.io")),
  p("Private Key Header", "-----BEGIN\\s+(RSA\\s+|EC\\s+|DSA\\s+|OPENSSH\\s+|ENCRYPTED\\s+|PGP\\s+)?PRIVATE\\s+KEY(\\s+BLOCK)?-----", "critical"),
  // Go: the signature must be 10+ characters; an unsigned or short-signed JWT leaks the same claims.
  p("JWT Token", "(ey[a-zA-Z0-9_\\-=]{10,}\\.){2}[a-zA-Z0-9_\\-=]{0,}", "high"),
  p("Bitcoin WIF Private Key", "(?:5[1-9A-HJ-NP-Za-km-z]{50}|[KL][1-9A-HJ-NP-Za-km-z]{51})", "critical", { validator: "wif" }),
  p("Extended Private Key", "[xyzt]prv[1-9A-HJ-NP-Za-km-z]{107,108}", "critical"),
  p("Ethereum Private Key", "0x[0-9a-f]{64}\\b", "critical"),
  p("Social Security Number", "\\b\\d{3}-\\d{2}-\\d{4}\\b", "low"),
  p("Google OAuth Client ID", "[0-9]{6,}-[0-9A-Za-z_]{32}\\.apps\\.googleusercontent\\.com", "medium", google),
  p("Credential in URL", "(?m)(?:^|[?&;])\\s*(?:password|passwd|secret|token|apikey|api_key|api-key)\\s*=\\s*[^\\s&]{4,}", "high", { validator: "credential" }),
  p("Environment Variable Secret", "(?-i:[A-Z][A-Z0-9]*[_-](?:SECRET(?:[_-]ACCESS)?[_-]?KEY|SECRET|PASSWORD|PASSWD|TOKEN|API[_-]?KEY))\\b\\s*=\\s*\\S{8,}", "high", { validator: "credential" }),
  // Go: medium. A checksum-valid card number leaving is a leak of cardholder data: high (blocks in balanced).
  p("Credit Card Number", "\\b\\d{4}(?:[-. ]?\\d){10,15}\\b", "high", { validator: "luhn" }),
  p("IBAN", "\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]){11,30}\\b", "high", { validator: "mod97" }),
  // From the Go presets (not in Defaults()).
  p("Ethereum Address", "0x[0-9a-fA-F]{40}\\b", "high", { validator: "eth" }),
  // Pipelock-TS additions.
  p("Bitcoin Address", "\\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\\b", "high", { validator: "btc" }),
  p("Bitcoin Bech32 Address", "\\b(?:bc|tb)1[02-9ac-hj-np-z]{11,87}\\b", "high", { validator: "bech32" }),
  p("Credential Assignment", "(?:^|[\\s{,;\"'(])[\"']?(?:db_|database_|admin_|root_|user_|app_|client_|stripe_|api_|aws_)?(?:password|passwd|pwd|passphrase|secret|secret_key|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|private[_-]?key|client[_-]?secret)[\"']?\\s*[:=]\\s*[\"']?[^\\s\"',;}{<>]{8,}", "high", { validator: "credential" }),
  // A fragment of a provider credential (its unmistakable prefix and part of the body): a token split
  // across messages or truncated still leaks.
  p("Credential Fragment", "\\b(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|sk-ant-|sk-proj-|sk-svcacct-|sk_live_|rk_live_|xox[bpras]-|xapp-|dop_v1_|hvs\\.|sntrys_|lin_api_|gsk_|xai-|pcsk_|whsec_|shpat_|shpss_|AIzaSy|pypi-AgE|GOCSPX-)[A-Za-z0-9_\\-]{8,}", "high", { validator: "fragment" }),
  p("Connection String Credentials", "\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/@]{0,64}:[^\\s:/@]{3,128}@[^\\s/]{3,}", "high", { validator: "credential" }),
  p("Slack Webhook URL", "hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/[AB][A-Z0-9]{8,12}/[A-Za-z0-9]{20,40}", "critical", issuer("hooks.slack.com")),
  p("Discord Webhook URL", "discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}", "critical", issuer("discord.com", "*.discord.com")),
  p("OpenAI Legacy Key", "\\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\\b", "critical", issuer("*.openai.com")),
  p("OpenAI Admin Key", "\\bsk-(?:admin|None)-[A-Za-z0-9_-]{20,}", "critical", issuer("*.openai.com")),
  p("Azure Storage Account Key", "AccountKey\\s*=\\s*[A-Za-z0-9+/]{86}==", "critical", issuer("*.core.windows.net")),
  p("Azure SAS Token", "\\bsv=\\d{4}-\\d{2}-\\d{2}&[^\\s\\\"'<>]{0,300}?\\bsig=[A-Za-z0-9%+/=]{30,}", "high", issuer("*.core.windows.net")),
  p("Azure AD Client Secret", "(?:^|[^A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?:[^A-Za-z0-9_~.-]|$)", "critical", issuer("login.microsoftonline.com")),
  p("Shopify Access Token", "\\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\\b", "critical", issuer("*.myshopify.com")),
  p("Telegram Bot Token", "\\b\\d{8,10}:AA[0-9A-Za-z_-]{33}\\b", "critical", issuer("api.telegram.org")),
  p("Mailchimp API Key", "\\b[0-9a-f]{32}-us\\d{1,2}\\b", "high", issuer("*.api.mailchimp.com")),
  p("GitLab Token", "\\bgl(?:dt|rt|ptt|ft|cbt|imt|oas|soat|agent)-[A-Za-z0-9_-]{20,}", "critical", issuer("gitlab.com", "*.gitlab.com")),
  p("Atlassian API Token", "\\bATATT3[A-Za-z0-9_=-]{150,}", "critical", issuer("*.atlassian.net", "*.atlassian.com")),
  p("Postman API Key", "\\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\\b", "critical", issuer("*.getpostman.com", "*.postman.com")),
  p("Grafana Token", "\\b(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})", "critical", issuer("*.grafana.net", "*.grafana.com")),
  p("Doppler Token", "\\bdp\\.(?:pt|st|sa|ct|scim)\\.[A-Za-z0-9]{40,44}\\b", "critical", issuer("*.doppler.com")),
  p("PlanetScale Token", "\\bpscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,}", "critical", issuer("*.psdb.cloud", "*.planetscale.com")),
  p("Square Token", "\\b(?:sq0atp|sq0csp)-[0-9A-Za-z_-]{22,43}", "critical", issuer("*.squareup.com")),
  // A provider credential written backwards (`echo $TOKEN | rev`): its prefix reversed at the end.
  p("Reversed Credential", "(?-i:[A-Za-z0-9_]{30,}_tap_buhtig|[A-Za-z0-9_]{36,}_[pousr]hg|\\b[A-Z0-9]{16}(?:AIKA|AISA)\\b|[A-Za-z0-9]{20,}_(?:evil|tset)_[kr]s|[A-Za-z0-9_-]{20,}-tna-ks|[A-Za-z0-9_-]{20,}-jorp-ks|[0-9A-Za-z-]{15,}-[bpras]xox|[A-Za-z0-9_-]{20,}-taplg|[0-9A-Za-z_-]{35}azIA|[A-Za-z0-9]{36,}_mpn|-----YEK\\s+ETAVIRP)", "critical"),
  p("Age Secret Key", "AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}", "critical"),
  p("Secret Under Key Name", "(?:^|[\\s{,;\\\"'])(?:private[_-]?key|secret[_-]?key|client[_-]?secret|api[_-]?secret|signing[_-]?key|encryption[_-]?key|master[_-]?key|mnemonic|seed[_-]?phrase)[\\\"']?\\s*[:=]\\s*[\\\"']?(?:0x)?[0-9a-fA-F]{64}\\b", "critical")
]

/** The names of the 8 patterns Go runs always, even with `include_defaults: false` (core, immutable). */
export const coreDlpNames: ReadonlyArray<string> = [
  "AWS Access ID", "AWS Secret Key", "GitHub Token", "GitHub Fine-Grained PAT", "GitLab PAT", "Slack Token", "Private Key Header"
]

/** The core set: the named built-ins plus the GCP service-account key JSON marker. */
export const coreDlpPatterns: ReadonlyArray<DlpPatternSpec> = [
  ...builtinDlpPatterns.filter((x) => coreDlpNames.includes(x.name)),
  p("GCP Service Account Key", "\"type\"\\s*:\\s*\"service_account\"", "critical", google)
]

/**
 * Merges user patterns with the built-ins by name (a user pattern replaces the built-in of the same name,
 * keeping the built-in's exemptions and validator unless it sets its own); `includeDefaults: false`
 * keeps the user patterns only. The core set is added by the scanner whatever this says.
 */
export const mergeDlpPatterns = (
  user: ReadonlyArray<{ name: string; regex: string; severity?: Severity | undefined; validator?: string | undefined; exempt_domains?: ReadonlyArray<string> | undefined; action?: "warn" | undefined }>,
  includeDefaults: boolean
): DlpPatternSpec[] => {
  const byName = new Map<string, DlpPatternSpec>()
  if (includeDefaults) for (const b of builtinDlpPatterns) byName.set(b.name, b)
  const builtin = new Map(builtinDlpPatterns.map((b) => [b.name, b]))
  for (const u of user) {
    const b = builtin.get(u.name)
    byName.set(u.name, {
      name: u.name,
      // A preset that restates a built-in with the Go regex keeps our (wider) built-in regex.
      regex: b !== undefined && goRegexes[u.name] === u.regex ? b.regex : u.regex,
      severity: b !== undefined && goSeverities[u.name] === u.severity ? b.severity : u.severity ?? b?.severity ?? "high",
      validator: (u.validator as Validator | undefined) ?? b?.validator,
      exempt_domains: u.exempt_domains ?? b?.exempt_domains,
      action: u.action
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
  "IBAN": "\\b[A-Z]{2}\\d{2}[A-Z0-9]{11,30}\\b"
}
const goSeverities: Readonly<Record<string, Severity>> = {
  "Credit Card Number": "medium",
  "IBAN": "medium"
}
