import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Upload from '#models/upload'
import { PraticaStatus } from '#domain/pratica_status'
import type { FormValues } from '#domain/forms/types'
import { changeStatus, type Actor } from '#services/pratiche/change_status'
import { citizenFromTypedData } from '#services/citizens/citizen_from_typed_data'
import { reviewDraft, uploadOwner, type DraftReview } from '#services/pratiche/pratica_form'
import { needsPaymentAtRequest } from '#services/pratiche/payment_step'
import { STAMP_WAITING_MESSAGE } from '#services/payments/stamps'

/**
 * "Invia": in one transaction the stored data is checked again, a
 * login-free applicant becomes a citizen (found or created by codice
 * fiscale), and the draft goes to Inviata (1900) with "Richiesta
 * presentata il" and "Riceverai risposta entro il", or to "In attesa di
 * pagamento" (1500) when the service asks a payment at request. What
 * follows (Acquisita, the modulo compilato, the receipt, the protocol) is
 * done by the jobs subscribed to the state change.
 */
export class IncompleteDraftError extends Error {
  constructor(readonly review: DraftReview) {
    super('Alcuni campi non sono compilati correttamente: controlla il modulo.')
  }
}

export class NotADraftError extends Error {
  constructor() {
    super('La pratica è già stata inviata.')
  }
}

export interface Submission {
  pratica: Pratica
  /** 1900, or 1500 when a payment at request comes first */
  status: number
}

export async function submitPratica(
  ente: Ente,
  praticaId: number,
  submitter: { citizen: Citizen | null; authMethod?: string; authLevel?: number }
): Promise<Submission> {
  const draft = await Pratica.findOrFail(praticaId)
  if (draft.status !== PraticaStatus.DRAFT) throw new NotADraftError()
  const review = await reviewDraft(ente, draft)
  if (Object.keys(review.errors).length > 0) throw new IncompleteDraftError(review)

  const unused: string[] = []
  const submission = await db.transaction(async (trx) => {
    const pratica = await Pratica.query({ client: trx }).where('id', praticaId).forUpdate().first()
    if (!pratica || pratica.status !== PraticaStatus.DRAFT) throw new NotADraftError()
    const service = await Service.query({ client: trx })
      .where('id', pratica.serviceId)
      .firstOrFail()

    const citizen =
      submitter.citizen ??
      (pratica.typedApplicant
        ? await citizenFromTypedData(ente, pratica.typedApplicant, { client: trx })
        : null)
    pratica.merge({
      citizenId: citizen?.id ?? pratica.citizenId,
      data: review.data,
      authMethod: submitter.authMethod ?? pratica.authMethod,
      authLevel: submitter.authLevel ?? pratica.authLevel,
    })
    await pratica.useTransaction(trx).save()
    unused.push(...(await dropUnusedUploads(trx, pratica, review.data)))

    const actor: Actor = { type: 'citizen', id: citizen?.id, name: citizen?.fullName }
    if (needsPaymentAtRequest(service)) {
      const waiting = await changeStatus(trx, pratica.id, PraticaStatus.PAYMENT_PENDING, {
        actor,
        // the iter says the marche are awaited, as the manual shows
        message: service.stampSettings?.atRequest?.length ? STAMP_WAITING_MESSAGE : undefined,
        expectedFrom: [PraticaStatus.DRAFT],
      })
      return { pratica: waiting, status: PraticaStatus.PAYMENT_PENDING }
    }
    const sent = await changeStatus(trx, pratica.id, PraticaStatus.PRE_SUBMIT, {
      actor,
      expectedFrom: [PraticaStatus.DRAFT],
      patch: sentNow(service),
    })
    return { pratica: sent, status: PraticaStatus.PRE_SUBMIT }
  })

  // the files go once their rows are gone for good
  for (const key of unused) {
    await drive
      .use()
      .delete(key)
      .catch((error) => logger.warn({ err: error, key }, 'unused upload not deleted'))
  }
  return submission
}

/**
 * "Richiesta presentata il" and "Riceverai risposta entro il" (the
 * service's maximum days) of a pratica going to Inviata now: the patch of
 * that change, here and after a payment at request (1520 → 1900).
 */
export function sentNow(service: Pick<Service, 'maxResponseDays'>) {
  const now = DateTime.now()
  return {
    submittedAt: now,
    responseDueAt: service.maxResponseDays ? now.plus({ days: service.maxResponseDays }) : null,
  }
}

/**
 * Uploads of the draft that the sent data does not name (a file field
 * hidden afterwards, a file replaced): not part of the pratica. Answers
 * their disk keys.
 */
async function dropUnusedUploads(
  trx: TransactionClientContract,
  pratica: Pratica,
  data: FormValues
) {
  const named = new Set(fileIdsIn(data))
  const uploads = await Upload.query({ client: trx })
    .where('ente_id', pratica.enteId)
    .where('owner', uploadOwner(pratica))
  const unused = uploads.filter((upload) => !named.has(upload.id))
  if (unused.length === 0) return []
  await Upload.query({ client: trx })
    .whereIn(
      'id',
      unused.map((upload) => upload.id)
    )
    .delete()
  return unused.map((upload) => upload.diskKey)
}

/** The ids of the files (FileRef values) anywhere in a pratica's data. */
export function fileIdsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(fileIdsIn)
  if (!value || typeof value !== 'object') return []
  const record = value as Record<string, unknown>
  if (typeof record.id === 'string' && typeof record.name === 'string' && 'size' in record) {
    return [record.id]
  }
  return Object.values(record).flatMap(fileIdsIn)
}
