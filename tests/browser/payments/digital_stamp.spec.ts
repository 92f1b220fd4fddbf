import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import Pratica from '#models/pratica'
import Stamp from '#models/stamp'
import { TEST_CARDS } from '#plugins/payment_mypay/simulator/checkout'
import { loginCitizen } from '#tests/browser/citizens/login'
import { mypayFor, sentForPayment } from '#tests/browser/payments_area/helpers'
import { workTheQueue, ztlSetup } from '#tests/functional/pratiche/helpers'
import { operatorOf, praticaUrl } from '#tests/functional/backoffice_pratica/helpers'
import {
  checkedPage,
  closeBrowser,
  logInAsStaff,
  openPage,
  screenshot,
} from '#tests/helpers/browser'

const CAUSALE = 'Imposta di bollo sull’istanza'

/** The Bolli tab of the citizen's pratica, opened afresh. */
async function bolliTab(page: Page, url: string) {
  await page.goto(url)
  await page.waitForLoadState('networkidle')
  await page.getByRole('tab', { name: /^Bolli/ }).click()
  return page.getByRole('region', { name: /Pagamento bollo/ }).filter({ hasText: CAUSALE })
}

const settled = (page: Page, name: string, assert: Assert) =>
  checkedPage(page, `bollo-digitale-${name}`, assert)

test.group('Browser: marca da bollo digitale', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('at request: the citizen pays the bollo online as a marca digitale at the MyPay checkout, the pratica is sent and the tab shows its IUBD', async ({
    assert,
    cleanup,
  }) => {
    const { ente, service, citizen } = await ztlSetup({
      stampSettings: { atRequest: [{ causale: CAUSALE, amountCents: 1600 }], atRelease: false },
    })
    await mypayFor(ente)
    const pratica = await sentForPayment({ ente, service, citizen })
    await workTheQueue()
    const url = `/${ente.slug}/area-personale/pratiche/${pratica.uuid}#bolli`

    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)
    await page.goto(`/${ente.slug}/pratiche/${pratica.uuid}/pagamento`)
    await settled(page, 'passo-pagamento', assert)
    await page.getByRole('link', { name: 'Inserisci le marche da bollo' }).click()
    await page.waitForURL(`**/area-personale/pratiche/${pratica.uuid}**`)
    let bollo = await bolliTab(page, url)
    await settled(page, 'scelta', assert)
    await bollo.getByLabel('Provincia di residenza (sigla)').fill('PI')
    await bollo.getByRole('button', { name: /^Paga con marca da bollo digitale/ }).click()
    await page.waitForLoadState('networkidle')
    await page.getByRole('tab', { name: /^Bolli/ }).click()
    assert.isTrue(
      await page.getByText('Stiamo preparando la marca da bollo digitale').first().isVisible()
    )
    await settled(page, 'in-preparazione', assert)

    await workTheQueue()
    bollo = await bolliTab(page, url)
    assert.isFalse(await bollo.getByLabel('Numero della marca da bollo (14 cifre)').isVisible())
    await bollo.getByRole('button', { name: /^Paga online la marca da bollo digitale/ }).click()
    await page.waitForURL('**/_sim/payment_mypay/**')
    assert.include(await page.locator('main').innerText(), 'Marca da bollo digitale')
    await page.getByLabel('Numero della carta').fill(TEST_CARDS.approved.number)
    await page.getByLabel('Scadenza').fill(TEST_CARDS.approved.expiry)
    await page.getByLabel('Codice di sicurezza (CVV)').fill(TEST_CARDS.approved.cvv)
    await page.getByLabel('Titolare della carta').fill(citizen.fullName)
    await screenshot(page, 'bollo-digitale-checkout')
    await page.getByRole('button', { name: /^Paga / }).click()

    await page.waitForURL(`**/${ente.slug}/area-personale/pagamenti/esito**`)
    await page.getByText('Pagamento completato').first().waitFor()
    await settled(page, 'esito', assert)
    await workTheQueue()
    const sent = await Pratica.findOrFail(pratica.id)
    assert.isNotNull(sent.submittedAt, 'sent (Inviata, then Acquisita by the office)')
    const stamp = await Stamp.query().where('pratica_id', pratica.id).firstOrFail()
    assert.match(stamp.number ?? '', /^\d{14}$/)

    bollo = await bolliTab(page, url)
    assert.include(await page.locator('h1').innerText(), 'Acquisita')
    const shown = await bollo.innerText()
    assert.include(shown, 'Marca da bollo digitale (pagoPA)')
    assert.include(shown, stamp.number!)
    await settled(page, 'pagata', assert)

    // the office sees the same marca on its Bolli tab
    const office = await openPage()
    cleanup(() => office.context.close())
    const mario = await operatorOf(ente, service, 'Mario', 'Rossi')
    await logInAsStaff(office.page, ente.slug, mario.username)
    await office.page.goto(praticaUrl(ente, pratica))
    await office.page.getByRole('tab', { name: /^Bolli/ }).click()
    const atOffice = await office.page.getByRole('region', { name: /Pagamento bollo/ }).innerText()
    assert.include(atOffice, 'Marca da bollo digitale (pagoPA)')
    assert.include(atOffice, stamp.number!)
    assert.notInclude(atOffice, 'Paga online')
    await settled(office.page, 'ufficio', assert)
    assert.deepEqual([...errors, ...office.errors], [])
  })
})
