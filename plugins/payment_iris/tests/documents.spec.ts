import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import { TEST_PAYER, createTestAdapter } from '#extension_points/payment/testing'
import db from '@adonisjs/lucid/services/db'
import plugin from '../plugin.js'
import { journal } from '../simulator/journal.js'
import { TEST_RETURN_URLS, refOf } from '#extension_points/payment/kit/testing_kit'
import { checkout, startIris } from './harness.js'
import { schemaErrors } from './xsd.js'

const DAY_MS = 86_400_000

test.group('IRIS documents', (group) => {
  let iris: Awaited<ReturnType<typeof startIris>>
  group.setup(async () => {
    iris = await startIris()
    return () => iris.remote.stop()
  })

  test('every message the adapter sends and every answer and push of the simulator is valid against IRIS’s XSDs', async ({
    assert,
  }) => {
    const { adapter } = await createTestAdapter({ plugin, config: iris.config })
    const from = journal().length
    const position = (key: string, overrides = {}) =>
      adapter.createPosition({
        idempotencyKey: `xsd-${key}-${Date.now()}`,
        payer: { ...TEST_PAYER },
        amountCents: 1550,
        description: 'Iscrizione al servizio mensa scolastica 2026/2027 & trasporto <scuolabus>',
        dueDate: new Date(Date.now() + 30 * DAY_MS),
        expiresAt: new Date(Date.now() + 60 * DAY_MS),
        taxonomy: '9/0101108TS/',
        ...overrides,
      })
    const single = await position('singola')
    const stamp = await position('bollo', {
      amountCents: 1600,
      description: 'Imposta di bollo',
      stamp: {
        documentHash: createHash('sha256').update('istanza').digest('base64'),
        hashAlgorithm: 'sha256',
        province: 'PI',
      },
    })
    const cart = [await position('carrello-1'), await position('carrello-2')]
    await checkout(adapter, [single])
    await checkout(adapter, [stamp])
    await checkout(adapter, cart)
    await adapter.getReceipt(refOf(stamp))
    // refused messages have their own answer shape: a message already processed, a paid position
    await position('singola-ancora', { idempotencyKey: 'xsd-doppio' })
    await position('singola-ancora', { idempotencyKey: 'xsd-doppio' })
    await adapter
      .startPayment({ positions: [refOf(single)], returnUrls: TEST_RETURN_URLS })
      .catch(() => {})

    const exchanges = journal().slice(from)
    const pushes = await db.from('iris_sim_notifiche').select('documento')
    const problems = []
    for (const exchange of exchanges) {
      problems.push(await schemaErrors(exchange.request), await schemaErrors(exchange.answer))
    }
    for (const push of pushes) problems.push(await schemaErrors(push.documento))
    // the check itself: a pendenza with its members out of order is refused
    const misordered = exchanges[0].request.replace(
      /(<idpAP:IdPendenza>[^<]*<\/idpAP:IdPendenza>)(<idpAP:Mittente>.*?<\/idpAP:Mittente>)/,
      '$2$1'
    )
    assert.notEqual(misordered, exchanges[0].request)
    const refusal = await schemaErrors(misordered)
    assert.match(refusal ?? '', /not expected/)
    assert.isAbove(exchanges.length, 10)
    assert.isAbove(pushes.length, 2)
    assert.deepEqual(problems.filter(Boolean), [])
  })
})
