import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditLog from '#models/audit_log'
import Upload from '#models/upload'
import { ServiceFactory } from '#factories/service_factory'
import { adminWithService, reloaded } from './helpers.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n')

test.group('Backoffice: Dati generali and Scheda tabs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every tab answers, with the manual tabs and the current one marked', async ({ client }) => {
    const { admin, base } = await adminWithService()
    for (const tab of [
      'dati-generali',
      'scheda',
      'modulo',
      'traduzioni-modulo',
      'messaggi',
      'ricevuta',
      'integrazioni',
      'impostazioni-avanzate',
    ]) {
      const response = await client.get(`${base}/${tab}`).loginAs(admin)
      response.assertStatus(200)
      for (const label of [
        'Dati generali',
        'Scheda',
        'Modulo',
        'Traduzioni modulo',
        'Messaggi',
        'Ricevuta',
        'Integrazioni',
        'Impostazioni avanzate',
      ])
        response.assertTextIncludes(`>${label}</a>`)
      response.assertTextIncludes(`href="${base}/${tab}" aria-current="page"`)
    }
  })

  test('"Dati generali" saves the names, short descriptions and address', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()

    const response = await client
      .put(`${base}/dati-generali`)
      .form({
        'slug': 'ztl-centro',
        'nome[it]': 'Permesso ZTL centro',
        'nome[en]': 'Restricted traffic zone permit',
        'nome[de]': '',
        'descrizione_breve[it]': 'Per entrare nella ZTL.',
        'descrizione_breve[en]': 'To enter the ZTL.',
        'descrizione_breve[de]': '',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `${base}/dati-generali`)
    const saved = await reloaded(service)
    assert.equal(saved.slug, 'ztl-centro')
    assert.equal(saved.name, 'Permesso ZTL centro')
    assert.deepInclude(saved.content.it, {
      nome: 'Permesso ZTL centro',
      descrizione_breve: 'Per entrare nella ZTL.',
    })
    assert.deepEqual(saved.content.en, {
      nome: 'Restricted traffic zone permit',
      descrizione_breve: 'To enter the ZTL.',
    })
    assert.notProperty(saved.content, 'de')
    const audit = await AuditLog.query().where('action', 'service_updated').firstOrFail()
    assert.equal(audit.metadata.tab, 'dati-generali')
    assert.sameMembers(audit.metadata.fields as string[], ['slug', 'name', 'content'])
  })

  test('"Dati generali" refuses a bad or taken address and a missing name, keeping the input', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()
    await ServiceFactory.merge({ enteId: ente.id, slug: 'preso' }).create()

    const bad = await client
      .put(`${base}/dati-generali`)
      .form({ 'slug': 'Con Spazi!', 'nome[it]': '', 'descrizione_breve[it]': 'Tenuta' })
      .withCsrfToken()
      .loginAs(admin)
    bad.assertStatus(422)
    bad.assertTextIncludes('L&#x27;indirizzo nel sito può contenere solo lettere minuscole')
    bad.assertTextIncludes('Il campo Nome del servizio è obbligatorio')
    bad.assertTextIncludes('value="Con Spazi!"')
    bad.assertTextIncludes('>Tenuta</textarea>')

    const taken = await client
      .put(`${base}/dati-generali`)
      .form({ 'slug': 'preso', 'nome[it]': 'Permesso ZTL' })
      .withCsrfToken()
      .loginAs(admin)
    taken.assertStatus(422)
    taken.assertTextIncludes('Questo indirizzo è già usato da un altro servizio dell&#x27;ente.')
    const unchanged = await reloaded(service)
    assert.equal(unchanged.slug, 'permesso-ztl')
  })

  test('"Scheda" saves one language at a time; an empty section falls back to Italian', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()

    const italian = await client
      .put(`${base}/scheda`)
      .form({
        'lingua': 'it',
        'scheda[a_chi_e_rivolto]': 'Ai residenti.',
        'scheda[come_fare]': '<p>Accedi con <strong>SPID</strong>.</p>',
        'scheda[costi]': '',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    italian.assertHeader('location', `${base}/scheda?lingua=it`)
    await client
      .put(`${base}/scheda`)
      .form({ 'lingua': 'en', 'scheda[a_chi_e_rivolto]': 'To residents.' })
      .withCsrfToken()
      .loginAs(admin)

    const saved = await reloaded(service)
    assert.equal(saved.content.it?.a_chi_e_rivolto, 'Ai residenti.')
    assert.equal(saved.content.it?.come_fare, '<p>Accedi con <strong>SPID</strong>.</p>')
    assert.notProperty(saved.content.it, 'costi')
    assert.equal(saved.content.en?.a_chi_e_rivolto, 'To residents.')
    // the Italian short description and name are untouched by the Scheda tab
    assert.equal(saved.content.it?.descrizione_breve, service.content.it?.descrizione_breve)

    const english = await client.get(`${base}/scheda`).qs({ lingua: 'en' }).loginAs(admin)
    english.assertTextIncludes('>To residents.</textarea>')
    english.assertTextIncludes('Le sezioni lasciate vuote si leggono in italiano.')

    const scheda = await client.get(`/${ente.slug}/servizi/${service.slug}`)
    scheda.assertTextIncludes('<p>Accedi con <strong>SPID</strong>.</p>')
  })

  test('"Scheda" refuses a section too long, keeping every text', async ({ client }) => {
    const { admin, base } = await adminWithService()

    const response = await client
      .put(`${base}/scheda`)
      .form({
        'lingua': 'it',
        'scheda[descrizione]': 'x'.repeat(20_001),
        'scheda[costi]': 'Gratuito.',
      })
      .withCsrfToken()
      .loginAs(admin)

    response.assertStatus(422)
    response.assertTextIncludes('Il campo Descrizione non può superare 20000 caratteri')
    response.assertTextIncludes('>Gratuito.</textarea>')
  })

  test('the condizioni file: uploaded, downloaded from the scheda, replaced and removed', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()

    const upload = await client
      .post(`${base}/scheda/condizioni`)
      .file('condizioni', PDF, { filename: 'Condizioni ZTL.pdf' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    upload.assertStatus(302)

    const scheda = await client.get(`/${ente.slug}/servizi/${service.slug}`)
    scheda.assertTextIncludes('href="#condizioni-di-servizio"')
    scheda.assertTextIncludes(`href="/${ente.slug}/servizi/${service.slug}/condizioni" download`)
    scheda.assertTextIncludes('Scarica le condizioni di servizio')
    scheda.assertTextIncludes('(file PDF, ')
    const jsonLd = JSON.parse(
      /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(scheda.text())![1]
    )
    assert.match(
      jsonLd.termsOfService,
      new RegExp(`/${ente.slug}/servizi/${service.slug}/condizioni$`)
    )

    const download = await client.get(`/${ente.slug}/servizi/${service.slug}/condizioni`)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    assert.include(download.header('content-disposition'), 'attachment')
    assert.include(download.header('content-disposition'), 'Condizioni ZTL.pdf')
    assert.deepEqual(download.body(), PDF)

    // a second file replaces the first, which is gone from the disk and the records
    const first = await Upload.query()
      .where('owner', `service:${service.id}:condizioni`)
      .firstOrFail()
    await client
      .post(`${base}/scheda/condizioni`)
      .file('condizioni', PDF, { filename: 'Condizioni 2026.pdf' })
      .withCsrfToken()
      .loginAs(admin)
    const owned = await Upload.query().where('owner', `service:${service.id}:condizioni`)
    assert.lengthOf(owned, 1)
    assert.notEqual(owned[0].id, first.id)
    const replaced = await client.get(`/${ente.slug}/servizi/${service.slug}/condizioni`)
    assert.include(replaced.header('content-disposition'), 'Condizioni 2026.pdf')

    await client.delete(`${base}/scheda/condizioni`).withCsrfToken().loginAs(admin)
    const withoutFile = await reloaded(service)
    assert.isNull(withoutFile.conditionsFilePath)
    const gone = await client.get(`/${ente.slug}/servizi/${service.slug}/condizioni`)
    gone.assertStatus(404)
  })

  test('a condizioni file whose content is not what its name says is refused', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()

    const response = await client
      .post(`${base}/scheda/condizioni`)
      .file('condizioni', Buffer.from('MZ\x90\x00 not a pdf at all'), {
        filename: 'condizioni.pdf',
      })
      .withCsrfToken()
      .loginAs(admin)

    response.assertStatus(422)
    response.assertTextIncludes('non corrisponde a un file pdf')
    const refused = await reloaded(service)
    assert.isNull(refused.conditionsFilePath)

    const wrongType = await client
      .post(`${base}/scheda/condizioni`)
      .file('condizioni', PDF, { filename: 'condizioni.exe' })
      .withCsrfToken()
      .loginAs(admin)
    wrongType.assertStatus(422)
    wrongType.assertTextIncludes('puoi caricare solo file pdf, p7m, odt e docx')
  })
})
