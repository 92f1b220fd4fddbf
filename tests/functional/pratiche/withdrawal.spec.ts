import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import PraticaStatusChange from '#models/pratica_status_change'
import type Citizen from '#models/citizen'
import type Service from '#models/service'
import { PraticaFactory } from '#factories/pratica_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { WITHDRAWAL_REFUSALS } from '#domain/withdrawal'
import type { PraticaStatusCode } from '#domain/pratica_status'
import { changeStatus } from '#services/pratiche/change_status'
import { pageText } from '#tests/functional/identity/helpers'
import EntePlugin from '#models/ente_plugin'
import { SimulatorServer } from '#extension_points/simulator_server'
import { simulatorRoutes } from '#plugins/protocol_test_register/simulator/routes'
import { asCitizen, fillAndSubmit, workTheQueue, ztlSetup } from './helpers.js'

/** A pratica of `citizen` taken from Bozza through `path` by the state machine. */
async function praticaThrough(
  service: Service,
  citizen: Citizen,
  path: PraticaStatusCode[],
  data: Record<string, unknown> = {}
) {
  const pratica = await PraticaFactory.merge({
    enteId: service.enteId,
    serviceId: service.id,
    citizenId: citizen.id,
    data: { applicant: { fiscal_code: { fiscal_code: citizen.fiscalCode } }, ...data },
  }).create()
  for (const status of path) {
    await db.transaction((trx) =>
      changeStatus(trx, pratica.id, status, {
        actor: { type: 'system' },
        patch: status === 1900 ? { submittedAt: DateTime.now() } : {},
      })
    )
  }
  await pratica.refresh()
  return pratica
}

test.group("Pratica: Ritira pratica and the manual's five rules", (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('withdrawn with the citizen as author: Ritirata in the iter, said on the page', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const pratica = await praticaThrough(service, citizen, [1900, 2000])
    const base = `/${ente.slug}/pratiche/${pratica.uuid}`

    const confirm = await asCitizen(client.get(`${base}/ritira`), ente, citizen)
    confirm.assertStatus(200)
    assert.include(pageText(confirm), "non sarà più lavorata dall'ufficio")
    assert.include(confirm.text(), `action="${base}/ritira"`)

    const response = await asCitizen(client.post(`${base}/ritira`), ente, citizen)
      .withCsrfToken()
      .redirects(0)
    assert.equal(response.header('location'), `${base}/ricevuta`)
    response.assertFlashMessage('success', 'La pratica è stata ritirata.')
    await pratica.refresh()
    assert.equal(pratica.status, 20000)
    const last = await PraticaStatusChange.query()
      .where('pratica_id', pratica.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.include(last.$attributes, { toStatus: 20000, actorType: 'citizen', actorId: citizen.id })
    assert.equal(last.label, 'Ritirata')

    const receipt = await asCitizen(client.get(`${base}/ricevuta`), ente, citizen)
    assert.match(receipt.text(), /<strong>Ritirata<\/strong>/)
    assert.notInclude(receipt.text(), `href="${base}/ritira"`)

    const again = await asCitizen(client.post(`${base}/ritira`), ente, citizen)
      .withCsrfToken()
      .redirects(0)
    again.assertFlashMessage('error', WITHDRAWAL_REFUSALS.state)
  })

  /** Each refused case: no button, a message on the confirmation page, the POST refused with it. */
  const refusals: Array<{
    rule: keyof typeof WITHDRAWAL_REFUSALS
    title: string
    service?: Partial<Service>
    path: PraticaStatusCode[]
    otherApplicant?: boolean
  }> = [
    {
      rule: 'not_configured',
      title: '1. withdrawal not configured for the service',
      service: { allowWithdrawal: false },
      path: [1900, 2000],
    },
    {
      rule: 'has_payment',
      title: '2. a payment exists',
      path: [1500, 1520, 1900, 2000],
    },
    {
      rule: 'not_applicant',
      title: '3. the citizen is not the applicant the pratica names',
      path: [1900, 2000],
      otherApplicant: true,
    },
    {
      rule: 'forwarded_and_acquired',
      title: '4. workflow Inoltro and already acquired by the back office',
      service: { workflow: 'forward' },
      path: [1900, 2000],
    },
    {
      rule: 'awaiting_protocol',
      title: '5. protocol required and still Inviata',
      service: { protocolRequired: true },
      path: [1900],
    },
    {
      rule: 'state',
      title: 'and a state with no way to Ritirata (Rifiutata)',
      path: [1900, 2000, 4000, 9000],
    },
  ]

  for (const refusal of refusals) {
    test(refusal.title, async ({ client, assert }) => {
      const { ente, service, citizen } = await ztlSetup(refusal.service)
      const someoneElse = await CitizenFactory.merge({ enteId: ente.id }).create()
      const pratica = await praticaThrough(
        service,
        citizen,
        refusal.path,
        refusal.otherApplicant
          ? { applicant: { fiscal_code: { fiscal_code: someoneElse.fiscalCode } } }
          : {}
      )
      const base = `/${ente.slug}/pratiche/${pratica.uuid}`
      const status = pratica.status

      const receipt = await asCitizen(client.get(`${base}/ricevuta`), ente, citizen)
      receipt.assertStatus(200)
      assert.notInclude(receipt.text(), `href="${base}/ritira"`, 'no "Ritira pratica" button')

      const confirm = await asCitizen(client.get(`${base}/ritira`), ente, citizen)
      assert.include(pageText(confirm), WITHDRAWAL_REFUSALS[refusal.rule])
      assert.notInclude(confirm.text(), `action="${base}/ritira"`)

      const response = await asCitizen(client.post(`${base}/ritira`), ente, citizen)
        .withCsrfToken()
        .redirects(0)
      response.assertFlashMessage('error', WITHDRAWAL_REFUSALS[refusal.rule])
      await pratica.refresh()
      assert.equal(pratica.status, status)
    })
  }

  test('the cases next to the rules: Inoltro still Inviata, protocol done, a draft', async ({
    client,
    assert,
  }) => {
    const forward = await ztlSetup({ workflow: 'forward' })
    const notYetForwarded = await praticaThrough(forward.service, forward.citizen, [1900])
    const protocolled = await ztlSetup({ protocolRequired: true })
    const registered = await praticaThrough(
      protocolled.service,
      protocolled.citizen,
      [1900, 2000, 3000]
    )

    for (const [setup, pratica] of [
      [forward, notYetForwarded],
      [protocolled, registered],
    ] as const) {
      const response = await asCitizen(
        client.post(`/${setup.ente.slug}/pratiche/${pratica.uuid}/ritira`),
        setup.ente,
        setup.citizen
      )
        .withCsrfToken()
        .redirects(0)
      response.assertFlashMessage('success', 'La pratica è stata ritirata.')
      await pratica.refresh()
      assert.equal(pratica.status, 20000)
    }

    const draft = await praticaThrough(protocolled.service, protocolled.citizen, [])
    const refused = await asCitizen(
      client.post(`/${protocolled.ente.slug}/pratiche/${draft.uuid}/ritira`),
      protocolled.ente,
      protocolled.citizen
    )
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage('error', WITHDRAWAL_REFUSALS.state)
  })

  test('rule 5 for real: refused while Inviata, allowed once protocol_test_register numbered it', async ({
    client,
    assert,
    cleanup,
  }) => {
    const register = new SimulatorServer(simulatorRoutes)
    await register.start()
    cleanup(() => register.stop())
    const { ente, service, citizen } = await ztlSetup({ protocolRequired: true })
    await EntePlugin.create({
      enteId: ente.id,
      pluginId: 'protocol_test_register',
      inContract: true,
      enabled: true,
      config: { aoo: `c_${ente.slug}`, baseUrl: register.url },
    })
    const { pratica, base } = await fillAndSubmit(client, ente, service, citizen)
    assert.equal(pratica.status, 1900)

    const early = await asCitizen(client.post(`${base}/ritira`), ente, citizen)
      .withCsrfToken()
      .redirects(0)
    early.assertFlashMessage('error', WITHDRAWAL_REFUSALS.awaiting_protocol)

    await workTheQueue()
    await pratica.refresh()
    assert.equal(pratica.status, 3000)
    const receipt = await asCitizen(client.get(`${base}/ricevuta`), ente, citizen)
    assert.include(receipt.text(), `href="${base}/ritira"`)
    const later = await asCitizen(client.post(`${base}/ritira`), ente, citizen)
      .withCsrfToken()
      .redirects(0)
    later.assertFlashMessage('success', 'La pratica è stata ritirata.')
  })

  test("another citizen's pratica is a 404, and stays as it was", async ({ client, assert }) => {
    const { ente, service, citizen } = await ztlSetup()
    const pratica = await praticaThrough(service, citizen, [1900, 2000])
    const stranger = await CitizenFactory.merge({ enteId: ente.id }).create()
    const response = await asCitizen(
      client.post(`/${ente.slug}/pratiche/${pratica.uuid}/ritira`),
      ente,
      stranger
    ).withCsrfToken()
    response.assertStatus(404)
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
  })
})
