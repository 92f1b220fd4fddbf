import { test } from '@japa/runner'
import { identityConformance } from '#extension_points/identity/testing'
import { samlConformanceHarness } from '#extension_points/identity/saml/testing/harness'
import plugin from '../plugin.js'
import { cieAdapter, cieFixtureIdp, cieTestConfig } from './helpers.js'

/** The identity contract's conformance suite, the fixture IdP playing the CIE IdP. */
identityConformance({
  test,
  plugin,
  config: cieTestConfig(),
  harness: samlConformanceHarness({
    idp: cieFixtureIdp,
    spMetadata: async () => {
      const adapter = await cieAdapter()
      const { body } = await adapter.metadata!()
      return body
    },
  }),
})
