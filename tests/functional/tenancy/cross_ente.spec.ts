import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import EntePlugin from '#models/ente_plugin'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { ServiceFactory } from '#factories/service_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Upload from '#models/upload'
import PraticaDocument from '#models/pratica_document'
import PaymentPosition from '#models/payment_position'
import Stamp from '#models/stamp'
import { issuePasswordToken } from '#services/auth/password_tokens'

/**
 * A record of ente A is never reachable through ente B's URLs. The test
 * walks the route table, so a new ente route cannot escape it: each route
 * parameter naming a record needs a probe below, filled with a record of
 * ente A; the request goes to ente B's URL as B's most privileged staff
 * member (and as B's citizen) and must answer 404, while B's pages
 * without record parameters must not show anything of A.
 */

type Probe = (a: EnteA) => string
type EnteA = {
  ente: Ente
  serviceSlug: string
  serviceId: number
  marker: string
  pluginId: string
  operatorId: number
  passwordToken: string
  praticaUuid: string
  applicant: Citizen
  uploadId: string
  documentId: number
  positionUuid: string
  stampUuid: string
}

/** Parameters that name a record, with how to fill them with one of ente A's. */
const RECORD_PROBES: Record<string, Probe> = {
  slug: (a) => a.serviceSlug,
  service: (a) => String(a.serviceId),
  pluginId: (a) => a.pluginId,
  operatorId: (a) => String(a.operatorId),
  passwordToken: (a) => a.passwordToken,
  pratica: (a) => a.praticaUuid,
  upload: (a) => a.uploadId,
  document: (a) => String(a.documentId),
  position: (a) => a.positionUuid,
  stamp: (a) => a.stampUuid,
  plugin: (a) => a.pluginId,
}

/**
 * The personal area sends whoever is not its citizen (staff included) to
 * its door, "Accedi", whatever record the address names.
 */
const CITIZEN_AREA = '/:ente/area-personale/'

/** Parameters that do not name a record. */
const OTHER_PARAMS: Record<string, string> = {
  language: 'it',
  // a plugin action's name and an IdP logo of the SPID plugin
  action: 'refresh_idp_list',
  file: 'spid-idp-posteid.svg',
}

function enteRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.pattern.startsWith('/:ente'))
}

async function seedEnteA(): Promise<EnteA> {
  const ente = await EnteFactory.create()
  const marker = `Riservato-${ente.slug}`
  const service = await ServiceFactory.merge({
    enteId: ente.id,
    name: `Servizio ${marker}`,
  }).create()
  await EntePlugin.create({
    enteId: ente.id,
    pluginId: 'messaging_email',
    inContract: true,
    enabled: true,
    config: { senderAddress: 'noreply@a.example.it', senderName: marker, maxMessagesPerMinute: 60 },
  })
  const operator = await UserFactory.merge({ enteId: ente.id, firstName: marker }).create()
  const passwordToken = await db.transaction((trx) => issuePasswordToken(operator, 'reset', trx))
  // named with the marker: B's Elenco pratiche and its CSV must not show them
  const applicant = await CitizenFactory.merge({ enteId: ente.id, lastName: marker }).create()
  const pratica = await PraticaFactory.apply('submitted')
    .merge({ enteId: ente.id, serviceId: service.id, citizenId: applicant.id })
    .create()
  const upload = await Upload.create({
    id: randomUUID(),
    enteId: ente.id,
    owner: `pratica:${pratica.id}`,
    field: 'documento',
    clientName: `${marker}.pdf`,
    extension: 'pdf',
    mimeType: 'application/pdf',
    size: 10,
    diskKey: `uploads/${ente.id}/${marker}.pdf`,
  })
  const document = await PraticaDocument.create({
    enteId: ente.id,
    praticaId: pratica.id,
    kind: 'modulo_compilato',
    fileName: `${marker}.pdf`,
    mimeType: 'application/pdf',
    size: 10,
    diskKey: `uploads/${ente.id}/${marker}-modulo.pdf`,
    sha256: '0'.repeat(64),
  })
  const position = await PaymentPosition.create({
    uuid: randomUUID(),
    enteId: ente.id,
    praticaId: pratica.id,
    citizenId: applicant.id,
    idempotencyKey: `cross-ente:${pratica.id}`,
    type: 'PAGOPA',
    status: 'CREATION_FAILED',
    pluginId: 'payment_mypay',
    amountCents: 1600,
    causale: `Diritti ${marker}`,
    creditorFiscalCode: ente.codiceFiscale,
    payer: { fiscalCode: applicant.fiscalCode, name: marker, kind: 'person' },
    links: {},
    createdAt: DateTime.now(),
  })
  const stamp = await Stamp.create({
    uuid: randomUUID(),
    enteId: ente.id,
    praticaId: pratica.id,
    phase: 'at_request',
    itemIndex: 0,
    causale: `Bollo ${marker}`,
    amountCents: 1600,
  })
  return {
    ente,
    serviceSlug: service.slug,
    serviceId: service.id,
    marker,
    pluginId: 'messaging_email',
    operatorId: operator.id,
    passwordToken,
    praticaUuid: pratica.uuid,
    applicant,
    uploadId: upload.id,
    documentId: document.id,
    positionUuid: position.uuid,
    stampUuid: stamp.uuid,
  }
}

test.group('Ente isolation over the whole route table', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every ente route parameter has a cross-ente probe', ({ assert }) => {
    const unknown = enteRoutes().flatMap((route) =>
      (route.pattern.match(/:(\w+)/g) ?? [])
        .map((param) => param.slice(1))
        .filter((name) => name !== 'ente' && !RECORD_PROBES[name] && !(name in OTHER_PARAMS))
        .map((name) => `${route.pattern} (:${name})`)
    )
    assert.deepEqual(unknown, [], 'add a probe for these parameters in cross_ente.spec.ts')
  })

  test("ente B's URLs never reach or show a record of ente A", async ({ client, assert }) => {
    const a = await seedEnteA()
    const b = await EnteFactory.create()
    const staffOfB = await UserFactory.apply('enteAdmin').merge({ enteId: b.id }).create()
    const citizenOfB = await CitizenFactory.merge({ enteId: b.id }).create()

    const checked: string[] = []
    for (const route of enteRoutes()) {
      const params = (route.pattern.match(/:(\w+)/g) ?? []).map((param) => param.slice(1))
      const namesRecord = params.some((name) => RECORD_PROBES[name])
      const url = route.pattern.replace(/:(\w+)/g, (_, name: string) =>
        name === 'ente' ? b.slug : RECORD_PROBES[name] ? RECORD_PROBES[name](a) : OTHER_PARAMS[name]
      )

      const missingUrl = route.pattern.replace(/:(\w+)/g, (_, name: string) =>
        name === 'ente' ? b.slug : RECORD_PROBES[name] ? 'record-inesistente' : OTHER_PARAMS[name]
      )

      for (const method of route.methods.filter((verb) => verb !== 'HEAD')) {
        for (const as of ['staff', 'citizen'] as const) {
          const send = (target: string) => {
            let request = client.request(target, method as any).redirects(0)
            request =
              as === 'staff'
                ? request.loginAs(staffOfB)
                : request.withGuard('citizen').loginAs(citizenOfB)
            return method === 'GET' ? request : request.withCsrfToken()
          }
          const response = await send(url)
          const label = `${as} ${method} ${url}`

          if (namesRecord && as === 'staff' && !route.pattern.startsWith(CITIZEN_AREA)) {
            assert.equal(response.status(), 404, `${label} should answer 404`)
          } else if (namesRecord) {
            // someone outside that area is sent to its door exactly as for a
            // record that does not exist (staff in the personal area too):
            // the answer tells nothing
            const missing = await send(missingUrl)
            assert.equal(
              response.status(),
              missing.status(),
              `${label} differs from a missing record`
            )
            assert.equal(response.header('location'), missing.header('location'), label)
          } else {
            assert.isBelow(response.status(), 500, `${label} failed`)
          }
          assert.notInclude(response.text(), a.marker, `${label} shows a record of ente A`)
          checked.push(label)
        }
      }
    }
    // the walk really covered the record routes
    assert.isAbove(checked.filter((label) => label.includes(a.serviceSlug)).length, 0)
    assert.isAbove(checked.filter((label) => label.includes(a.pluginId)).length, 0)
    assert.isAbove(checked.filter((label) => label.includes(`/servizi/${a.serviceId}/`)).length, 0)
    assert.isAbove(checked.filter((label) => label.includes(`/${a.operatorId}`)).length, 0)
    assert.isAbove(checked.filter((label) => label.includes(a.passwordToken)).length, 0)
    assert.isAbove(checked.filter((label) => label.includes(a.praticaUuid)).length, 0)
    assert.isAbove(checked.filter((label) => label.includes(a.uploadId)).length, 0)
  })

  test("ente A's own staff and visitors do reach the same records", async ({ client }) => {
    const a = await seedEnteA()
    const staffOfA = await UserFactory.apply('enteAdmin').merge({ enteId: a.ente.id }).create()

    const scheda = await client.get(`/${a.ente.slug}/servizi/${a.serviceSlug}`)
    scheda.assertStatus(200)
    scheda.assertTextIncludes(a.marker)

    const serviceTab = await client
      .get(`/${a.ente.slug}/backoffice/servizi/${a.serviceId}/dati-generali`)
      .loginAs(staffOfA)
    serviceTab.assertStatus(200)
    serviceTab.assertTextIncludes(a.marker)

    const plugin = await client
      .get(`/${a.ente.slug}/backoffice/impostazioni/plugin/${a.pluginId}`)
      .loginAs(staffOfA)
    plugin.assertStatus(200)
    plugin.assertTextIncludes(a.marker)

    const operator = await client
      .get(`/${a.ente.slug}/backoffice/operatori/${a.operatorId}/modifica`)
      .loginAs(staffOfA)
    operator.assertStatus(200)
    operator.assertTextIncludes(a.marker)

    const passwordLink = await client.get(`/${a.ente.slug}/operatori/password/${a.passwordToken}`)
    passwordLink.assertStatus(200)

    const receipt = await client
      .get(`/${a.ente.slug}/pratiche/${a.praticaUuid}/ricevuta`)
      .withGuard('citizen')
      .loginAs(a.applicant)
    receipt.assertStatus(200)
    receipt.assertTextIncludes(a.marker)

    const pratica = await client
      .get(`/${a.ente.slug}/area-personale/pratiche/${a.praticaUuid}`)
      .withGuard('citizen')
      .loginAs(a.applicant)
    pratica.assertStatus(200)
    pratica.assertTextIncludes(a.marker)
    pratica.assertTextIncludes(`/${a.ente.slug}/area-personale/allegati/${a.uploadId}`)

    const list = await client.get(`/${a.ente.slug}/backoffice`).loginAs(staffOfA)
    list.assertTextIncludes(a.marker)
    const csv = await client.get(`/${a.ente.slug}/backoffice/pratiche/esporta`).loginAs(staffOfA)
    csv.assertTextIncludes(a.marker)
  })
})
