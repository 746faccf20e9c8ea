/**
 * Limits over a sliding 60-second window, in one process's memory: request counts (`max_requests_per_minute`)
 * and bytes (`max_data_per_minute`, the data budget), keyed by registrable domain. The memory SessionStore
 * holds one; the Redis store keeps the same windows in Redis (1-second buckets, see SessionStoreRedis.ts) so
 * that every replica counts against one total. Memory is bounded: idle keys are swept and the number of keys
 * is capped.
 */

/** The window every limit is counted over. */
export const WINDOW_MS = 60_000

/**
 * One key's events in the window: stored flat as [weight, time, weight, time, …] from `head` on (expired
 * entries before `head` are dropped in bulk), with their running `sum`, so a request costs O(1) amortised
 * however many requests the window holds (summing the list on every request made a busy domain's requests
 * slower the busier it got).
 */
interface Events {
  list: number[]
  head: number
  sum: number
}

export class SlidingWindow {
  private readonly events = new Map<string, Events>()
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
    const e = this.prune(key, t)
    if (e.sum + weight > limit) return false
    e.list.push(weight, t)
    e.sum += weight
    return true
  }

  /** Adds `weight` for `key` without a limit (bytes counted after a response). */
  record(key: string, weight: number): void {
    const t = this.now()
    this.sweep(t)
    const e = this.prune(key, t)
    e.list.push(weight, t)
    e.sum += weight
  }

  /**
   * Adds `weight` for `key` as an event that happened at `at` (a worker's admitted request reported to the
   * primary a few ms later, see SessionStoreIpc.ts): it expires 60 s after `at`, as if recorded then. An
   * `at` in the future counts from now.
   */
  recordAt(key: string, weight: number, at: number): void {
    const t = this.now()
    this.sweep(t)
    const e = this.prune(key, t)
    const when = Math.min(at, t)
    if (when <= t - WINDOW_MS) return
    const list = e.list
    // Events stay in time order (pruning stops at the first live one): a late report is inserted in place.
    let i = list.length
    while (i > e.head && list[i - 1] > when) i -= 2
    if (i === list.length) list.push(weight, when)
    else list.splice(i, 0, weight, when)
    e.sum += weight
  }

  /** The total in the current window. */
  total(key: string): number {
    return this.prune(key, this.now()).sum
  }

  private prune(key: string, t: number): Events {
    let e = this.events.get(key)
    if (e === undefined) {
      if (this.events.size >= this.maxKeys) this.events.delete(this.events.keys().next().value as string)
      e = { list: [], head: 0, sum: 0 }
      this.events.set(key, e)
    }
    const list = e.list
    let head = e.head
    while (head < list.length && list[head + 1] <= t - WINDOW_MS) {
      e.sum -= list[head]
      head += 2
    }
    if (head === list.length) {
      // Empty: start afresh (and no rounding left over in the sum).
      list.length = 0
      head = 0
      e.sum = 0
    } else if (head > 1024 && head * 2 > list.length) {
      list.splice(0, head)
      head = 0
    }
    e.head = head
    return e
  }

  private sweep(t: number): void {
    if (t - this.lastSweep < WINDOW_MS) return
    this.lastSweep = t
    for (const [k, e] of this.events) if (e.list.length === e.head || e.list[e.list.length - 1] <= t - WINDOW_MS) this.events.delete(k)
  }
}
