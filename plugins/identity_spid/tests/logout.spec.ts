import { test } from '@japa/runner'
import type { IdentitySession, PendingLogout } from '#extension_points/identity/contract'
import { IdentityCallbackError } from '#extension_points/identity/errors'
import { PendingStore } from '#extension_points/identity/testing'
import { browserRequest } from '#extension_points/identity/saml/testing/fixture_idp'
import { readLogoutResponse } from '#extension_points/identity/saml/logout'
import { readSignedMessage } from '#extension_points/identity/saml/messages'
import { fixtureIdp, otherFixtureIdp, spidAdapter, spidTestConfig } from './helpers.js'

const SLO = 'http://127.0.0.1:3333/comune-di-prova/auth/identity_spid/slo'

const session: IdentitySession = {
  fiscalNumber: 'RSSMRA80A41H501Y',
  level: 2,
  source: 'spid',
  nameId: '_nameid-of-the-login',
  sessionIndex: '_session-of-the-login',
  idpId: fixtureIdp.entityId,
}

test.group('SPID Single Logout, started by the SP', () => {
  for (const binding of ['post', 'redirect'] as const) {
    test(`a signed LogoutRequest (HTTP-${binding === 'post' ? 'POST' : 'Redirect'}) with the login's NameID and SessionIndex`, async ({
      assert,
    }) => {
      const adapter = await spidAdapter({ binding })
      const logout = await adapter.logout({ session, relayState: 'relay' })
      assert.equal(logout.kind, 'remote')
      if (logout.kind !== 'remote') return
      assert.equal(logout.transport.kind, binding === 'post' ? 'form' : 'redirect')
      const { body: spMetadata } = await adapter.metadata!()

      const answer = await fixtureIdp.answerLogout(logout.transport, spMetadata)
      const store = new PendingStore<PendingLogout>()
      store.keep({
        requestId: logout.requestId,
        relayState: 'relay',
        createdAt: new Date(),
        data: logout.data,
      })
      const done = await adapter.handleLogoutCallback!({ request: answer, findPending: store.find })
      assert.deepEqual(done, { requestId: logout.requestId, relayState: 'relay' })

      await assert.rejects(
        () => adapter.handleLogoutCallback!({ request: answer, findPending: store.find }),
        /scaduta o è già stata usata/
      )
    })
  }

  test('a session without NameID logs out locally', async ({ assert }) => {
    const adapter = await spidAdapter()
    const logout = await adapter.logout({
      session: { ...session, nameId: undefined },
      relayState: 'r',
    })
    assert.deepEqual(logout, { kind: 'local' })
  })

  test('a LogoutResponse from another IdP is refused (issuer_mismatch)', async ({ assert }) => {
    const adapter = await spidAdapter()
    const logout = await adapter.logout({ session, relayState: 'relay' })
    if (logout.kind !== 'remote') throw new Error('expected a remote logout')
    const { body: spMetadata } = await adapter.metadata!()
    const answer = await otherFixtureIdp.answerLogout(logout.transport, spMetadata)
    const store = new PendingStore<PendingLogout>()
    store.keep({
      requestId: logout.requestId,
      relayState: 'relay',
      createdAt: new Date(),
      data: logout.data,
    })
    const error = await adapter.handleLogoutCallback!({
      request: answer,
      findPending: store.find,
    }).catch((caught) => caught)
    assert.instanceOf(error, IdentityCallbackError)
    assert.equal(error.detail, 'issuer_mismatch')
  })
})

test.group('SPID Single Logout, started by the IdP', () => {
  for (const binding of ['post', 'redirect'] as const) {
    test(`the IdP's signed LogoutRequest (HTTP-${binding === 'post' ? 'POST' : 'Redirect'}) is answered with a signed LogoutResponse`, async ({
      assert,
    }) => {
      const adapter = await spidAdapter()
      const { body: spMetadata } = await adapter.metadata!()
      const started = fixtureIdp.startLogout(
        spMetadata,
        { nameId: session.nameId!, sessionIndex: session.sessionIndex },
        binding
      )
      const logout = await adapter.handleIdpLogout!({ request: started.request })
      assert.isNotNull(logout)
      assert.equal(logout!.nameId, session.nameId)
      assert.equal(logout!.sessionIndex, session.sessionIndex)

      // the answer, as the IdP reads it: signed by the SP, for this request
      const message = await readSignedMessage(browserRequest(logout!.answer), async (issuer) =>
        issuer === 'http://127.0.0.1:3333/comune-di-prova/auth/identity_spid/metadata'
          ? [spidTestConfig().certificate]
          : null
      )
      assert.equal(message.relayState, 'idp-relay')
      const answer = readLogoutResponse(message.root, message.root.getAttribute('Destination')!)
      assert.deepEqual(answer, { inResponseTo: started.id, success: true })
    })
  }

  test('anything else at the SLO is not an IdP logout (null)', async ({ assert }) => {
    const adapter = await spidAdapter()
    const request = browserRequest({ kind: 'redirect', url: `${SLO}?foo=bar` })
    assert.isNull(await adapter.handleIdpLogout!({ request }))
  })

  test('a LogoutRequest signed by someone else is refused', async ({ assert }) => {
    const adapter = await spidAdapter()
    const { body: spMetadata } = await adapter.metadata!()
    const started = fixtureIdp.startLogout(spMetadata, { nameId: 'x' })
    const body = started.request.body as Record<string, string>
    const xml = Buffer.from(body.SAMLRequest, 'base64').toString().replace('>x<', '>y<')
    const forged = {
      ...started.request,
      body: { ...body, SAMLRequest: Buffer.from(xml).toString('base64') },
    }
    const error = await adapter.handleIdpLogout!({ request: forged }).catch((caught) => caught)
    assert.instanceOf(error, IdentityCallbackError)
    assert.equal(error.detail, 'message_signature_invalid')
  })
})
