import { test } from '@japa/runner'
import { identityConformance } from '#extension_points/identity/testing'
import { samlConformanceHarness } from '#extension_points/identity/saml/testing/harness'
import plugin from '../plugin.js'
import { fixtureIdp, spidAdapter, spidTestConfig } from './helpers.js'

/** The identity contract's conformance suite, the fixture IdP playing a SPID IdP. */
identityConformance({
  test,
  plugin,
  config: spidTestConfig(),
  harness: samlConformanceHarness({
    idp: fixtureIdp,
    idpId: fixtureIdp.entityId,
    spMetadata: async () => {
      const adapter = await spidAdapter()
      const { body } = await adapter.metadata!()
      return body
    },
  }),
})
