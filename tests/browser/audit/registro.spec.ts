import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { praticaSubject, recordAudit } from '#services/audit/audit_log'
import { staff } from '#tests/functional/backoffice_list/helpers'
import {
  accessibilityViolations,
  closeBrowser,
  logInAsStaff,
  openPage,
  screenshot,
} from '#tests/helpers/browser'

test.group('Browser: Registro delle attività', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('the ente admin goes from Impostazioni to the registro, filters it by operator and downloads the CSV', async ({
    assert,
    cleanup,
  }) => {
    const ente = await EnteFactory.create()
    const admin = await staff(ente, 'enteAdmin')
    const operator = await staff(ente)
    const origin = { ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (Test)' }
    const pratica = { uuid: '0b7e4c2a-5d1f-4e8a-9c3b-7a6f5e4d3c2b' }
    await recordAudit({ action: 'login_succeeded', enteId: ente.id, actor: operator, origin })
    await recordAudit({
      action: 'pratica_taken_in_charge',
      enteId: ente.id,
      actor: operator,
      subject: praticaSubject(pratica),
      origin,
    })
    await recordAudit({
      action: 'pratica_priority_changed',
      enteId: ente.id,
      actor: admin,
      subject: praticaSubject(pratica),
      metadata: { from: 'Bassa', to: 'Alta' },
      origin,
    })

    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logInAsStaff(page, ente.slug, admin.username)
    await page.getByRole('link', { name: 'Impostazioni' }).first().click()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(await accessibilityViolations(page), [])
    await page.getByRole('link', { name: 'Registro delle attività' }).click()
    await page.waitForLoadState('networkidle')

    assert.equal(await page.locator('h1').innerText(), 'Registro delle attività')
    // the admin's own login is the newest entry
    assert.equal(await page.locator('table.audit-log tbody tr').count(), 4)
    await screenshot(page, 'registro-attivita')
    assert.deepEqual(await accessibilityViolations(page), [])

    await page
      .getByLabel('Filtra per operatore')
      .selectOption({ label: `${operator.fullName} (${operator.username})` })
    await page.getByRole('button', { name: 'Aggiorna ricerca' }).click()
    await page.waitForLoadState('networkidle')
    const actions = await page.locator('table.audit-log tbody tr td:nth-child(3)').allInnerTexts()
    assert.deepEqual(actions, ['Presa in carico', 'Accesso'])
    await page.getByText('Vista da 1 a 2 di 2 attività').waitFor()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Esporta CSV' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^registro-attivita-.+\.csv$/)
    assert.deepEqual(errors, [])
  })
})
