import db from '@adonisjs/lucid/services/db'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import { PraticaStatus, type PraticaStatusCode } from '#domain/pratica_status'
import { changeStatus, StaleStatusError } from '#services/pratiche/change_status'
import { recordAudit } from '#services/audit/audit_log'
import { uploadsOf } from '#services/forms/uploads'
import {
  readMessageForm,
  type CitizenMessageInput,
  type MessageForm,
} from '#services/pratiche/messages/citizen_message'
import { writeToApplicant } from '#services/backoffice/integrations/email_applicant'
import {
  operatorActor,
  praticaSubject,
  type StaffAct,
} from '#services/backoffice/integrations/acting'

/**
 * "Registra esito": the outcome of a forwarded pratica (workflow
 * "Inoltro") that the external back office sent outside the API (a
 * letter, a PEC): accettata or rifiutata, the message to the citizen and
 * optional documents. The pratica goes → 4000 (if it is not In carico
 * already: OpenCity has no edge from Acquisita/Protocollata to an outcome)
 * → 7000 Accettata / 9000 Rifiutata, in one transaction, audited; the
 * citizen reads the message and is e-mailed. A pratica whose outcome was
 * recorded meanwhile refuses with the reason.
 */
export const OUTCOMES = { accettata: PraticaStatus.COMPLETE, rifiutata: PraticaStatus.CANCELLED }
export type ForwardOutcome = keyof typeof OUTCOMES

export const OUTCOME_FROM: PraticaStatusCode[] = [
  PraticaStatus.SUBMITTED,
  PraticaStatus.REGISTERED,
  PraticaStatus.PENDING,
]

export const OUTCOME_SUBJECT = 'Esito della richiesta'

type Refused = Extract<MessageForm, { ready: false }> & { errors: { esito?: string } }
export type RecordOutcome =
  { recorded: true } | { recorded?: undefined; form: Refused; esito: string }

export function outcomeRefusal(pratica: Pratica, service: Service): string | null {
  if (service.workflow !== 'forward' || !pratica.forwardedAt)
    return 'La pratica non è stata inoltrata a un back office esterno.'
  if (!OUTCOME_FROM.includes(pratica.status))
    return `L'esito non si può registrare: la pratica è "${pratica.statusLabel}".`
  return null
}

function isOutcome(value: unknown): value is ForwardOutcome {
  return typeof value === 'string' && value in OUTCOMES
}

export async function recordOutcome(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  input: CitizenMessageInput & { esito: unknown },
  act: StaffAct
): Promise<RecordOutcome> {
  const esito = isOutcome(input.esito) ? input.esito : ''
  const form = await readMessageForm(ente, input)
  const back = async (errors: Refused['errors']): Promise<RecordOutcome> => ({
    esito,
    form: form.ready
      ? {
          ready: false,
          body: form.body,
          draft: form.draft,
          kept: await uploadsOf(ente, form.owner),
          errors,
        }
      : { ...form, errors: { ...form.errors, ...errors } },
  })
  const refusal = outcomeRefusal(pratica, service)
  if (refusal) return back({ pratica: refusal })
  const esitoError = esito ? {} : { esito: "Scegli l'esito: accettata o rifiutata." }
  if (!form.ready || !esito) return back(esitoError)

  try {
    await db.transaction(async (trx) => {
      const actor = operatorActor(act.operator)
      if (pratica.status !== PraticaStatus.PENDING) {
        await changeStatus(trx, pratica.id, PraticaStatus.PENDING, {
          actor,
          message: 'Esito ricevuto dal back office esterno',
          expectedFrom: [pratica.status],
          applicantNotified: true,
        })
      }
      const decided = await changeStatus(trx, pratica.id, OUTCOMES[esito], {
        actor,
        message: `Esito registrato: ${esito}`,
        expectedFrom: [PraticaStatus.PENDING],
        // the outcome goes to the applicant by e-mail (writeToApplicant): no state notice on top
        applicantNotified: true,
      })
      await writeToApplicant(trx, ente, decided, {
        author: actor,
        subject: OUTCOME_SUBJECT,
        serviceName: service.name,
        body: form.body,
        attachmentsFrom: form.owner,
      })
      await recordAudit(
        {
          action: 'pratica_outcome_recorded',
          enteId: ente.id,
          actor: act.operator,
          subject: praticaSubject(pratica),
          metadata: { esito },
          origin: act.origin,
        },
        trx
      )
    })
    return { recorded: true }
  } catch (error) {
    if (error instanceof StaleStatusError) return back({ pratica: error.message })
    throw error
  }
}
