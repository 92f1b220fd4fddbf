import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import { inlineBlocks } from '#domain/forms/formio/library'
import { importForm } from '#domain/forms/formio/import'
import { blockLibrary } from '#services/forms/block_library'
import { periodRange } from '#domain/periods'
import {
  filteredPratiche,
  listRowsQuery,
  pageIdsQuery,
  rowsByIds,
  noFilters,
  type PraticheFilters,
} from '#services/backoffice/pratiche_list'
import type { ListScope } from '#services/backoffice/list_scope'
import { statesOfService } from '#services/backoffice/service_states'
import { chooseColumns, formColumns, shownValue } from '#services/backoffice/table_options'
import { pageWindow } from '#services/backoffice/list_page'
import { validatePraticheFilters } from '#validators/pratiche_filters'
import { newServiceSettings } from '#domain/service_settings'

const operator: ListScope = { enteId: 7, userId: 42, allServices: false }
const admin: ListScope = { enteId: 7, userId: 1, allServices: true }

function sqlOf(scope: ListScope, changes: Partial<PraticheFilters>) {
  const { sql, bindings } = filteredPratiche(scope, { ...noFilters(), ...changes }).toSQL()
  return { sql: sql.replace(/["`]/g, ''), bindings }
}

test.group('Elenco pratiche: the query', () => {
  test("always the ente; an operator's enabled services; never drafts", ({ assert }) => {
    const { sql, bindings } = sqlOf(operator, {})
    assert.include(sql, 'p.ente_id = ?')
    assert.include(
      sql,
      'p.service_id in (select service_id from operator_services where user_id = ?)'
    )
    assert.include(sql, 'p.status > ?')
    assert.includeMembers(bindings as unknown[], [7, 42, 1000])

    const forAdmin = sqlOf(admin, {})
    assert.notInclude(forAdmin.sql, 'operator_services')
    assert.include(forAdmin.sql, 'p.ente_id = ?')
  })

  test('a chosen state, never a draft; every filter reads pratiche', ({ assert }) => {
    const changed = periodRange('mese-scorso', DateTime.fromISO('2025-03-10T10:00:00Z'))
    const { sql, bindings } = sqlOf(operator, {
      serviceId: 3,
      status: 4000,
      areaId: 5,
      work: { kind: 'office', officeId: 9 },
      changed,
      priority: 2,
    })
    assert.include(sql, 'p.service_id = ?')
    assert.include(sql, 'p.status > ? and p.status = ?')
    assert.include(
      sql,
      'p.service_id in (select service_id from service_geographic_areas where geographic_area_id = ?)'
    )
    assert.include(sql, 'p.office_id = ?')
    assert.include(sql, 'p.status_changed_at >= ?')
    assert.include(sql, 'p.status_changed_at < ?')
    assert.include(sql, 'p.priority = ?')
    assert.includeMembers(bindings as unknown[], [3, 4000, 5, 9, 2])
  })

  test('lavorazione: in carico a me, da assegnare (open ones only)', ({ assert }) => {
    const mine = sqlOf(operator, { work: { kind: 'mine' } })
    assert.include(mine.sql, 'p.operator_id = ?')
    assert.include(mine.bindings as unknown[], 42)

    const unassigned = sqlOf(operator, { work: { kind: 'unassigned' } })
    assert.include(unassigned.sql, 'p.operator_id is null')
    assert.include(unassigned.sql, 'p.status not in (?, ?, ?, ?)')
  })

  test('search: a Numero richiesta by equality, names and codici fiscali by their beginning', ({
    assert,
  }) => {
    const uuid = sqlOf(operator, { search: 'B7C6EC66-EA1B-4BEC-826B-42231D4DF2CA' })
    assert.include(uuid.sql, 'p.uuid = ?')
    assert.include(uuid.bindings as unknown[], 'b7c6ec66-ea1b-4bec-826b-42231d4df2ca')
    assert.notInclude(uuid.sql, 'citizens')

    const name = sqlOf(operator, { search: '  Lorenzo   BERT%_ ' })
    assert.include(name.sql, 'p.citizen_id in (select id from citizens where ente_id = ?')
    assert.include(name.sql, 'lower(first_name) like ?')
    assert.include(name.sql, 'lower(last_name) like ?')
    assert.include(name.sql, 'fiscal_code like ?')
    // LIKE wildcards typed by the operator are not wildcards
    assert.includeMembers(name.bindings as unknown[], ['lorenzo%', 'LORENZO%', 'bert%', 'BERT%'])
    assert.notInclude(name.sql, "like '%")

    const few = sqlOf(operator, { search: 'mario rossi', searchCitizenIds: [4, 8] })
    assert.include(few.sql, 'p.citizen_id in (?, ?)')
    assert.notInclude(few.sql, 'citizens')
  })

  test('rows: names joined, every order ends with the change of state and the pratica', ({
    assert,
  }) => {
    const byName = listRowsQuery(operator, {
      ...noFilters(),
      sort: 'richiedente',
      direction: 'asc',
    })
      .toSQL()
      .sql.replace(/["`]/g, '')
    assert.include(byName, 'left join citizens as c on c.id = p.citizen_id')
    assert.include(byName, 'left join users as u on u.id = p.operator_id')
    assert.include(byName, 'left join offices as o on o.id = p.office_id')
    assert.match(
      byName,
      /order by c\.last_name is null, c\.last_name asc, c\.first_name is null, c\.first_name asc, p\.status_changed_at asc, p\.id asc$/
    )
    const byDefault = listRowsQuery(operator, noFilters()).toSQL().sql.replace(/["`]/g, '')
    assert.match(byDefault, /order by p\.status_changed_at desc, p\.id desc$/)
    assert.notInclude(byDefault, 'p.data')
    assert.include(
      listRowsQuery(operator, noFilters(), { withData: true }).toSQL().sql.replace(/["`]/g, ''),
      'p.data'
    )
  })

  test('a page: its ids from pratiche alone (or with the one table its order reads), then its rows', ({
    assert,
  }) => {
    const ids = pageIdsQuery(operator, noFilters()).toSQL().sql.replace(/["`]/g, '')
    assert.match(ids, /^select p\.id from pratiche as p where/)
    assert.notInclude(ids, 'join')
    const byOffice = pageIdsQuery(operator, { ...noFilters(), sort: 'ufficio', direction: 'asc' })
      .toSQL()
      .sql.replace(/["`]/g, '')
    assert.include(byOffice, 'left join offices as o on o.id = p.office_id')
    assert.notInclude(byOffice, 'citizens as c')

    const rows = rowsByIds(operator, [3, 5]).toSQL()
    assert.include(rows.sql.replace(/["`]/g, ''), 'where p.ente_id = ? and p.id in (?, ?)')
    assert.deepEqual(rows.bindings, [7, 3, 5])
  })
})

test.group('Elenco pratiche: states, table options, pages, query string', () => {
  test('a service offers the states it can reach', ({ assert }) => {
    const plain = statesOfService(newServiceSettings())
    assert.deepEqual(plain, [1900, 2000, 4000, 4100, 4200, 4300, 4500, 7000, 9000, 20000, 50000])

    const full = statesOfService({
      ...newServiceSettings(),
      protocolRequired: true,
      paymentSettings: {
        atRequest: [{ causale: 'Diritti', amountCents: 1600, bilancio: [] }],
        deferred: [],
      },
    })
    for (const code of [1500, 1510, 1520, 1530, 3000, 4400, 6000, 8000]) {
      assert.include(full, code)
    }
    assert.notInclude(full, 1000)
    assert.notInclude(full, 5000)

    const strict = statesOfService({
      ...newServiceSettings(),
      allowIntegrationRequests: false,
      allowWithdrawal: false,
      stampSettings: { atRequest: [], atRelease: true },
    })
    assert.deepEqual(strict, [1500, 1510, 1520, 1530, 1900, 2000, 4000, 7000, 9000, 50000])
  })

  test("Opzioni tabella: the form's fields but files and grids; sums for numbers only", async ({
    assert,
  }) => {
    const schema = JSON.parse(
      await readFile(app.makePath('database/data/forms/services/ztl.json'), 'utf8')
    )
    const { definition } = importForm(inlineBlocks(schema, await blockLibrary()))
    const columns = formColumns(definition)
    const keys = columns.map((column) => column.key)
    assert.includeMembers(keys, [
      'applicant.completename.name',
      'applicant.completename.surname',
      'applicant.fiscal_code.fiscal_code',
      'applicant.email_address',
      'vehicles_count',
      'days',
      'start_date',
    ])
    assert.notInclude(keys, 'vehicles.plate')
    assert.isFalse(keys.some((key) => key.startsWith('vehicles.')))
    assert.isFalse(columns.some((column) => column.node.type === 'file'))
    assert.isTrue(columns.find((column) => column.key === 'days')!.numeric)

    const chosen = chooseColumns(columns, {
      visualizza: ['applicant.email_address', 'nessun.campo'],
      somma: ['days', 'applicant.email_address'],
      media: ['days'],
      conta: ['applicant.email_address'],
    })
    assert.deepEqual(
      chosen.map((column) => [column.key, column.flags, column.summaries]),
      [
        ['applicant.email_address', ['visualizza', 'conta'], ['count']],
        ['days', ['somma', 'media'], ['sum', 'mean']],
      ]
    )
    const start = columns.find((column) => column.key === 'start_date')!
    assert.equal(shownValue(start, { start_date: '2025-03-01' }), '01/03/2025')
  })

  test('pages: the first, the last and two around the current one', ({ assert }) => {
    assert.deepEqual(pageWindow(1, 1), [1])
    assert.deepEqual(pageWindow(1, 4), [1, 2, 3, 4])
    assert.deepEqual(pageWindow(6, 20), [1, null, 4, 5, 6, 7, 8, null, 20])
    assert.deepEqual(pageWindow(20, 20), [1, null, 18, 19, 20])
    assert.deepEqual(pageWindow(4, 1000), [1, 2, 3, 4, 5, 6, null, 1000])
  })

  test('the query string: what fits is kept, the rest reported by field', async ({ assert }) => {
    const { input, errors } = await validatePraticheFilters({
      servizio: '12',
      stato: 'abc',
      periodo: 'personalizzato',
      dal: '2025-02-30',
      al: '2025-03-05',
      priorita: '2',
      cerca: ' rossi ',
      per_pagina: '7',
      ordina: 'priorita',
      verso: 'desc',
      area: '',
      visualizza: 'applicant.email_address',
      conta: ['a', 'b'],
    })
    assert.deepInclude(input, {
      servizio: 12,
      periodo: 'personalizzato',
      al: '2025-03-05',
      priorita: 2,
      cerca: 'rossi',
      ordina: 'priorita',
      verso: 'desc',
      visualizza: ['applicant.email_address'],
      conta: ['a', 'b'],
    })
    assert.notProperty(input, 'stato')
    assert.notProperty(input, 'dal')
    assert.notProperty(input, 'area')
    assert.notProperty(input, 'per_pagina')
    assert.deepEqual(errors, {
      stato: "Scegli uno stato dell'elenco.",
      dal: 'Inserisci una data valida, ad esempio 16/01/2025.',
      per_pagina: 'Scegli 10, 25, 50 o 100 risultati per pagina.',
    })
  })
})
