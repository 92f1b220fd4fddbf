import Ente from '#models/ente'
import Service from '#models/service'
import EntePlugin from '#models/ente_plugin'
import { defineSeeder } from '#services/setup/versioned_seeders'

/**
 * Demo: the Comune di Bugliano protocols its ZTL permits. The test
 * register (protocol_test_register, the simulated register of this
 * installation) is in its contract and enabled, and "Richiedere permesso
 * di accesso ad area ZTL" requires protocol, so that a pratica sent with
 * `npm start` goes Inviata → Acquisita → Protocollata.
 */
export default defineSeeder({
  demo: true,
  async run(trx) {
    const ente = await Ente.query({ client: trx }).where('slug', 'comune-di-bugliano').firstOrFail()
    await EntePlugin.create(
      {
        enteId: ente.id,
        pluginId: 'protocol_test_register',
        inContract: true,
        enabled: true,
        config: { aoo: 'c_b999' },
        secrets: null,
      },
      { client: trx }
    )
    await Service.query({ client: trx })
      .where('ente_id', ente.id)
      .where('slug', 'richiedere-permesso-accesso-area-ztl')
      .update({ protocol_required: true })
  },
})
