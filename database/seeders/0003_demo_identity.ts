import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Ente from '#models/ente'
import EntePlugin from '#models/ente_plugin'
import { defineSeeder } from '#services/setup/versioned_seeders'

/**
 * Demo: SPID (with the development IdP in its list as "IdP di test"), CIE
 * (pointed at the development IdP) and the development IdP itself, in
 * both demo enti's contract and enabled, so that `npm start` lets anyone
 * log in as a test citizen through the real SAML path.
 */
export default defineSeeder({
  demo: true,
  async run(trx) {
    await enableIdentity(
      'comune-di-bugliano',
      { contactEmail: 'info@comune.bugliano.pi.it', municipality: 'B999', province: 'PI' },
      trx
    )
    await enableIdentity(
      'comune-di-esempio',
      { contactEmail: 'segreteria@comune.esempio.it', municipality: 'E999', province: 'RM' },
      trx
    )
  },
})

async function enableIdentity(
  slug: string,
  ente: { contactEmail: string; municipality: string; province: string },
  trx: TransactionClientContract
) {
  const { id: enteId } = await Ente.query({ client: trx }).where('slug', slug).firstOrFail()
  const plugins: Array<[string, Record<string, unknown>]> = [
    ['identity_test_idp', {}],
    ['identity_spid', { contactEmail: ente.contactEmail, testIdp: true }],
    [
      'identity_cie',
      {
        contactEmail: ente.contactEmail,
        municipality: ente.municipality,
        province: ente.province,
        testIdp: true,
      },
    ],
  ]
  for (const [pluginId, config] of plugins) {
    await EntePlugin.create(
      { enteId, pluginId, inContract: true, enabled: true, config, secrets: null },
      { client: trx }
    )
  }
}
