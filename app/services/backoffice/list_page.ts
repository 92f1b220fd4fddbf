import type { DateTime } from 'luxon'
import { PRATICA_STATUS_LABELS } from '#domain/pratica_status'
import { PERIOD_LABELS, PERIODS } from '#domain/periods'
import { PER_PAGE_CHOICES } from '#validators/pratiche_filters'
import type { ListRequest } from '#services/backoffice/list_request'
import {
  enteAreas,
  ownOffices,
  visibleServices,
  type ListScope,
} from '#services/backoffice/list_scope'
import {
  countPratiche,
  pageIdsQuery,
  rowsByIds,
  type SortKey,
} from '#services/backoffice/pratiche_list'
import { toListRow } from '#services/backoffice/list_rows'
import { columnSummaries } from '#services/backoffice/list_summary'
import { PRIORITY_LABELS } from '#services/backoffice/labels'
import { listQuery, listUrl, withParams } from '#services/backoffice/list_urls'
import { shownValue, TABLE_FLAGS, TABLE_FLAG_LABELS } from '#services/backoffice/table_options'

/** The columns of the manual's Elenco pratiche, with the key they sort by. */
const LIST_COLUMNS: Array<{ label: string; sort: SortKey }> = [
  { label: 'Autenticazione', sort: 'autenticazione' },
  { label: 'Richiedente', sort: 'richiedente' },
  { label: 'Codice fiscale', sort: 'codice-fiscale' },
  { label: 'Servizio', sort: 'servizio' },
  { label: 'Data di inserimento', sort: 'inserimento' },
  { label: 'Ultimo cambio stato', sort: 'cambio-stato' },
  { label: 'Stato', sort: 'stato' },
  { label: 'Operatore', sort: 'operatore' },
  { label: 'Ufficio', sort: 'ufficio' },
  { label: 'Priorità', sort: 'priorita' },
]

/**
 * Everything the Elenco pratiche page shows: the filters with their
 * choices, a page of rows, the pages, the sortable headers, the "Opzioni
 * tabella" and their summary row, the CSV address.
 */
export async function listPage(scope: ListScope, request: ListRequest, base: string) {
  const { filters, perPage } = request
  const { total, capped } = await countPratiche(scope, filters)
  const lastPage = Math.max(1, Math.ceil(total / perPage))
  const page = Math.min(request.page, lastPage)
  const raw = await pageRows(scope, request, page)
  // one after the other: inside a transaction they share one connection
  const summaries = await columnSummaries(scope, filters, request.chosen)
  const choices = await filterChoices(scope, request)

  const query = listQuery(request.input)
  const pageUrl = (number: number) =>
    listUrl(base, withParams(query, { page: number > 1 ? number : null }))
  // a service's own column is redundant once the list is filtered by it
  const columns = LIST_COLUMNS.filter((column) => !(request.service && column.sort === 'servizio'))

  return {
    input: request.input,
    errors: request.errors,
    choices,
    total,
    capped,
    rows: raw.map(toListRow).map((row) => ({
      ...row,
      created: listDate(row.createdAt),
      changed: listDate(row.statusChangedAt),
      url: `${base}/pratiche/${row.uuid}`,
      extra: request.chosen.map((column) => shownValue(column, row.data)),
    })),
    headers: columns.map((column) => {
      const active = filters.sort === column.sort
      const next = active && filters.direction === 'asc' ? 'desc' : 'asc'
      return {
        label: column.label,
        active,
        direction: filters.direction,
        url: listUrl(base, withParams(query, { ordina: column.sort, verso: next, page: null })),
      }
    }),
    extraHeaders: request.chosen.map((column) => column.label),
    summary: summaryRow(request, summaries),
    pagination: {
      page,
      lastPage,
      first: total ? (page - 1) * perPage + 1 : 0,
      last: Math.min(page * perPage, total),
      previous: page > 1 ? pageUrl(page - 1) : null,
      next: page < lastPage ? pageUrl(page + 1) : null,
      links: pageWindow(page, lastPage).map((number) =>
        number === null ? null : { number, url: pageUrl(number), current: number === page }
      ),
    },
    tableOptions: request.service
      ? {
          flags: TABLE_FLAGS.map((flag) => ({ name: flag, label: TABLE_FLAG_LABELS[flag] })),
          fields: request.columns.map((column) => {
            const chosen = request.chosen.find((candidate) => candidate.key === column.key)
            return {
              key: column.key,
              label: column.label,
              checked: Object.fromEntries(
                TABLE_FLAGS.map((flag) => [flag, chosen?.flags.includes(flag) ?? false])
              ),
              numeric: column.numeric,
            }
          }),
          // the filters travel with "Applica e chiudi"
          hidden: query.filter(([name]) => !(TABLE_FLAGS as readonly string[]).includes(name)),
        }
      : null,
    // the order and the table options stay when the filters change
    carried: query.filter(([name]) => CARRIED.includes(name)),
    filtered: isFiltered(request),
    exportUrl: listUrl(`${base}/pratiche/esporta`, withParams(query, { per_pagina: null })),
    resetUrl: base,
    showServiceColumn: !request.service,
  }
}

/** A page of rows: its ids in order, then their rows (see pageIdsQuery). */
async function pageRows(scope: ListScope, request: ListRequest, page: number) {
  const idRows = await pageIdsQuery(scope, request.filters)
    .limit(request.perPage)
    .offset((page - 1) * request.perPage)
  const ids = idRows.map((row) => Number(row.id))
  if (ids.length === 0) return []
  const rows = await rowsByIds(scope, ids, { withData: request.chosen.length > 0 })
  const byId = new Map(rows.map((row) => [Number(row.id), row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

const CARRIED: string[] = ['ordina', 'verso', ...TABLE_FLAGS]

function isFiltered({ filters }: ListRequest) {
  return (
    [
      filters.serviceId,
      filters.status,
      filters.areaId,
      filters.work,
      filters.changed,
      filters.priority,
    ].some((value) => value !== null) || filters.search.trim() !== ''
  )
}

/** The options of the filter selects. */
async function filterChoices(scope: ListScope, request: ListRequest) {
  const services = await visibleServices(scope)
  const areas = await enteAreas(scope)
  const offices = await ownOffices(scope)
  return {
    services: services.map((service) => ({ value: service.id, label: service.name })),
    states: request.states.map((code) => ({ value: code, label: PRATICA_STATUS_LABELS[code] })),
    areas: areas.map((area) => ({ value: area.id, label: area.name })),
    work: [
      ...offices.map((office) => ({ value: `ufficio-${office.id}`, label: office.name })),
      { value: 'mie', label: 'In carico a me' },
      { value: 'da-assegnare', label: 'Da assegnare' },
    ],
    periods: PERIODS.map((period) => ({ value: period, label: PERIOD_LABELS[period] })),
    priorities: Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label })),
    perPage: PER_PAGE_CHOICES.map((value) => ({ value, label: String(value) })),
  }
}

/** Under each chosen column: "Somma 12", "Media 4", "Conta 3", as asked. */
function summaryRow(request: ListRequest, summaries: Awaited<ReturnType<typeof columnSummaries>>) {
  if (summaries.size === 0) return null
  return request.chosen.map((column) => {
    const summary = summaries.get(column.key) ?? {}
    return [
      summary.sum !== undefined ? `Somma ${italianNumber(summary.sum)}` : null,
      summary.mean !== undefined ? `Media ${italianNumber(summary.mean)}` : null,
      summary.count !== undefined ? `Conta ${summary.count}` : null,
    ].filter(Boolean) as string[]
  })
}

/** As the manual's list prints them: 02/10/2024 10:35:24, Europe/Rome (the time may go on a line of its own). */
function listDate(value: DateTime | null) {
  if (!value) return { date: '', time: '' }
  const parts = Object.fromEntries(
    ROME_CLOCK.formatToParts(value.toJSDate()).map((part) => [part.type, part.value])
  )
  return {
    date: `${parts.day}/${parts.month}/${parts.year}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  }
}

// one formatter for every date of the page (making one costs more than formatting)
const ROME_CLOCK = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function italianNumber(value: number | null) {
  return value === null ? '-' : value.toLocaleString('it-IT', { maximumFractionDigits: 2 })
}

/** 1 … 4 5 [6] 7 8 … 20: the first, the last and two on each side of the current page. */
export function pageWindow(current: number, last: number): Array<number | null> {
  const wanted = new Set([1, last])
  for (let number = current - 2; number <= current + 2; number++) {
    if (number >= 1 && number <= last) wanted.add(number)
  }
  const pages: Array<number | null> = []
  for (const number of [...wanted].sort((a, b) => a - b)) {
    const previous = pages.at(-1)
    if (typeof previous === 'number' && number > previous + 1) pages.push(null)
    pages.push(number)
  }
  return pages
}
