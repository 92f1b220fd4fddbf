import type { HttpContext } from '@adonisjs/core/http'
import { runHealthChecks } from '#services/health/health_report'

export default class HealthController {
  /** Database, queue and mail transport; 503 when one of them is down. */
  async report({ response }: HttpContext) {
    // debugInfo (pid, uptime, versions) is left out: /health is public
    const { debugInfo, ...report } = await runHealthChecks()
    return response.status(report.isHealthy ? 200 : 503).json(report)
  }

  live({ response }: HttpContext) {
    return response.send('ok')
  }
}
