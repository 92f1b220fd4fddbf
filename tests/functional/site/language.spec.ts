import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createSiteEnte } from './fixtures.js'

test.group('Site: language switch', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an Italian-only ente shows no language switcher', async ({ client, assert }) => {
    const { ente } = await createSiteEnte({ languages: ['it'] })

    const response = await client.get(`/${ente.slug}/`)

    assert.notInclude(response.text(), `/${ente.slug}/lingua/`)
  })

  test("the switcher offers only the ente's languages", async ({ client, assert }) => {
    const { ente } = await createSiteEnte({ languages: ['it', 'en'] })

    const response = await client.get(`/${ente.slug}/servizi`)

    response.assertTextIncludes(`/${ente.slug}/lingua/it?redirect=%2F${ente.slug}%2Fservizi`)
    response.assertTextIncludes(`/${ente.slug}/lingua/en?redirect=`)
    assert.notInclude(response.text(), `/${ente.slug}/lingua/de`)
  })

  test('choosing a language remembers it and goes back to the page', async ({ client }) => {
    const { ente } = await createSiteEnte({ languages: ['it', 'en'] })

    const choice = await client
      .get(`/${ente.slug}/lingua/en`)
      .qs({ redirect: `/${ente.slug}/servizi` })
      .redirects(0)
    choice.assertStatus(302)
    choice.assertHeader('location', `/${ente.slug}/servizi`)
    choice.assertCookie('lang', 'en')

    const page = await client.get(`/${ente.slug}/servizi`).withCookie('lang', 'en')
    page.assertTextIncludes('<html lang="en">')
    page.assertTextIncludes('Apply for a restricted traffic zone permit')
    page.assertTextIncludes('Log in to your personal area')
  })

  test('content not translated yet is shown in Italian and marked as such', async ({
    client,
    assert,
  }) => {
    const { ente } = await createSiteEnte({ languages: ['it', 'en'] })

    const page = await client.get(`/${ente.slug}/servizi`).withCookie('lang', 'en')

    // the ZTL service has an English scheda, the other one only the Italian
    const cardLang = (slug: string) =>
      new RegExp(
        `<article[^>]*lang="(\\w+)">(?:(?!<article)[\\s\\S])*?<h\\d[^>]*>\\s*<a href="/${ente.slug}/servizi/${slug}"`
      ).exec(page.text())?.[1]
    assert.equal(cardLang('permesso-ztl'), 'en')
    assert.equal(cardLang('segnalare-disservizio'), 'it')
  })

  test('a language the ente does not offer does not exist', async ({ client }) => {
    const { ente } = await createSiteEnte({ languages: ['it', 'en'] })

    const response = await client.get(`/${ente.slug}/lingua/de`).redirects(0)

    response.assertStatus(404)
  })

  test('a remembered language the ente does not offer falls back to Italian', async ({
    client,
  }) => {
    const { ente } = await createSiteEnte({ languages: ['it'] })

    const response = await client.get(`/${ente.slug}/`).withCookie('lang', 'de')

    response.assertTextIncludes('<html lang="it">')
    response.assertTextIncludes('Accedi all&#x27;area personale')
  })

  test('never redirects outside the ente', async ({ client }) => {
    const { ente } = await createSiteEnte({ languages: ['it', 'en'] })

    for (const target of ['https://example.com/', '//example.com/', '/altro-ente/servizi']) {
      const response = await client
        .get(`/${ente.slug}/lingua/en`)
        .qs({ redirect: target })
        .redirects(0)
      response.assertHeader('location', `/${ente.slug}/`)
    }
  })
})
