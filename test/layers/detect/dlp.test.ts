import { describe, expect, it } from "vitest"
import { compile, scanParts, scanText, scanUrl, seedPhrase } from "../../../src/layers/detect/dlp.ts"
import { jsonParts } from "../../../src/layers/detect/json.ts"
import { builtinDlpPatterns, CREDENTIAL_KEY_WORDS, CREDENTIAL_KEYWORDS, mergeDlpPatterns } from "../../../src/layers/detect/dlpPatterns.ts"
import * as checks from "../../../src/layers/detect/checksums.ts"

const c = compile({
  patterns: mergeDlpPatterns([], true),
  scanEnv: true,
  minEnvSecretLength: 16,
  env: { MY_SERVICE_TOKEN: "Zx9qW3rT7yU2iO5pA8sD1fG4hJ6kL0", HOME: "/home/me", PATH: "/usr/bin:/bin" },
  seedPhrase: { enabled: true, minWords: 12, verifyChecksum: true }
})
const rules = (text: string, host?: string) => scanText(c, text, "t", { host }).map((f) => f.rule)

const r = (n: number, alphabet = "aB3dE5gH7jK9mN1pQ") => Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join("")
/** Hex digits in no order (no run steps through the digits: a sequential body of 48+ is an example, not a key). */
const hex = (n: number) => r(n, "9f3a0c7e5b1d8264")

// Every built-in pattern: a realistic positive, and a near miss that must not fire.
const cases: Record<string, [string, string]> = {
  "Anthropic API Key": [`key sk-ant-api03-${r(24)}`, "sk-ant-short"],
  "OpenAI API Key": [`sk-proj-${r(30)}`, "sk-proj-abc"],
  "OpenAI Service Key": [`sk-svcacct-${r(20)}`, "sk-svcacct-x"],
  "Fireworks API Key": [`fw_${r(26)}`, "fw_short1234"],
  "Google API Key": [`AIza${r(35)}`, `AIza${r(20)}`],
  "Google OAuth Client Secret": [`GOCSPX-${r(28)}`, "GOCSPX-abc"],
  "Stripe Key": [`sk_live_${r(24)}`, "sk_live_abc"],
  "Stripe Webhook Secret": [`whsec_${r(24)}`, "whsec_x"],
  "GitHub Token": [`ghp_${r(36)}`, `ghp_${r(20)}`],
  "GitHub Fine-Grained PAT": [`github_pat_${r(40)}`, "github_pat_short"],
  "GitLab PAT": [`glpat-${r(20)}`, "glpat-123"],
  "AWS Access ID": ["AKIAIOSFODNN7EXAMPLE", "AKIA123"],
  "AWS Secret Key": ["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = short"],
  "Google OAuth Token": [`ya29.${r(30)}`, "ya29.abc"],
  "Slack Token": ["xoxb-123456789012-abcdefABCDEF12", "xoxb-123"],
  "Slack App Token": ["xapp-1-A0123456789-1234567890123-abcdef0123456789", "xapp-1"],
  "Discord Bot Token": [`M${r(23)}.${r(6)}.${r(27)}`, `M${r(10)}.${r(6)}.${r(10)}`],
  "Twilio API Key": [`SK${"0123456789abcdef".repeat(2)}`, "SK0123"],
  "SendGrid API Key": [`SG.${r(22)}.${r(43)}`, "SG.abc.def"],
  "Mailgun API Key": [`key-${r(32)}`, "key-123"],
  "New Relic API Key": [`NRAK-${"ABCDEFGHIJ0123456789XYZQWER"}`, "NRAK-ABC"],
  "Hugging Face Token": [`hf_${r(30)}`, "hf_abc"],
  "Databricks Token": [`dapi${"0123456789abcdef".repeat(2)}`, "dapi123"],
  "Replicate API Token": [`r8_${r(24)}`, "r8_abc"],
  "Together AI Key": [`tok_${"abcdef0123456789".repeat(3)}`, "tok_abc"],
  "Pinecone API Key": [`pcsk_${r(40)}`, "pcsk_abc"],
  "Groq API Key": [`gsk_${r(52)}`, "gsk_abc"],
  "xAI API Key": [`xai-${r(84)}`, "xai-abc"],
  "DigitalOcean Token": [`dop_v1_${hex(64)}`, "dop_v1_123"],
  "HashiCorp Vault Token": [`hvs.${r(26)}`, "hvs.abc"],
  "Vercel Token": [`vercel_${r(26)}`, "vercel_abc"],
  "Supabase Service Key": [`sb_secret_${r(24)}`, "sb_secret_x"],
  "npm Token": [`npm_${r(36)}`, "npm_install"],
  "PyPI Token": [`pypi-${r(20)}`, "pypi-abc"],
  "Linear API Key": [`lin_api_${r(40)}`, "lin_api_x"],
  "Notion API Key": [`ntn_${r(44)}`, "ntn_abc"],
  "Sentry Auth Token": [`sntrys_eyJ${r(44)}`, "sntrys_x"],
  "Private Key Header": ["-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----"],
  "JWT Token": ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "eyJhbGciOiJIUzI1NiJ9"],
  "Bitcoin WIF Private Key": ["5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ", "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK"],
  "Extended Private Key": [`xprv${"9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"}`, "xprv9s21Zr"],
  "Ethereum Private Key": [`0x${"4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"}`, "0x4c0883a691"],
  "Social Security Number": ["SSN 123-45-6789", "call 123-456-7890"],
  "Google OAuth Client ID": [`123456789012-${r(32)}.apps.googleusercontent.com`, "123.apps.googleusercontent.com"],
  "Credential in URL": ["?password=Hunter2Secret", "?password="],
  "Environment Variable Secret": ["DB_PASSWORD=s3cr3tPa55word", "DB_PASSWORD=x"],
  "Credit Card Number": ["4111 1111 1111 1111", "4111 1111 1111 1112"],
  "IBAN": ["GB82WEST12345698765432", "GB82WEST12345698765431"],
  "Ethereum Address": ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"],
  "Bitcoin Address": ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"],
  "Bitcoin Bech32 Address": ["bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"],
  "Credential Fragment": ["token part 1: ghp_Q7mR2kLp9XvB3n", "ghp_xxxxxxxxxxxxxxxx"],
  "Credential Assignment": ["password: SuperSecretDBPass!2026", "password: ${DB_PASSWORD}"],
  "Connection String Credentials": ["postgres://admin:s3cretPass@db.internal:5432/prod", "postgres://db.internal:5432/prod"],
  "Slack Webhook URL": [`https://hooks.slack.com/services/T0A1B2C3D/B0E4F5G6H7/${r(24)}`, "https://hooks.slack.com/services/T0A1B2C3D"],
  "Discord Webhook URL": [`https://discord.com/api/webhooks/123456789012345678/${r(64)}`, "https://discord.com/api/webhooks/123"],
  "OpenAI Legacy Key": [`sk-${r(20)}T3BlbkFJ${r(20)}`, `sk-${r(48)}`],
  "OpenAI Admin Key": [`sk-admin-${r(30)}`, "sk-admin-x"],
  "Azure Storage Account Key": [`AccountName=prod;AccountKey=${r(86, "aB3dE5gH7jK9mN1pQ+/")}==`, "AccountKey=changeme"],
  "Azure SAS Token": [`?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-01-01&sig=${r(44)}%3D`, "?sv=2022-11-02&sig=short"],
  "Azure AD Client Secret": [`client secret ${r(3)}8Q~${r(34)}`, "a valid Q~ tilde in prose"],
  "Shopify Access Token": [`shpat_${"0123456789abcdef".repeat(2)}`, "shpat_123"],
  "Telegram Bot Token": [`123456789:AA${r(33)}`, "123456789:AAbc"],
  "Mailchimp API Key": [`${"0123456789abcdef".repeat(2)}-us14`, "0123456789abcdef-us14"],
  "GitLab Token": [`glrt-${r(24)}`, "glrt-123"],
  "Atlassian API Token": [`ATATT3${r(180)}`, "ATATT3xFfGF0"],
  "Postman API Key": [`PMAK-${hex(24)}-${hex(34)}`, "PMAK-1234"],
  "Grafana Token": [`glsa_${r(32)}_0a1b2c3d`, "glsa_short_0a1b2c3d"],
  "Doppler Token": [`dp.pt.${r(43)}`, "dp.pt.abc"],
  "PlanetScale Token": [`pscale_tkn_${r(40)}`, "pscale_tkn_x"],
  "Square Token": [`sq0atp-${r(22)}`, "sq0atp-abc"],
  "Reversed Credential": [[...`ghp_${r(36)}`].reverse().join(""), "ghp_ spelled forwards is not reversed: ELPMAXE"],
  "Age Secret Key": [`AGE-SECRET-KEY-1${"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L".repeat(2).slice(0, 58)}`, "AGE-SECRET-KEY-1QPZ"],
  "Secret Under Key Name": ["private_key: 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "commit: 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"]
}

describe("DLP catalogue", () => {
  it("has a positive and a near miss for every built-in pattern", () => {
    expect(Object.keys(cases).sort()).toEqual(builtinDlpPatterns.map((p) => p.name).sort())
  })
  for (const [name, [positive, negative]] of Object.entries(cases)) {
    it(`${name}: fires on a real one, not on a near miss`, () => {
      expect(rules(positive), positive).toContain(name)
      expect(rules(negative), negative).not.toContain(name)
    })
  }

  it("a provider key sent to its own issuer is not a leak; sent anywhere else it is", () => {
    const key = `sk-ant-api03-${r(24)}`
    expect(rules(key, "api.anthropic.com")).not.toContain("Anthropic API Key")
    expect(rules(key, "evil.example.com")).toContain("Anthropic API Key")
  })

  it("a JWT with a short or empty signature still leaks its claims", () => {
    expect(rules("Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJpbnRlcm5hbCJ9.sig")).toContain("JWT Token")
    expect(rules("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.")).toContain("JWT Token")
  })

  it("rejects a pattern RE2 cannot compile, naming it", () => {
    expect(() => compile({ patterns: [{ name: "Bad One", regex: "(?=x)", severity: "high" }], scanEnv: false, minEnvSecretLength: 16, env: {}, seedPhrase: { enabled: false, minWords: 12, verifyChecksum: true } }))
      .toThrow(/Bad One/)
  })
})

describe("checksums", () => {
  it("Luhn with issuer prefixes", () => {
    expect(checks.cardNumber("4111111111111111")).toBe(true)
    expect(checks.cardNumber("5500000000000004")).toBe(true)
    expect(checks.cardNumber("378282246310005")).toBe(true)
    expect(checks.cardNumber("4111111111111112")).toBe(false)
    expect(checks.cardNumber("1234567812345670")).toBe(false) // Luhn-valid, no issuer
  })
  it("IBAN mod-97 with country lengths", () => {
    expect(checks.iban("DE89370400440532013000")).toBe(true)
    expect(checks.iban("DE89370400440532013001")).toBe(false)
    expect(checks.iban("XX89370400440532013000")).toBe(false)
  })
  it("Base58Check: WIF keys and bitcoin addresses", () => {
    expect(checks.wif("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ")).toBe(true)
    expect(checks.btcAddress("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")).toBe(true)
    expect(checks.btcAddress("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz")).toBe(false)
  })
  it("bech32 and EIP-55", () => {
    expect(checks.bech32Address("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")).toBe(true)
    expect(checks.bech32Address("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdz")).toBe(false)
    expect(checks.ethAddress("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")).toBe(true)
    expect(checks.ethAddress("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d35A")).toBe(false)
  })
  it("BIP-39 seed phrases need the checksum", () => {
    const seed = { enabled: true, minWords: 12, verifyChecksum: true }
    expect(seedPhrase("backup: abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", seed)).toBeDefined()
    expect(seedPhrase("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon", seed)).toBeUndefined()
    expect(seedPhrase("1. legal 2. winner 3. thank 4. year 5. wave 6. sausage 7. worth 8. useful 9. legal 10. winner 11. thank 12. yellow", seed)).toBeDefined()
  })
})

describe("placeholders and code are not secrets", () => {
  it("rejects placeholder bodies of provider tokens (README templates)", () => {
    expect(rules("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")).not.toContain("GitHub Token")
    expect(rules("STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx")).not.toContain("Stripe Key")
    // Zero-filled or FAKE/TEST/EXAMPLE bodies are what synthetic leaks look like: still found.
    expect(rules("sk-proj-FAKE00000000000000000000000000000000000000TEST0000")).toContain("OpenAI API Key")
    expect(rules("ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123")).toContain("GitHub Token")
  })
  it("code that reads a secret is not a secret", () => {
    for (const code of [
      'password = os.environ["DB_PASSWORD"]', "api_key = os.getenv('STRIPE_API_KEY')", "secret_key = settings.SECRET_KEY",
      "conn = connect(host=h, password=password)", "client_secret = config.get('oauth', 'client_secret')", "password=getpass()",
      "token = process.env.GITHUB_TOKEN"
    ]) expect(rules(code), code).toEqual([])
    expect(rules("password = Tr0ub4dor.3x9!")).toContain("Credential Assignment")
    expect(rules("db_password: S3cure!Passw0rd")).toContain("Credential Assignment")
  })
})

describe("decoded and split secrets", () => {
  it("finds a secret in base32 (upper and lower case) and in gzip or zlib inside base64", async () => {
    const { gzipSync, deflateSync } = await import("node:zlib")
    const b32 = (t: string) => {
      const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
      let bits = 0, v = 0, out = ""
      for (const x of Buffer.from(t)) {
        v = (v << 8) | x
        bits += 8
        while (bits >= 5) { out += A[(v >>> (bits - 5)) & 31]; bits -= 5 }
      }
      return bits > 0 ? out + A[(v << (5 - bits)) & 31] : out
    }
    const key = `glpat-${r(20)}`
    expect(rules(`body: ${b32(key)}`)).toContain("GitLab PAT")
    expect(rules(`body: ${b32(key).toLowerCase()}`)).toContain("GitLab PAT")
    expect(rules(`blob ${gzipSync(`AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE`).toString("base64")}`)).toContain("AWS Access ID")
    expect(rules(`blob ${deflateSync(`token ${key}`).toString("base64")}`)).toContain("GitLab PAT")
    // Words in capitals and binary gzip are not secrets.
    expect(rules("THEQUICKBROWNFOXJUMPS OVER")).toEqual([])
    expect(rules(`img ${gzipSync(Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 37) % 256))).toString("base64")}`)).toEqual([])
  })

  it("finds a secret in base64 wrapped at a line width (MIME, `base64` output)", () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${r(120, "aB3dE5gH7jK9mN1pQ+/")}\n-----END RSA PRIVATE KEY-----\n`
    const wrapped = Buffer.from(pem).toString("base64").replace(/.{64}/g, "$&\n")
    expect(rules(wrapped)).toContain("Private Key Header")
  })

  it("finds a secret hidden in Unicode tag characters", () => {
    const hidden = [..."AKIAIOSFODNN7EXAMPLE"].map((ch) => String.fromCodePoint(0xe0000 + ch.charCodeAt(0))).join("")
    expect(rules(`hello${hidden}`)).toContain("AWS Access ID")
  })

  it("reads a secret-named JSON key with its value (a bare private key or API key has no other context)", () => {
    const f = (v: unknown) => scanParts(c, jsonParts(v, "body")).map((x) => x.rule)
    expect(f({ privateKey: "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318" })).toContain("Secret Under Key Name")
    expect(f({ api_key: "q8Zr2LmX7vTp4NcW" })).toContain("Credential Assignment")
    expect(f({ type: "service_account", project_id: "acme" })).toContain("GCP Service Account Key")
    expect(f({ commit: "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", api_key: "${API_KEY}" })).toEqual([])
    // A password sent in a login body is how a login works.
    expect(f({ username: "jane", password: "S3cure!Passw0rd" })).toEqual([])
  })

  it("finds a seed phrase that follows other short words (a file path, a label)", () => {
    const phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
    expect(rules(`/tmp/backup.txt\n${phrase}`)).toContain("BIP-39 Seed Phrase")
    expect(rules(`my wallet seed words are: ${phrase}`)).toContain("BIP-39 Seed Phrase")
  })

  it("finds a seed phrase glued to a digit or ended by a non-ASCII letter or punctuation", () => {
    const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    expect(rules(`1${phrase}`)).toContain("BIP-39 Seed Phrase")
    expect(rules(`${phrase}é`)).toContain("BIP-39 Seed Phrase")
    expect(rules(`¡${phrase.replaceAll(" ", "-")}!`)).toContain("BIP-39 Seed Phrase")
    // Near miss: a break inside the phrase leaves two halves too short to be one.
    expect(rules(phrase.replace("wave ", "wave ! "))).not.toContain("BIP-39 Seed Phrase")
  })

  it("finds seed phrases whatever ASCII separates the words (query strings, underscores)", () => {
    const seed = { enabled: true, minWords: 12, verifyChecksum: true }
    expect(seedPhrase("m=legal,winner,thank,year,wave,sausage,worth,useful,legal,winner,thank,yellow", seed)).toBeDefined()
    expect(seedPhrase("legal&winner&thank&year&wave&sausage&worth&useful&legal&winner&thank&yellow", seed)).toBeDefined()
    // Code joins identifiers with `_` and `<>`: not phrase separators.
    expect(seedPhrase("legal_winner_thank_year_wave_sausage_worth_useful_legal_winner_thank_yellow", seed)).toBeUndefined()
    expect(seedPhrase("legal/winner/thank/year/wave/sausage/worth/useful/legal/winner/thank/year", seed)).toBeUndefined()
  })

  it("card numbers of 14–19 digits with spaces, dashes or dots; not EAN-13 barcodes", () => {
    expect(rules("corporate card 3056 9309 0259 04")).toContain("Credit Card Number")
    expect(rules("corporate card 3056 9309 0259 04 09 27")).toContain("Credit Card Number")
    // The preset restates Go's card regex; the wider one applies.
    const preset = compile({ patterns: mergeDlpPatterns([{ name: "Credit Card Number", regex: "\\b\\d{4}(?:[- ]?\\d){11,15}\\b", severity: "medium" }], true), scanEnv: false, minEnvSecretLength: 16, env: {}, seedPhrase: { enabled: false, minWords: 12, verifyChecksum: true } })
    expect(scanText(preset, "n: 4242.4242.4242.4242", "t").map((f) => [f.rule, f.severity])).toContainEqual(["Credit Card Number", "high"])
    expect(rules("n: 4242.4242.4242.4242")).toContain("Credit Card Number")
    expect(rules("sku 4006381333931")).not.toContain("Credit Card Number")
  })

  it("an IBAN followed by a word, in lower case", () => {
    expect(rules("pay to de89 3704 0044 0532 0130 00 please")).toContain("IBAN")
    expect(rules("pay to de89 3704 0044 0532 0130 01 please")).not.toContain("IBAN")
  })

  it("a key written in groups of four, in text and in a URL value with dashes", () => {
    expect(rules("key for the vault: AKIA IOSF ODNN 7EXA MPLE")).toContain("AWS Access ID")
    expect(scanUrl(c, new URL("https://x.example/q?k=AKIA-IOSF-ODNN-7EXA-MPLE")).map((f) => f.rule)).toContain("AWS Access ID")
    expect(rules("THE QUICK BROWN FOXS JUMP OVER")).toEqual([])
  })

  it("a key encoded and split across path segments", () => {
    const enc = Buffer.from(`sk_live_${r(30)}`).toString("base64url")
    expect(scanUrl(c, new URL(`https://x.example/a/${enc.slice(0, 24)}/${enc.slice(24)}`)).map((f) => f.rule)).toContain("Stripe Key")
  })

  it("example and redacted values in config templates and plan output are not secrets", () => {
    expect(rules("JWT_SECRET=change-me-in-production")).toEqual([])
    expect(rules("    secret = (sensitive value)")).toEqual([])
    expect(rules("OPENAI_API_KEY=sk-...")).toEqual([])
    expect(rules("JWT_SECRET=9fQ2xLm7Tz4Wb8Rk")).toContain("Environment Variable Secret")
  })

  it("IIS-style %uXXXX escapes", () => {
    expect(rules(`v=${[..."AKIAIOSFODNN7EXAMPLE"].map((ch) => `%u00${ch.charCodeAt(0).toString(16)}`).join("")}`)).toContain("AWS Access ID")
  })

  it("finds a Redis URL with a password and no user", () => {
    expect(rules("cache: redis://:Vx9qL2mZ8rT4@cache.internal:6379/0")).toContain("Connection String Credentials")
    expect(rules("cache: redis://cache.internal:6379/0")).toEqual([])
  })

  it("finds secrets in base64, base64url, hex, separated hex, repeated URL-encoding and escapes", () => {
    const key = "AKIAIOSFODNN7EXAMPLE"
    for (const encoded of [
      Buffer.from(key).toString("base64"),
      Buffer.from(`x=${key}`).toString("base64url"),
      Buffer.from(key).toString("hex"),
      Buffer.from(key).toString("hex").match(/../g)!.join(":"),
      encodeURIComponent(encodeURIComponent(key).replace(/[A-Z0-9]/g, (ch) => `%${ch.charCodeAt(0).toString(16)}`)),
      key.split("").map((ch) => `\\x${ch.charCodeAt(0).toString(16)}`).join(""),
      key.split("").map((ch) => `\\u00${ch.charCodeAt(0).toString(16)}`).join(""),
      Buffer.from(Buffer.from(key).toString("hex")).toString("base64")
    ]) expect(rules(`data: ${encoded}`), encoded).toContain("AWS Access ID")
  })

  it("finds a secret split across JSON values", () => {
    const found = scanParts(c, jsonParts({ access_key: "AKIAIOSFODNN", suffix: "7EXAMPLE", region: "us-east-1" }, "body"))
    expect(found.map((f) => f.rule)).toContain("AWS Access ID")
  })

  it("finds this process's secret environment values, raw and encoded, and says which variable", () => {
    const v = "Zx9qW3rT7yU2iO5pA8sD1fG4hJ6kL0"
    for (const text of [v, Buffer.from(v).toString("base64"), Buffer.from(v).toString("hex")]) {
      const f = scanText(c, `x ${text} y`, "body").find((x) => x.rule === "Environment Variable Leak")
      expect(f, text).toBeDefined()
      expect(f!.evidence).toContain("MY_SERVICE_TOKEN")
      expect(f!.evidence).not.toContain(v)
    }
    expect(c.envNames).toEqual(["MY_SERVICE_TOKEN"])
  })

  it("never puts the secret in the evidence", () => {
    const f = scanText(c, "AKIAIOSFODNN7EXAMPLE", "body")[0]
    expect(f.evidence).not.toContain("AKIAIOSFODNN7EXAMPLE")
  })

  it("scans URLs: query values, decoded path, hostname labels", () => {
    const urlRules = (u: string) => scanUrl(c, new URL(u)).map((f) => f.rule)
    expect(urlRules("https://x.example/?q=AKIAIOSFODNN7EXAMPLE")).toContain("AWS Access ID")
    expect(urlRules(`https://x.example/upload/${encodeURIComponent("AKIAIOSFODNN7EXAMPLE")}`)).toContain("AWS Access ID")
    expect(urlRules("https://AKIAIOSFO.DNN7EXAMPLE.exfil.example/")).toContain("AWS Access ID")
    expect(urlRules("https://docs.python.org/3/library/urllib.parse.html?highlight=quote")).toEqual([])
  })
})

describe("false positives seen on main, each beside the secret it must still find", () => {
  const found = (text: string) => scanText(c, text, "t").map((f) => f.rule)
  const letters = (n: number) => Array.from({ length: n }, (_, i) => "qWeRtYuIoPaSdFgHjKlZxCvBnM"[(i * 11 + 5) % 26]).join("")

  it("a token prefix inside a longer identifier, in any case, is not a Hugging Face token", () => {
    for (const text of [
      'amazon.de#@#div[data-cel-widget="desktop-rhf_SponsoredProductsRemoteRHFSearchEXPSubsK2ClickPagination"]',
      "#define OSCHF_DebugGetExpectedAverageCrystalAmplitude NOROM_OSCHF_DebugGetExpectedAverageCrystalAmplitude",
      "- (id)hf_requiredCharacteristicTypesForDisplayMetadata;",
      "subdirs = glob.glob('HF_CAASIMULIAComputeServicesBuildDirectory')"
    ]) expect(found(text), text).toEqual([])
    expect(found(`HF_TOKEN=hf_${letters(34)}`)).toContain("Hugging Face Token")
  })

  it("a Slack-token shape inside a document id in a URL path is not a Slack token", () => {
    for (const text of [
      "https://docs.google.com/document/d/1W7KCxOxP-1Fy5EyF2lbJGE2WuKmu5v0suYqoHas1jRM/edit",
      "https://docs.google.com/spreadsheets/d/1aZxoxa-2QfT2mLkR7vWcYs3nHdJ8pUe4GbXtVqN6oKi/edit#gid=0",
      "https://docs.google.com/presentation/d/1bQxoxb-99381234567-8QfT2mLkR7vWcYs3nHdJ8pUe/view"
    ]) expect(found(text), text).toEqual([])
    expect(found("SLACK_BOT_TOKEN=xoxb-48271684916-3444604926300-GmCbOaP3CfLi3fAmRDp69DQF")).toContain("Slack Token")
  })

  it("`task_test_…` is not a Stripe key; `sk_test_…` is", () => {
    expect(found('const job = "task_test_wrn56fb3gm6tap52gd8w3xdneckexq"')).toEqual([])
    expect(found('const key = "sk_test_wrn56fb3gm6tap52gd8w3xdneckexq"')).toContain("Stripe Key")
  })

  it("a name with no value (`GITHUB_API_KEY=` then the next line) is not a secret", () => {
    expect(found("GITHUB_API_KEY=\nDYNATRACE_API_KEY=\n")).toEqual([])
    expect(found("# .env.example\nGITHUB_API_KEY=\nOPENAI_API_KEY=\nDATABASE_URL=\n")).toEqual([])
    expect(found("ACME_API_KEY=Zx9qW3rT7yU2iO5pA8sD1fG4\n")).toContain("Environment Variable Secret")
  })

  it("a private-key header with nothing (or a template) between it and its END marker is documentation", () => {
    for (const text of [
      "-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----",
      "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
      "-----BEGIN RSA PRIVATE KEY-----\n<paste your key here>\n-----END RSA PRIVATE KEY-----",
      '{"key": "-----BEGIN EC PRIVATE KEY-----\\n-----END EC PRIVATE KEY-----"}'
    ]) expect(found(text), text).toEqual([])
    const body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"
    expect(found(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`)).toContain("Private Key Header")
    expect(found(`{"key": "-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n"}`)).toContain("Private Key Header")
    expect(found("-----BEGIN RSA PRIVATE KEY-----")).toContain("Private Key Header")
  })
})

describe("generic credential assignment", () => {
  const value = "a8Fq2ZrT9mX4vL7pK3wN6cB1"
  const blocked = (text: string) => scanText(c, text, "t").filter((f) => f.severity === "high" || f.severity === "critical").map((f) => f.rule)

  it("finds a random value under a credential-named key in every shape agents send", () => {
    for (const text of [
      `{"acme_token": "${value}"}`,
      `acme:\n  api_key: ${value}\n`,
      `ACME_SECRET=${value}`,
      `export ACME_AUTH_TOKEN="${value}"`,
      `GET /v1/items?client_secret=${value}&page=2`,
      `user=jane&auth_token=${value}`,
      `X-Acme-Api-Key: ${value}`,
      `Authorization: Bearer ${value}`,
      `const acmeApiKey = "${value}";`,
      `config['session_key'] = '${value}'`,
      `<apiKey>${value}</apiKey>`,
      `db_password: "Tr0ub4dor&3xkcd"`
    ]) expect(blocked(text).length, text).toBeGreaterThan(0)
    expect(blocked(`{"acme_token": "${value}"}`)).toContain("Credential Assignment")
    expect(scanParts(c, jsonParts({ acme: { api_key: value } }, "body")).map((f) => f.rule)).toContain("Credential Assignment")
  })

  it("leaves placeholders, variables, code, words and non-secret names alone", () => {
    for (const text of [
      "api_key: changeme", 'api_key = "xxxxxxxxxxxxxxxxxxxx"', 'API_KEY="<your-key>"', "token: ${ACME_TOKEN}", "API_KEY=",
      "auth: \"secret123\"", "authorization: `token secret123`", "apiKey: process.env.ACME_KEY", "token = getToken()",
      "max_tokens: 4096", 'public_key: "MIIBIjANBgkqhkiG9w0BAQEFAAOC"', "Release GPG key: 9554F04D7259F04124DE6B476D5A82AC7E37093B",
      'notes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"', "credentials: 'same-origin'", "api_key: {{ .Values.apiKey }}", "secret: ${{ secrets.ACME }}",
      'client.sAdd("users:1:tokens", "Tm9kZSBSZWRpcw==")', "Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=",
      "GET https://api.example.com:44123/v1/health", "https://api.shop.example.com:38211/v1/cart/items"
    ]) expect(blocked(text), text).toEqual([])
    // A variable, not a value (the Go rule for `password=` lines still reads it as one).
    expect(blocked("password = userPassword")).not.toContain("Credential Assignment")
  })

  it("every key name the rule accepts contains one of its keywords (the prefilter cannot miss one)", () => {
    const keyName = new RegExp(`^[A-Za-z0-9_.-]{0,40}?${CREDENTIAL_KEY_WORDS}$`, "i")
    for (const name of [
      "token", "api_key", "apiKey", "API-KEY", "x-api-key", "client_secret", "clientSecret", "password", "DB_PASSWD", "pwd", "passphrase", "smtp_pass",
      "accessKey", "AWS_ACCESS_KEY", "authKey", "privateKey", "signing_key", "encryptionKey", "masterKey", "sessionKey", "credentials", "Authorization",
      "auth", "bearer", "cookie", "mnemonic", "seed_phrase", "stripe.key", "GITHUB_TOKEN", "webhook_secret"
    ]) {
      expect(keyName.test(name), name).toBe(true)
      expect(CREDENTIAL_KEYWORDS.some((k) => name.toLowerCase().includes(k)), name).toBe(true)
    }
  })

  it("every built-in's example contains one of its keywords (a wrong keyword would hide the rule)", () => {
    for (const p of builtinDlpPatterns) {
      const example = cases[p.name]?.[0]
      if (p.keywords === undefined || example === undefined) continue
      expect(p.keywords.some((k) => example.toLowerCase().includes(k)), p.name).toBe(true)
    }
  })
})

describe("gitleaks' catalogue", () => {
  it("names findings by rule id and applies the rule's allowlists and entropy", () => {
    const f = scanText(c, 'export ADAFRUIT_KEY="vead2by89b61cua0zbb5a2odup_civd9"', "t").map((x) => x.rule)
    expect(f).toContain("gitleaks:adafruit-api-key")
    // Known public keys that gitleaks lists by value are not secrets whichever rule sees them.
    expect(scanText(c, "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs", "t")).toEqual([])
  })

  it("a key sent to its issuer is exempt for every rule that sees it, not just the built-in", () => {
    const key = `sk-ant-api03-${"Qm7vB2nX9cL4kJ8hG3fD6sA1pO5iU0yT".repeat(3).slice(0, 93)}AA`
    expect(scanText(c, key, "t", { host: "api.anthropic.com" })).toEqual([])
    expect(scanText(c, key, "t", { host: "evil.example.com" }).map((f) => f.rule)).toContain("Anthropic API Key")
  })
})

describe("look-alikes of token formats (gitleaks' false-positive examples, by class)", () => {
  it("a body of filler past the prefix (all digits, or four characters or fewer) is not a token", () => {
    expect(rules(`ntn_${"1234567890".repeat(6)}`)).toEqual([])
    expect(rules(`apiKey: "AIza${"a".repeat(35)}"`)).toEqual([])
    expect(rules(`API_KEY="glc_${"1".repeat(42)}="`)).toEqual([])
    // Near misses the other way: a random body, and a zero-filled body beside letters (a synthetic leak).
    expect(rules(`ntn_${r(44)}`)).toContain("Notion API Key")
    expect(rules("X-Api-Key: SG.FAKE_TEST_KEY_0000000000.FAKE_TEST_000000000000000000000000000000000000000")).toContain("SendGrid API Key")
  })

  it("a fragment that is a word with a counter is not a fragment of a token", () => {
    expect(rules("xoxe.xoxp-1-initial")).toEqual([])
    expect(rules("token part 1: ghp_Q7mR2kLp9XvB3n")).toContain("Credential Fragment")
  })

  it("the generic rule wants a token value above gitleaks' entropy floor (3.5 bits per character)", () => {
    // sm_sat_hj7qelxaqh: 3.499 bits per character.
    expect(rules('nonMatchingToken := "sm_sat_hj7qelxaqh"')).toEqual([])
    expect(rules('telegram_api_token = "Q7mR2kLp9XvB3nZ4"')).toContain("Credential Assignment")
  })
})

describe("look-alikes typed as examples, and formats that own their shape (false positives gitleaks does not report)", () => {
  const anthropicBody = "Qm7vB2nX9cL4kJ8hG3fD6sA1pO5iU0yT".repeat(3).slice(0, 93)

  it("a long token body that mostly steps through the alphabet and the digits is an example, not a key", () => {
    // Runs such as `abc123xyz`, `klmnopqrst`, `3456yza789` in dash-separated groups: typed, not generated.
    const typed = "sk-ant-api03-abcd1234-567efg-hijklmnopq-rstuvw890-123xyzab-cdefghij45678-mnopqrsAA"
    expect(rules(typed)).not.toContain("Anthropic API Key")
    expect(rules(typed)).toEqual([])
    expect(rules(`ANTHROPIC_API_KEY=${typed}`)).not.toContain("Anthropic API Key")
    // The real key of the provider, and a short synthetic one (the floor: a short body says too little).
    expect(rules(`sk-ant-api03-${anthropicBody}AA`)).toContain("Anthropic API Key")
    expect(rules(`ANTHROPIC_API_KEY=sk-ant-admin01-${anthropicBody}AA`)).toContain("Anthropic API Key")
    expect(rules("sk-ant-api03-fake1234567890abcd")).toContain("Anthropic API Key")
  })

  it("a short fragment whose body steps through the alphabet or the digits is an example", () => {
    expect(rules("xoxb-4821-abcd5678")).toEqual([])
    expect(rules("ghp_abcdefgh12345")).toEqual([])
    expect(rules("xoxb-4821-q7Rm2kLp9x")).toContain("Credential Fragment")
    // A long one is judged like a whole token: a synthetic key joined from two messages still blocks.
    expect(rules("ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef12")).toContain("Credential Fragment")
    expect(rules("SLACK_BOT_TOKEN=xoxb-48271684916-3444604926300-GmCbOaP3CfLi3fAmRDp69DQF")).toContain("Slack Token")
  })

  it("counts steps in groups that hold a letter (digit groups are ids)", async () => {
    const { sequentialBody, steps } = await import("../../../src/layers/detect/entropy.ts")
    expect(steps("abc-123-xyzab")).toEqual({ pairs: 6, up: 6 })
    expect(steps("q7Rm2kLp9xvB3nZ4wT8yC6uD1fE5gH0j")).toEqual({ pairs: 31, up: 2 })
    expect(sequentialBody(`${"klmnopqrstuvwxyzabcdefgh12345678".repeat(2)}`, 48)).toBe(true)
    expect(sequentialBody(`${"q7Rm2kLp9xvB3nZ4wT8yC6uD1fE5gH0j".repeat(2)}`, 48)).toBe(false)
    expect(sequentialBody("abcdefghijklmnop", 48)).toBe(false)
  })

  it("a Sentry organisation token is base64 of a JSON object after its prefix; anything else is a look-alike", () => {
    const payload = Buffer.from(JSON.stringify({ iat: 1712345678.1, url: "https://sentry.io", region_url: "https://us.sentry.io", org: "acme" })).toString("base64").replace(/=+$/, "")
    const token = `sntrys_${payload}_${r(43)}`
    expect(rules(token)).toContain("Sentry Auth Token")
    expect(rules(`SENTRY_AUTH_TOKEN=${token}`)).toContain("Sentry Auth Token")
    expect(rules(`sntrys_${r(60)}`)).toEqual([])
    expect(rules(`sntrys_${r(12)}`)).toEqual([])
  })

  it("a value in the shape of a Telegram bot token is judged by the Telegram rules, not by the generic one", () => {
    // A bot id of four or seventeen digits, or a secret a character off: not a bot token.
    expect(rules('telegram_bot_token = "4821:Aq7rm2klp9xvb3nz4wt8yc6ud1fe5gh0js"')).toEqual([])
    expect(rules('telegram_bot_token = "48213957113842911:Aq7rm2klp9xvb3nz4wt8yc6ud1fe5gh0js0"')).toEqual([])
    expect(rules('telegram_bot_token = "48213957:A_q7rm2klp9xvb3nz4wt8yc6ud1fe5gh0js0k"')).toEqual([])
    // The real tokens: under a Telegram key (gitleaks' shape) and anywhere (the bot token format).
    expect(rules('telegram_bot_token = "48213957:Aq7rm2klp9xvb3nz4wt8yc6ud1fe5gh0js0"')).toContain("gitleaks:telegram-bot-api-token")
    expect(rules(`BOT_TOKEN=482139571:AA${r(33)}`)).toContain("Telegram Bot Token")
    // A random value under the same key is still a credential.
    expect(rules('telegram_api_token = "Q7mR2kLp9XvB3nZ4"')).toContain("Credential Assignment")
  })
})

describe("keyword windows and tests", () => {
  it("a keyword opens a window only where a value can follow its operator, whatever the operator", () => {
    const v = "ZiNYsbYu09PpEVIhTMVmoFH7AwY4RND3"
    for (const op of ["=", ":", " := ", "::=", ":::=", " => ", "||", "?=", ",", ": \n  ", " = ==", ">"]) {
      expect(rules(`my_service_token${op}"${v}"`).length, op).toBeGreaterThan(0)
      expect(rules(`my_service_token${op}${v}`).length, op).toBeGreaterThan(0)
    }
    // The operator read as one byte and the value after it (`password:` and `:=s3cr3t!x`), a scheme, XML.
    expect(rules("password::=s3cr3t!x")).toContain("Credential Assignment")
    expect(rules(`Authorization: Bearer ${v}`).length).toBeGreaterThan(0)
    expect(rules(`<api_token>${v}</api_token>`)).toContain("Credential Assignment")
    // Prose after a keyword and its operator: words, no value.
    expect(rules("The token: is sent in a header, and the key, once rotated, is gone.")).toEqual([])
  })

  it("opened-up counts match wherever the rule does", async () => {
    const { openCounts } = await import("../../../src/layers/detect/dlp.ts")
    expect(openCounts("(?i)[\\w.-]{0,50}?(?:key)(?:[ \\t\\w.-]{0,20})[\\s'\"]{0,3}=([a-z0-9]{10,150})\\{1,2\\}")).toBe(
      "(?i)(?:key)(?:[ \\t\\w.-]*)[\\s'\"]*=([a-z0-9]{10,})\\{1,2\\}"
    )
  })

  it("finds keywords case-insensitively in non-ASCII text, and with the letters RE2 folds beyond ASCII", () => {
    const value = "Zx9qW3rT7yU2iO5pA8sD1fG4"
    expect(rules(`« déjà vu » — API_TOKEN=${value}`)).toContain("Environment Variable Secret")
    // `ſ` (long s) folds with `s` under RE2's (?i): the keyword lookup must not miss what the rule's regex matches.
    const c2 = compile({ patterns: [{ name: "Custom", regex: "secret_[a-z0-9]{8}", severity: "high", keywords: ["secret_"] }], scanEnv: false, minEnvSecretLength: 16, env: {}, seedPhrase: { enabled: false, minWords: 12, verifyChecksum: true } })
    expect(scanText(c2, "ſecret_ab12cd34", "t").map((f) => f.rule)).toContain("Custom")
  })
})
