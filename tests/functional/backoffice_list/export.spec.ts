import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditLog from '#models/audit_log'
import type Service from '#models/service'
import { saveFormVersion } from '#services/forms/form_versions'
import { OfficeFactory } from '#factories/office_factory'
import { pageText } from '#tests/functional/identity/helpers'
import {
  citizenOf,
  csvRows,
  exportUrl,
  listFixture,
  listUrl,
  listedHeaders,
  praticaOf,
} from './helpers.js'

/** A small form: text, e-mail, an amount, a yes/no, a choice, a date, a grid and a file. */
async function withForm(service: Service) {
  await saveFormVersion(service, {
    display: 'form',
    title: 'Richiesta',
    components: [
      { type: 'textfield', key: 'motivo', label: 'Motivo', input: true },
      { type: 'email', key: 'email', label: 'Indirizzo Email', input: true },
      { type: 'number', key: 'importo', label: 'Importo', input: true },
      { type: 'checkbox', key: 'urgente', label: 'Urgente', input: true },
      {
        type: 'select',
        key: 'zona',
        label: 'Zona',
        input: true,
        data: {
          values: [
            { value: 'centro', label: 'Centro storico' },
            { value: 'nord', label: 'Nord' },
          ],
        },
      },
      { type: 'datetime', key: 'dal', label: 'Dal giorno', input: true, enableTime: false },
      {
        type: 'datagrid',
        key: 'veicoli',
        label: 'Veicoli',
        input: true,
        components: [{ type: 'textfield', key: 'targa', label: 'Targa', input: true }],
      },
      { type: 'file', key: 'allegato', label: 'Allegato', input: true, storage: 'url' },
    ],
  })
}

const FIELDS = {
  visualizza: ['motivo', 'importo', 'zona', 'dal', 'urgente'],
  somma: ['importo'],
  media: ['importo'],
  conta: ['email'],
}

test.group('Elenco pratiche: CSV export', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("DESIGN's format: BOM, ';', the manual's columns, dates dd/mm/yyyy HH:mm in Rome", async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    const office = await OfficeFactory.merge({ enteId: ente.id, name: 'Ufficio Mobilità' }).create()
    const pratica = await praticaOf(ztl, citizen, {
      createdAt: DateTime.fromISO('2024-10-02T08:35:24Z'),
      statusChangedAt: DateTime.fromISO('2024-12-31T23:10:00Z'),
      status: 4000,
      operatorId: operator.id,
      officeId: office.id,
      priority: 1,
      authMethod: 'cie',
    })

    const response = await client.get(exportUrl(ente)).loginAs(operator)

    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(
      response.header('content-disposition') ?? '',
      new RegExp(`^attachment; filename="pratiche-${ente.slug}-\\d{8}-\\d{4}\\.csv"$`)
    )
    const text = response.text()
    assert.isTrue(text.startsWith('\uFEFF'))
    assert.include(text, '\r\n')
    assert.deepEqual(csvRows(response), [
      [
        'Numero richiesta',
        'Servizio',
        'Autenticazione',
        'Richiedente',
        'Codice fiscale',
        'Data di inserimento',
        'Ultimo cambio stato',
        'Stato',
        'Operatore',
        'Ufficio',
        'Priorità',
      ],
      [
        pratica.uuid,
        'Permesso ZTL',
        'CIE',
        'Lorenzo Bertoli',
        citizen.fiscalCode,
        '02/10/2024 10:35',
        '01/01/2025 00:10',
        'In carico',
        'Mario Rossi',
        'Ufficio Mobilità',
        'Media',
      ],
    ])
    const audit = await AuditLog.query()
      .where('ente_id', ente.id)
      .where('action', 'pratiche_exported')
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].actorId, operator.id)
  })

  test('the same filters and order as the list; quotes, separators and formulas made harmless', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator } = await listFixture()
    await praticaOf(ztl, await citizenOf(ente, 'Anna "Nanà"', "D'Angelo; Rossi"), { priority: 2 })
    await praticaOf(ztl, await citizenOf(ente, '=HYPERLINK("x")', 'Bianchi'), { priority: 2 })
    await praticaOf(ztl, await citizenOf(ente, 'Carla', 'Esclusa'), { priority: 0 })

    const response = await client
      .get(exportUrl(ente))
      .qs({ priorita: 2, ordina: 'richiedente', verso: 'desc' })
      .loginAs(operator)

    const text = response.text()
    assert.include(text, `;"Anna ""Nanà"" D'Angelo; Rossi";`)
    assert.include(text, `;"'=HYPERLINK(""x"") Bianchi";`)
    assert.deepEqual(
      csvRows(response)
        .slice(1)
        .map((row) => row[3]),
      ['Anna "Nanà" D\'Angelo; Rossi', '\'=HYPERLINK("x") Bianchi']
    )
    assert.notInclude(text, 'Esclusa')
  })

  test('"Opzioni tabella": the chosen form fields as columns, Somma, Media and Conta at the end', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator } = await listFixture()
    await withForm(ztl)
    await praticaOf(ztl, await citizenOf(ente, 'Anna', 'Alberti'), {
      statusChangedAt: DateTime.now().minus({ days: 1 }),
      data: {
        motivo: 'Carico; scarico',
        email: 'anna@example.it',
        importo: 10.5,
        urgente: true,
        zona: 'centro',
        dal: '2025-03-01',
        veicoli: [{ targa: 'AB123CD' }],
      },
    })
    await praticaOf(ztl, await citizenOf(ente, 'Bruno', 'Bianchi'), {
      statusChangedAt: DateTime.now().minus({ days: 2 }),
      data: { motivo: 'Residenza', email: '', importo: 4, urgente: false, zona: 'nord' },
    })
    await praticaOf(ztl, await citizenOf(ente, 'Carla', 'Conti'), {
      statusChangedAt: DateTime.now().minus({ days: 3 }),
      data: { email: 'carla@example.it' },
    })

    const response = await client
      .get(exportUrl(ente))
      .qs({ servizio: ztl.id, ...FIELDS })
      .loginAs(operator)

    const rows = csvRows(response)
    assert.deepEqual(rows[0].slice(11), [
      'Motivo',
      'Indirizzo Email',
      'Importo',
      'Urgente',
      'Zona',
      'Dal giorno',
    ])
    assert.deepEqual(
      rows.slice(1, 4).map((row) => [row[3], ...row.slice(11)]),
      [
        [
          'Anna Alberti',
          'Carico; scarico',
          'anna@example.it',
          '10,5',
          'Sì',
          'Centro storico',
          '01/03/2025',
        ],
        ['Bruno Bianchi', 'Residenza', '', '4', 'No', 'Nord', ''],
        ['Carla Conti', '', 'carla@example.it', '', '', '', ''],
      ]
    )
    // the label in the first column, each summary under its own column
    assert.deepEqual(
      rows.slice(4).map((row) => [row[0], ...row.slice(11)]),
      [
        ['Somma', '', '', '14,5', '', '', ''],
        ['Media', '', '', '7,25', '', '', ''],
        ['Conta', '', '2', '', '', '', ''],
      ]
    )
    assert.lengthOf(rows, 7)
  })

  test('the list shows the same columns and a summary row over every filtered pratica', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator } = await listFixture()
    await withForm(ztl)
    for (let n = 1; n <= 12; n++) {
      await praticaOf(ztl, await citizenOf(ente, 'Cittadino', `Numero${n}`), {
        data: {
          motivo: `Motivo ${n}`,
          email: n % 3 === 0 ? '' : `c${n}@example.it`,
          importo: n * 1000,
        },
      })
    }

    const page = await client
      .get(listUrl(ente))
      .qs({ servizio: ztl.id, ...FIELDS })
      .loginAs(operator)

    assert.deepEqual(listedHeaders(page).slice(9, 15), [
      'Motivo',
      'Indirizzo Email',
      'Importo',
      'Urgente',
      'Zona',
      'Dal giorno',
    ])
    const html = pageText(page)
    // over the 12 pratiche, not the 10 of the page; numbers as Italian writes them (CLDR: 6500, 78.000)
    assert.include(html, 'Riepilogo di tutte le pratiche filtrate')
    assert.include(html, '<span class="d-block text-nowrap">Somma 78.000</span>')
    assert.include(html, '<span class="d-block text-nowrap">Media 6500</span>')
    assert.include(html, '<span class="d-block text-nowrap">Conta 8</span>')
    assert.include(html, '<td>12.000</td>')

    // the dialog: every field but the grid's and the file, its choices ticked, the filters along
    assert.include(html, 'id="table-options"')
    assert.include(html, 'Applica e chiudi')
    assert.include(html, 'name="visualizza" value="motivo" checked')
    assert.include(html, 'name="somma" value="importo" checked')
    assert.include(html, 'name="conta" value="email" checked')
    assert.notInclude(html, 'name="somma" value="motivo"')
    assert.notInclude(html, 'value="veicoli.targa"')
    assert.notInclude(html, 'value="allegato"')
    assert.include(html, `<input type="hidden" name="servizio" value="${ztl.id}">`)

    const csv = await client
      .get(exportUrl(ente))
      .qs({ servizio: ztl.id, ...FIELDS })
      .loginAs(operator)
    const rows = csvRows(csv)
    assert.deepEqual(
      rows.slice(-3).map((row) => row.filter(Boolean)),
      [
        ['Somma', '78000'],
        ['Media', '6500'],
        ['Conta', '8'],
      ]
    )
  })

  test('without a service there are no "Opzioni tabella"', async ({ client, assert }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    await withForm(ztl)
    await praticaOf(ztl, citizen, { data: { motivo: 'Segreto' } })

    const page = await client.get(listUrl(ente)).qs(FIELDS).loginAs(operator)
    assert.notInclude(page.text(), 'Opzioni tabella')
    assert.notInclude(page.text(), 'Segreto')
    const csv = await client.get(exportUrl(ente)).qs(FIELDS).loginAs(operator)
    assert.lengthOf(csvRows(csv)[0], 11)
    assert.notInclude(csv.text(), 'Segreto')
  })
})
