/**
 * `node scripts/test-summary.ts FILE`: reads vitest's JSON report (`--reporter=json --outputFile.json=FILE`)
 * and prints one plain line, `N passed, N failed, N skipped`, for CI logs and the tools that read them.
 * A test file that failed without a failing test (it did not load, or a hook failed) counts as one failure.
 * Exits 1 when anything failed or the report is missing (vitest crashed before writing it).
 */
import { readFileSync } from "node:fs"

interface Report {
  readonly numPassedTests: number
  readonly numFailedTests: number
  readonly numPendingTests: number
  readonly numTodoTests: number
  readonly success: boolean
  readonly testResults: ReadonlyArray<{ readonly name: string; readonly status: string; readonly message?: string; readonly assertionResults: ReadonlyArray<{ readonly status: string }> }>
}

const file = process.argv[2]
if (file === undefined) {
  console.error("usage: node scripts/test-summary.ts VITEST_JSON_REPORT")
  process.exit(2)
}
let report: Report
try {
  report = JSON.parse(readFileSync(file, "utf8")) as Report
} catch (e) {
  console.error(`test-summary: no vitest report at ${file} (${(e as Error).message}); the test run did not finish`)
  process.exit(1)
}

const brokenFiles = report.testResults.filter((t) => t.status === "failed" && !t.assertionResults.some((a) => a.status === "failed"))
for (const t of brokenFiles) console.error(`test-summary: ${t.name} failed outside a test: ${(t.message ?? "").split("\n")[0]}`)
const failed = report.numFailedTests + brokenFiles.length
console.log(`${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + report.numTodoTests} skipped`)
process.exit(failed === 0 && report.success ? 0 : 1)
