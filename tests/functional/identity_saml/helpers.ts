import app from '@adonisjs/core/services/app'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { SessionData } from '@adonisjs/session/types'
import type { BrowserTransport } from '#extension_points/identity/contract'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { FixtureIdp } from '#extension_points/identity/saml/testing/fixture_idp'
import { generateSigningCredentials } from '#extension_points/identity/saml/x509'
import type Ente from '#models/ente'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { createSiteEnte } from '#tests/functional/site/fixtures'
import { AGID_IDP_LIST_URL, AGID_REGISTRY_METADATA_URL } from '#plugins/identity_spid/config'

/** The tests' SPID IdP, trusted by the ente as an extra IdP. */
export const fixtureIdp = new FixtureIdp('spid', 'https://idp.fixture.test/metadata')

const spKey = generateSigningCredentials(
  { commonName: 'Comune di Prova', organizationName: 'Comune di Prova' },
  { modulusLength: 2048 }
)

/** As the settings form sends them: every field, the defaults included. */
export const SPID_CONFIG = {
  binding: 'post',
  registryMetadataUrl: AGID_REGISTRY_METADATA_URL,
  idpListUrl: AGID_IDP_LIST_URL,
  contactEmail: 'urp@comune.prova.it',
  certificate: spKey.certificate,
  privateKey: spKey.privateKey,
  extraIdpName: 'IdP di prova',
  extraIdpMetadataXml: fixtureIdp.metadataXml(),
}

/** An ente with these real identity plugins in its contract, enabled with `configs`. */
export async function enteWithPlugins(configs: Record<string, Record<string, unknown>>) {
  const { ente } = await createSiteEnte()
  const contracts = await app.container.make(PluginContracts)
  await contracts.set(ente, Object.keys(configs))
  const settings = await app.container.make(TenantPlugins)
  for (const [pluginId, config] of Object.entries(configs)) {
    const { health } = await settings.configure(ente, pluginId, { enabled: true, config })
    if (!health.ok) throw new Error(`${pluginId}: ${health.message}`)
  }
  return ente
}

/** The form a page posts (the core's auto-submitting page, the IdP's pages) as a transport. */
export function formOf(response: ApiResponse): Extract<BrowserTransport, { kind: 'form' }> {
  const html = response.text()
  const action = /<form method="POST" action="([^"]+)"/.exec(html)
  if (!action) throw new Error(`no form in the page (status ${response.status()})`)
  const fields: Record<string, string> = {}
  for (const [, name, value] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)">/g
  )) {
    fields[name] = value.replaceAll('&amp;', '&').replaceAll('&quot;', '"')
  }
  return { kind: 'form', action: action[1].replaceAll('&amp;', '&'), fields }
}

/** The browser posting a form to the platform, as the IdP's page makes it do (no CSRF token). */
export function post(
  client: ApiClient,
  target: PluginHttpRequest | Extract<BrowserTransport, { kind: 'form' }>,
  session: SessionData = {}
) {
  const [url, fields] =
    'kind' in target ? [target.action, target.fields] : [target.url, target.body]
  return client
    .post(new URL(url, 'http://localhost').pathname)
    .form(fields as Record<string, string>)
    .withSession(session)
    .redirects(0)
}

export async function spMetadata(client: ApiClient, ente: Ente, pluginId = 'identity_spid') {
  const response = await client.get(`/${ente.slug}/auth/${pluginId}/metadata`)
  return response.text()
}
