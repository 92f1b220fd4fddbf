import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ServiceFormVersion from '#models/service_form_version'
import AuditLog from '#models/audit_log'
import { PraticaFactory } from '#factories/pratica_factory'
import { currentFormVersion } from '#services/forms/form_versions'
import { SMALL_FORM, adminWithService } from './helpers.js'

const WITH_UNKNOWN = {
  display: 'form',
  components: [
    { type: 'textfield', key: 'targa', label: 'Targa del veicolo', input: true },
    { type: 'signature', key: 'firma', label: 'Firma', input: true },
  ],
}

test.group('Backoffice: Modulo tab', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the current version as JSON, with its preview rendered by the form engine', async ({
    client,
  }) => {
    const { admin, base } = await adminWithService()

    const response = await client.get(`${base}/modulo`).loginAs(admin)

    response.assertStatus(200)
    response.assertTextIncludes('Versione in uso: <strong>1</strong>')
    response.assertTextIncludes('&quot;key&quot;: &quot;nome&quot;')
    // the preview is the engine's form, posting back to the tab with the schema
    response.assertTextIncludes(
      `action="${base}/modulo/anteprima" novalidate class="sdc-form pt-3" data-sdc-form id="anteprima-modulo"`
    )
    response.assertTextIncludes('name="_schema" form="anteprima-modulo"')
    response.assertTextIncludes('Tipo di richiesta')
    response.assertTextIncludes('Nuovo permesso')
  })

  test('"Salva" makes version 2; the same JSON again keeps it; a pratica keeps its version', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()
    const first = (await currentFormVersion(service))!
    const pratica = await PraticaFactory.merge({
      enteId: ente.id,
      serviceId: service.id,
      formVersionId: first.id,
    }).create()
    const changed = {
      ...SMALL_FORM,
      components: [
        ...SMALL_FORM.components,
        { type: 'email', key: 'email', label: 'Email', input: true },
      ],
    }

    const saved = await client
      .post(`${base}/modulo`)
      .form({ schema: JSON.stringify(changed) })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    saved.assertStatus(302)
    const current = (await currentFormVersion(service))!
    assert.equal(current.version, 2)
    assert.equal(current.createdById, admin.id)
    assert.deepEqual((current.schema as any).components[2], changed.components[2])
    saved.assertFlashMessage(
      'success',
      'Salvata la versione 2 del modulo: le nuove pratiche useranno questa, quelle già presentate restano sulla loro.'
    )
    const audit = await AuditLog.query().where('action', 'service_form_saved').firstOrFail()
    assert.deepEqual(audit.metadata, { version: 2 })

    const again = await client
      .post(`${base}/modulo`)
      .form({ schema: JSON.stringify(changed, null, 4) })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.equal((await currentFormVersion(service))!.version, 2)
    again.assertFlashMessage('info', 'Il modulo non è cambiato: resta la versione 2.')

    await pratica.refresh()
    assert.equal(pratica.formVersionId, first.id)
    assert.lengthOf(await ServiceFormVersion.query().where('service_id', service.id), 2)
  })

  test('invalid JSON, or JSON that is not a form, is refused next to the editor with the text kept', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()

    const broken = await client
      .post(`${base}/modulo`)
      .form({ schema: '{\n  "components": [\n    { "type": "textfield", }\n  ]\n}' })
      .withCsrfToken()
      .loginAs(admin)
    broken.assertStatus(422)
    broken.assertTextIncludes('Il JSON non è valido: c&#x27;è un errore alla riga 3')
    broken.assertTextIncludes('{ &quot;type&quot;: &quot;textfield&quot;, }')
    broken.assertTextIncludes('aria-invalid=true')

    const notAForm = await client
      .post(`${base}/modulo`)
      .form({ schema: '{"title": "senza componenti"}' })
      .withCsrfToken()
      .loginAs(admin)
    notAForm.assertStatus(422)
    notAForm.assertTextIncludes('Questo JSON non è un modulo Form.io: manca l’elenco «components».')

    const empty = await client
      .post(`${base}/modulo`)
      .form({ schema: '' })
      .withCsrfToken()
      .loginAs(admin)
    empty.assertStatus(422)
    empty.assertTextIncludes('Scrivi o incolla il JSON del modulo.')
    assert.equal((await currentFormVersion(service))!.version, 1)
  })

  test('"Aggiorna anteprima" renders the edited JSON without saving it', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()

    const response = await client
      .post(`${base}/modulo/anteprima`)
      .form({ schema: JSON.stringify(WITH_UNKNOWN) })
      .withCsrfToken()
      .loginAs(admin)

    response.assertStatus(200)
    response.assertTextIncludes('Targa del veicolo')
    response.assertTextIncludes('Parti del modulo non supportate (1)')
    response.assertTextIncludes(
      '<code>firma</code> (signature): signature, tipo di componente non supportato'
    )
    assert.equal((await currentFormVersion(service))!.version, 1)
  })

  test('the preview works as the citizen form: errors next to the fields, the editor text kept', async ({
    client,
  }) => {
    const { admin, base } = await adminWithService()
    const previewed = JSON.stringify(SMALL_FORM)
    const typedMeanwhile = '{ "display": "form", "components": [] , "modificato": true }'

    const invalid = await client
      .post(`${base}/modulo/anteprima`)
      .form({
        _draft: '11111111-2222-4333-8444-555555555555',
        _step: '0',
        _action: 'submit',
        _schema: previewed,
        _editor: typedMeanwhile,
        nome: '',
        tipo: 'rinnovo',
      })
      .withCsrfToken()
      .loginAs(admin)
    invalid.assertStatus(200)
    invalid.assertTextIncludes('Alcuni campi non sono compilati correttamente')
    invalid.assertTextIncludes('&quot;modificato&quot;: true')
    invalid.assertTextIncludes('value="rinnovo" selected')

    const complete = await client
      .post(`${base}/modulo/anteprima`)
      .form({
        _draft: '11111111-2222-4333-8444-555555555555',
        _step: '0',
        _action: 'submit',
        _schema: previewed,
        _editor: previewed,
        nome: 'Mario',
        tipo: 'rinnovo',
      })
      .withCsrfToken()
      .loginAs(admin)
    complete.assertTextIncludes('Il modulo è compilato correttamente.')
    complete.assertTextIncludes('Riepilogo')
    complete.assertTextIncludes('Mario')
  })

  test('"Importa da Form.io" (file or pasted) reports unknown components by key and type, saving nothing', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()

    const fromFile = await client
      .post(`${base}/modulo/importa`)
      .file('formio', Buffer.from(JSON.stringify(WITH_UNKNOWN)), { filename: 'modulo.json' })
      .withCsrfToken()
      .loginAs(admin)
    fromFile.assertStatus(200)
    fromFile.assertTextIncludes("Modulo importato nell'editor")
    fromFile.assertTextIncludes(
      '<code>firma</code> (signature): signature, tipo di componente non supportato'
    )
    fromFile.assertTextIncludes('&quot;key&quot;: &quot;targa&quot;')
    fromFile.assertTextIncludes('Targa del veicolo')

    const pasted = await client
      .post(`${base}/modulo/importa`)
      .field('formio_text', JSON.stringify(WITH_UNKNOWN))
      .withCsrfToken()
      .loginAs(admin)
    pasted.assertTextIncludes('<code>firma</code> (signature)')

    const bad = await client
      .post(`${base}/modulo/importa`)
      .field('formio_text', '[1, 2')
      .withCsrfToken()
      .loginAs(admin)
    bad.assertStatus(422)
    bad.assertTextIncludes('Il JSON non è valido')
    bad.assertTextIncludes('>[1, 2</textarea>')
    // the editor still holds the current version
    bad.assertTextIncludes('&quot;key&quot;: &quot;nome&quot;')

    const notJson = await client
      .post(`${base}/modulo/importa`)
      .file('formio', Buffer.from('GIF89a'), { filename: 'immagine.gif' })
      .withCsrfToken()
      .loginAs(admin)
    notJson.assertStatus(422)
    notJson.assertTextIncludes('Scegli un file .json esportato da Form.io.')

    assert.equal((await currentFormVersion(service))!.version, 1)
  })

  test('an OpenCity form imports with its nested blocks resolved', async ({ client }) => {
    const { admin, base } = await adminWithService()
    const { readFile } = await import('node:fs/promises')
    const json = await readFile('database/data/opencity/formio/services/inefficiencies.json')

    const response = await client
      .post(`${base}/modulo/importa`)
      .file('formio', json, { filename: 'inefficiencies.json' })
      .withCsrfToken()
      .loginAs(admin)

    response.assertStatus(200)
    response.assertTextIncludes('Modulo importato')
    // the Anagrafica block's fields are in the preview
    response.assertTextIncludes('Codice Fiscale')
  })
})
