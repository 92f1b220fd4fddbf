/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ServiceGroup from '#models/service_group'
import { ServiceFactory } from '#factories/service_factory'
import { OfficeFactory } from '#factories/office_factory'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { createSiteEnte } from '#tests/functional/site/fixtures'

/** The names of the cards the visitor sees. */
async function visibleCards(page: import('playwright-core').Page) {
  return page.locator('li:not([hidden]) .it-card-title').allInnerTexts()
}

test.group('Browser: catalogue and scheda', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('"Cerca", "Argomenti" and "Tipologia" narrow the catalogue', async ({ assert, cleanup }) => {
    const { ente, category } = await createSiteEnte()
    const payments = await ServiceGroup.create({
      enteId: ente.id,
      name: 'Pagamenti',
      slug: 'pagamenti',
    })
    await ServiceFactory.merge([
      {
        enteId: ente.id,
        name: 'Pagare la sosta',
        categoryId: category.id,
        serviceGroupId: payments.id,
        content: { it: { descrizione_breve: 'Paga la sosta nelle strisce blu.' } },
      },
      {
        enteId: ente.id,
        name: 'Contributi per la mobilità sostenibile',
        content: { it: { descrizione_breve: 'Bici e monopattini elettrici.' } },
      },
    ]).createMany(2)
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/servizi`, { waitUntil: 'networkidle' })
    assert.equal(await page.getByRole('status').innerText(), '4 servizi trovati')
    assert.deepEqual(await accessibilityViolations(page), [])

    // typing narrows the cards at once, accents or not
    await page.getByRole('searchbox', { name: 'Cerca un servizio' }).fill('mobilita')
    await page.waitForFunction(
      () => document.querySelector('[role=status]')?.textContent === '1 servizio trovato'
    )
    assert.deepEqual(await visibleCards(page), ['Contributi per la mobilità sostenibile'])

    // the form asks the server: same answer, and it says it in the URL
    await page.getByRole('button', { name: 'Cerca', exact: true }).click()
    await page.waitForLoadState('networkidle')
    assert.include(page.url(), 'q=mobilita')
    assert.deepEqual(await visibleCards(page), ['Contributi per la mobilità sostenibile'])

    await page.getByRole('searchbox', { name: 'Cerca un servizio' }).fill('')
    await page.getByLabel('Argomenti').selectOption({ label: 'Mobilità e trasporti' })
    await page.getByLabel('Tipologia').selectOption({ label: 'Pagamenti' })
    await page.getByRole('button', { name: 'Cerca', exact: true }).click()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(await visibleCards(page), ['Pagare la sosta'])
    assert.equal(await page.getByRole('status').innerText(), '1 servizio trovato')
    await screenshot(page, 'catalogue-filters')

    await page.getByRole('link', { name: 'Annulla ricerca' }).click()
    await page.waitForLoadState('networkidle')
    assert.lengthOf(await visibleCards(page), 4)
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('the page index takes a keyboard user to each section', async ({ assert, cleanup }) => {
    const { ente } = await createSiteEnte()
    const service = await ServiceFactory.merge({
      enteId: ente.id,
      slug: 'permesso-passo-carrabile',
      name: 'Permesso per passo carrabile',
      maxResponseDays: 30,
      content: {
        it: {
          descrizione_breve:
            "Il servizio permette di richiedere l'autorizzazione per un passo carrabile.",
          a_chi_e_rivolto: 'Ai proprietari di immobili con accesso carrabile.',
          descrizione: 'Lorem ipsum. '.repeat(80),
          come_fare: 'Accedi con SPID o CIE.\n\nCompila la domanda e allega la planimetria.',
          cosa_serve: '<ul><li>SPID o CIE</li><li>La planimetria</li></ul>',
          cosa_si_ottiene: "L'autorizzazione e il cartello.",
          tempi_e_scadenze: 'Entro 30 giorni.',
          costi: 'Una marca da bollo da 16,00 euro.',
          condizioni: "L'autorizzazione vale cinque anni.",
          contatti: 'Ufficio Tecnico.',
        },
      },
    }).create()
    const office = await OfficeFactory.merge({
      enteId: ente.id,
      name: 'Palazzo del municipio',
      description: "Palazzo dell'inizio del '900.",
      address: 'Via Niccolò Macchiavelli',
      postalCode: '40062',
      city: 'Molinella',
    }).create()
    await service.related('offices').attach([office.id])
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/servizi/${service.slug}`, { waitUntil: 'networkidle' })
    await screenshot(page, 'scheda-full')
    const index = page.getByRole('navigation', { name: 'Indice della pagina' })
    assert.deepEqual(await index.getByRole('link').allInnerTexts(), [
      'A chi è rivolto',
      'Descrizione',
      'Come fare',
      'Cosa serve',
      'Cosa si ottiene',
      'Tempi e scadenze',
      'Costi',
      'Accedi al servizio',
      'Condizioni di servizio',
      'Contatti',
    ])

    // Tab to "Costi" in the index, Enter: the section is reached and focused
    const costs = index.getByRole('link', { name: 'Costi' })
    await costs.focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.id === 'costi')
    assert.equal(new URL(page.url()).hash, '#costi')
    assert.isTrue(await page.locator('#costi').isVisible())
    // the index stays in sight while the page scrolls
    assert.isTrue(await costs.isVisible())
    await screenshot(page, 'scheda-index-costi', { fullPage: false })

    // the next Tab goes on from the section, not from the top of the page
    await page.keyboard.press('Tab')
    const next = await page.evaluate(
      () => document.activeElement?.closest('section')?.id ?? document.activeElement?.textContent
    )
    assert.oneOf(next, ['accedi-al-servizio', 'Accedi al servizio online'])

    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('on a phone the scheda reads top to bottom, the index first and not in the way', async ({
    assert,
    cleanup,
  }) => {
    const { ente } = await createSiteEnte()
    const { page, context, errors } = await openPage({ viewport: { width: 390, height: 844 } })
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/servizi/permesso-ztl`, { waitUntil: 'networkidle' })
    await page.locator('#contatti-title').scrollIntoViewIfNeeded()
    await screenshot(page, 'scheda-phone', { fullPage: false })
    // scrolled down to the contacts, the index stayed above with the rest of the page
    const index = page.getByRole('navigation', { name: 'Indice della pagina' })
    const box = await index.boundingBox()
    assert.isBelow(box!.y + box!.height, 0)
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })
})
