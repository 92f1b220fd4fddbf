import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { listScope } from '#services/backoffice/list_scope'
import { readChartFilters } from '#services/statistics/chart_filters'
import { statisticsPage } from '#services/statistics/statistics'
import { dayLabel } from '#domain/statistics_buckets'

/**
 * The manual's "Statistiche": the active digital services, the pratiche of
 * each year and the chart of the pratiche over time ("Configura il
 * grafico": stato, servizio, periodo), over the services the staff member
 * works. A service outside them answers 404, as in the Elenco pratiche.
 */
export default class StatisticsController {
  async index({ ente, auth, request, view }: HttpContext) {
    const scope = listScope(ente, auth.use('web').user!)
    const filters = readChartFilters(request.qs(), DateTime.now())
    const page = await statisticsPage(scope, filters)
    const errors = { ...filters.errors }
    if (page.statusError) errors.stato ??= page.statusError
    return view.render('pages/backoffice/statistiche/index', {
      title: 'Statistiche',
      ...page,
      typed: filters.typed,
      period: {
        from: filters.query.from,
        to: filters.query.to,
        label: `dal ${dayLabel(filters.query.from)} al ${dayLabel(filters.query.to)}`,
      },
      errors,
    })
  }
}
