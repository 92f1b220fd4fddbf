import { DateTime } from 'luxon'
import type Ente from '#models/ente'
import type Service from '#models/service'
import type { Language } from '#domain/languages'
import { messageStates } from '#domain/service_message_states'
import { PRATICA_STATUS_LABELS, type PraticaStatusCode } from '#domain/pratica_status'
import type { TemplateValues } from '#domain/message_template'
import type { MessageTemplates } from '#domain/service_settings'

/**
 * "Messaggi" and "Ricevuta": the texts a citizen receives, with the
 * placeholders of DESIGN.md, and their preview on example values.
 */

/** The states whose message the admin can write: those this service's pratiche can reach. */
export function templateStates(service: Service) {
  const codes = messageStates({
    hasPayments:
      service.paymentSettings.atRequest.length > 0 || service.paymentSettings.deferred.length > 0,
    protocolRequired: service.protocolRequired,
    allowIntegrationRequests: service.allowIntegrationRequests,
    allowWithdrawal: service.allowWithdrawal,
  })
  return codes.map((code) => ({ code, label: PRATICA_STATUS_LABELS[code] }))
}

/**
 * The templates with one language's texts replaced by what was typed for
 * the given states; an empty text removes that language's template.
 */
export function withLanguageTemplates(
  templates: MessageTemplates,
  language: Language,
  codes: PraticaStatusCode[],
  typed: Record<string, string | undefined>
): MessageTemplates {
  const next: MessageTemplates = structuredClone(templates)
  for (const code of codes) {
    const key = String(code)
    const text = typed[key]?.trim()
    const byLanguage = { ...(next[key] ?? {}) }
    if (text) byLanguage[language] = text
    else delete byLanguage[language]
    if (Object.keys(byLanguage).length) next[key] = byLanguage
    else delete next[key]
  }
  return next
}

/** Example values of a pratica of this service, as the preview shows them. */
export function exampleValues(
  ente: Ente,
  service: Service,
  state: string,
  origin: string
): TemplateValues {
  const number = '3f0d6c1e-8a2b-4c7d-9e15-2b6a7c9d0e41'
  return {
    nome: 'Mario',
    cognome: 'Rossi',
    servizio: service.name,
    numero_richiesta: number,
    stato: state,
    data: DateTime.now().setZone('Europe/Rome').toFormat('dd/MM/yyyy HH:mm'),
    ente: ente.name,
    link: `${origin}/${ente.slug}/pratiche/${number}`,
  }
}
