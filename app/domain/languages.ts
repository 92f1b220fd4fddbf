export const LANGUAGES = ['it', 'en', 'de'] as const
export type Language = (typeof LANGUAGES)[number]

export const LANGUAGE_LABELS: Record<Language, string> = {
  it: 'Italiano',
  en: 'English',
  de: 'Deutsch',
}

/** Picks the wanted language, falling back to Italian. */
export function pickTranslation<T>(
  values: Partial<Record<Language, T>>,
  language: string
): T | undefined {
  return values[language as Language] ?? values.it
}

/** An ente always speaks Italian; other languages are added to it. */
export function withItalian(languages: readonly Language[] = []): Language[] {
  return [...new Set<Language>(['it', ...languages])]
}
