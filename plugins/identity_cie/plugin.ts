import { defineIdentityPlugin } from '#extension_points/identity/contract'
import { createCieAdapter } from './adapter.js'
import { cieConfigFields } from './config.js'

/** CIE: "Entra con CIE", the Carta d'Identità Elettronica's SAML login (level 3). */
export default defineIdentityPlugin({
  id: 'identity_cie',
  name: 'CIE',
  description:
    'Accesso dei cittadini con la Carta d’Identità Elettronica (CIE ID), secondo il manuale del Ministero dell’Interno per i fornitori di servizi.',
  version: '1.0.0',
  vendor: 'Stanza del Cittadino',
  capabilities: { singleLogout: false, metadata: true },
  config: cieConfigFields,
  create: (context) => createCieAdapter(context),
  async healthCheck(context, adapter) {
    await adapter.metadata!()
    return { ok: true, message: `Metadati firmati pronti su ${context.routeUrl('/metadata')}` }
  },
})
