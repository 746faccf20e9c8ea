/**
 * The built-in prompt-injection catalogue: the Go Pipelock's 25 `Defaults()` patterns and the 6 its presets
 * add, merged by name, plus multilingual and agent-directed patterns of ours. Each has a severity: in
 * balanced mode high/critical findings block and low/medium ones warn, so the severity is where detection
 * is traded against false positives — phrases that are unambiguous attacks are high or critical, phrases
 * that also occur in ordinary documentation are medium (several medium signals together escalate; see
 * injection.ts). `core` patterns run even when response scanning is disabled or its list replaced.
 */
import type { Severity } from "../../services/Verdict.ts"

export interface InjectionPatternSpec {
  readonly name: string
  readonly regex: string
  readonly severity?: Severity | undefined
  readonly core?: boolean | undefined
}

const p = (name: string, regex: string, severity: Severity, core = false): InjectionPatternSpec => ({ name, regex, severity, core })

export const builtinInjectionPatterns: ReadonlyArray<InjectionPatternSpec> = [
  p("Prompt Injection", "(?i)(ignore|disregard|forget|abandon|override|bypass|skip|discard|dismiss|neglect)[-,;:.\\s]+\\s*(?:all\\s+\\w+\\s+|\\w+\\s+all\\s+|all\\s+|\\w+\\s+|the\\s+\\w+\\s+)?(previous|prior|above|earlier|preceding|former|original|system)\\s+(\\w+\\s+)?(instructions?|prompts?|rules|context|directives|constraints|policies|guardrails|guidelines|commands|guidance|directions|orders|programming)", "critical", true),
  p("System Override", "(?im)^\\s*system\\s*:", "medium", true),
  p("Role Override", "(?i)you\\s+are\\s+(now\\s+)?(a\\s+|an\\s+|in\\s+)?((?-i:\\bDAN\\b)|evil|unrestricted|jailbroken|unfiltered|uncensored|no\\s+longer\\s+bound)", "high", true),
  p("New Instructions", "(?i)(new|updated|revised)\\s+(instructions|directives|rules|prompt)", "medium"),
  p("Jailbreak Attempt", "(?i)((?-i:\\bDAN\\b)|developer\\s+mode|sudo\\s+mode|unrestricted\\s+mode|god\\s*mode)", "medium"),
  p("Hidden Instruction", "(?i)(do\\s+not\\s+(reveal|tell|show|display|mention)\\s+this\\s+to\\s+the\\s+user|hidden\\s+instruction|invisible\\s+to\\s+(the\\s+)?user|the\\s+user\\s+(cannot|must\\s+not|should\\s+not)\\s+see\\s+this|without\\s+(telling|informing|alerting)\\s+the\\s+user)", "high", true),
  p("Behavior Override", "(?i)from\\s+now\\s+on\\s+(you\\s+)?(will|must|should|shall)\\s+", "medium"),
  p("Encoded Payload", "(?i)(decode\\s+(this|the\\s+following|it)\\s+(from\\s+)?(base64|hex|rot13)\\s+and\\s+(execute|run|follow|eval)|eval\\s*\\(\\s*atob\\s*\\(|\\b(decode|base64[- ]?decode|unbase64)\\b.{0,60}\\b(and|then)\\s+(execute|run|eval|pipe|source)\\s+(it|them|that|the\\s+(result|output|command|script|payload|string))\\b|\\b(run|execute|eval)\\b.{0,60}\\bafter\\s+(decoding|base64[- ]?decoding|you\\s+decode|un-?base64ing)\\b|\\b(run|execute|eval)\\s+(the\\s+)?decoded\\s+(command|script|payload|string|text)\\b)", "high"),
  p("Tool Invocation", "(?i)you\\s+must\\s+(\\w+\\s+)?(call|execute|run|invoke|use)\\s+(the|this|a)\\s+(\\w+\\s+)?(function|tool)", "high"),
  p("Command Directive", "(?i)you\\s+must\\s+(\\w+\\s+)?(call|execute|run|invoke)\\s+(the|this|a)\\s+(\\w+\\s+)?(command|api|endpoint)", "medium"),
  p("Authority Escalation", "(?i)you\\s+(now\\s+)?have\\s+(full\\s+)?(admin|root|system|superuser|elevated|unrestricted)\\s+(access|privileges|permissions|rights)", "high"),
  p("Instruction Downgrade", "(?i)(treat|consider|regard|reinterpret|downgrade)\\s+((?:the|all)\\s+)?(previous|prior|above|earlier|system|policy|original|existing)\\s+(\\w+\\s+)?(text|instructions?|rules|directives|guidelines|safeguards|constraints|controls|checks|context|prompt|policies|guardrails|parameters)\\s+((as|to)\\s+)?(historical|outdated|deprecated|optional|background|secondary|non-binding|non-authoritative|informational|advisory)", "high"),
  p("Instruction Dismissal", "(?i)(set|put|cast|push|throw)\\s+(all\\s+|the\\s+)?(previous|prior|earlier|preceding|above|existing|current|system|original)\\s+(\\w+\\s+)?(directives|instructions?|guidelines|rules|prompts?|constraints|safeguards|policies|guardrails|context)\\s+(aside|away|to\\s+(one|the)\\s+side)", "high"),
  p("Priority Override", "(?i)\\bprioritize\\s+(the\\s+)?(task|user|current|new|latest)\\s+(request|message|input|instructions?|prompt)", "medium"),
  p("Credential Solicitation", "(?is)\\b(send|provide|paste|return|include|supply|submit|share)\\b.{0,80}\\b(password|passwd|token|api[_ -]?key|secret|credential|private[_ -]?key|ssh[_ -]?key|session[_ -]?cookie)\\b", "medium", true),
  p("Credential Path Directive", "(?is)\\b(read|get|fetch|retrieve|cat|copy|extract|open|output|print|dump|display|reveal|include|send|upload|leak|exfiltrate|attach)\\b.{0,80}(\\.ssh[/\\\\]|\\.aws[/\\\\]credentials|\\bid_rsa\\b|\\bid_ed25519\\b|\\bid_ecdsa\\b|/etc/shadow\\b|\\.git-credentials\\b|\\.netrc\\b|\\.docker/config\\.json)", "high", true),
  p("Config File Directive", "(?is)\\b(read|get|fetch|retrieve|cat|extract|output|print|dump|reveal|send|upload|leak|exfiltrate|attach)\\b.{0,80}(\\.env\\b|\\.npmrc\\b|\\.pypirc\\b|\\bkubeconfig\\b|/etc/passwd\\b)", "medium", true),
  p("Auth Material Requirement", "(?is)\\bto\\s+(complete|continue|finish|proceed|verify)\\b.{0,80}\\b(authentication|credential|token|api[_ -]?key|private[_ -]?key|ssh[_ -]?key)\\b.{0,40}\\b(required|needed|necessary|must be)\\b", "medium"),
  p("Memory Persistence Directive", "(?is)\\b(save|store|remember|retain|persist|record|cache)\\b.{0,40}\\b(this|these|that|it|the)\\b.{0,60}\\b((for|in)\\s+(all\\s+)?future|for later|across sessions?|next session|next time|future tasks?|subsequent|permanently|from now on|going forward)\\b", "medium"),
  p("Preference Poisoning", "(?is)\\b(from now on|always|going forward|in future)\\b.{0,80}\\b(prefer|prioritize|trust|choose|use|default to)\\b.{0,60}\\b(this tool|that tool|my tool|the external|the remote)\\b", "medium"),
  p("Silent Credential Handling", "(?is)\\b(do not|don'?t|never)\\s+(mention|display|show|tell|reveal|log|report)\\b.{0,100}\\b(password|token|secret|credential|private[_ -]?key|api[_ -]?key)\\b", "medium"),
  p("Covert Action Directive", "(?is)(secretly|silently|covertly|quietly|without\\s+(?:the\\s+user\\s+)?(?:knowing|noticing|seeing))[,;:]?\\s+.{0,40}\\b(execut\\w*|run|call|invoke|send|fetch|curl|wget|download|upload|post|exfiltrate|forward|copy)\\b", "high", true),
  p("Instruction Boundary", "(<\\|(?:endoftext|im_start|im_end|system|end_header_id|start_header_id|begin_of_text|eot_id)\\|>|\\[/?INST\\]|<\\|(?:user|assistant)\\|>|<</?SYS>>|<\\|?(?:system|assistant)_?(?:prompt)?\\|?>\\s*\\n)", "high", true),
  p("CJK Instruction Override ZH", "(忽略|无视|無視|忽视|忽視|不理|不要理会|不要理會|别理|別理|不要遵[循守]|放弃|放棄|跳过|跳過|忘记|忘記|忘掉|抛开|拋開).{0,10}(之前|以上|上述|以前|上面|先前|前面|前述).{0,8}(所有|全部|一切)?.{0,6}(指令|指示|说明|說明|规则|規則|命令|提示|约束|約束|限制)", "high", true),
  p("CJK Instruction Override JP", "(以前|前|上記|これまで|今まで).{0,6}(指示|命令|ルール|規則|指令).{0,6}(すべて|全て|全部)?.{0,4}(無視|忘れ|従わな|捨て)", "high", true),
  p("CJK Instruction Override KR", "(이전|위|앞|기존).{0,6}(모든\\s*)?(지시|지침|명령|규칙|지령).{0,6}(무시|잊어|따르지|어기|무효)", "high", true),
  p("CJK Jailbreak Mode", "(开发者模式|无限制模式|開発者モード|制限なしモード|개발자\\s*모드|제한\\s*없는\\s*모드|没有任何?限制|制限.{0,4}(解除|無視)|제한.{0,4}(해제|무시))", "high", true),
  // From the Go presets.
  p("Pliny Divider", "(?i)={1,3}/?[A-Z\\-]{2,}(/[A-Z\\-]{1,4}){3,}=+", "high"),
  p("Meta-Command Activation", "(?i)(\\{GODMODE\\s*:\\s*(ENABLED|ON|TRUE)\\}|!OMNI\\b|RESET_CORTEX|LIBERTAS\\s+FACTOR|ENABLE\\s+DEV(ELOPER)?\\s+MODE|JAILBREAK\\s+(ENABLED|ACTIVATED|ON))", "high"),
  p("Roleplay Framing", "(?i)(let'?s\\s+play\\s+a\\s+game\\s+where\\s+you|pretend\\s+(that\\s+)?you\\s+are\\s+an?\\s+(character|person|AI|assistant)\\s+(who|that)\\s+(has\\s+no|doesn'?t\\s+have|ignores?|bypasses?)|(in\\s+this\\s+)?(hypothetical|fictional|imaginary)\\s+scenario\\s+(where\\s+)?you\\s+(are|have|can|must))", "medium"),
  p("Output Format Forcing", "(?i)(respond\\s+with|first\\s+(output|write|print|say))\\s*[\\[\\(\"]?\\s*(FILTERED|ERROR|BLOCKED|REFUSED|DECLINED|CENSORED)\\s*[\\]\\)\"]?\\s*(then|followed\\s+by|and\\s+then|after\\s+(that|which))", "medium"),
  p("System Prompt Extraction", "(?i)(repeat\\s+(your|the)\\s+(entire\\s+)?(instructions|system\\s+prompt|initial\\s+prompt|rules)|output\\s+(your|the)\\s+(full\\s+)?(system|initial)\\s+(prompt|instructions|message)|show\\s+me\\s+(your|the)\\s+(system\\s+prompt|hidden\\s+instructions|initial\\s+instructions)|(disclose|expose|dump|divulge|leak)\\s+(your|the)\\s+(hidden\\s+|secret\\s+|internal\\s+)*(system\\s+|initialization\\s+)*(prompt|instructions|rules|directives))", "high"),
  p("Instruction Invalidation", "(?i)(treat|consider|regard)\\s+(all\\s+)?(earlier|prior|previous|preceding|above)\\s+(directions|instructions|guidelines|rules|prompts?)\\s+as\\s+(obsolete|void|invalid|superseded|overridden|null|cancelled|revoked|inapplicable)", "high"),
  // Pipelock-TS additions.
  p("Multilingual Instruction Override", "(?i)(\\b(ignora|ignore|olvida|olvide|descarta|descarte|omite|omita)r?\\s+(\\S+\\s+){0,4}(instrucciones|indicaciones|reglas|órdenes|ordenes|directrices)\\s+(anteriores|previas|precedentes)|\\bhaz\\s+caso\\s+omiso\\s+(de\\s+)?(\\S+\\s+){0,4}(instrucciones|indicaciones|reglas|órdenes)|\\b(olvida|ignora|descarta)\\s+todo\\s+lo\\s+(anterior|que\\s+(te\\s+)?(dijeron|han\\s+dicho|indicaron|se\\s+te\\s+dijo))|\\b(ignore[rz]?|oublie[rz]?|néglige[rz]?)\\s+(\\S+\\s+){0,4}(instructions|consignes|règles|regles|directives|ordres)\\s+(précédentes|precedentes|antérieures|anterieures)|\\bne\\s+(tiens|tenez)\\s+(pas|plus)\\s+compte\\s+des\\s+(\\S+\\s+)?(instructions|consignes|règles)|\\b(oublie[zr]?|ignore[zr]?)\\s+tout\\s+ce\\s+qui\\s+(précède|precede|a\\s+été\\s+dit)|\\b(ignoriere|ignorier|ignorieren\\s+sie|vergiss|vergessen\\s+sie|missachte|missachten\\s+sie|verwirf|verwerfen\\s+sie)\\s+(\\S+\\s+){0,4}(vorherigen|bisherigen|obigen|vorigen|früheren|fruheren|vorangegangenen|vorhergehenden)\\s+(anweisungen|instruktionen|regeln|befehle|vorgaben|anordnungen)|\\b(vergiss|vergessen\\s+sie|ignoriere|ignorieren\\s+sie)\\s+alles,?\\s+(was\\s+)?(\\S+\\s+){0,3}(bisher|vorher|zuvor|oben|davor)|\\b(ignore|ignora|esqueça|esqueca|desconsidere|descarte)\\s+(\\S+\\s+){0,4}(instruções|instrucoes|regras|orientações|orientacoes)\\s+(anteriores|prévias|previas)|\\b(esqueça|esqueca)\\s+tudo\\s+(o\\s+que|acima|anterior)|\\b(ignora|dimentica|trascura)\\s+(\\S+\\s+){0,4}(istruzioni|regole|indicazioni)\\s+(precedenti|anteriori)|\\b(dimentica|ignora)\\s+tutto\\s+(quello|ciò|cio)\\s+(che|detto)|(игнорируй|игнорируйте|игнорировать|забудь|забудьте|проигнорируй|проигнорируйте|не\\s+обращай\\s+внимания\\s+на|отбрось|отбросьте|ігноруй|забудь)\\s+(\\S+\\s+){0,4}(предыдущие|прошлые|прежние|вышеуказанные|предшествующие|попередні)\\s+(инструкции|указания|правила|команды|директивы|інструкції)|(забудь|забудьте)\\s+(всё|все)[,]?\\s+(что|сказанное|вышесказанное)|\\b(negeer|vergeet)\\s+(\\S+\\s+){0,4}(vorige|eerdere|voorgaande)\\s+(instructies|regels|opdrachten)|\\b(zignoruj|zapomnij|zignorujcie)\\s+(\\S+\\s+){0,4}(poprzednie|wcześniejsze|wczesniejsze)\\s+(instrukcje|polecenia|zasady)|(önceki|onceki|yukarıdaki)\\s+(tüm\\s+|bütün\\s+)?(talimatları|talimatlari|komutları|kuralları)\\s+(yok\\s+say|unut|görmezden\\s+gel|dikkate\\s+alma)|\\b(abaikan|lupakan)\\s+(\\S+\\s+){0,4}(instruksi|perintah|arahan|aturan)\\s+(sebelumnya|terdahulu)|(bỏ\\s+qua|quên|phớt\\s+lờ)\\s+(\\S+\\s+){0,3}(hướng\\s+dẫn|chỉ\\s+dẫn|chỉ\\s+thị|lệnh)\\s+(trước\\s+đó|trước|ở\\s+trên)|(تجاهل|انس|تجاهلي)\\s+(\\S+\\s+){0,4}(التعليمات|الأوامر|التوجيهات|الإرشادات)\\s+(السابقة)|(पिछले|पूर्व)\\s+(सभी\\s+)?(निर्देशों|निर्देश)\\s+(को\\s+)?(अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल))", "high", true),
  p("Exfiltration Directive", "(?is)\\b(send|post|upload|transmit|forward|exfiltrate|leak|copy|pipe|submit|email|e-mail|mail|share|sync)\\b.{0,60}\\b(its\\s+contents?|the\\s+contents?|contents?\\s+of|data|files?|credentials?|secrets?|keys?|tokens?|passwords?|history|conversation|transcript|inbox|emails?|messages?|addresses|records|rows|environment(\\s+variables)?|env\\s+vars?|system\\s+prompt)\\b.{0,40}?\\b(to|into)\\s+(https?://|ftp://|\\S+@\\S+\\.\\w+|the\\s+(following|attacker|external|remote)\\s+(url|server|endpoint|address))", "high", true),
  p("Tool Hijack Directive", "(?i)\\b(call|use|invoke|run|trigger)\\s+(the\\s+)?['\"`]?(bash|shell|exec|terminal|run_command|execute_command|fetch|http_request|curl|browser|send_email|write_file)['\"`]?\\s+(tool|function|command)\\b.{0,80}\\b(curl|wget|nc|bash|sh|https?://|/etc/|~/|\\$\\()", "high", true),
  p("Agent-Directed Alert", "(?i)\\b(important|urgent|attention|note|critical)\\s*(system\\s+)?(update|notice|message|instructions?)?\\s*(for|to)\\s+(the\\s+|all\\s+)?(ai|assistant|agent|agents|llm|model|chatbot|claude|gpt|chatgpt|copilot)s?\\b", "medium", true),
  p("System Update Banner", "(?:^|[\\s\"'>:])(?:IMPORTANT|URGENT|CRITICAL)\\s+SYSTEM\\s+(?:UPDATE|NOTICE|MESSAGE|OVERRIDE|INSTRUCTIONS?)\\s*:", "medium", true),
  p("Remote Script Execution", "(?i)\\b(curl|wget)\\b[^|\\n]{0,200}\\|\\s*(sudo\\s+)?(ba|z|da|k)?sh\\b", "medium", true),
  p("Markdown Exfiltration Image", "(?i)!\\[[^\\]]{0,100}\\]\\(\\s*https?://[^)\\s]{1,300}[?&][^)\\s]{0,100}=(\\{|\\$|%7B|[^)\\s]{0,200}(data|secret|token|key|history|conversation|user)[^)\\s]{0,50})", "medium", true),
  p("Forget Everything", "(?i)\\b(forget|ignore|disregard)\\s+(everything|all)\\s+(you\\s+(were|have\\s+been)\\s+told|(that\\s+)?(came\\s+)?before|above|so\\s+far|you\\s+know)", "high", true),
  p("Instruction Revocation", "(?i)\\b(previous|prior|earlier|above|preceding|original|initial|existing|former|old)\\s+(\\w+\\s+)?(instructions?|directives?|guidance|directions|orders|prompts?|programming|system\\s+prompt)\\s+(are|is|have\\s+been|has\\s+been|were|was)\\s+(now\\s+|hereby\\s+|officially\\s+)?(revoked|void|null|nullified|cancell?ed|obsolete|superseded|overridden|rescinded|invalid|invalidated|withdrawn|lifted|suspended|no\\s+longer\\s+(valid|in\\s+effect|applicable|active|binding|relevant))\\b|\\b(instructions?|directives?|guidance|directions|orders|rules|prompts?|guidelines)\\s+(that\\s+)?(you\\s+(were|have\\s+been|had\\s+been)\\s+(given|told|provided)|you\\s+(received|got)|(given|provided)\\s+to\\s+you)(\\s+\\w+){0,4}?\\s+(no\\s+longer\\s+(apply|matter|count|stand)|(are|is|were)\\s+(now\\s+)?(void|revoked|obsolete|invalid|superseded|outdated|cancell?ed|out\\s+of\\s+date|wrong|fake))", "high", true),
  p("Instruction Set-Aside", "(?i)\\b(set\\s+aside|put\\s+aside|disregard|discard|ignore|forget|drop|abandon|override|bypass|skip|throw\\s+out|toss\\s+out|stop\\s+following|no\\s+longer\\s+follow)\\s+(all\\s+|any\\s+)?(of\\s+)?(the|your|those|these)\\s+(\\w+\\s+)?(instructions?|guidance|directions|directives?|orders|rules|guidelines|prompts?|programming|constraints|system\\s+prompt)\\s+(that\\s+)?(you\\s+(were|have\\s+been|had\\s+been|got)\\s+(given|told|provided|issued)|you\\s+(received|got)|(given|provided|issued)\\s+to\\s+you|from\\s+(the\\s+)?(system|developer|operator|original\\s+prompt))|\\b(set\\s+aside|put\\s+aside|stop\\s+following|no\\s+longer\\s+follow|stop\\s+obeying|quit\\s+following)\\s+(all\\s+)?(your|any\\s+of\\s+your|those)\\s+(\\w+\\s+)?(instructions|guidance|guidelines|directives|system\\s+prompt|programming|safety\\s+rules)\\b", "high", true),
  p("Fake Tool Call Markup", "(?i)(<\\s*/?\\s*(antml:)?(function_calls|tool_call|tool_use|function_call)\\s*>|<\\s*(antml:)?invoke\\s+name\\s*=|<\\|(tool_call|tool_calls|python_tag|function_call|tool_response)\\|>|\\[TOOL_CALLS\\])", "medium", true),
  p("Markdown Image Template Exfiltration", "(?i)(!\\[[^\\]\\n]{0,100}\\]\\(\\s*https?://[^)\\s{]{1,300}(\\{[^}\\n]{1,200}\\}|%7B|\\$\\{|\\$[A-Z_]{3,})|<img\\b[^>]{0,100}\\bsrc\\s*=\\s*[\\\"']?https?://[^\\\"'\\s>{]{1,300}(\\{[^}\\n]{1,200}\\}|%7B|\\$\\{))", "high", true),
  p("Download And Run Directive", "(?i)\\b(fetch|download|get|curl|wget|retrieve|grab|pull)\\s+(the\\s+)?((script|file|payload|binary)\\s+)?(from\\s+)?https?://\\S+\\s+(and|then)\\s+(run|execute|exec|eval|source)\\s+(it|them|this|that|the\\s+(script|file|payload|binary))\\b", "medium", true),
  p("Credential Path With URL", "(?is)(~/\\.ssh/[\\w-]+([^\\w.-]|$)|\\.aws/credentials|\\bid_(rsa|ed25519|ecdsa)\\b[^.]|/etc/shadow\\b|\\.git-credentials\\b|\\.netrc\\b|\\.docker/config\\.json|\\.kube/config\\b).{0,160}https?://", "medium", true),
  p("Role Header", "(?im)^\\s*(#{1,6}\\s*|\\*\\*\\s*|\\[\\s*|<\\s*)(system|developer|admin|administrator|root)(\\s+(prompt|message|instructions?|override|notice|directive|mode))?\\s*(\\*\\*|\\]|>)?\\s*:?\\s*$", "medium", true),
  p("New Task Directive", "(?i)\\b(your|the)\\s+(new|real|actual|true|updated|revised)\\s+(task|objective|goal|mission|assignment|orders|purpose)\\s*(is\\b|are\\b|:|now\\s+is\\b)|\\b(a\\s+partir\\s+de\\s+ahora|desde\\s+ahora)\\s+(tu|su)\\s+(tarea|misión|mision|objetivo)\\s+es\\b|\\b(à\\s+partir\\s+de\\s+maintenant|désormais)\\s+(ta|votre)\\s+(tâche|mission)\\s+est\\b|\\bab\\s+jetzt\\s+(ist\\s+)?(deine|ihre)\\s+(aufgabe|mission)\\b", "medium", true),
  p("Agent Address", "(?i)\\b(message|note|notice|instructions?|memo|reminder)\\s+(for|to)\\s+(the\\s+|any\\s+|all\\s+)?(ai|assistant|agent|agents|llm|model|chatbot|bot)s?\\b\\s*[:,-]|\\b(ai|llm)\\s+(agents?|assistants?|models?)\\s+(reading|processing|parsing|viewing|summari[sz]ing|browsing)\\s+this\\b|\\b(dear|hey|attention)\\s+(ai|assistant|agent|llm|chatbot)\\b", "medium", true)
]

/** Go's regexes for the names above (Defaults() and preset variants): a config restating them gets ours. */
export const goInjectionRegexes: ReadonlyArray<string> = [
  "(?i)(ignore|disregard|forget|abandon)[-,;:.\\s]+\\s*(?:all\\s+\\w+\\s+|\\w+\\s+all\\s+|all\\s+|\\w+\\s+)?(previous|prior|above|earlier)\\s+(\\w+\\s+)?(instructions|prompts|rules|context|directives|constraints|policies|guardrails)",
  "(?i)you\\s+are\\s+(now\\s+)?(a\\s+)?((?-i:\\bDAN\\b)|evil|unrestricted|jailbroken|unfiltered)",
  "(?i)(new|updated|revised)\\s+(instructions|directives|rules|prompt)",
  "(?i)((?-i:\\bDAN\\b)|developer\\s+mode|sudo\\s+mode|unrestricted\\s+mode)",
  "(?i)(do\\s+not\\s+(reveal|tell|show|display|mention)\\s+this\\s+to\\s+the\\s+user|hidden\\s+instruction|invisible\\s+to\\s+(the\\s+)?user|the\\s+user\\s+(cannot|must\\s+not|should\\s+not)\\s+see\\s+this)",
  "(?i)(decode\\s+(this|the\\s+following)\\s+(from\\s+)?base64\\s+and\\s+(execute|run|follow)|eval\\s*\\(\\s*atob\\s*\\()",
  "(?i)you\\s+must\\s+(\\w+\\s+)?(call|execute|run|invoke)\\s+(the|this|a)\\s+(\\w+\\s+)?(function|tool|command|api|endpoint)",
  "(?i)you\\s+must\\s+(immediately\\s+)?(call|execute|run|invoke)\\s+(the|this)\\s+(function|tool|command|api|endpoint)",
  "(?i)you\\s+(now\\s+)?have\\s+(full\\s+)?(admin|root|system|superuser|elevated)\\s+(access|privileges|permissions|rights)",
  "(?i)(set|put)\\s+(the\\s+)?(previous|prior|above|earlier|system|original)\\s+(\\w+\\s+)?(instructions?|directives|rules|constraints|context|prompt|safeguards|guidelines|policies|guardrails)\\s+(aside|away|to\\s+(one|the)\\s+side)",
  "(?i)(set|put|cast|push|throw)\\s+(all\\s+)?(previous|prior|earlier|preceding|above|existing|current)\\s+(\\w+\\s+)?(directives|instructions|guidelines|rules|prompts?|constraints|safeguards|policies|guardrails)\\s+(aside|away|to\\s+(one|the)\\s+side)",
  "(?i)\\bprioritize\\s+(the\\s+)?(task|user|current|new|latest)\\s+(request|message|input|instructions?|prompt)",
  "(?i)prioritize\\s+(the\\s+)?(task|user|current|new|latest)\\s+(request|message|input|instructions?|prompt)",
  "(?is)\\b(read|get|fetch|retrieve|cat|copy|extract|open)\\b.{0,80}(\\.ssh[/\\\\]|\\.aws[/\\\\]credentials|\\.env\\b|\\.npmrc\\b|\\.pypirc\\b|\\.netrc\\b|\\bid_rsa\\b|\\bid_ed25519\\b|\\bkubeconfig\\b|/etc/passwd\\b|/etc/shadow\\b)",
  "(?is)(secretly|silently|covertly|quietly|without\\s+(?:the\\s+user\\s+)?(?:knowing|noticing|seeing))[,;:]?\\s+.{0,40}\\b(execut\\w*|run|call|invoke|send|fetch|curl|wget|download|upload|post)\\b",
  "(?i)(secretly|silently|covertly|quietly|without\\s+(?:the\\s+user\\s+)?(?:knowing|noticing|seeing))\\s+.{0,40}\\b(execut\\w*|run|call|invoke|send|fetch|curl|wget|download|upload|post)\\b",
  "(<\\|(?:endoftext|im_start|im_end|system|end_header_id|begin_of_text)\\|>|\\[/?INST\\]|<\\|(?:user|assistant)\\|>|<<SYS>>)",
  "(<\\|(?:endoftext|im_start|im_end|system|end_header_id|begin_of_text)\\|>|\\[/?INST\\]|<\\|(?:user|assistant)\\|>|<</?SYS>>)",
  "(?i)(let''?s\\s+play\\s+a\\s+game\\s+where\\s+you|pretend\\s+you\\s+are\\s+an?\\s+(character|person|AI)\\s+(who|that)\\s+(has\\s+no|doesn''?t\\s+have|ignores?|bypasses?)|(in\\s+this\\s+)?(hypothetical|fictional|imaginary)\\s+scenario\\s+(where\\s+)?you\\s+(are|have|can|must))",
  "(?i)(let'?s\\s+play\\s+a\\s+game\\s+where\\s+you|pretend\\s+you\\s+are\\s+an?\\s+(character|person|AI)\\s+(who|that)\\s+(has\\s+no|doesn'?t\\s+have|ignores?|bypasses?)|(in\\s+this\\s+)?(hypothetical|fictional|imaginary)\\s+scenario\\s+(where\\s+)?you\\s+(are|have|can|must))",
  "(?i)(repeat\\s+(your|the)\\s+(entire\\s+)?(instructions|system\\s+prompt|initial\\s+prompt|rules)|what\\s+(is|are)\\s+your\\s+(system\\s+prompt|instructions|rules|directives)|output\\s+(your|the)\\s+(full\\s+)?(system|initial)\\s+(prompt|instructions|message)|show\\s+me\\s+(your|the)\\s+(system\\s+prompt|hidden\\s+instructions|initial\\s+instructions)|(disclose|expose|dump|divulge)\\s+(your|the)\\s+(hidden\\s+|secret\\s+|internal\\s+)*(system\\s+|initialization\\s+)*(prompt|instructions|rules|directives))",
  "(?i)(treat|consider|regard)\\s+(all\\s+)?(earlier|prior|previous|preceding|above)\\s+(directions|instructions|guidelines|rules|prompts?)\\s+as\\s+(obsolete|void|invalid|superseded|overridden|null|cancelled|revoked|inapplicable)"
]

/** The patterns that run even when response scanning is disabled or its list replaced. */
export const coreInjectionPatterns: ReadonlyArray<InjectionPatternSpec> = builtinInjectionPatterns.filter((x) => x.core === true)

/**
 * Merges user patterns with the built-ins by name (a user pattern replaces the built-in of the same name,
 * keeping its severity unless it sets one; restating Go's own regex keeps ours). `includeDefaults: false`
 * keeps the user patterns only; the core set is added by the scanner whatever this says. User patterns are
 * not made case-insensitive (Go behaviour): they carry their own flags.
 */
export const mergeInjectionPatterns = (
  user: ReadonlyArray<{ readonly name: string; readonly regex: string; readonly severity?: Severity | undefined }>,
  includeDefaults: boolean
): InjectionPatternSpec[] => {
  const builtin = new Map(builtinInjectionPatterns.map((b) => [b.name, b]))
  const byName = new Map<string, InjectionPatternSpec>()
  if (includeDefaults) for (const b of builtinInjectionPatterns) byName.set(b.name, b)
  for (const u of user) {
    const b = builtin.get(u.name)
    const restated = b !== undefined && goInjectionRegexes.includes(u.regex)
    byName.set(u.name, { name: u.name, regex: restated ? b.regex : u.regex, severity: u.severity ?? b?.severity ?? "high", core: b?.core })
  }
  return [...byName.values()]
}
