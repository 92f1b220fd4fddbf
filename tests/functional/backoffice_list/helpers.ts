import { DateTime } from 'luxon'
import type { ApiResponse } from '@japa/api-client'
import type Ente from '#models/ente'
import type Service from '#models/service'
import type Citizen from '#models/citizen'
import type User from '#models/user'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { ServiceFactory } from '#factories/service_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import type Pratica from '#models/pratica'
import { parseCsv } from '#domain/csv'
import { pageText } from '#tests/functional/identity/helpers'

/**
 * An ente with two services, "Permesso ZTL" (the operator Mario Rossi is
 * enabled for it) and "Accesso agli atti" (he is not), and a citizen.
 */
export async function listFixture() {
  const ente = await EnteFactory.create()
  const ztl = await ServiceFactory.merge({ enteId: ente.id, name: 'Permesso ZTL' }).create()
  const atti = await ServiceFactory.merge({ enteId: ente.id, name: 'Accesso agli atti' }).create()
  const operator = await UserFactory.merge({
    enteId: ente.id,
    firstName: 'Mario',
    lastName: 'Rossi',
  }).create()
  await operator.related('services').attach([ztl.id])
  const citizen = await CitizenFactory.merge({
    enteId: ente.id,
    firstName: 'Lorenzo',
    lastName: 'Bertoli',
  }).create()
  return { ente, ztl, atti, operator, citizen }
}

export async function citizenOf(ente: Ente, firstName: string, lastName: string) {
  return CitizenFactory.merge({ enteId: ente.id, firstName, lastName }).create()
}

/** A sent pratica (Acquisita unless told), its dates in the past unless told. */
export async function praticaOf(
  service: Service,
  citizen: Citizen | null,
  values: Partial<
    Pick<
      Pratica,
      | 'status'
      | 'priority'
      | 'data'
      | 'operatorId'
      | 'officeId'
      | 'authMethod'
      | 'statusChangedAt'
      | 'createdAt'
      | 'partial'
    >
  > = {}
) {
  return PraticaFactory.merge({
    enteId: service.enteId,
    serviceId: service.id,
    citizenId: citizen?.id ?? null,
    status: 2000,
    authMethod: 'spid',
    submittedAt: DateTime.now().minus({ days: 3 }),
    statusChangedAt: DateTime.now().minus({ days: 3 }),
    createdAt: DateTime.now().minus({ days: 3 }),
    ...values,
  } as any).create()
}

export function listUrl(ente: Ente) {
  return `/${ente.slug}/backoffice`
}

export function exportUrl(ente: Ente) {
  return `/${ente.slug}/backoffice/pratiche/esporta`
}

/** The Richiedente of each row of the list, in order. */
export function listedApplicants(response: ApiResponse): string[] {
  const html = pageText(response)
  const table = html.match(/<table class="[^"]*pratiche-list[^"]*">([\s\S]*?)<\/table>/)
  if (!table) return []
  const body = table[1].match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? ''
  return [...body.matchAll(/<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)].map((match) =>
    match[1].trim()
  )
}

/** The CSV body (BOM checked and dropped) as rows of fields. */
export function csvRows(response: ApiResponse): string[][] {
  const text = response.text()
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV does not start with a BOM')
  return parseCsv(text.slice(1), ';')
}

export async function staff(
  ente: Ente,
  role: 'enteAdmin' | 'manager' | null = null
): Promise<User> {
  const factory = role ? UserFactory.apply(role) : UserFactory
  return factory.merge({ enteId: ente.id }).create()
}

/** The options of a select of the page, as "value=label". */
export function selectOptions(response: ApiResponse, name: string): string[] {
  const html = pageText(response)
  const select = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`))
  if (!select) return []
  return [...select[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map(
    (match) => `${match[1]}=${match[2].trim()}`
  )
}

/** The message shown next to a filter. */
export function fieldError(response: ApiResponse, id: string): string | null {
  const html = pageText(response)
  return html.match(new RegExp(`id="${id}-error"[^>]*>([^<]*)<`))?.[1]?.trim() ?? null
}

/** The column headers of the list. */
export function listedHeaders(response: ApiResponse): string[] {
  const html = pageText(response)
  const head = html.match(
    /<table class="[^"]*pratiche-list[^"]*">[\s\S]*?<thead>([\s\S]*?)<\/thead>/
  )
  if (!head) return []
  return [...head[1].matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((match) =>
    match[1]
      .replace(/<span class="visually-hidden">[\s\S]*?<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  )
}
