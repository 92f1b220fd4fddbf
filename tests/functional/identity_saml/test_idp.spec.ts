import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import env from '#start/env'
import Citizen from '#models/citizen'
import type Ente from '#models/ente'
import { PluginRegistry } from '#plugin_runtime/registry'
import { verifyWithXmlsec } from '#extension_points/identity/saml/testing/xml_tools'
import { overrideEnv } from '#tests/helpers/env'
import { AGID_IDP_LIST_URL, AGID_REGISTRY_METADATA_URL } from '#plugins/identity_spid/config'
import { CIE_IDP_METADATA_URL } from '#plugins/identity_cie/config'
import { enteWithPlugins, formOf, post } from './helpers.js'

/**
 * The development IdP through the real routes: SPID's list offers "IdP di
 * test", the IdP checks the signed AuthnRequest against the SP's metadata,
 * the tester picks a citizen and a level, the signed Response logs them in.
 * The IdP reads the SP's metadata over HTTP: the platform's address is
 * this test server's.
 */
const SPID = {
  binding: 'post',
  registryMetadataUrl: AGID_REGISTRY_METADATA_URL,
  idpListUrl: AGID_IDP_LIST_URL,
  contactEmail: 'urp@comune.prova.it',
  testIdp: true,
}
const CIE = {
  contactEmail: 'urp@comune.prova.it',
  municipality: 'G702',
  province: 'PI',
  idpMetadataUrl: CIE_IDP_METADATA_URL,
  testIdp: true,
}

const testIdpId = (ente: Ente) =>
  `http://127.0.0.1:${env.get('PORT')}/${ente.slug}/auth/identity_test_idp/idp/metadata`

/** From the login link to the page "Scegli l’utente di test". */
async function toTestIdp(client: ApiClient, ente: Ente, plugin: string, level: number) {
  const idp = plugin === 'identity_spid' ? `&idp=${encodeURIComponent(testIdpId(ente))}` : ''
  const start = await client
    .get(`/${ente.slug}/auth/${plugin}/login?livello=${level}${idp}`)
    .redirects(0)
  start.assertStatus(200)
  const page = await post(client, formOf(start))
  return page
}

function choose(client: ApiClient, page: ApiResponse, choice: Record<string, string>) {
  const form = formOf(page)
  return post(client, { ...form, fields: { ticket: form.fields.ticket, ...choice } })
}

test.group('Development IdP (identity_test_idp)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => overrideEnv({ APP_URL: `http://127.0.0.1:${env.get('PORT')}` }))
  // the keys each new ente's plugins generate go to a fake disk
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('SPID: "IdP di test", Lorenzo Bertoli at level 2', async ({ client, assert }) => {
    const ente = await enteWithPlugins({ identity_test_idp: {}, identity_spid: SPID })
    const page = await toTestIdp(client, ente, 'identity_spid', 2)
    page.assertStatus(200)
    page.assertTextIncludes('Scegli l’utente di test')
    page.assertTextIncludes('Lorenzo')
    page.assertTextIncludes('RSSMRA80A01H501U')

    const back = await choose(client, page, {
      utente: 'BRTLNZ85C12G702U',
      livello: '2',
      azione: 'accedi',
    })
    back.assertStatus(200)
    back.assertTextIncludes('Ritorno al servizio')
    const acs = await post(client, formOf(back))
    acs.assertStatus(302)
    const citizen = await Citizen.forEnte(ente)
      .where('fiscal_code', 'BRTLNZ85C12G702U')
      .firstOrFail()
    assert.equal(citizen.firstName, 'Lorenzo')
    assert.equal(acs.session('auth_citizen'), citizen.id)
    assert.containsSubset(acs.session('citizen_identity'), {
      level: 2,
      source: 'spid',
      idpId: testIdpId(ente),
    })
  })

  test('CIE: pointed at the development IdP, level 3', async ({ client, assert }) => {
    const ente = await enteWithPlugins({ identity_test_idp: {}, identity_cie: CIE })
    const page = await toTestIdp(client, ente, 'identity_cie', 2)
    page.assertStatus(200)
    assert.match(page.text(), /<option value="3" selected>/)
    const back = await choose(client, page, {
      utente: 'VRDGLI90L65F205P',
      livello: '3',
      azione: 'accedi',
    })
    const acs = await post(client, formOf(back))
    acs.assertStatus(302)
    assert.containsSubset(acs.session('citizen_identity'), {
      level: 3,
      source: 'cie',
      fiscalNumber: 'VRDGLI90L65F205P',
    })
  })

  test('"Annulla": back to the service, refused as cancelled', async ({ client, assert }) => {
    const ente = await enteWithPlugins({ identity_test_idp: {}, identity_spid: SPID })
    const page = await toTestIdp(client, ente, 'identity_spid', 2)
    const back = await choose(client, page, {
      utente: 'BRTLNZ85C12G702U',
      livello: '2',
      azione: 'annulla',
    })
    const acs = await post(client, formOf(back))
    acs.assertStatus(400)
    acs.assertTextIncludes('Hai annullato l’accesso.')
    assert.isUndefined(acs.session('auth_citizen'))
  })

  test('a level below the one asked is refused by the SP', async ({ client }) => {
    const ente = await enteWithPlugins({ identity_test_idp: {}, identity_spid: SPID })
    const page = await toTestIdp(client, ente, 'identity_spid', 3)
    const back = await choose(client, page, {
      utente: 'BRTLNZ85C12G702U',
      livello: '1',
      azione: 'accedi',
    })
    const acs = await post(client, formOf(back))
    acs.assertStatus(400)
    acs.assertTextIncludes('Il livello di autenticazione usato non basta per questo servizio')
  })

  test('no user chosen: the page again, with the error and the level kept', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithPlugins({ identity_test_idp: {}, identity_spid: SPID })
    const page = await toTestIdp(client, ente, 'identity_spid', 2)
    const again = await choose(client, page, { livello: '3', azione: 'accedi' })
    again.assertStatus(422)
    again.assertTextIncludes('Scegliere l’utente con cui accedere.')
    assert.match(again.text(), /<option value="3" selected>/)
  })

  test('a forged ticket or an AuthnRequest nobody signed is refused', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithPlugins({ identity_test_idp: {}, identity_spid: SPID })
    const page = await toTestIdp(client, ente, 'identity_spid', 2)
    const form = formOf(page)
    const forged = await post(client, {
      ...form,
      fields: { ticket: 'falso', utente: 'BRTLNZ85C12G702U', livello: '2' },
    })
    forged.assertStatus(400)
    forged.assertTextIncludes('La richiesta è scaduta o non è valida')

    const start = await client
      .get(
        `/${ente.slug}/auth/identity_spid/login?livello=2&idp=${encodeURIComponent(testIdpId(ente))}`
      )
      .redirects(0)
    const request = formOf(start)
    const xml = Buffer.from(request.fields.SAMLRequest, 'base64')
      .toString()
      .replace('SpidL2', 'SpidL1')
    const tampered = await post(client, {
      ...request,
      fields: { ...request.fields, SAMLRequest: Buffer.from(xml).toString('base64') },
    })
    tampered.assertStatus(400)
    assert.include(tampered.text(), 'non è autentica')
  })

  test('its metadata is signed; it is no way in of its own; never in production', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithPlugins({ identity_test_idp: {}, identity_spid: SPID })
    const metadata = await client.get(`/${ente.slug}/auth/identity_test_idp/idp/metadata`)
    metadata.assertStatus(200)
    assert.isTrue(
      verifyWithXmlsec(metadata.text(), 'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor').ok
    )

    const direct = await client
      .get(`/${ente.slug}/auth/identity_test_idp/login?livello=2`)
      .redirects(0)
    direct.assertStatus(302)

    const production = new PluginRegistry({ production: true })
    const { default: manifest } = await import('#plugins/identity_test_idp/plugin')
    production.register(manifest)
    assert.isUndefined(production.findAllowed('identity_test_idp'))
  })
})
