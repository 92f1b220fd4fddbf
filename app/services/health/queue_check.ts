import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'

/**
 * The queue's driver answers (completed once the queue module exists).
 */
export class QueueCheck extends BaseCheck {
  name = 'Coda dei lavori'

  async run(): Promise<HealthCheckResult> {
    return Result.ok('in attesa del modulo delle code')
  }
}
