import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import Pratica from '#models/pratica'
import { TEST_CARDS } from '#plugins/payment_mypay/simulator/checkout'
import { changeStatus } from '#services/pratiche/change_status'
import { loginCitizen } from '#tests/browser/citizens/login'
import { mypayFor, sentForPayment } from '#tests/browser/payments_area/helpers'
import { workTheQueue, ztlSetup } from '#tests/functional/pratiche/helpers'
import { DIRITTI, positionsOf } from '#tests/functional/payments/helpers'
import { readNotice } from '#tests/functional/payments/qr'
import { UserFactory } from '#factories/user_factory'
import {
  accessibilityViolations,
  checkedPage,
  closeBrowser,
  logInAsStaff,
  openPage,
  screenshot,
} from '#tests/helpers/browser'

/** The pratica was sent (1000 → 1500) and the queue made its position at the mounted MyPay. */
async function pendingPayment() {
  const setup = await ztlSetup({ paymentSettings: { atRequest: [DIRITTI], deferred: [] } })
  const { ente, service, citizen } = setup
  await mypayFor(ente)
  const draft = await sentForPayment({ ente, service, citizen })
  await workTheQueue()
  const [position] = await positionsOf(draft)
  return { ...setup, pratica: draft, position }
}

const settled = (page: Page, name: string, assert: Assert) =>
  checkedPage(page, `pagamento-${name}`, assert)

test.group('Browser: payment at request', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('Paga online with the MyPay checkout and the test card: back on the landing page, the pratica is Inviata', async ({
    assert,
    cleanup,
  }) => {
    const { ente, citizen, pratica, position } = await pendingPayment()
    assert.equal(position.status, 'PAYMENT_PENDING')
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    await page.goto(`/${ente.slug}/pratiche/${pratica.uuid}/pagamento`)
    await settled(page, 'scegli-modalita', assert)
    const main = await page.locator('main').innerText()
    assert.include(main, 'Scegli la modalità di pagamento')
    assert.include(main, position.noticeCode!.replace(/(\d{4})(?=\d)/g, '$1 '))

    await page.getByRole('button', { name: 'Paga online' }).click()
    await page.waitForURL('**/_sim/payment_mypay/**')
    await page.getByLabel('Numero della carta').fill(TEST_CARDS.approved.number)
    await page.getByLabel('Scadenza').fill(TEST_CARDS.approved.expiry)
    await page.getByLabel('Codice di sicurezza (CVV)').fill(TEST_CARDS.approved.cvv)
    await page.getByLabel('Titolare della carta').fill(citizen.fullName)
    await screenshot(page, 'pagamento-checkout-mypay')
    await page.getByRole('button', { name: /^Paga / }).click()

    await page.waitForURL(`**/${ente.slug}/pratiche/${pratica.uuid}/pagamento/esito**`)
    await page.getByText('Pagamento avvenuto con successo').waitFor()
    await settled(page, 'esito-pagato', assert)
    const current = await Pratica.findOrFail(pratica.id)
    assert.equal(current.status, 1900)
    assert.include(await page.locator('h1').innerText(), 'Inviata')
    const [paid] = await positionsOf(pratica)
    assert.equal(paid.status, 'COMPLETE')

    await page.getByRole('link', { name: 'Vai alla richiesta' }).click()
    await page.waitForURL(`**/pratiche/${pratica.uuid}/ricevuta`)
    assert.deepEqual(errors, [])
  })

  test('Stampa e paga: the avviso PDF, its QR code reads back the pagoPA payload', async ({
    assert,
    cleanup,
  }) => {
    const { ente, citizen, pratica, position } = await pendingPayment()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    await page.goto(`/${ente.slug}/pratiche/${pratica.uuid}/pagamento`)
    const link = page.getByRole('link', { name: /Stampa e paga/ })
    const href = await link.getAttribute('href')
    const response = await page.request.get(href!)
    assert.equal(response.headers()['content-type'], 'application/pdf')
    const notice = await readNotice(await response.body(), {
      keepPngAs: 'tmp/screenshots/pagamento-avviso.png',
    })
    assert.equal(notice.qr, `PAGOPA|002|${position.noticeCode}|${ente.codiceFiscale}|1600`)
    assert.include(notice.text, position.noticeCode!.replace(/(\d{4})(?=\d)/g, '$1 '))
    assert.deepEqual(errors, [])
  })

  test('the step while waiting and after a refusal, the landing page while the outcome is unknown, the admin page', async ({
    assert,
    cleanup,
  }) => {
    const { ente, citizen, pratica, position } = await pendingPayment()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    // back from the checkout without paying: still waiting, the page says so and polls
    await db.transaction((trx) =>
      changeStatus(trx, pratica.id, 1510, { actor: { type: 'system' } })
    )
    await position.merge({ status: 'PAYMENT_STARTED' }).save()
    await page.goto(`/${ente.slug}/pratiche/${pratica.uuid}/pagamento/esito`)
    await page.getByText("Stiamo verificando l'esito del pagamento").waitFor()
    await settled(page, 'esito-in-attesa', assert)
    const polled = page.waitForResponse((response) => response.url().endsWith('/pagamento/stato'))
    const answer = await polled
    assert.deepInclude(await answer.json(), { done: false, outcome: 'started' })

    await db.transaction((trx) =>
      changeStatus(trx, pratica.id, 1530, { actor: { type: 'system' } })
    )
    await position.merge({ status: 'PAYMENT_FAILED' }).save()
    await page.goto(`/${ente.slug}/pratiche/${pratica.uuid}/pagamento`)
    await settled(page, 'rifiutato', assert)
    await page.getByRole('button', { name: 'Riprova' }).click()
    await page.getByText('Abbiamo creato un nuovo avviso di pagamento.').waitFor()
    await settled(page, 'nuovo-avviso', assert)
    assert.include(
      await page.locator('main').innerText(),
      "Stiamo preparando l'avviso di pagamento"
    )
    // the intermediary makes the new avviso: the page reloads itself and offers to pay it
    await workTheQueue()
    await page.getByRole('button', { name: 'Paga online' }).waitFor({ timeout: 15_000 })
    const [, renewed] = await positionsOf(pratica)
    assert.equal(renewed.attempt, 2)
    assert.include(
      await page.locator('main').innerText(),
      renewed.noticeCode!.replace(/(\d{4})(?=\d)/g, '$1 ')
    )

    const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
    const staffPage = await context.newPage()
    await logInAsStaff(staffPage, ente.slug, admin.username)
    await staffPage.goto(`/${ente.slug}/backoffice/impostazioni/riconciliazione-pagamenti`)
    await staffPage.waitForLoadState('networkidle')
    await screenshot(staffPage, 'pagamento-riconciliazione')
    assert.deepEqual(await accessibilityViolations(staffPage), [])
    assert.include(await staffPage.locator('main').innerText(), 'Pagamento fallito')
    assert.include(await staffPage.locator('main').innerText(), 'In attesa di pagamento')
    assert.deepEqual(errors, [])
  })
})
