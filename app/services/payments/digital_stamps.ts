import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Ente from '#models/ente'
import type Pratica from '#models/pratica'
import Service from '#models/service'
import Stamp from '#models/stamp'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import { AWAITING_PAYMENT } from '#domain/pratica_status'
import {
  base64Digest,
  digitalStampAvailable,
  digitalStampUnderway,
  istanzaDigest,
  normalizeProvince,
  provinceError,
} from '#domain/payments/digital_stamp'
import { outbox } from '#queue/outbox'
import { lockPratica } from '#services/backoffice/pratica/locked_pratica'
import { ensureModuloCompilato } from '#services/pratiche/documents'
import { payerOf, dueWindow } from '#services/payments/at_request'
import { requestPositions } from '#services/payments/positions'
import { sendWhenRequestStepComplete } from '#services/payments/request_step'
import { approveWhenComplete, openStamp, StampError } from '#services/payments/stamps'

/**
 * Marche da bollo paid as marche da bollo digitali (MBD) through pagoPA,
 * where the ente's intermediary has the `stamps` capability: instead of
 * typing a marca bought at a tobacconist's, the citizen asks for a STAMP
 * position bound to the pratica's document and pays it online; when it is
 * paid the bollo counts as entered (the pratica goes on as when the last
 * marca is typed) and the marca's IUBD is read from the receipt.
 */

/** Recorded when a digital marca is paid: the job reads its IUBD from the receipt. */
export const DIGITAL_STAMP_PAID = 'stamp.digital_paid'

/** The ente's payment plugin that issues marche da bollo digitali, or null. */
export async function digitalStampPlugin(ente: Ente): Promise<string | null> {
  const plugins = await paymentManager.allForEnte(ente)
  const issuer = plugins.find((plugin) => plugin.manifest.capabilities?.stamps)
  return issuer?.id ?? null
}

/**
 * "Paga con marca da bollo digitale": a STAMP position for the bollo,
 * bound to the istanza (at request, before the modulo exists) or to the
 * modulo compilato (at release), issued to the payer's province. Asking
 * again while one is on its way answers it; after a failed one, a new attempt.
 */
export async function requestDigitalStamp(
  ente: Ente,
  pratica: Pratica,
  stampUuid: string,
  input: { province?: unknown }
): Promise<{ errors: Record<string, string> }> {
  const province = normalizeProvince(input.province)
  const problem = provinceError(province)
  if (problem) return { errors: { province: problem } }
  const pluginId = await digitalStampPlugin(ente)
  if (!pluginId) {
    return { errors: { province: 'L’ente non offre la marca da bollo digitale.' } }
  }
  const documentHash = await stampedDocumentHash(pratica)
  const payer = await payerOf(pratica)

  try {
    await db.transaction(async (trx) => {
      const locked = await lockPratica(trx, pratica.id)
      if (!AWAITING_PAYMENT.includes(locked.status)) {
        throw new StampError('La pratica non attende marche da bollo.')
      }
      const stamp = await openStamp(trx, locked.id, stampUuid)
      if (!digitalStampAvailable(stamp.amountCents)) {
        throw new StampError(
          'La marca da bollo digitale è solo per l’imposta di bollo da 16,00 €: inserisci una marca.'
        )
      }
      const current = stamp.positionId
        ? await PaymentPosition.query({ client: trx }).where('id', stamp.positionId).first()
        : null
      if (digitalStampUnderway(current?.status)) return
      const attempt = (current?.attempt ?? 0) + 1
      const [position] = await requestPositions(trx, {
        ente,
        pluginId,
        payer,
        praticaId: locked.id,
        citizenId: locked.citizenId,
        phase: null,
        attempt,
        items: [
          {
            type: 'STAMP',
            amountCents: stamp.amountCents,
            causale: stamp.causale,
            ...dueWindow(),
            idempotencyKey: `stamp:${stamp.uuid}:${attempt}`,
            stampRequest: { documentHash, province },
          },
        ],
      })
      stamp.useTransaction(trx)
      stamp.merge({ positionId: position.id, documentHash })
      await stamp.save()
    })
  } catch (error) {
    if (error instanceof StampError) return { errors: { province: error.message } }
    throw error
  }
  return { errors: {} }
}

/**
 * What the marca is bound to: the modulo compilato of a sent pratica (at
 * release), else the istanza's data (at request, before the modulo exists).
 */
async function stampedDocumentHash(pratica: Pratica) {
  if (!pratica.submittedAt) return istanzaDigest(pratica.uuid, pratica.data ?? {})
  const modulo = await ensureModuloCompilato(pratica.id)
  return base64Digest(modulo.sha256)
}

/**
 * A STAMP position was paid (from followPayment, the pratica locked): its
 * bollo counts as entered, the pratica goes on as when a marca is typed,
 * and the job `payments.digital_stamp_receipt` reads the IUBD.
 */
export async function digitalStampPaid(
  trx: TransactionClientContract,
  position: PaymentPosition,
  pratica: Pratica
) {
  const stamp = await Stamp.query({ client: trx })
    .where('position_id', position.id)
    .forUpdate()
    .first()
  if (!stamp || stamp.enteredAt) return
  stamp.useTransaction(trx)
  stamp.merge({ enteredAt: DateTime.utc(), issuedAt: (position.paidAt ?? DateTime.now()).toUTC() })
  await stamp.save()
  await outbox.record(trx, {
    type: DIGITAL_STAMP_PAID,
    enteId: position.enteId,
    payload: { positionId: position.id },
  })
  const service = await Service.query({ client: trx }).where('id', pratica.serviceId).firstOrFail()
  await sendWhenRequestStepComplete(trx, pratica.id, service, 'Marca da bollo digitale pagata')
  const fresh = await lockPratica(trx, pratica.id)
  await approveWhenComplete(trx, fresh, service)
}

/** Raised while the intermediary has no receipt with the marca yet: the job retries. */
export class StampReceiptPendingError extends Error {}

/** The job: the issued marca's IUBD and emission time (and its IUV), from the position's receipt. */
export async function recordIssuedStamp(positionId: number) {
  const position = await PaymentPosition.find(positionId)
  const stamp = position && (await Stamp.query().where('position_id', position.id).first())
  if (!position?.ref || !stamp || stamp.number) return
  const ente = await Ente.findOrFail(position.enteId)
  const { adapter } = await paymentManager.forEnte(ente, position.pluginId)
  const receipt = await adapter.getReceipt(position.ref)
  if (!receipt?.stamp) {
    throw new StampReceiptPendingError(`the receipt of ${position.uuid} has no marca yet`)
  }
  stamp.merge({
    number: receipt.stamp.iubd,
    // UTC: SQLite keeps the wall time of the zone it is given
    issuedAt: DateTime.fromJSDate(receipt.stamp.issuedAt).toUTC(),
  })
  await stamp.save()
  // some intermediaries give the marca its IUV only at the checkout
  if (!position.iuv && receipt.iuv) {
    await PaymentPosition.query()
      .where('id', position.id)
      .update({ iuv: receipt.iuv, notice_code: receipt.noticeCode || null })
  }
}
