import Pratica from '#models/pratica'
import Service from '#models/service'
import type Citizen from '#models/citizen'
import type { EnteRef } from '#models/mixins/tenant_owned'
import { counterOf, PraticaStatus, type CitizenCounter } from '#domain/pratica_status'
import { unreadCounts } from '#services/pratiche/messages/read_state'
import {
  counterFromSlug,
  counterSlug,
  counterStates,
  countersFrom,
} from '#services/personal_area/counters'
import { protocolOf, type ProtocolView } from '#services/personal_area/protocol'
import { displayMoment } from '#services/personal_area/dates'

/**
 * The citizen's pratiche of an ente, as "Pratiche" and the Scrivania list
 * them: filtered by service (?servizio=<slug>) and by counter
 * (?stato=<counter>), newest first, a page at a time.
 */
export const PRATICHE_PER_PAGE = 20

export interface PraticaRow {
  uuid: string
  serviceName: string
  statusLabel: string
  counter: CitizenCounter | null
  isDraft: boolean
  protocol: ProtocolView
  /** "Data di compilazione": when it was sent, or last saved while a draft */
  compiledAt: string
  /** when it was sent, to the second ("acquisita il ...") */
  submittedMoment: string | null
  unread: number
  relation: Pratica['relation']
}

export function citizenPratiche(ente: EnteRef, citizen: Citizen) {
  return Pratica.forEnte(ente).where('citizen_id', citizen.id)
}

/** The services the citizen has pratiche of, for "Filtra per servizio". */
export function servicesOf(ente: EnteRef, citizen: Citizen) {
  return Service.forEnte(ente)
    .whereIn('id', citizenPratiche(ente, citizen).select('service_id'))
    .orderBy('name')
}

export async function toRows(
  ente: EnteRef,
  pratiche: Pratica[],
  locale: string
): Promise<PraticaRow[]> {
  const unread = await unreadCounts(
    ente,
    pratiche.map((pratica) => pratica.id)
  )
  return pratiche.map((pratica) => ({
    uuid: pratica.uuid,
    serviceName: pratica.service.name,
    statusLabel: pratica.statusLabel,
    counter: counterOf(pratica.status),
    isDraft: pratica.status === PraticaStatus.DRAFT,
    protocol: protocolOf(pratica, pratica.service),
    compiledAt: displayMoment(pratica.submittedAt ?? pratica.updatedAt, locale),
    submittedMoment: pratica.submittedAt ? displayMoment(pratica.submittedAt, locale, true) : null,
    unread: unread.get(pratica.id) ?? 0,
    relation: pratica.relation,
  }))
}

export interface PraticheQuery {
  servizio?: unknown
  stato?: unknown
  pagina?: unknown
}

/** The address of "Pratiche" with these filters (the defaults left out). */
export function praticheUrl(
  base: string,
  filters: { servizio?: string | null; stato?: string | null; pagina?: number }
) {
  const params = new URLSearchParams()
  if (filters.servizio) params.set('servizio', filters.servizio)
  if (filters.stato) params.set('stato', filters.stato)
  if (filters.pagina && filters.pagina > 1) params.set('pagina', String(filters.pagina))
  const query = params.toString()
  return query ? `${base}?${query}` : base
}

/** "Pratiche": the filters as understood, the counters, one page of rows. */
export async function listPratiche(
  ente: EnteRef & { slug: string },
  citizen: Citizen,
  query: PraticheQuery,
  locale: string
) {
  const services = await servicesOf(ente, citizen)
  const service = services.find((candidate) => candidate.slug === query.servizio) ?? null
  const counter = counterFromSlug(query.stato)
  const page = Math.max(1, Number.parseInt(String(query.pagina ?? '1'), 10) || 1)

  const scoped = () => {
    const base = citizenPratiche(ente, citizen)
    return service ? base.where('service_id', service.id) : base
  }
  const byStatus = new Map<number, number>()
  for (const row of await scoped().groupBy('status').select('status').count('* as total')) {
    byStatus.set(Number(row.status), Number(row.$extras.total))
  }

  const listed = scoped().preload('service').orderBy('created_at', 'desc').orderBy('id', 'desc')
  if (counter) listed.whereIn('status', counterStates(counter))
  const paginator = await listed.paginate(page, PRATICHE_PER_PAGE)

  const base = `/${ente.slug}/area-personale/pratiche`
  const servizio = service?.slug ?? null
  const stato = counter ? counterSlug(counter) : null
  return {
    services,
    service,
    counter,
    counters: countersFrom(byStatus, counter).map((view) => ({
      ...view,
      url: praticheUrl(base, { servizio, stato: view.slug }),
    })),
    allUrl: praticheUrl(base, { servizio }),
    pageUrl: (pagina: number) => praticheUrl(base, { servizio, stato, pagina }),
    total: [...byStatus.values()].reduce((sum, count) => sum + count, 0),
    rows: await toRows(ente, paginator.all(), locale),
    page: paginator.currentPage,
    lastPage: paginator.lastPage,
  }
}

/** The latest pratiche, for the Scrivania. */
export async function latestPratiche(
  ente: EnteRef,
  citizen: Citizen,
  limit: number,
  locale: string
) {
  const pratiche = await citizenPratiche(ente, citizen)
    .preload('service')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
  return toRows(ente, pratiche, locale)
}

/** "Ultime pratiche inviate dall'utente": sent ones, this one excepted. */
export async function latestSent(
  ente: EnteRef,
  citizen: Citizen,
  except: number,
  locale: string,
  limit = 5
) {
  const pratiche = await otherSentPratiche(ente, citizen, except, limit)
  return toRows(ente, pratiche, locale)
}

/** The citizen's sent pratiche but one, newest first, with their service (the backoffice's panel too). */
export function otherSentPratiche(ente: EnteRef, citizen: Citizen, except: number, limit: number) {
  return citizenPratiche(ente, citizen)
    .whereNot('id', except)
    .whereNotNull('submitted_at')
    .preload('service')
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
}
