import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import PraticaStatusChange from '#models/pratica_status_change'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import { InvalidTransitionError } from '#domain/pratica_status'
import {
  changeStatus,
  StaleStatusError,
  PRATICA_STATUS_CHANGED,
} from '#services/pratiche/change_status'

async function submittedPratica() {
  const ente = await EnteFactory.create()
  const service = await ServiceFactory.merge({ enteId: ente.id }).create()
  return PraticaFactory.apply('submitted')
    .merge({ enteId: ente.id, serviceId: service.id })
    .create()
}

const operator = { type: 'operator' as const, id: 1, name: 'Mario Rossi' }

test.group('Pratica status changes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a change writes the state, the iter and the outbox event together', async ({ assert }) => {
    const pratica = await submittedPratica()

    await db.transaction((trx) =>
      changeStatus(trx, pratica.id, 4000, { actor: operator, message: 'Presa in carico' })
    )

    await pratica.refresh()
    assert.equal(pratica.status, 4000)
    const iter = await PraticaStatusChange.query().where('pratica_id', pratica.id)
    assert.lengthOf(iter, 1)
    assert.include(iter[0].$attributes, {
      fromStatus: 2000,
      toStatus: 4000,
      actorName: 'Mario Rossi',
    })
    const events = await db.from('outbox_events').where('type', PRATICA_STATUS_CHANGED)
    assert.lengthOf(events, 1)
    assert.deepInclude(JSON.parse(events[0].payload), {
      praticaId: pratica.id,
      from: 2000,
      to: 4000,
    })
  })

  test('a change that rolls back leaves no iter and no event', async ({ assert }) => {
    const pratica = await submittedPratica()
    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await changeStatus(trx, pratica.id, 4000, { actor: operator })
        throw new Error('something after it failed')
      })
    )
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
    assert.lengthOf(await PraticaStatusChange.query().where('pratica_id', pratica.id), 0)
    assert.lengthOf(await db.from('outbox_events').where('type', PRATICA_STATUS_CHANGED), 0)
  })

  test('a move the state machine forbids is refused and changes nothing', async ({ assert }) => {
    const pratica = await submittedPratica()
    await assert.rejects(
      () => db.transaction((trx) => changeStatus(trx, pratica.id, 7000, { actor: operator })),
      InvalidTransitionError
    )
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
  })

  test('partial approval is 7000 with the flag; the flag drops on any other state', async ({
    assert,
  }) => {
    const pratica = await submittedPratica()
    await db.transaction((trx) => changeStatus(trx, pratica.id, 4000, { actor: operator }))
    await db.transaction((trx) =>
      changeStatus(trx, pratica.id, 7000, { actor: operator, partial: true })
    )
    await pratica.refresh()
    assert.equal(pratica.statusLabel, 'Parzialmente approvata')
    await db.transaction((trx) =>
      changeStatus(trx, pratica.id, 4000, { actor: operator, partial: true })
    )
    await pratica.refresh()
    assert.isFalse(pratica.partial)
  })
})

test.group('Pratica status changes at the same time', () => {
  test('two operators taking charge at once: one succeeds, one is told, one iter entry', async ({
    assert,
    cleanup,
  }) => {
    const pratica = await submittedPratica()
    cleanup(async () => {
      await Pratica.query().where('ente_id', pratica.enteId).delete()
      await db.from('enti').where('id', pratica.enteId).delete()
      await db.from('outbox_events').where('ente_id', pratica.enteId).delete()
    })

    const takeCharge = (name: string) =>
      db.transaction((trx) =>
        changeStatus(trx, pratica.id, 4000, {
          actor: { type: 'operator', name },
          expectedFrom: [2000, 3000],
        })
      )
    const results = await Promise.allSettled([
      takeCharge('Mario Rossi'),
      takeCharge('Giulia Verdi'),
    ])

    assert.lengthOf(
      results.filter((result) => result.status === 'fulfilled'),
      1
    )
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult
    assert.instanceOf(refused.reason, StaleStatusError)
    assert.include(refused.reason.message, 'passata allo stato "In carico"')
    assert.lengthOf(await PraticaStatusChange.query().where('pratica_id', pratica.id), 1)
  })
})
