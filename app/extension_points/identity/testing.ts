import assert from 'node:assert/strict'
import {
  caseBuilder,
  ConformanceSuite,
  rejection,
  uniqueKey,
  type HarnessLifecycle,
  type JapaTest,
  type SuiteOptions,
} from '#extension_points/conformance'
import type { ConfigFields } from '#plugin_runtime/config_fields'
import type { PluginHttpRequest } from '#plugin_runtime/define_plugin'
import type {
  BrowserTransport,
  IdentityAdapter,
  IdentityCapabilities,
  IdentitySource,
  LoginLevel,
  LoginRequest,
  LogoutRequest,
  PendingLogin,
  PendingLogout,
} from './contract.js'
import { IdentityCallbackError } from './errors.js'

export { createTestAdapter, type CaseResult } from '#extension_points/conformance'

/** A citizen the test IdP authenticates. `fiscalNumber` is bare: the IdP adds its own prefix. */
export interface TestUser {
  fiscalNumber: string
  name: string
  familyName: string
  email?: string
  mobilePhone?: string
  dateOfBirth?: string
  placeOfBirth?: string
}

/**
 * Plays the IdP for the suite: answers the adapter's requests the way the
 * real IdP would (a signed SAML Response for SPID/CIE), so the adapter's
 * real verification code runs.
 */
export interface IdentityHarness extends HarnessLifecycle {
  /** The IdP authenticates `user` at `level`; returns the callback the browser brings to IDENTITY_PATHS.login. */
  answerLogin(
    login: LoginRequest,
    answer: { user: TestUser; level: LoginLevel }
  ): Promise<PluginHttpRequest>
  /** The IdP refuses the login (the citizen cancels, or fails to authenticate). */
  denyLogin(login: LoginRequest): Promise<PluginHttpRequest>
  /** Alters a genuine callback after the IdP signed it (e.g. swaps the fiscal number). */
  tamper(callback: PluginHttpRequest): Promise<PluginHttpRequest>
  /** The IdP answers a logout request; needed when `singleLogout` is on. */
  answerLogout?(logout: Extract<LogoutRequest, { kind: 'remote' }>): Promise<PluginHttpRequest>
  /**
   * For a plugin that lists several IdPs (`identityProviders`, SPID): the id
   * of the one the harness plays, passed as `idpId` to every login.
   */
  idpId?: string
  /**
   * The level the IdP asserts for a login asked at `level`; default that
   * level. CIE always authenticates at 3 (CIE_LEVEL).
   */
  levelFor?(level: LoginLevel): LoginLevel
}

export const IDENTITY_CASES = {
  loginRequest: 'builds a login request for SPID levels 1, 2 and 3',
  callback: 'a callback yields the normalised identity at the asserted level',
  higherLevel: 'an identity above the requested level keeps its own level',
  levelTooLow: 'refuses an identity below the requested level (level_too_low)',
  tampered: 'refuses a tampered callback',
  unknownRequest: 'refuses a callback whose request is unknown or already used',
  denied: 'refuses a login the IdP denied',
  logout: 'logs out at the IdP with singleLogout, locally otherwise',
  metadata: 'publishes its metadata',
} as const

export type IdentitySuiteOptions<Fields extends ConfigFields> = SuiteOptions<
  'identity',
  IdentityAdapter,
  IdentityCapabilities,
  Fields,
  IdentityHarness
>

const SOURCES: IdentitySource[] = ['spid', 'cie', 'cps/cns', 'test']

export const TEST_USER: TestUser = {
  fiscalNumber: 'RSSMRA80A41H501Y',
  name: 'Maria',
  familyName: 'Rossi',
  email: 'maria.rossi@example.test',
  mobilePhone: '+393331234567',
  dateOfBirth: '1980-01-01',
  placeOfBirth: 'H501',
}

/**
 * What the core does around the adapter: keeps pending requests server-side
 * (as JSON, like a database row) and hands each one out once. Exported for
 * plugins' own tests that drive logins by hand.
 */
export class PendingStore<Pending extends { requestId: string }> {
  #items = new Map<string, string>()

  keep(pending: Pending) {
    this.#items.set(pending.requestId, JSON.stringify(pending))
  }

  find = async (requestId: string): Promise<Pending | null> => {
    const stored = this.#items.get(requestId)
    this.#items.delete(requestId)
    if (!stored) return null
    const pending = JSON.parse(stored)
    return { ...pending, createdAt: new Date(pending.createdAt) }
  }
}

async function startLogin(
  adapter: IdentityAdapter,
  store: PendingStore<PendingLogin>,
  level: LoginLevel,
  idpId?: string
) {
  const relayState = uniqueKey('relay')
  const login = await adapter.buildLoginRequest({ level, relayState, idpId })
  store.keep({
    requestId: login.requestId,
    level,
    relayState,
    createdAt: new Date(),
    data: login.data,
  })
  return { login, relayState }
}

function assertedLevel(harness: IdentityHarness, level: LoginLevel) {
  return harness.levelFor?.(level) ?? level
}

function assertTransport(transport: BrowserTransport) {
  if (transport.kind === 'redirect') {
    assert.match(new URL(transport.url).protocol, /^https?:$/, 'a redirect goes to an http(s) URL')
  } else {
    assert.equal(transport.kind, 'form')
    assert.match(new URL(transport.action).protocol, /^https?:$/, 'a form posts to an http(s) URL')
    assert.ok(Object.keys(transport.fields).length > 0, 'a form carries fields')
  }
}

async function assertRefused(promise: Promise<unknown>, what: string, reasons?: string[]) {
  const error = await rejection(promise, IdentityCallbackError, what)
  assert.equal(error.retryable, false)
  assert.ok(error.message, 'a refusal explains itself to the citizen')
  if (reasons)
    assert.ok(
      reasons.includes(error.reason),
      `${what}: reason ${error.reason}, expected ${reasons.join(' or ')}`
    )
}

/** The identity conformance suite as a list of cases (run it with `.run()`). */
export function identityConformanceCases<Fields extends ConfigFields>(
  options: IdentitySuiteOptions<Fields>
) {
  const cases = caseBuilder(options)

  return new ConformanceSuite(
    cases.name,
    [
      cases.define(IDENTITY_CASES.loginRequest, async ({ adapter, harness }) => {
        const ids = new Set<string>()
        for (const level of [1, 2, 3] as const) {
          const login = await adapter.buildLoginRequest({
            level,
            relayState: uniqueKey('relay'),
            idpId: harness.idpId,
          })
          assert.ok(login.requestId, 'a login request has an id')
          ids.add(login.requestId)
          assertTransport(login.transport)
          assert.deepEqual(
            JSON.parse(JSON.stringify(login.data)),
            login.data,
            'pending data survives JSON storage'
          )
        }
        assert.equal(ids.size, 3, 'each login request has its own id')
      }),

      cases.define(IDENTITY_CASES.callback, async ({ adapter, harness }) => {
        const store = new PendingStore<PendingLogin>()
        const { login, relayState } = await startLogin(adapter, store, 2, harness.idpId)
        const callback = await harness.answerLogin(login, {
          user: TEST_USER,
          level: assertedLevel(harness, 2),
        })
        const result = await adapter.handleCallback({ request: callback, findPending: store.find })

        assert.equal(result.requestId, login.requestId)
        assert.equal(result.relayState, relayState)
        const { identity } = result
        assert.equal(
          identity.fiscalNumber,
          TEST_USER.fiscalNumber,
          'bare, upper-case codice fiscale'
        )
        assert.equal(identity.name, TEST_USER.name)
        assert.equal(identity.familyName, TEST_USER.familyName)
        assert.equal(identity.level, assertedLevel(harness, 2))
        assert.ok(SOURCES.includes(identity.source), `known source (got ${identity.source})`)
        if (identity.email !== undefined) assert.equal(identity.email, TEST_USER.email)
        if (identity.dateOfBirth !== undefined)
          assert.equal(identity.dateOfBirth, TEST_USER.dateOfBirth)
      }),

      cases.define(IDENTITY_CASES.higherLevel, async ({ adapter, harness }) => {
        const store = new PendingStore<PendingLogin>()
        const { login } = await startLogin(adapter, store, 1, harness.idpId)
        const callback = await harness.answerLogin(login, { user: TEST_USER, level: 3 })
        const { identity } = await adapter.handleCallback({
          request: callback,
          findPending: store.find,
        })
        assert.equal(identity.level, 3)
      }),

      cases.define(IDENTITY_CASES.levelTooLow, async ({ adapter, harness }) => {
        const store = new PendingStore<PendingLogin>()
        const { login } = await startLogin(adapter, store, 3, harness.idpId)
        const callback = await harness.answerLogin(login, { user: TEST_USER, level: 1 })
        await assertRefused(
          adapter.handleCallback({ request: callback, findPending: store.find }),
          'level 1 for level 3',
          ['level_too_low']
        )
      }),

      cases.define(IDENTITY_CASES.tampered, async ({ adapter, harness }) => {
        const store = new PendingStore<PendingLogin>()
        const { login } = await startLogin(adapter, store, 2, harness.idpId)
        const genuine = await harness.answerLogin(login, {
          user: TEST_USER,
          level: assertedLevel(harness, 2),
        })
        const tampered = await harness.tamper(genuine)
        await assertRefused(
          adapter.handleCallback({ request: tampered, findPending: store.find }),
          'tampered callback'
        )
      }),

      cases.define(IDENTITY_CASES.unknownRequest, async ({ adapter, harness }) => {
        const store = new PendingStore<PendingLogin>()
        const unstored = await adapter.buildLoginRequest({
          level: 2,
          relayState: uniqueKey('relay'),
          idpId: harness.idpId,
        })
        const unsolicited = await harness.answerLogin(unstored, {
          user: TEST_USER,
          level: assertedLevel(harness, 2),
        })
        await assertRefused(
          adapter.handleCallback({ request: unsolicited, findPending: store.find }),
          'unsolicited answer',
          ['unknown_request']
        )

        const { login } = await startLogin(adapter, store, 2, harness.idpId)
        const callback = await harness.answerLogin(login, {
          user: TEST_USER,
          level: assertedLevel(harness, 2),
        })
        await adapter.handleCallback({ request: callback, findPending: store.find })
        await assertRefused(
          adapter.handleCallback({ request: callback, findPending: store.find }),
          'replayed answer',
          ['unknown_request']
        )
      }),

      cases.define(IDENTITY_CASES.denied, async ({ adapter, harness }) => {
        const store = new PendingStore<PendingLogin>()
        const { login } = await startLogin(adapter, store, 2, harness.idpId)
        const denial = await harness.denyLogin(login)
        await assertRefused(
          adapter.handleCallback({ request: denial, findPending: store.find }),
          'denied login',
          ['authn_failed', 'cancelled']
        )
      }),

      cases.define(IDENTITY_CASES.logout, async ({ adapter, harness, capabilities }) => {
        const logins = new PendingStore<PendingLogin>()
        const { login } = await startLogin(adapter, logins, 2, harness.idpId)
        const callback = await harness.answerLogin(login, {
          user: TEST_USER,
          level: assertedLevel(harness, 2),
        })
        const { identity } = await adapter.handleCallback({
          request: callback,
          findPending: logins.find,
        })

        const relayState = uniqueKey('logout')
        const logout = await adapter.logout({ session: identity, relayState })
        if (!capabilities.singleLogout) {
          assert.equal(logout.kind, 'local', 'without singleLogout, logout is local')
          return
        }
        assert.equal(logout.kind, 'remote', 'with singleLogout, logout goes to the IdP')
        if (logout.kind !== 'remote') return
        assertTransport(logout.transport)
        assert.ok(adapter.handleLogoutCallback, 'singleLogout needs handleLogoutCallback')
        assert.ok(harness.answerLogout, 'singleLogout needs harness.answerLogout')

        const logouts = new PendingStore<PendingLogout>()
        logouts.keep({
          requestId: logout.requestId,
          relayState,
          createdAt: new Date(),
          data: logout.data,
        })
        const answer = await harness.answerLogout(logout)
        const done = await adapter.handleLogoutCallback({
          request: answer,
          findPending: logouts.find,
        })
        assert.equal(done.requestId, logout.requestId)
        assert.equal(done.relayState, relayState)
      }),

      cases.define(
        IDENTITY_CASES.metadata,
        async ({ adapter }) => {
          assert.ok(adapter.metadata, 'the metadata capability needs metadata()')
          const metadata = await adapter.metadata()
          assert.match(metadata.contentType, /xml/, 'metadata is XML')
          assert.ok(metadata.body.trim().startsWith('<'), 'metadata has an XML body')
        },
        'metadata'
      ),
    ],
    options.harness
  )
}

/**
 * Registers the identity conformance suite as a Japa group, in one call.
 *
 * @example
 *   identityConformance({ test, plugin, config: { ... }, harness: spidTestIdp })
 */
export function identityConformance<Fields extends ConfigFields>(
  options: IdentitySuiteOptions<Fields> & { test: JapaTest; timeout?: number }
) {
  identityConformanceCases(options).register(options.test, { timeout: options.timeout })
}
