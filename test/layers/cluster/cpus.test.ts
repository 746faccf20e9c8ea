import { describe, expect, it } from "vitest"
import { availableCpus, cgroupQuota, resolveWorkers } from "../../../src/layers/cluster/cpus.ts"
import { loadFrom } from "../../../src/layers/ConfigStore.ts"
import { loadOrThrow } from "../../../src/layers/config/load.ts"

const files = (entries: Record<string, string>) => (path: string) => entries[path]

describe("workers: auto", () => {
  it("reads the cgroup v2 quota (cpu.max), and none when it says max", () => {
    expect(cgroupQuota(files({ "/sys/fs/cgroup/cpu.max": "200000 100000\n" }))).toBe(2)
    expect(cgroupQuota(files({ "/sys/fs/cgroup/cpu.max": "max 100000\n" }))).toBeUndefined()
  })

  it("reads the cgroup v1 quota, and none when it is -1", () => {
    expect(cgroupQuota(files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "150000", "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000" }))).toBe(1.5)
    expect(cgroupQuota(files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1", "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000" }))).toBeUndefined()
  })

  it("is 1 on a 1-CPU pod of a 16-core node, and never more than the CPUs the scheduler gives", () => {
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "100000 100000" }), 16)).toBe(1)
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "150000 100000" }), 16)).toBe(1)
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "50000 100000" }), 16)).toBe(1)
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "800000 100000" }), 2)).toBe(2)
    expect(availableCpus(files({}), 4)).toBe(4)
  })

  it("auto follows the CPUs; a number is taken as given", () => {
    expect(resolveWorkers("auto", () => 3)).toBe(3)
    expect(resolveWorkers(2, () => 8)).toBe(2)
  })
})

describe("the workers key", () => {
  it("defaults to 1 and takes auto or a number from the file or PIPELOCK__workers", () => {
    expect(loadOrThrow({ env: {} }).config.workers).toBe(1)
    expect(loadOrThrow({ file: { path: "p.yaml", text: "workers: auto\n" }, env: {} }).config.workers).toBe("auto")
    expect(loadOrThrow({ file: { path: "p.yaml", text: "workers: 3\n" }, env: {} }).config.workers).toBe(3)
    expect(loadOrThrow({ env: { PIPELOCK__workers: "2" } }).config.workers).toBe(2)
  })

  it("rejects 0, fractions and other words, naming the key", () => {
    for (const bad of ["0", "1.5", "many"]) {
      const result = loadFrom(undefined, { PIPELOCK__workers: bad }, {})
      expect(result instanceof Error ? result.message : "loaded", bad).toMatch(/workers/)
    }
  })
})
