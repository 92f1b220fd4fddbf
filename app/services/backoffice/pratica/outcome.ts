import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Upload from '#models/upload'
import Citizen from '#models/citizen'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import { canDecide, outcomeTarget, type Outcome } from '#domain/pratica_work'
import { PRATICA_STATUS_LABELS, PraticaStatus } from '#domain/pratica_status'
import { plainParagraphs, safeHtml } from '#services/html/safe_html'
import { draftOwner, newDraftToken, removeUpload, uploadsOf } from '#services/forms/uploads'
import { acceptAttachments } from '#services/pratiche/messages/attachments'
import { changeStatus } from '#services/pratiche/change_status'
import { postMessage } from '#services/pratiche/post_message'
import { dateAndTime } from '#services/pratiche/dates'
import { emailApplicant } from '#services/backoffice/integrations/email_applicant'
import { renderResponseDocument, type ResponseOutcome } from '#services/pdf/response_document'
import type { Acting } from '#services/operators/types'
import {
  auditPratica,
  ActionRefusedError,
  lockPratica,
  operatorActor,
  operatorName,
} from '#services/backoffice/pratica/locked_pratica'

/**
 * "Approva" and "Rigetta": the response message (rich text, cleaned), the
 * response document (uploaded, or made as a PDF from the message), the
 * attachments, and for Approva "È un'approvazione parziale?" where the
 * service allows it. The pratica becomes Accettata / Rifiutata (or their
 * "in attesa di protocollazione" when the service requires protocol: a
 * job registers the document, then moves on); the citizen finds the
 * message with the document and the attachments in their pratica and by
 * e-mail. Only the operator in charge decides; of two decisions at once
 * the second is refused with what happened.
 *
 * A form with a problem is not sent: it comes back as written, with the
 * files already accepted kept under its draft tokens (one for the
 * document, one for the attachments).
 */
export const RESPONSE_DOCUMENT_FIELD = 'documento_risposta'
const MESSAGE_MAX_LENGTH = 20_000

export interface OutcomeInput {
  outcome: Outcome
  body: unknown
  partial: unknown
  /** draft tokens of the files already accepted */
  documentDraft: unknown
  attachmentsDraft: unknown
  /** "Rimuovi" on a kept file: its id */
  remove: unknown
  document: MultipartFile | null
  attachments: MultipartFile[]
}

export type OutcomeErrors = { body?: string; document?: string[]; attachments?: string[] }

export interface OutcomeFormState {
  body: string
  partial: boolean
  documentDraft: string
  attachmentsDraft: string
  document: Upload[]
  attachments: Upload[]
  errors: OutcomeErrors
}

export type OutcomeResult = { decided: true } | { decided: false; form: OutcomeFormState }

/**
 * Why the operator cannot decide the pratica now, or null: asked before
 * the form is read, and again on the locked row (a double submit, or
 * someone who took it over meanwhile).
 */
export async function decisionRefusal(
  pratica: Pratica,
  userId: number,
  trx?: TransactionClientContract
) {
  if (canDecide(pratica, userId)) return null
  if (DECIDED.includes(pratica.status)) {
    return `La pratica è già stata decisa: ora è "${pratica.statusLabel}".`
  }
  if (pratica.operatorId === null) {
    return 'Per approvare o rigettare la pratica devi prima prenderla in carico.'
  }
  if (pratica.operatorId !== userId) {
    return `La pratica è in carico a ${await operatorName(pratica.operatorId, trx)}: subentra per approvarla o rigettarla.`
  }
  return `La pratica è nello stato "${PRATICA_STATUS_LABELS[pratica.status]}": non può essere approvata né rigettata.`
}

const DECIDED: number[] = [
  PraticaStatus.COMPLETE_WAITING_REGISTRATION,
  PraticaStatus.COMPLETE,
  PraticaStatus.CANCELLED_WAITING_REGISTRATION,
  PraticaStatus.CANCELLED,
]

function tokenOf(value: unknown) {
  return draftOwner(value) ? String(value) : newDraftToken()
}

export async function decidePratica(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  input: OutcomeInput,
  by: Acting
): Promise<OutcomeResult> {
  const refusal = await decisionRefusal(pratica, by.actor.id)
  if (refusal) throw new ActionRefusedError(refusal)

  const body = typeof input.body === 'string' ? safeHtml(input.body.trim()) : ''
  const partial = input.outcome === 'approve' && service.allowPartialApproval && !!input.partial
  const documentDraft = tokenOf(input.documentDraft)
  const attachmentsDraft = tokenOf(input.attachmentsDraft)
  const documentOwner = draftOwner(documentDraft)!
  const attachmentsOwner = draftOwner(attachmentsDraft)!

  const removing = typeof input.remove === 'string' && input.remove.length > 0
  if (removing) {
    await removeUpload(ente, documentOwner, input.remove as string)
    await removeUpload(ente, attachmentsOwner, input.remove as string)
  }
  // a new response document replaces the one kept
  if (input.document) {
    for (const kept of await uploadsOf(ente, documentOwner)) {
      await removeUpload(ente, documentOwner, kept.id)
    }
  }
  const document = await acceptAttachments(
    ente,
    documentOwner,
    input.document ? [input.document] : []
  )
  const attachments = await acceptAttachments(ente, attachmentsOwner, input.attachments)
  const errors: OutcomeErrors = {}
  if (document.errors.length) errors.document = document.errors
  if (attachments.errors.length) errors.attachments = attachments.errors
  const paragraphs = plainParagraphs(body)
  if (!removing && paragraphs.length === 0) errors.body = 'Scrivi il messaggio di risposta.'
  if (body.length > MESSAGE_MAX_LENGTH) {
    errors.body = `Il messaggio può contenere al massimo ${MESSAGE_MAX_LENGTH.toLocaleString('it-IT')} caratteri.`
  }
  if (removing || Object.keys(errors).length > 0) {
    return {
      decided: false,
      form: {
        body,
        partial,
        documentDraft,
        attachmentsDraft,
        document: document.kept,
        attachments: attachments.kept,
        errors,
      },
    }
  }

  const generated = document.kept.length
    ? null
    : await responsePdf(ente, pratica, service, { outcome: input.outcome, partial, paragraphs, by })
  const text = paragraphs.join('\n\n')

  await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    const lateRefusal = await decisionRefusal(locked, by.actor.id, trx)
    if (lateRefusal) throw new ActionRefusedError(lateRefusal)
    await changeStatus(trx, locked.id, outcomeTarget(input.outcome, service.protocolRequired), {
      actor: operatorActor(by.actor),
      message: excerpt(text),
      partial,
      expectedFrom: [locked.status],
      // the response goes to the applicant by e-mail below: no state notice on top
      applicantNotified: true,
    })
    const subject = outcomeSubject(service.name, input.outcome, partial)
    const message = await postMessage(trx, locked, {
      author: operatorActor(by.actor),
      subject,
      body: text,
      attachmentsFrom: attachmentsOwner,
    })
    if (generated) {
      await storeGenerated(trx, locked, message.uploadOwner, generated)
    } else {
      await Upload.query({ client: trx })
        .where('ente_id', ente.id)
        .where('owner', documentOwner)
        .update({ owner: message.uploadOwner, field: RESPONSE_DOCUMENT_FIELD })
    }
    await emailApplicant(trx, ente, locked, { subject, text })
    await auditPratica(
      trx,
      input.outcome === 'approve' ? 'pratica_approved' : 'pratica_rejected',
      locked,
      by,
      { partial, document: generated ? 'generato' : 'caricato' }
    )
  })
  return { decided: true }
}

function excerpt(text: string) {
  return text.length > 300 ? `${text.slice(0, 299)}…` : text
}

export function outcomeSubject(serviceName: string, outcome: Outcome, partial: boolean) {
  const what = outcome === 'reject' ? 'rifiutata' : partial ? 'parzialmente approvata' : 'accettata'
  return `${serviceName}: richiesta ${what}`
}

async function responsePdf(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  decision: { outcome: Outcome; partial: boolean; paragraphs: string[]; by: Acting }
) {
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  const typed = pratica.typedApplicant
  const outcome: ResponseOutcome =
    decision.outcome === 'reject'
      ? 'rejected'
      : decision.partial
        ? 'partially_approved'
        : 'approved'
  return renderResponseDocument({
    ente,
    serviceName: service.name,
    requestNumber: pratica.uuid,
    applicant: {
      name: citizen?.fullName ?? (typed ? `${typed.nome} ${typed.cognome}` : ''),
      fiscalCode: citizen?.fiscalCode ?? typed?.codiceFiscale ?? null,
    },
    outcome,
    paragraphs: decision.paragraphs,
    operatorName: decision.by.actor.fullName,
    decidedAt: dateAndTime(DateTime.now()),
  })
}

/** The generated PDF, attached to the response message as its document. */
async function storeGenerated(
  trx: TransactionClientContract,
  pratica: Pratica,
  owner: string,
  bytes: Buffer
) {
  const id = randomUUID()
  const diskKey = `uploads/${pratica.enteId}/${id}.pdf`
  await drive.use().put(diskKey, bytes, { contentType: 'application/pdf' })
  await Upload.create(
    {
      id,
      enteId: pratica.enteId,
      owner,
      field: RESPONSE_DOCUMENT_FIELD,
      clientName: `esito-${pratica.uuid}.pdf`,
      extension: 'pdf',
      mimeType: 'application/pdf',
      size: bytes.length,
      diskKey,
    },
    { client: trx }
  )
}
