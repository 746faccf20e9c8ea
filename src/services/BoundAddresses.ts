/**
 * Where an instance's listeners are bound: the real ports, so `--listen 127.0.0.1:0` (any free port) is
 * usable. Output by the listeners of `Pipelock.run`.
 */
import { Context } from "effect"

export interface Address {
  readonly host: string
  readonly port: number
  /** `http://host:port` (IPv6 hosts in brackets). */
  readonly url: string
}

export interface Service {
  /** The main port: forward proxy, `/fetch`, health, metrics, stats and the admin API. */
  readonly proxy: Address
  /** The MCP port, when `run` was given an MCP listen address. */
  readonly mcp: Address | undefined
  /** The kill-switch API's own port, when `kill_switch.api_listen` is set. */
  readonly killSwitchApi: Address | undefined
}

export const address = (host: string, port: number): Address => ({
  host,
  port,
  url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`
})

export class BoundAddresses extends Context.Service<BoundAddresses, Service>()("pipelock/services/BoundAddresses") {}
