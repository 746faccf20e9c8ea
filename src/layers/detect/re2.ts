/** RE2 (linear-time regular expressions) for everything that scans traffic, and its Set type. */
import RE2 from "re2"

export type RE2Set = InstanceType<typeof RE2.Set>
export { RE2 }
