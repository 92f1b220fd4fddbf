import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Ente from '#models/ente'
import type Service from '#models/service'
import Category from '#models/category'
import ServiceGroup from '#models/service_group'
import GeographicArea from '#models/geographic_area'
import Office from '#models/office'
import type { AuthLevelValue } from '#domain/auth_level'
import type { ServiceStatus } from '#domain/service_availability'
import type { Workflow } from '#domain/service_settings'
import type { Acting } from '#services/operators/types'
import { saveServiceTab } from '#services/services/update_service'

export interface AdvancedInput {
  workflow: Workflow
  forwardUrl?: string
  maxResponseDays?: number
  allowWithdrawal?: boolean
  protocolRequired?: boolean
  minAuthLevel: number
  status: ServiceStatus
  /** null: typed but not a real date */
  scheduledFrom?: DateTime | null
  scheduledTo?: DateTime | null
  categoryId?: number
  serviceGroupId?: number
  geographicAreas?: number[]
  offices?: number[]
}

export type FieldErrors = Record<string, string>

/** The choices of the tab: the ente's categories, groups, areas and offices. */
export async function advancedChoices(ente: Ente) {
  const [categories, groups, areas, offices] = await Promise.all([
    Category.forEnte(ente).orderBy('name'),
    ServiceGroup.forEnte(ente).orderBy('name'),
    GeographicArea.forEnte(ente).orderBy('name'),
    Office.forEnte(ente).orderBy('name'),
  ])
  return { categories, groups, areas, offices }
}

/**
 * "Impostazioni avanzate", checked across fields: a scheduled service
 * needs at least one date and an end after its start; category and group
 * must be the ente's. Dates are kept only for a scheduled service and the
 * back office address only for the Inoltro workflow, so nothing stale
 * stays behind. Areas and offices of another ente are ignored.
 */
export async function saveAdvancedSettings(
  ente: Ente,
  service: Service,
  input: AdvancedInput,
  by: Acting
): Promise<FieldErrors | null> {
  const errors: FieldErrors = {}
  if (input.scheduledFrom === null) errors.scheduledFrom = 'Questa data non esiste.'
  if (input.scheduledTo === null) errors.scheduledTo = 'Questa data non esiste.'
  const scheduled = input.status === 'scheduled'
  if (scheduled && !input.scheduledFrom && !input.scheduledTo && !Object.keys(errors).length) {
    errors.scheduledFrom = 'Un servizio programmato ha almeno una data: da quando o fino a quando.'
  }
  if (
    input.scheduledFrom &&
    input.scheduledTo &&
    input.scheduledTo.toMillis() <= input.scheduledFrom.toMillis()
  ) {
    errors.scheduledTo = 'La fine deve venire dopo l’inizio.'
  }
  const category = input.categoryId
    ? await Category.forEnte(ente).where('id', input.categoryId).first()
    : null
  if (input.categoryId && !category) errors.categoryId = 'Scegli una delle categorie proposte.'
  const group = input.serviceGroupId
    ? await ServiceGroup.forEnte(ente).where('id', input.serviceGroupId).first()
    : null
  if (input.serviceGroupId && !group) errors.serviceGroupId = 'Scegli uno dei gruppi proposti.'
  if (Object.keys(errors).length) return errors

  await saveServiceTab(
    service,
    'impostazioni-avanzate',
    {
      workflow: input.workflow,
      forwardUrl: input.workflow === 'forward' ? (input.forwardUrl ?? null) : null,
      maxResponseDays: input.maxResponseDays ?? null,
      allowWithdrawal: input.allowWithdrawal === true,
      protocolRequired: input.protocolRequired === true,
      minAuthLevel: input.minAuthLevel as AuthLevelValue,
      status: input.status,
      scheduledFrom: scheduled ? (input.scheduledFrom ?? null) : null,
      scheduledTo: scheduled ? (input.scheduledTo ?? null) : null,
      categoryId: category?.id ?? null,
      serviceGroupId: group?.id ?? null,
    },
    by,
    async (trx) => [
      ...((await syncRelated(ente, service, 'offices', Office, input.offices ?? [], trx))
        ? ['offices']
        : []),
      ...((await syncRelated(
        ente,
        service,
        'geographicAreas',
        GeographicArea,
        input.geographicAreas ?? [],
        trx
      ))
        ? ['geographicAreas']
        : []),
    ]
  )
  return null
}

/** Sets the related records to the ente's among `wanted`; whether anything changed. */
async function syncRelated(
  ente: Ente,
  service: Service,
  relation: 'offices' | 'geographicAreas',
  model: typeof Office | typeof GeographicArea,
  wanted: number[],
  trx: TransactionClientContract
) {
  const linked = await service.related(relation).query().useTransaction(trx).select('id')
  const current = linked.map((record) => record.id)
  const owned = wanted.length
    ? await model.forEnte(ente).useTransaction(trx).whereIn('id', wanted).select('id')
    : []
  const allowed = owned.map((record) => record.id)
  await service.related(relation).sync(allowed, true, trx)
  const before = new Set(current)
  return allowed.length !== current.length || allowed.some((id) => !before.has(id))
}
