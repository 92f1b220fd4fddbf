import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Service from '#models/service'
import ServiceFormVersion from '#models/service_form_version'
import { inlineBlocks, type FormioJson } from '#domain/forms/formio/library'
import { importForm, type ImportResult } from '#domain/forms/formio/import'
import { blockLibrary } from '#services/forms/block_library'

/**
 * The versions of a service's form. A version stores the Form.io JSON with
 * its nested blocks inlined, so it never changes after the fact; saving
 * the same schema again keeps the current version, a different one adds
 * version n + 1. A pratica keeps the id of the version it was filled with.
 */
export async function saveFormVersion(
  service: Service,
  schema: FormioJson,
  options: { createdById?: number | null; client?: TransactionClientContract } = {}
): Promise<ServiceFormVersion> {
  const resolved = inlineBlocks(schema, await blockLibrary())
  const current = await currentFormVersion(service, options.client)
  if (current && stableJson(current.schema) === stableJson(resolved)) return current
  return ServiceFormVersion.create(
    {
      enteId: service.enteId,
      serviceId: service.id,
      version: (current?.version ?? 0) + 1,
      schema: resolved,
      createdById: options.createdById ?? null,
    },
    { client: options.client }
  )
}

export async function currentFormVersion(service: Service, client?: TransactionClientContract) {
  return ServiceFormVersion.query({ client })
    .where('ente_id', service.enteId)
    .where('service_id', service.id)
    .orderBy('version', 'desc')
    .first()
}

const imported = new Map<string, ImportResult>()

/**
 * The engine's definition of a version, cached by its schema (ids alone
 * come back when a transaction is rolled back, as in tests).
 */
export function definitionOf(version: ServiceFormVersion): ImportResult {
  const key = JSON.stringify(version.schema)
  let result = imported.get(key)
  if (!result) {
    result = importForm(version.schema)
    if (imported.size > 200) imported.clear()
    imported.set(key, result)
  }
  return result
}

/** JSON with sorted keys, to compare schemas whatever the order of their keys. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner
  )
}
