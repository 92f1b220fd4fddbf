import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Service from '#models/service'
import { recordAudit } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'

/** The tabs of "Modifica servizio" (the manual's, those of this issue). */
export const SERVICE_TABS = [
  { id: 'dati-generali', label: 'Dati generali' },
  { id: 'scheda', label: 'Scheda' },
  { id: 'modulo', label: 'Modulo' },
  { id: 'traduzioni-modulo', label: 'Traduzioni modulo' },
  { id: 'messaggi', label: 'Messaggi' },
  { id: 'bolli', label: 'Bolli' },
  { id: 'pagamenti', label: 'Pagamenti' },
  { id: 'ricevuta', label: 'Ricevuta' },
  { id: 'integrazioni', label: 'Integrazioni' },
  { id: 'impostazioni-avanzate', label: 'Impostazioni avanzate' },
] as const

export type ServiceTab = (typeof SERVICE_TABS)[number]['id']

export type ServiceChanges = Partial<
  Pick<
    Service,
    | 'slug'
    | 'name'
    | 'content'
    | 'categoryId'
    | 'serviceGroupId'
    | 'status'
    | 'scheduledFrom'
    | 'scheduledTo'
    | 'minAuthLevel'
    | 'workflow'
    | 'forwardUrl'
    | 'maxResponseDays'
    | 'protocolRequired'
    | 'allowWithdrawal'
    | 'allowIntegrationRequests'
    | 'allowPartialApproval'
    | 'messageTemplates'
    | 'receiptText'
    | 'paymentSettings'
    | 'stampSettings'
  >
>

export function serviceSubject(service: Service) {
  return { type: 'service', id: service.id, label: service.name }
}

/**
 * Saves one tab of a service: its columns, and what else the tab changes
 * (`alsoIn`, e.g. the offices) in the same transaction, with an audit
 * entry naming the tab and the fields that changed. Nothing changed,
 * nothing written.
 */
export async function saveServiceTab(
  service: Service,
  tab: ServiceTab,
  changes: ServiceChanges,
  by: Acting,
  alsoIn?: (trx: TransactionClientContract) => Promise<string[]>
) {
  await db.transaction(async (trx) => {
    service.useTransaction(trx)
    const fields = (Object.keys(changes) as Array<keyof ServiceChanges>).filter(
      (field) => !sameValue(service[field], changes[field])
    )
    service.merge(changes)
    if (fields.length) await service.save()
    const related = alsoIn ? await alsoIn(trx) : []
    if (fields.length || related.length) {
      await recordAudit(
        {
          action: 'service_updated',
          enteId: service.enteId,
          actor: by.actor,
          subject: serviceSubject(service),
          metadata: { tab, fields: [...fields, ...related] },
          origin: by.origin,
        },
        trx
      )
    }
  })
}

function sameValue(a: unknown, b: unknown) {
  const plain = (value: unknown) =>
    value && typeof value === 'object' && 'toMillis' in value
      ? (value as { toMillis(): number }).toMillis()
      : value
  return JSON.stringify(plain(a) ?? null) === JSON.stringify(plain(b) ?? null)
}
