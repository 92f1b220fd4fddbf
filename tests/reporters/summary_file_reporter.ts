import { writeFileSync } from 'node:fs'
import { BaseReporter } from '@japa/runner/core'

/**
 * Writes the run's totals as JSON to TEST_SUMMARY_FILE, so the test
 * orchestrator (bin/test_all.js) can add up several runs into the single
 * "N passed, N failed" line CI reads.
 */
class SummaryFileReporter extends BaseReporter {
  protected async end() {
    const file = process.env.TEST_SUMMARY_FILE
    if (!file) return
    const summary = this.runner!.getSummary()
    writeFileSync(
      file,
      JSON.stringify({
        passed: summary.aggregates.passed,
        failed: summary.aggregates.failed,
        skipped: summary.aggregates.skipped,
        todo: summary.aggregates.todo,
        regression: summary.aggregates.regression,
        hasError: summary.hasError,
        failedTitles: summary.failedTestsTitles,
      })
    )
  }
}

export function summaryFileReporter() {
  return {
    name: 'summary-file',
    handler: (...args: Parameters<SummaryFileReporter['boot']>) =>
      new SummaryFileReporter({}).boot(...args),
  }
}
