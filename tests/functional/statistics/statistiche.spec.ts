import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type { ApiResponse } from '@japa/api-client'
import type Service from '#models/service'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { listFixture, staff } from '#tests/functional/backoffice_list/helpers'

/** A pratica inserted at an instant given in UTC. */
async function insertedAt(service: Service, utc: string, status = 2000) {
  // Lucid writes a DateTime's wall clock: give it the process's zone, as the app's own are
  const at = DateTime.fromISO(utc, { zone: 'utc' }).toLocal()
  return PraticaFactory.merge({
    enteId: service.enteId,
    serviceId: service.id,
    status,
    createdAt: at,
    statusChangedAt: at,
  } as any).create()
}

function rowsOf(response: ApiResponse, tableClass: string): string[] {
  const table = pageText(response).match(
    new RegExp(`<table class="[^"]*${tableClass}[^"]*">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`)
  )
  if (!table) return []
  return [...table[1].matchAll(/<th scope="row"[^>]*>([^<]*)<\/th><td[^>]*>([^<]*)<\/td>/g)].map(
    (match) => `${match[1].trim()}: ${match[2].trim()}`
  )
}

function activeServices(response: ApiResponse) {
  return pageText(response).match(/data-statistic="active-services">([^<]*)</)?.[1]
}

function chartData(response: ApiResponse) {
  const json = response.text().match(/id="statistiche-data">([^<]*)<\/script>/)?.[1]
  return JSON.parse(json ?? 'null') as { labels: string[]; counts: number[] }
}

const url = (slug: string) => `/${slug}/backoffice/statistiche`

/**
 * Ente with "Permesso ZTL" (Mario Rossi enabled) and "Accesso agli atti"
 * (not), pratiche in 2024, 2025 and 2026 (Rome's years, one on the UTC
 * New Year's Eve that is already 2026 in Rome), a draft and another ente's.
 */
async function seeded() {
  const fixture = await listFixture()
  const { ente, ztl, atti } = fixture
  await insertedAt(ztl, '2024-05-10T10:00:00')
  await insertedAt(ztl, '2024-11-02T10:00:00', 7000)
  await insertedAt(ztl, '2025-03-30T09:00:00', 7000)
  // 31 March 2025 at 00:30 in Rome (summer time began on the 30th)
  await insertedAt(ztl, '2025-03-30T22:30:00')
  // 1 January 2026 at 00:30 in Rome
  await insertedAt(ztl, '2025-12-31T23:30:00', 9000)
  await insertedAt(ztl, '2026-02-01T10:00:00', 1000)
  await insertedAt(atti, '2025-03-31T10:00:00')
  await insertedAt(atti, '2026-01-15T10:00:00')
  await ServiceFactory.merge({ enteId: ente.id, status: 'suspended' }).create()
  await ServiceFactory.merge({
    enteId: ente.id,
    status: 'scheduled',
    scheduledFrom: DateTime.now().plus({ days: 10 }),
  }).create()
  const other = await EnteFactory.create()
  const foreign = await ServiceFactory.merge({ enteId: other.id }).create()
  await insertedAt(foreign, '2025-03-31T10:00:00')
  return fixture
}

test.group('Statistiche', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("an operator's figures: the services he works, their pratiche per Rome year, drafts and other enti never", async ({
    client,
    assert,
  }) => {
    const { ente, operator } = await seeded()

    const response = await client.get(url(ente.slug)).loginAs(operator)

    response.assertStatus(200)
    response.assertTextIncludes('<h1 class="h2 mb-4">Statistiche</h1>')
    assert.equal(activeServices(response), '1')
    const thisYear = DateTime.now().setZone('Europe/Rome').year
    const years = ['2024: 2', '2025: 2', '2026: 1']
    for (let year = 2027; year <= thisYear; year++) years.push(`${year}: 0`)
    assert.deepEqual(rowsOf(response, 'statistics-years'), years)
    response.assertTextIncludes('/assets/vendor/chart.js/chart.umd.min.js')
    assert.notInclude(response.text(), 'Accesso agli atti')
  })

  test('the ente admin counts every service of the ente; only those open today are active', async ({
    client,
    assert,
  }) => {
    const { ente } = await seeded()
    const admin = await staff(ente, 'enteAdmin')

    const response = await client.get(url(ente.slug)).loginAs(admin)

    assert.equal(
      activeServices(response),
      '2',
      'ZTL and atti; not the suspended nor the scheduled one'
    )
    assert.deepEqual(rowsOf(response, 'statistics-years').slice(0, 3), [
      '2024: 2',
      '2025: 3',
      '2026: 2',
    ])
  })

  test('the chart by month over a period, filtered by state and by service, with its data table', async ({
    client,
    assert,
  }) => {
    const { ente, ztl } = await seeded()
    const admin = await staff(ente, 'enteAdmin')

    const all = await client
      .get(url(ente.slug))
      .qs({ dal: '2024-11-01', al: '2025-04-30' })
      .loginAs(admin)
    assert.deepEqual(chartData(all), {
      labels: ['nov 2024', 'dic 2024', 'gen 2025', 'feb 2025', 'mar 2025', 'apr 2025'],
      counts: [1, 0, 0, 0, 3, 0],
    })
    assert.deepEqual(rowsOf(all, 'statistics-chart-data'), [
      'nov 2024: 1',
      'dic 2024: 0',
      'gen 2025: 0',
      'feb 2025: 0',
      'mar 2025: 3',
      'apr 2025: 0',
    ])
    all.assertTextIncludes('4 pratiche inserite dal 01/11/2024 al 30/04/2025, per mese.')

    const approved = await client
      .get(url(ente.slug))
      .qs({ dal: '2024-11-01', al: '2025-04-30', stato: '7000' })
      .loginAs(admin)
    assert.deepEqual(chartData(approved).counts, [1, 0, 0, 0, 1, 0])

    const ofZtl = await client
      .get(url(ente.slug))
      .qs({ dal: '2024-11-01', al: '2025-04-30', servizio: String(ztl.id) })
      .loginAs(admin)
    assert.deepEqual(chartData(ofZtl).counts, [1, 0, 0, 0, 2, 0])
  })

  test('a short period is cut into Rome days, across the change to summer time', async ({
    client,
    assert,
  }) => {
    const { ente, operator } = await seeded()

    const response = await client
      .get(url(ente.slug))
      .qs({ dal: '2025-03-29', al: '2025-03-31' })
      .loginAs(operator)

    assert.deepEqual(chartData(response), {
      labels: ['29/03/2025', '30/03/2025', '31/03/2025'],
      counts: [0, 1, 1],
    })
    response.assertTextIncludes('2 pratiche inserite dal 29/03/2025 al 31/03/2025, per giorno.')
  })

  test('a wrong date is reported next to its field and kept as typed; the chart falls back to the last twelve months', async ({
    client,
    assert,
  }) => {
    const { ente, operator } = await seeded()

    const wrong = await client
      .get(url(ente.slug))
      .qs({ dal: '2025-02-30', al: '2025-03-31' })
      .loginAs(operator)
    wrong.assertStatus(200)
    const html = pageText(wrong)
    assert.include(
      html,
      'id="chart-dal-error" class="invalid-feedback d-block">Inserisci una data valida'
    )
    assert.match(html, /id="chart-dal" name="dal" value="2025-02-30"/)
    assert.lengthOf(chartData(wrong).labels, 12)

    const reversed = await client
      .get(url(ente.slug))
      .qs({ dal: '2025-04-01', al: '2025-03-01' })
      .loginAs(operator)
    assert.include(
      pageText(reversed),
      'La data di fine deve essere uguale o successiva a quella di inizio.'
    )
  })

  test('a service the operator does not work, or of another ente, answers 404; a state the service cannot have is reported', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, atti, operator } = await seeded()
    const other = await EnteFactory.create()
    const foreign = await ServiceFactory.merge({
      enteId: other.id,
      name: 'Servizio altrui',
    }).create()

    for (const serviceId of [atti.id, foreign.id]) {
      const response = await client
        .get(url(ente.slug))
        .qs({ servizio: String(serviceId) })
        .loginAs(operator)
      response.assertStatus(404)
      assert.notInclude(response.text(), 'Servizio altrui')
    }
    const outsider = await staff(other, 'enteAdmin')
    const door = await client.get(url(ente.slug)).loginAs(outsider)
    door.assertStatus(404)

    // ZTL asks for no payment: "In attesa di pagamento" is not among its states
    const wrongState = await client
      .get(url(ente.slug))
      .qs({ servizio: String(ztl.id), stato: '1500' })
      .loginAs(operator)
    wrongState.assertStatus(200)
    assert.include(
      pageText(wrongState),
      `id="chart-stato-error" class="invalid-feedback d-block">Scegli uno stato dell'elenco.`
    )
  })
})
