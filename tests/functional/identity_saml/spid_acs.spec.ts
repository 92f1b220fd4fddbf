import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Citizen from '#models/citizen'
import { TEST_USER } from '#extension_points/identity/testing'
import {
  refusal,
  SPID_ERROR_MESSAGES,
  type SamlRefusalDetail,
} from '#extension_points/identity/saml/refusals'
import {
  responseXml,
  errorResponseXml,
} from '#extension_points/identity/saml/idp/response_template'
import { parseXml, serializeXml } from '#extension_points/identity/saml/xml'
import {
  RESPONSE_CASES,
  type ResponseCase,
} from '#extension_points/identity/saml/testing/response_cases'
import type Ente from '#models/ente'
import type { ApiClient } from '@japa/api-client'
import { enteWithPlugins, fixtureIdp, formOf, post, spMetadata, SPID_CONFIG } from './helpers.js'

/**
 * spid-sp-test's cases through the real routes: the access page's login
 * link, the core's page that posts the AuthnRequest, the fixture IdP, the
 * ACS. OK logs the citizen in; KO answers 400 with the Italian message and
 * no session.
 */
/** What the citizen reads for a refused case. */
function expectedMessage(testCase: ResponseCase) {
  if (testCase.spidErrorCode) return SPID_ERROR_MESSAGES[String(testCase.spidErrorCode)]
  return refusal(testCase.expected as SamlRefusalDetail).message
}

async function loginWith(client: ApiClient, ente: Ente, testCase: ResponseCase, level = 2) {
  const start = await client
    .get(
      `/${ente.slug}/auth/identity_spid/login?livello=${level}&idp=${encodeURIComponent(fixtureIdp.entityId)}`
    )
    .redirects(0)
  start.assertStatus(200)
  const { request } = await fixtureIdp.receive(formOf(start), await spMetadata(client, ente))
  let xml: string
  if (testCase.spidErrorCode !== undefined) {
    const params = fixtureIdp.responseParams(request, { user: TEST_USER, level: request.level })
    xml = errorResponseXml({ ...params, errorCode: testCase.spidErrorCode })
  } else {
    const params = fixtureIdp.responseParams(request, { user: TEST_USER, level: request.level })
    Object.assign(params, testCase.params?.(params))
    const document = parseXml(responseXml(params))
    testCase.mutate?.(document)
    xml = fixtureIdp.sign(
      serializeXml(document),
      testCase.signing?.({
        credentials: fixtureIdp.credentials,
        foreign: fixtureIdp.foreignCredentials,
      })
    )
    if (testCase.afterSigning) xml = testCase.afterSigning(xml)
  }
  const callback = fixtureIdp.post(request, xml)
  return { callback, response: await post(client, callback) }
}

test.group('SPID through the real ACS', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('[1] a correct Response logs the citizen in', async ({ client, assert }) => {
    const ente = await enteWithPlugins({ identity_spid: SPID_CONFIG })
    const { response } = await loginWith(client, ente, RESPONSE_CASES['1'])
    response.assertStatus(302)
    const citizen = await Citizen.forEnte(ente)
      .where('fiscal_code', TEST_USER.fiscalNumber)
      .firstOrFail()
    assert.equal(response.session('auth_citizen'), citizen.id)
    assert.containsSubset(response.session('citizen_identity'), {
      pluginId: 'identity_spid',
      level: 2,
      source: 'spid',
      idpId: fixtureIdp.entityId,
    })
  })

  for (const id of ['2', 'xsw3', '87', '66', '104', '111']) {
    test(`[${id}] refused: 400, the Italian message, no session`, async ({ client, assert }) => {
      const ente = await enteWithPlugins({ identity_spid: SPID_CONFIG })
      const testCase = RESPONSE_CASES[id]
      const { response } = await loginWith(client, ente, testCase)
      response.assertStatus(400)
      assert.include(response.text(), expectedMessage(testCase))
      assert.isUndefined(response.session('auth_citizen'))
      assert.lengthOf(await Citizen.forEnte(ente), 0)
    })
  }

  test('[94] SpidL1 for a level 2 request is refused (Comparison minimum)', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithPlugins({ identity_spid: SPID_CONFIG })
    const { response } = await loginWith(client, ente, RESPONSE_CASES['94'], 2)
    response.assertStatus(400)
    assert.isUndefined(response.session('auth_citizen'))
  })

  test('replay: the same Response posted twice logs in once', async ({ client, assert }) => {
    const ente = await enteWithPlugins({ identity_spid: SPID_CONFIG })
    const { callback, response } = await loginWith(client, ente, RESPONSE_CASES['1'])
    response.assertStatus(302)
    const again = await post(client, callback)
    again.assertStatus(400)
    assert.isUndefined(again.session('auth_citizen'))
  })
})
