/**
 * The catalogue's "Cerca": every word typed must appear in the service's
 * name or short description, whatever the case and the accents ("mobilita"
 * finds "Mobilità"). Done in code rather than in SQL, so SQLite and
 * PostgreSQL answer the same, and on the visitor's language and Italian.
 */
export const MAX_QUERY_LENGTH = 100

/** Lower case, without accents, spaces collapsed. */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

export function queryWords(query: string): string[] {
  return searchable(query.slice(0, MAX_QUERY_LENGTH)).split(' ').filter(Boolean)
}

export function matchesWords(texts: Array<string | null | undefined>, words: string[]): boolean {
  if (words.length === 0) return true
  const haystack = searchable(texts.filter(Boolean).join(' '))
  return words.every((word) => haystack.includes(word))
}
