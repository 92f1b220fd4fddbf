import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import PaymentPosition from '#models/payment_position'
import { createAtIntermediary } from '#services/payments/create_at_intermediary'
import { clearRateLimits } from '#tests/functional/auth/helpers'
import { officeFixture, praticaUrl } from '#tests/functional/backoffice_pratica/helpers'
import { praticaIn } from '#tests/functional/personal_area/helpers'
import {
  accessibilityViolations,
  closeBrowser,
  logInAsStaff,
  openPage,
  screenshot,
} from '#tests/helpers/browser'
import { loginCitizen } from '#tests/browser/citizens/login'
import { mypayFor } from './helpers.js'

test.group('Browser: Pagamento posticipato', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('an operator asks a deferred payment, the citizen pays it and the pratica is Accettata', async ({
    assert,
    cleanup,
  }) => {
    const { ente, service, citizen, mario } = await officeFixture()
    await mypayFor(ente)
    service.paymentSettings = {
      atRequest: [],
      deferred: [
        {
          causale: 'Occupazione temporanea di suolo pubblico',
          amountCents: 1000,
          bilancio: [{ id: 'c_1', codCapitolo: 'Cap1', codUfficio: 'Uff1', importoCents: 1000 }],
          taxonomyCode: '9/0101100IM/',
          datiSpecificiRiscossione: '9/0301123AP/',
        },
      ],
    }
    await service.save()
    citizen.email = 'lorenzo.bertoli@example.it'
    await citizen.save()
    const pratica = await praticaIn(ente, service, citizen, 4000)
    pratica.operatorId = mario.id
    await pratica.save()

    const office = await openPage()
    cleanup(() => office.context.close())
    await logInAsStaff(office.page, ente.slug, mario.username)
    await office.page.goto(praticaUrl(ente, pratica))
    await office.page.getByRole('link', { name: 'Pagamento posticipato' }).click()
    await office.page.waitForLoadState('networkidle')
    assert.equal(
      await office.page.getByLabel('Causale').inputValue(),
      'Occupazione temporanea di suolo pubblico'
    )
    await office.page.getByLabel('Importo (€)', { exact: true }).fill('12,00')
    await office.page.getByLabel('Importo (€) della voce 1').fill('12,00')
    await office.page
      .getByLabel('Messaggio al cittadino')
      .fill('Per completare la pratica paga la tassa di occupazione.')
    await screenshot(office.page, 'payments-deferred-form')
    assert.deepEqual(await accessibilityViolations(office.page), [])
    await office.page.getByRole('button', { name: 'Invia' }).click()
    await office.page.waitForLoadState('networkidle')
    assert.include(
      await office.page.locator('.alert-success').innerText(),
      'Richiesta di pagamento inviata'
    )
    await screenshot(office.page, 'payments-deferred-sent')
    await pratica.refresh()
    assert.equal(pratica.status, 1500)

    // the creation job's work, done here: the test's transaction never commits for the queue to see it
    const [position] = await PaymentPosition.query().where('pratica_id', pratica.id)
    await createAtIntermediary(position.id, { lastAttempt: true })

    const area = await openPage()
    cleanup(() => area.context.close())
    await loginCitizen(area.context, citizen)
    await area.page.goto(`/${ente.slug}/area-personale/pagamenti`)
    const notice = area.page.getByRole('article', {
      name: 'Occupazione temporanea di suolo pubblico',
    })
    assert.include(await notice.innerText(), '12,00')
    await notice.getByRole('button', { name: /^Paga online/ }).click()
    await area.page.waitForLoadState('networkidle')
    await area.page.getByRole('button', { name: /^Paga 12,/ }).click()
    await area.page.getByText('Pagamento completato').waitFor({ timeout: 30_000 })
    await pratica.refresh()
    assert.equal(pratica.status, 7000)

    await area.page.goto(`/${ente.slug}/area-personale/pratiche/${pratica.uuid}#pagamento`)
    await area.page.waitForLoadState('networkidle')
    assert.include(await area.page.locator('h1').innerText(), 'Accettata')
    await area.page.getByRole('tab', { name: 'Pagamento' }).click()
    assert.isTrue(
      await area.page.getByRole('link', { name: 'Scarica ricevuta pagamento' }).isVisible()
    )
    await screenshot(area.page, 'payments-deferred-citizen-tab')
    assert.deepEqual(await accessibilityViolations(area.page), [])
    assert.deepEqual([...office.errors, ...area.errors], [])
  })
})
