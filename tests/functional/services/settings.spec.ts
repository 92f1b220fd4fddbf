import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Category from '#models/category'
import ServiceGroup from '#models/service_group'
import GeographicArea from '#models/geographic_area'
import AuditLog from '#models/audit_log'
import { EnteFactory } from '#factories/ente_factory'
import { OfficeFactory } from '#factories/office_factory'
import { adminWithService, reloaded } from './helpers.js'

/** A full "Impostazioni avanzate" form, changed by `overrides`. */
function advancedForm(overrides: Record<string, unknown> = {}) {
  return {
    workflow: 'approval',
    forwardUrl: '',
    maxResponseDays: '30',
    allowWithdrawal: 'true',
    minAuthLevel: '2',
    status: 'published',
    scheduledFrom: '',
    scheduledTo: '',
    categoryId: '',
    serviceGroupId: '',
    ...overrides,
  }
}

test.group('Backoffice: Integrazioni and Impostazioni avanzate tabs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('"Integrazioni" saves both switches, an unticked box meaning no', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()
    service.merge({ allowIntegrationRequests: true, allowPartialApproval: false })
    await service.save()

    await client
      .put(`${base}/integrazioni`)
      .form({ allowPartialApproval: 'true' })
      .withCsrfToken()
      .loginAs(admin)

    const saved = await reloaded(service)
    assert.isFalse(saved.allowIntegrationRequests)
    assert.isTrue(saved.allowPartialApproval)
    const page = await client.get(`${base}/integrazioni`).loginAs(admin)
    page.assertTextIncludes('Consenti la richiesta di integrazioni')
    page.assertTextIncludes('Consenti l&#x27;approvazione parziale')
  })

  test('"Impostazioni avanzate" saves every setting, the offices and the areas', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()
    const category = await Category.create({ enteId: ente.id, name: 'Mobilità', slug: 'mobilita' })
    const permits = await ServiceGroup.create({
      enteId: ente.id,
      name: 'Permessi',
      slug: 'permessi',
    })
    const area = await GeographicArea.create({ enteId: ente.id, name: 'Centro storico' })
    const [mobility, registry] = await OfficeFactory.merge({ enteId: ente.id }).createMany(2)
    const otherEnte = await EnteFactory.create()
    const foreignOffice = await OfficeFactory.merge({ enteId: otherEnte.id }).create()

    const response = await client
      .put(`${base}/impostazioni-avanzate`)
      .form(
        advancedForm({
          workflow: 'forward',
          forwardUrl: 'https://backoffice.esempio.it/pratiche',
          maxResponseDays: '45',
          allowWithdrawal: '',
          protocolRequired: 'true',
          minAuthLevel: '3',
          status: 'scheduled',
          scheduledFrom: '2026-03-01T09:00',
          scheduledTo: '2026-03-31T18:30',
          categoryId: String(category.id),
          serviceGroupId: String(permits.id),
          geographicAreas: [String(area.id)],
          offices: [String(mobility.id), String(registry.id), String(foreignOffice.id)],
        })
      )
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)

    response.assertStatus(302)
    const saved = await reloaded(service)
    assert.equal(saved.workflow, 'forward')
    assert.equal(saved.forwardUrl, 'https://backoffice.esempio.it/pratiche')
    assert.equal(saved.maxResponseDays, 45)
    assert.isFalse(saved.allowWithdrawal)
    assert.isTrue(saved.protocolRequired)
    assert.equal(saved.minAuthLevel, 3)
    assert.equal(saved.status, 'scheduled')
    assert.equal(saved.scheduledFrom!.toUTC().toISO(), '2026-03-01T08:00:00.000Z')
    assert.equal(saved.scheduledTo!.toUTC().toISO(), '2026-03-31T16:30:00.000Z')
    assert.equal(saved.categoryId, category.id)
    assert.equal(saved.serviceGroupId, permits.id)
    await saved.load('offices')
    await saved.load('geographicAreas')
    assert.sameMembers(
      saved.offices.map((office) => office.id),
      [mobility.id, registry.id]
    )
    assert.deepEqual(
      saved.geographicAreas.map((item) => item.id),
      [area.id]
    )
    const audit = await AuditLog.query().where('action', 'service_updated').firstOrFail()
    assert.includeMembers(audit.metadata.fields as string[], [
      'workflow',
      'status',
      'offices',
      'geographicAreas',
    ])

    // the page shows what was saved, dates in Italian time
    const page = await client.get(`${base}/impostazioni-avanzate`).loginAs(admin)
    page.assertTextIncludes('value="2026-03-01T09:00"')
    page.assertTextIncludes(
      `id="office-${mobility.id}" type="checkbox" name="offices[]" value="${mobility.id}" checked`
    )
    page.assertTextIncludes('value="forward" checked')
  })

  test('dates and the back office address are cleared when no longer used', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()
    service.merge({
      status: 'scheduled',
      scheduledFrom: DateTime.now(),
      workflow: 'forward',
      forwardUrl: 'https://vecchio.esempio.it',
    })
    await service.save()

    await client
      .put(`${base}/impostazioni-avanzate`)
      .form(
        advancedForm({
          scheduledFrom: '2026-03-01T09:00',
          forwardUrl: 'https://vecchio.esempio.it',
        })
      )
      .withCsrfToken()
      .loginAs(admin)

    const saved = await reloaded(service)
    assert.equal(saved.status, 'published')
    assert.isNull(saved.scheduledFrom)
    assert.isNull(saved.forwardUrl)
  })

  test('refuses what does not hold together, next to each field, keeping the input', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()
    const otherEnte = await EnteFactory.create()
    const foreignCategory = await Category.create({
      enteId: otherEnte.id,
      name: 'Altro',
      slug: 'altro',
    })

    const missing = await client
      .put(`${base}/impostazioni-avanzate`)
      .form(advancedForm({ workflow: 'forward', status: 'scheduled', maxResponseDays: '0' }))
      .withCsrfToken()
      .loginAs(admin)
    missing.assertStatus(422)
    missing.assertTextIncludes(
      'Con il flusso Inoltro serve l&#x27;indirizzo del back office a cui inoltrare le pratiche.'
    )
    missing.assertTextIncludes(
      'Il campo Giorni massimi per la risposta deve essere compreso tra 1 e 365'
    )
    missing.assertTextIncludes('value="forward" checked')

    const dates = await client
      .put(`${base}/impostazioni-avanzate`)
      .form(advancedForm({ status: 'scheduled' }))
      .withCsrfToken()
      .loginAs(admin)
    dates.assertStatus(422)
    dates.assertTextIncludes('Un servizio programmato ha almeno una data')

    const reversed = await client
      .put(`${base}/impostazioni-avanzate`)
      .form(
        advancedForm({
          status: 'scheduled',
          scheduledFrom: '2026-03-31T09:00',
          scheduledTo: '2026-03-01T09:00',
          categoryId: String(foreignCategory.id),
        })
      )
      .withCsrfToken()
      .loginAs(admin)
    reversed.assertStatus(422)
    reversed.assertTextIncludes('La fine deve venire dopo l’inizio.')
    reversed.assertTextIncludes('Scegli una delle categorie proposte.')
    reversed.assertTextIncludes('value="2026-03-31T09:00"')

    const badUrl = await client
      .put(`${base}/impostazioni-avanzate`)
      .form(advancedForm({ workflow: 'forward', forwardUrl: 'javascript:alert(1)' }))
      .withCsrfToken()
      .loginAs(admin)
    badUrl.assertStatus(422)
    badUrl.assertTextIncludes(
      'Il campo Indirizzo del back office esterno deve essere un indirizzo web valido'
    )

    const saved = await reloaded(service)
    assert.equal(saved.status, 'published')
    assert.equal(saved.workflow, 'approval')
  })

  test('the scheda follows the settings: a service made private leaves the catalogue', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()

    await client
      .put(`${base}/impostazioni-avanzate`)
      .form(advancedForm({ status: 'private', minAuthLevel: '0' }))
      .withCsrfToken()
      .loginAs(admin)

    const catalogue = await client.get(`/${ente.slug}/servizi`)
    assert.notInclude(catalogue.text(), `/servizi/${service.slug}"`)
    const scheda = await client.get(`/${ente.slug}/servizi/${service.slug}`)
    scheda.assertTextIncludes('Per accedere al servizio non serve autenticarsi.')
  })
})
