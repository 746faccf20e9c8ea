/**
 * How many CPUs this process may use, for `workers: auto`: `os.availableParallelism()` bounded by the cgroup CPU
 * quota (a pod with `limits.cpu: 1` on a 16-core node gets 1), read from cgroup v2 `cpu.max` or cgroup v1
 * `cpu.cfs_quota_us` / `cpu.cfs_period_us`. A quota of 1.5 CPUs counts as 1 (a second worker would be throttled).
 */
import { readFileSync } from "node:fs"
import { availableParallelism } from "node:os"

/** Reads a file's text, or undefined when it cannot be read. */
export type ReadText = (path: string) => string | undefined

const readText: ReadText = (path) => {
  try {
    return readFileSync(path, "utf8")
  } catch {
    return undefined
  }
}

/** The CPU quota in CPUs from the cgroup files, or undefined when there is none (`max`, -1 or unreadable). */
export const cgroupQuota = (read: ReadText = readText): number | undefined => {
  const v2 = read("/sys/fs/cgroup/cpu.max")?.trim().split(/\s+/)
  if (v2 !== undefined && v2.length >= 1) {
    if (v2[0] === "max") return undefined
    const quota = Number(v2[0])
    const period = Number(v2[1] ?? 100_000)
    if (quota > 0 && period > 0) return quota / period
  }
  const quota = Number(read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")?.trim())
  const period = Number(read("/sys/fs/cgroup/cpu/cpu.cfs_period_us")?.trim())
  if (quota > 0 && period > 0) return quota / period
  return undefined
}

/** The CPUs this process may keep busy: the scheduler's view bounded by the cgroup quota; at least 1. */
export const availableCpus = (read: ReadText = readText, parallelism: number = availableParallelism()): number => {
  const quota = cgroupQuota(read)
  const cpus = quota === undefined ? parallelism : Math.min(parallelism, Math.floor(quota))
  return Math.max(1, cpus)
}

/** The number of worker processes a `workers` setting asks for. */
export const resolveWorkers = (setting: "auto" | number, cpus: () => number = () => availableCpus()): number =>
  setting === "auto" ? cpus() : Math.max(1, Math.floor(setting))
