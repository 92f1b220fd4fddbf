/** Platform paths that can never be an ente's slug (DESIGN.md "URLs"). */
export const RESERVED_SLUGS = ['admin', 'api', 'health', 'dev', '_sim', 'assets', 'lang']

/** "Comune di Città Sant'Angelo" → "comune-di-citta-sant-angelo" */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

export function isValidEnteSlug(slug: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(slug) && !RESERVED_SLUGS.includes(slug)
}
