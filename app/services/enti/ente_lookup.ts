import Ente from '#models/ente'

/**
 * Ente lookups done on every request. Hosts are cached briefly: they
 * change only when a platform admin edits an ente.
 */
const HOST_CACHE_MS = 30_000
let hostCache: { loadedAt: number; slugs: Map<string, string> } | null = null

export async function findActiveEnteBySlug(slug: string) {
  return Ente.query().where('slug', slug).where('is_active', true).first()
}

export async function findEnteSlugByHost(hostname: string): Promise<string | null> {
  if (!hostCache || Date.now() - hostCache.loadedAt > HOST_CACHE_MS) {
    const rows = await Ente.query()
      .whereNotNull('host')
      .where('is_active', true)
      .select('slug', 'host')
    hostCache = {
      loadedAt: Date.now(),
      slugs: new Map(rows.map((row) => [row.host!.toLowerCase(), row.slug])),
    }
  }
  return hostCache.slugs.get(hostname.toLowerCase()) ?? null
}

/** Called after an ente's host changes. */
export function forgetEnteHosts() {
  hostCache = null
}
