import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Ente from '#models/ente'
import Service from '#models/service'
import Category from '#models/category'
import { newServiceSettings } from '#domain/service_settings'
import { slugify } from '#domain/slug'
import { recordAudit } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'
import { serviceSubject } from '#services/services/update_service'

export interface NewServiceInput {
  name: string
  slug?: string
  categoryId?: number
}

/**
 * "Crea servizio": a new service starts private (reachable by its link,
 * not listed) with the platform's default settings, so the admin can fill
 * the scheda and the form before publishing it in "Impostazioni avanzate".
 * The address comes from the name when not given, numbered when taken.
 */
export async function createService(ente: Ente, input: NewServiceInput, by: Acting) {
  const category = input.categoryId
    ? await Category.forEnte(ente).where('id', input.categoryId).first()
    : null
  return db.transaction(async (trx) => {
    const slug = input.slug ?? (await freeSlug(ente, slugify(input.name) || 'servizio', trx))
    const service = await Service.create(
      {
        enteId: ente.id,
        slug,
        name: input.name,
        categoryId: category?.id ?? null,
        content: { it: { nome: input.name } },
        ...newServiceSettings(),
        status: 'private',
      },
      { client: trx }
    )
    await recordAudit(
      {
        action: 'service_created',
        enteId: ente.id,
        actor: by.actor,
        subject: serviceSubject(service),
        origin: by.origin,
      },
      trx
    )
    return service
  })
}

async function freeSlug(ente: Ente, wanted: string, trx: TransactionClientContract) {
  const base = wanted.slice(0, 110).replace(/-+$/, '')
  const similar = await Service.query({ client: trx })
    .where('ente_id', ente.id)
    .where((query) => query.where('slug', base).orWhere('slug', 'like', `${base}-%`))
    .select('slug')
  const taken = new Set(similar.map((service) => service.slug))
  if (!taken.has(base)) return base
  let n = 2
  while (taken.has(`${base}-${n}`)) n++
  return `${base}-${n}`
}
