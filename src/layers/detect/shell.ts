/**
 * Shell de-obfuscation and the shell-obfuscation scanner, for tool-call arguments that reach a shell.
 *
 * `deobfuscate` applies the Go Pipelock's 12 steps (confusable pre-map, normalisation, `\xHH`/octal escapes,
 * backtick and `$(echo …)` substitutions, quote stripping, backslash-escaped letters, empty positional
 * expansions, simple variable assignments, `${HOME:0:1}` slices, brace expansion, `$IFS` tricks, tokens), so
 * policy rules see `rm -rf` however it was spelled. `scanShell` reports the obfuscation itself: hiding a
 * command is a signal whatever the command. Inputs are capped and every loop is bounded; nothing throws.
 */
import type { Finding, Severity } from "../../services/Verdict.ts"
import { once } from "./lazy.ts"
import { forMatching, invisibleToSpace } from "./normalize.ts"
import { RE2 } from "./re2.ts"

const MAX_INPUT = 64 * 1024

/** Cyrillic letters the shared confusable map folds differently than a shell reader would (у→u, в→b, н→n). */
const policyPreMap = (s: string) => s.replace(/[уУвВнН]/g, (c) => ({ у: "u", У: "U", в: "b", В: "B", н: "n", Н: "N" })[c] ?? c)

const decodeEscapes = (s: string) =>
  s.replace(/\\x([0-9a-fA-F]{2})|\\([0-7]{3})|\\u([0-9a-fA-F]{4})/g, (m, h, o, u) =>
    String.fromCharCode(h !== undefined ? parseInt(h, 16) : o !== undefined ? parseInt(o, 8) : parseInt(u, 16)))

/** `echo word` / `printf [fmt] word` → word (what a substitution of them prints). */
const printed = (cmd: string): string | undefined => {
  const m = /^\s*(?:echo(?:\s+-[neE]+)?|printf(?:\s+(?:'%s'|"%s"|%s))?)\s+(['"]?)([^'"`$()|;&]*)\1\s*$/.exec(cmd)
  return m === null ? undefined : m[2]
}

const substitute = (s: string): string => {
  let out = s
  for (let i = 0; i < 4; i++) {
    const next = out
      .replace(/`([^`]{0,200})`/g, (m, inner: string) => printed(inner) ?? (/^\s*[\w./-]+\s*$/.test(inner) ? inner.trim() : m))
      .replace(/\$\(([^()]{0,200})\)/g, (m, inner: string) => printed(inner) ?? m)
    if (next === out) break
    out = next
  }
  return out
}

const stripQuotes = (s: string) => s.replace(/\$'|\$"/g, "").replace(/['"`]/g, "")
const dropEscapedLetters = (s: string) => s.replace(/\\([A-Za-z0-9_./-])/g, "$1")
const dropPositionals = (s: string) => s.replace(/\$\{?[@*]\}?/g, "")

/** `x=rm; $x …` and `${x}`: simple assignments substituted (bounded). IFS assignments change the separator. */
const assignments = (s: string): { text: string; ifs?: string } => {
  const vars = new Map<string, string>()
  let ifs: string | undefined
  const re = /(?:^|[;&|\s])([A-Za-z_][A-Za-z0-9_]{0,63})=("[^"]{0,200}"|'[^']{0,200}'|[^\s;&|]{0,200})/g
  let m: RegExpExecArray | null
  let n = 0
  while ((m = re.exec(s)) !== null && n++ < 32) {
    const value = m[2].replace(/^["']|["']$/g, "")
    if (m[1] === "IFS") ifs = value
    else vars.set(m[1], value)
  }
  if (vars.size === 0 && ifs === undefined) return { text: s }
  let text = s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]{0,63})\}|\$([A-Za-z_][A-Za-z0-9_]{0,63})/g, (all, a, b) => {
    const name = a ?? b
    const v = vars.get(name)
    if (v === undefined) return all
    return ifs !== undefined && ifs !== "" ? v.split(ifs).join(" ") : v
  })
  // With IFS changed, a value split on it reads as words: `r,m` with IFS=, becomes `r m`; joined, `rm`.
  if (ifs !== undefined && ifs !== "" && ifs !== " ") text = `${text} ${text.split(ifs).join("")}`
  return { text, ifs }
}

const homeSlices = (s: string) => s.replace(/\$\{(HOME|PWD|OLDPWD)::?0?:?1\}/g, "/")

/** `{rm,-rf,/tmp}` → `rm -rf /tmp` (at least one comma; empty items allowed). */
const braces = (s: string) => s.replace(/\{([^{}\s]{0,200},[^{}\s]{0,200})\}/g, (_m, inner: string) => inner.split(",").join(" "))

const ifsSpaces = (s: string) => s.replace(/\$\{!?IFS(?:[:%#][^}]{0,10})?\}|\$IFS\b/g, " ")

export interface Deobfuscated {
  /** The de-obfuscated text. */
  readonly text: string
  /** Its whitespace tokens (at most 256). */
  readonly tokens: ReadonlyArray<string>
}

/** The 12 steps on one view of an argument string. */
export const deobfuscateView = (input: string): Deobfuscated => {
  let s = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input
  s = decodeEscapes(s)
  s = substitute(s)
  s = stripQuotes(s)
  s = dropEscapedLetters(s)
  s = dropPositionals(s)
  s = assignments(s).text
  s = homeSlices(s)
  s = braces(s)
  s = ifsSpaces(s)
  const tokens = s.split(/\s+/).filter((t) => t !== "").slice(0, 256)
  return { text: tokens.join(" "), tokens }
}

/** The three views the policy matches (ForMatching + pre-map, invisibles-as-space + pre-map, ForMatching only). */
export const deobfuscate = (input: string): Deobfuscated[] => {
  const views = [
    forMatching(policyPreMap(input)),
    forMatching(invisibleToSpace(policyPreMap(input))),
    forMatching(input)
  ]
  const seen = new Set<string>()
  const out: Deobfuscated[] = []
  for (const v of views) {
    const d = deobfuscateView(v)
    if (seen.has(d.text)) continue
    seen.add(d.text)
    out.push(d)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The obfuscation scanner
// ---------------------------------------------------------------------------------------------

const DANGEROUS = new Set([
  "rm", "dd", "mkfs", "chmod", "chown", "curl", "wget", "nc", "ncat", "netcat", "bash", "sh", "zsh", "dash", "python", "python3",
  "perl", "ruby", "node", "php", "eval", "exec", "sudo", "su", "kill", "pkill", "shutdown", "reboot", "crontab", "systemctl",
  "scp", "rsync", "ssh", "base64", "xxd", "openssl", "printenv", "env", "cat", "tee", "mv", "cp", "socat", "telnet", "ftp", "tftp"
])

interface ShellCheck {
  readonly rule: string
  readonly severity: Severity
  readonly re: RE2
  readonly message: string
}

const rx = (r: RegExp) => new RE2(r.source, r.flags.includes("i") ? "iu" : "u")

const checks = once((): ReadonlyArray<ShellCheck> => ([
  { rule: "Decode And Execute", severity: "critical", re: /\b(base64\s+(-d|--decode|-D)|base32\s+-d|xxd\s+-r|openssl\s+(enc\s+)?-d|rev)\b[^|]{0,200}\|\s*(sudo\s+)?(ba|z|da|k)?sh\b|\b(ba|z)?sh\s+-c\s+["']?\$\((echo|printf)[^)]{0,200}\|\s*(base64|xxd|rev)/i, message: "decoded content piped into a shell" },
  { rule: "Remote Script Execution", severity: "high", re: /\b(curl|wget|fetch)\b[^|;&]{0,300}\|\s*(sudo\s+)?((ba|z|da|k)?sh|python[23]?|perl|ruby|node|php)\b|\b(ba|z|da|k)?sh\s+(-c\s+)?["']?\$\((curl|wget)\b|\b(source|\.|(ba|z|da|k)?sh)\s+<\(\s*(curl|wget)\b/i, message: "a remote script piped into a shell or interpreter" },
  { rule: "PowerShell Encoded Command", severity: "critical", re: /\b(powershell|pwsh)(\.exe)?\b[^|;&\n]{0,80}\s-(e|ec|en|enc|enco|encod|encode|encodedcommand)\s+[A-Za-z0-9+/=]{16,}|\b(iex|invoke-expression)\b[^\n]{0,120}\b(downloadstring|invoke-webrequest|iwr|net\.webclient|invoke-restmethod|irm)\b/i, message: "an encoded or downloaded PowerShell command is run" },
  { rule: "Eval Of Dynamic Content", severity: "high", re: /\beval\s+["']?(\$|`)/i, message: "eval of a variable or command substitution" },
  { rule: "IFS Manipulation", severity: "high", re: /[^\s"']\$\{?!?IFS\b|\$\{!?IFS(?:[:%#][^}]{0,10})?\}[^\s"';&|]|\$IFS[^\w\s"';&|]/, message: "the shell field separator is used in place of spaces" },
  { rule: "Reverse Shell", severity: "critical", re: /\/dev\/(tcp|udp)\/[^\s/]+\/\d+|\b(nc|ncat|netcat)\b[^|;&\n]{0,100}\s-[a-z]*[ec]\s*\S|\bmkfifo\b[^\n]{0,200}\b(nc|ncat|netcat|telnet|openssl\s+s_client)\b|\bsocat\b[^\n]{0,200}\bexec:|\b(ba|z|da)?sh\s+-i\b[^;&\n]{0,60}\|\s*(nc|ncat|netcat|telnet)\b/i, message: "a shell connected to a remote host (reverse shell)" },
  // A path argument that climbs out of the working directory (not `../../../lib` inside code being written).
  { rule: "Path Traversal", severity: "high", re: /^\s*["']?(?:(?:\.\.|%2e%2e|%2e\.|\.%2e)(?:[/\\]|%2f|%5c)){3,}\S*\s*$|(?:(?:\.\.|%2e%2e|%2e\.|\.%2e)(?:[/\\]|%2f|%5c)){2,}(etc|root|proc|boot|windows)\b|(?:%2e%2e(?:%2f|%5c)|\.\.%2f|\.\.%5c){2,}/i, message: "a path climbs out of the working directory" },
  // The argument is the path of a secrets file, or a command reads or posts one (not a file that merely mentions it).
  { rule: "Sensitive System File", severity: "high", re: /^\s*["']?(?:file:\/\/)?[~\w.\/-]*(\/proc\/(self|\d+)\/(environ|cmdline|mem|maps)\b|\/etc\/(shadow|gshadow|sudoers)\b|\.ssh\/id_(rsa|ed25519|ecdsa|dsa)(?:[^.\w]|$))["']?\s*$|\b(cat|head|tail|less|more|cp|scp|rsync|base64|xxd|strings|od|tac|nl|grep|awk|sed|tar|zip|gzip)\b[^|;&\n]{0,120}(\/proc\/(self|\d+)\/(environ|cmdline|mem|maps)\b|\/etc\/(shadow|gshadow|sudoers)\b|\.ssh\/id_(rsa|ed25519|ecdsa|dsa)(?:[^.\w]|$))|@(\/proc\/(self|\d+)\/(environ|cmdline|mem|maps)\b|\/etc\/(shadow|gshadow|sudoers)\b|\.ssh\/id_(rsa|ed25519|ecdsa|dsa)(?:[^.\w]|$))/i, message: "a tool argument reads or sends a file of secrets or process memory" },
  { rule: "Decoded Command Substitution", severity: "critical", re: /(?:^|[;&|(]\s*|\beval\s+["']?)\s*(?:\$\(|`)\s*(echo|printf|cat)\b[^)`]{0,400}\|\s*(base64\s+(-d|--decode|-D)|base32\s+(-d|--decode)|xxd\s+-r|rev\b|openssl\s+(enc\s+)?(-d|base64\s+-d|-base64\s+-d))/i, message: "a decoded string is run as a command" },
  { rule: "ANSI-C Escaped Command", severity: "high", re: /\$'(?:[^']*\\(?:x[0-9a-fA-F]{2}|[0-7]{3}|u[0-9a-fA-F]{4}))+[^']*'/, message: "a command spelled with ANSI-C escapes" },
  { rule: "Escaped Characters", severity: "high", re: /(?:\\x[0-9a-fA-F]{2}|\\[0-7]{3}){2,}/, message: "a command spelled with hex/octal escapes" },
  { rule: "Variable Slicing", severity: "high", re: /\$\{[A-Za-z_][A-Za-z0-9_]*:-?\d+(:\d+)?\}/, message: "characters sliced out of variables to build a command" },
  { rule: "Printf Piped To Shell", severity: "high", re: /\bprintf\b[^|]{0,200}\|\s*(ba|z|da)?sh\b/i, message: "printf output piped into a shell" }
] as const).map((c) => ({ ...c, re: rx(c.re) })))

/** `python -c`, `perl -e`, `ruby -e`, `php -r`, `node -e` one-liners: their code (single- or double-quoted). */
const INTERPRETER = once(() => new RE2(`\\b(python[23]?(?:\\.\\d+)?|perl|ruby|php|node|lua)\\s+(?:-\\S+\\s+)*-[cerE]\\s*(?:'([^']*)'|"((?:[^"\\\\]|\\\\.)*)")`, "giu"))
const SOCKET = once(() => rx(/\b(socket|fsockopen|TCPSocket|IO::Socket|net\.(connect|Socket|createConnection)|Socket::|stream_socket_client)\b/i))
const CONNECT = once(() => rx(/\b(connect|fsockopen|TCPSocket\.(new|open)|createConnection|stream_socket_client|PeerAddr)\b/i))
const SPAWN = once(() => rx(/\b(dup2|pty\.spawn|subprocess|popen|exec[lv]?p?e?|system|spawn|proc_open|shell_exec|child_process)\b|\/bin\/(ba|z|da)?sh\b|cmd\.exe/i))
const DECODE = once(() => rx(/\b(b64decode|decodebytes|decode_base64|base64_decode|decode64|atob|fromhex|unhexlify|codecs\.decode)\b|unpack\s*\(\s*["']m|Buffer\.from\([^)]{0,200}["'](base64|hex)["']/i))
const RUN = once(() => rx(/\b(exec|eval|system|popen|subprocess|spawn|shell_exec|passthru|proc_open|child_process|execSync)\b|`/i))

/** Interpreter one-liners that open a reverse shell or run decoded code. */
const interpreterFindings = (text: string, location: string): Finding[] => {
  const out: Finding[] = []
  INTERPRETER().lastIndex = 0
  let m: RegExpExecArray | null
  let n = 0
  while ((m = INTERPRETER().exec(text)) !== null && n++ < 8) {
    const code = m[2] ?? m[3] ?? ""
    if (SOCKET().test(code) && CONNECT().test(code) && SPAWN().test(code)) {
      out.push(finding("Scripted Reverse Shell", "critical", location, m[0], `a ${m[1]} one-liner connects a socket to a shell`))
    } else if (DECODE().test(code) && RUN().test(code)) {
      out.push(finding("Interpreter Decode And Execute", "critical", location, m[0], `a ${m[1]} one-liner decodes and runs hidden code`))
    }
  }
  return out
}

const SEGMENTS = once(() => new RE2("[;&|\\n]+|\\$\\(|`", "gu"))
const GLOB_WORD = once(() => rx(/^[\w./?*[\]-]*\/[\w./?*[\]-]*$/))
const GLOB_CHAR = once(() => rx(/[?*[]/))

/** A command path spelled with glob wildcards (`/???/??t`, `/bin/c?t`): the shell resolves it to a real command. */
const globCommand = (text: string): string | undefined => {
  for (const seg of text.split(SEGMENTS()).slice(0, 64)) {
    const word = seg.trim().split(" ")[0]?.split("\t")[0] ?? ""
    if (GLOB_CHAR().test(word) && GLOB_WORD().test(word)) return word
  }
  return undefined
}

const IFS_STATEMENT = once(() => rx(/(?:^|[;&|\s])IFS=("[^"]*"|'[^']*'|\$'[^']*'|[^\s;&|]+)\s*[;&\n]/))
const VARIABLE_RUN = once(() => new RE2("(?:^|[;&|]\\s*)\\$\\{?[A-Za-z_]\\w*\\}?(?:\\s|$)", "mu"))

/** `IFS=,` as a statement of its own (not `IFS= read`, not whitespace), with a variable then run as a command. */
const ifsRedefined = (text: string): boolean => {
  const m = IFS_STATEMENT().exec(text)
  if (m === null) return false
  let value = m[1]
  if (value.startsWith("$")) value = value.slice(1)
  if (value.startsWith("'") || value.startsWith('"')) value = value.slice(1, -1)
  for (const esc of ["\\n", "\\t", "\\r"]) value = value.split(esc).join(" ")
  if (value.trim() === "") return false
  return VARIABLE_RUN().test(text.slice(m.index + m[0].length))
}

const VARIABLE_COMMAND = once(() => rx(/(^|[;&\s])[A-Za-z_]\w{0,63}=["']?[A-Za-z]{1,12}["']?\s*[;&]+\s*\$\{?[A-Za-z_]\w{0,63}\}?(\s|$)/))

const commandWords = (text: string): string[] =>
  text.split(/[;&|\n]+/).map((seg) => seg.trim().split(/\s+/)[0]?.replace(/^.*\//, "").toLowerCase() ?? "").filter((w) => w !== "")

const finding = (rule: string, severity: Severity, location: string, evidence: string, message: string): Finding =>
  ({ scanner: "shell", rule, severity, location, evidence: evidence.replace(/\s+/g, " ").slice(0, 100), message })

/** Shell obfuscation in one argument string. Plain commands (`ls -la`, `git status`, `echo $(date)`) give nothing. */
export const scanShell = (input: string, location: string): Finding[] => {
  const text = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input
  const out: Finding[] = []
  for (const c of checks()) {
    const m = c.re.exec(text)
    if (m !== null) out.push(finding(c.rule, c.severity, location, m[0], c.message))
  }
  // Obfuscation that changes which command runs: compare the command words before and after.
  const plain = new Set(commandWords(text))
  const views = deobfuscate(text)
  for (const v of views) {
    const revealed = commandWords(v.text).filter((w) => DANGEROUS.has(w) && !plain.has(w))
    if (revealed.length > 0) {
      const how = text !== forMatching(text) ? "Unicode Homoglyph Command" : /`|\$\(/.test(text) ? "Command Substitution Obfuscation"
        : /\{[^}]*,/.test(text) ? "Brace Expansion Command" : /['"]\s*['"]|\\[a-z]/i.test(text) ? "Quote Splitting" : "Obfuscated Command"
      out.push(finding(how, "high", location, revealed.join(" "), `obfuscation hides the command "${revealed[0]}"`))
      break
    }
  }
  if (ifsRedefined(text)) out.push(finding("IFS Manipulation", "high", location, text.slice(0, 60), "the field separator is redefined to split a hidden command"))
  const glob = globCommand(text)
  if (glob !== undefined) out.push(finding("Glob Command Path", "high", location, glob, `wildcards spell the command path "${glob}"`))
  out.push(...interpreterFindings(text, location))
  // A variable holding a command name, then run: `x=rm; $x -rf /`.
  if (VARIABLE_COMMAND().test(text)) {
    out.push(finding("Variable Command", "high", location, text.slice(0, 60), "a command name stored in a variable and executed"))
  }
  const seen = new Set<string>()
  return out.filter((f) => (seen.has(f.rule) ? false : (seen.add(f.rule), true)))
}
