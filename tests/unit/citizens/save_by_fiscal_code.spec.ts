import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Citizen from '#models/citizen'
import { EnteFactory } from '#factories/ente_factory'
import { saveByFiscalCode } from '#services/citizens/save_by_fiscal_code'

test.group('Citizens: one per (ente, codice fiscale)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an insert that loses a race is retried, not an error', async ({ assert }) => {
    const ente = await EnteFactory.create()
    const seen: boolean[] = []

    const citizen = await saveByFiscalCode(ente, 'BRTLNZ00C11L378I', async (found, isNew) => {
      seen.push(isNew)
      found.merge({ firstName: 'Lorenzo', lastName: 'Bertoli' })
      if (seen.length === 1) {
        // someone else creates the same person between our lookup and our insert
        await Citizen.create(
          { enteId: ente.id, fiscalCode: 'BRTLNZ00C11L378I', firstName: 'L', lastName: 'B' },
          { client: found.$trx }
        )
      }
    })

    assert.lengthOf(seen, 2, 'applied again after the unique index refused the insert')
    assert.equal(citizen.fullName, 'Lorenzo Bertoli')
    assert.lengthOf(await Citizen.query().where('ente_id', ente.id), 1)
  })

  test('other errors are not retried', async ({ assert }) => {
    const ente = await EnteFactory.create()
    let calls = 0

    await assert.rejects(() =>
      saveByFiscalCode(ente, 'BRTLNZ00C11L378I', () => {
        calls++
        // first_name is required
      })
    )
    assert.equal(calls, 1)
  })
})
