import type { ApiClient, ApiResponse } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { changeStatus } from '#services/pratiche/change_status'
import type Ente from '#models/ente'
import type Service from '#models/service'
import type Pratica from '#models/pratica'
import { UserFactory } from '#factories/user_factory'
import { areaFixture, praticaIn } from '#tests/functional/personal_area/helpers'
import { pageText } from '#tests/functional/identity/helpers'
import type { PraticaStatusCode } from '#domain/pratica_status'

/**
 * An ente with the ZTL permit service (a form), the citizen Lorenzo
 * Bertoli, and two operators enabled for the service: Mario Rossi and
 * Giulia Verdi.
 */
export async function officeFixture() {
  const fixture = await areaFixture()
  const mario = await operatorOf(fixture.ente, fixture.service, 'Mario', 'Rossi')
  const giulia = await operatorOf(fixture.ente, fixture.service, 'Giulia', 'Verdi')
  return { ...fixture, mario, giulia }
}

export async function operatorOf(
  ente: Ente,
  service: Service | null,
  firstName: string,
  lastName: string
) {
  const user = await UserFactory.merge({ enteId: ente.id, firstName, lastName }).create()
  if (service) await user.related('services').attach([service.id])
  return user
}

export async function sentPratica(
  fixture: Awaited<ReturnType<typeof officeFixture>>,
  status: PraticaStatusCode = 2000
): Promise<Pratica> {
  return praticaIn(fixture.ente, fixture.service, fixture.citizen, status)
}

export function praticaUrl(ente: Ente, pratica: Pratica) {
  return `/${ente.slug}/backoffice/pratiche/${pratica.uuid}`
}

/** The page's text without tags, spaces collapsed. */
export function visibleText(response: ApiResponse) {
  return pageText(response)
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

/** The labels of the page's tabs, in order. */
export function tabLabels(response: ApiResponse) {
  return [...pageText(response).matchAll(/role="tab"[^>]*>\s*([^<]*?)\s*<\/button>/g)].map(
    (match) => match[1].replace(/\s+/g, ' ').trim()
  )
}

/** The buttons of the header, in order. */
export function headerActions(response: ApiResponse) {
  const header = pageText(response).match(
    /<div class="[^"]*pratica-actions">([\s\S]*?)<\/div>\s*<\/div>/
  )
  if (!header) return []
  return [...header[1].matchAll(/<(?:button|a)[^>]*class="btn[^"]*"[^>]*>([^<]*)</g)].map((match) =>
    match[1].trim()
  )
}

/** A POST of the pratica page by an operator, not following the redirect. */
export function postAction(
  client: ApiClient,
  user: User,
  url: string,
  fields: Record<string, string> = {}
) {
  return client.post(url).loginAs(user).withCsrfToken().form(fields).redirects(0)
}

/** Deletes an ente made outside a global transaction, with what hangs on it. */
export async function dropEnte(enteId: number) {
  await db.from('outbox_events').where('ente_id', enteId).delete()
  await db.from('audit_logs').where('ente_id', enteId).delete()
  await db.from('pratiche').where('ente_id', enteId).delete()
  await db.from('users').where('ente_id', enteId).delete()
  await db.from('enti').where('id', enteId).delete()
}

export { enableEmail } from '#tests/functional/pratiche/helpers'

/** The e-mails asked for the ente (outbox events message.requested), oldest first. */
export async function requestedEmails(ente: Ente) {
  const rows = await db
    .from('outbox_events')
    .where('ente_id', ente.id)
    .where('type', 'message.requested')
    .orderBy('id')
  return rows.map((row) =>
    typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload
  )
}

/** Takes the pratica in charge for the operator, as the page would. */
export async function inChargeOf(pratica: Pratica, user: User) {
  await db.transaction((trx) =>
    changeStatus(trx, pratica.id, 4000, {
      actor: { type: 'operator', id: user.id, name: user.fullName },
      patch: { operatorId: user.id },
    })
  )
  await pratica.refresh()
}
