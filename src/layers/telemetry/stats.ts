/** In-process tallies behind `GET /stats` (the Prometheus metrics carry the same counts with labels), one set per instance. */
import type { Action, Finding } from "../../services/Verdict.ts"

/**
 * The host of a logged target (`https://host/…`, `host:443`, `[redacted]:443`): the authority without
 * userinfo and port. Targets come already redacted by the transports (`UrlCheck.display`).
 */
export const hostOf = (target: string): string => {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(target)
  let authority = m !== null ? m[1] : target.split("/")[0]
  authority = authority.slice(authority.lastIndexOf("@") + 1)
  if (authority.startsWith("[")) return authority.slice(0, authority.indexOf("]") + 1)
  return authority.split(":")[0]
}

const top = (entries: Iterable<[string, number]>, n: number) =>
  [...entries].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, count]) => ({ name, count }))

/** The `/stats` document. */
export interface StatsDocument {
  readonly uptime_seconds: number
  readonly requests: {
    readonly total: number
    readonly allowed: number
    readonly warned: number
    readonly blocked: number
    readonly redirected: number
    readonly block_rate: number
  }
  readonly by_listener: Readonly<Record<string, number>>
  readonly tunnels: number
  readonly websockets: number
  readonly kill_switch_denials: number
  readonly top_blocked_domains: ReadonlyArray<{ readonly name: string; readonly count: number }>
  readonly top_scanners: ReadonlyArray<{ readonly name: string; readonly count: number }>
}

export interface Stats {
  /** Counts one verdict. */
  readonly recordVerdict: (listener: string, action: Action, findings: ReadonlyArray<Finding>, target?: string) => void
  readonly recordTunnel: () => void
  readonly recordWebsocket: () => void
  readonly recordKillSwitchDenial: () => void
  /** Seconds since this instance started. */
  readonly uptimeSeconds: () => number
  /** The `/stats` document. */
  readonly snapshot: () => StatsDocument
}

/** Empty tallies, started now. */
export const makeStats = (now: () => number = Date.now): Stats => {
  const startedAt = now()
  const tally = {
    total: 0,
    byAction: { allow: 0, warn: 0, block: 0, redact: 0, redirect: 0 } as Record<Action, number>,
    byListener: {} as Record<string, number>,
    byScanner: {} as Record<string, number>,
    blockedTargets: new Map<string, number>(),
    tunnels: 0,
    websockets: 0,
    killSwitchDenials: 0
  }
  const uptimeSeconds = () => Math.floor((now() - startedAt) / 1000)
  return {
    recordVerdict: (listener, action, findings, target) => {
      tally.total++
      tally.byAction[action]++
      tally.byListener[listener] = (tally.byListener[listener] ?? 0) + 1
      for (const f of findings) tally.byScanner[f.scanner] = (tally.byScanner[f.scanner] ?? 0) + 1
      if (action === "block" && target !== undefined) {
        const host = hostOf(target)
        if (tally.blockedTargets.size < 10_000 || tally.blockedTargets.has(host)) {
          tally.blockedTargets.set(host, (tally.blockedTargets.get(host) ?? 0) + 1)
        }
      }
    },
    recordTunnel: () => void tally.tunnels++,
    recordWebsocket: () => void tally.websockets++,
    recordKillSwitchDenial: () => void tally.killSwitchDenials++,
    uptimeSeconds,
    snapshot: () => {
      const blocked = tally.byAction.block
      return {
        uptime_seconds: uptimeSeconds(),
        requests: {
          total: tally.total,
          allowed: tally.byAction.allow,
          warned: tally.byAction.warn,
          blocked,
          redirected: tally.byAction.redirect,
          block_rate: tally.total === 0 ? 0 : blocked / tally.total
        },
        by_listener: { ...tally.byListener },
        tunnels: tally.tunnels,
        websockets: tally.websockets,
        kill_switch_denials: tally.killSwitchDenials,
        top_blocked_domains: top(tally.blockedTargets, 10),
        top_scanners: top(Object.entries(tally.byScanner), 10)
      }
    }
  }
}
