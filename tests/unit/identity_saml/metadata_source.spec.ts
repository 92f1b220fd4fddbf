import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { SimulatorServer } from '#extension_points/simulator_server'
import { loadIdpMetadata } from '#extension_points/identity/saml/metadata_source'
import { FixtureIdp } from '#extension_points/identity/saml/testing/fixture_idp'

const idp = new FixtureIdp('spid', 'https://idp.remote.test/metadata')
let status = 200
const remote = new SimulatorServer([
  { method: 'GET', path: '/metadata.xml', handler: () => ({ status, body: idp.metadataXml() }) },
])
const HOUR = 60 * 60_000

test.group('IdP metadata from a URL, cached on the drive', (group) => {
  group.setup(() => remote.start())
  group.teardown(() => remote.stop())
  group.each.setup(() => {
    status = 200
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('fetched, then served from the cache while fresh', async ({ assert }) => {
    const url = `${remote.url}/metadata.xml`
    const first = await loadIdpMetadata(url)
    assert.deepEqual(
      first.idps.map((item) => item.entityId),
      [idp.entityId]
    )
    assert.deepEqual(first.idps[0].certificates, idp.metadata().certificates)
    status = 503
    const second = await loadIdpMetadata(url)
    assert.isUndefined(second.error, 'a fresh copy is not fetched again')
    assert.deepEqual(
      second.idps.map((item) => item.entityId),
      [idp.entityId]
    )
  })

  test('an old copy is refreshed, and still used when the source is down', async ({ assert }) => {
    const url = `${remote.url}/metadata.xml`
    await loadIdpMetadata(url)
    status = 503
    const later = await loadIdpMetadata(url, { now: new Date(Date.now() + 25 * HOUR) })
    assert.include(later.error, 'HTTP 503')
    assert.deepEqual(
      later.idps.map((item) => item.entityId),
      [idp.entityId]
    )
  })

  test('no copy at all: no IdP, and why', async ({ assert }) => {
    status = 404
    const result = await loadIdpMetadata(`${remote.url}/metadata.xml`)
    assert.deepEqual(result.idps, [])
    assert.isNull(result.fetchedAt)
    assert.include(result.error, 'HTTP 404')
  })
})
