import { createHash } from 'node:crypto'
import type Service from '#models/service'
import type ServiceFormVersion from '#models/service_form_version'
import { currentFormVersion, definitionOf } from '#services/forms/form_versions'
import {
  TRANSLATED_LANGUAGES,
  collectTranslations,
  translatableTexts,
  type TranslatableText,
  type TranslatedLanguage,
} from '#domain/form_translations'
import { recordAudit } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'
import { serviceSubject } from '#services/services/update_service'

/**
 * "Traduzioni modulo": the texts of the current version of the form, each
 * with its English and German translation. Translations change no data,
 * so they are saved on the version itself; a new version takes them over
 * (see saveServiceForm).
 */
export async function translationsOf(service: Service) {
  const version = await currentFormVersion(service)
  if (!version) return null
  const texts = translatableTexts(definitionOf(version).definition)
  return { version, rows: rowsOf(texts, version) }
}

/**
 * The input name of a text's translations (`en[<key>]`, `de[<key>]`): a
 * digest of the text, so a translation always lands on its own text, even
 * if a new version of the form was saved meanwhile.
 */
export function inputKey(text: string) {
  return `t${createHash('sha256').update(text).digest('hex').slice(0, 16)}`
}

function rowsOf(texts: TranslatableText[], version: ServiceFormVersion) {
  return texts.map((text) => ({
    ...text,
    input: inputKey(text.text),
    translations: Object.fromEntries(
      TRANSLATED_LANGUAGES.map((language) => [
        language,
        version.translations?.[language]?.[text.text] ?? '',
      ])
    ) as Record<TranslatedLanguage, string>,
  }))
}

/** Saves what was typed for each text of the version (see inputKey). */
export async function saveFormTranslations(
  service: Service,
  version: ServiceFormVersion,
  submitted: Partial<Record<TranslatedLanguage, Record<string, unknown>>>,
  by: Acting
) {
  const texts = translatableTexts(definitionOf(version).definition).map((text) => text.text)
  const typed = (language: TranslatedLanguage) =>
    texts.map((text) => {
      const value = submitted[language]?.[inputKey(text)]
      return typeof value === 'string' ? value.slice(0, 5000) : null
    })
  version.translations = collectTranslations(texts, { en: typed('en'), de: typed('de') })
  await version.save()
  await recordAudit({
    action: 'service_updated',
    enteId: service.enteId,
    actor: by.actor,
    subject: serviceSubject(service),
    metadata: { tab: 'traduzioni-modulo', version: version.version },
    origin: by.origin,
  })
}
