import type { DateTime } from 'luxon'
import type { IsoDay } from '#domain/periods'
import { checkDayRange, DAY_MESSAGES } from '#domain/day_range'
import { queryId, queryText } from '#domain/query_values'
import { dayStart, defaultPeriod } from '#domain/statistics_buckets'

/**
 * "Configura il grafico": stato (1), servizio (2), periodo (3), as the
 * query string of the Statistiche page. What does not fit is reported next
 * to its field and replaced by the default, and the page shows back what
 * was typed, so nothing is lost. A wrong date makes the whole period the
 * default one (a period with one typed end and one default end means nothing).
 */
export interface ChartQuery {
  status: number | null
  serviceId: number | null
  from: IsoDay
  to: IsoDay
}

export interface ChartFilters {
  query: ChartQuery
  /** the values as typed, for the form */
  typed: { stato: string; servizio: string; dal: string; al: string }
  errors: Record<string, string>
}

/** Beyond twenty years the chart says nothing more (and the database works for nothing). */
const MAX_YEARS = 20

export function readChartFilters(qs: Record<string, unknown>, now: DateTime): ChartFilters {
  const typed = {
    stato: queryText(qs.stato),
    servizio: queryText(qs.servizio),
    dal: queryText(qs.dal),
    al: queryText(qs.al),
  }
  const errors: Record<string, string> = {}
  const status = typed.stato ? queryId(typed.stato) : null
  if (typed.stato && status === null) errors.stato = "Scegli uno stato dell'elenco."
  const serviceId = typed.servizio ? queryId(typed.servizio) : null
  if (typed.servizio && serviceId === null) errors.servizio = "Scegli un servizio dell'elenco."

  const fallback = defaultPeriod(now)
  const range = checkDayRange(typed.dal, typed.al)
  Object.assign(errors, range.errors)
  if (range.errors.dal || range.errors.al) {
    return { query: { status, serviceId, ...fallback }, typed, errors }
  }
  let from = range.from ?? fallback.from
  let to = range.to ?? fallback.to
  if (from > to || dayStart(to).diff(dayStart(from), 'years').years > MAX_YEARS) {
    errors[range.from ? 'dal' : 'al'] =
      from > to ? DAY_MESSAGES.backwards : `Il periodo può coprire al massimo ${MAX_YEARS} anni.`
    ;({ from, to } = fallback)
  }
  return { query: { status, serviceId, from, to }, typed, errors }
}
