import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CitizenFactory } from '#factories/citizen_factory'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import { enteWithIdentity, SPID_IDPS, useIdentityPlugins } from './fixtures.js'
import { pageText } from './helpers.js'

/** The hrefs of the IdP links, in page order. */
function idpLinks(html: string) {
  return [...html.matchAll(/href="([^"]*\/auth\/identity_fakespid\/login[^"]*)"/g)].map((match) =>
    match[1].replaceAll('&amp;', '&')
  )
}

function identityAt(ente: Ente, citizen: Citizen, level: number) {
  return {
    citizen_identity: {
      enteId: ente.id,
      citizenId: citizen.id,
      pluginId: 'identity_fakespid',
      fiscalNumber: citizen.fiscalCode,
      level,
      source: 'spid',
    },
  }
}

test.group('Identity: the "Accedi" page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => useIdentityPlugins())

  test('SPID lists every IdP with its login link, CIE has its button, AgID links are there', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid', 'identity_fakecie'])

    const response = await client.get(`/${ente.slug}/accedi`)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Entra con SPID')
    assert.include(html, 'Entra con CIE')
    assert.include(html, `href="/${ente.slug}/auth/identity_fakecie/login?livello=2"`)
    assert.sameMembers(
      idpLinks(html),
      SPID_IDPS.map(
        (idp) =>
          `/${ente.slug}/auth/identity_fakespid/login?livello=2&idp=${encodeURIComponent(idp.id)}`
      )
    )
    assert.include(html, `<img src="/favicon.svg" alt="Gestore Uno"`)
    assert.include(html, '<span>Gestore Due</span>')
    assert.include(html, 'href="https://www.spid.gov.it"')
    assert.include(html, 'Maggiori informazioni')
    assert.include(html, 'href="https://www.spid.gov.it/cos-e-spid/come-attivare-spid/"')
    assert.include(html, 'Non hai SPID?')
    assert.include(html, 'href="https://www.spid.gov.it/serve-aiuto"')
    assert.include(html, 'Serve aiuto?')
    assert.notInclude(html, 'disabled')
  })

  test('the IdP list comes in random order', async ({ client, assert }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])
    const orders = new Set<string>()
    for (let visit = 0; visit < 12; visit++) {
      const response = await client.get(`/${ente.slug}/accedi`)
      orders.add(idpLinks(response.text()).join(' '))
    }
    // 3 IdPs, 12 visits: the same order every time has probability 6^-11
    assert.isAbove(orders.size, 1)
  })

  test('the level asked and the return page travel in the login links only when valid', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])
    const torna = `/${ente.slug}/servizi/permesso-ztl/accedi`

    const asked = await client.get(
      `/${ente.slug}/accedi?livello=3&torna=${encodeURIComponent(torna)}`
    )
    assert.include(pageText(asked), "Per proseguire serve l'accesso con SPID livello 3 o CIE.")
    for (const href of idpLinks(asked.text())) {
      const url = new URL(href, 'http://x')
      assert.equal(url.searchParams.get('livello'), '3')
      assert.equal(url.searchParams.get('torna'), torna)
    }

    const forged = await client.get(
      `/${ente.slug}/accedi?livello=9&torna=https%3A%2F%2Fevil.example`
    )
    for (const href of idpLinks(forged.text())) {
      const url = new URL(href, 'http://x')
      assert.equal(url.searchParams.get('livello'), '2')
      assert.isNull(url.searchParams.get('torna'))
    }
    assert.notInclude(forged.text(), 'evil.example')
  })

  test('the page the personal area was asked for is where the login returns', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])
    const intended = `/${ente.slug}/area-personale/pratiche?stato=bozza`

    const response = await client
      .get(`/${ente.slug}/accedi`)
      .withSession({ intended_url: intended })

    for (const href of idpLinks(response.text())) {
      assert.equal(new URL(href, 'http://x').searchParams.get('torna'), intended)
    }
  })

  test('a plugin with a single IdP is a button "Entra con <name>"', async ({ client }) => {
    const ente = await enteWithIdentity(['identity_fake'])

    const response = await client.get(`/${ente.slug}/accedi`)

    response.assertTextIncludes('Entra con IdP di prova (test)')
    response.assertTextIncludes(`href="/${ente.slug}/auth/identity_fake/login?livello=2"`)
  })

  test('a citizen below the level asked is asked to log in again; at or above it goes on', async ({
    client,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])
    const citizen = await CitizenFactory.merge({ enteId: ente.id }).create()
    const torna = `/${ente.slug}/servizi/permesso-ztl/accedi`
    const url = `/${ente.slug}/accedi?livello=2&torna=${encodeURIComponent(torna)}`

    const below = await client
      .get(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withSession(identityAt(ente, citizen, 1))
    below.assertStatus(200)
    below.assertTextIncludes(
      'Per proseguire serve un livello di autenticazione più alto (SPID livello 2): accedi di nuovo.'
    )

    const enough = await client
      .get(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withSession(identityAt(ente, citizen, 3))
      .redirects(0)
    enough.assertStatus(302)
    enough.assertHeader('location', torna)
  })
})
