import { randomUUID } from 'node:crypto'
import { IRIS_PARTY } from '../documents.js'
import { isoDateTime } from '../format.js'
import { informativaEnvelope, marcaDaBollo, type Pagato } from './documents.js'
import { paySession, recordNotification, type SimPendenza, type SimSession } from './store.js'

/** The PSP the simulated gateway pays with. */
export const PSP = 'Banca di Prova (simulatore IRIS)'

/** A paid pendenza as IRIS reports it (ip:Pagamento), with its marca da bollo when it is one. */
export function pagato(pendenza: SimPendenza): Pagato {
  const paidAt = isoDateTime(pendenza.pagatoIl ?? new Date())
  const hashHex = pendenza.datiMbd?.match(/HASH=([0-9a-fA-F]{64})/)?.[1]
  return {
    idPendenza: pendenza.idPendenza,
    tipoPendenza: pendenza.tipoPendenza,
    idPagamento: pendenza.idPagamento,
    debitore: pendenza.debitore,
    causale: pendenza.causale,
    importoCents: pendenza.importoCents,
    pagatoIl: paidAt,
    idTransazione: pendenza.idTransazione ?? '',
    psp: PSP,
    marcaDaBollo:
      hashHex && pendenza.iubd
        ? marcaDaBollo({ iubd: pendenza.iubd, issuedAt: paidAt, hashHex })
        : undefined,
  }
}

/**
 * The citizen paid at the gateway: the pendenze of the session are paid
 * and IRIS writes its IdpInformativaPagamento to the ente (kept in
 * iris_sim_notifiche; its delivery is the ente's configuration at IRIS).
 */
export async function paySessionAndNotify(current: SimSession) {
  const paid = await paySession(current, new Date())
  const msgId = randomUUID().replaceAll('-', '')
  await recordNotification({
    codiceEnte: current.codiceEnte,
    msgId,
    idPagamenti: paid.map((pendenza) => pendenza.idPagamento),
    documento: informativaEnvelope({
      header: {
        service: 'IdpInformativaPagamento',
        msgId,
        sender: IRIS_PARTY,
        receiver: { id: current.codiceEnte, sys: current.codiceApplicazione },
        createdAt: isoDateTime(new Date()),
      },
      pagati: paid.map(pagato),
    }),
  })
}
