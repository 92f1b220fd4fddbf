import type { FormDefinition, FormNode } from '#domain/forms/types'

/**
 * Label translations of a form, as OpenCity keeps them (`*.i18n.json`):
 * per language, the Italian text → its translation. Keyed by text rather
 * than by component, so one translation serves every field with the same
 * label and survives a new version of the form that keeps the label.
 */
export const TRANSLATED_LANGUAGES = ['en', 'de'] as const
export type TranslatedLanguage = (typeof TRANSLATED_LANGUAGES)[number]
export type FormTranslations = Partial<Record<TranslatedLanguage, Record<string, string>>>

/** Where a text shows, so the admin knows what they translate. */
export type TextRole =
  'label' | 'title' | 'description' | 'placeholder' | 'option' | 'button' | 'content'

export interface TranslatableText {
  text: string
  role: TextRole
}

/**
 * Every text of the form a citizen reads, once each, in the order they
 * meet them. Option lists that come from the platform (comuni, province,
 * categories) are not the form's and are left out.
 */
export function translatableTexts(definition: FormDefinition): TranslatableText[] {
  const found = new Map<string, TranslatableText>()
  const add = (text: string | undefined, role: TextRole) => {
    const trimmed = text?.trim()
    if (trimmed && !found.has(trimmed)) found.set(trimmed, { text: trimmed, role })
  }
  const visit = (node: FormNode) => {
    add(node.label, 'label')
    switch (node.kind) {
      case 'field':
        add(node.description, 'description')
        add(node.placeholder, 'placeholder')
        node.options?.forEach((option) => add(option.label, 'option'))
        break
      case 'layout':
      case 'nested':
        add(node.title, 'title')
        break
      case 'grid':
        add(node.addLabel, 'button')
        break
      case 'address':
        add(node.description, 'description')
        break
      case 'content':
        add(node.html, 'content')
        break
    }
    if ('children' in node) node.children.forEach(visit)
  }
  add(definition.title, 'title')
  definition.children.forEach(visit)
  return [...found.values()]
}

/**
 * The definition with its texts in another language where a translation
 * exists (the Italian text otherwise). Keys, uids, rules and values stay
 * as they are, so the translated form reads and validates the same data.
 */
export function translateDefinition(
  definition: FormDefinition,
  dictionary: Record<string, string> | undefined
): FormDefinition {
  if (!dictionary || Object.keys(dictionary).length === 0) return definition
  const t = <T extends string | undefined>(text: T): T => {
    const translated = text ? dictionary[text.trim()] : undefined
    return (translated?.trim() ? translated : text) as T
  }
  const visit = (node: FormNode): FormNode => {
    const label = t(node.label)
    switch (node.kind) {
      case 'field':
        return {
          ...node,
          label,
          description: t(node.description),
          placeholder: t(node.placeholder),
          options: node.options?.map((option) => ({ ...option, label: t(option.label) })),
        }
      case 'layout':
        return { ...node, label, title: t(node.title), children: node.children.map(visit) }
      case 'nested':
        return { ...node, label, title: t(node.title), children: node.children.map(visit) }
      case 'grid':
        return { ...node, label, addLabel: t(node.addLabel), children: node.children.map(visit) }
      case 'address':
        return {
          ...node,
          label,
          description: t(node.description),
          children: node.children.map((child) => visit(child) as typeof child),
        }
      case 'content':
        return { ...node, label, html: t(node.html) }
    }
  }
  return { ...definition, title: t(definition.title), children: definition.children.map(visit) }
}

/**
 * The translations the admin's "Traduzioni modulo" submits, one list per
 * language in the order of `texts`, as stored: per language, only the
 * texts given a non-empty translation.
 */
export function collectTranslations(
  texts: readonly string[],
  submitted: Partial<Record<TranslatedLanguage, ReadonlyArray<string | null | undefined>>>
): FormTranslations {
  const result: FormTranslations = {}
  for (const language of TRANSLATED_LANGUAGES) {
    const values = submitted[language] ?? []
    const entries = texts
      .map((text, index) => [text, values[index]?.trim() ?? ''] as const)
      .filter(([, value]) => value !== '')
    if (entries.length) result[language] = Object.fromEntries(entries)
  }
  return result
}
