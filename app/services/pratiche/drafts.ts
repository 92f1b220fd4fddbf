import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import type Service from '#models/service'
import type ServiceFormVersion from '#models/service_form_version'
import Pratica, { type PraticaRelation } from '#models/pratica'
import PraticaStatusChange from '#models/pratica_status_change'
import { PraticaStatus } from '#domain/pratica_status'
import type { AuthLevelValue } from '#domain/auth_level'
import type { FormValues } from '#domain/forms/types'
import { startForm } from '#services/forms/form_page'
import { applicantPrefill } from '#services/forms/prefill'
import type { TypedApplicant } from '#services/citizens/citizen_from_typed_data'
import { storableData } from '#services/pratiche/pratica_form'
import type { Actor } from '#services/pratiche/change_status'

/**
 * A pratica starts as a draft (Bozza, 1000) with its iter's first line,
 * the current version of the service's form (kept for good), and the
 * applicant's data filled in: from the profile for a citizen who logged
 * in, from what a login-free applicant typed, from the first pratica for
 * a rinnovo/modifica/voltura.
 */
export interface DraftApplicant {
  /** null for a login-free applicant until the pratica is sent */
  citizen: Citizen | null
  typed?: TypedApplicant
  /** how the applicant authenticated: spid, cie, anonymous (login-free); null when nothing says */
  authMethod: string | null
  authLevel: AuthLevelValue
}

/** The citizen's draft of this service to resume (not a rinnovo/modifica of another pratica). */
export function openDraftOf(ente: Ente, service: Service, citizen: Citizen) {
  return Pratica.forEnte(ente)
    .where('service_id', service.id)
    .where('citizen_id', citizen.id)
    .where('status', PraticaStatus.DRAFT)
    .whereNull('parent_id')
    .orderBy('id', 'desc')
    .first()
}

/** A login-free applicant's typed data in the Richiedente block's keys. */
export function typedPrefill(typed: TypedApplicant): FormValues {
  return {
    applicant: {
      completename: { name: typed.nome, surname: typed.cognome },
      fiscal_code: { fiscal_code: typed.codiceFiscale },
      email_address: typed.email,
      cell_number: typed.telefono,
    },
  }
}

export function applicantName(applicant: DraftApplicant) {
  if (applicant.citizen) return applicant.citizen.fullName
  return applicant.typed ? `${applicant.typed.nome} ${applicant.typed.cognome}` : null
}

/** Creates the draft in the caller's transaction. */
export async function createDraft(
  trx: TransactionClientContract,
  ente: Ente,
  service: Service,
  version: ServiceFormVersion,
  applicant: DraftApplicant,
  options: {
    prefill?: FormValues
    parent?: { id: number; relation: PraticaRelation }
    /** who opens it, when not the applicant ("Crea pratica": the operator) */
    by?: Actor
  } = {}
): Promise<Pratica> {
  const page = await startForm(ente, version, { prefill: options.prefill })
  const pratica = await Pratica.create(
    {
      enteId: ente.id,
      uuid: randomUUID(),
      serviceId: service.id,
      formVersionId: version.id,
      citizenId: applicant.citizen?.id ?? null,
      typedApplicant: applicant.typed ?? null,
      status: PraticaStatus.DRAFT,
      partial: false,
      data: storableData(page),
      formStep: page.step,
      authMethod: applicant.authMethod,
      authLevel: applicant.authLevel,
      priority: 0,
      parentId: options.parent?.id ?? null,
      relation: options.parent?.relation ?? null,
      statusChangedAt: DateTime.now(),
    },
    { client: trx }
  )
  await PraticaStatusChange.create(
    {
      enteId: ente.id,
      praticaId: pratica.id,
      fromStatus: null,
      toStatus: PraticaStatus.DRAFT,
      partial: false,
      actorType: options.by?.type ?? 'citizen',
      actorId: options.by ? (options.by.id ?? null) : (applicant.citizen?.id ?? null),
      actorName: options.by ? (options.by.name ?? null) : applicantName(applicant),
      message: null,
    },
    { client: trx }
  )
  return pratica
}

/**
 * "Accedi al servizio online": the draft the applicant left, or a new one
 * prefilled from the profile (a login-free applicant always starts anew:
 * their browser keeps the drafts it is filling).
 */
export async function openOrCreateDraft(
  ente: Ente,
  service: Service,
  version: ServiceFormVersion,
  applicant: DraftApplicant
): Promise<Pratica> {
  if (applicant.citizen) {
    const existing = await openDraftOf(ente, service, applicant.citizen)
    if (existing) return existing
  }
  const prefill = applicant.citizen
    ? applicantPrefill(applicant.citizen)
    : applicant.typed
      ? typedPrefill(applicant.typed)
      : {}
  return db.transaction((trx) => createDraft(trx, ente, service, version, applicant, { prefill }))
}
