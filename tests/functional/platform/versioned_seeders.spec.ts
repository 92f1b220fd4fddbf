import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { overrideEnv } from '#tests/helpers/env'
import { runVersionedSeeders } from '#services/setup/versioned_seeders'

const TABLES = [
  'enti',
  'users',
  'offices',
  'services',
  'categories',
  'operator_services',
  'service_offices',
]

async function snapshot() {
  const counts: Record<string, unknown> = {}
  for (const table of TABLES) {
    const [row] = await db.from(table).count('* as total')
    counts[table] = row.total
  }
  const [latest] = await db.from('services').max('updated_at as latest')
  counts.latestUpdate = latest.latest
  return counts
}

test.group('Versioned seeders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the demo data loads once: a second run changes nothing', async ({ assert, cleanup }) => {
    cleanup(overrideEnv({ DEMO_DATA: true }))

    const first = await runVersionedSeeders(app)
    assert.include(first, '0001_demo_enti')
    const afterFirst = await snapshot()

    const second = await runVersionedSeeders(app)
    assert.deepEqual(second, [])
    assert.deepEqual(await snapshot(), afterFirst)

    const bugliano = await db.from('enti').where('slug', 'comune-di-bugliano').first()
    const users = await db.from('users').select('username')
    const usernames = users.map((row) => row.username)
    assert.equal(bugliano.name, 'Comune di Bugliano')
    assert.includeMembers(usernames, [
      'admin',
      'admin.bugliano',
      'lorenzo.bertoli',
      'mario.rossi',
      'giulia.verdi',
    ])
  })

  test('demo data is skipped when DEMO_DATA is off', async ({ assert, cleanup }) => {
    cleanup(overrideEnv({ DEMO_DATA: false }))
    const ran = await runVersionedSeeders(app)
    assert.notInclude(ran, '0001_demo_enti')
    assert.isNull(await db.from('enti').where('slug', 'comune-di-bugliano').first())
  })
})
