import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import { TEST_PASSWORD } from '#factories/user_factory'
import { saveFormVersion } from '#services/forms/form_versions'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { citizenOf, listFixture, praticaOf } from '#tests/functional/backoffice_list/helpers'

async function logIn(page: Page, enteSlug: string, username: string) {
  await page.goto(`/${enteSlug}/operatori/login`)
  await page.getByLabel('Username').fill(username)
  await page.locator('input[name=password]').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForLoadState('networkidle')
}

/** The Richiedente of each row. */
function applicants(page: Page) {
  return page.locator('table.pratiche-list tbody th[scope=row]').allInnerTexts()
}

test.group('Browser: Elenco pratiche', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('an operator filters the list, sorts it, adds form fields with "Opzioni tabella" and downloads the CSV', async ({
    assert,
    cleanup,
  }) => {
    const { ente, ztl, atti, operator } = await listFixture()
    await operator.related('services').attach([atti.id])
    await saveFormVersion(ztl, {
      display: 'form',
      title: 'Permesso ZTL',
      components: [
        { type: 'textfield', key: 'targa', label: 'Targa', input: true },
        { type: 'number', key: 'giorni', label: 'Numero di giorni', input: true },
      ],
    })
    const people = [
      ['Lorenzo', 'Bertoli', 4000, 'AB123CD', 10],
      ['Giulia', 'Verdi', 4000, 'EF456GH', 5],
      ['Anna', 'Neri', 2000, 'IJ789KL', 30],
    ] as const
    for (const [index, [name, surname, status, targa, giorni]] of people.entries()) {
      await praticaOf(ztl, await citizenOf(ente, name, surname), {
        status,
        priority: index,
        statusChangedAt: DateTime.now().minus({ hours: index + 1 }),
        data: { targa, giorni },
      })
    }
    await praticaOf(atti, await citizenOf(ente, 'Mario', 'Bianchi'))

    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logIn(page, ente.slug, operator.username)
    assert.equal(await page.locator('h1').innerText(), 'Elenco pratiche')
    assert.sameMembers(await applicants(page), [
      'Lorenzo Bertoli',
      'Giulia Verdi',
      'Anna Neri',
      'Mario Bianchi',
    ])
    await screenshot(page, 'backoffice-list')
    assert.deepEqual(await accessibilityViolations(page), [])

    // "Filtra per servizio" narrows its list as one types
    await page.getByLabel('Cerca un servizio').fill('ztl')
    await page.getByText('1 servizio in elenco').waitFor({ state: 'attached' })
    await page.getByLabel('Filtra per servizio').selectOption({ label: 'Permesso ZTL' })
    await page.getByLabel('Filtra per stato').selectOption({ label: 'In carico' })
    await page.getByRole('button', { name: 'Aggiorna ricerca' }).click()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(await applicants(page), ['Lorenzo Bertoli', 'Giulia Verdi'])
    assert.include(page.url(), `servizio=${ztl.id}`)
    assert.include(page.url(), 'stato=4000')

    // by surname, then the other way round
    await page.getByRole('link', { name: /^Richiedente/ }).click()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(await applicants(page), ['Lorenzo Bertoli', 'Giulia Verdi'])
    await page.getByRole('link', { name: /^Richiedente/ }).click()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(await applicants(page), ['Giulia Verdi', 'Lorenzo Bertoli'])
    assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending')

    await page.getByRole('button', { name: 'Opzioni tabella' }).click()
    const dialog = page.getByRole('dialog', { name: 'Opzioni tabella' })
    await dialog.waitFor()
    await dialog.getByLabel('Visualizza: Targa').check()
    await dialog.getByLabel('Somma: Numero di giorni').check()
    await dialog.getByLabel('Media: Numero di giorni').check()
    await screenshot(page, 'backoffice-list-table-options', { fullPage: false })
    assert.deepEqual(await accessibilityViolations(page), [])
    await dialog.getByRole('button', { name: 'Applica e chiudi' }).click()
    await page.waitForLoadState('networkidle')

    // the filters and the order stayed; the fields are columns, with their summary
    assert.deepEqual(await applicants(page), ['Giulia Verdi', 'Lorenzo Bertoli'])
    const headers = await page.locator('table.pratiche-list thead th').allInnerTexts()
    assert.includeMembers(headers, ['Targa', 'Numero di giorni'])
    assert.include(await page.locator('table.pratiche-list tfoot').innerText(), 'Somma 15')
    assert.include(await page.locator('table.pratiche-list tfoot').innerText(), 'Media 7,5')
    await screenshot(page, 'backoffice-list-with-columns')
    assert.deepEqual(await accessibilityViolations(page), [])

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Esporta CSV' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^pratiche-.+\.csv$/)
    const csv = await readFile((await download.path())!, 'utf8')
    assert.isTrue(csv.startsWith('\uFEFFNumero richiesta;Servizio;Autenticazione;Richiedente'))
    assert.include(csv, ';Targa;Numero di giorni\r\n')
    assert.include(csv, 'Giulia Verdi')
    assert.notInclude(csv, 'Anna Neri')
    assert.include(csv, '\r\nSomma;')

    await page.getByRole('link', { name: 'Annulla ricerca' }).click()
    await page.waitForLoadState('networkidle')
    assert.lengthOf(await applicants(page), 4)
    assert.deepEqual(errors, [])
  })

  test('a wrong period is said next to the field, the rest of the search kept', async ({
    assert,
    cleanup,
  }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    await praticaOf(ztl, citizen)

    const { page, context, errors } = await openPage({ viewport: { width: 390, height: 844 } })
    cleanup(() => context.close())
    await logIn(page, ente.slug, operator.username)
    await page.getByLabel('Cerca per').fill('bertoli')
    await page.getByLabel('Ultimo cambio stato').selectOption({ label: 'Personalizzato' })
    await page.getByLabel('Data di inizio').fill('2025-03-10')
    await page.getByLabel('Data di fine').fill('2025-03-01')
    await page.getByRole('button', { name: 'Aggiorna ricerca' }).click()
    await page.waitForLoadState('networkidle')

    assert.equal(
      await page.locator('#filter-al-error').innerText(),
      'La data di fine non può precedere la data di inizio.'
    )
    assert.equal(await page.getByLabel('Cerca per').inputValue(), 'bertoli')
    assert.equal(await page.getByLabel('Data di inizio').inputValue(), '2025-03-10')
    assert.deepEqual(await applicants(page), ['Lorenzo Bertoli'])
    await screenshot(page, 'backoffice-list-mobile-error')
    // nothing sticks out of the page: the table scrolls in its own box
    assert.equal(
      await page.evaluate(() => document.documentElement.scrollWidth),
      await page.evaluate(() => document.documentElement.clientWidth)
    )
    assert.deepEqual(await accessibilityViolations(page), [])
    assert.deepEqual(errors, [])
  })
})
