import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Service from '#models/service'
import { PRATICA_STATUS_LABELS, type PraticaStatusCode } from '#domain/pratica_status'
import { buckets, yearBuckets, type Bucket, type BucketUnit } from '#domain/statistics_buckets'
import {
  enabledServiceIds,
  visibleServiceOrFail,
  visibleServices,
  type ListScope,
} from '#services/backoffice/list_scope'
import { filteredPratiche, noFilters } from '#services/backoffice/pratiche_list'
import { statesOfService } from '#services/backoffice/service_states'
import { ALL_LIST_STATES } from '#services/backoffice/list_request'
import { readTimestamp, timestampBinding } from '#services/backoffice/db_values'
import type { ChartFilters } from '#services/statistics/chart_filters'

/**
 * The manual's "Statistiche": the active digital services (1), the
 * pratiche opened each year (2), the chart of the pratiche over time (3),
 * all over what the staff member sees in the Elenco pratiche (their ente,
 * the services they are enabled for; drafts never). A pratica counts on
 * its "Data di inserimento" (created_at), as the Elenco pratiche shows it.
 */
export interface Point {
  label: string
  count: number
}

export interface StatisticsPage {
  activeServices: number
  byYear: Point[]
  chart: { unit: BucketUnit; points: Point[]; total: number }
  services: Array<{ id: number; name: string }>
  states: Array<{ code: PraticaStatusCode; label: string }>
  /** the chosen status was not one the chosen service can have */
  statusError: string | null
}

/** Services a citizen can use now (published, private, scheduled inside its dates). */
export async function activeServicesCount(scope: ListScope, now = new Date()) {
  const services = await Service.query()
    .select('id', 'status', 'scheduled_from', 'scheduled_to')
    .where('ente_id', scope.enteId)
    .if(!scope.allServices, (query) => query.whereIn('id', enabledServiceIds(scope)))
  return services.filter((service) => service.availability(now).open).length
}

/**
 * How many pratiche fall in each bucket: one query, the bucket chosen by a
 * CASE over the boundaries computed in Europe/Rome (see statistics_buckets.ts).
 */
async function countByBuckets(
  scope: ListScope,
  filter: { serviceId: number | null; status: number | null },
  ranges: Bucket[]
): Promise<Point[]> {
  if (ranges.length === 0) return []
  const cases = ranges.map((_, index) => `WHEN p.created_at < ? THEN ${index}`).join(' ')
  const rows = await filteredPratiche(scope, { ...noFilters(), ...filter })
    .where('p.created_at', '>=', timestampBinding(ranges[0].start))
    .where('p.created_at', '<', timestampBinding(ranges.at(-1)!.end))
    .select(
      db.raw(
        `CASE ${cases} END AS bucket`,
        ranges.map((range) => timestampBinding(range.end))
      )
    )
    .count('* as total')
    .groupBy('bucket')
  const counts = new Map(rows.map((row) => [Number(row.bucket), Number(row.total)]))
  return ranges.map((range, index) => ({ label: range.label, count: counts.get(index) ?? 0 }))
}

/** Pratiche per year, from the year of the first one to this year. */
export async function praticheByYear(scope: ListScope, now = DateTime.now()) {
  const first = await filteredPratiche(scope, noFilters()).min('p.created_at as first').first()
  const since = readTimestamp(first?.first)
  if (!since) return []
  return countByBuckets(scope, { serviceId: null, status: null }, yearBuckets(since, now))
}

export async function statisticsPage(
  scope: ListScope,
  filters: ChartFilters,
  now = DateTime.now()
): Promise<StatisticsPage> {
  const { query } = filters
  const service = query.serviceId ? await visibleServiceOrFail(scope, query.serviceId) : null
  const codes = service ? statesOfService(service) : ALL_LIST_STATES
  const statusKnown = query.status === null || codes.includes(query.status as PraticaStatusCode)
  const axis = buckets(query.from, query.to)
  const points = await countByBuckets(
    scope,
    { serviceId: query.serviceId, status: statusKnown ? query.status : null },
    axis.buckets
  )
  return {
    activeServices: await activeServicesCount(scope, now.toJSDate()),
    byYear: await praticheByYear(scope, now),
    chart: {
      unit: axis.unit,
      points,
      total: points.reduce((sum, point) => sum + point.count, 0),
    },
    services: await visibleServices(scope),
    states: codes.map((code) => ({ code, label: PRATICA_STATUS_LABELS[code] })),
    statusError: statusKnown ? null : "Scegli uno stato dell'elenco.",
  }
}
