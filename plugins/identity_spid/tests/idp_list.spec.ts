import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { SimulatorServer } from '#extension_points/simulator_server'
import { createTestAdapter } from '#extension_points/identity/testing'
import { FixtureIdp } from '#extension_points/identity/saml/testing/fixture_idp'
import { IdpUnavailableError } from '#extension_points/identity/saml/sp_adapter'
import plugin from '../plugin.js'
import { fixtureIdp, spidAdapter, spidTestConfig } from './helpers.js'

/** An official IdP's entityID, played by a fixture IdP behind a local "AgID registry". */
const poste = new FixtureIdp('spid', 'https://posteid.poste.it')
const NEW_IDP = {
  organization_name: 'Nuovo Gestore S.p.A.',
  entity_id: 'https://id.nuovo.example',
  logo_uri: 'https://registry.example/img/nuovo.svg',
}

let served: { metadata: string; list: unknown; status: number } = {
  metadata: '',
  list: [],
  status: 200,
}
const registry = new SimulatorServer([
  {
    method: 'GET',
    path: '/metadata.xml',
    handler: () => ({ status: served.status, body: served.metadata }),
  },
  {
    method: 'GET',
    path: '/idp-list.json',
    handler: () => ({
      status: served.status,
      body: JSON.stringify(served.list),
      headers: { 'content-type': 'application/json' },
    }),
  },
])

test.group('SPID identity providers', (group) => {
  group.setup(() => registry.start())
  group.teardown(() => registry.stop())
  group.each.setup(() => {
    drive.fake('fs')
    served = {
      metadata: `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${poste.metadataXml()}</md:EntitiesDescriptor>`,
      list: [],
      status: 200,
    }
    return () => drive.restore('fs')
  })

  test('the official list with the AgID logos, then the extra IdPs enabled', async ({ assert }) => {
    const adapter = await spidAdapter({ validatorIdp: true, demoIdp: true })
    const idps = await adapter.identityProviders!()
    assert.lengthOf(idps, 11 + 3)
    const posteChoice = idps.find((idp) => idp.id === 'https://posteid.poste.it')!
    assert.equal(posteChoice.name, 'Poste Italiane SpA')
    assert.equal(
      posteChoice.logoUrl,
      '/comune-di-prova/auth/identity_spid/logos/spid-idp-posteid.svg'
    )
    assert.deepEqual(
      idps.slice(11).map((idp) => [idp.id, idp.name]),
      [
        ['https://validator.spid.gov.it', 'Validatore SPID (AgID)'],
        ['https://demo.spid.gov.it', 'SPID Demo'],
        [fixtureIdp.entityId, 'IdP di prova'],
      ]
    )
  })

  test('the platform’s test IdP, listed as "IdP di test" where enabled', async ({ assert }) => {
    const without = await spidAdapter()
    const listed = await without.identityProviders!()
    assert.notInclude(
      listed.map((idp) => idp.name),
      'IdP di test'
    )
    const adapter = await spidAdapter({ testIdp: true })
    const idps = await adapter.identityProviders!()
    const testIdp = idps.find((idp) => idp.name === 'IdP di test')
    assert.equal(
      testIdp?.id,
      'http://127.0.0.1:3333/comune-di-prova/auth/identity_test_idp/idp/metadata'
    )
  })

  test('an official IdP logs in with the metadata of the AgID registry, kept for when it is down', async ({
    assert,
  }) => {
    const adapter = await spidAdapter({ registryMetadataUrl: `${registry.url}/metadata.xml` })
    const login = await adapter.buildLoginRequest({
      level: 2,
      relayState: 'r',
      idpId: poste.entityId,
    })
    assert.equal(login.transport.kind === 'form' && login.transport.action, poste.ssoUrl)

    served.status = 503
    const again = await spidAdapter({ registryMetadataUrl: `${registry.url}/metadata.xml` })
    const cached = await again.buildLoginRequest({
      level: 2,
      relayState: 'r',
      idpId: poste.entityId,
    })
    assert.equal(cached.transport.kind === 'form' && cached.transport.action, poste.ssoUrl)
  })

  test('an IdP without metadata cannot be used, and says so', async ({ assert }) => {
    served.status = 503
    const adapter = await spidAdapter({ registryMetadataUrl: `${registry.url}/metadata.xml` })
    const error = await adapter
      .buildLoginRequest({ level: 2, relayState: 'r', idpId: poste.entityId })
      .catch((caught) => caught)
    assert.instanceOf(error, IdpUnavailableError)
    assert.include(error.message, 'metadati non sono disponibili')
  })

  test('"Aggiorna l’elenco dei gestori di identità" reads the registry’s list', async ({
    assert,
  }) => {
    served.list = [
      {
        organization_name: 'Poste Italiane SpA',
        entity_id: 'https://posteid.poste.it',
        logo_uri: 'img/spid-idp-posteid.svg',
      },
      NEW_IDP,
      { organization_name: '', entity_id: 'not a url' },
    ]
    const { adapter, context } = await createTestAdapter({
      plugin,
      config: { ...spidTestConfig(), idpListUrl: `${registry.url}/idp-list.json` },
    })
    const result = await plugin.actions!.refresh_idp_list.run(context, adapter)
    assert.deepEqual(result, { ok: true, message: 'Elenco aggiornato: 2 gestori di identità.' })
    const idps = await adapter.identityProviders!()
    assert.deepEqual(idps.slice(0, 2), [
      {
        id: 'https://posteid.poste.it',
        name: 'Poste Italiane SpA',
        logoUrl: '/comune-di-prova/auth/identity_spid/logos/spid-idp-posteid.svg',
      },
      { id: NEW_IDP.entity_id, name: NEW_IDP.organization_name, logoUrl: undefined },
    ])
  })

  test('a registry that answers badly leaves the list as it was, and says why', async ({
    assert,
  }) => {
    const { adapter, context } = await createTestAdapter({
      plugin,
      config: { ...spidTestConfig(), idpListUrl: `${registry.url}/idp-list.json` },
    })
    served.list = { not: 'a list' }
    const notAList = await plugin.actions!.refresh_idp_list.run(context, adapter)
    assert.deepEqual(notAList, {
      ok: false,
      message: 'L’elenco non è stato aggiornato: la risposta non è un elenco.',
    })
    served.status = 500
    const down = await plugin.actions!.refresh_idp_list.run(context, adapter)
    assert.deepEqual(down, {
      ok: false,
      message: 'L’elenco non è stato aggiornato: il registro ha risposto 500.',
    })
    assert.lengthOf(await adapter.identityProviders!(), 12)
  })
})
