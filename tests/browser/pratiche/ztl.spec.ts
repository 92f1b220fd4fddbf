import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Locator, Page } from 'playwright-core'
import Pratica from '#models/pratica'
import EntePlugin from '#models/ente_plugin'
import { ServiceFactory } from '#factories/service_factory'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { AGID_IDP_LIST_URL, AGID_REGISTRY_METADATA_URL } from '#plugins/identity_spid/config'
import { saveFormVersion } from '#services/forms/form_versions'
import { createSiteEnte } from '#tests/functional/site/fixtures'
import { workTheQueue, ZTL_FORM } from '#tests/functional/pratiche/helpers'
import { baseUrl, checkedPage, closeBrowser, openPage } from '#tests/helpers/browser'
import { overrideEnv } from '#tests/helpers/env'

/**
 * The "Done when", in the browser, as the demo runs it: SPID with
 * the development IdP, the manual's ZTL form, the real queue jobs.
 */
async function ztlEnte() {
  const { ente, services } = await createSiteEnte()
  const contracts = await app.container.make(PluginContracts)
  await contracts.set(ente, ['identity_spid', 'identity_test_idp', 'messaging_email'])
  const settings = await app.container.make(TenantPlugins)
  await settings.configure(ente, 'identity_test_idp', { enabled: true, config: {} })
  await settings.configure(ente, 'identity_spid', {
    enabled: true,
    config: {
      contactEmail: 'urp@comune.prova.it',
      binding: 'post',
      registryMetadataUrl: AGID_REGISTRY_METADATA_URL,
      idpListUrl: AGID_IDP_LIST_URL,
      testIdp: true,
    },
  })
  await EntePlugin.query()
    .where({ ente_id: ente.id, plugin_id: 'messaging_email' })
    .update({
      enabled: true,
      config: JSON.stringify({
        senderAddress: 'noreply@comune.prova.it',
        senderName: ente.name,
        maxMessagesPerMinute: 60,
      }),
    })
  // the ZTL service of the site fixture, with the manual's form
  const ztl = services.find((service) => service.name.includes('ZTL'))!
  await ztl.merge({ maxResponseDays: 30, minAuthLevel: 2 }).save()
  await saveFormVersion(ztl, JSON.parse(await readFile(app.makePath(ZTL_FORM), 'utf8')))
  await ServiceFactory.merge({ enteId: ente.id, name: 'Prenotare una sala pubblica' }).create()
  return { ente, ztl }
}

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], (error, stdout) =>
      error ? reject(error) : resolve(stdout.replace(/\s+/g, ' '))
    )
    child.stdin!.end(pdf)
  })
}

/** A form field by its exact label (required ones end with " *"). */
function field(scope: Locator, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`))
}

const settled = (page: Page, name: string, assert: Assert) =>
  checkedPage(page, `pratica-${name}`, assert)

test.group('Browser: a citizen applies for the ZTL permit and withdraws it', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => overrideEnv({ APP_URL: baseUrl() }))
  group.teardown(() => closeBrowser())

  test('find, log in, fill as delegate with a PDF, fix the codice fiscale, send, download, withdraw', async ({
    assert,
    cleanup,
  }) => {
    const { ente, ztl } = await ztlEnte()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    // the catalogue: search and open the service
    await page.goto(`/${ente.slug}/servizi`, { waitUntil: 'networkidle' })
    await page.getByRole('searchbox').first().fill('ZTL')
    await page.getByRole('searchbox').first().press('Enter')
    await page.waitForLoadState('networkidle')
    await settled(page, 'catalogo', assert)
    await page
      .getByRole('link', { name: 'Richiedere permesso di accesso ad area ZTL' })
      .first()
      .click()
    await settled(page, 'scheda', assert)
    await page.getByRole('link', { name: 'Accedi al servizio online' }).first().click()

    // SPID through the development IdP, at level 2
    await page.waitForURL(`**/${ente.slug}/accedi**`)
    await settled(page, 'accedi', assert)
    await page.getByRole('button', { name: 'Entra con SPID' }).click()
    const testIdp = page.getByRole('link', { name: 'IdP di test' })
    await testIdp.waitFor()
    await testIdp.click()
    await page.waitForURL('**/auth/identity_test_idp/idp/sso')
    await page.waitForLoadState('networkidle')
    await page.locator('label', { hasText: 'Lorenzo Bertoli' }).click()
    await page.getByLabel('Livello di autenticazione').selectOption('2')
    await page.getByRole('button', { name: 'Accedi', exact: true }).click()

    // the draft's form, prefilled from SPID
    await page.waitForURL(`**/${ente.slug}/pratiche/*/compila`)
    const uuid = new URL(page.url()).pathname.split('/')[3]
    await settled(page, 'compila-privacy', assert)
    assert.include(
      await page.locator('main').innerText(),
      'Abbiamo compilato il tuo profilo utilizzando i dati di SPID o di CIE.'
    )
    await page.getByText("Ho letto e compreso l'informativa sulla privacy").click()
    await page.getByRole('button', { name: 'Avanti' }).click()

    // Dati generali: "delegato da un'altra persona" shows Beneficiario and Delega
    await page.getByRole('heading', { name: 'Dati generali' }).waitFor()
    const beneficiary = page.getByRole('group', { name: 'Beneficiario', exact: true })
    const delega = page.getByRole('group', { name: 'Delega', exact: true })
    assert.isFalse(await beneficiary.isVisible())
    await page.getByLabel('In qualità di').selectOption({ label: "delegato da un'altra persona" })
    await beneficiary.waitFor({ state: 'visible' })
    assert.isTrue(await delega.isVisible())
    await page.locator('label', { hasText: 'attivazione' }).first().click()

    const applicant = page.getByRole('group', { name: 'Richiedente', exact: true })
    assert.equal(await field(applicant, 'Codice Fiscale').inputValue(), 'BRTLNZ85C12G702U')
    await field(applicant, 'Luogo di nascita').fill('Pisa')
    await applicant.getByText('Maschio', { exact: true }).click()
    await field(applicant, 'Email').fill('lorenzo.bertoli@example.it')
    await field(applicant, 'Recapito telefonico').fill('3331112233')
    await field(applicant, 'Indirizzo').fill('Via Santa Maria')
    await field(applicant, 'Numero civico').fill('10')
    await field(applicant, 'Comune').fill('Pisa')
    await field(applicant, 'Provincia').selectOption('PI')
    await field(applicant, 'CAP').fill('56126')

    await field(beneficiary, 'Nome').fill('Mario')
    await field(beneficiary, 'Cognome').fill('Rossi')
    await field(beneficiary, 'Data di nascita').fill('20/02/1980')
    await field(beneficiary, 'Luogo di nascita').fill('Trento')
    await beneficiary.getByText('Maschio', { exact: true }).click()
    await field(beneficiary, 'Codice Fiscale').fill('RSSMRA80B20L378X')
    await field(beneficiary, 'Indirizzo').fill('Via Roma')
    await field(beneficiary, 'Comune').fill('Trento')
    await field(beneficiary, 'Provincia').selectOption('TN')
    await field(beneficiary, 'CAP').fill('38122')

    const pdf = {
      name: 'documento.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 0x20)]),
    }
    await delega.getByLabel("Scegli un file per Documento d'identità").setInputFiles(pdf)
    await field(delega, "Data di scadenza del documento d'identità").fill('11/03/2030')
    await delega
      .getByLabel('Scegli un file per Delega del beneficiario')
      .setInputFiles({ ...pdf, name: 'delega.pdf' })

    // a wrong codice fiscale: the error next to it, nothing else lost
    await page.getByRole('button', { name: 'Avanti' }).click()
    const cfError = beneficiary.locator('[data-field$="fiscal_code"] .invalid-feedback')
    await cfError.waitFor({ state: 'visible' })
    await settled(page, 'compila-errore-cf', assert)
    assert.include(await cfError.innerText(), 'CF non valido')
    assert.equal(await field(beneficiary, 'Nome').inputValue(), 'Mario')
    assert.equal(await field(applicant, 'CAP').inputValue(), '56126')
    assert.equal(await page.getByLabel('In qualità di').inputValue(), 'delegato')

    await field(beneficiary, 'Codice Fiscale').fill('RSSMRA80B20L378U')
    await page.getByRole('button', { name: 'Avanti' }).click()

    // Veicolo, then Documenti allegati
    await page.getByRole('heading', { name: 'Veicolo' }).waitFor()
    await settled(page, 'compila-veicolo', assert)
    await page.getByLabel('Targa').fill('AB123CD')
    await page.getByLabel('Tipo di veicolo').selectOption('autovettura')
    await page.locator('label', { hasText: 'permanente' }).click()
    await page.getByLabel('Data di inizio').fill('01/12/2030')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByRole('heading', { name: 'Documenti allegati' }).first().waitFor()
    await page.getByRole('button', { name: 'Avanti' }).click()

    // Riepilogo: the delegate's blocks and the uploaded PDFs, then "Invia"
    await page.waitForURL(`**/pratiche/${uuid}/riepilogo`)
    await settled(page, 'riepilogo', assert)
    const summary = await page.locator('main').innerText()
    assert.include(summary, 'RSSMRA80B20L378U')
    assert.include(summary, 'documento.pdf')
    assert.include(summary, 'delega.pdf')
    await page.getByRole('button', { name: 'Invia' }).click()

    // the receipt: Inviata; then the pratica in the personal area, Acquisita by the job
    await page.waitForURL(`**/pratiche/${uuid}/ricevuta`)
    assert.include(await page.locator('[data-iter]').innerText(), 'Inviata')
    await settled(page, 'ricevuta', assert)
    await page.getByRole('link', { name: 'Vai alla pratica' }).click()
    await page.waitForURL(`**/area-personale/pratiche/${uuid}`)
    const iter = page.getByRole('region', { name: 'Iter della pratica' })
    assert.include(await iter.innerText(), 'Inviata')
    await workTheQueue()
    await page.reload({ waitUntil: 'networkidle' })
    assert.include(await iter.innerText(), 'Acquisita')
    await settled(page, 'area-pratica', assert)

    // the modulo compilato
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Scarica il modulo compilato' }).click(),
    ])
    assert.equal(download.suggestedFilename(), `modulo-compilato-${uuid}.pdf`)
    const text = await pdfText(await readFile((await download.path())!))
    assert.include(text, ztl.name)
    assert.include(text, uuid)
    assert.include(text, 'Codice Fiscale RSSMRA80B20L378U')

    // Ritira pratica, back on the pratica: Ritirata
    await page.getByRole('link', { name: 'Ritira pratica' }).click()
    await page.waitForURL(`**/pratiche/${uuid}/ritira**`)
    await settled(page, 'ritira', assert)
    await page.getByRole('button', { name: 'Ritira pratica' }).click()
    await page.waitForURL(`**/area-personale/pratiche/${uuid}`)
    await settled(page, 'ritirata', assert)
    const statuses = await page.getByRole('status').allInnerTexts()
    assert.include(statuses.join(' '), 'La pratica è stata ritirata.')
    assert.include(await iter.innerText(), 'Ritirata')
    const withdrawn = await Pratica.findByOrFail('uuid', uuid)
    assert.equal(withdrawn.status, 20000)
    assert.deepEqual(errors, [])
  })
})
