import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { queue } from '#queue/queue'

/**
 * The queue's backend answers (Redis for BullMQ, the database for the
 * in-process driver). Failed jobs are reported, not counted as a failure:
 * they wait at /admin/jobs for a retry.
 */
export class QueueCheck extends BaseCheck {
  name = 'Coda dei lavori'

  async run(): Promise<HealthCheckResult> {
    const driver = queue.driver
    try {
      const { waiting, failed } = await driver.counts()
      return Result.ok(
        `driver ${driver.name}: ${waiting} in attesa, ${failed} falliti`
      ).mergeMetaData({
        driver: driver.name,
        waiting,
        failed,
      })
    } catch (error) {
      return Result.failed(
        `driver ${driver.name} non raggiungibile: ${(error as Error).message}`,
        error as Error
      )
    }
  }
}
