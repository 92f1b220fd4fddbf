import {
  MANUAL_CHANGE_TARGETS,
  PRATICA_TRANSITIONS,
  PraticaStatus,
  type PraticaStatusCode,
} from '#domain/pratica_status'
import type { PaymentSettings, StampSettings } from '#domain/service_settings'

/** What of a service decides which states its pratiche can reach. */
export interface StateSettings {
  protocolRequired: boolean
  paymentSettings: PaymentSettings | null
  stampSettings: StampSettings | null
  allowWithdrawal: boolean
  allowIntegrationRequests: boolean
}

const PAYMENT_STATES: PraticaStatusCode[] = [1500, 1510, 1520, 1530]
// the states that wait for the protocol system
const PROTOCOL_STATES: PraticaStatusCode[] = [3000, 4400, 6000, 8000]
const INTEGRATION_STATES: PraticaStatusCode[] = [4100, 4200, 4300, 4400, 4500]

/**
 * The states a pratica of the service can be in once sent, in code order,
 * for "Filtra per stato" (the manual: "se stai già filtrando le pratiche per
 * un servizio che non prevede pagamenti non troverai in elenco lo stato 'In
 * attesa di pagamento'"). Those reachable from Bozza through the state
 * machine without the switched-off steps, and the manual changes
 * ("Cambio stato"); Bozza itself never shows in the backoffice.
 */
export function statesOfService(service: StateSettings): PraticaStatusCode[] {
  const excluded = new Set<PraticaStatusCode>([
    ...(hasPayments(service) ? [] : PAYMENT_STATES),
    ...(service.protocolRequired ? [] : PROTOCOL_STATES),
    ...(service.allowIntegrationRequests ? [] : INTEGRATION_STATES),
    ...(service.allowWithdrawal ? [] : [PraticaStatus.WITHDRAWN]),
  ])
  const reached = new Set<PraticaStatusCode>([PraticaStatus.DRAFT])
  const queue: PraticaStatusCode[] = [PraticaStatus.DRAFT]
  while (queue.length > 0) {
    const from = queue.shift()!
    for (const [source, target] of PRATICA_TRANSITIONS) {
      if (source !== from || excluded.has(target) || reached.has(target)) continue
      reached.add(target)
      queue.push(target)
    }
  }
  for (const target of MANUAL_CHANGE_TARGETS) {
    if (!excluded.has(target)) reached.add(target)
  }
  reached.delete(PraticaStatus.DRAFT)
  return [...reached].sort((a, b) => a - b)
}

/** Payments or bolli, at request or later (deferred payment, bolli at release). */
function hasPayments(service: StateSettings) {
  const payments = service.paymentSettings
  const stamps = service.stampSettings
  return (
    (payments?.atRequest?.length ?? 0) > 0 ||
    (payments?.deferred?.length ?? 0) > 0 ||
    (stamps?.atRequest?.length ?? 0) > 0 ||
    stamps?.atRelease === true
  )
}
