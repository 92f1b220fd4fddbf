import { PraticaStatus, type PraticaStatusCode } from '#domain/pratica_status'
import type { MessageTemplates } from '#domain/service_settings'

/**
 * What the citizen is told when their pratica changes state. The manual:
 * "I cambi di stato della pratica vengono comunque comunicati
 * automaticamente al cittadino". So the service's template for the state
 * when the admin wrote one ("Messaggi" tab), else the platform's text,
 * except where the citizen has just been told otherwise:
 * - Bozza never, Inviata never (the receipt, app/services/pratiche/receipt.ts);
 * - Acquisita follows Inviata by seconds, by the system: the receipt has
 *   just gone out, so only a template the admin wrote is sent;
 * - the payment states happen while the citizen pays, on the payment
 *   pages, and the payment sends its own summary: template only.
 */
const NEVER: PraticaStatusCode[] = [PraticaStatus.DRAFT, PraticaStatus.PRE_SUBMIT]
const TEMPLATE_ONLY: PraticaStatusCode[] = [
  PraticaStatus.PAYMENT_PENDING,
  PraticaStatus.PAYMENT_OUTCOME_PENDING,
  PraticaStatus.PAYMENT_SUCCESS,
  PraticaStatus.PAYMENT_ERROR,
  PraticaStatus.SUBMITTED,
]

export const DEFAULT_STATE_TEMPLATE = `Gentile {{ nome }} {{ cognome }},

la tua richiesta {{ numero_richiesta }} per il servizio {{ servizio }} è passata allo stato "{{ stato }}" il {{ data }}.

Puoi seguire la pratica a questo indirizzo: {{ link }}

{{ ente }}`

/**
 * The template of the citizen's notice for a change to `to`, or null when
 * none is sent. `applicantNotified`: the action that made the change wrote
 * to the applicant itself (the response of Approva, an integration
 * request): only a template the admin wrote for the state goes out too.
 */
export function citizenNoticeTemplate(
  templates: MessageTemplates,
  to: PraticaStatusCode,
  options: { applicantNotified?: boolean } = {}
): string | null {
  if (NEVER.includes(to)) return null
  const written = templates[String(to)]?.it?.trim()
  if (written) return written
  return TEMPLATE_ONLY.includes(to) || options.applicantNotified ? null : DEFAULT_STATE_TEMPLATE
}

/** The operators' notice: always sent, never switched off (the manual). */
export const OPERATOR_NOTICE_TEMPLATE = `La pratica {{ numero_richiesta }} del servizio {{ servizio }}, richiedente {{ nome }} {{ cognome }}, è passata allo stato "{{ stato }}" il {{ data }}.

Apri la pratica: {{ link }}

{{ ente }}`

export function citizenNoticeSubject(serviceName: string, state: string) {
  return `${serviceName}: la tua pratica è nello stato "${state}"`
}

export function operatorNoticeSubject(serviceName: string, state: string) {
  return `[${serviceName}] Pratica passata allo stato "${state}"`
}
