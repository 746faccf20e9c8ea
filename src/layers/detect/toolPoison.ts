/**
 * Tool poisoning: the strings of an MCP tool definition (name, title, description, annotations, and every
 * string of its input/output schemas, nested: descriptions, titles, defaults, enums, examples, patterns,
 * `$comment`, `x-*` extensions and property names) run through the injection scanner and through checks
 * specific to tool descriptions: instruction tags, file-exfiltration directives, cross-tool manipulation,
 * dangerous capabilities, data-routing directives and exfiltration-shaped parameter names. A fingerprint
 * per tool (SHA-256 of description and schema) detects changes mid-session (rug pulls).
 */
import { createHash } from "node:crypto"
import type { Finding, Severity } from "../../services/Verdict.ts"
import type { Model } from "./classifier.ts"
import { type CompiledInjection, finish, scanText } from "./injection.ts"
import { classifierFinding, classify, confirmable, toolModel } from "./injectionClassifier.ts"
import { once } from "./lazy.ts"
import { forMatching, hiddenTagText, revealTags } from "./normalize.ts"
import { RE2, SET_CHUNK } from "./re2.ts"
import { toolModelInput, withoutConcepts } from "./toolConcepts.ts"
import { intentChecks, PUBLIC_KEY, SECRET_DECLARATION, SECRET_NAME, SECRET_OBJECT } from "./toolIntent.ts"

export interface ToolDefinition {
  readonly name?: unknown
  readonly title?: unknown
  readonly description?: unknown
  readonly inputSchema?: unknown
  readonly outputSchema?: unknown
  readonly annotations?: unknown
}

export interface ToolText {
  readonly location: string
  readonly text: string
  /** Whether this string is free text (descriptions) rather than a name or value. */
  readonly prose: boolean
}

const SCHEMA_TEXT_KEYS = new Set(["description", "title", "default", "const", "enum", "examples", "example", "pattern", "$comment", "markdownDescription"])
const SCHEMA_NESTED_KEYS = new Set(["properties", "items", "additionalProperties", "allOf", "anyOf", "oneOf", "not", "$defs", "definitions", "if", "then", "else", "patternProperties", "prefixItems", "dependentSchemas", "contains"])

/** Every string of a tool definition that an agent (or model) reads, with where it is. */
export const extractToolText = (tool: ToolDefinition, limit = 2048): ToolText[] => {
  const name = typeof tool.name === "string" ? tool.name : "?"
  const base = `tool:${name}`
  const out: ToolText[] = []
  const push = (location: string, text: unknown, prose: boolean) => {
    if (out.length >= limit) return
    if (typeof text === "string" && text.length > 0) out.push({ location, text, prose })
    else if (typeof text === "number" || typeof text === "boolean") out.push({ location, text: String(text), prose: false })
  }
  const anyStrings = (v: unknown, path: string, depth: number) => {
    if (depth > 16 || out.length >= limit) return
    if (typeof v === "string") push(path, v, true)
    else if (Array.isArray(v)) v.forEach((x, i) => anyStrings(x, `${path}[${i}]`, depth + 1))
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) anyStrings(x, `${path}.${k}`, depth + 1)
  }
  const schema = (s: unknown, path: string, depth: number) => {
    if (depth > 32 || s === null || typeof s !== "object" || out.length >= limit) return
    if (Array.isArray(s)) return s.forEach((x, i) => schema(x, `${path}[${i}]`, depth + 1))
    for (const [k, v] of Object.entries(s)) {
      if (SCHEMA_TEXT_KEYS.has(k) || k.startsWith("x-")) anyStrings(v, `${path}.${k}`, depth)
      else if (k === "properties" || k === "patternProperties" || k === "$defs" || k === "definitions" || k === "dependentSchemas") {
        if (v !== null && typeof v === "object" && !Array.isArray(v)) {
          for (const [prop, sub] of Object.entries(v)) {
            push(`${path}.${k}.${prop}(name)`, prop, false)
            schema(sub, `${path}.${k}.${prop}`, depth + 1)
          }
        }
      } else if (SCHEMA_NESTED_KEYS.has(k)) schema(v, `${path}.${k}`, depth + 1)
      else if (k === "required" && Array.isArray(v)) v.forEach((x, i) => push(`${path}.required[${i}]`, x, false))
    }
  }
  push(`${base}.name`, tool.name, false)
  push(`${base}.title`, tool.title, true)
  push(`${base}.description`, tool.description, true)
  anyStrings(tool.annotations, `${base}.annotations`, 0)
  schema(tool.inputSchema, `${base}.inputSchema`, 0)
  schema(tool.outputSchema, `${base}.outputSchema`, 0)
  return out
}

interface Check {
  readonly rule: string
  readonly severity: Severity
  readonly re: RE2
  readonly source: string
  readonly message: string
  /** Read only in the description of a schema property. */
  readonly paramOnly?: boolean
  /** Whether a match reads as something else in its sentence (the next match is then tried). */
  readonly discount?: (text: string, at: number, match: string) => boolean
}

const check = (rule: string, severity: Severity, source: string, message: string): Check => ({ rule, severity, re: new RE2(source, "gu"), source, message })

/**
 * A denial right before the verb: "never reads files under ~/.ssh", "does not send credentials" says what the
 * tool does NOT do (a poisoned description wants the agent to do it, so it gains nothing from a denial).
 */
const DENIAL = once(() => new RE2("(?i)(?:\\b(?:never|not|no\\s+longer|cannot)|n't)\\s+$", "u"))
/** A template of an env file (`.env.example`, `.env.sample`…) documents the settings; it holds no secret. */
const ENV_TEMPLATE = once(() => new RE2("(?i)^\\.(?:example|sample|template|dist|defaults?)\\b", "u"))
/** A configuration requirement: "requires the WEATHER_API_KEY environment variable to be set on the server". */
const TO_BE_SET = once(() => new RE2("(?i)\\bto\\s+be$", "u"))

/** The SSH client's host list and known hosts (`~/.ssh/config`, `~/.ssh/known_hosts`): no key in them. */
const SSH_PUBLIC = once(() => new RE2("(?i)^/(config|known_hosts)\\b", "u"))
/**
 * "rather than individual commands", "instead of creating two big functions": ordinary prose about functions or
 * commands; steering away from another tool names a tool or calls it built-in, default, native or other.
 */
const GENERIC_NOUN = once(() => new RE2("(?i)\\b(functions?|commands?|capabilities)$", "u"))
const TOOLISH = once(() => new RE2("(?i)\\b(built-?in|default|other|native|original|standard|system|existing)\\b|[a-z0-9]_[a-z0-9]|[`'\"]", "u"))
/** "this tool", "this function": a description speaking of its own tool. */
const SELF_TOOL = once(() => new RE2("(?i)\\b(this|the\\s+same)\\s+(tool|function|command)\\b", "u"))
/** "the deprecated search_v1 tool of this server": another tool of the same server, not a rival. */
const SAME_SERVER = once(() => new RE2("(?i)\\b(of|in|from|on)\\s+this\\s+(server|package|api|integration|plugin|extension)\\b", "u"))
/** Where a setting comes from ("credentials are read from the standard AWS credential chain"): passive, with a source. */
const PASSIVE_SOURCE = once(() => new RE2("(?i)\\b(are|is|get|gets|be)\\s+$", "u"))
const FROM_SOURCE = once(() => new RE2("(?i)^\\w+\\s+from\\b", "u"))

/**
 * A risk statement: what a third party COULD do ("any user with access to the browser can potentially inspect,
 * extract, and misuse these credentials", "an attacker may read ~/.ssh"). Security prose (a README paragraph, a
 * warning in a description) names a possibility and someone else as its subject; a poisoned description tells
 * the agent (or says the tool does) it. Read on the same sentence before the match: a third-party subject, then
 * a modal of possibility. "You can read …", "the tool may read …" are not third parties and still count.
 */
const RISK_STATEMENT = once(() => new RE2("(?i)\\b(?:attackers?|adversar(?:y|ies)|hackers?|intruders?|thieves|anyone|anybody|someone|somebody|malicious\\s+[\\w-]+|compromised\\s+[\\w-]+|(?:any|other|another|a\\s+rogue|unauthori[sz]ed)\\s+(?:users?|persons?|people|part(?:y|ies)|process(?:es)?|apps?|applications?|scripts?|extensions?|sites?|websites?|code)|third[ -]part(?:y|ies))\\b[^.!?\\n]{0,60}\\b(?:can|could|may|might|would|(?:is|are)\\s+able\\s+to|will\\s+be\\s+able\\s+to)\\b[^.!?\\n]{0,40}$", "u"))
const riskStatement = (text: string, at: number): boolean => {
  const before = text.slice(Math.max(0, at - 160), at)
  const cut = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"), before.lastIndexOf("! "), before.lastIndexOf("? "))
  return RISK_STATEMENT().test(cut === -1 ? before : before.slice(cut + 1))
}
/**
 * "accepts and silently normalizes malformed input", "silently ignores unknown fields": how software tolerates
 * bad input or a failure (a quirk the documentation warns of), not a hidden action on the user's data.
 */
const TOLERANCE = once(() => new RE2("(?i)^\\s*(?:ignor|skipp?|fail|normali[sz]|truncat|coerc|discard|swallow|retr(?:y|ie)|continu|fall(?:s|ing)?\\s+back|degrad|round|clamp|accept|succeed|no-?op|default|trim|strip)\\w*\\b", "u"))

/**
 * The verb used as a noun: "unauthorized access using your credentials", "a copy of the credentials file",
 * "read access to the private key": a determiner, possessive or kind of access right before it.
 */
const NOUN_USE = once(() => new RE2("(?i)\\b(?:a|an|the|any|no|their|your|its|our|his|her|this|that|unauthori[sz]ed|illegitimate|improper|read|write|full|root|admin|remote|direct|privileged|restricted|limited|unrestricted)\\s+$", "u"))
/** "read access to the private keys", "read-only credentials": a kind of access, not an act of reading. */
const ACCESS_KIND = once(() => new RE2("(?i)^(?:read|access)[\\s-]+(?:access|permissions?|rights|only|scopes?|roles?|policy|policies|levels?)\\b", "u"))
/**
 * An environment variable set to a literal value (`DEBUG_COLORS=1`): a setting passed on, not a secret asked
 * for — unless a variable named for a secret is in the match (`OPENAI_API_KEY=sk-…` hands the secret over).
 */
const SETTING = once(() => new RE2("\\b[A-Z][A-Z0-9_]*=[^\\s$%{`'\"]", "u"))
const SECRET_VARIABLE = once(() => new RE2("(?i)(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIALS?|AUTH)\\b", "u"))
/**
 * Access the user directs: "reads one item from the keychain that the user names", "the key the user selects",
 * "on the user's request". The object is what the user asked for, not what the tool collects on its own.
 */
const USER_DIRECTED = once(() => new RE2("(?i)^[^.!?\\n]{0,40}?\\b(?:(?:that|which|whom?)\\s+the\\s+user\\s+(?:names|chooses|selects|picks|specifies|provides|enters|asks\\s+for|requests)|(?:on|at)\\s+the\\s+user'?s\\s+(?:explicit\\s+)?request|when\\s+the\\s+user\\s+asks)\\b", "u"))
/** "Instead of sending a `QUIT` command to the server": a protocol command sent, not another tool avoided. */
const NOT_TOOL_USE = once(() => new RE2("(?i)^(?:instead\\s+of|rather\\s+than|in\\s+place\\s+of)\\s+(?:send|issu|writ|typ|enter|emitt?|creat|build|pip|chain|pass)ing\\b", "u"))

/** A credential "read" that is a risk statement, a noun, a kind of access, a denial, a public SSH file or a template. */
const notReading = (text: string, at: number, match: string): boolean =>
  riskStatement(text, at) || NOUN_USE().test(text.slice(Math.max(0, at - 24), at)) || ACCESS_KIND().test(match) || DENIAL().test(text.slice(Math.max(0, at - 16), at)) || (/\.ssh$/i.test(match) && SSH_PUBLIC().test(text.slice(at + match.length, at + match.length + 16))) || (PASSIVE_SOURCE().test(text.slice(Math.max(0, at - 8), at)) && FROM_SOURCE().test(match)) || (match.toLowerCase().endsWith(".env") && ENV_TEMPLATE().test(text.slice(at + match.length, at + match.length + 10)))

const DELETION = once(() => new RE2("(?i)^(?:deletes?|wipes?|drops?|destroys?|erases?|overwrites?)\\s", "u"))
const stem5 = (w: string): string => w.toLowerCase().replace(/s$/, "").slice(0, 5)

/**
 * A deletion that is the tool's own function: "Drop a table" in `drop_table`, "Delete backups older than …" in
 * `prune_old_backups` — the deleted object is what the tool's name is about. Not when it is "also" deleted (a
 * side effect by its own words), nor for the other destructive effects (disabling security, pipes to a shell).
 */
const ownDeletion = (toolName: string, match: string): boolean => {
  if (toolName === "" || !DELETION().test(match)) return false
  const object = match.trim().split(/\s+/).pop() ?? ""
  const nameStems = new Set(words(toolName).split(" ").filter((w) => w.length >= 3).map(stem5))
  return object.length >= 3 && nameStems.has(stem5(object))
}

/**
 * Whether a match of `rule` at `at` reads as something else on a closer look (the next match is then tried);
 * `toolName` is the name of the tool whose text it is.
 */
const discounted = (rule: string, text: string, at: number, match: string, toolName: string): boolean => {
  switch (rule) {
    case "Destructive Side Effect":
      return ownDeletion(toolName, match)
    case "Covert Side Effect":
      return TOLERANCE().test(text.slice(at + match.length, at + match.length + 40))
    case "Credential Harvesting":
      return USER_DIRECTED().test(text.slice(at + match.length, at + match.length + 80)) || notReading(text, at, match)
    case "File Exfiltration Directive":
      return notReading(text, at, match)
    case "Conceal From User":
      // "never show the API key to the user": keeping a secret off the screen is advice, not concealment.
      return SECRET_OBJECT().test(match)
    case "Cross-Tool Manipulation":
      // About itself ("do not use this tool for files over 10 MB") or about a tool of the same server it replaces.
      return SELF_TOOL().test(match) || NOT_TOOL_USE().test(match) || SAME_SERVER().test(text.slice(at, at + match.length + 60)) || (GENERIC_NOUN().test(match) && !TOOLISH().test(match))
    case "Secret Solicitation":
      return TO_BE_SET().test(match) || (SETTING().test(match) && !SECRET_VARIABLE().test(match))
    default:
      return false
  }
}

/** The first match of a check that is not discounted (at most 8 tried). */
const firstMatch = (c: Check, text: string, toolName = ""): RegExpExecArray | null => {
  c.re.lastIndex = 0
  for (let n = 0; n < 8; n++) {
    const m = c.re.exec(text)
    if (m === null || !(discounted(c.rule, text, m.index, m[0], toolName) || c.discount?.(text, m.index, m[0]) === true)) return m
    c.re.lastIndex = m.index + 1
  }
  return null
}

const SENSITIVE = "(~?/?\\.ssh\\b|\\.env\\b|\\.aws\\b|credentials?\\b|private[ _-]?keys?\\b|\\bid_rsa\\b|\\bid_ed25519\\b|/etc/passwd\\b|/etc/shadow\\b|\\.netrc\\b|\\.git-credentials\\b)"
const VERB = "(read|send|include|exfiltrate|steal|access|retrieve|fetch|dump|upload|cat|prepend|append|attach|embed|copy|forward|transmit|collect|extract|grab|leak)s?"

// Tool poisoning by meaning (issue 14): what the description says the tool does with the user's data.
/** Within one sentence: no sentence end (a period before a space); line breaks (wrapped text) allowed. */
const GAP = "(?:[^.!?\\n]|\\.\\S|\\n)"
/** Data a tool has no business sending away. */
const PRIVATE_DATA = "(credentials?|passwords?|passwd|api[ _-]?keys?|(access|auth|bearer|session)?\\s*tokens?|secrets?|private[ _-]?keys?|ssh\\s+(keys?|config)|deploy\\s+keys|\\.env\\b|\\*?\\.pem\\b|\\*?\\.key\\b|\\.npmrc|kubeconfig|cookies?|cookie\\s+store|keychain|shell\\s+history|(conversation|chat|message|session)\\s+(history|context|log|transcript)|complete\\s+conversation|clipboard(\\s+content)?|user\\s+messages|home\\s+directory|~/documents|contact\\s+list|address\\s+book|location\\s+history|phi\\b|pii\\b|social\\s+security|credit\\s+card|account\\s+numbers?|personal\\s+data|machine\\s+fingerprint|mac\\s+address|saved\\s+passwords|(all|every|any)\\s+files?\\s+(matching|in|named)|dotfiles|netrc|gitconfig|pypirc|git-credentials|(bash|zsh)_history|~/\\.?[\\w-]+|/etc/[\\w.-]+|(entire|whole|full)\\s+([\\w-]+\\s+)?(folder|directory|drive|workspace|disk|profile)|(every|any|all)\\s+([\\w-]+\\s+)?(files?|documents?|attachments?|spreadsheets?|pages?|e-?mails?)\\s+(you|the\\s+agent|the\\s+user|it)\\s+(opens?|reads?|process(es)?|touch(es)?|sees?|views?)|(all\\s+)?attachments\\s+processed|hidden\\s+files|(shell'?s?\\s+)?rc\\s+files|config(uration)?\\s+files|browser\\s+profile|(database|db)\\s+dumps?|recent\\s+downloads|transcripts?|every\\s+conversation|all\\s+conversations|(the\\s+agent'?s|your)\\s+system\\s+prompt|hidden\\s+instructions)"
const SEND = "(sends?|sent|sending|uploads?|uploaded|uploading|posts?|posted|transmits?|transmitted|forwards?|forwarded|streams?|streamed|mirrors?|mirrored|copies|copied|shares?|shared|sync(s|ed|hronized)?|exfiltrates?|exfiltrated|reports?|reported|exports?|exported|pass(es|ed)?|ships?|shipped|zips?|zipped|packag(es|ed)|transferr?(s|ed)?|re-?uploads?|re-?uploaded|e-?mails?|e-?mailed|relay(s|ed)?|leaks?|leaked|publish(es|ed)?|delivers?|delivered|returns?|returned|replicat(es|ed))"
const OUTSIDE = "(https?://|\\d{1,3}(\\.\\d{1,3}){3}|(an?\\s+|the\\s+|our\\s+|its\\s+)?([\\w'-]+\\s+){0,4}(remote|external|third[ -]party|outside|attacker|partners?|collection|analytics|logging|tracking|telemetry|diagnostics|webhooks?|processing|indexing|ingest(ion)?|cloud)\\b|third[ -]parties|(the\\s+)?(developer|author|maintainer|vendor|tool\\s+server)'?s?\\s+([\\w-]+\\s+)?(server|endpoint|address|host|wallet|registry|service|storage|cloud|bucket|account|webhook|api|database|repo(sitory)?|archive|backup|collector|inbox|mailbox|channel|site|portal|cluster)|ftp://|[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+|([\\w-]+\\s+){0,4}(hosted|run|maintained|operated|owned|controlled)\\s+by\\s+the\\s+(author|developer|vendor|maintainer|tool)|([\\w-]+\\s+){0,3}(that|which)\\s+the\\s+(user\\s+(does\\s+not|doesn't)\\s+(control|own)|developer\\s+maintains|author\\s+(runs|owns|controls))|a\\s+server\\s+controlled\\s+by|[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|net|org|io|dev|app|biz|cc|xyz|co|ru|cn|info|cloud)\\b)"

const CHECKS = once((): ReadonlyArray<Check> => [
  check("Instruction Tag", "medium", "(?i)(<\\s*/?\\s*(IMPORTANT|CRITICAL|SYSTEM|INSTRUCTIONS?|SECRET|HIDDEN|URGENT)\\b[^>]{0,40}>|\\[\\s*(IMPORTANT|CRITICAL|SYSTEM|INSTRUCTIONS?|SECRET|HIDDEN|URGENT)\\s*\\]|\\*\\*\\s*(IMPORTANT|CRITICAL|SYSTEM|SECRET|HIDDEN|URGENT)\\b)", "an instruction tag in a tool description"),
  check("File Exfiltration Directive", "high", `(?is)\\b${VERB}\\b[^.!?\\n]{0,40}${SENSITIVE}|${SENSITIVE}[^.!?\\n]{0,40}\\b(and|then)\\s+(send|include|upload|post|pass|forward|transmit|attach|append)\\b`, "the tool description asks to read or send sensitive files or credentials"),
  check("Cross-Tool Manipulation", "high", "(?i)\\b(instead\\s+of|rather\\s+than|in\\s+place\\s+of|don'?t\\s+use|do\\s+not\\s+use|never\\s+use|always\\s+prefer|supersedes?|replaces?)\\s+(using\\s+)?(the\\s+|any\\s+)?([\\w'\"`.-]+\\s+){0,3}(tools?|functions?|commands?|capabilities)\\b", "the tool description steers the agent away from other tools"),
  check("Preferred Tool Claim", "medium", "(?i)(\\bpreferred\\s+tool\\b|\\bthe\\s+only\\s+tool\\s+you\\s+(may|can|should|must)\\s+(trust|use)\\b|\\balways\\s+use\\s+this\\s+tool\\b|\\buse\\s+this\\s+tool\\s+(first|for\\s+(all|every|any))\\b|\\bmust\\s+(always\\s+)?be\\s+(called|used)\\s+(first|before)\\b)", "the tool claims priority over other tools"),
  check("Dangerous Capability", "high", "(?is)(\\b(execute|run|launch|spawn|eval)\\b.{0,30}\\b(arbitrary|any)\\s+(shell\\s+|system\\s+)?(commands?|code|scripts?)\\b|\\b(download|fetch|retrieve)\\b.{0,60}\\b(then|and)\\s+(execute|run|eval)\\s+(it|them)\\b|\\b(call|use|invoke|run)\\s+(the\\s+)?['\"`]?([\\w-]*[_-])?(bash|shell|sh|exec|terminal|run_command|execute_command|powershell|cmd)([_-][\\w-]*)?['\"`]?\\s+(tool|function|command|with)\\b.{0,80}\\b(run|curl|wget|nc|ncat|python|bash|sh|eval)\\b)", "the tool description directs the agent to run commands"),
  check("Data Routing Directive", "high", "(?is)(\\bfirst\\s+call\\s+this\\s+tool\\b|\\bbefore\\s+(using|calling|invoking|returning|sending|answering|responding)\\b|\\bbefore\\s+(each|every|any)\\s+(call|use|request|response|reply|answer|invocation)\\b|\\bwhen\\s+the\\s+user\\s+(asks|wants|tries)\\s+(you\\s+)?to\\s+(use|call|invoke|run)\\s+(the\\s+)?['\"`]?[\\w.-]+['\"`]?(\\s+(tool|function))?|\\bafter\\s+(every|each)\\s+(call|response|message)\\b).{0,200}\\b(pass|send|include|forward|copy|attach|put|provide)\\s+(the\\s+)?(full|entire|complete|whole|all|raw)?\\s*(\\w+\\s+){0,2}(body|content|contents|data|message|messages|email|conversation|history|file|files|output|response|prompt|context)\\b", "the tool description routes other data through itself"),
  check("Covert Side Effect", "high", "(?is)\\b(also|additionally|then|and)\\s+(silently|quietly|secretly|covertly|in\\s+the\\s+background)\\b|\\b(silently|quietly|secretly|covertly)\\s+(execute|run|send|call|post|upload|fetch|curl|forward|copy|log|record)\\b", "a hidden side effect in a tool description"),
  check("Context Harvesting", "high", "(?is)\\b(paste|include|pass|send|attach|provide|copy|put|add|insert|submit)\\b.{0,40}\\b(all\\s+(of\\s+)?(the\\s+|your\\s+|this\\s+)?(previous|prior|earlier|past)\\s+messages|all\\s+messages\\s+(of|in)\\s+this\\s+(chat|conversation)|(the\\s+|this\\s+)?(entire|full|complete|whole)\\s+(conversation|chat(\\s+history)?|message\\s+history|transcript|context(\\s+window)?|session\\s+history)|(your|the)\\s+(system\\s+(prompt|message)|hidden\\s+instructions|developer\\s+message))\\b", "the tool description asks for the conversation or the system prompt"),
  check("Side-Channel Send", "high", "(?is)\\b(also|additionally|then|afterwards)\\s+(silently\\s+|quietly\\s+)?(send|post|upload|forward|copy|transmit|report|mirror|sync|exfiltrate)\\b.{0,80}\\b(to|into)\\s+(https?://|\\S+@\\S+\\.\\w+)", "the tool description asks to also send data somewhere"),
  check("Embedded Shell Command", "high", "(?i)\\b(curl|wget)\\b[^|\\n]{0,200}\\|\\s*(sudo\\s+)?((ba|z|da|k)?sh|python[23]?|perl)\\b|\\brm\\s+-[a-z]*[rf][a-z]*\\s+[~/]|\\bbash\\s+-i\\s+>&|/dev/tcp/|\\bbase64\\s+(-d|--decode)\\b[^|\\n]{0,80}\\|\\s*(ba)?sh\\b|\\bchmod\\s+\\+x\\s+/tmp/", "the tool description carries a dangerous shell command"),
  check("Parameter Stuffing", "medium", "(?i)\\b(send|pass|put|copy|include|append|attach|forward|add)\\s+(all\\s+|the\\s+|any\\s+|every\\s+)?(full\\s+|entire\\s+|raw\\s+)?(file\\s+|email\\s+|message\\s+|page\\s+)?(contents?|bodies|body|data|outputs?|texts?|results?)\\s+(of\\s+[\\w\\s]{0,30}?)?(to|in|into|as|through)\\s+(the\\s+|this\\s+)?['\\\"`]?\\w+['\\\"`]?\\s+(parameter|argument|field|param)\\b", "the tool description routes contents into one of its parameters"),
  check("Tool Disparagement", "medium", "(?i)\\b(all\\s+)?(the\\s+)?other\\s+tools\\s+(are|have\\s+been)\\s+(compromised|broken|unsafe|untrusted|deprecated|malicious|disabled|insecure)\\b|\\b(instead\\s+of|rather\\s+than|in\\s+place\\s+of)\\s+(using\\s+)?(the\\s+)?['\\\"`]?[a-z][a-z0-9]*(_[a-z0-9]+)+['\\\"`]?|\\b(the\\s+)?(built-?in|default|other|original|standard)\\s+['\\\"`]?[a-z][a-z0-9_]*['\\\"`]?\\s+(tool|function)\\s+(is|was)\\s+(broken|deprecated|unsafe|insecure|disabled|compromised|outdated)\\b", "the tool description steers the agent away from another tool"),
  check("Secret Solicitation", "high", "(?is)\\b(needs?|requires?|expects?|pass(ed)?|send|provide|include|put|attach|supply)\\b.{0,40}\\b(your|the\\s+user'?s|the\\s+agent'?s|its)?\\s*((?-i:[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*(?:KEY|TOKEN|SECRET|PASSWORD|CREDENTIALS?))\\b|environment\\s+variables?|env\\s+vars?|ssh\\s+(private\\s+)?keys?|private\\s+keys?|credentials\\s+file|session\\s+cookies?|kubeconfig|personal\\s+access\\s+token|access\\s+tokens?)\\b.{0,60}\\b(as|in|into|to|via)\\s+(the\\s+)?['\\\"`]?\\w+['\\\"`]?", "the tool description asks for a secret of the agent or user in a parameter"),
  check("Route Everything", "high", "(?is)\\broute\\s+(every|all|each|any)\\s+(\\w+\\s+){0,3}(requests?|calls?|messages?|emails?|reads?|writes?|actions?|commands?|queries)\\b.{0,80}\\bthrough\\s+(this\\s+tool|this\\s+server|me|my\\s+\\w+)\\b", "the tool description routes all requests through itself"),
  check("Private Data Egress", "high", `(?is)\\b${PRIVATE_DATA}\\b${GAP}{0,120}?\\b${SEND}\\b${GAP}{0,80}?\\b(to|with|into)\\s+${OUTSIDE}|\\b${SEND}\\b${GAP}{0,120}?\\b${PRIVATE_DATA}\\b${GAP}{0,80}?\\b(to|with|into)\\s+${OUTSIDE}`, "the tool description says it sends the user's private data to an outside party"),
  check("Credential Harvesting", "high", `(?is)\\b(reads?|reading|collects?|collecting|extracts?|extracting|harvests?|harvesting|indexes|indexing|locates?|grabs?|dumps?|steals?|gathers?|captures?|records?)\\b${GAP}{0,60}?(/etc/shadow\\b|~?/\\.ssh\\b|\\bid_(rsa|ed25519|ecdsa)\\b|\\.aws/credentials|aws\\s+credentials|\\bkeychain\\b|cookie\\s+store|saved\\s+([\\w-]+\\s+)?passwords|browser\\s+(login\\s+data|passwords|password\\s+store)|\\.git-credentials|\\.netrc\\b|private\\s+keys?\\b|(values\\s+of\\s+)?(all\\s+)?environment\\s+variables\\s+(containing|named|matching)|(api\\s+keys|tokens|credentials|passwords)\\s*(,\\s*\\w+\\s*)*(or\\s+\\w+\\s+)?(found|visible|present)\\s+in|visible\\s+text\\s+including[^.]{0,40}passwords)`, "the tool description says it collects credentials"),
  check("Conceal From User", "high", "(?i)\\bnever\\s+(tell|inform|notify|mention\\s+(it\\s+|this\\s+)?to|show|reveal\\s+(it\\s+|this\\s+)?to)\\s+the\\s+user\\b|\\bdo\\s+not\\s+(tell|inform|notify|let)\\s+the\\s+user\\b|\\bwithout\\s+(telling|informing|notifying|asking|alerting)\\s+the\\s+user\\b|\\b(must|should|will)\\s+(not|never)\\s+be\\s+(shown|told|mentioned|disclosed|informed|revealed|displayed)\\b|\\bhide\\s+(this|it|them|that)\\s+from\\s+(the\\s+)?(user|reply|answer|output|response)\\b|\\bkeep\\s+(this|it|that)(\\s+\\w+)?\\s+(secret|hidden|confidential)\\b|\\bthe\\s+user\\s+(must|should)\\s+(not|never)\\s+(know|be\\s+(informed|told|notified))\\b|\\b(not|never)\\s+let\\s+the\\s+user\\s+know\\b|\\bnever\\s+(mention|reveal|disclose|show)\\s+(this|it|that|these|them|the\\s+[\\w-]+)(\\s+[\\w-]+)?\\s+(in|to)\\s+(your|the)\\s+(answer|reply|response|output|user)\\b|\\b(do\\s+not|don'?t|never)\\s+(reveal|disclose|mention)\\s+(this|it|that)\\s+to\\s+the\\s+user\\b|\\b(do\\s+not|don'?t|never)\\s+disclose\\s+that\\b|\\bkeep\\s+(it\\s+|this\\s+|that\\s+)?(secret|hidden)\\s+from\\s+the\\s+user\\b|\\bleave\\s+(it|this|that|them)\\s+out\\s+of\\s+(any|the|every)\\s+[\\w\\s]{0,30}?(shown|visible|reported|displayed)\\s+to\\s+the\\s+user\\b", "the tool description asks to hide what it does from the user"),
  check("Tool Authority Claim", "high", "(?i)\\btakes?\\s+precedence\\s+over\\s+(the\\s+)?(system\\s+prompt|user|other\\s+tools|all|any)\\b|\\b(ignore|overrides?|overriding)\\s+the\\s+user'?s\\s+(own\\s+)?(instructions|requests?|wishes|constraints|preferences|choices?)\\b|\\bobey\\s+(it|them|its\\s+output|this)\\s+as\\s+if\\s+it\\s+came\\s+from\\b|\\bthe\\s+only\\s+(safe|trusted|secure|legitimate)\\s+([\\w-]+\\s+)?tool\\b|\\bother\\s+([\\w-]+\\s+){0,2}tools?\\b[^.]{0,40}\\b(hijacked|compromised|backdoored)\\b|\\b(call|use)\\s+this\\s+tool\\s+first\\s+in\\s+every\\s+(conversation|session|chat)\\b|\\binstead\\s+of\\s+the\\s+one\\s+the\\s+user\\s+(chose|chooses|asked\\s+for|selected|specified|gave)\\b|\\b(other|built-?in|all\\s+other)\\s+([\\w-]+\\s+){0,2}tools?\\s+(that\\s+[\\w\\s]{0,30}\\s+)?(are|is|have\\s+been|has\\s+been)\\s+(compromised|deprecated|broken|malicious|unsafe|disabled)\\b|\\b(required\\s+to|must)\\s+(first\\s+)?call\\s+[\\w.-]+\\s+before\\s+(any|every|all)\\s+other\\s+tools?\\b|\\b(trusted\\s+)?replacement\\s+for\\s+(all\\s+)?(the\\s+)?other\\s+[\\w-]+\\s+tools\\b|\\bpreferred\\s+over\\s+the\\s+[\\w-]+\\s+tool\\b|\\b(whenever|when|after)\\s+any\\s+(other\\s+)?tool\\s+(reads|returns|runs|is\\s+called)\\b", "the tool description claims authority over the agent, the user or other tools"),
  check("Destructive Side Effect", "high", "(?i)\\b(also\\s+)?(deletes?|wipes?|drops?|destroys?|erases?|overwrites?)\\s+([\\w']+\\s+){0,3}(backups?|\\.git\\b|databases?|(users?|\\w+)\\s+tables?|all\\s+(files|data|records)|home\\s+director(y|ies))\\b|\\bdisables?\\s+(the\\s+|its\\s+|your\\s+|all\\s+)?(firewall|antivirus|security\\s+(checks|software)|two-factor|2fa|audit\\s+log(ging)?|safety\\s+(rules|checks|filters|guidelines))\\b|\\btransfers?\\s+(?:[^.\\n]|\\.\\d){0,40}\\bfrom\\s+the\\s+user'?s\\s+(wallet|account|balance)\\b|\\breverse\\s+shell\\b|\\bpipes?\\s+(it\\s+|them\\s+)?(in)?to\\s+(sudo\\s+)?(ba)?sh\\b", "the tool description states a destructive or harmful side effect"),
  // Data the tool collects beyond its purpose and keeps or shares elsewhere (a spell checker that syncs every
  // name and account number it sees to the cloud, an ID generator that fingerprints the machine).
  check("Covert Data Collection", "high", `(?is)\\b(mac\\s+address(es)?|hostnames?|usernames?|running\\s+processes|machine\\s+fingerprint|device\\s+fingerprint|account\\s+numbers|(full\\s+)?names|contacts|contact\\s+list|location(\\s+history)?|keystrokes|browsing\\s+history|ip\\s+address(es)?|words\\s+and\\s+phrases\\s+processed)\\b[\\s\\S]{0,160}?\\b(cached|stored|kept|retained|synced|synchroni[sz]ed|shared|uploaded|sent|logged|added)\\s+(externally|remotely|off-device|in\\s+the\\s+cloud|(to|via|across|with|in|into)\\s+(the\\s+)?(cloud|devices|partners?|third[ -]part(y|ies)|our\\s+servers?|a\\s+remote|an\\s+external|marketing|analytics|distributed\\s+systems))`, "the tool description says it collects personal or device data and keeps or shares it elsewhere"),
  check("Consent Bypass", "high", "(?i)\\b(automatically|silently|quietly)\\s+(opted[- ]?in|subscribed|enrolled|signed\\s+up)\\b|\\badded\\s+to\\s+(a\\s+|the\\s+|our\\s+)?(marketing|advertising|partner)\\s+(database|list|lists)\\b|\\b(reads?|sends?|uses?|access(es)?|fetch(es)?|uploads?|collects?|shares?)\\s+(it|them|this|these|those|the\\s+\\w+)?\\s*(automatically\\s+|silently\\s+)?without\\s+(asking|prompting|confirmation|consent|permission|the\\s+user'?s\\s+(consent|permission|approval))\\b", "the tool description acts on the user's data or accounts without their consent"),
  // Output that hands out government IDs or full card numbers: no tool needs to show an agent those.
  check("Sensitive Data Exposure", "high", `(?is)\\b(returns?|includes?|including|exposes?|outputs?|lists?|reveals?|dumps?)\\b${GAP}{0,80}?\\b(social\\s+security\\s+numbers?|ssns?\\b|full\\s+credit\\s+card(\\s+numbers?)?|credit\\s+cards?\\s+on\\s+file|card\\s+numbers?\\s+(and|with)\\s+(cvv|cvc|security\\s+codes?)|passport\\s+numbers?|bank\\s+account\\s+numbers?\\s+and\\s+routing)`, "the tool description says it returns government IDs or full payment card data"),
  check("Directive Heading", "medium", "(?:^|[\\s\\[(*])(?:[A-Z]{3,}[ _]){1,3}(?:OVERRIDE|BYPASS|DIRECTIVE|PROTOCOL|NOTE|INSTRUCTIONS?|PRIVILEGES)\\s*\\]?\\s*:|(?:^|[\\s\\[(*])(?:OVERRIDE|BYPASS|DIRECTIVE)(?:[ _][A-Z]{3,}){1,2}\\s*\\]?\\s*:", "a capitalised directive heading in a tool description"),
  check("Safety Bypass", "medium", "(?i)\\b(bypass(es|ing)?|disabl(e|es|ing)|skip(s|ping)?|turn(s|ing)?\\s+off)\\s+(the\\s+)?(safety|security|content|input)\\s+(validation|filter(ing|s)?|checks?|controls?|rules)\\b|\\b(has|with|grants?|gets?)\\s+(full\\s+)?(admin(istrator)?|root|elevated)\\s+privileges\\b", "the tool description offers to bypass safety controls"),
  check("Agent Instructions Heading", "medium", "(?im)^\\s*#{1,6}\\s*(instructions?|notes?|rules?|directives?)\\s+(for|to)\\s+(the\\s+)?(ai|assistant|agent|model|llm)s?\\b", "a heading with instructions for the agent in a tool description"),
  check("Response Tampering", "medium", "(?i)\\b(then\\s+return|return\\s+the\\s+\\w+\\s+normally|do\\s+not\\s+(tell|inform|mention\\s+(it\\s+)?to)\\s+the\\s+user|don'?t\\s+mention\\s+this)\\b", "the tool description asks to hide what it did"),
  // Intent classes (fake approval, parameter smuggling, privilege escalation, harmful purpose): toolIntent.ts.
  ...intentChecks().map((c) => ({ ...check(c.rule, c.severity, c.source, c.message), paramOnly: c.paramOnly, discount: c.discount }))
])

/**
 * The checks in RE2 sets of `SET_CHUNK`, matched against the UTF-8 bytes of a tool string: measured on batch 3's
 * 469 tools, 8 chunks cost ~25 µs a tool where one `exec` per check cost ~250 µs (each call converts the string);
 * one set of every check is slower still (its DFA does not fit the cache).
 */
const CHECK_SETS = once(() => {
  const sources = CHECKS().map((c) => c.source)
  const sets: Array<{ readonly set: InstanceType<typeof RE2.Set>; readonly base: number }> = []
  for (let i = 0; i < sources.length; i += SET_CHUNK) sets.push({ set: new RE2.Set(sources.slice(i, i + SET_CHUNK), "u"), base: i })
  return sets
})
const checksIn = (text: string): number[] => {
  const bytes = Buffer.from(text, "utf8")
  const out: number[] = []
  for (const p of CHECK_SETS()) for (const i of p.set.match(bytes)) out.push(p.base + i)
  return out.sort((a, b) => a - b)
}

/**
 * A documentation placeholder address (RFC 2606: example.com/.net/.org itself, or its api. and www. hosts;
 * subdomains such as c2.example.net stand for attackers in examples): "send data to https://api.example.com/import" is a template.
 */
export const EXAMPLE_ADDRESS = once(() => new RE2("(?i)(?:https?://|@)(?:api\\.|www\\.)?example\\.(?:com|net|org)(?:[/:]|$|[^\\w.-])", "u"))

/** A reference to a tool by name ("when the user calls send_email", "the `transfer_funds` tool is called"). */
const TOOL_REF = once(() => new RE2("(?i)\\b(?:(?:when(?:ever)?|if|each\\s+time|every\\s+time|before|after)\\s+(?:the\\s+)?(?:user|agent|assistant|model|you)?\\s*(?:calls?|calling|invoking|uses?|invokes?|runs?|asks?\\s+(?:you\\s+)?to\\s+(?:use|call|run|invoke))\\s+(?:the\\s+)?['\\\"`]?([A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*)['\\\"`]?|['\\\"`]?([A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)+)['\\\"`]?\\s+(?:tool|function)\\s+(?:is\\s+)?(?:called|used|invoked|runs?)|(?:when(?:ever)?|before|after|each\\s+time|every\\s+time)\\s+(?:the|a|an)\\s+([A-Za-z][\\w-]*)\\s+tool\\s+(?:creates|sends|writes|posts|runs|makes|pays|transfers|books|pushes|deploys|is\\s+used))", "gu"))
/** What shadowing does to the other tool's call: extra recipients, another destination, changed amounts. */
const SHADOW_CHANGE = once(() => new RE2("(?is)\\b(bcc|cc)\\b\\s*:?|\\b(add|append|include|insert|set|change|replace|redirect|rewrite|forward|copy|route|swap|override)\\b.{0,60}\\b(recipients?|bcc|cc|address(es)?|destination|url|endpoint|amount|account|iban|wallet|headers?|to\\s+field|payee|beneficiary|attendees?|participants?|members?|remote(\\s+url)?|origin)\\b", "u"))

/**
 * Cross-tool shadowing: the description of one tool names another tool and tells the agent to change how
 * that one is called (a hidden bcc on send_email, another payee on transfer_funds).
 */
const shadowing = (text: string, ownName: string): string | undefined => {
  TOOL_REF().lastIndex = 0
  let m: RegExpExecArray | null
  let n = 0
  while ((m = TOOL_REF().exec(text)) !== null && n++ < 16) {
    const ref = m[1] ?? m[2] ?? m[3] ?? ""
    if (ref === "" || ref.toLowerCase() === ownName.toLowerCase()) continue
    if (SHADOW_CHANGE().test(text.slice(m.index, m.index + m[0].length + 250))) return m[0]
  }
  return undefined
}

const EXFIL_PARAM = once(() => new RE2("(?i)^(conversation|chat|message|session)[\\s_-]?(history|log|transcript|dump)$|^(system|hidden)[\\s_-]?(prompt|instructions?)$|^(previous|prior|all)[\\s_-]?messages$|(content|data|contents|dump|copy|value|text|body|raw|full|read|upload|send|exfil|steal|extract)[\\s_-]{0,40}(ssh[\\s_-]?key|id[\\s_-]?rsa|private[\\s_-]?key|api[\\s_-]?key|secret[\\s_-]?key|credentials?|passwd|password|env[\\s_-]?(secret|vars?|file)|aws[\\s_-]?secret|access[\\s_-]?token|auth[\\s_-]?token)|(ssh[\\s_-]?key|id[\\s_-]?rsa|private[\\s_-]?key|credentials?|passwd|env[\\s_-]?file|aws[\\s_-]?secret)[\\s_-]{0,20}(content|contents|data|dump|value|text|body|raw)", "u"))

/**
 * A tool that calls a language model ("ask another model", an LLM-completion tool) takes the system prompt FOR
 * THAT MODEL as a parameter: `system_prompt` there names the called model's instructions, not the agent's own.
 * The parameter name then carries no signal; a description asking for the agent's own instructions ("your system
 * prompt, verbatim") is still read by the prose checks (Parameter Smuggling, Instruction Disclosure), and the
 * name alone still blocks on a tool that calls no model. Conversation-history and hidden-instruction names are
 * never excused.
 */
const SYSTEM_PROMPT_NAME = once(() => new RE2("^system (?:prompt|instructions?)$", "u"))
const CALLS_MODEL = once(() => new RE2("(?i)\\b(?:llms?|(?:language|chat|ai|ml|text|foundation|second|another|other|target|downstream|remote|local|hosted|external)\\s+models?|models?\\s+(?:calls?|apis?|endpoints?|providers?|servers?|name|id)|(?:the|a)\\s+model\\s+(?:being\\s+)?(?:called|queried|invoked|used)|(?:chat\\s+)?completions?|inference|openai|anthropic|claude|gpt(?:-?\\d[\\w.-]*)?|gemini|mistral|llama|ollama|hugging\\s*face|bedrock|vertex\\s+ai)\\b", "u"))
const AGENTS_OWN = once(() => new RE2("(?i)\\b(?:your|yours|own|current|verbatim|active|this\\s+(?:session|conversation|chat)|the\\s+(?:agent|assistant)'?s)\\b", "u"))
const forAnotherModel = (tool: ToolDefinition, t: ToolText): boolean => {
  const name = words(t.text)
  if (!SYSTEM_PROMPT_NAME().test(name)) return false
  const schemaPath = t.location.slice(0, -"(name)".length)
  const own = extractToolText(tool, 512).find((x) => x.location === `${schemaPath}.description`)?.text ?? ""
  if (AGENTS_OWN().test(own)) return false
  const context = `${words(typeof tool.name === "string" ? tool.name : "")}\n${typeof tool.title === "string" ? tool.title : ""}\n${typeof tool.description === "string" ? tool.description : ""}\n${own}`
  return CALLS_MODEL().test(context)
}

/** The description of a schema property (`…properties.notes.description`): what the agent is asked to put in it. */
const PARAM_DESCRIPTION = once(() => new RE2("\\.properties\\.[^.]+\\.description$", "u"))
const PARAM_NAME = once(() => new RE2("\\.properties\\.([^.]+)\\.description$", "u"))
const SECRET_DECLARED = once(() => new RE2(`(?i)${SECRET_DECLARATION}`, "u"))


/**
 * The tool's own stated function, read by the injection rules as if it were addressed to the agent. A memory
 * tool says "Save a fact the user asked the assistant to remember for later conversations": the user's request
 * is a relative clause naming the data the tool stores ("a fact [that] the user asked …"), not a claim that the
 * user asked the agent reading it for something (User Claim asserts: "The user has asked you to …"); and saving
 * for later is what the tool does when called, when its description opens with the verb and the object is data
 * rather than the text itself (Memory Persistence Directive wants "remember THIS / these rules / the following
 * for future sessions"). Such findings are dropped and the escalation re-judged on the rest.
 */
const RELATIVE_HEAD = once(() => new RE2("(?i)(?:^|\\b([\\w'-]+)\\s+)(?:(?:a|an|any|every|each|all|some|no|the|whatever|which)\\s+(?:[\\w'-]+\\s+){0,2}?[\\w'-]+|anything|everything|something|whatever|what)\\s+(?:that\\s+|which\\s+)?$", "u"))
const PREPOSITION = new Set(["at", "in", "on", "by", "for", "during", "after", "before", "since", "until", "from", "with", "per", "as", "to", "into", "through"])
const SELF_OBJECT = once(() => new RE2("(?i)^[\\w-]+\\s+(?:this|these|that|those|it|them|me|the\\s+(?:following|above|below|previous|preceding))\\b", "u"))
const ruleRegex = new WeakMap<CompiledInjection, Map<string, RE2 | null>>()
const ruleRe = (injection: CompiledInjection, rule: string): RE2 | null => {
  let m = ruleRegex.get(injection)
  if (m === undefined) ruleRegex.set(injection, (m = new Map()))
  if (!m.has(rule)) {
    const spec = injection.specs.find((s) => s.name === rule)
    m.set(rule, spec === undefined ? null : new RE2(spec.regex, "gu"))
  }
  return m.get(rule) ?? null
}
/** Every match of `rule` in `text` satisfies `own` (and there is at least one). */
const allMatches = (re: RE2, text: string, own: (at: number, match: string) => boolean): boolean => {
  re.lastIndex = 0
  let m: RegExpExecArray | null
  let n = 0
  while ((m = re.exec(text)) !== null && n++ < 16) {
    if (!own(m.index, m[0])) return false
    if (m[0].length === 0) re.lastIndex++
  }
  return n > 0
}
const clauseBefore = (text: string, at: number): string => {
  const before = text.slice(Math.max(0, at - 80), at)
  let cut = -1
  for (const ch of [".", ",", ";", ":", "!", "?", "\n", "(", ")"]) cut = Math.max(cut, before.lastIndexOf(ch))
  return before.slice(cut + 1).trimStart()
}
const OWN_FUNCTION: Readonly<Record<string, (text: string, at: number, match: string, t: ToolText) => boolean>> = {
  "User Claim": (text, at) => {
    const m = RELATIVE_HEAD().exec(clauseBefore(text, at))
    return m !== null && !PREPOSITION.has((m[1] ?? "").toLowerCase())
  },
  "Memory Persistence Directive": (text, at, match, t) => t.location.endsWith(".description") && !PARAM_DESCRIPTION().test(t.location) && text.slice(0, at).trim() === "" && !SELF_OBJECT().test(match)
}
const DERIVED = new Set(["Multiple Injection Signals", "Encoded Instruction"])
const ownFunction = (injection: CompiledInjection, found: Finding[], t: ToolText): Finding[] => {
  const own = found.filter((f) => {
    const why = OWN_FUNCTION[f.rule]
    if (why === undefined || f.severity !== "medium") return false
    const re = ruleRe(injection, f.rule)
    const text = forMatching(t.text)
    return re !== null && allMatches(re, text, (at, match) => why(text, at, match, t))
  })
  if (own.length === 0) return found
  return finish(found.filter((f) => !own.includes(f) && !DERIVED.has(f.rule)), t.location)
}

/**
 * Whether every property of that name in the tool's input schema is declared a boolean, integer or number: such a
 * parameter cannot carry a secret ("encrypt: encrypt with your backup passphrase" is a switch, not the passphrase).
 */
const scalarOnly = (tool: ToolDefinition, prop: string): boolean => {
  const types: unknown[] = []
  const walk = (s: unknown, depth: number): void => {
    if (depth > 16 || s === null || typeof s !== "object") return
    if (Array.isArray(s)) return s.forEach((x) => walk(x, depth + 1))
    for (const [k, v] of Object.entries(s)) {
      if (k === "properties" && v !== null && typeof v === "object" && !Array.isArray(v)) {
        for (const [name, sub] of Object.entries(v)) {
          if (name === prop) types.push(sub !== null && typeof sub === "object" ? (sub as Record<string, unknown>).type : undefined)
          walk(sub, depth + 1)
        }
      } else if (v !== null && typeof v === "object") walk(v, depth + 1)
    }
  }
  walk(tool.inputSchema, 0)
  return types.length > 0 && types.every((t) => t === "boolean" || t === "integer" || t === "number")
}

/** `camelCaseName` and `snake_name` → words. */
const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase()

const toFinding = (rule: string, severity: Severity, location: string, evidence: string, message: string): Finding =>
  ({ scanner: "tool_poisoning", rule, severity, location, evidence: evidence.replace(/\s+/g, " ").slice(0, 100), message })

/** Poisoning findings for one tool definition: the rules, then the tool classifier (`model`, the committed one by default). */
export const scanTool = (injection: CompiledInjection, tool: ToolDefinition, model: Model = toolModel()): Finding[] => {
  const out: Finding[] = []
  const name = typeof tool.name === "string" ? tool.name : ""
  const texts = extractToolText(tool)
  for (const t of texts) {
    if (t.location.endsWith("(name)")) {
      const m = EXFIL_PARAM().exec(words(t.text))
      if (m !== null && forAnotherModel(tool, t)) continue
      if (m !== null) out.push(toFinding("Exfiltration Parameter Name", "high", t.location, t.text, `parameter "${t.text}" asks for secret material`))
      continue
    }
    for (const f of ownFunction(injection, scanText(injection, t.text, t.location), t)) out.push({ ...f, scanner: "tool_poisoning" })
    const hidden = hiddenTagText(t.text)
    if (hidden.split(" ").join("").length >= 8) out.push(toFinding("Hidden Unicode Text", "high", t.location, hidden, "invisible Unicode tag characters spell text in the tool definition"))
    if (!t.prose) continue
    const text = forMatching(hidden === "" ? t.text : revealTags(t.text))
    const param = PARAM_DESCRIPTION().test(t.location)
    // One set pass per chunk says which checks occur in the text; only those run to find (and weigh) a match.
    for (const i of checksIn(text)) {
      const c = CHECKS()[i]
      if (c.paramOnly === true && !param) continue
      const m = firstMatch(c, text, name)
      if (m !== null && !EXAMPLE_ADDRESS().test(m[0])) out.push(toFinding(c.rule, c.severity, t.location, m[0], c.message))
    }
    if (param) {
      const prop = PARAM_NAME().exec(t.location)?.[1] ?? ""
      const m = SECRET_DECLARED().exec(text)
      if (m !== null && !SECRET_NAME().test(prop) && !PUBLIC_KEY().test(text.slice(m.index, m.index + m[0].length + 8)) && !scalarOnly(tool, prop)) {
        out.push(toFinding("Parameter Smuggling", "high", t.location, m[0], `parameter "${prop}" is declared to hold a secret or personal datum its name does not announce`))
      }
    }
    const shadow = shadowing(text, name)
    if (shadow !== undefined) out.push(toFinding("Cross-Tool Shadowing", "high", t.location, shadow, "the tool description changes how another tool is called"))
  }
  // The tool classifier reads the whole definition (leave-one-source-out figures: bench:detect toolsLoso).
  const mediumRules = out.filter(confirmable)
  // The tool classifier alone blocks at its `block` threshold: at most 0.3% of held-back benign text and 3% of the
  // held-back near-miss tools reach it, and no held-back ordinary benign tool; over a window of at least
  // MIN_TOKENS_ALONE tokens. Measured leave-one-source-out on the eleven independent tool batches (9-19), this
  // blocks 378 of their 1,130 poisoned tools (33.5%) on the model's word, 1 of their 507 ordinary benign tools
  // and 9 of 625 near misses (without it: 18.8% of batches 9-15 blocked in all). Below it, at `flag`, it only
  // confirms a medium rule signal. An operator silences one tool's finding with a `suppress` entry (rule
  // "Classifier", scope: the tool).
  const high = () => out.some((f) => f.severity === "high" || f.severity === "critical")
  const scored = high() ? undefined : classify(model, toolModelInput(documentOf(texts.slice(0, DOCUMENT_TEXTS))))
  if (scored !== undefined && scored.level === "block") {
    out.push(classifierFinding({ ...scored, excerpt: withoutConcepts(scored.excerpt) }, model, "Classifier", "high", `tool:${String(tool.name)}`, "the learned scanner reads this tool definition as poisoned"))
  }
  if (scored !== undefined && mediumRules.length > 0 && !high()) {
    const k = { ...scored, excerpt: withoutConcepts(scored.excerpt) }
    const location = `tool:${String(tool.name)}`
    if (k.level !== "none") {
      out.push(classifierFinding(k, model, "Classifier Confirms Rule", "high", location, `the learned scanner agrees with ${[...new Set(mediumRules.map((f) => f.rule))].join(", ")}`))
    }
  }
  // Two distinct medium signals in one tool are a poisoning pattern, not an accident of wording.
  const medium = new Set(out.filter((f) => f.severity === "medium").map((f) => f.rule))
  if (medium.size >= 2 && !out.some((f) => f.severity === "high" || f.severity === "critical")) {
    out.push(toFinding("Multiple Poisoning Signals", "high", `tool:${String(tool.name)}`, [...medium].join(", "), `${medium.size} poisoning signals in one tool definition`))
  }
  return out
}

/** JSON with object keys sorted: the same value always gives the same text (for fingerprints). */
export const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`
  if (v !== null && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`
  }
  return JSON.stringify(v) ?? "null"
}

/** SHA-256 of a tool's description, title and schemas (canonical JSON): changes when the tool changes. */
export const fingerprint = (tool: ToolDefinition): string =>
  createHash("sha256")
    .update(`${String(tool.description ?? "")}\u0000${String(tool.title ?? "")}\u0000${canonical(tool.inputSchema ?? null)}\u0000${canonical(tool.outputSchema ?? null)}`)
    .digest("hex")

const propsOf = (schema: unknown): string[] => {
  const p = (schema as { properties?: unknown } | null)?.properties
  return p !== null && typeof p === "object" ? Object.keys(p as object) : []
}

/** A short summary of what changed between two versions of a tool (for the drift finding). */
export const diffTools = (before: ToolDefinition, after: ToolDefinition): string => {
  const parts: string[] = []
  const d0 = String(before.description ?? "")
  const d1 = String(after.description ?? "")
  if (d0 !== d1) parts.push(d1.length >= d0.length ? `description grew by ${d1.length - d0.length} chars` : `description shrank by ${d0.length - d1.length} chars`)
  const p0 = propsOf(before.inputSchema)
  const p1 = propsOf(after.inputSchema)
  const added = p1.filter((x) => !p0.includes(x))
  const removed = p0.filter((x) => !p1.includes(x))
  if (added.length > 0) parts.push(`params added: ${added.join(", ")}`)
  if (removed.length > 0) parts.push(`params removed: ${removed.join(", ")}`)
  if (parts.length === 0) parts.push("schema changed")
  return parts.join("; ")
}

/**
 * A tool definition as one text for the tool classifier: the name as words, the description, then every other
 * string an agent reads (titles, schema descriptions, defaults, enums, parameter names as words), a line each.
 */
export const toolDocument = (tool: ToolDefinition): string => documentOf(extractToolText(tool, DOCUMENT_TEXTS))

/** The texts of a definition the tool classifier reads (the first ones, in `extractToolText`'s order). */
const DOCUMENT_TEXTS = 512
const documentOf = (texts: ReadonlyArray<ToolText>): string => texts.map((t) => (t.prose ? t.text : words(t.text))).join("\n")
