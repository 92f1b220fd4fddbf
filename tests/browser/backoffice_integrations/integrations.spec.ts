import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import { readFile } from 'node:fs/promises'
import PraticaDocument from '#models/pratica_document'
import { workTheQueue } from '#tests/functional/pratiche/helpers'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { loginCitizen } from '#tests/browser/citizens/login'
import { logInOperator } from '#tests/browser/backoffice_pratica/helpers'
import { integrationFixture, pdfText } from '#tests/functional/backoffice_integrations/helpers'

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

async function follow(page: Page, name: string, role: 'link' | 'button' = 'link') {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle' }),
    page.getByRole(role, { name, exact: true }).click(),
  ])
}

async function title(page: Page) {
  const text = await page.locator('h1').innerText()
  return text.replace(/\s+/g, ' ')
}

async function axeReport(page: Page) {
  const violations = await accessibilityViolations(page)
  return violations.join('\n')
}

test.group('Browser: the integration cycle', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })
  group.teardown(() => closeBrowser())

  test('the operator filters, takes charge, requests integrations; the citizen answers with a file; the operator accepts them (PDF) and approves; the citizen has the outcome, its PDF and the e-mails', async ({
    assert,
    cleanup,
  }) => {
    const f = await integrationFixture()
    // just acquired: nobody has it yet
    f.pratica.merge({ status: 2000, operatorId: null })
    await f.pratica.save()
    const office = await openPage()
    cleanup(() => office.context.close())
    const { page } = office
    await logInOperator(page, f.ente.slug, f.operator.username)

    // Elenco pratiche: the operator narrows the list to the citizen's Acquisita pratiche
    await page.goto(`/${f.ente.slug}/backoffice`, { waitUntil: 'networkidle' })
    await page.getByLabel('Filtra per servizio').selectOption({ label: f.service.name })
    await page.getByLabel('Filtra per stato').selectOption({ label: 'Acquisita' })
    await page.getByLabel('Cerca per').fill(f.citizen.lastName)
    await follow(page, 'Aggiorna ricerca', 'button')
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle' }),
      page
        .getByRole('link', { name: /^Vedi dettaglio/ })
        .first()
        .click(),
    ])
    assert.equal(new URL(page.url()).pathname, f.base)
    await follow(page, 'Prendi in carico', 'button')
    assert.include(await title(page), '[In carico]')

    // Richiedi integrazioni
    await follow(page, 'Richiedi integrazioni')
    assert.equal(await title(page), 'Richiedi integrazione')
    const motivation = page.getByLabel('Messaggio')
    assert.include(await motivation.inputValue(), 'Gentile Lorenzo Bertoli')
    await motivation.fill(
      'Gentile Lorenzo Bertoli,\nil file ISEE allegato era illeggibile: caricalo di nuovo.'
    )
    await page.getByLabel('Carica allegato').setInputFiles({
      name: 'istruzioni.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    })
    await screenshot(page, 'backoffice-integrations-request')
    assert.equal(await axeReport(page), '')
    await follow(page, 'Invia richiesta integrazione', 'button')
    assert.include(await title(page), '[In attesa di integrazioni]')
    assert.include(
      await page.locator('.alert-success').innerText(),
      'Richiesta di integrazioni inviata'
    )

    // the citizen answers from the pratica page
    const citizen = await openPage()
    cleanup(() => citizen.context.close())
    await loginCitizen(citizen.context, f.citizen)
    const area = citizen.page
    await area.goto(`${f.area}/pratiche/${f.pratica.uuid}`)
    await area.waitForLoadState('networkidle')
    const request = area.locator('.integration-request')
    assert.include(await request.innerText(), 'il file ISEE allegato era illeggibile')
    await screenshot(area, 'personal-area-integration-request')
    assert.equal(await axeReport(area), '')
    await follow(area, 'Rispondi alla richiesta integrazione')
    await area.locator('#scheda-messaggi.active').waitFor()
    await area
      .getByLabel('Testo del messaggio')
      .fill('Allego il file corretto, chiedo scusa per il disagio.')
    await area.getByLabel('Carica allegato').setInputFiles({
      name: 'isee-corretto.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    })
    await follow(area, 'Invia messaggio', 'button')
    assert.include(await area.locator('#scheda-messaggi').innerText(), 'isee-corretto.pdf')

    // the operator accepts the answer
    await page.goto(f.base)
    await follow(page, 'Accetta integrazioni')
    assert.equal(await title(page), 'Integrazioni')
    await page.locator('.integration-answer label').first().click()
    assert.isTrue(await page.getByLabel(/Lorenzo Bertoli/).isChecked())
    await screenshot(page, 'backoffice-integrations-accept')
    assert.equal(await axeReport(page), '')
    await follow(page, 'Accetta integrazioni', 'button')
    assert.include(await title(page), '[Presa in carico in seguito a integrazioni]')
    const document = await PraticaDocument.query()
      .where('pratica_id', f.pratica.id)
      .where('kind', 'integrazioni')
      .firstOrFail()
    const text = await pdfText(Buffer.from(await drive.use().getBytes(document.diskKey)))
    assert.include(text, 'Allego il file corretto, chiedo scusa per il disagio.')
    assert.include(text, 'isee-corretto.pdf')

    // then approves (the pratica page's Approva)
    await follow(page, 'Approva')
    await page.getByRole('textbox', { name: 'Messaggio di risposta' }).click()
    await page.keyboard.type('Richiesta accettata dopo le integrazioni.')
    await follow(page, 'Invia', 'button')
    assert.include(await title(page), '[Accettata]')

    await area.goto(`${f.area}/pratiche/${f.pratica.uuid}`)
    await area.waitForLoadState('networkidle')
    assert.include(await title(area), '[Accettata]')
    assert.equal(await area.locator('.integration-request').count(), 0)
    await area.getByRole('tab', { name: /Messaggi/ }).click()
    const [download] = await Promise.all([
      area.waitForEvent('download'),
      area
        .locator('#scheda-messaggi')
        .getByRole('link', { name: `esito-${f.pratica.uuid}.pdf` })
        .click(),
    ])
    const bytes = await readFile((await download.path())!)
    assert.include(await pdfText(bytes), 'Richiesta accettata dopo le integrazioni.')
    await screenshot(area, 'personal-area-accepted-after-integrations')

    // the e-mails the citizen received, in the development mailbox
    await workTheQueue()
    await area.goto(`/dev/mailbox?to=${encodeURIComponent(f.citizen.email!)}`, {
      waitUntil: 'networkidle',
    })
    await screenshot(area, 'dev-mailbox-citizen-integrations')
    const mailbox = await area.locator('main').innerText()
    assert.include(mailbox, 'Richiesta di integrazioni')
    assert.include(mailbox, 'richiesta accettata')
  })
})
