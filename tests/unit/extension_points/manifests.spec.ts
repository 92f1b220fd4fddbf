import { test } from '@japa/runner'
import { validateManifest } from '#plugin_runtime/manifest_validation'
import emailPlugin from '#plugins/messaging_email/plugin'
import fakeIdentityPlugin from '#tests/fixtures/plugins/identity_fake/plugin'
import brokenIdentityPlugin from '#tests/fixtures/plugins/identity_broken/plugin'
import { createFakePaymentPlugin } from '#tests/fixtures/plugins/payment_fake/plugin'
import { createBrokenPaymentPlugin } from '#tests/fixtures/plugins/payment_broken/plugin'
import { FakeIntermediary } from '#tests/fixtures/plugins/payment_fake/intermediary'
import { createFakeProtocolPlugin } from '#tests/fixtures/plugins/protocol_fake/plugin'
import { createBrokenProtocolPlugin } from '#tests/fixtures/plugins/protocol_broken/plugin'
import { FakeProtocolRegister } from '#tests/fixtures/plugins/protocol_fake/register'
import { createFakeMessagingPlugin } from '#tests/fixtures/plugins/messaging_fake/plugin'
import { createBrokenMessagingPlugin } from '#tests/fixtures/plugins/messaging_broken/plugin'
import { FakeMessagingChannel } from '#tests/fixtures/plugins/messaging_fake/channel'

/**
 * The point helpers (define<Point>Plugin) produce manifests the runtime's
 * registry accepts: the fakes a partner copies can be installed as they are.
 */
test.group('Extension point manifests', () => {
  test('{id} is a valid manifest')
    .with([
      emailPlugin,
      fakeIdentityPlugin,
      brokenIdentityPlugin,
      createFakePaymentPlugin(new FakeIntermediary('segreto')),
      createBrokenPaymentPlugin(new FakeIntermediary('segreto')),
      createFakeProtocolPlugin(new FakeProtocolRegister()),
      createBrokenProtocolPlugin(new FakeProtocolRegister()),
      createFakeMessagingPlugin(new FakeMessagingChannel()),
      createBrokenMessagingPlugin(new FakeMessagingChannel()),
    ])
    .run(({ assert }, manifest) => {
      assert.deepEqual(validateManifest(manifest), [])
      assert.isTrue(manifest.id.startsWith(`${manifest.point}_`))
    })
})
