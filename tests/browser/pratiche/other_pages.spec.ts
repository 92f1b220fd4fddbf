import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import { PraticaFactory } from '#factories/pratica_factory'
import { loginCitizen } from '#tests/browser/citizens/login'
import { ztlSetup } from '#tests/functional/pratiche/helpers'
import { checkedPage, closeBrowser, openPage } from '#tests/helpers/browser'

/** A field by its exact label (required ones end with " *"). */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label}( \\*)?$`))
}

const settled = (page: Page, name: string, assert: Assert) =>
  checkedPage(page, `pratica-${name}`, assert)

test.group('Browser: the pratica pages around the form', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('without login: the Richiedente typed by hand, its errors next to the fields, then the form', async ({
    assert,
    cleanup,
  }) => {
    const { ente, service } = await ztlSetup({ minAuthLevel: 0 })
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/servizi/${service.slug}/compila`)
    await settled(page, 'senza-login', assert)
    await field(page, 'Nome').fill('Lorenzo')
    await field(page, 'Cognome').fill('Bertoli')
    await field(page, 'Codice fiscale').fill('BRTLNZ00C11L378X')
    await field(page, 'Email').fill('lorenzo.bertoli@example.it')
    await field(page, 'Recapito telefonico').fill('+39 333 1234567')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.waitForLoadState('networkidle')
    const fiscalCode = field(page, 'Codice fiscale')
    assert.equal(await fiscalCode.getAttribute('aria-invalid'), 'true')
    assert.equal(await field(page, 'Cognome').inputValue(), 'Bertoli')
    await settled(page, 'senza-login-errore', assert)

    await fiscalCode.fill('BRTLNZ00C11L378I')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.waitForURL(`**/${ente.slug}/pratiche/*/compila`)
    await settled(page, 'senza-login-modulo', assert)
    assert.include(await page.locator('main').innerText(), 'puoi riprenderla da questo browser')
    assert.deepEqual(errors, [])
  })

  test('a payment at request: the payment step says that no payment system is enabled', async ({
    assert,
    cleanup,
  }) => {
    const { ente, service, citizen } = await ztlSetup({
      paymentSettings: {
        atRequest: [{ causale: 'Diritti di segreteria', amountCents: 1600, bilancio: [] }],
        deferred: [],
      },
    })
    const pratica = await PraticaFactory.merge({
      enteId: ente.id,
      serviceId: service.id,
      citizenId: citizen.id,
      status: 1500,
    }).create()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    await page.goto(`/${ente.slug}/pratiche/${pratica.uuid}/pagamento`)
    await settled(page, 'pagamento', assert)
    const main = await page.locator('main').innerText()
    assert.include(main, 'Diritti di segreteria')
    assert.include(main, 'non ha attivato un sistema di pagamento pagoPA')
    assert.deepEqual(errors, [])
  })
})
