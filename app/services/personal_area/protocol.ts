import type { DateTime } from 'luxon'
import { PraticaStatus, type PraticaStatusCode } from '#domain/pratica_status'

/**
 * What "Protocollo" says of a pratica: its number once registered,
 * "(non necessario)" for a service without protocol, "In attesa di
 * protocollazione" for one with protocol while the number has not come,
 * nothing while the pratica is not sent yet (draft or payment).
 */
export type ProtocolView =
  | { kind: 'number'; number: string; date: DateTime | null }
  | { kind: 'not_needed' }
  | { kind: 'waiting' }
  | { kind: 'none' }

export function protocolOf(
  pratica: {
    status: PraticaStatusCode
    protocolNumber: string | null
    protocolDate: DateTime | null
  },
  service: { protocolRequired: boolean }
): ProtocolView {
  if (pratica.protocolNumber) {
    return { kind: 'number', number: pratica.protocolNumber, date: pratica.protocolDate }
  }
  if (pratica.status < PraticaStatus.PRE_SUBMIT) return { kind: 'none' }
  return service.protocolRequired ? { kind: 'waiting' } : { kind: 'not_needed' }
}
