import type Ente from '#models/ente'
import Category from '#models/category'
import ServiceGroup from '#models/service_group'
import Service from '#models/service'
import type { ServiceStatus } from '#domain/service_availability'
import { matchesWords, queryWords, searchable } from '#domain/catalogue_search'

/** Statuses that can appear in the catalogue (scheduled ones only in their window). */
export const LISTED_STATUSES: ServiceStatus[] = ['published', 'suspended', 'scheduled']

const CARD_COLUMNS = [
  'id',
  'ente_id',
  'slug',
  'name',
  'category_id',
  'service_group_id',
  'content',
  'status',
  'scheduled_from',
  'scheduled_to',
]

export interface CatalogueFilters {
  /** "Cerca": words of the name or the short description */
  text: string
  /** "Argomenti": a category slug */
  category: string
  /** "Tipologia": a service group slug */
  group: string
}

/**
 * The public catalogue: the listed services of the ente (private ones and
 * scheduled ones outside their dates are not), narrowed by "Cerca",
 * "Argomenti" and "Tipologia", sorted by the name the visitor reads. The
 * filters offer only the topics and types that have listed services. An
 * ente has at most a few hundred services, so they are narrowed in code
 * (see catalogue_search.ts), in one query per list.
 */
export async function catalogue(ente: Ente, filters: CatalogueFilters, language: string) {
  const [services, categories, groups] = await Promise.all([
    // only what the cards and the filters read: the settings' JSON is not parsed for nothing
    Service.forEnte(ente).whereIn('status', LISTED_STATUSES).select(CARD_COLUMNS),
    Category.forEnte(ente).orderBy('name'),
    ServiceGroup.forEnte(ente).orderBy('name'),
  ])
  const now = new Date()
  const listed = services.filter((service) => service.availability(now).listed)
  const categoryById = new Map(categories.map((category) => [category.id, category]))
  for (const service of listed) {
    // the cards show the category: set the relation without another query
    const category = service.categoryId ? categoryById.get(service.categoryId) : undefined
    if (category) service.$setRelated('category', category)
  }

  const category = categories.find((item) => item.slug === filters.category) ?? null
  const group = groups.find((item) => item.slug === filters.group) ?? null
  const words = queryWords(filters.text)
  const found = listed
    .filter((service) => !category || service.categoryId === category.id)
    .filter((service) => !group || service.serviceGroupId === group.id)
    .filter((service) => matchesWords(searchTexts(service, language), words))
    .sort((a, b) => displayName(a, language).localeCompare(displayName(b, language), 'it'))

  const usedCategories = new Set(listed.map((service) => service.categoryId))
  const usedGroups = new Set(listed.map((service) => service.serviceGroupId))
  return {
    services: found,
    category,
    group,
    categories: categories.filter((item) => usedCategories.has(item.id)),
    groups: groups.filter((item) => usedGroups.has(item.id)),
  }
}

function displayName(service: Service, language: string) {
  return service.scheda(language).nome ?? service.name
}

/** What "Cerca" looks in: the name and short description, in the visitor's language and Italian. */
export function searchTexts(service: Service, language: string) {
  const own = service.scheda(language)
  const italian = service.scheda('it')
  return [service.name, own.nome, own.descrizione_breve, italian.nome, italian.descrizione_breve]
}

/** The same texts as one lower-case, accent-free string, for the in-page filter. */
export function filterText(service: Service, language: string) {
  return searchable(searchTexts(service, language).filter(Boolean).join(' '))
}
