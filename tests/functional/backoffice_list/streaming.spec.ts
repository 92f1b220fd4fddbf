import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { listScope } from '#services/backoffice/list_scope'
import { resolveListRequest } from '#services/backoffice/list_request'
import { praticheCsv } from '#services/backoffice/pratiche_export'
import { isPostgres } from '#services/backoffice/db_values'
import { exportUrl, listFixture, listUrl } from './helpers.js'

const ROWS = 20_000

/**
 * ROWS sent pratiche of the ZTL service, one a minute back in time, in
 * multi-row inserts (of 400: SQLite takes at most 500 rows in one).
 */
const INSERT = 400
async function manyPratiche() {
  const fixture = await listFixture()
  const start = DateTime.now()
  const stamp = (minutes: number) => {
    const value = start.minus({ minutes })
    return isPostgres() ? value.toISO() : value.toLocal().toFormat('yyyy-MM-dd HH:mm:ss')
  }
  for (let from = 0; from < ROWS; from += INSERT) {
    await db.table('pratiche').multiInsert(
      Array.from({ length: INSERT }, (_, index) => ({
        ente_id: fixture.ente.id,
        uuid: randomUUID(),
        service_id: fixture.ztl.id,
        citizen_id: fixture.citizen.id,
        status: 2000,
        data: '{}',
        auth_method: 'spid',
        priority: 0,
        status_changed_at: stamp(from + index),
        created_at: stamp(from + index),
        updated_at: stamp(from + index),
      }))
    )
  }
  return fixture
}

test.group('Elenco pratiche: the CSV streams', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(120_000)

  test('20,000 rows go out as the database gives them, never held all at once', async ({
    assert,
  }) => {
    const { ente, ztl, operator } = await manyPratiche()
    const scope = listScope(ente, operator)
    const request = await resolveListRequest(scope, { servizio: String(ztl.id) })

    const chunks: number[] = []
    for await (const chunk of praticheCsv(scope, request)) {
      chunks.push(chunk.split('\r\n').length - 1)
    }
    // the header alone, then one piece per batch of 1,000 rows, then the (empty) summary
    assert.equal(chunks[0], 1)
    assert.deepEqual(chunks.slice(1, -1), new Array(ROWS / 1000).fill(1000))
    assert.equal(chunks.at(-1), 0)
  })

  test('over HTTP the response is chunked (no length known in advance) and complete', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator } = await manyPratiche()

    const response = await client.get(exportUrl(ente)).qs({ servizio: ztl.id }).loginAs(operator)

    response.assertStatus(200)
    assert.equal(response.header('transfer-encoding'), 'chunked')
    assert.isUndefined(response.header('content-length'))
    const lines = response.text().split('\r\n').filter(Boolean)
    assert.lengthOf(lines, ROWS + 1)
  })

  test('the list counts up to 10,000 and says "oltre" past it; its pages stop there', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator } = await manyPratiche()

    const first = await client.get(listUrl(ente)).qs({ servizio: ztl.id }).loginAs(operator)
    first.assertTextIncludes('Vista da 1 a 10 di oltre 10.000 pratiche')
    assert.include(first.text(), `?servizio=${ztl.id}&amp;page=1000"`)
    assert.notInclude(first.text(), 'page=1001')

    const beyond = await client
      .get(listUrl(ente))
      .qs({ servizio: ztl.id, page: 1500, per_pagina: 10 })
      .loginAs(operator)
    beyond.assertTextIncludes('Vista da 9991 a 10.000 di oltre 10.000 pratiche')
    const small = await client
      .get(listUrl(ente))
      .qs({ servizio: ztl.id, periodo: 'oggi', per_pagina: 100 })
      .loginAs(operator)
    assert.match(small.text(), /Vista da 1 a 100 di [\d.]+ pratiche/)
  })

  test('an export stopped halfway (the browser went away) gives its connection back', async ({
    assert,
  }) => {
    const { ente, ztl, operator } = await manyPratiche()
    const scope = listScope(ente, operator)
    const request = await resolveListRequest(scope, { servizio: String(ztl.id) })

    const csv = praticheCsv(scope, request)
    await csv.next()
    await csv.next()
    await csv.return(undefined)

    if (isPostgres()) {
      const open = await db.rawQuery('select count(*) as open from pg_cursors')
      assert.equal(Number(open.rows[0].open), 0)
    }
    const [row] = await db.from('pratiche').where('ente_id', ente.id).count('* as total')
    assert.equal(Number(row.total), ROWS)
  })
})
