import { test } from '@japa/runner'
import {
  IDENTITY_CASES,
  identityConformance,
  identityConformanceCases,
} from '#extension_points/identity/testing'
import fakeIdentityPlugin from '#tests/fixtures/plugins/identity_fake/plugin'
import brokenIdentityPlugin from '#tests/fixtures/plugins/identity_broken/plugin'
import { fakeIdentityHarness } from '#tests/fixtures/plugins/identity_fake/harness'
import { failureMessages, titles, unexpectedFailures } from './conformance_results.js'

const config = { idpUrl: 'http://127.0.0.1:4199/idp', sharedSecret: 'segreto-idp-di-prova' }

/** The reference fake, through the one-call API a plugin's test file uses. */
identityConformance({
  test,
  plugin: fakeIdentityPlugin,
  config,
  harness: fakeIdentityHarness(config.sharedSecret),
})

test.group('Identity conformance suite', () => {
  test('the reference fake passes every case', async ({ assert }) => {
    const results = await identityConformanceCases({
      plugin: fakeIdentityPlugin,
      config,
      harness: fakeIdentityHarness(config.sharedSecret),
    }).run()

    assert.deepEqual(failureMessages(results), [])
    assert.sameMembers(titles(results, 'passed'), Object.values(IDENTITY_CASES))
  })

  test('the broken fake, which skips the signature check, fails on the tampered callback', async ({
    assert,
  }) => {
    const results = await identityConformanceCases({
      plugin: brokenIdentityPlugin,
      config,
      harness: fakeIdentityHarness(config.sharedSecret),
    }).run()

    assert.deepEqual(titles(results, 'failed'), [IDENTITY_CASES.tampered])
    assert.deepEqual(unexpectedFailures(results), [])
  })

  test('without singleLogout the suite expects a local logout', async ({ assert }) => {
    const results = await identityConformanceCases({
      plugin: { ...fakeIdentityPlugin, capabilities: { singleLogout: false, metadata: true } },
      config,
      harness: fakeIdentityHarness(config.sharedSecret),
    }).run()

    // the fake always asks the IdP: declaring no SLO while doing it is an inconsistency the suite reports
    assert.deepEqual(titles(results, 'failed'), [IDENTITY_CASES.logout])
  })
})
