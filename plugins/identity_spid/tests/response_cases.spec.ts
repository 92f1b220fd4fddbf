import { test } from '@japa/runner'
import { responseCaseMatrix } from '#extension_points/identity/saml/testing/matrix'
import { fixtureIdp, otherFixtureIdp, spidAdapter } from './helpers.js'

/**
 * spid-sp-test's response cases against the SPID adapter: every row of the
 * TSV is a test (the level rows for each level asked), each KO asserting the
 * specific refusal, plus replay, expiry and a foreign IdP's answer.
 */
responseCaseMatrix({
  test,
  profile: 'spid',
  adapter: () => spidAdapter(),
  idp: fixtureIdp,
  otherIdp: otherFixtureIdp,
  level: 2,
})
