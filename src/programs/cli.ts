/**
 * The `pipelock` command tree (effect/cli): each command parses its flags and hands them to a program. A
 * command's program is loaded only when that command runs, so `--help`, `version` or `healthcheck` do not
 * load the proxy, its scanners and OpenTelemetry.
 */
import { Console, Effect, Option } from "effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { version } from "../version.ts"

/** Runs `program` from the module `load` imports, importing it first. */
const lazy = <M, A, E, R>(load: () => Promise<M>, program: (m: M) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(Effect.promise(load), program)

const modes = ["strict", "balanced", "audit"] as const
const opt = Option.getOrUndefined

const configFlag = Flag.String("config").pipe(
  Flag.withAlias("c"),
  Flag.withDescription("Config file (YAML; - for stdin). Default: $PIPELOCK_CONFIG, else the built-in balanced preset"),
  Flag.optional
)
const modeFlag = Flag.Literals("mode", modes).pipe(
  Flag.withAlias("m"),
  Flag.withDescription("Override the mode: strict blocks every finding, balanced blocks high/critical, audit only logs"),
  Flag.optional
)

const runCommand = Command.make("run", {
  config: configFlag,
  listen: Flag.String("listen").pipe(
    Flag.withAlias("l"),
    Flag.withDescription("Forward proxy + admin address, HOST:PORT (default fetch_proxy.listen, 127.0.0.1:8888)"),
    Flag.optional
  ),
  mcpListen: Flag.String("mcp-listen").pipe(Flag.withDescription("MCP reverse proxy address, HOST:PORT (e.g. 0.0.0.0:8889)"), Flag.optional),
  mcpUpstream: Flag.String("mcp-upstream").pipe(Flag.withDescription("The MCP server to protect, e.g. http://web:3000/mcp"), Flag.optional),
  mode: modeFlag
}, (f) => lazy(() => import("./run.ts"), (m) => m.run({ config: opt(f.config), listen: opt(f.listen), mcpListen: opt(f.mcpListen), mcpUpstream: opt(f.mcpUpstream), mode: opt(f.mode) })))
  .pipe(Command.withDescription("Run the forward proxy (and the MCP proxy with --mcp-listen/--mcp-upstream) until SIGINT/SIGTERM"))

const healthcheckCommand = Command.make("healthcheck", {
  addr: Flag.String("addr").pipe(Flag.withDescription("HOST:PORT of the main listener"), Flag.withDefault("127.0.0.1:8888"))
}, (f) => lazy(() => import("./healthcheck.ts"), (m) => m.healthcheck(f.addr)))
  .pipe(Command.withDescription("GET /health: exit 0 when healthy, 1 otherwise (for container healthchecks)"))

const generateConfigCommand = Command.make("config", {
  preset: Flag.Literals("preset", modes).pipe(Flag.withDescription("Which preset"), Flag.withDefault("balanced" as const)),
  output: Flag.String("output").pipe(Flag.withAlias("o"), Flag.withDescription("Write to this file (never overwrites)"), Flag.optional)
}, (f) => lazy(() => import("./generate.ts"), (m) => m.generateConfig(f.preset, opt(f.output))))
  .pipe(Command.withDescription("Print a preset configuration (strict, balanced or audit)"))

const generateCommand = Command.make("generate").pipe(
  Command.withDescription("Generate files"),
  Command.withSubcommands([generateConfigCommand])
)

const validateCommand = Command.make("validate", { config: configFlag, mode: modeFlag }, (f) => lazy(() => import("./config.ts"), (m) => m.validate(opt(f.config), opt(f.mode))))
  .pipe(Command.withDescription("Validate a configuration: exit 0, or 2 with every error listed"))

const configCommand = Command.make("config").pipe(
  Command.withDescription("Configuration tools"),
  Command.withSubcommands([validateCommand])
)

const inputFlag = (name: string, what: string) => Flag.String(name).pipe(Flag.withDescription(what), Flag.optional)

const checkCommand = Command.make("check", {
  url: inputFlag("url", "A URL to judge (offline: no DNS unless --resolve)"),
  text: inputFlag("text", "A text file (- for stdin) to scan for secrets and injection"),
  request: inputFlag("request", "An HTTP request as JSON {method, url, headers, body} (FILE or -)"),
  response: inputFlag("response", "An HTTP response as JSON {url, body} (FILE or -)"),
  mcp: inputFlag("mcp", "One JSON-RPC message or an array (FILE or -)"),
  direction: Flag.Literals("direction", ["request", "response"] as const).pipe(
    Flag.withDescription("For --mcp: client→server (request) or server→client (response)"),
    Flag.withDefault("request" as const)
  ),
  tools: inputFlag("tools", "A tools/list result {tools: [...]} (FILE or -)"),
  config: configFlag,
  mode: modeFlag,
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print the verdict as JSON"), Flag.withDefault(false)),
  resolve: Flag.Boolean("resolve").pipe(Flag.withDescription("Resolve URL hosts and apply the SSRF check to the answer"), Flag.withDefault(false))
}, (f) => lazy(() => import("./check.ts"), (m) => m.check({
  url: opt(f.url), text: opt(f.text), request: opt(f.request), response: opt(f.response), mcp: opt(f.mcp), direction: f.direction,
  tools: opt(f.tools), config: opt(f.config), mode: opt(f.mode), json: f.json, resolve: f.resolve
}))).pipe(Command.withDescription("Judge a URL, text, request, response, MCP messages or a tool list: exit 0 allowed, 1 blocked, 2 usage/config error"))

const tlsCommand = Command.make("tls").pipe(
  Command.withDescription("TLS interception: the CA clients must trust"),
  Command.withSubcommands([
    Command.make("init", { config: configFlag }, (f) => lazy(() => import("./tls.ts"), (m) => m.init(opt(f.config))))
      .pipe(Command.withDescription("Generate the interception CA (ECDSA P-256) at tls_interception.ca_cert/ca_key (default ~/.pipelock)")),
    Command.make("show-ca", { config: configFlag }, (f) => lazy(() => import("./tls.ts"), (m) => m.showCa(opt(f.config))))
      .pipe(Command.withDescription("Print the CA certificate (PEM) to install in clients"))
  ])
)

const mcpCommand = Command.make("mcp").pipe(
  Command.withDescription("MCP tools"),
  Command.withSubcommands([
    Command.make("proxy", {
      config: configFlag,
      mode: modeFlag,
      command: Argument.String("command").pipe(Argument.withDescription("The MCP server to run (after --) and its arguments"), Argument.variadic())
    }, (f) => lazy(() => import("./mcp.ts"), (m) => m.proxy(f.command, opt(f.config), opt(f.mode))))
      .pipe(Command.withDescription("Wrap a stdio MCP server: pipelock mcp proxy [--config F] -- CMD ARGS…"))
  ])
)

const internalRedirectCommand = Command.make("internal-redirect").pipe(
  Command.withDescription("Built-in redirect handlers for mcp_tool_policy.redirect_profiles (run by the MCP proxy with the call on stdin)"),
  Command.withSubcommands([
    Command.make("fetch-proxy", {}, () => lazy(() => import("./internalRedirect.ts"), (m) => m.fetchProxy))
      .pipe(Command.withDescription("Fetch the call's URL through the running proxy's /fetch (every guard applies); print the page text")),
    Command.make("quarantine-write", {}, () => lazy(() => import("./internalRedirect.ts"), (m) => m.quarantineWrite))
      .pipe(Command.withDescription("Do not write: keep the call's arguments in quarantine_dir for review, and say so"))
  ])
)

const versionCommand = Command.make("version", {}, () => Console.log(`pipelock ${version}`))
  .pipe(Command.withDescription("Print the version"))

export const commands = [runCommand, checkCommand, healthcheckCommand, tlsCommand, mcpCommand, generateCommand, configCommand, internalRedirectCommand, versionCommand] as const

export const cli = Command.make("pipelock").pipe(
  Command.withDescription("Pipelock: a security proxy between AI agents and the network"),
  Command.withSubcommands(commands)
)
