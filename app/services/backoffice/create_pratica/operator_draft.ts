import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import Citizen from '#models/citizen'
import Pratica from '#models/pratica'
import type Ente from '#models/ente'
import type Service from '#models/service'
import type User from '#models/user'
import NotFoundException from '#exceptions/not_found_exception'
import { isPraticaNumber } from '#services/personal_area/pratica_access'
import { enabledServiceIds, listScope } from '#services/backoffice/list_scope'
import { matchingCitizens } from '#services/backoffice/pratiche_list'
import { citizenFromTypedData } from '#services/citizens/citizen_from_typed_data'
import { currentFormVersion } from '#services/forms/form_versions'
import { applicantPrefill } from '#services/forms/prefill'
import { createDraft } from '#services/pratiche/drafts'
import { operatorActor } from '#services/backoffice/integrations/acting'

/**
 * "Crea pratica": an operator fills a service's form for a citizen of the
 * ente (found by name or codice fiscale, or typed: nome, cognome, codice
 * fiscale with its check character, email, recapito telefonico; created
 * when new, never changing an existing person's identity). The draft
 * belongs to the citizen and is filled by that operator only; once sent it
 * is in the citizen's personal area, with authentication "operatore".
 */
// shown as "Operatore" (app/services/backoffice/labels.ts)
export const OPERATOR_AUTH_METHOD = 'operator'
const SHOWN_CITIZENS = 20

export type TypedFields = Record<
  'nome' | 'cognome' | 'codiceFiscale' | 'email' | 'telefono',
  string
>

/** Citizens of the ente whose name or codice fiscale begin with the words searched. */
export async function searchCitizens(ente: Ente, user: User, search: string) {
  const ids = matchingCitizens(listScope(ente, user), search)
  if (!ids) return []
  return Citizen.query()
    .where('ente_id', ente.id)
    .whereIn('id', ids.limit(SHOWN_CITIZENS))
    .orderBy('last_name')
    .orderBy('first_name')
}

export type Applicant = { citizenId: unknown } | { typed: Partial<TypedFields> }

export type StartOutcome =
  | { draft: Pratica }
  | { draft?: undefined; errors: Partial<Record<keyof TypedFields | 'citizen', string>> }

export async function startOperatorDraft(
  ente: Ente,
  service: Service,
  operator: User,
  applicant: Applicant
): Promise<StartOutcome> {
  const version = await currentFormVersion(service)
  if (!version) return { errors: { citizen: 'Il servizio non ha ancora un modulo da compilare.' } }
  let citizen: Citizen | null
  if ('citizenId' in applicant) {
    const id = Number(applicant.citizenId)
    citizen = Number.isSafeInteger(id)
      ? await Citizen.query().where('ente_id', ente.id).where('id', id).first()
      : null
    if (!citizen) return { errors: { citizen: 'Cittadino non trovato: cercalo di nuovo.' } }
  } else {
    try {
      citizen = await citizenFromTypedData(ente, applicant.typed)
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        const messages = error.messages as Array<{ field: keyof TypedFields; message: string }>
        return { errors: Object.fromEntries(messages.map((entry) => [entry.field, entry.message])) }
      }
      throw error
    }
  }
  const draft = await db.transaction(async (trx) => {
    const created = await createDraft(
      trx,
      ente,
      service,
      version,
      { citizen, authMethod: OPERATOR_AUTH_METHOD, authLevel: 0 },
      { prefill: applicantPrefill(citizen!), by: operatorActor(operator) }
    )
    created.createdByOperatorId = operator.id
    return created.useTransaction(trx).save()
  })
  return { draft }
}

/** A draft this operator opened, of a service they may still work; anything else is 404. */
export async function operatorDraftOrFail(ente: Ente, user: User, uuid: unknown) {
  if (!isPraticaNumber(uuid)) throw new NotFoundException()
  const scope = listScope(ente, user)
  const pratica = await Pratica.forEnte(ente)
    .where('uuid', uuid.toLowerCase())
    .where('created_by_operator_id', user.id)
    .if(!scope.allServices, (query) => query.whereIn('service_id', enabledServiceIds(scope)))
    .preload('service')
    .first()
  if (!pratica) throw new NotFoundException()
  return pratica
}
