import type { DateTime } from 'luxon'
import { isIsoDay, type IsoDay } from '#domain/periods'
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

const DATE_MESSAGE = 'Inserisci una data valida, ad esempio 16/01/2025.'

function text(value: unknown) {
  return typeof value === 'string' ? value.trim() : ''
}

function positiveInteger(value: string) {
  return /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null
}

export function readChartFilters(qs: Record<string, unknown>, now: DateTime): ChartFilters {
  const typed = {
    stato: text(qs.stato),
    servizio: text(qs.servizio),
    dal: text(qs.dal),
    al: text(qs.al),
  }
  const errors: Record<string, string> = {}
  const status = typed.stato ? positiveInteger(typed.stato) : null
  if (typed.stato && status === null) errors.stato = "Scegli uno stato dell'elenco."
  const serviceId = typed.servizio ? positiveInteger(typed.servizio) : null
  if (typed.servizio && serviceId === null) errors.servizio = "Scegli un servizio dell'elenco."

  const fallback = defaultPeriod(now)
  let from = fallback.from
  let to = fallback.to
  if (typed.dal) {
    if (isIsoDay(typed.dal)) from = typed.dal
    else errors.dal = DATE_MESSAGE
  }
  if (typed.al) {
    if (isIsoDay(typed.al)) to = typed.al
    else errors.al = DATE_MESSAGE
  }
  if (errors.dal || errors.al) return { query: { status, serviceId, ...fallback }, typed, errors }
  if (from > to) {
    errors.al = 'La data di fine deve essere uguale o successiva a quella di inizio.'
    ;({ from, to } = fallback)
  } else if (dayStart(to).diff(dayStart(from), 'years').years > MAX_YEARS) {
    errors.dal = `Il periodo può coprire al massimo ${MAX_YEARS} anni.`
    ;({ from, to } = fallback)
  }
  return { query: { status, serviceId, from, to }, typed, errors }
}
