import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import PaymentPosition from '#models/payment_position'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { loginCitizen } from '#tests/browser/citizens/login'
import { dovutoAtMyPay, mypayFor } from './helpers.js'

const FINES = [
  { iud: 'cds-ab123cd', cents: 4200, causale: 'Contravvenzione targa AB123CD - Sosta vietata' },
  { iud: 'cds-ef456gh', cents: 2900, causale: 'Contravvenzione targa EF456GH - Disco orario' },
  { iud: 'tari-2026-1', cents: 1850, causale: 'TARI 2026 - prima rata' },
]

test.group('Browser: Pagamenti and the cart', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('a citizen pays three notices in one cart through the MyPay checkout', async ({
    assert,
    cleanup,
  }) => {
    const ente = await EnteFactory.create()
    const citizen = await CitizenFactory.merge({
      enteId: ente.id,
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
      email: 'lorenzo.bertoli@example.it',
    }).create()
    const mypay = await mypayFor(ente)
    for (const fine of FINES) {
      await dovutoAtMyPay(
        mypay,
        { fiscalCode: citizen.fiscalCode, name: citizen.fullName },
        fine.iud,
        fine.cents,
        fine.causale
      )
    }
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    await page.goto(`/${ente.slug}/area-personale/pagamenti`)
    assert.equal(await page.getByRole('link', { name: 'Da pagare (3)' }).count(), 1)
    for (const fine of FINES) {
      assert.isTrue(await page.getByRole('heading', { name: fine.causale }).isVisible())
    }
    await screenshot(page, 'payments-area-to-pay')
    assert.deepEqual(await accessibilityViolations(page), [])

    for (const fine of FINES) {
      await page
        .getByRole('article', { name: fine.causale })
        .getByRole('button', { name: /^Aggiungi al carrello/ })
        .click()
      await page.waitForLoadState('networkidle')
    }
    const cart = page.getByRole('complementary', { name: 'Riepilogo carrello' })
    assert.match(await cart.innerText(), /Totali: 89,50\s€/)
    await screenshot(page, 'payments-area-cart')
    assert.deepEqual(await accessibilityViolations(page), [])

    await cart.getByRole('button', { name: 'Paga ora' }).click()
    await page.waitForLoadState('networkidle')
    assert.match(page.url(), /\/_sim\/payment_mypay\//)
    for (const fine of FINES) assert.isTrue(await page.getByText(fine.causale).isVisible())
    await screenshot(page, 'payments-area-checkout')
    await page.getByRole('button', { name: /^Paga 89,95/ }).click()

    await page.getByText('Pagamento completato').waitFor({ timeout: 30_000 })
    assert.include(page.url(), `/${ente.slug}/area-personale/pagamenti/esito`)
    await screenshot(page, 'payments-area-outcome')
    assert.deepEqual(await accessibilityViolations(page), [])

    const positions = await PaymentPosition.query().where('ente_id', ente.id)
    assert.lengthOf(positions, 3)
    assert.isTrue(positions.every((position) => position.status === 'COMPLETE'))

    await page.getByRole('link', { name: 'Torna a Pagamenti' }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(await page.getByRole('link', { name: 'Pagati (3)' }).count(), 1)
    assert.equal(await page.getByRole('link', { name: /^Scarica ricevuta pagamento/ }).count(), 3)
    await screenshot(page, 'payments-area-paid')
    assert.deepEqual(await accessibilityViolations(page), [])
    assert.deepEqual(errors, [])
  })
})
