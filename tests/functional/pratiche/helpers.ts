import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import type { ApiRequest, ApiResponse } from '@japa/api-client'
import Pratica from '#models/pratica'
import EntePlugin from '#models/ente_plugin'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import type Service from '#models/service'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { saveFormVersion } from '#services/forms/form_versions'
import { subscriptions } from '#queue/subscriptions'
import { DatabaseQueueDriver } from '#queue/database_driver'
import { OutboxDispatcher } from '#queue/outbox_dispatcher'
import type { QueueConfig } from '#queue/config'
import type { AuthLevelValue } from '#domain/auth_level'

export const ZTL_FORM = 'database/data/forms/services/ztl.json'

/** A real PDF's first bytes are enough for the content check. */
export const pdfFile = (size = 2048) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)])

/** The ente's e-mail channel, as the demo enables it (`connection`: another database than the app's). */
export function enableEmail(ente: Ente, connection?: string) {
  return EntePlugin.create(
    {
      enteId: ente.id,
      pluginId: 'messaging_email',
      inContract: true,
      enabled: true,
      config: {
        senderAddress: 'noreply@comune.prova.it',
        senderName: ente.name,
        maxMessagesPerMinute: 600,
      },
    },
    { connection }
  )
}

/**
 * An ente with the e-mail channel, the ZTL service of the manual (its
 * form, SPID level 2, 30 days) and a citizen who logged in with SPID.
 */
export async function ztlSetup(service: Partial<Service> = {}) {
  const ente = await EnteFactory.create()
  await enableEmail(ente)
  const ztl = await ServiceFactory.merge({
    enteId: ente.id,
    name: 'Richiedere permesso di accesso ad area ZTL',
    slug: 'permesso-ztl',
    minAuthLevel: 2,
    maxResponseDays: 30,
    ...service,
  }).create()
  const schema = JSON.parse(await readFile(app.makePath(ZTL_FORM), 'utf8'))
  const version = await saveFormVersion(ztl, schema)
  const citizen = await CitizenFactory.merge({ enteId: ente.id }).create()
  return { ente, service: ztl, version, citizen }
}

/** The request as `citizen`, logged in with SPID at `level` (the session a real login leaves). */
export function asCitizen(
  request: ApiRequest,
  ente: Ente,
  citizen: Citizen,
  level: AuthLevelValue = 2
) {
  return request
    .withGuard('citizen')
    .loginAs(citizen)
    .withSession({
      citizen_identity: {
        enteId: ente.id,
        citizenId: citizen.id,
        pluginId: 'identity_spid',
        fiscalNumber: citizen.fiscalCode,
        level,
        source: 'spid',
      },
    })
}

/** Every field of the ZTL form for `citizen` applying for themselves, valid. */
export function ztlFields(citizen: Citizen, overrides: Record<string, string> = {}) {
  return {
    'privacy': 'true',
    'role': 'richiedente',
    'request_type': 'attivazione',
    'applicant/completename/name': citizen.firstName,
    'applicant/completename/surname': citizen.lastName,
    'applicant/Born/natoAIl': '20/02/1980',
    'applicant/Born/place_of_birth': 'Pisa',
    'applicant/gender/gender': 'maschio',
    'applicant/fiscal_code/fiscal_code': citizen.fiscalCode,
    'applicant/email_address': citizen.email ?? 'richiedente@example.it',
    'applicant/cell_number': '3331234567',
    'applicant/address/address': 'Via Roma',
    'applicant/address/house_number': '12',
    'applicant/address/municipality': 'Pisa',
    'applicant/address/county': 'PI',
    'applicant/address/postal_code': '56100',
    'vehicles/0/_row': '1',
    'vehicles/0/plate': 'AB123CD',
    'vehicles/0/vehicle_type': 'autovettura',
    'duration': 'permanente',
    'start_date': '01/12/2030',
    ...overrides,
  }
}

/** The draft "Accedi al servizio online" opens for the citizen. */
export async function openDraft(client: any, ente: Ente, service: Service, citizen: Citizen) {
  const response: ApiResponse = await asCitizen(
    client.get(`/${ente.slug}/servizi/${service.slug}/compila`).redirects(0),
    ente,
    citizen
  )
  const location = String(response.header('location'))
  const uuid = location.split('/')[3]
  const pratica = await Pratica.findByOrFail('uuid', uuid)
  return { response, pratica, base: `/${ente.slug}/pratiche/${uuid}` }
}

/** The whole form posted with "Invia" on the last step, then "Invia" on the Riepilogo. */
export async function fillAndSubmit(
  client: any,
  ente: Ente,
  service: Service,
  citizen: Citizen,
  overrides: Record<string, string> = {}
) {
  const { pratica, base } = await openDraft(client, ente, service, citizen)
  const filled: ApiResponse = await asCitizen(client.post(`${base}/compila`), ente, citizen)
    .withCsrfToken()
    .form({ ...ztlFields(citizen, overrides), _step: '3', _action: 'submit' })
    .redirects(0)
  if (filled.header('location') !== `${base}/riepilogo`) {
    throw new Error(`the form was not accepted: ${filled.status()} ${filled.text().slice(0, 300)}`)
  }
  const sent: ApiResponse = await asCitizen(client.post(`${base}/invia`), ente, citizen)
    .withCsrfToken()
    .redirects(0)
  await pratica.refresh()
  return { pratica, base, sent }
}

/**
 * What the queue runtime does in the web process, until nothing is left:
 * outbox events to jobs, due jobs run (their own events follow).
 */
export async function workTheQueue(options: { clock?: () => Date } = {}) {
  const config = app.config.get<QueueConfig>('queue')
  const driver = new DatabaseQueueDriver({ ...config.database, clock: options.clock })
  const dispatcher = new OutboxDispatcher({ ...config.outbox, queue: driver, subscriptions })
  for (let round = 0; round < 10; round++) {
    await dispatcher.dispatchPending()
    if ((await driver.runDue(20)) === 0) return
  }
}
