import edge from 'edge.js'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import type PaymentPosition from '#models/payment_position'
import { requestMessage } from '#services/messaging/request_message'
import { EMAIL_CHANNEL, hasEmailChannel } from '#services/pratiche/receipt'
import { dateAndTime } from '#services/pratiche/dates'
import { euro } from '#domain/payments/format'
import { formatNoticeCode } from '#extension_points/payment/notice_code'

/**
 * "Una notifica di riepilogo del pagamento viene mandata all'indirizzo
 * email del richiedente": asked in the transaction that marks the position
 * COMPLETE, which happens once (COMPLETE is never left), so it is sent once.
 */
export async function sendPaymentSummary(
  trx: TransactionClientContract,
  position: PaymentPosition
) {
  const email = position.payer.email
  const ente = await Ente.query({ client: trx }).where('id', position.enteId).firstOrFail()
  if (!email || !(await hasEmailChannel(ente, trx))) {
    logger.warn({ position: position.uuid }, 'payment summary: no e-mail address or channel')
    return
  }
  const pratica = position.praticaId
    ? await Pratica.query({ client: trx }).where('id', position.praticaId).first()
    : null
  const subject = `Pagamento ricevuto: ${position.causale}`
  const rows: Array<[string, string]> = [
    ['Causale versamento', position.causale],
    ['Importo', euro(position.receipt?.amountPaidCents ?? position.amountCents)],
    ['Pagato il', dateAndTime(position.paidAt)],
    ['Intestatario', `${position.payer.name} - ${position.payer.fiscalCode}`],
    ['IUV', position.iuv ?? '—'],
    ['Codice avviso', position.noticeCode ? formatNoticeCode(position.noticeCode) : '—'],
    ['Ente creditore', `${ente.name} (${position.creditorFiscalCode})`],
  ]
  const text = [
    `Gentile ${position.payer.name},`,
    `abbiamo ricevuto il tuo pagamento a ${ente.name}.`,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...(pratica ? ['', `Numero richiesta: ${pratica.uuid}`] : []),
  ].join('\n')
  const html = await edge.render('emails/payments/summary', {
    enteName: ente.name,
    subject,
    payerName: position.payer.name,
    rows,
    requestNumber: pratica?.uuid ?? null,
  })
  await requestMessage(trx, ente, {
    channel: EMAIL_CHANNEL,
    recipient: { email, name: position.payer.name },
    subject,
    body: { text, html },
  })
}
