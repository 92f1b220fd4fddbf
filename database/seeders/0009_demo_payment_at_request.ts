import Ente from '#models/ente'
import Service from '#models/service'
import { defineSeeder } from '#services/setup/versioned_seeders'

/**
 * Demo: in the Comune di Bugliano "Permesso per passo carrabile" asks its
 * diritti di istruttoria at request (the manual's example, 1 €), so
 * `npm start` shows the payment step: after "Invia" the avviso is made at
 * the simulated MyPay (seeder 0006), "Paga online" opens its checkout
 * (test card), "Stampa e paga" prints the avviso.
 */
export default defineSeeder({
  demo: true,
  async run(trx) {
    const ente = await Ente.query({ client: trx }).where('slug', 'comune-di-bugliano').firstOrFail()
    const service = await Service.query({ client: trx })
      .where('ente_id', ente.id)
      .where('slug', 'permesso-passo-carrabile')
      .first()
    if (!service || (service.paymentSettings?.atRequest?.length ?? 0) > 0) return
    service.paymentSettings = {
      atRequest: [
        {
          causale: 'Diritti di istruttoria passo carrabile',
          amountCents: 100,
          bilancio: [{ codCapitolo: '3050', codUfficio: 'MOB', importoCents: 100 }],
        },
      ],
      deferred: service.paymentSettings?.deferred ?? [],
    }
    await service.useTransaction(trx).save()
  },
})
