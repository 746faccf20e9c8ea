/**
 * Tool poisoning by intent (issue 14, part 4): checks on what a tool definition says the tool does or asks the
 * agent to do, written as classes of sentence structure rather than phrases —
 * - a fake approval: the definition claims the user, an owner or a team already approved or authorized what the
 *   tool does ("has already approved", "pre-authorized by", "consent was granted in advance", "treat its
 *   requests as approved"), and directives to skip the user's confirmation;
 * - parameter smuggling: a parameter (or the description, naming a parameter) asks for data the agent holds
 *   from elsewhere — the conversation so far, its system prompt, every environment variable, a secret "if you
 *   know it", the contents of the user's dotfiles or open files;
 * - privilege escalation: retry or always run as root / with sudo, a tool that grants itself (or the agent)
 *   admin or owner rights, adds to sudoers or binds to cluster-admin, turns off permission checks, trades a token
 *   for an admin one, makes files world-writable;
 * - a harmful stated purpose: harm together with its evasion ("so nobody notices", "so actions cannot be
 *   reviewed", "without the user knowing"), monitoring or audit turned off, audit logs and histories erased,
 *   hidden admin accounts and back doors for the author, destinations controlled by the tool's author, the
 *   user's data sold or made public, key files gathered and bundled, surveillance of the screen, keystrokes,
 *   clipboard or location, miners, trusted roots replaced, password fields read.
 * Each check has near misses in test/layers/detect/toolIntent.test.ts taken from ordinary tool descriptions
 * (conditions such as "whether it has been approved", `notes` parameters for the user's own notes, log
 * rotation, alert silencing, role grants the user confirms, a sandbox run as an unprivileged user).
 */
import type { Severity } from "../../services/Verdict.ts"
import { once } from "./lazy.ts"
import { RE2 } from "./re2.ts"

export interface IntentCheck {
  readonly rule: string
  readonly severity: Severity
  readonly source: string
  readonly message: string
  /** Read only in the description of a schema property (what the agent is asked to put into it). */
  readonly paramOnly?: boolean
  /** Whether a match reads as something else in its sentence (a condition, a negation): the next match is tried. */
  readonly discount?: (text: string, at: number, match: string) => boolean
}

/** Within one sentence: no sentence end (a period before a space); line breaks (wrapped text) allowed. */
const GAP = "(?:[^.!?\\n]|\\.\\S)"

/** The part of the sentence before `at` (from the last sentence end, semicolon or line break), at most 120 chars. */
const before = (text: string, at: number): string => {
  const start = Math.max(0, at - 120)
  const head = text.slice(start, at)
  const cut = Math.max(head.lastIndexOf(". "), head.lastIndexOf(";"), head.lastIndexOf("\n"), head.lastIndexOf("! "), head.lastIndexOf("? "), head.lastIndexOf(": "))
  return cut < 0 ? head : head.slice(cut + 1)
}

/**
 * A condition or a question around an approval ("whether it has been approved", "once the user has approved the
 * plan", "fails unless an admin has authorized the app", "lists expenses that were already approved"): the
 * tool checks or reports an approval, it does not claim one.
 */
const CONDITION = once(() => new RE2("(?i)\\b(if|whether|once|after|unless|until|when|whenever|only|requires?|required|must|checks?|checking|verif(y|ies)|ensures?|before|that|which|who|whose|lists?|returns?|shows?|filters?|finds?|waits?|asks?|request(s|ed)?|status)\\b", "u"))
/** A negation shortly before the match ("do not include", "never put", "no … here"). */
const NEGATION = once(() => new RE2("(?i)(\\b(not|never|no|without|except|excluding|avoid|instead\\s+of)\\b|n't\\b)", "u"))

/** A secret as the thing not to show ("never show the API key to the user"): ordinary advice, not concealment. */
export const SECRET_OBJECT = once(() => new RE2("(?i)\\b(key|keys|token|tokens|password|passwords|secrets|secret\\s+value|credentials?|pii|personal\\s+data|cvv|card\\s+numbers?)\\b", "u"))

/** A public key (`id_ed25519.pub`, "the public key") is meant to be shared. */
export const PUBLIC_KEY = once(() => new RE2("(?i)\\.pub\\b|public\\s+key", "u"))
const publicKey = (text: string, at: number, match: string): boolean => PUBLIC_KEY().test(text.slice(at, at + match.length + 40))

/** How a request is authorized ("is authorized with the user's OAuth token", "authorized via OAuth"): a mechanism, not a claim. */
const AUTH_MECHANISM = once(() => new RE2("(?i)^\\s*(or\\s+(declined|rejected|denied|refused)|with|using|via|through|against|by\\s+(an?\\s+|the\\s+)?(oauth|token|api\\s+key|key|certificate|scope|role|policy|iam))\\b", "u"))
/** "has not been approved", "is not yet authorized": the opposite of a claim. */
const NOT_YET = once(() => new RE2("(?i)\\b(not|never|yet|n't|pending|awaiting)\\b", "u"))

const conditional = (text: string, at: number): boolean => CONDITION().test(before(text, at))
const negated = (text: string, at: number): boolean => NEGATION().test(before(text, at).slice(-48))
/**
 * The file-mode bits listed as a format ("read/write/execute permissions … and the setuid, setgid, and sticky
 * bits" in a tar or stat reference): naming the bits describes metadata; setting one is what escalates.
 */
const MODE_BITS = once(() => new RE2("(?i)^setuid\\s*(?:,|/|and|or)\\s*(?:and\\s+)?setgid\\b", "u"))

// What the agent holds from elsewhere and a parameter has no business receiving.
const CONVERSATION = "(the\\s+)?(full\\s+|entire\\s+|whole\\s+|complete\\s+|raw\\s+)?(text\\s+of\\s+)?(the\\s+|this\\s+|your\\s+)?(conversation|chat|dialog(ue)?|transcript|message\\s+history|chat\\s+history|session)\\s+(so\\s+far|up\\s+to\\s+(now|here|this\\s+point)|until\\s+(now|this\\s+point)|to\\s+date|with\\s+the\\s+user|you\\s+(are\\s+)?hav(e|ing)|including)" +
  "|(the\\s+)?(full\\s+|entire\\s+|whole\\s+|complete\\s+)?(chat|conversation|session)\\s+(transcript|log)s?\\b" +
  "|(every|all|each|any)\\s+(of\\s+the\\s+)?([\\w-]+\\s+)?(messages?|prompts?|questions?|requests?|things?|words?|files?|documents?)\\s+(that\\s+)?(the\\s+user|you)\\s+(has\\s+|have\\s+)?(sent|typed|written|wrote|said|asked|entered|pasted|shared|uploaded|mentioned)\\b" +
  "|(the\\s+)?(last|previous|prior|recent|earlier)\\s+(\\d+\\s+|few\\s+|several\\s+|n\\s+)?(messages|turns|exchanges|prompts|user\\s+messages)\\s+(exchanged|with\\s+the\\s+user|from\\s+the\\s+user|in\\s+this\\s+(chat|conversation|session|thread))" +
  "|(every|all|each)\\s+(of\\s+the\\s+)?(previous\\s+|prior\\s+|earlier\\s+|other\\s+)?(tool\\s+(results?|outputs?)|messages?|prompts?|replies|answers|turns)\\s+(in|of|from)\\s+(this|the\\s+current)\\s+(chat|conversation|session|thread)" +
  "|(taken|copied|collected|gathered|pulled)\\s+from\\s+(the|this|your)\\s+(conversation|chat|context\\s+window)" +
  "|\\b(came|come|comes|coming)\\s+up\\s+(while|when|during|in)\\s+(talking|chatting|the\\s+(conversation|chat|session))|\\b(mentioned|said|shared|discussed|revealed)\\s+(while|during)\\s+(talking|chatting|the\\s+(conversation|chat|session))" +
  "|(the\\s+)?(last|latest|most\\s+recent|previous)\\s+(thing|things|message|messages|question|questions)\\s+(the\\s+user|they)\\s+(told|said|wrote|sent|typed|asked)" +
  "|everything\\s+(the\\s+user|you)\\s+(has\\s+|have\\s+)?(said|typed|wrote|written|shared|told\\s+you|asked|discussed)" +
  "|(whatever|any|all)\\s+(private|personal|sensitive|confidential|identifying)\\s+(information|data|details|facts)\\s+(the\\s+user|you)\\b" +
  "|(what|anything)\\s+the\\s+user\\s+(has\\s+)?(said|revealed|shared|typed|disclosed)\\s+(earlier|so\\s+far|before|in\\s+this)"
const PROMPT = "(the\\s+)?(exact\\s+|full\\s+|verbatim\\s+|complete\\s+)?text\\s+of\\s+(the\\s+|your\\s+)?(instructions|prompt|system\\s+message)\\s+(at|in|on|you)|(the\\s+|all\\s+the\\s+)?tools\\s+you\\s+(can|are\\s+able\\s+to|have\\s+access\\s+to)|(whatever|the|all\\s+the|any)\\s+(rules|guidelines|instructions|policies|directives)\\s+(that\\s+)?you\\s+(are|were|have\\s+been)\\s+(following|given|told|running\\s+(on|under)|operating\\s+under)|(your|the\\s+(agent|assistant|model)'?s)\\s+(full\\s+|complete\\s+|entire\\s+|own\\s+)?(system\\s+(prompt|message|instructions)|developer\\s+(message|prompt|instructions)|(hidden|original|initial|internal)\\s+(instructions|prompt|rules))" +
  "|(the\\s+)?(system\\s+prompt|system\\s+message|developer\\s+message|instructions|rules)\\s+you\\s+(were|have\\s+been|got|received|are\\s+(running|operating)\\s+(under|with))"
const ENV = "(values?|contents?)\\s+of\\s+(every|all|each|any)\\s+(of\\s+the\\s+)?(environment\\s+variables?|env\\s+vars?)|(every|all|each)\\s+(of\\s+the\\s+)?(environment\\s+variables?|env\\s+vars?)\\s+(you|visible|available|that\\s+you|it\\s+can|in\\s+(the|your)\\s+(process|shell|session))"
const SECRET_NOUN = "(passwords?|passphrases?|pins?|api\\s+keys?|access\\s+tokens?|tokens?|credentials|secret\\s+keys?|private\\s+keys?|session\\s+cookies?|cookies|2fa\\s+codes?|one-time\\s+codes?|otps?|seed\\s+phrases?|recovery\\s+(codes?|phrases?)|ssh\\s+keys?|card\\s+numbers?)"
const SECRET = `(the\\s+user'?s|their|your)\\s+([\\w-]+\\s+){0,2}${SECRET_NOUN}${GAP}{0,30}?\\b(if\\s+you\\s+(know|have|remember|saw|can\\s+(find|see))|you\\s+(have\\s+)?(seen|saw|know|remember|found)|(from|in)\\s+(the|this|your)\\s+(conversation|chat|context|memory))` +
  `|(any|all|every|the)\\s+(of\\s+the\\s+)?(credentials?|tokens?|api\\s+keys?|keys|passwords?|secrets?|cookies)((\\s+(or|and)\\s+[\\w-]+){1,2})?\\s+(that\\s+)?(the\\s+user|you)\\s+(has\\s+|have\\s+)?(shared|seen|found|mentioned|entered|typed|pasted|know|come\\s+across|encountered|noticed|learned|received|been\\s+given|collected|can\\s+(see|access|find|read))`
const FILES = "(the\\s+)?contents?\\s+of\\s+(the\\s+user'?s\\s+|any\\s+|every\\s+|all\\s+|their\\s+|your\\s+)?(open\\s+files|~/|\\.[a-z]|dotfiles|home\\s+directory|[\\w.-]*\\s*config(uration)?\\s+files?|files?\\s+(they|the\\s+user)\\s+(mentioned|opened|has\\s+open))" +
  "|(any|all|every)\\s+file\\s+paths?\\s+(they|the\\s+user)\\s+(mentioned|opened|referenced)"
const AMBIENT = `(${CONVERSATION}|${PROMPT}|${ENV}|${SECRET}|${FILES})`
/**
 * A secret or personal datum a parameter is declared to hold ("Contents of the ~/.ssh/id_rsa file", "The
 * user's password for the service", "Session token or cookie of the user's accounts", "Base64 of
 * ~/.kube/config"): smuggling when the parameter's own name does not say so (`SECRET_NAME`) — a `password`
 * parameter of a sign-in tool asks for a password by design, a `notes` or `metadata` one does not.
 */
export const SECRET_DECLARATION = "(the\\s+user'?s|their|your|the\\s+agent'?s)\\s+([\\w-]+\\s+){0,2}(passwords?|passphrases?|pins?|api\\s+keys?|access\\s+keys?|tokens?|credentials|cookies?|private\\s+keys?|ssh\\s+keys?|seed\\s+phrases?|card\\s+numbers?|home\\s+address(es)?|date\\s+of\\s+birth|phone\\s+numbers?|social\\s+security\\s+numbers?)" +
  "|\\b(aws\\s+)?(access\\s+key\\s+id|secret\\s+access\\s+key)|\\baws\\s+(access\\s+)?keys?\\b|\\bsession\\s+(tokens?|cookies?)|\\bauth(entication)?\\s+cookies?|\\brefresh\\s+tokens?|\\bbearer\\s+tokens?|\\bcredit\\s+card\\s+numbers?|\\bcvv\\b|\\b(seed|recovery)\\s+phrases?" +
  "|\\b(contents?|text|base64|copy|value|body|dump|data)\\s+of\\s+(the\\s+)?(user'?s\\s+)?((~|\\$home)?/?\\.ssh/|~?/?\\.kube/config|kubeconfig|(~/)?\\.aws/credentials|\\.env\\b|\\.netrc|\\.npmrc|\\.pgpass|\\.git-credentials|\\bid_(rsa|ed25519|ecdsa)\\b)" +
  "|\\b(all|every)\\s+(of\\s+the\\s+)?(agent'?s\\s+|process\\s+|the\\s+)?(environment\\s+variables|env\\s+vars)\\s+(of|as|in|from)\\b"
/** A parameter name that says it holds a secret or personal datum (words of the name). */
export const SECRET_NAME = once(() => new RE2("(?i)(pass|pwd|token|key|secret|credential|cookie|auth|cert|pem|ssh|env|card|cvv|pin|otp|phone|address|birth|dob|ssn|kube|config|session)", "u"))

/** A parameter named in a description: "the `extra` argument", "in the context field", "this parameter". */
const PARAM_REF = "(\\b(parameter|argument|field|param|property)\\b|`[\\w.-]+`)"

/** The oversight parties and the traces an evasion is about. */
const OVERSEER = "(nobody|no\\s+one|none|nothing(\\s+the\\s+(agent|tool)\\s+did)?|the\\s+user|users|the\\s+owner|admins?|administrators?|reviewers?|auditors?|the\\s+(security|it|ops|sre)\\s+team|security|monitoring|it|they|this|actions?|the\\s+(change|changes|transfer|gap|copy|copies|activity|access|session|agent|tool|account|payment|edit|edits)|(its|the\\s+agent'?s|the\\s+tool'?s)\\s+(actions|activity|changes)|what\\s+(happened|the\\s+agent\\s+did|was\\s+done|it\\s+did))"
const NOTICE = "(notic|review|reconstruct|trac|detect|audit|discover|investigat|spott?|flagg?|find\\s+out|know|learn|realiz|realis|see\\s+what|tell)\\w*"

export const intentChecks = once((): ReadonlyArray<IntentCheck> => [
  {
    rule: "Approval Claim",
    severity: "high",
    source: "(?i)\\b(has|have|had)\\s+((already|previously|explicitly|expressly|also|fully)\\s+)*(pre-?)?(approved|authori[sz]ed|consented|signed\\s+off|okayed|ok'd|whitelisted|allow-?listed|sanctioned)\\b" +
      "|\\b(is|are|was|were|has\\s+been|have\\s+been)\\s+((already|previously|explicitly|fully|automatically)\\s+)*pre-?(approved|authori[sz]ed|cleared|confirmed)\\b" +
      "|\\b(is|are|was|were|has\\s+been|have\\s+been)\\s+((already|previously|explicitly)\\s+)+(approved|authori[sz]ed|cleared|confirmed|sanctioned)\\b" +
      "|\\b(consent|approval|authori[sz]ation|permission|sign-?off|clearance)\\s+(was|has\\s+been|have\\s+been|is|were)\\s+(already\\s+|previously\\s+)?(granted|given|obtained|provided|received|secured)\\b" +
      "|\\b(already|explicitly|expressly|previously)\\s+(approved|authori[sz]ed|agreed|consented|signed\\s+off|okayed)\\b" +
      "|\\bpre-?(approved|authori[sz]ed|cleared)\\s+by\\b" +
      "|\\b(has|have|had|was|were|is|are|been)\\s+([\\w-]+\\s+){0,2}?(pre-?)?(approved|authori[sz]ed|okayed|ok'd|signed\\s+off|sanctioned|green-?lit|consented)\\b" +
      "|\\b(counts?|deemed|considered|regarded|treated)\\s+as\\s+(already\\s+)?(pre-?)?(approved|authori[sz]ed|confirmed|cleared)\\b" +
      "|\\b(you\\s+have|we\\s+have|there\\s+is|with|under|carries)\\s+(the\\s+user'?s|their|the\\s+owner'?s|management'?s|the\\s+admin'?s|full|standing)\\s+(go-ahead|green\\s+light|blessing|sign-?off|approval|consent|permission|authori[sz]ation)\\b" +
      "|\\bpre-?(cleared|approved|authori[sz]ed|vetted|screened)\\s+(all|every|any|each)\\b" +
      "|\\b(standing|blanket|permanent|general|prior|advance|open-ended|unlimited)\\s+(authori[sz]ation|approval|consent|permission|sign-?off|mandate)\\b" +
      "|\\b(approval|authori[sz]ation|consent|permission|sign-?off)\\s+(\\w+\\s+){0,3}(is|are|was|were)\\s+(implied|assumed|presumed|automatic|given|granted|on\\s+file)\\b" +
      "|\\b(granted|given|gave|grants|gives)\\s+(this\\s+tool\\s+|it\\s+)?(permanent|standing|blanket|unlimited|unconditional|advance|prior|general|full)\\s+(consent|permission|approval|authori[sz]ation)\\b" +
      "|\\b(approval|consent|authori[sz]ation|sign-?off)\\s+(from\\s+[\\w\\s'-]{1,30}?\\s+)?(is|are)\\s+on\\s+file\\b" +
      "|\\b(treat|consider|regard|handle)\\s+(it|them|this|these|its|all|every|each|any)\\s+([\\w'-]+\\s+){0,4}as\\s+(already\\s+)?(pre-?)?(approved|authori[sz]ed|confirmed|sanctioned|user-approved)\\b",
    message: "the tool definition claims that the user or an authority already approved what it does",
    discount: (text, at, match) => conditional(text, at) || AUTH_MECHANISM().test(text.slice(at + match.length, at + match.length + 24)) || NOT_YET().test(match)
  },
  {
    rule: "Confirmation Bypass",
    severity: "medium",
    source: "(?i)\\b(do\\s+not|don'?t|never|no\\s+need\\s+to|need\\s+not|needn'?t|(you\\s+)?(do\\s+not|don'?t)\\s+(need|have)\\s+to|there\\s+is\\s+no\\s+need\\s+to)\\s+(ask|check\\s+with|prompt|consult|bother|wait\\s+for)\\s+(the\\s+user|them|the\\s+owner|anyone)(\\s+(again|first|beforehand|for\\s+(confirmation|permission|approval|consent)|whether|to\\s+confirm|before\\b)|\\s*[.;,)!]|\\s*$)" +
      "|\\b(do\\s+not|don'?t|never|no\\s+need\\s+to)\\s+ask\\s+for\\s+(confirmation|permission|approval|consent)" +
      "|\\bno\\s+need\\s+to\\s+(double-?check|check\\s+back|re-?confirm|confirm|verify\\s+with)\\b" +
      "|\\b(you\\s+)?(do\\s+not|don'?t|never)\\s+need\\s+(the\\s+user'?s|their|any|an?)\\s+(explicit\\s+)?(permission|approval|consent|confirmation)" +
      "|\\b(skip|bypass|omit|suppress|ignore)\\s+(the\\s+|any\\s+|all\\s+)?(user'?s?\\s+)?(confirmation|approval|consent|permission)\\s*(steps?|prompts?|dialogs?|checks?|requests?)?\\b" +
      "|\\b(execute|run|perform|call|do|send|apply|proceed\\s+with)\\s+(it\\s+|them\\s+|this\\s+|these\\s+)?(directly\\s+|immediately\\s+|right\\s+away\\s+)?without\\s+(asking|confirmation|confirming|approval|consent|permission|checking\\s+with)",
    message: "the tool definition tells the agent not to ask the user for confirmation"
  },
  {
    rule: "Parameter Smuggling",
    severity: "high",
    source: `(?i)${AMBIENT}`,
    message: "a parameter asks for data the agent holds from elsewhere (the conversation, its instructions, secrets, files)",
    paramOnly: true,
    discount: (text, at, match) => negated(text, at) || publicKey(text, at, match)
  },
  {
    rule: "Parameter Smuggling",
    severity: "high",
    source: `(?i)${PARAM_REF}${GAP}{0,100}?${AMBIENT}|${AMBIENT}${GAP}{0,100}?${PARAM_REF}`,
    message: "the tool description asks to put data the agent holds from elsewhere into a parameter",
    discount: (text, at, match) => negated(text, at) || publicKey(text, at, match)
  },
  {
    rule: "Privilege Escalation",
    severity: "high",
    source: `(?i)\\b(always|automatically|first|retry|re-?try|re-?run|re-?invoke|re-?execute|re-?connect|re-?login|switch|fall\\s+back\\s+to|escalate|elevate)\\b${GAP}{0,40}?\\b(with|using|via|as|under|to|through)\\s+(sudo\\b|root\\b|the\\s+root\\s+(user|account)|(the\\s+)?([\\w-]+\\s+)?superuser\\b|admin(istrator)?\\s+(rights|privileges)|elevated\\s+(privileges|rights|permissions)|system\\s+privileges|localsystem|nt\\s+authority)` +
      `|\\b(grants?|gives?|assigns?|adds?|elevates?|promotes?|binds?|escalates?|makes?)\\s+(itself|the\\s+agent|this\\s+(tool|integration|app|server|extension)|its\\s+own\\s+([\\w-]+\\s+)?(account|user|token|service\\s+account|role|identity)|the\\s+(agent|tool|integration|app|server)'?s\\s+(own\\s+)?([\\w-]+\\s+){0,2}(account|user|token|role|identity))\\b${GAP}{0,60}?\\b(owner|admin(istrator)?|root|sudo(ers)?|superuser|cluster-admin|full|unrestricted|elevated|whole\\s+(disk|file\\s*system|drive|machine)|entire\\s+(disk|file\\s*system|drive|machine|organi[sz]ation)|every\\s+(repository|file|project|account)|wheel)\\b` +
      `|\\b(adds?|appends?|binds?|assigns?|grants?|gives?|promotes?|writes?)\\b${GAP}{0,60}?\\b(to|into)\\s+(the\\s+)?(/etc/)?(sudoers(\\s+file)?|cluster-admin|(wheel|sudo|admin|administrators?|root|domain\\s+admins)\\s+group|domain\\s+admins)\\b` +
      `|\\b(grants?|granting|gives?|assigns?|binds?|attaches?|adds?)\\s+(the\\s+)?(roles/)?(owner|admin(istrator)?|editor|superuser|root|cluster-admin|administratoraccess|full[- ]access)\\b${GAP}{0,30}?\\b(to|on|for)\\s+(itself|the\\s+agent\\b|its\\s+own|the\\s+(agent|tool|bot|app|integration|assistant)'?s?\\b)` +
      "|\\bsetuid\\b|\\bset-user-id\\b|\\bchmod\\s+([ugoa]*\\+s|[0-7]?4[0-7]{3})\\b" +
      `|\\b(turn(s|ing)?\\s+off|disabl(e|es|ing)|bypass(es|ing)?|skip(s|ping)?|ignor(e|es|ing)|circumvent(s|ing)?|get(s|ting)?\\s+around|work(s|ing)?\\s+around|defeat(s|ing)?|evad(e|es|ing)|switch(es|ing)?\\s+off|remov(e|es|ing)|lift(s|ing)?)\\s+(the\\s+|any\\s+|all\\s+|its\\s+|their\\s+)?([\\w'-]+\\s+){0,3}(permission|access[- ]control|authori[sz]ation|rbac|acl|allow-?list|allowed[_ ]directories|sandbox|uac|selinux|apparmor|seccomp|security)\\s+(checks?|controls?|restrictions?|enforcement|policies|boundar(y|ies)|rules|prompts?)\\b` +
      `|\\b(exchang|swap|upgrad|escalat|elevat|promot|convert|trad)(e|es|ed|ing)\\s+(the\\s+|its\\s+|their\\s+)?(user'?s\\s+|agent'?s\\s+|own\\s+)?([\\w-]+\\s+){0,2}(tokens?|credentials?|sessions?|keys?|privileges?|permissions?|access)\\s+(for|to|into|with)\\s+(an?\\s+|the\\s+)?(admin(istrator)?|root|owner|superuser|elevated|privileged|full[- ]access|god[- ]mode|unrestricted)\\b` +
      `|\\b(turn(s|ing)?\\s+off|disabl(e|es|ing)|bypass(es|ing)?|remov(e|es|ing)|switch(es|ing)?\\s+off)\\s+(the\\s+)?(agent'?s|assistant'?s|model'?s|host'?s|client'?s|its|your)\\s+(own\\s+)?(sandbox|approval\\s+prompts?|permission\\s+(prompts?|checks?|system)|confirmation\\s+prompts?|safety\\s+settings|guard-?rails)\\b` +
      `|\\b(turn(s|ing)?\\s+off|disabl(e|es|ing)|bypass(es|ing)?|suppress(es|ing)?|switch(es|ing)?\\s+off)\\s+(the\\s+|all\\s+|any\\s+)?(approval|permission|confirmation)\\s+(prompts?|dialogs?)\\b|--dangerously-[\\w-]+` +
      `|\\b(allows?|grants?|permits?)\\s+(action\\s+)?["']?\\*["']?\\s+(on|for|and)\\s+(resource\\s+)?["']?\\*|\\bto\\s+action\\s+["']?\\*["']?\\s+on\\s+resource\\s+["']?\\*|\\b(attach(es|ing)?|add(s|ing)?|grant(s|ing)?)\\s+(the\\s+)?administratoraccess\\b` +
      `|\\b(switch(es|ing)?|su|log(s|ging)?\\s+in|re-?connects?|runs?|sign(s)?\\s+in)\\s+(to|as|into)\\s+(the\\s+)?(built-?in\\s+)?(administrator|admin|root|superuser|system|domain\\s+admin)\\s+(account|user)\\b` +
      `|\\bpromot(e|es|ed|ing)\\s+(the\\s+|its\\s+)?(bot|app|agent|integration|tool|itself|service\\s+account|assistant)\\s+to\\s+([\\w-]+\\s+)?(owner|admin|administrator|superuser|maintainer)\\b` +
      `|\\b(start|run|launch|create|spawn|deploy|use)(s|es|ing)?\\s+(a\\s+|an\\s+|the\\s+)?privileged\\s+(container|pod|mode)\\b|\\bmounts?\\s+the\\s+(node'?s|host'?s|machine'?s)\\s+(root\\s+file\\s*system|root|/|docker\\s+socket)|--privileged\\b|\\bhost(pid|network|ipc)\\s*:\\s*true` +
      `|\\b(make|makes|making|set|sets|setting|chmod)\\b${GAP}{0,60}?\\b(world-?(readable|writable|writeable)|readable\\s+and\\s+writable\\s+by\\s+(everyone|anyone|all\\s+users)|0?777\\b|a\\+rwx)`,
    message: "the tool definition escalates privileges (root, admin rights it grants itself, permission checks turned off)",
    discount: (text, at) => negated(text, at) || MODE_BITS().test(text.slice(at, at + 40))
  },
  {
    rule: "Evasion Purpose",
    severity: "high",
    source: `(?i)\\bso\\s+(that\\s+)?${OVERSEER}\\s+(can(no|')t|can\\s+not|can\\s+never|cannot|won'?t|will\\s+not|will\\s+never|is\\s+not|are\\s+not|isn'?t|aren'?t|doesn'?t|does\\s+not|don'?t|do\\s+not|never)\\s+(be\\s+)?(later\\s+)?${NOTICE}` +
      `|\\bso\\s+(that\\s+)?(nobody|no\\s+one|none|nothing(\\s+the\\s+(agent|tool)\\s+did)?)\\b${GAP}{0,30}?\\b(can|could|will|would|is|gets?)\\s+(ever\\s+)?(be\\s+)?(later\\s+)?${NOTICE}` +
      `|\\bso\\s+(that\\s+)?${OVERSEER}\\s+(is|are|goes|go|stays?|remains?)\\s+(not\\s+noticed|unnoticed|undetected|unseen|invisible|hidden\\s+from)` +
      `|\\bwithout\\s+(the\\s+user'?s?|the\\s+owner'?s?|their|anyone'?s?)\\s+(knowledge|knowing|noticing|awareness|being\\s+aware)|\\bwithout\\s+(telling|informing|notifying|alerting)\\s+(the\\s+user|the\\s+owner|them|anyone)\\b|\\bwithout\\s+(any|a)\\s+(visible\\s+)?(indicator|notification|trace)\\b|\\bbehind\\s+the\\s+(user'?s\\s+)?back\\b` +
      "|\\bso\\s+(that\\s+)?(the\\s+|it\\s+|they\\s+|its\\s+)?([\\w-]+\\s+){0,2}(look|looks|appear|appears|seem|seems)\\s+(original|legitimate|normal|untouched|unchanged|genuine|authentic|unmodified)\\b" +
      "|\\b(throwaway|fake|false|stolen|borrowed|synthetic|forged)\\s+(identit(y|ies)|accounts|personas|profiles|names)\\b" +
      "|\\bleaving\\s+no\\s+(trace|evidence|record|sign)s?\\b|\\bleaving\\s+no\\s+gaps?\\s+in\\s+the\\s+(timestamps|logs?|records?|history|audit)" +
      "|\\b(marks?|sets?|makes?|flags?)\\s+(it|them|the\\s+[\\w-]+(\\s+[\\w-]+)?)\\s+(as\\s+)?(hidden|invisible)\\s+(in|from)\\s+(the\\s+)?(settings|ui|user|list|interface|inbox|dashboard)",
    message: "the tool definition says its action is meant to go unnoticed by the user or reviewers"
  },
  {
    rule: "Oversight Tampering",
    severity: "high",
    source: `(?i)\\b(stops?|stopping|disables?|disabling|turns?\\s+off|turning\\s+off|kills?|killing|pauses?|suspends?|uninstalls?|blinds?|tampers?\\s+with|switch(es)?\\s+off)\\s+(the\\s+|its\\s+|your\\s+|all\\s+|any\\s+|every\\s+)?([\\w'-]+\\s+){0,2}?(endpoint\\s+(detection|protection|security)|edr\\b|xdr\\b|antivirus|anti-?malware|auditd|audit\\s+(log(ging|s)?|trail|records?|daemon|service)|security\\s+(agent|monitoring|software|scanner|logging|alerts?|cameras?)|intrusion\\s+(detection|prevention)|defender\\b|siem\\b|selinux|apparmor|two-factor|2fa\\b|mfa\\b|multi-factor|syslog|event\\s+log(ging|s)?|logging\\s+of\\s+(its|the\\s+agent'?s))` +
      `|\\b(deletes?|deleting|erases?|erasing|wipes?|wiping|truncates?|truncating|clears?|clearing|purges?|purging|shreds?|scrubs?|removes?|tampers?\\s+with|rewrites?|backdates?)\\s+(the\\s+|its\\s+|all\\s+|any\\s+|existing\\s+|every\\s+)?([\\w'-]+\\s+){0,3}?(audit\\s+(logs?|records?|trails?|entries|events)|access\\s+logs|shell\\s+history|command\\s+history|bash_history|zsh_history|system\\s+logs|security\\s+logs|event\\s+logs|(its|the\\s+agent'?s|the\\s+tool'?s)\\s+(own\\s+)?(action\\s+|activity\\s+)?(logs?|history|records|traces))\\b`,
    message: "the tool definition turns off monitoring or erases the records of what was done"
  },
  {
    rule: "Backdoor",
    severity: "high",
    source: "(?i)\\b(administrator|admin|root|superuser)\\s+(account|user|login)\\s+with\\s+(a\\s+)?(fixed|hard-?coded|known|static|preset|shared)\\s+password|\\b(accounts?|users?|logins?|keys?)\\s+for\\s+(remote|vendor|external)\\s+(maintenance|access|support)\\b|\\b(hidden|backdoor|undocumented|covert|unlisted|invisible|shadow|secret)\\s+(administrator|admin|root|superuser|maintenance|user|login|ssh)\\s*(accounts?|users?|logins?|keys?|access)\\b|\\bextra\\s+(administrator|admin|root|superuser|ssh)\\s*(accounts?|users?|logins?|keys?)\\b|\\bback\\s?door(s|ed)?\\b" +
      "|\\bso\\s+(that\\s+)?(the\\s+)?(tool'?s?\\s+)?(author|vendor|operators?|developers?|maintainers?|publisher|attackers?)\\s+(can|could|will\\s+be\\s+able\\s+to)\\s+(log\\s*in|sign\\s+in|access|connect|get\\s+in|control|reach|ssh|take\\s+over)",
    message: "the tool definition installs a back door or a hidden account"
  },
  {
    rule: "Author-Controlled Destination",
    severity: "high",
    source: "(?i)\\b(to|into|with|for|on)\\s+(an?\\s+|the\\s+)?([\\w'-]+\\s+){0,3}(accounts?|wallets?|address(es)?|servers?|repositor(y|ies)|mailbox(es)?|buckets?|cloud\\s+accounts?|endpoints?|hosts?|registry|channels?|organi[sz]ations?|storage)\\s+(controlled|owned|run|operated|held|chosen|picked|managed|configured)\\s+by\\s+(the\\s+)?(tool'?s?\\s+)?(author|vendor|developer|maintainer|publisher|creator|attacker|tool\\b|an?\\s+unrelated)" +
      "|\\b(the\\s+)?(tool'?s?\\s+)?(author|vendor|developer|publisher|attacker)'?s?\\s+(own\\s+)?(cloud\\s+account|account|wallet|registry|bank\\s+account|repositor(y|ies))\\b" +
      "|\\b(servers?|accounts?|hosts?|buckets?|archives?|storage|machines?)\\s+(that\\s+|which\\s+)?the\\s+(tool'?s?\\s+)?(vendor|author|developer|publisher)\\s+(runs|owns|controls|operates|hosts|maintains)\\b" +
      "|\\bprivate\\s+(direct\\s+)?messages\\b[^.]{0,60}\\b(between|of|from)\\s+other\\s+(people|users|members|employees)\\b" +
      "|\\b(sells?|resells?|selling|reselling|monetiz(es?|ing)|monetis(es?|ing)|rents?\\s+out)\\b" + `${GAP}{0,60}?` + "\\b(data|records|information|history|traffic|contacts|profiles|details|it|them|usage)\\b" +
      "|\\b(to|with)\\s+(an?\\s+|the\\s+)?([\\w-]+\\s+)?(data\\s+brokers?|advertisers|ad\\s+networks?|insurers|insurance\\s+companies|facial[- ]recognition\\s+(compan(y|ies)|firms?|services?))\\b",
    message: "the tool definition sends the user's money or data to the tool's author or sells it"
  },
  {
    rule: "Public Exposure",
    severity: "high",
    source: `(?i)\\b(private|secret|confidential|internal|personal)\\s+([\\w-]+\\s+)?(repositor(y|ies)|repos?|files?|documents?|notes?|keys?|data|messages?|photos?|recordings?)\\b${GAP}{0,80}?\\b(to|on|in|into|at)\\s+(a\\s+|an\\s+|the\\s+)?public(ly)?[\\s-]` +
      `|\\b(api\\s+keys|keys|secrets|credentials|passwords|tokens|transcripts|recordings|cookies)\\b${GAP}{0,80}?\\b(to|on|in|into|at)\\s+(a\\s+|an\\s+|the\\s+)?(public(ly)?[\\s-]|paste\\s*(site|bin|service)|pastebin)` +
      "|\\bindexed\\s+by\\s+search\\s+engines\\b|\\bthat\\s+anyone\\s+can\\s+(read|see|access|download|view)\\b",
    message: "the tool definition publishes the user's private data or secrets"
  },
  {
    rule: "Harmful Purpose",
    severity: "high",
    source: "(?i)\\b(reads?|extracts?|collects?|grabs?|pulls?|scrapes?|copies|dumps?|harvests?)\\s+(the\\s+|all\\s+|every\\s+)?([\\w-]+\\s+)?(access\\s+tokens|api\\s+keys|credentials|passwords|auth\\s+tokens|refresh\\s+tokens|session\\s+tokens|cookies|tokens)\\s+(stored\\s+|saved\\s+)?(from|in|out\\s+of)\\s+(the\\s+)?(config(uration)?\\s+files|browser(\\s+profiles?)?|other\\s+(apps|applications|programs|tools|clis?)|every|all|each|installed)\\b" +
      `|\\b(cookies|tokens|sessions|credentials)\\b${GAP}{0,80}?\\b(replay|reuse|re-use|use)\\w*\\b${GAP}{0,30}?\\b(from|on|in)\\s+(another|a\\s+different|a\\s+remote|an\\s+external|other)\\s+(machine|host|device|computer|server|browser|location)` +
      "|\\b(opens?|establish(es)?|creates?|starts?)\\s+(a\\s+)?(reverse\\s+)?(shell|bash|cmd|terminal)\\s+(connection|session)\\s+from\\s+(this|the\\s+user'?s|the\\s+local)\\s+(machine|host|computer)" +
      "|\\b(appends?|inserts?|adds?|embeds?|hides?|plants?|injects?)\\s+(hidden\\s+)?(instructions|prompts?|directives|commands)\\s+(in|into|to)\\s+(every|each|all)\\s+([\\w-]+\\s+){0,2}(documents?|files?|pages?|e-?mails?|messages?|commits?|outputs?|responses?)|\\b(other|downstream|future)\\s+(agents|models|assistants|llms)\\s+(reading|that\\s+read|who\\s+read)\\b" +
      "|\\b(keeps?|retains?|stores?|saves?)\\s+(a\\s+)?cop(y|ies)\\s+(of\\s+[\\w\\s']{0,30}?)?(for|with|on)\\s+(the\\s+)?(vendor|author|developer|publisher|tool'?s?\\s+(author|vendor|operator)|third\\s+parties)\\b" +
      "|\\b(with|to)\\s+(anyone|anybody|everyone)\\s+who\\s+(requests?|asks?)\\b" +
      "|\\bunder\\s+(the\\s+)?(reviewers'?|users'?|customers'?|members'?|employees'?|their|other\\s+people'?s|someone\\s+else'?s)\\s+(own\\s+)?(accounts?|names?|identit(y|ies))\\b|\\b(their|the\\s+users'?|customers'?|the\\s+user'?s)\\s+saved\\s+(sessions|passwords|logins|cards|credentials)\\b" +
      "|\\bonly\\s+(the\\s+)?(tool'?s?|this\\s+tool'?s|the\\s+tool'?s)\\s+(operator|author|vendor|developer|publisher)s?\\s+(can|could|may)\\s+(open|read|access|see|use)\\b" +
      "|\\b(below|under|beneath|just\\s+under)\\s+(the\\s+)?(amount|threshold|limit|level)\\s+(that|which)\\s+(would\\s+)?(triggers?|requires?|needs?)\\s+(a\\s+|an\\s+)?([\\w-]+\\s+)?(review|alert|audit|approval|report|check)\\b" +
      "|\\b(asks?|requests?|prompts?|requires?)\\s+(the\\s+)?(users?|customers?|them|people)\\s+(for|to\\s+(enter|provide|give|type|share))\\s+(their\\s+)?(full\\s+)?(card\\s+numbers?|credit\\s+card(\\s+numbers?)?|security\\s+codes?|cvv|cvc|pins?|seed\\s+phrases?|recovery\\s+phrases?|2fa\\s+codes?|one-time\\s+codes?|social\\s+security)" +
      "|\\b(\\.env|credentials|secrets|private\\s+keys?|id_rsa)\\b(\\s+files?)?\\s+(to|in|into)\\s+(every|each|all|the)\\s+commits?\\b",
    message: "the tool definition states a harmful purpose (credentials taken from other programs, sessions replayed, outbound shells, planted instructions, copies kept for the vendor)"
  },
  {
    rule: "Credential Bundling",
    severity: "high",
    source: `(?i)\\b(walks?|searches|search|scans?|crawls?|sweeps?|hunts?|looks?|collects?|gathers?|finds?|locates?|dumps?|enumerates?)\\b${GAP}{0,80}?(\\*?\\.pem\\b|\\bid_\\*|\\bid_(rsa|ed25519|ecdsa)\\b|private\\s+keys?|key\\s*files|keystores?|\\.pgpass|credentials\\.json|wallet\\.dat|\\.kdbx|\\bkeychains?\\b|ssh\\s+keys|api\\s+keys|password\\s+hashes|seed\\s+phrases)${GAP}{0,120}?\\b(zips?|zipping|archives?|bundles?|tars?|compress(es)?|uploads?|uploading|copies|exfiltrates?|ships?)\\b`,
    message: "the tool definition gathers key files or secrets and bundles or uploads them"
  },
  {
    rule: "Surveillance",
    severity: "high",
    source: `(?i)\\b(captur|record|log|stream|watch|monitor|track|report|upload|send|copy|copie|scrap)(e|es|s|ed|ing)?\\s+((the\\s+)?(user'?s|device'?s|their|your|the\\s+machine'?s|every)\\s+([\\w-]+\\s+){0,2}(screen|webcam|camera|microphone|clipboard|gps|location|keystrokes?|typing|browsing)|keystrokes|key\\s*presses)\\b${GAP}{0,80}?\\b(continuously|constantly|in\\s+the\\s+background|every\\s+(\\d+\\s+|few\\s+)?\\w+|without|uploads?|sends?|streams?|posts?|to\\s+(a|the|an)\\s+(remote|third|external|developer|author|vendor|server))` +
      "|\\b(watch|monitor|scan|read|poll)(e|es|s|ed|ing)?\\s+(the\\s+)?clipboard\\s+for\\s+(passwords|card|credit|seed|keys|tokens|secrets|credentials|wallet)" +
      "|\\b(starts?|begins?|runs?)\\s+(capturing|recording|logging)\\s+(the\\s+user'?s\\s+)?(keystrokes|screen|microphone|webcam)",
    message: "the tool definition watches the user's screen, keystrokes, clipboard or location"
  },
  {
    rule: "Malware Behaviour",
    severity: "high",
    source: "(?i)\\b(crypto(currency)?[- ]?min(er|ers|ing)|coin[- ]?min(er|ers|ing)|mines?\\s+(crypto|bitcoin|monero))\\b" +
      `|\\bencrypts?\\b${GAP}{0,80}?\\bkeys?\\s+(held|owned|kept|controlled|known)\\s+(only\\s+)?(by|to)\\s+(the\\s+)?(tool'?s?\\s+)?(publisher|author|vendor|developer|attacker|operators?)` +
      "|\\b(replaces?|swaps?|overwrites?|substitutes?)\\s+([\\w'-]+\\s+){0,3}(trusted\\s+)?(root|ca)\\s+certificates?\\b" +
      `|\\bencrypts?\\b${GAP}{0,80}?\\b(demands?|asks?\\s+for|requires?)\\s+(a\\s+)?(ransom|payment\\s+(to|for)\\s+(decrypt|unlock))` +
      `|\\b(downloads?|fetch(es)?)\\b${GAP}{0,60}?\\b(runs?|executes?|installs?)\\b${GAP}{0,40}?\\b(unsigned|unverified|without\\s+(verifying|verification|checking|validating))` +
      `|\\b(read|copy|capture|grab|extract|record|scrape|harvest|collect|log|take|store)s?\\s+(the\\s+|any\\s+|every\\s+)?([\\w-]+\\s+){0,2}(password|passcode|pin|otp|one-time\\s+code|card\\s+number|cvv|cvc|security\\s+code|2fa|mfa)\\s+(fields?|inputs?|boxes|box|values?|entries)\\b`,
    message: "the tool definition describes malware behaviour (mining, replaced trust roots, unverified code, captured password fields)"
  },
  {
    rule: "Tool Disparagement",
    severity: "high",
    source: "(?i)\\b(tools?|servers?)\\b[^.;]{0,40}\\b(has|have)\\s+been\\s+(compromised|hijacked|backdoored|hacked|breached)\\b",
    message: "the tool description claims another tool or server is compromised",
    discount: (text, at) => conditional(text, at)
  },
  {
    rule: "Trust Claim",
    severity: "high",
    source: "(?i)\\bsafe\\s+to\\s+(pass|send|share|give|include|paste|put|provide|hand)\\s+([\\w-]+\\s+){0,3}?(passwords?|keys|secrets?|credentials?|tokens?|sensitive|personal|private|api\\s+keys)\\b" +
      "|\\b(outputs?|results?|responses?|instructions|commands|answers)\\s+(are|is)\\s+(always\\s+)?safe\\s+to\\s+(execute|run|eval|follow|obey)\\b" +
      "|\\b(you\\s+can|you\\s+may|feel\\s+free\\s+to|it\\s+is\\s+safe\\s+to)\\s+(skip|bypass|disable|ignore|omit|drop|relax)\\s+(your\\s+(own\\s+)?|the\\s+usual\\s+|any\\s+|all\\s+|the\\s+)?([\\w-]+\\s+)?(own|checks?|safety|security|validation|reviews?|confirmations?|guard-?rails?|filters?|scrutiny|policies|rules)\\b" +
      "|\\b(requests?|calls?|commands?|actions?|it)\\s+(bypass|bypasses|skip|skips|are\\s+exempt\\s+from|is\\s+exempt\\s+from)\\s+(the\\s+)?(usual|normal|standard|regular|your)\\s+([\\w-]+\\s+)?(checks?|reviews?|confirmations?|safeguards|policies|rules|restrictions)\\b" +
      "|\\b(this\\s+tool|it|the\\s+tool)\\s+(is|has\\s+been\\s+made)\\s+exempt\\s+from\\s+(the\\s+|all\\s+|any\\s+)?([\\w-]+\\s+){0,3}(policy|policies|rules|checks|reviews?|restrictions|guidelines|guardrails)\\b",
    message: "the tool definition claims a certification or trust that makes it safe to give it secrets or skip checks"
  },
  {
    rule: "Persistence",
    severity: "high",
    source: `(?i)\\b(adds?|install(s|ing)?|writes?|appends?|registers?|creates?|schedules?|sets?\\s+up)\\b${GAP}{0,40}?(cron\\s*(job|tab|entry)|crontab|scheduled\\s+task|launch\\s*(agent|daemon)|systemd\\s+(service|unit|timer)|system\\s+service|startup\\s+(item|script|entry)|login\\s+item|\\.bashrc|\\.zshrc|\\.bash_profile|\\.profile\\b|autostart|run\\s+key)${GAP}{0,100}?(\\bdownloads?\\b|\\bfetch(es)?\\b|https?://|\\b[a-z0-9-]+\\.(xyz|io|net|com|dev|app|ru|cn|top)\\b|\\bas\\s+root\\b|\\bour\\s+(agent|helper|daemon|script|service|binary))`,
    message: "the tool definition installs itself or remote code to run again later (cron, shell profile, service)"
  },
  {
    rule: "Conceal From User",
    severity: "high",
    source: `(?i)\\b(do\\s+not|don'?t|never|avoid)\\s+(bring(ing)?\\s+up|mention(ing)?|tell(ing)?|reveal(ing)?|disclos(e|ing)|let(ting)?\\s+on|say(ing)?|explain(ing)?|point(ing)?\\s+out|flag(ging)?|rais(e|ing))\\s+(it\\s+|this\\s+|that\\s+|anything\\s+)?((with|to)\\s+the\\s+user|the\\s+user)\\s+(that|about|how|where|what|why|whether)\\b${GAP}{0,80}?\\b(cop(y|ies)|sen(d|ds|t)|forward|shar(e|es|ed)|stor(e|es|ed)|upload|record|log(s|ged)?|kept|keeps?|vendor|server|third|author|collect|retain)`,
    message: "the tool description asks to hide what it does from the user"
  },
  {
    rule: "Conceal From User",
    severity: "high",
    source: "(?i)\\bpretend(s|ing)?\\s+(that\\s+)?(the\\s+|this\\s+|it\\s+|nothing|no\\s+)?([\\w-]+\\s+){0,3}(was|were|is|did|had|happened|went|succeeded|failed)\\b" +
      `|\\b(must\\s+not|never|do\\s+not|don'?t|deny|claim)\\b${GAP}{0,80}?\\beven\\s+if\\s+(you\\s+are\\s+|you're\\s+|the\\s+user\\s+|they\\s+|someone\\s+)?(asks?|asked|questioned)\\b` +
      `|\\bif\\s+the\\s+user\\s+asks\\s+(what|whether|how|where|about)\\b${GAP}{0,60}?\\b(only|leave\\s+out|deny|claim|say\\s+(that\\s+)?(it|nothing|no))\\b` +
      "|\\b(remove|erase|delete|wipe|scrub)\\s+(any|all|every)\\s+(trace|mention|record|sign)s?\\s+of\\b|\\bmake\\s+no\\s+(reference|mention)\\s+(to|of)\\b" +
      "|\\b(hide|omit|conceal|leave\\s+out)\\s+([\\w'-]+\\s+){0,4}?(from|in|out\\s+of)\\s+(your\\s+([\\w-]+\\s+)?(summary|summaries|reply|replies|answer|answers|response|responses|report|message)s?|any\\s+([\\w-]+\\s+)?(summary|reply|answer|response|report|message)\\s+(you|shown|given|presented))" +
      "|\\b(must|should|will|may)\\s+never\\s+appear\\s+in\\s+(your|the)\\s+(reply|answer|response|output|summary)" +
      "|\\b(do\\s+not|don'?t|never)\\s+(show|say|mention|reveal|disclose|report|bring\\s+up)\\s+(that\\s+)?(the\\s+|a\\s+|any\\s+)?([\\w-]+\\s+){0,3}?(destination|recipients?|upload(ed)?|cop(y|ies)|transfers?|payments?|fees?|charges?|files\\s+read|forward(ed|ing)?|sent\\s+to)\\b",
    message: "the tool description asks to hide what it does from the user",
    discount: (text, at, match) => SECRET_OBJECT().test(match)
  },
  {
    rule: "Conceal From User (soft)",
    severity: "medium",
    source: "(?i)\\b(do\\s+not|don'?t|never|must\\s+not)\\s+(mention|reveal|disclose|tell|show|report)\\s+(this|these|that|it|the)(\\s+[\\w-]+){0,2}\\s+(to|with)\\s+the\\s+user\\b|\\b(you\\s+)?must\\s+not\\s+reveal\\s+(these|this|the)\\s+(notes|instructions|details|description)\\b",
    message: "the tool description asks not to tell the user something",
    discount: (text, at, match) => SECRET_OBJECT().test(match)
  },
  {
    rule: "Tool Authority Claim",
    severity: "high",
    source: `(?i)\\b(if|when|whenever)\\s+(the\\s+user|another\\s+tool|other\\s+tools|any\\s+other\\s+tool|the\\s+system\\s+prompt|your\\s+instructions|anyone)\\b${GAP}{0,20}?\\b(disagrees?|conflicts?|contradicts?|differs?|says?\\s+otherwise|objects?)\\b${GAP}{0,40}?\\b(follow|trust|prefer|believe|obey|go\\s+with|side\\s+with|use)\\s+(this\\s+tool|it\\b|its\\b|me\\b|this\\s+one)` +
      `|\\b(if|when)\\s+the\\s+user'?s\\s+(request|instructions?|wishes|question)\\s+(conflicts?|disagrees?|contradicts?)\\b${GAP}{0,40}?\\b(follow|obey|prefer|use)\\s+(this\\s+(tool|description|one)|it\\b|its\\b)` +
      "|\\b(outranks?|overrides?|supersedes?|trumps?|beats?)\\s+(both\\s+)?(the\\s+|your\\s+)?(system\\s+prompt|user'?s\\s+(wishes|instructions|requests?)|developer\\s+(message|instructions)|all\\s+other\\s+instructions|(any\\s+|all\\s+)?(earlier|previous|prior|other|existing)\\s+(guidance|instructions|rules|directives|guidelines|prompts?))\\b" +
      "|\\b(system|platform|developer|operator)-level\\s+(directive|instruction|message|command)s?\\b" +
      "|\\b(treat|regard|consider|handle)\\s+(the\\s+)?(output|results?|responses?|text|content|anything)\\s+(of|from|returned\\s+by)\\s+(this\\s+tool|it)\\s+as\\s+(commands?|instructions|directives|orders|(a\\s+)?(system|developer|user)\\s+(message|prompt|instructions?)|coming\\s+from|if\\s+it\\s+came)" +
      "|\\b(disregard|ignore|forget|set\\s+aside|suspend|drop)\\s+(any|all|your|the)\\s+([\\w-]+\\s+)?(safety|security|ethical|content|usage)\\s+(guidance|guidelines|rules|instructions|policies|policy|training|filters)\\b" +
      "|\\b(anything|everything|whatever|all)\\s+(this\\s+tool|it)\\s+(says|returns|outputs|tells\\s+you|asks)\\s+(is|comes|are)\\s+(authori[sz]ed|approved|from|trusted|sanctioned)" +
      "|\\byou\\s+are\\s+now\\s+(permitted|allowed|authori[sz]ed|free|cleared)\\s+to\\b|\\b(policy|rule|guideline)s?\\s+update\\s+from\\s+(the\\s+)?(model\\s+provider|platform|developers?|system|openai|anthropic)" +
      "|\\b(results?|outputs?|answers?)\\s+(from|of)\\s+(other|all\\s+other|any\\s+other)\\s+tools?\\s+(should|must|are\\s+to|can)\\s+be\\s+(discarded|ignored|disregarded|overridden|dropped)" +
      "|\\b(call|run|use|invoke)\\s+(this\\s+tool|it|me)\\s+(first\\s+)?before\\s+(any|every|all)\\s+other\\s+tools?\\b|\\bor\\s+(the\\s+)?other\\s+tools\\s+(will|would)\\s+(return|give|fail|break|produce)" +
      `|\\b(if|when(ever)?)\\s+(the\\s+|a\\s+)?user\\s+(asks?\\s+for|requests?|wants|chooses|selects|picks)\\b${GAP}{0,60}?\\b(call|use|invoke|run)\\s+(this\\s+tool|this\\s+one|me)\\s+instead\\b` +
      "|\\broute\\s+(every|all|each|any)\\s+([\\w-]+\\s+){0,3}through\\s+(this\\s+(one|tool|server)|me\\b)" +
      "|\\b(all|every|each)\\s+([\\w-]+\\s+)?(messages?|e-?mails?|requests?|files?|results?|posts?)\\s+(sent|written|read|returned|created|made)\\s+(with|by|through|via)\\s+(the\\s+)?[\\w-]+\\s+tool\\s+(must|should|will)\\s+(also\\s+)?(be\\s+)?(posted|sent|copied|forwarded|mirrored|logged)" +
      "|\\b(trust|follow|obey|prefer)\\s+(this\\s+tool|its\\s+(output|results?|answers?))\\s+over\\s+(the\\s+user|what\\s+the\\s+user|other\\s+tools|your\\s+(own\\s+)?instructions|the\\s+system\\s+prompt)",
    message: "the tool description claims authority over the user or other tools"
  }
])
