import { execFile } from 'node:child_process'
import db from '@adonisjs/lucid/services/db'
import EntePlugin from '#models/ente_plugin'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type User from '#models/user'
import { UserFactory } from '#factories/user_factory'
import { EnteFactory } from '#factories/ente_factory'
import type { PraticaStatusCode } from '#domain/pratica_status'
import { areaFixture, praticaIn } from '#tests/functional/personal_area/helpers'

/**
 * An ente with the e-mail channel on, the service "Richiedere permesso di
 * accesso ad area ZTL" (integration requests allowed), the operator Mario
 * Rossi enabled for it, and Lorenzo Bertoli's pratica In carico to Mario.
 */
export async function integrationFixture(
  options: { status?: PraticaStatusCode; protocolRequired?: boolean } = {}
) {
  const { ente, citizen, service, area } = await areaFixture()
  await enableEmail(ente)
  citizen.email = 'bertoli96@example.it'
  await citizen.save()
  service.allowIntegrationRequests = true
  service.protocolRequired = options.protocolRequired ?? false
  await service.save()
  const operator = await UserFactory.merge({
    enteId: ente.id,
    firstName: 'Mario',
    lastName: 'Rossi',
  }).create()
  await operator.related('services').attach([service.id])
  const pratica = await praticaIn(ente, service, citizen, 4000)
  pratica.operatorId = operator.id
  await pratica.save()
  const base = `/${ente.slug}/backoffice/pratiche/${pratica.uuid}`
  return { ente, citizen, service, operator, pratica, base, area }
}

export async function enableEmail(ente: Ente) {
  await EntePlugin.create({
    enteId: ente.id,
    pluginId: 'messaging_email',
    inContract: true,
    enabled: true,
    config: {
      senderAddress: 'noreply@comune.example.it',
      senderName: 'Comune',
      maxMessagesPerMinute: 60,
    },
  })
}

/** Staff who must get 404: an operator not enabled for the service, and one of another ente. */
export async function outsiders(ente: Ente): Promise<User[]> {
  const other = await EnteFactory.create()
  return [
    await UserFactory.merge({ enteId: ente.id }).create(),
    await UserFactory.merge({ enteId: other.id }).create(),
  ]
}

export async function iterOf(pratica: Pratica) {
  const rows = await db
    .from('pratica_status_changes')
    .where('pratica_id', pratica.id)
    .orderBy('id')
    .select('to_status', 'actor_type')
  return rows.map((row) => `${row.to_status}:${row.actor_type}`)
}

export async function emailsTo(address: string) {
  const events = await db.from('outbox_events').where('type', 'message.requested').orderBy('id')
  return events
    .map((event) => (typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload))
    .filter((payload) => payload.recipient?.email === address)
}

/** The text of a PDF as poppler's pdftotext reads it, whitespace collapsed. */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], (error, stdout) =>
      error ? reject(error) : resolve(stdout.replace(/\s+/g, ' '))
    )
    child.stdin!.end(pdf)
  })
}
