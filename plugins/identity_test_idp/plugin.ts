import { defineIdentityPlugin } from '#extension_points/identity/contract'
import { TestIdpAdapter } from './adapter.js'
import { testIdpRoutes } from './routes.js'
import { TestIdp } from './test_idp.js'

/**
 * The development IdP: a real SAML IdP inside the app, so that `npm start`
 * and the browser tests log citizens in through the real SPID and CIE
 * code. Never allowed in production.
 */
export default defineIdentityPlugin({
  id: 'identity_test_idp',
  name: 'IdP di test',
  description:
    'Gestore di identità di prova per sviluppo e collaudo: si sceglie un cittadino di test e il livello. Mai in produzione.',
  version: '1.0.0',
  vendor: 'Stanza del Cittadino',
  demo: true,
  capabilities: { singleLogout: false, metadata: false },
  config: {},
  create: async (context) => new TestIdpAdapter(await TestIdp.create(context)),
  routes: testIdpRoutes,
  views: new URL('./views/', import.meta.url),
})
