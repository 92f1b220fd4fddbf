import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import OutboxEvent from '#models/outbox_event'
import { PraticaFactory } from '#factories/pratica_factory'
import { requestPositions, type PositionsRequest } from '#services/payments/positions'
import { praticaHasPayment } from '#services/pratiche/withdraw_pratica'
import { ztlSetup } from '#tests/functional/pratiche/helpers'

test.group('Payments: recording positions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('asked twice for the same pratica, payment and try: one row, one creation request; a new try is a new row', async ({
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const pratica = await PraticaFactory.merge({
      enteId: ente.id,
      serviceId: service.id,
      citizenId: citizen.id,
      status: 4000,
    }).create()
    assert.isFalse(await praticaHasPayment(pratica))

    const request: PositionsRequest = {
      ente,
      pluginId: 'payment_mypay',
      payer: { fiscalCode: citizen.fiscalCode, name: citizen.fullName, kind: 'person' },
      praticaId: pratica.id,
      citizenId: citizen.id,
      phase: 'deferred',
      attempt: 1,
      items: [{ amountCents: 5000, causale: 'Diritti di istruttoria' }],
    }
    const first = await db.transaction((trx) => requestPositions(trx, request))
    const again = await db.transaction((trx) => requestPositions(trx, request))
    assert.deepEqual(
      again.map((position) => position.id),
      first.map((position) => position.id)
    )
    assert.equal(first[0].idempotencyKey, `pratica:${pratica.id}:deferred:1`)
    assert.equal(first[0].status, 'CREATION_PENDING')
    const requested = await OutboxEvent.query()
      .where('enteId', ente.id)
      .where('type', 'payment_position.requested')
    assert.lengthOf(requested, 1)

    const retry = await db.transaction((trx) => requestPositions(trx, { ...request, attempt: 2 }))
    assert.notEqual(retry[0].id, first[0].id)
    assert.equal(retry[0].idempotencyKey, `pratica:${pratica.id}:deferred:1:tentativo:2`)

    // withdrawal rule 2: a payment position, whatever its state, is a payment
    assert.isTrue(await praticaHasPayment(pratica))
  })
})
