import type { HttpContext } from '@adonisjs/core/http'
import { runHealthChecks } from '#services/health/health_report'

export default class HealthController {
  /** Database, queue and mail transport; 503 when one of them is down. */
  async report({ response }: HttpContext) {
    const report = await runHealthChecks()
    return response.status(report.isHealthy ? 200 : 503).json(report)
  }

  live({ response }: HttpContext) {
    return response.send('ok')
  }
}
