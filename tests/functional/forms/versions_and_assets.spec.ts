import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { currentFormVersion, saveFormVersion } from '#services/forms/form_versions'
import { simpleServiceForm } from '#database/data/forms/simple_service_form'

test.group('Forms: versions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a changed schema is a new version, the same schema keeps the current one', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const service = await ServiceFactory.merge({ enteId: ente.id }).create()
    const first = await saveFormVersion(service, simpleServiceForm('Prima'))
    const same = await saveFormVersion(service, simpleServiceForm('Prima'))
    const changed = await saveFormVersion(service, simpleServiceForm('Seconda'))
    assert.equal(first.version, 1)
    assert.equal(same.id, first.id)
    assert.equal(changed.version, 2)
    const current = await currentFormVersion(service)
    assert.equal(current!.id, changed.id)
  })

  test('a version stores its blocks inlined, so later block changes never reach it', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const service = await ServiceFactory.merge({ enteId: ente.id }).create()
    const version = await saveFormVersion(service, simpleServiceForm('Modulo'))
    const applicant = (version.schema as any).components[0].components[1]
    assert.equal(applicant.form, 'sdc-richiedente')
    assert.equal(applicant.components[0].legend, 'Richiedente')
    const completename = applicant.components[0].components[0]
    assert.equal(completename.form, '5d4d26ff9410f50010f30068')
    assert.isAbove(completename.components.length, 0)
  })
})

test.group('Forms: rule modules served to the browser', () => {
  test('an engine module is served as JavaScript, transpiled from its source', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/assets/domain/forms/evaluate.js')
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/javascript')
    assert.include(response.text(), "from './calculate.js'")
    assert.include(response.text(), 'export function evaluateForm(')
    assert.notInclude(response.text(), ': FormDefinition')
    const imported = await client.get('/assets/domain/codice_fiscale.js')
    imported.assertStatus(200)
  })

  test('nothing outside the whitelist')
    .with([
      '/assets/domain/forms/../../../config/app.js',
      '/assets/domain/service_settings.js',
      '/assets/domain/forms/nope.js',
    ])
    .run(async ({ client }, url) => {
      const response = await client.get(url)
      response.assertStatus(404)
    })
})
