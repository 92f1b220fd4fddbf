import db from '@adonisjs/lucid/services/db'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import { PraticaStatus } from '#domain/pratica_status'
import { outcomeTarget } from '#domain/pratica_work'
import { amountOf } from '#domain/payments/form_amount'
import { euroInput } from '#domain/payments/euro_input'
import {
  bilancioFor,
  checkPaymentItem,
  paymentItemInput,
  type FieldErrors,
  type PaymentItemInput,
} from '#domain/payments/payment_item'
import { changeStatus } from '#services/pratiche/change_status'
import { postMessage } from '#services/pratiche/post_message'
import { praticaSubject, recordAudit } from '#services/audit/audit_log'
import { lockPratica, operatorActor } from '#services/backoffice/pratica/locked_pratica'
import { decisionRefusal } from '#services/backoffice/pratica/outcome'
import { emailApplicant } from '#services/backoffice/integrations/email_applicant'
import { requestPositions } from '#services/payments/positions'
import { dueWindow, payerOf } from '#services/payments/at_request'
import { taxonomyCodes } from '#services/payments/taxonomy'
import type { Acting } from '#services/operators/types'

/**
 * "Pagamento posticipato": the operator in charge asks the citizen to pay
 * before the pratica is approved. The service's deferred payments come
 * pre-filled (amount from the form's calculated field or the settings)
 * and can be edited, deleted or added for this pratica, bilancio
 * included. "Invia": a total of 0 exempts the citizen and approves
 * directly; otherwise 4000 → 1500 with the positions requested of the
 * intermediary, and once paid the pratica goes 1520 → 7000
 * (pratica_follows_payment.ts).
 */
export class DeferredPaymentError extends Error {}

/** The service's deferred payments for this pratica, with the amounts it gives. */
export function deferredDraft(pratica: Pratica, service: Service): PaymentItemInput[] {
  return (service.paymentSettings?.deferred ?? []).map((item) => {
    const cents = amountOf(item, pratica.data ?? {}) ?? 0
    return {
      ...paymentItemInput(item),
      amountField: '',
      importo: euroInput(cents),
      bilancio: bilancioFor(item, cents).map((row) => ({
        id: row.id,
        codCapitolo: row.codCapitolo,
        codUfficio: row.codUfficio ?? '',
        codAccertamento: row.codAccertamento ?? '',
        importo: euroInput(row.importoCents),
      })),
    }
  })
}

export async function checkDeferred(items: PaymentItemInput[]) {
  const codes = await taxonomyCodes()
  const errors: FieldErrors = {}
  const checked = items.map((input, index) => {
    const result = checkPaymentItem(
      { ...input, amountField: '' },
      { allowZero: true, formFields: [], isTaxonomyCode: (code) => codes.has(code) }
    )
    for (const [key, message] of Object.entries(result.errors))
      errors[`deferred.${index}.${key}`] = message
    return result.item
  })
  return { items: checked, errors }
}

export async function deferredRefusal(pratica: Pratica, userId: number) {
  const refusal = await decisionRefusal(pratica, userId)
  if (refusal) return refusal
  if (pratica.status !== PraticaStatus.PENDING) {
    return 'Il pagamento posticipato si chiede a una pratica «In carico».'
  }
  return null
}

export async function sendDeferredPayments(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  input: { items: PaymentItemInput[]; message: string },
  by: Acting
): Promise<{ sent: true; exempt: boolean } | { sent: false; errors: FieldErrors }> {
  const { items, errors } = await checkDeferred(input.items)
  if (Object.keys(errors).length) return { sent: false, errors }
  const payable = items.filter((item) => (item.amountCents ?? 0) > 0)
  const exempt = payable.length === 0
  const [plugin] = exempt ? [null] : await paymentManager.allForEnte(ente)
  if (!exempt && !plugin) {
    throw new DeferredPaymentError('L’ente non ha un intermediario di pagamento abilitato.')
  }
  const payer = await payerOf(pratica)

  await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    const refusal = await deferredRefusal(locked, by.actor.id)
    if (refusal) throw new DeferredPaymentError(refusal)
    const actor = operatorActor(by.actor)
    if (exempt) {
      await changeStatus(trx, locked.id, outcomeTarget('approve', service.protocolRequired), {
        actor,
        message: 'Esente dal pagamento posticipato',
        expectedFrom: [locked.status],
      })
    } else {
      await changeStatus(trx, locked.id, PraticaStatus.PAYMENT_PENDING, {
        actor,
        message: 'In attesa del pagamento posticipato',
        expectedFrom: [locked.status],
      })
      const previous = await PaymentPosition.query({ client: trx })
        .where('pratica_id', locked.id)
        .where('phase', 'deferred')
        .max('attempt as last')
        .first()
      await requestPositions(trx, {
        ente,
        pluginId: plugin!.id,
        payer,
        praticaId: locked.id,
        citizenId: locked.citizenId,
        phase: 'deferred',
        attempt: Number(previous?.$extras.last ?? 0) + 1,
        items: payable.map((item) => ({
          amountCents: item.amountCents!,
          causale: item.causale,
          ...dueWindow(),
          bilancio: bilancioFor(item, item.amountCents!),
          taxonomy: item.datiSpecificiRiscossione ?? item.taxonomyCode ?? null,
        })),
      })
    }
    const text = input.message.trim()
    if (text) {
      const subject = exempt ? 'Pratica approvata' : 'Pagamento richiesto'
      await postMessage(trx, locked, { author: actor, subject, body: text })
      await emailApplicant(trx, ente, locked, { subject, text })
    }
    await recordAudit(
      {
        action: exempt ? 'pratica_approved' : 'payment_requested',
        enteId: locked.enteId,
        actor: by.actor,
        subject: praticaSubject(locked),
        metadata: {
          payments: payable.map((item) => ({ causale: item.causale, cents: item.amountCents })),
        },
        origin: by.origin,
      },
      trx
    )
  })
  return { sent: true, exempt }
}
