import { test } from '@japa/runner'
import AuditLog from '#models/audit_log'
import { simulatorFaults } from '#plugins/payment_mypay/simulator/faults'
import { staff } from '#tests/functional/backoffice_list/helpers'
import { pageText } from '#tests/functional/identity/helpers'
import { workTheQueue } from '#tests/functional/pratiche/helpers'
import { createAtIntermediary } from '#services/payments/create_at_intermediary'
import { payingSetup, positionsOf, submitAndCreate, withSimulatedMyPay } from './helpers.js'

const pageOf = (slug: string) => `/${slug}/backoffice/impostazioni/riconciliazione-pagamenti`

test.group('Payments: Riconciliazione pagamenti (ente admin)', (group) => {
  const mypay = withSimulatedMyPay(group)
  group.each.teardown(() => simulatorFaults.clear())

  test('counts per group, a failed creation listed with its error, "Riprova creazione" creates it once', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const admin = await staff(setup.ente, 'enteAdmin')
    await submitAndCreate(client, setup)
    simulatorFaults.inject('http500', { operation: 'paaSILImportaDovuto' })
    const { pratica, positions } = await submitAndCreate(client, setup)
    // the job's last attempt fails too: CREATION_FAILED
    simulatorFaults.inject('http500', { operation: 'paaSILImportaDovuto' })
    await createAtIntermediary(positions[0].id, { lastAttempt: true })
    await positions[0].refresh()
    assert.equal(positions[0].status, 'CREATION_FAILED')

    const page = await client.get(pageOf(setup.ente.slug)).loginAs(admin)
    page.assertStatus(200)
    const text = pageText(page)
    assert.match(text, /Creati <span[^>]*data-count="creati">2</)
    assert.match(text, /data-count="in_attesa">1</)
    assert.match(text, /data-count="falliti">1</)
    assert.match(text, /data-count="pagati">0</)

    const failed = pageText(
      await client.get(pageOf(setup.ente.slug)).qs({ gruppo: 'falliti' }).loginAs(admin)
    )
    assert.include(failed, 'Creazione di pagamento fallita')
    assert.include(failed, 'Riprova creazione')
    assert.include(failed, 'non è raggiungibile')

    const retry = () =>
      client
        .post(`${pageOf(setup.ente.slug)}/${positions[0].uuid}/riprova-creazione`)
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
    const first = await retry()
    const again = await retry()
    first.assertStatus(302)
    again.assertStatus(302)
    await workTheQueue()
    const [created] = await positionsOf(pratica)
    assert.equal(created.status, 'PAYMENT_PENDING')
    assert.lengthOf(await positionsOf(pratica), 1)
    const audit = await AuditLog.query().where('action', 'payment_creation_retried')
    assert.lengthOf(audit, 1)
  })

  test('an operator, or the admin of another ente, gets 404', async ({ client }) => {
    const setup = await payingSetup(mypay())
    const operator = await staff(setup.ente)
    const other = await payingSetup(mypay())
    const otherAdmin = await staff(other.ente, 'enteAdmin')
    const asOperator = await client.get(pageOf(setup.ente.slug)).loginAs(operator)
    const asOtherAdmin = await client.get(pageOf(setup.ente.slug)).loginAs(otherAdmin)
    asOperator.assertStatus(404)
    asOtherAdmin.assertStatus(404)
  })
})
