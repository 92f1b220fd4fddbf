import { PraticaStatus, type PraticaStatusCode } from '#domain/pratica_status'

/**
 * When the integration cycle's actions are offered (the manual's
 * "Richiedi integrazioni", "Accetta integrazioni", "Annulla richiesta
 * integrazioni"), as OpenCity's API transitions by state
 * (specs/opencity/enums.json): request-integration at 4000 (and 4500,
 * whose edge 4500 → 4100 allows a second round), accept-integration at
 * 4200, the cancellation DESIGN.md adds at 4100/4200. All of them belong
 * to the operator who has the pratica in charge (as Approva and Rigetta:
 * app/domain/pratica_work.ts); requesting also needs the service to
 * allow it.
 */
export const REQUEST_FROM: PraticaStatusCode[] = [
  PraticaStatus.PENDING,
  PraticaStatus.PENDING_AFTER_INTEGRATION,
]
export const ACCEPT_FROM: PraticaStatusCode[] = [PraticaStatus.DRAFT_FOR_INTEGRATION]
export const CANCEL_FROM: PraticaStatusCode[] = [
  PraticaStatus.REQUEST_INTEGRATION,
  PraticaStatus.DRAFT_FOR_INTEGRATION,
]

export interface IntegrationSubject {
  status: PraticaStatusCode
  operatorId: number | null
  allowIntegrationRequests: boolean
}

export type IntegrationAction = 'request' | 'accept' | 'cancel'

const FROM: Record<IntegrationAction, PraticaStatusCode[]> = {
  request: REQUEST_FROM,
  accept: ACCEPT_FROM,
  cancel: CANCEL_FROM,
}

const NOT_NOW: Record<IntegrationAction, string> = {
  request: 'Le integrazioni si possono richiedere solo a una pratica in carico.',
  accept: 'Non ci sono integrazioni in attesa per questa pratica.',
  cancel: 'Non ci sono richieste di integrazioni da annullare per questa pratica.',
}

/** Why the operator `userId` cannot do `action` now, or null. */
export function integrationRefusal(
  action: IntegrationAction,
  subject: IntegrationSubject,
  userId: number
): string | null {
  if (action === 'request' && !subject.allowIntegrationRequests)
    return 'Il servizio non prevede richieste di integrazioni.'
  if (!FROM[action].includes(subject.status)) return NOT_NOW[action]
  if (subject.operatorId !== userId)
    return 'La pratica deve essere in carico a te: prendila in carico o subentra.'
  return null
}

/** The buttons of the moment, for the pratica page. */
export function integrationActions(subject: IntegrationSubject, userId: number) {
  return {
    request: integrationRefusal('request', subject, userId) === null,
    accept: integrationRefusal('accept', subject, userId) === null,
    cancel: integrationRefusal('cancel', subject, userId) === null,
  }
}
