import { readFile } from 'node:fs/promises'
import { defineIdentityPlugin } from '#extension_points/identity/contract'
import { createSpidAdapter } from './adapter.js'
import { spidConfigFields } from './config.js'
import { logoFile, refreshOfficialIdps } from './idp_list.js'

/** SPID: the SAML SP of each ente, with the official IdPs and the extra ones it enables. */
export default defineIdentityPlugin({
  id: 'identity_spid',
  name: 'SPID',
  description:
    'Accesso dei cittadini con SPID, il Sistema Pubblico di Identità Digitale: metadati firmati, richieste e risposte secondo le regole tecniche AgID.',
  version: '1.0.0',
  vendor: 'Stanza del Cittadino',
  capabilities: { singleLogout: true, metadata: true },
  config: spidConfigFields,

  create: (context) => createSpidAdapter(context),

  // building the adapter already checked the settings and made the key
  async healthCheck(context, adapter) {
    await adapter.metadata!()
    const idps = (await adapter.identityProviders?.()) ?? []
    return {
      ok: true,
      message: `Metadati firmati pronti su ${context.routeUrl('/metadata')}; ${idps.length} gestori di identità nell’elenco`,
    }
  },

  routes: [
    {
      // the IdP logos of the access page (data/logos, from AgID's SPID button)
      method: 'GET',
      path: '/logos/:file',
      async handler({ request }) {
        const file = logoFile(new URL(request.url).pathname.split('/').pop() ?? '')
        if (!file) return { status: 404, body: 'Not found' }
        return {
          headers: {
            'content-type': 'image/svg+xml',
            'cache-control': 'public, max-age=86400',
            'x-content-type-options': 'nosniff',
          },
          body: await readFile(file),
        }
      },
    },
  ],

  actions: {
    refresh_idp_list: {
      label: 'Aggiorna l’elenco dei gestori di identità',
      async run({ ente, config }) {
        try {
          const idps = await refreshOfficialIdps(ente.id, config.idpListUrl)
          return { ok: true, message: `Elenco aggiornato: ${idps.length} gestori di identità.` }
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error)
          return { ok: false, message: `L’elenco non è stato aggiornato: ${reason}.` }
        }
      },
    },
  },
})
