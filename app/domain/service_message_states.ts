import {
  MANUAL_CHANGE_TARGETS,
  PRATICA_TRANSITIONS,
  PraticaStatus,
  type PraticaStatusCode,
} from '#domain/pratica_status'

/** What of a service decides which states its pratiche can reach. */
export interface ServiceReach {
  hasPayments: boolean
  protocolRequired: boolean
  allowIntegrationRequests: boolean
  allowWithdrawal: boolean
}

const PAYMENT_STATES: PraticaStatusCode[] = [1500, 1510, 1520, 1530]
/** states that exist only to wait for, or to record, a protocol number */
const PROTOCOL_STATES: PraticaStatusCode[] = [3000, 4400, 6000, 8000]
const INTEGRATION_STATES: PraticaStatusCode[] = [4100, 4200, 4300, 4400, 4500]

/**
 * The states a pratica of this service can reach, in code order: the state
 * machine walked from Bozza (and from the operator's "Cambio stato"
 * targets), without the states of what the service does not do. Bozza
 * sends no message and Inviata has the receipt ("Ricevuta"), so neither
 * has a template.
 */
export function messageStates(service: ServiceReach): PraticaStatusCode[] {
  const excluded = new Set<PraticaStatusCode>([PraticaStatus.DRAFT, PraticaStatus.PRE_SUBMIT])
  if (!service.hasPayments) PAYMENT_STATES.forEach((code) => excluded.add(code))
  if (!service.protocolRequired) PROTOCOL_STATES.forEach((code) => excluded.add(code))
  if (!service.allowIntegrationRequests) INTEGRATION_STATES.forEach((code) => excluded.add(code))
  if (!service.allowWithdrawal) excluded.add(PraticaStatus.WITHDRAWN)

  const passable = (code: PraticaStatusCode) =>
    !excluded.has(code) || code === PraticaStatus.DRAFT || code === PraticaStatus.PRE_SUBMIT
  const reached = new Set<PraticaStatusCode>()
  const queue: PraticaStatusCode[] = [
    PraticaStatus.DRAFT,
    ...MANUAL_CHANGE_TARGETS.filter(passable),
  ]
  while (queue.length) {
    const from = queue.shift()!
    if (reached.has(from)) continue
    reached.add(from)
    for (const [source, target] of PRATICA_TRANSITIONS) {
      if (source === from && passable(target) && !reached.has(target)) queue.push(target)
    }
  }
  return [...reached].filter((code) => !excluded.has(code)).sort((a, b) => a - b)
}
