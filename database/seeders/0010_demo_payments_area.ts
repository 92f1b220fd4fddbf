import Ente from '#models/ente'
import Service from '#models/service'
import { defineSeeder } from '#services/setup/versioned_seeders'

/**
 * Demo: in the Comune di Bugliano "Richiesta occupazione suolo pubblico"
 * (a mobility service, so Mario Rossi works it) asks a marca da bollo on
 * the istanza at request, bolli at release, and a deferred payment of
 * 10 € with its bilancio, Dati specifici riscossione and Categoria: the
 * operator's "Pagamento posticipato" and "Marche da bollo", the citizen's
 * Bolli tab and Pagamenti with the cart show with `npm start`.
 */
export default defineSeeder({
  demo: true,
  async run(trx) {
    const ente = await Ente.query({ client: trx }).where('slug', 'comune-di-bugliano').firstOrFail()
    const service = await Service.query({ client: trx })
      .where('ente_id', ente.id)
      .where('slug', 'richiesta-occupazione-suolo-pubblico')
      .first()
    if (!service || (service.paymentSettings?.deferred?.length ?? 0) > 0) return
    service.paymentSettings = {
      atRequest: service.paymentSettings?.atRequest ?? [],
      deferred: [
        {
          causale: 'Occupazione temporanea di suolo pubblico',
          amountCents: 1000,
          bilancio: [
            {
              id: 'c_1',
              codCapitolo: '3010',
              codUfficio: 'MOB',
              codAccertamento: 'Acc1',
              importoCents: 800,
            },
            { id: 'c_2', codCapitolo: '3011', importoCents: 200 },
          ],
          datiSpecificiRiscossione: '9/0301123AP/',
          taxonomyCode: '9/0101100IM/',
        },
      ],
    }
    service.stampSettings = {
      atRequest: [{ causale: 'Imposta di bollo istanza', amountCents: 1600 }],
      atRelease: true,
    }
    await service.useTransaction(trx).save()
  },
})
