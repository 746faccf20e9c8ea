/** In-process tallies behind `GET /stats` (the Prometheus metrics carry the same counts with labels). */
import type { Action, Finding } from "../../services/Verdict.ts"

const startedAt = Date.now()
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

/** Counts one verdict. */
export const recordVerdict = (listener: string, action: Action, findings: ReadonlyArray<Finding>, target?: string): void => {
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
}

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

export const recordTunnel = (): void => void tally.tunnels++
export const recordWebsocket = (): void => void tally.websockets++
export const recordKillSwitchDenial = (): void => void tally.killSwitchDenials++

export const uptimeSeconds = (): number => Math.floor((Date.now() - startedAt) / 1000)

const top = (entries: Iterable<[string, number]>, n: number) =>
  [...entries].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, count]) => ({ name, count }))

/** The `/stats` document. */
export const snapshot = () => {
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
