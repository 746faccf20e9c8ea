/**
 * Limits over a sliding 60-second window, in one process's memory: request counts (`max_requests_per_minute`)
 * and bytes (`max_data_per_minute`, the data budget), keyed by registrable domain. The memory SessionStore
 * holds one; the Redis store keeps the same windows in Redis (1-second buckets, see SessionStoreRedis.ts) so
 * that every replica counts against one total. Memory is bounded: idle keys are swept and the number of keys
 * is capped.
 */

/** The window every limit is counted over. */
export const WINDOW_MS = 60_000

export class SlidingWindow {
  private readonly events = new Map<string, number[]>()
  private lastSweep = 0
  private readonly now: () => number
  private readonly maxKeys: number
  constructor(now: () => number = Date.now, maxKeys = 10_000) {
    this.now = now
    this.maxKeys = maxKeys
  }

  /** Records one event of `weight` for `key` if the window total stays within `limit`; returns whether it was allowed. */
  tryRecord(key: string, limit: number, weight = 1): boolean {
    const t = this.now()
    this.sweep(t)
    const list = this.prune(key, t)
    let total = 0
    for (let i = 0; i < list.length; i += 2) total += list[i]
    if (total + weight > limit) return false
    list.push(weight, t)
    return true
  }

  /** Adds `weight` for `key` without a limit (bytes counted after a response). */
  record(key: string, weight: number): void {
    const t = this.now()
    this.sweep(t)
    this.prune(key, t).push(weight, t)
  }

  /** The total in the current window. */
  total(key: string): number {
    return this.prune(key, this.now()).reduce((n, w, i) => (i % 2 === 0 ? n + w : n), 0)
  }

  // Entries are stored flat as [weight, time, weight, time, …].
  private prune(key: string, t: number): number[] {
    let list = this.events.get(key)
    if (list === undefined) {
      if (this.events.size >= this.maxKeys) this.events.delete(this.events.keys().next().value as string)
      list = []
      this.events.set(key, list)
    }
    let drop = 0
    while (drop < list.length && list[drop + 1] <= t - WINDOW_MS) drop += 2
    if (drop > 0) list.splice(0, drop)
    return list
  }

  private sweep(t: number): void {
    if (t - this.lastSweep < WINDOW_MS) return
    this.lastSweep = t
    for (const [k, list] of this.events) if (list.length === 0 || list[list.length - 1] <= t - WINDOW_MS) this.events.delete(k)
  }
}
