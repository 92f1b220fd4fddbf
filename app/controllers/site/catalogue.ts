import type Ente from '#models/ente'
import type Category from '#models/category'
import Service from '#models/service'
import type { ServiceStatus } from '#domain/service_availability'

/** Statuses that can appear in the catalogue (scheduled ones only in their window). */
export const LISTED_STATUSES: ServiceStatus[] = ['published', 'suspended', 'scheduled']

/**
 * The services of the public catalogue, optionally narrowed by a text in
 * the name and by a topic.
 */
export async function listedServices(
  ente: Ente,
  filters: { text?: string; category?: Category | null }
) {
  const query = Service.forEnte(ente)
    .whereIn('status', LISTED_STATUSES)
    .preload('category')
    .orderBy('name')
  if (filters.category) {
    query.where('category_id', filters.category.id)
  }
  if (filters.text) {
    // lower() + LIKE behaves the same on SQLite and PostgreSQL
    const pattern = `%${filters.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.whereRaw(`lower(name) like ? escape '\\'`, [pattern])
  }
  const services = await query
  return services.filter((service) => service.availability().listed)
}
