import { test } from '@japa/runner'
import { responseCaseMatrix } from '#extension_points/identity/saml/testing/matrix'
import { cieAdapter, cieFixtureIdp } from './helpers.js'

/**
 * The CIE variant of spid-sp-test's response cases: the IdP writes no
 * Issuer Format, answers at level 3 with four attributes; the SP asks for
 * level 3 whatever the service needs, so SpidL1 and SpidL2 are refused.
 */
responseCaseMatrix({
  test,
  profile: 'cie',
  adapter: () => cieAdapter(),
  idp: cieFixtureIdp,
  level: 2,
})
