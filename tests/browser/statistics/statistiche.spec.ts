import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import type { PraticaStatusCode } from '#domain/pratica_status'
import {
  accessibilityViolations,
  closeBrowser,
  logInAsStaff,
  openPage,
  screenshot,
} from '#tests/helpers/browser'
import { citizenOf, listFixture, praticaOf } from '#tests/functional/backoffice_list/helpers'

/** What Chart.js drew: its labels and values, read from the chart itself. */
function drawn(page: Page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('statistiche-chart') as HTMLCanvasElement
    const chart = (window as any).Chart?.getChart(canvas)
    return chart
      ? { labels: chart.data.labels as string[], counts: chart.data.datasets[0].data as number[] }
      : null
  })
}

function tableRows(page: Page) {
  return page.locator('table.statistics-chart-data tbody tr').allInnerTexts()
}

test.group('Browser: Statistiche', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('an operator opens Statistiche: the figures, the chart drawn by Chart.js, its table; then configures the chart', async ({
    assert,
    cleanup,
  }) => {
    const { ente, ztl, atti, operator, citizen } = await listFixture()
    await operator.related('services').attach([atti.id])
    const rome = DateTime.now().setZone('Europe/Rome')
    const monthsAgo = (months: number, status: PraticaStatusCode = 2000) =>
      praticaOf(ztl, citizen, {
        status,
        createdAt: rome.minus({ months }).startOf('month').plus({ hours: 1 }),
      })
    await monthsAgo(0, 4000)
    await monthsAgo(1)
    await monthsAgo(1, 7000)
    await monthsAgo(3, 7000)
    await praticaOf(atti, await citizenOf(ente, 'Giulia', 'Verdi'), {
      createdAt: rome.minus({ months: 1 }).startOf('month').plus({ hours: 2 }),
    })

    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logInAsStaff(page, ente.slug, operator.username)
    await page.getByRole('link', { name: 'Statistiche' }).click()
    await page.waitForLoadState('networkidle')

    assert.equal(await page.locator('h1').innerText(), 'Statistiche')
    assert.equal(await page.locator('[data-statistic=active-services]').innerText(), '2')
    const chart = await drawn(page)
    assert.isNotNull(chart, 'Chart.js drew the chart')
    assert.lengthOf(chart!.labels, 12)
    assert.deepEqual(chart!.counts.slice(-4), [1, 0, 3, 1])
    assert.equal(await page.locator('#statistiche-chart').getAttribute('data-rendered'), '12')
    await screenshot(page, 'statistiche')
    assert.deepEqual(await accessibilityViolations(page), [])

    // the same figures as a table, for whoever cannot see the chart
    await page.getByText('Dati del grafico in tabella').click()
    const rows = await tableRows(page)
    assert.lengthOf(rows, 12)
    assert.match(rows.at(-1)!, /\t1$/)
    assert.match(rows.at(-2)!, /\t3$/)

    // Configura il grafico: approved pratiche of ZTL over the last four months
    await page.getByLabel('Filtra per stato').selectOption({ label: 'Accettata' })
    await page.getByLabel('Filtra per servizio').selectOption({ label: 'Permesso ZTL' })
    await page
      .getByLabel('Data di inizio')
      .fill(rome.minus({ months: 3 }).startOf('month').toISODate()!)
    await page.getByLabel('Data di fine').fill(rome.toISODate()!)
    await page.getByRole('button', { name: 'Aggiorna grafico' }).click()
    await page.waitForLoadState('networkidle')
    const filtered = await drawn(page)
    assert.deepEqual(filtered?.counts, [1, 0, 1, 0])
    const from = rome.minus({ months: 3 }).startOf('month').toFormat('dd/MM/yyyy')
    await page
      .getByText(`2 pratiche inserite dal ${from} al ${rome.toFormat('dd/MM/yyyy')}, per mese.`)
      .waitFor()
    await screenshot(page, 'statistiche-filtered')
    assert.deepEqual(await accessibilityViolations(page), [])

    // a wrong period: the message next to the field, the dates kept
    await page.getByLabel('Data di inizio').fill(rome.toISODate()!)
    await page.getByLabel('Data di fine').fill(rome.minus({ months: 1 }).toISODate()!)
    await page.getByRole('button', { name: 'Aggiorna grafico' }).click()
    await page.waitForLoadState('networkidle')
    await page
      .getByText('La data di fine deve essere uguale o successiva a quella di inizio.')
      .waitFor()
    assert.equal(await page.getByLabel('Data di inizio').inputValue(), rome.toISODate())
    // the chart says which period it shows meanwhile: the last twelve months
    const lastYear = rome.startOf('month').minus({ months: 11 }).toFormat('dd/MM/yyyy')
    await page.getByText(`dal ${lastYear} al ${rome.toFormat('dd/MM/yyyy')}, per mese.`).waitFor()
    await screenshot(page, 'statistiche-error')
    assert.deepEqual(await accessibilityViolations(page), [])
    assert.deepEqual(errors, [])
  })
})
