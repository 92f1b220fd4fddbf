import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { SessionData } from '@adonisjs/session/types'
import type { LoginLevel, LoginRequest } from '#extension_points/identity/contract'
import { TEST_USER, type TestUser } from '#extension_points/identity/testing'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { fakeIdentityHarness } from '#tests/fixtures/plugins/identity_fake/harness'
import { decode, type AuthnRequestPayload } from '#tests/fixtures/plugins/identity_fake/wire'
import type Ente from '#models/ente'
import { SHARED_SECRET } from './fixtures.js'

export const idp = fakeIdentityHarness(SHARED_SECRET)

/** The page's text with Edge's escapes undone, to look for sentences with apostrophes. */
export function pageText(response: ApiResponse) {
  return response
    .text()
    .replaceAll('&#x27;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
}

/**
 * The session a response left, to carry into the next request as the
 * browser would (the API client gives each request a session of its own).
 */
export function sessionAfter(response: ApiResponse): SessionData {
  return { ...response.session() }
}

/**
 * What the browser carried to the fake IdP, read back from the redirect or
 * from the fields of the self-posting form (HTTP-POST).
 */
export function sentToIdp(response: ApiResponse) {
  const url =
    response.status() === 200
      ? formTarget(response.text())
      : new URL(String(response.header('location')))
  const location = url.href
  const request = decode<AuthnRequestPayload>(url.searchParams.get('request')!)
  const login: LoginRequest = {
    requestId: request.id,
    transport: { kind: 'redirect', url: location },
    data: {},
  }
  return { url, request, login, relayState: url.searchParams.get('RelayState')! }
}

function formTarget(html: string) {
  const action = /<form method="POST" action="([^"]+)"/.exec(html)
  if (!action) throw new Error('neither a redirect nor a form to the IdP')
  const url = new URL(action[1])
  for (const [, name, value] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)">/g
  )) {
    url.searchParams.set(name, value)
  }
  return url
}

/** GET .../login as the access page's link does. */
export async function startLogin(
  client: ApiClient,
  ente: Ente,
  options: { query?: string; plugin?: string; session?: SessionData } = {}
) {
  const response = await client
    .get(`/${ente.slug}/auth/${options.plugin ?? 'identity_fake'}/login?${options.query ?? ''}`)
    .withSession(options.session ?? {})
    .redirects(0)
  return { response, ...sentToIdp(response) }
}

/** The browser brings a callback of the fake IdP to the platform (no CSRF token: the IdP posts it). */
export function deliver(client: ApiClient, callback: PluginHttpRequest, session: SessionData = {}) {
  return client
    .post(new URL(callback.url).pathname)
    .form(callback.body as object)
    .withSession(session)
    .redirects(0)
}

/** A whole login: start, the IdP authenticates `user` at `level`, the ACS answers. */
export async function logIn(
  client: ApiClient,
  ente: Ente,
  options: { level?: LoginLevel; plugin?: string; query?: string; user?: TestUser } = {}
) {
  const level = options.level ?? 2
  const started = await startLogin(client, ente, {
    plugin: options.plugin,
    query: options.query ?? `livello=${level}`,
  })
  const callback = await idp.answerLogin(started.login, { user: options.user ?? TEST_USER, level })
  const response = await deliver(client, callback)
  return { ...started, callback, response }
}
