import { test } from '@japa/runner'
import { createTestAdapter } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { startGpdSimulator } from './helpers/simulator.js'

/**
 * The check the ente admin sees when saving the configuration: what the
 * form cannot check (codes, IBAN), GPD reachable with the key, the avviso
 * template known to the print service.
 */
const { remote, config } = await startGpdSimulator()

async function check(overrides: Record<string, unknown> = {}) {
  const { adapter, context } = await createTestAdapter({
    plugin,
    config: { ...config, ...overrides },
  })
  return plugin.healthCheck!(context, adapter)
}

test.group('payment_pagopa_gpd health check', (group) => {
  group.each.setup(() => remote.start())
  group.teardown(() => remote.stop())

  test('a working configuration', async ({ assert }) => {
    assert.deepEqual(await check(), {
      ok: true,
      message: 'Gestione Posizioni Debitorie raggiungibile',
    })
  })

  test('codes and IBAN the form cannot check', async ({ assert }) => {
    const result = await check({
      segregationCode: '',
      iban: 'IT00 1234',
      organizationFiscalCode: 'ABC',
    })
    assert.isFalse(result.ok)
    assert.include(result.message, 'codice di segregazione di due cifre')
    assert.include(result.message, 'IBAN di accredito non è valido')
    assert.include(result.message, 'deve avere 11 cifre')
  })

  test('GPD unreachable, a template the print service does not have', async ({ assert }) => {
    const unknownTemplate = await check({ printTemplateId: 'modello-inesistente' })
    assert.isFalse(unknownTemplate.ok)
    assert.include(unknownTemplate.message, 'modello-inesistente')
    await remote.stop()
    const down = await check()
    assert.isFalse(down.ok)
    assert.include(down.message, 'non è raggiungibile')
  })
})
