import logger from '@adonisjs/core/services/logger'
import type Ente from '#models/ente'
import type PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import type { PaymentNotice } from '#extension_points/payment/contract'
import { euro } from '#domain/payments/format'
import { renderPaymentNotice } from '#services/pdf/payment_notice'

export type NoticeDocument = { pdf: Uint8Array } | { url: string }

/**
 * "Stampa e paga": the avviso of a position created at the intermediary.
 * The intermediary's own PDF when it gives one (bytes, or its address);
 * otherwise the platform renders it (pdfkit, pagoPA layout) from the
 * notice's data, or from what the position holds when the intermediary
 * cannot be reached: the codice avviso is enough to pay.
 */
export async function noticeDocument(
  ente: Ente,
  position: PaymentPosition
): Promise<NoticeDocument> {
  const ref = position.ref
  if (!ref) throw new Error(`position ${position.uuid} is not created yet`)
  let notice: PaymentNotice | null = null
  try {
    const { adapter } = await paymentManager.forEnte(ente, position.pluginId)
    notice = await adapter.getNotice(ref)
  } catch (error) {
    logger.warn(
      { err: error, position: position.uuid },
      'avviso: intermediary unreachable, rendered from the position'
    )
  }
  if (notice?.pdf && 'content' in notice.pdf) return { pdf: notice.pdf.content }
  if (notice?.pdf && 'url' in notice.pdf) return { url: notice.pdf.url }

  const amountCents = notice?.amountCents ?? position.amountCents
  const due = notice?.dueDate ?? position.dueDate?.toJSDate()
  const pdf = await renderPaymentNotice({
    creditor: notice?.creditor ?? { name: ente.name, fiscalCode: position.creditorFiscalCode },
    payer: {
      name: position.payer.name,
      fiscalCode: position.payer.fiscalCode,
      address: position.payer.address,
    },
    description: notice?.description ?? position.causale,
    amountCents,
    amount: euro(amountCents),
    noticeCode: notice?.noticeCode ?? ref.noticeCode,
    dueDate: due ? due.toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' }) : null,
  })
  return { pdf }
}
