import app from '@adonisjs/core/services/app'
import {
  defineIdentityPlugin,
  type IdpLogoutRequest,
  type IdentityProviderChoice,
  type LoginRequest,
  type LoginRequestInput,
} from '#extension_points/identity/contract'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { field } from '#extension_points/config_fields'
import type Ente from '#models/ente'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { useTestPlugins } from '#plugin_runtime/testing'
import fakePlugin from '#tests/fixtures/plugins/identity_fake/plugin'
import { FakeIdentityAdapter } from '#tests/fixtures/plugins/identity_fake/adapter'
import { sign, type LogoutPayload } from '#tests/fixtures/plugins/identity_fake/wire'
import { createSiteEnte } from '#tests/functional/site/fixtures'

/**
 * Identity plugins on the fake IdP (tests/fixtures/plugins/identity_fake):
 * the reference one (remote single logout, metadata), a SPID-like one
 * listing several IdPs and taking IdP-initiated logouts, a CIE-like one
 * with local logout only.
 */
export const IDP_URL = 'https://idp.example.test'
export const SHARED_SECRET = 'segreto-condiviso-di-prova'
export const FAKE_CONFIG = { idpUrl: IDP_URL, sharedSecret: SHARED_SECRET }

const fields = {
  idpUrl: field.url({ label: 'Indirizzo dell’IdP' }),
  sharedSecret: field.secret({ label: 'Segreto condiviso con l’IdP' }),
}

export const SPID_IDPS: IdentityProviderChoice[] = [
  { id: 'https://idp-uno.example.test', name: 'Gestore Uno', logoUrl: '/favicon.svg' },
  { id: 'https://idp-due.example.test', name: 'Gestore Due' },
  { id: 'https://idp-tre.example.test', name: 'Gestore Tre' },
]

class FakeSpidAdapter extends FakeIdentityAdapter {
  async identityProviders() {
    return SPID_IDPS
  }

  /** Sent by HTTP-POST, as SPID does: the same fields, in a form. */
  async buildLoginRequest(input: LoginRequestInput): Promise<LoginRequest> {
    const login = await super.buildLoginRequest(input)
    if (login.transport.kind !== 'redirect') return login
    const url = new URL(login.transport.url)
    return {
      ...login,
      transport: {
        kind: 'form',
        action: `${url.origin}${url.pathname}`,
        fields: Object.fromEntries(url.searchParams),
      },
    }
  }

  /** The fake IdP's logout request: a signed LogoutPayload with an id of its own. */
  async handleIdpLogout({ request }: { request: PluginHttpRequest }) {
    const body = request.body as Record<string, unknown> | null
    if (typeof body?.response !== 'string') return null
    const payload = this.verified<LogoutPayload>(body)
    if (payload.inResponseTo || !payload.id) return null
    const answer = sign({ inResponseTo: payload.id, status: 'success' }, this.config.sharedSecret)
    return {
      nameId: payload.nameId,
      sessionIndex: payload.sessionIndex,
      answer: {
        kind: 'form',
        action: `${this.config.idpUrl}/slo-done`,
        fields: { response: answer.message, signature: answer.signature },
      },
    } satisfies IdpLogoutRequest
  }
}

class FakeCieAdapter extends FakeIdentityAdapter {
  async logout() {
    return { kind: 'local' as const }
  }
}

export const fakeSpidPlugin = defineIdentityPlugin({
  id: 'identity_fakespid',
  name: 'SPID di prova',
  description: 'SPID finto: più gestori, uscita avviata dal gestore',
  version: '1.0.0',
  demo: true,
  capabilities: { singleLogout: true, metadata: true },
  config: fields,
  create: ({ config, routeUrl }) => new FakeSpidAdapter(config, routeUrl),
})

export const fakeCiePlugin = defineIdentityPlugin({
  id: 'identity_fakecie',
  name: 'CIE',
  description: 'CIE finta: uscita solo locale',
  version: '1.0.0',
  demo: true,
  capabilities: { singleLogout: false, metadata: false },
  config: fields,
  create: ({ config, routeUrl }) => new FakeCieAdapter(config, routeUrl),
})

export const IDENTITY_TEST_PLUGINS = [fakePlugin, fakeSpidPlugin, fakeCiePlugin]

/** Installs the fake identity plugins for a test; returns the restore function. */
export function useIdentityPlugins() {
  return useTestPlugins(IDENTITY_TEST_PLUGINS).restore
}

/** An ente (with published services) that enabled these fake identity plugins. */
export async function enteWithIdentity(pluginIds: string[] = ['identity_fake']) {
  const { ente } = await createSiteEnte()
  await enableIdentity(ente, pluginIds)
  return ente
}

export async function enableIdentity(ente: Ente, pluginIds: string[]) {
  const contracts = await app.container.make(PluginContracts)
  await contracts.set(ente, pluginIds)
  const settings = await app.container.make(TenantPlugins)
  for (const pluginId of pluginIds) {
    await settings.configure(ente, pluginId, { enabled: true, config: FAKE_CONFIG })
  }
}
