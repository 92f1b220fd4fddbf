import { AssertionError } from 'node:assert'
import type { CaseResult } from '#extension_points/conformance'

/** Titles of the cases that ended with `status`. */
export function titles(results: CaseResult[], status: CaseResult['status']) {
  return results.filter((result) => result.status === status).map((result) => result.title)
}

/**
 * Failures that are not the suite's own assertions (a crash, a TypeError),
 * with their messages: a broken plugin must be caught by a check, not by luck.
 */
export function unexpectedFailures(results: CaseResult[]) {
  return results.flatMap((result) =>
    result.status === 'failed' && !(result.error instanceof AssertionError)
      ? [`${result.title}: ${String(result.error)}`]
      : []
  )
}

/** Why each case failed, to make a failing expectation readable. */
export function failureMessages(results: CaseResult[]) {
  return results.flatMap((result) =>
    result.status === 'failed'
      ? [
          `${result.title}: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
        ]
      : []
  )
}
