import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { runOnce } from '#queue/run_once'
import { createEffectsTable, EFFECTS_TABLE } from '#tests/fixtures/jobs/effect_job'
import { emptyQueueTables } from './helpers.js'

async function applyEffect(key: string) {
  return runOnce(key, async (trx) => {
    await trx.insertQuery().table(EFFECTS_TABLE).insert({ effect_key: key, label: 'unit' })
  })
}

async function effectRows(key: string) {
  return db.from(EFFECTS_TABLE).where('effect_key', key)
}

test.group('Queue / runOnce', (group) => {
  group.setup(() => createEffectsTable(db.connection()))
  group.each.setup(async () => {
    await emptyQueueTables()
    await db.from(EFFECTS_TABLE).delete()
  })

  test('a job delivered twice applies its effect once', async ({ assert }) => {
    assert.isTrue(await applyEffect('pratica:7:acquire'))
    assert.isFalse(await applyEffect('pratica:7:acquire'))
    assert.lengthOf(await effectRows('pratica:7:acquire'), 1)
  })

  test('two deliveries at the same time apply the effect once', async ({ assert }) => {
    const applied = await Promise.all([applyEffect('callback:42'), applyEffect('callback:42')])
    assert.sameMembers(applied, [true, false])
    assert.lengthOf(await effectRows('callback:42'), 1)
  })

  test('an effect that fails leaves no key behind, so the next delivery applies it', async ({
    assert,
  }) => {
    await assert.rejects(() =>
      runOnce('flaky', async (trx) => {
        await trx
          .insertQuery()
          .table(EFFECTS_TABLE)
          .insert({ effect_key: 'flaky', label: 'half done' })
        throw new Error('protocollo non raggiungibile')
      })
    )
    assert.lengthOf(await effectRows('flaky'), 0, 'the partial effect was rolled back')
    assert.isNull(await db.from('processed_effects').where('key', 'flaky').first())

    assert.isTrue(await applyEffect('flaky'))
    assert.lengthOf(await effectRows('flaky'), 1)
  })
})
