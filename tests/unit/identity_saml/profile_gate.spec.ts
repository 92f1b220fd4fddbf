import { test } from '@japa/runner'
import { TEST_USER } from '#extension_points/identity/testing'
import { samlInstant } from '#extension_points/identity/saml/time'
import { responseXml } from '#extension_points/identity/saml/idp/response_template'
import { samlProfileRejection } from '#extension_points/identity/saml/profile_gate'
import { encodePostMessage } from '#extension_points/identity/saml/bindings'
import { FixtureIdp } from '#extension_points/identity/saml/testing/fixture_idp'
import {
  WRAPPING_ATTACKS,
  type WrappingAttack,
} from '#extension_points/identity/saml/testing/wrapping'

/**
 * node-saml, the second check every accepted Response goes through, on its
 * own: it accepts the correct Response and refuses every wrapping attack
 * even without our structural rules, so one layer's gap is the other's catch.
 */
const idp = new FixtureIdp('spid')
const sp = { entityId: 'https://sp.example.it/metadata', acsUrl: 'https://sp.example.it/acs' }

function signedResponse() {
  const request = {
    id: '_request',
    spEntityId: sp.entityId,
    issueInstant: samlInstant(new Date()),
    level: 2 as const,
    forceAuthn: true,
    acsUrl: sp.acsUrl,
    attributes: ['name', 'familyName', 'fiscalNumber'],
  }
  return idp.sign(responseXml(idp.responseParams(request, { user: TEST_USER, level: 2 })))
}

const rejection = (xml: string) =>
  samlProfileRejection({
    samlResponse: encodePostMessage(xml),
    sp,
    idp: idp.metadata(),
    clockSkewMs: 30_000,
  })

test.group('node-saml second check', () => {
  test('accepts the correct Response', async ({ assert }) => {
    assert.isNull(await rejection(signedResponse()))
  })

  test('refuses a Response signed by another key', async ({ assert }) => {
    const foreign = new FixtureIdp('spid').sign(
      responseXml(
        idp.responseParams(
          {
            id: '_r',
            spEntityId: sp.entityId,
            issueInstant: samlInstant(new Date()),
            level: 2,
            forceAuthn: true,
            acsUrl: sp.acsUrl,
            attributes: ['name'],
          },
          { user: TEST_USER, level: 2 }
        )
      ),
      { credentials: idp.foreignCredentials }
    )
    assert.instanceOf(await rejection(foreign), Error)
  })

  for (const attack of Object.keys(WRAPPING_ATTACKS) as WrappingAttack[]) {
    test(`refuses ${attack} on its own`, async ({ assert }) => {
      assert.instanceOf(await rejection(WRAPPING_ATTACKS[attack](signedResponse())), Error)
    })
  }
})
