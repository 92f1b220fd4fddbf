import { test } from '@japa/runner'
import type { Locator } from 'playwright-core'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import PraticaMessage from '#models/pratica_message'
import Upload from '#models/upload'
import { CitizenFactory } from '#factories/citizen_factory'
import { ServiceFactory } from '#factories/service_factory'
import { praticaLinkPath } from '#services/citizens/pratica_link'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { loginCitizen } from '#tests/browser/citizens/login'
import {
  areaFixture,
  officeMessage,
  pdf,
  praticaIn,
  storedUpload,
} from '#tests/functional/personal_area/helpers'

/** The texts of the elements, blanks collapsed. */
async function textsOf(locator: Locator) {
  const texts = await locator.allInnerTexts()
  return texts.map((text) => text.replace(/\s+/g, ' ').trim())
}

/** A citizen with pratiche in several states, files and an office's message. */
async function busyCitizen() {
  const fixture = await areaFixture()
  const { ente, citizen, service } = fixture
  const imu = await ServiceFactory.merge({ enteId: ente.id, name: 'Pagare tributi IMU' }).create()
  await praticaIn(ente, imu, citizen, 1000)
  await praticaIn(ente, service, citizen, 7000)
  await praticaIn(ente, service, citizen, 9000)
  const pratica = await praticaIn(ente, service, citizen, 2000)
  await storedUpload(ente, `pratica:${pratica.id}`, 'libretto.pdf', pdf())
  await officeMessage(
    pratica,
    'Gentile Lorenzo Bertoli,\nla tua richiesta è stata ricevuta.\nGrazie per la collaborazione.'
  )
  return { ...fixture, imu, pratica }
}

test.group('Browser: the personal area', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })
  group.teardown(() => closeBrowser())

  test('Scrivania, Pratiche with counters and filter, Allegati, Documenti, Pagamenti pass axe', async ({
    assert,
    cleanup,
  }) => {
    const { citizen, area, imu } = await busyCitizen()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    await page.goto(area, { waitUntil: 'networkidle' })
    assert.include(
      await page.getByRole('heading', { name: /Ultimi messaggi/ }).innerText(),
      '1 messaggio non letto'
    )
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'personal-area-scrivania')

    await page.getByRole('link', { name: 'Vedi tutte le pratiche' }).click()
    await page.waitForLoadState('networkidle')
    const counters = page.getByRole('navigation', { name: 'Filtra per stato' })
    assert.deepEqual(await textsOf(counters.getByRole('link')), [
      'Tutte 4',
      'In bozza 1',
      'Inviate 1',
      'Accettate 1',
      'Rifiutate 1',
    ])
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'personal-area-pratiche')

    await counters.getByRole('link', { name: /Accettate/ }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('tbody tr').count(), 1)
    assert.include(await page.locator('tbody').innerText(), 'Accettata')

    await page.getByLabel('Filtra per servizio').selectOption({ label: imu.name })
    await page.getByRole('button', { name: 'Filtra' }).click()
    await page.waitForLoadState('networkidle')
    // the service filter keeps the counter chosen: no accepted IMU pratica
    assert.include(await page.locator('main').innerText(), 'Nessuna pratica corrisponde al filtro')
    await page.getByRole('link', { name: /Tutte/ }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('tbody tr').count(), 1)
    assert.include(await page.locator('tbody').innerText(), 'Pagare tributi IMU')
    assert.deepEqual(await accessibilityViolations(page), [])

    // "Elimina" asks first; the draft is gone afterwards
    await page.getByRole('link', { name: /^Elimina Pagare tributi IMU/ }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('h1').innerText(), 'Elimina la bozza')
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'personal-area-elimina')
    await page.getByRole('button', { name: 'Elimina' }).click()
    await page.getByRole('status').filter({ hasText: 'La bozza è stata eliminata.' }).waitFor()
    assert.notInclude(await page.locator('main').innerText(), 'Pagare tributi IMU')

    for (const [section, name] of [
      ['Allegati', 'personal-area-allegati'],
      ['Documenti', 'personal-area-documenti'],
      ['Pagamenti', 'personal-area-pagamenti'],
    ]) {
      await page
        .getByRole('navigation', { name: "Sezioni dell'area personale" })
        .getByRole('link', { name: section })
        .click()
      await page.waitForLoadState('networkidle')
      assert.equal(await page.locator('h1').innerText(), section)
      assert.deepEqual(await accessibilityViolations(page), [], section)
      await screenshot(page, name)
    }
    assert.include(await page.locator('main').innerText(), 'Non ci sono pagamenti')
    assert.deepEqual(errors, [])
  })

  test('the pratica page: tabs with the keyboard, a message with an attachment', async ({
    assert,
    cleanup,
  }) => {
    const { citizen, area, pratica } = await busyCitizen()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    await page.goto(`${area}/pratiche/${pratica.uuid}`, { waitUntil: 'networkidle' })
    assert.deepEqual(await textsOf(page.locator('h1')), [
      'Richiedere permesso di accesso ad area ZTL [Acquisita]',
    ])
    const tabs = page.getByRole('tablist')
    assert.deepEqual(await textsOf(tabs.getByRole('tab')), [
      'Modulo',
      'Allegati 1',
      'Messaggi 1 1 nuovo',
    ])
    assert.isTrue(await page.getByRole('tabpanel', { name: 'Modulo' }).isVisible())
    assert.include(await page.getByRole('tabpanel').innerText(), 'AB123CD')
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'personal-area-pratica-modulo')

    // arrow keys move between the tabs, Enter opens one (Bootstrap Italia)
    await page.getByRole('tab', { name: 'Modulo' }).focus()
    await page.keyboard.press('ArrowRight')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-allegati')
    await page.keyboard.press('Enter')
    assert.equal(await page.getByRole('tab', { selected: true }).innerText(), 'Allegati 1')
    assert.include(await page.getByRole('tabpanel').innerText(), 'libretto.pdf')
    assert.deepEqual(await accessibilityViolations(page), [])
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press(' ')
    const messagesTab = page.getByRole('tab', { selected: true })
    assert.match(await messagesTab.innerText(), /^Messaggi 1/)
    const thread = page.getByRole('tabpanel')
    assert.include(await thread.innerText(), 'la tua richiesta è stata ricevuta.')
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'personal-area-pratica-messaggi')

    // a message without text comes back with the reason next to the field and the file kept
    await thread.getByLabel('Carica allegato').setInputFiles({
      name: 'ricevuta.pdf',
      mimeType: 'application/pdf',
      buffer: pdf(),
    })
    await thread.getByRole('button', { name: 'Invia messaggio' }).click()
    await page.waitForLoadState('networkidle')
    const panel = page.getByRole('tabpanel', { name: /Messaggi/ })
    assert.isTrue(await panel.isVisible(), 'the Messaggi tab is open again')
    assert.include(await panel.getByRole('alert').innerText(), 'Scrivi il testo del messaggio.')
    assert.include(
      await panel.locator('#message-body-error').innerText(),
      'Scrivi il testo del messaggio.'
    )
    assert.include(await panel.getByRole('table').innerText(), 'ricevuta.pdf')
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'personal-area-pratica-messaggio-errore')

    await panel
      .getByLabel('Testo del messaggio')
      .fill('Buongiorno, allego la ricevuta del versamento.')
    await panel.getByRole('button', { name: 'Invia messaggio' }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(new URL(page.url()).hash, '#messaggi')
    await page.getByRole('status').filter({ hasText: 'Messaggio inviato.' }).waitFor()
    const sent = page.getByRole('tabpanel', { name: /Messaggi 2/ })
    assert.isTrue(await sent.isVisible(), 'the address opens the Messaggi tab')
    assert.include(await sent.innerText(), 'Buongiorno, allego la ricevuta del versamento.')
    assert.include(
      (await sent.getByRole('link', { name: /ricevuta\.pdf/ }).getAttribute('href')) ?? '',
      '/area-personale/allegati/'
    )
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'personal-area-pratica-messaggio-inviato')

    const [message] = await PraticaMessage.query()
      .where('pratica_id', pratica.id)
      .where('author_type', 'citizen')
    const files = await Upload.query().where('owner', message.uploadOwner)
    assert.deepEqual(
      files.map((file) => file.clientName),
      ['ricevuta.pdf']
    )
    // the message sent back with its reason answers 422, which the console reports
    assert.deepEqual(
      errors.filter((error) => !error.includes('status of 422')),
      []
    )
  })

  test("the login-free applicant's page passes axe", async ({ assert, cleanup }) => {
    const { ente, service } = await areaFixture()
    const applicant = await CitizenFactory.apply('anonymous').merge({ enteId: ente.id }).create()
    const pratica = await praticaIn(ente, service, applicant, 2000)
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(praticaLinkPath({ ente, praticaId: pratica.uuid, citizen: applicant }), {
      waitUntil: 'networkidle',
    })
    assert.include(await page.locator('h1').innerText(), '[Acquisita]')
    assert.equal(
      await page.getByRole('navigation', { name: "Sezioni dell'area personale" }).count(),
      0
    )
    assert.deepEqual(await accessibilityViolations(page), [])
    await page.getByRole('tab', { name: /Messaggi/ }).click()
    assert.isTrue(await page.getByRole('button', { name: 'Invia messaggio' }).isVisible())
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'personal-area-link')
    assert.deepEqual(errors, [])
  })
})
