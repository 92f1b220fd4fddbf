import { DateTime } from 'luxon'
import type Service from '#models/service'
import GeographicArea from '#models/geographic_area'
import type { PraticaStatusCode } from '#domain/pratica_status'
import { periodRange, type Period } from '#domain/periods'
import { currentFormVersion, definitionOf } from '#services/forms/form_versions'
import { validatePraticheFilters, type PraticheFiltersInput } from '#validators/pratiche_filters'
import { ownOffices, visibleServiceOrFail, type ListScope } from '#services/backoffice/list_scope'
import { statesOfService } from '#services/backoffice/service_states'
import {
  DEFAULT_SORT,
  searchedCitizenIds,
  type PraticheFilters,
  type WorkFilter,
} from '#services/backoffice/pratiche_list'
import {
  chooseColumns,
  formColumns,
  type ChosenColumn,
  type FormColumn,
} from '#services/backoffice/table_options'

/** Every state some service can have: "Filtra per stato" before a service is chosen. */
export const ALL_LIST_STATES = statesOfService({
  protocolRequired: true,
  paymentSettings: { atRequest: [], deferred: [{ causale: '', amountCents: 0, bilancio: [] }] },
  stampSettings: null,
  allowWithdrawal: true,
  allowIntegrationRequests: true,
})

export const DEFAULT_PER_PAGE = 10

/** A request of the Elenco pratiche or of its export, checked against the scope. */
export interface ListRequest {
  filters: PraticheFilters
  page: number
  perPage: number
  /** the service filtered by, with the states it offers */
  service: Service | null
  states: PraticaStatusCode[]
  /** the form's fields "Opzioni tabella" offers, and those chosen */
  columns: FormColumn[]
  chosen: ChosenColumn[]
  /** what the form shows again, and the message next to each field that did not fit */
  input: PraticheFiltersInput & { periodo?: Period }
  errors: Record<string, string>
}

/**
 * Reads the query string. A service the staff member may not see answers
 * 404 (it leaks nothing); a state, area, office or date that does not fit
 * is reported next to its field and not applied.
 */
export async function resolveListRequest(
  scope: ListScope,
  query: Record<string, unknown>,
  now: DateTime = DateTime.now()
): Promise<ListRequest> {
  const { input, errors } = await validatePraticheFilters(query)
  const service = input.servizio ? await visibleServiceOrFail(scope, input.servizio) : null
  const states = service ? statesOfService(service) : ALL_LIST_STATES

  let status: number | null = input.stato ?? null
  if (status !== null && !states.includes(status as PraticaStatusCode)) {
    errors.stato = service
      ? 'Questo servizio non prevede lo stato scelto: scegline uno in elenco.'
      : "Scegli uno stato dell'elenco."
    status = null
  }

  let areaId = input.area ?? null
  if (
    areaId !== null &&
    !(await GeographicArea.query().where('ente_id', scope.enteId).where('id', areaId).first())
  ) {
    errors.area = "Scegli un'area geografica dell'elenco."
    areaId = null
  }

  const work = await workFilter(scope, input.lavorazione, errors)
  const periodo = input.periodo ?? (input.dal || input.al ? 'personalizzato' : undefined)
  const changed = periodo ? changedRange(periodo, input, now, errors) : null

  const columns = service ? await serviceColumns(service) : []
  const chosen = chooseColumns(columns, input)

  return {
    filters: {
      serviceId: service?.id ?? null,
      status,
      areaId,
      work,
      changed,
      priority: input.priorita ?? null,
      search: input.cerca ?? '',
      searchCitizenIds: input.cerca ? await searchedCitizenIds(scope, input.cerca) : null,
      sort: input.ordina ?? DEFAULT_SORT.sort,
      direction: input.verso ?? (input.ordina ? 'asc' : DEFAULT_SORT.direction),
    },
    page: input.page ?? 1,
    perPage: input.per_pagina ?? DEFAULT_PER_PAGE,
    service,
    states,
    columns,
    chosen,
    input: { ...input, periodo },
    errors,
  }
}

async function workFilter(
  scope: ListScope,
  value: string | undefined,
  errors: Record<string, string>
): Promise<WorkFilter | null> {
  if (!value) return null
  if (value === 'mie') return { kind: 'mine' }
  if (value === 'da-assegnare') return { kind: 'unassigned' }
  const officeId = Number(value.slice('ufficio-'.length))
  const offices = await ownOffices(scope)
  if (offices.some((office) => office.id === officeId)) return { kind: 'office', officeId }
  errors.lavorazione = "Scegli una lavorazione dell'elenco."
  return null
}

function changedRange(
  periodo: Period,
  input: PraticheFiltersInput,
  now: DateTime,
  errors: Record<string, string>
) {
  if (periodo !== 'personalizzato') return periodRange(periodo, now)
  if (!input.dal && !input.al) {
    errors.dal ??= 'Per un periodo personalizzato indica la data di inizio, di fine o entrambe.'
    return null
  }
  if (input.dal && input.al && input.dal > input.al) {
    errors.al = 'La data di fine non può precedere la data di inizio.'
    return null
  }
  return periodRange(periodo, now, { fromDay: input.dal, toDay: input.al })
}

async function serviceColumns(service: Service) {
  const version = await currentFormVersion(service)
  return version ? formColumns(definitionOf(version).definition) : []
}
