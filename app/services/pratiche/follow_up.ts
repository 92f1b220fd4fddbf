import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import type Service from '#models/service'
import type Pratica from '#models/pratica'
import type { PraticaRelation } from '#models/pratica'
import Upload from '#models/upload'
import { PraticaStatus } from '#domain/pratica_status'
import type { FormDefinition, FormValues } from '#domain/forms/types'
import { walk } from '#domain/forms/walker'
import { setAt } from '#domain/forms/data_paths'
import { currentFormVersion, definitionOf } from '#services/forms/form_versions'
import { createDraft, type DraftApplicant } from '#services/pratiche/drafts'
import { uploadOwner } from '#services/pratiche/pratica_form'

/**
 * Rinnovo, modifica, voltura: "la modifica di una richiesta non comporta
 * la modifica di una pratica precedentemente inviata". A new draft,
 * linked to the first pratica (parent + relation), filled with its data
 * and copies of its files, on the service's current form; the first
 * pratica is not touched.
 */
export const FOLLOW_UP_RELATIONS: PraticaRelation[] = ['rinnovo', 'modifica', 'voltura']

export const FOLLOW_UP_LABELS: Record<PraticaRelation, string> = {
  rinnovo: 'Rinnovo',
  modifica: 'Modifica',
  voltura: 'Voltura',
}

export class FollowUpRefusedError extends Error {}

export function isFollowUpRelation(value: unknown): value is PraticaRelation {
  return FOLLOW_UP_RELATIONS.includes(value as PraticaRelation)
}

/** A pratica can be followed up once it was sent (not a draft, not waiting for a payment). */
export function canFollowUp(pratica: Pratica) {
  return pratica.submittedAt !== null && pratica.status >= PraticaStatus.PRE_SUBMIT
}

export async function startFollowUp(
  ente: Ente,
  service: Service,
  parent: Pratica,
  relation: PraticaRelation,
  applicant: DraftApplicant & { citizen: Citizen }
): Promise<Pratica> {
  if (!canFollowUp(parent)) {
    throw new FollowUpRefusedError('La pratica non è ancora stata inviata.')
  }
  if (!service.availability().open) {
    throw new FollowUpRefusedError('Il servizio al momento non accetta nuove richieste.')
  }
  const version = await currentFormVersion(service)
  if (!version) throw new FollowUpRefusedError('Il servizio non ha un modulo da compilare.')

  const prefill = withRequestType(definitionOf(version).definition, parent.data, relation)
  return db.transaction(async (trx) => {
    const draft = await createDraft(trx, ente, service, version, applicant, {
      prefill,
      parent: { id: parent.id, relation },
    })
    const copies = await copyUploads(trx, parent, draft)
    if (copies.size > 0) {
      draft.data = replaceFileIds(draft.data, copies) as FormValues
      await draft.useTransaction(trx).save()
    }
    return draft
  })
}

/**
 * The "Tipo di richiesta" block (field `request_type`) says rinnovo,
 * modifica or voltura when the form offers that choice.
 */
function withRequestType(
  definition: FormDefinition,
  data: FormValues,
  relation: PraticaRelation
): FormValues {
  const prefill = structuredClone(data)
  walk(definition, prefill, (visit) => {
    const node = visit.node
    if (
      node.kind === 'field' &&
      node.key === 'request_type' &&
      node.options?.some((option) => option.value === relation)
    ) {
      setAt(prefill, visit.path, relation)
    }
  })
  return prefill
}

/** Copies of the first pratica's files for the new draft (same content, new ids and files). */
async function copyUploads(trx: TransactionClientContract, from: Pratica, to: Pratica) {
  const uploads = await Upload.query({ client: trx })
    .where('ente_id', from.enteId)
    .where('owner', uploadOwner(from))
  const copies = new Map<string, string>()
  for (const upload of uploads) {
    const id = randomUUID()
    const diskKey = `uploads/${upload.enteId}/${id}.${upload.extension}`
    await drive.use().copy(upload.diskKey, diskKey)
    await Upload.create(
      {
        id,
        enteId: upload.enteId,
        owner: uploadOwner(to),
        field: upload.field,
        clientName: upload.clientName,
        extension: upload.extension,
        mimeType: upload.mimeType,
        size: upload.size,
        diskKey,
      },
      { client: trx }
    )
    copies.set(upload.id, id)
  }
  return copies
}

function replaceFileIds(value: unknown, copies: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceFileIds(item, copies))
  if (!value || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  if (typeof record.id === 'string' && copies.has(record.id) && typeof record.name === 'string') {
    return { ...record, id: copies.get(record.id) }
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, inner]) => [key, replaceFileIds(inner, copies)])
  )
}
