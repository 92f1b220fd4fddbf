import { LANGUAGES, type Language } from '#domain/languages'
import type { Scheda, SchedaSection, ServiceContent } from '#domain/service_settings'

type Texts = Partial<Record<SchedaSection | 'nome', string | undefined>>

/**
 * The service's content with some texts of one language replaced: an
 * empty text is removed (so the Italian one shows), a language left
 * without texts disappears.
 */
export function withTexts(
  content: ServiceContent,
  language: Language,
  texts: Texts
): ServiceContent {
  const scheda: Scheda = { ...(content[language] ?? {}) }
  for (const [key, value] of Object.entries(texts) as Array<[keyof Scheda, string | undefined]>) {
    if (value?.trim()) scheda[key] = value.trim()
    else delete scheda[key]
  }
  const next: ServiceContent = { ...content }
  if (Object.keys(scheda).length) next[language] = scheda
  else delete next[language]
  return next
}

/** "Dati generali": the name and the short description in every language. */
export function withGeneralTexts(
  content: ServiceContent,
  input: {
    nome: Partial<Record<Language, string>>
    descrizione_breve: Partial<Record<Language, string>>
  }
): ServiceContent {
  return LANGUAGES.reduce(
    (next, language) =>
      withTexts(next, language, {
        nome: input.nome[language],
        descrizione_breve: input.descrizione_breve[language],
      }),
    content
  )
}
