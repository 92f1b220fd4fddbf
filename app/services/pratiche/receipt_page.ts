import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import type Citizen from '#models/citizen'
import PraticaStatusChange from '#models/pratica_status_change'
import { WITHDRAWAL_REFUSALS } from '#domain/withdrawal'
import { dateAndTime, longDate } from '#services/pratiche/dates'
import { withdrawalRefusalFor } from '#services/pratiche/withdraw_pratica'
import { praticaPaths } from '#services/pratiche/pratica_paths'

/**
 * What the page after "Invia" shows (and the withdrawal's confirmation):
 * the manual's general data of a pratica (Numero richiesta, Richiesta
 * presentata il, Riceverai risposta entro il, Protocollo), the "Iter della
 * pratica", "Scarica il modulo compilato", and "Ritira pratica" only when
 * the manual's rules allow it.
 */
export async function receiptPage(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  citizen: Citizen | null
) {
  const iter = await PraticaStatusChange.query()
    .where('ente_id', ente.id)
    .where('pratica_id', pratica.id)
    .orderBy('id', 'asc')
  const refusal = await withdrawalRefusalFor(pratica, service, citizen)
  return {
    pratica,
    service,
    paths: praticaPaths(ente.slug, pratica.uuid),
    statusLabel: pratica.statusLabel,
    submittedAt: dateAndTime(pratica.submittedAt, { seconds: true }),
    responseDue: longDate(pratica.responseDueAt),
    protocol: service.protocolRequired
      ? (pratica.protocolNumber ?? 'In attesa di protocollazione')
      : '(non necessario)',
    protocolDate: pratica.protocolDate ? dateAndTime(pratica.protocolDate) : null,
    iter: iter.map((step) => ({ label: step.label, when: dateAndTime(step.createdAt) })),
    modulo: pratica.submittedAt !== null,
    canWithdraw: refusal === null,
    withdrawalRefusal: refusal ? WITHDRAWAL_REFUSALS[refusal] : null,
  }
}
