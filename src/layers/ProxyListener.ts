/**
 * The main port (`--listen`, default 127.0.0.1:8888): routes absolute-form requests, CONNECT and Upgrade
 * to the ForwardProxy, `/fetch` to its fetch endpoint, and `/health`, `/metrics`, `/stats` and the
 * kill-switch API to the AdminApi. The kill switch is checked first, on every request: while it is on,
 * everything but the exempt admin routes gets 503.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { BlockList, isIP } from "node:net"
import type { Duplex } from "node:stream"
import { Effect, Layer } from "effect"
import { AdminApi } from "../services/AdminApi.ts"
import type { Config } from "../services/Config.ts"
import { ConfigStore } from "../services/ConfigStore.ts"
import { ForwardProxy } from "../services/ForwardProxy.ts"
import { KillSwitch } from "../services/KillSwitch.ts"
import { Telemetry } from "../services/Telemetry.ts"
import { clientIp, rejectSocket, sendJson } from "./http/respond.ts"
import { paceOf } from "./http/body.ts"
import { latestConfig, type Served, serve } from "./http/server.ts"
import { Metrics } from "../services/Metrics.ts"
import { metrics } from "./telemetry/metrics.ts"
import { denialSpan } from "./telemetry/spans.ts"

/** Whether a client address bypasses the kill switch (`kill_switch.allowlist_ips`). */
export const killSwitchAllowlist = (entries: ReadonlyArray<string>) => {
  const list = new BlockList()
  for (const e of entries) {
    const [ip, bits] = e.split("/")
    const family = isIP(ip) === 6 ? "ipv6" : "ipv4"
    if (bits === undefined) list.addAddress(ip, family)
    else list.addSubnet(ip, Number(bits), family)
  }
  return (address: string) => {
    if (entries.length === 0 || address === "") return false
    return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4")
  }
}

const isExempt = (route: string | undefined, config: Config, apiOnMainPort: boolean): boolean => {
  if (route === "health") return config.kill_switch.health_exempt
  if (route === "metrics" || route === "stats") return config.kill_switch.metrics_exempt
  if (route === "killswitch" || route === "killswitch_status") return apiOnMainPort && config.kill_switch.api_exempt
  return false
}

export const make = Effect.gen(function* () {
  const store = yield* ConfigStore
  const admin = yield* AdminApi
  const forward = yield* ForwardProxy
  const killSwitch = yield* KillSwitch
  const telemetry = yield* Telemetry
  const meter = yield* Metrics
  const initial = yield* store.current
  // The API gets its own port when kill_switch.api_listen is set (restart to change).
  const apiListen = initial.kill_switch.api_listen
  let allowlist = { key: "", test: killSwitchAllowlist([]) }

  const denied = (config: Config, req: IncomingMessage, endpoint: string): boolean => {
    if (!killSwitch.isActiveUnsafe()) return false
    const key = config.kill_switch.allowlist_ips.join(",")
    if (key !== allowlist.key) allowlist = { key, test: killSwitchAllowlist(config.kill_switch.allowlist_ips) }
    if (allowlist.test(clientIp(req))) return false
    meter.count(metrics.killSwitchDenials, { transport: "http", endpoint })
    meter.recordKillSwitchDenial()
    telemetry.logUnsafe("warn", "kill_switch_deny", { method: req.method, endpoint, client_ip: clientIp(req) })
    return true
  }
  const killBody = (config: Config) => ({ error: "kill_switch_active", message: config.kill_switch.message })

  const request = (req: IncomingMessage, res: ServerResponse) =>
    Effect.gen(function* () {
      const config = yield* store.current
      const url = req.url ?? "/"
      const absolute = /^https?:\/\//i.test(url)
      const path = absolute ? undefined : url.split("?")[0]
      const route = path === undefined ? undefined : admin.route(path)
      const apiRoute = route === "killswitch" || route === "killswitch_status"
      const routeHere = apiRoute && apiListen !== "" ? undefined : route
      if (!isExempt(routeHere, config, apiListen === "") && denied(config, req, routeHere ?? (absolute ? "proxy" : path ?? "/"))) {
        yield* denialSpan("ForwardProxy.killSwitchDeny", req, "forward", 503, config.mode)
        return sendJson(res, 503, killBody(config))
      }
      if (absolute) return yield* forward.handleRequest(req, res)
      if (routeHere !== undefined) return yield* admin.handle(routeHere, req, res)
      if (path === "/fetch") return yield* forward.handleFetch(req, res)
      return sendJson(res, 404, { error: "not_found", message: `no route ${path}; use this port as an HTTP proxy, or /fetch?url=, /health, /metrics, /stats` })
    }).pipe(Effect.catchCause((cause) => Effect.sync(() => {
      telemetry.logUnsafe("error", "handler_failed", { cause: String(cause) })
      sendJson(res, 500, { error: "internal_error" })
    })))

  const connect = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    Effect.gen(function* () {
      const config = yield* store.current
      if (denied(config, req, "connect")) {
        yield* denialSpan("ForwardProxy.killSwitchDeny", req, "connect", 503, config.mode)
        return rejectSocket(socket, 503, killBody(config))
      }
      yield* forward.handleConnect(req, socket, head)
    }).pipe(Effect.catchCause(() => Effect.sync(() => rejectSocket(socket, 502, { error: "internal_error" }))))

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    Effect.gen(function* () {
      const config = yield* store.current
      if (denied(config, req, "websocket")) {
        yield* denialSpan("ForwardProxy.killSwitchDeny", req, "websocket", 503, config.mode)
        return rejectSocket(socket, 503, killBody(config))
      }
      yield* forward.handleUpgrade(req, socket, head)
    }).pipe(Effect.catchCause(() => Effect.sync(() => rejectSocket(socket, 502, { error: "internal_error" }))))

  const latest = yield* latestConfig(store)
  const main = yield* serve("proxy", store.run.listen, { request, connect, upgrade }, {
    bodyPace: { listener: "forward", meter, pace: () => paceOf(latest().forward_proxy) }
  })
  yield* telemetry.log("info", "listening", { listener: "proxy", address: `${main.host}:${main.port}` })

  let killSwitchApi: Served | undefined
  if (apiListen !== "") {
    const api = killSwitchApi = yield* serve("killswitch_api", apiListen, {
      request: (req, res) => {
        const route = admin.route((req.url ?? "/").split("?")[0])
        if (route !== "killswitch" && route !== "killswitch_status") return Effect.sync(() => sendJson(res, 404, { error: "not_found" }))
        return admin.handle(route, req, res)
      }
    })
    yield* telemetry.log("info", "listening", { listener: "killswitch_api", address: `${api.host}:${api.port}` })
  }
  return { ...main, killSwitchApi }
})

/** Binds the main port for the lifetime of the layer. */
export const layer = Layer.effectDiscard(make)
