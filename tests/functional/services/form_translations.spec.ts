import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { currentFormVersion, saveFormVersion } from '#services/forms/form_versions'
import { inputKey } from '#services/services/form_translations'
import { SMALL_FORM, adminWithService } from './helpers.js'

test.group('Backoffice: Traduzioni modulo', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists every text of the form once, with an input per language', async ({ client }) => {
    const { admin, base } = await adminWithService()

    const response = await client.get(`${base}/traduzioni-modulo`).loginAs(admin)

    response.assertStatus(200)
    response.assertTextIncludes('I testi della versione 1 del modulo')
    for (const text of [
      'Modulo di prova',
      'Nome',
      'Tipo di richiesta',
      'Nuovo permesso',
      'Rinnovo',
    ]) {
      response.assertTextIncludes(`<span lang="it">${text}</span>`)
      response.assertTextIncludes(`name="en[${inputKey(text)}]"`)
      response.assertTextIncludes(`name="de[${inputKey(text)}]"`)
    }
  })

  test('saved translations show in the form for a visitor in that language', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()

    const saved = await client
      .put(`${base}/traduzioni-modulo`)
      .form({
        [`en[${inputKey('Tipo di richiesta')}]`]: 'Type of request',
        [`en[${inputKey('Nuovo permesso')}]`]: 'New permit',
        [`de[${inputKey('Tipo di richiesta')}]`]: 'Art des Antrags',
        [`de[${inputKey('Nome')}]`]: '   ',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    saved.assertStatus(302)
    const version = (await currentFormVersion(service))!
    assert.deepEqual(version.translations, {
      en: { 'Tipo di richiesta': 'Type of request', 'Nuovo permesso': 'New permit' },
      de: { 'Tipo di richiesta': 'Art des Antrags' },
    })

    const preview = `/${ente.slug}/servizi/${service.slug}/anteprima-modulo`
    const english = await client.get(preview).qs({ lang: 'en' }).loginAs(admin)
    english.assertTextIncludes('Type of request')
    english.assertTextIncludes('New permit')
    // untranslated texts stay Italian, and the data keys do not change
    english.assertTextIncludes('Rinnovo')
    english.assertTextIncludes('name="tipo"')
    const italian = await client.get(preview).loginAs(admin)
    italian.assertTextIncludes('Tipo di richiesta')
    assert.notInclude(italian.text(), 'Type of request')

    const form = await client.get(`${base}/traduzioni-modulo`).loginAs(admin)
    form.assertTextIncludes('value="Type of request"')
  })

  test('a new version of the form takes the translations of the texts it keeps', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()
    await client
      .put(`${base}/traduzioni-modulo`)
      .form({
        [`en[${inputKey('Nome')}]`]: 'First name',
        [`en[${inputKey('Rinnovo')}]`]: 'Renewal',
      })
      .withCsrfToken()
      .loginAs(admin)

    const changed = {
      ...SMALL_FORM,
      components: [
        SMALL_FORM.components[0],
        { type: 'email', key: 'email', label: 'Email', input: true },
      ],
    }
    await client
      .post(`${base}/modulo`)
      .form({ schema: JSON.stringify(changed) })
      .withCsrfToken()
      .loginAs(admin)

    const version = (await currentFormVersion(service))!
    assert.equal(version.version, 2)
    const page = await client.get(`${base}/traduzioni-modulo`).loginAs(admin)
    page.assertTextIncludes('value="First name"')
    page.assertTextIncludes('<span lang="it">Email</span>')
    // "Rinnovo" is gone from the form: not listed; saving drops it
    assert.notInclude(page.text(), '<span lang="it">Rinnovo</span>')
    await client
      .put(`${base}/traduzioni-modulo`)
      .form({ [`en[${inputKey('Nome')}]`]: 'First name' })
      .withCsrfToken()
      .loginAs(admin)
    await version.refresh()
    assert.deepEqual(version.translations, { en: { Nome: 'First name' } })
  })

  test('a translated content block is cleaned like the Italian one', async ({ client, assert }) => {
    const { ente, admin, service, base } = await adminWithService()
    const html = '<p>Leggi <strong>bene</strong>.</p>'
    await saveFormVersion(service, {
      display: 'form',
      components: [{ type: 'content', key: 'avviso', html, input: false }],
    })

    await client
      .put(`${base}/traduzioni-modulo`)
      .form({
        [`en[${inputKey(html)}]`]:
          '<p onclick="x()">Read <em>carefully</em>.</p><script>alert(1)</script>',
      })
      .withCsrfToken()
      .loginAs(admin)

    const english = await client
      .get(`/${ente.slug}/servizi/${service.slug}/anteprima-modulo`)
      .qs({ lang: 'en' })
      .loginAs(admin)
    english.assertTextIncludes('<p>Read <em>carefully</em>.</p>')
    assert.notInclude(english.text(), 'alert(1)')
    assert.notInclude(english.text(), 'onclick')
  })

  test('without a saved form it sends the admin to the Modulo tab', async ({ client }) => {
    const { ente, admin } = await adminWithService()
    const { ServiceFactory } = await import('#factories/service_factory')
    const bare = await ServiceFactory.merge({ enteId: ente.id }).create()

    const response = await client
      .get(`/${ente.slug}/backoffice/servizi/${bare.id}/traduzioni-modulo`)
      .loginAs(admin)

    response.assertStatus(200)
    response.assertTextIncludes('Nessun modulo da tradurre')
  })
})
