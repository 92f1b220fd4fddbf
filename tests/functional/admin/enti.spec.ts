import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Ente from '#models/ente'
import Category from '#models/category'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'

test.group('Platform admin: enti', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a platform admin creates an ente, which starts with the 15 categories', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('platformAdmin').create()

    const response = await client
      .post('/admin/enti')
      .form({
        'slug': 'comune-di-prova',
        'name': 'Comune di Prova',
        'codiceFiscale': '80012345676',
        'languages[]': 'de',
      })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const ente = await Ente.findByOrFail('slug', 'comune-di-prova')
    assert.deepEqual(ente.languages, ['it', 'de'])
    const categories = await Category.forEnte(ente)
    assert.lengthOf(categories, 15)
    assert.includeMembers(
      categories.map((category) => category.slug),
      ['mobilita-e-trasporti', 'tributi-finanze-e-contravvenzioni', 'agricoltura-e-pesca']
    )
  })

  test('a reserved or taken slug and a bad codice fiscale are refused, the typed values kept', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const existing = await EnteFactory.create()

    for (const slug of ['admin', existing.slug]) {
      const response = await client
        .post('/admin/enti')
        .form({ slug, name: 'Comune di Prova', codiceFiscale: '123' })
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
      const errors = response.flashMessages().inputErrorsBag
      assert.properties(errors, ['slug', 'codiceFiscale'])
      assert.equal(response.flashMessages().name, 'Comune di Prova')
    }
    assert.lengthOf(await Ente.query().where('name', 'Comune di Prova'), 0)
  })

  test('a codice fiscale with a wrong check digit is refused with its reason', async ({
    client,
  }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const response = await client
      .post('/admin/enti')
      .form({ slug: 'comune-di-prova', name: 'Comune di Prova', codiceFiscale: '80012345678' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      codiceFiscale: [
        "Il codice fiscale dell'ente non è valido (11 cifre con la cifra di controllo)",
      ],
    })
  })

  test('ente staff cannot reach the platform administration', async ({ client }) => {
    const ente = await EnteFactory.create()
    const enteAdmin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()

    const response = await client.get('/admin/enti').loginAs(enteAdmin)
    response.assertStatus(404)
  })
})
