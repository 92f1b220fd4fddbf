import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Service from '#models/service'
import AuditLog from '#models/audit_log'
import Category from '#models/category'
import ServiceGroup from '#models/service_group'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { ServiceFactory } from '#factories/service_factory'
import { adminWithService } from './helpers.js'

test.group('Backoffice: Servizi list and Crea servizio', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the ente admin sees every service with its group, category and status', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service } = await adminWithService()
    const category = await Category.create({ enteId: ente.id, name: 'Tributi', slug: 'tributi' })
    const payments = await ServiceGroup.create({
      enteId: ente.id,
      name: 'Pagamenti',
      slug: 'pagamenti',
    })
    await ServiceFactory.merge({
      enteId: ente.id,
      name: 'Pagare la TARI',
      status: 'private',
      categoryId: category.id,
      serviceGroupId: payments.id,
    }).create()
    const other = await EnteFactory.create()
    await ServiceFactory.merge({ enteId: other.id, name: 'Servizio di un altro ente' }).create()

    const response = await client.get(`/${ente.slug}/backoffice/servizi`).loginAs(admin)

    response.assertStatus(200)
    response.assertTextIncludes('Crea servizio')
    response.assertTextIncludes('Pagamenti ▸')
    response.assertTextIncludes('Pagare la TARI')
    response.assertTextIncludes('Tributi')
    response.assertTextIncludes('Privato')
    response.assertTextIncludes(
      `href="/${ente.slug}/backoffice/servizi/${service.id}/dati-generali"`
    )
    assert.notInclude(response.text(), 'Servizio di un altro ente')
  })

  test('an operator sees only the services enabled for them, read-only', async ({
    client,
    assert,
  }) => {
    const { ente, operator, service } = await adminWithService()
    await ServiceFactory.merge({ enteId: ente.id, name: 'Non abilitato' }).create()
    await operator.related('services').attach([service.id])

    const response = await client.get(`/${ente.slug}/backoffice/servizi`).loginAs(operator)

    response.assertStatus(200)
    response.assertTextIncludes('Permesso ZTL')
    assert.notInclude(response.text(), 'Non abilitato')
    assert.notInclude(response.text(), 'Crea servizio')
    assert.notInclude(response.text(), '/dati-generali')

    for (const path of ['/nuovo', `/${service.id}/dati-generali`, `/${service.id}/modulo`]) {
      const denied = await client.get(`/${ente.slug}/backoffice/servizi${path}`).loginAs(operator)
      denied.assertStatus(404)
    }
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const managerTab = await client
      .get(`/${ente.slug}/backoffice/servizi/${service.id}/scheda`)
      .loginAs(manager)
    managerTab.assertStatus(404)
  })

  test('"Cerca" narrows the list', async ({ client, assert }) => {
    const { ente, admin } = await adminWithService()
    await ServiceFactory.merge({ enteId: ente.id, name: 'Iscrizione asilo nido' }).create()

    const response = await client
      .get(`/${ente.slug}/backoffice/servizi`)
      .qs({ cerca: 'nido' })
      .loginAs(admin)

    response.assertTextIncludes('Iscrizione asilo nido')
    assert.notInclude(response.text(), 'Permesso ZTL')
    response.assertTextIncludes('1 servizio')
  })

  test('"Crea servizio" makes a private service with an address from its name', async ({
    client,
    assert,
  }) => {
    const { ente, admin } = await adminWithService()
    const category = await Category.create({ enteId: ente.id, name: 'Ambiente', slug: 'ambiente' })

    const form = await client.get(`/${ente.slug}/backoffice/servizi/nuovo`).loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('Nome del servizio')

    const response = await client
      .post(`/${ente.slug}/backoffice/servizi`)
      .form({ name: 'Richiesta di accesso agli atti', slug: '', categoryId: String(category.id) })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)

    response.assertStatus(302)
    const created = await Service.query()
      .where('ente_id', ente.id)
      .where('name', 'Richiesta di accesso agli atti')
      .firstOrFail()
    assert.equal(created.slug, 'richiesta-di-accesso-agli-atti')
    assert.equal(created.status, 'private')
    assert.equal(created.categoryId, category.id)
    assert.equal(
      response.header('location'),
      `/${ente.slug}/backoffice/servizi/${created.id}/scheda`
    )
    const audit = await AuditLog.query().where('action', 'service_created').firstOrFail()
    assert.equal(audit.subjectId, String(created.id))
    assert.equal(audit.actorId, admin.id)

    // the same name again gets a numbered address
    await client
      .post(`/${ente.slug}/backoffice/servizi`)
      .form({ name: 'Richiesta di accesso agli atti' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    const second = await Service.query()
      .where('ente_id', ente.id)
      .where('name', 'Richiesta di accesso agli atti')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(second.slug, 'richiesta-di-accesso-agli-atti-2')
  })

  test('"Crea servizio" refuses a short name or a taken address, keeping what was typed', async ({
    client,
    assert,
  }) => {
    const { ente, admin } = await adminWithService()

    const response = await client
      .post(`/${ente.slug}/backoffice/servizi`)
      .form({ name: 'Ab', slug: 'permesso-ztl' })
      .withCsrfToken()
      .loginAs(admin)

    response.assertStatus(422)
    response.assertTextIncludes('Il campo Nome del servizio deve avere almeno 3 caratteri')
    response.assertTextIncludes('Questo indirizzo è già usato da un altro servizio dell&#x27;ente.')
    response.assertTextIncludes('value="Ab"')
    response.assertTextIncludes('value="permesso-ztl"')
    assert.equal(
      await Service.query()
        .where('ente_id', ente.id)
        .count('* as n')
        .first()
        .then((row: any) => Number(row.$extras.n)),
      1
    )
  })
})
