import { DateTime } from 'luxon'
import type Ente from '#models/ente'
import Service from '#models/service'
import type Office from '#models/office'
import { describeOpeningHours } from '#domain/opening_hours'
import { LANGUAGE_LABELS, type Language } from '#domain/languages'
import type { AuthLevelValue } from '#domain/auth_level'
import type { Scheda, SchedaSection } from '#domain/service_settings'
import { jsonLdText, serviceStructuredData } from '#domain/service_structured_data'
import { plainText, richText } from '#services/html/safe_html'
import { conditionsFileOf, type ConditionsFile } from '#services/services/conditions_file'

/**
 * Everything the scheda page of a service shows, in the manual's page
 * index order: A chi è rivolto, Descrizione, Come fare, Cosa serve, Cosa si
 * ottiene, Tempi e scadenze, Costi, Accedi al servizio, Condizioni di
 * servizio, Contatti. A section with nothing to say is left out of the
 * page and of the index.
 */
export type SchedaAnchor =
  | 'a-chi-e-rivolto'
  | 'descrizione'
  | 'come-fare'
  | 'cosa-serve'
  | 'cosa-si-ottiene'
  | 'tempi-e-scadenze'
  | 'costi'
  | 'accedi-al-servizio'
  | 'condizioni-di-servizio'
  | 'contatti'

const TEXT_SECTIONS: Array<[SchedaAnchor, SchedaSection]> = [
  ['a-chi-e-rivolto', 'a_chi_e_rivolto'],
  ['descrizione', 'descrizione'],
  ['come-fare', 'come_fare'],
  ['cosa-serve', 'cosa_serve'],
  ['cosa-si-ottiene', 'cosa_si_ottiene'],
  ['tempi-e-scadenze', 'tempi_e_scadenze'],
  ['costi', 'costi'],
]

/** The i18n key of each section's title (resources/lang/<lang>/site.json). */
const SECTION_TITLE_KEYS: Record<SchedaAnchor, string> = {
  'a-chi-e-rivolto': 'site.service.sections.a_chi_e_rivolto',
  'descrizione': 'site.service.sections.descrizione',
  'come-fare': 'site.service.sections.come_fare',
  'cosa-serve': 'site.service.sections.cosa_serve',
  'cosa-si-ottiene': 'site.service.sections.cosa_si_ottiene',
  'tempi-e-scadenze': 'site.service.sections.tempi_e_scadenze',
  'costi': 'site.service.sections.costi',
  'accedi-al-servizio': 'site.service.sections.accedi',
  'condizioni-di-servizio': 'site.service.sections.condizioni',
  'contatti': 'site.service.sections.contatti',
}

export type LocalizedHtml = { html: string; lang: string }

export interface OfficeView {
  name: string
  description: string | null
  street: string | null
  place: string | null
  hours: string[]
  openingNotes: string | null
  email: string | null
  pec: string | null
  phone: string | null
}

/** Why the online button is not there, as a site.service.* message and its values. */
export type ClosedNotice =
  | { key: 'site.service.suspended' }
  | { key: 'site.service.not_yet_open'; values: { from: string } }
  | { key: 'site.service.no_longer_open'; values: { to: string } }
  | { key: 'site.service.closed' }

export interface SchedaPage {
  service: Service
  name: string
  nameLang: string
  lead: string | null
  leadLang: string
  /** each text in the visitor's language, or in Italian (its `lang`) when not translated */
  sections: Array<{ anchor: SchedaAnchor; titleKey: string; html: string; lang: string }>
  index: Array<{ anchor: SchedaAnchor; titleKey: string }>
  open: boolean
  accessUrl: string
  closedNotice: ClosedNotice | null
  levelNoteKey: string
  responseDays: number | null
  offices: OfficeView[]
  contacts: LocalizedHtml
  conditions: LocalizedHtml
  conditionsFile: (ConditionsFile & { url: string }) | null
  jsonLd: string
}

export async function findSchedaService(ente: Ente, slug: string) {
  return Service.forEnte(ente)
    .where('slug', slug)
    .preload('category')
    .preload('offices', (query) => query.orderBy('name'))
    .preload('geographicAreas', (query) => query.orderBy('name'))
    .first()
}

export async function schedaPage(
  ente: Ente,
  service: Service,
  options: { language: string; origin: string; now?: Date }
): Promise<SchedaPage> {
  const text = schedaText(service, options.language)
  const base = `/${ente.slug}/servizi/${service.slug}`
  const availability = service.availability(options.now)
  const conditions = await conditionsFileOf(service)
  const conditionsFile = conditions ? { ...conditions, url: `${base}/condizioni` } : null
  const offices = service.offices.map(officeView)

  const html = (key: SchedaSection): LocalizedHtml => ({
    html: richText(text(key).value),
    lang: text(key).lang,
  })
  const texts = new Map(TEXT_SECTIONS.map(([anchor, key]) => [anchor, html(key)]))
  const conditionsText = html('condizioni')
  const contactsText = html('contatti')
  const present = new Set<SchedaAnchor>([
    ...[...texts].filter(([, section]) => section.html).map(([anchor]) => anchor),
    'accedi-al-servizio',
    'contatti',
  ])
  // the answer time is known even when the text says nothing of it
  if (service.maxResponseDays) present.add('tempi-e-scadenze')
  if (conditionsText.html || conditionsFile) present.add('condizioni-di-servizio')

  const order = Object.keys(SECTION_TITLE_KEYS) as SchedaAnchor[]
  const index = order
    .filter((anchor) => present.has(anchor))
    .map((anchor) => ({ anchor, titleKey: SECTION_TITLE_KEYS[anchor] }))

  return {
    service,
    name: text('nome').value ?? service.name,
    nameLang: text('nome').lang,
    lead: text('descrizione_breve').value ?? null,
    leadLang: text('descrizione_breve').lang,
    sections: index.map((entry) => ({
      ...entry,
      ...(texts.get(entry.anchor) ?? { html: '', lang: options.language }),
    })),
    index,
    open: availability.open,
    accessUrl: `${base}/accedi`,
    closedNotice: availability.open ? null : closedNotice(service, options),
    levelNoteKey: `site.service.level.${service.minAuthLevel satisfies AuthLevelValue}`,
    responseDays: service.maxResponseDays,
    offices,
    contacts: contactsText,
    conditions: conditionsText,
    conditionsFile,
    jsonLd: jsonLdText(
      serviceStructuredData({
        name: text('nome').value ?? service.name,
        description: plainText(text('descrizione_breve').value ?? text('descrizione').value),
        url: `${options.origin}${base}`,
        category: service.category?.name ?? null,
        audience: plainText(text('a_chi_e_rivolto').value),
        onlineUrl: availability.open ? `${options.origin}${base}/accedi` : null,
        maxResponseDays: service.maxResponseDays,
        languages: ente.languages.map((code) => ({ code, name: LANGUAGE_LABELS[code] })),
        termsUrl: conditionsFile ? `${options.origin}${conditionsFile.url}` : null,
        areas: service.geographicAreas.map((area) => area.name),
        ente: {
          name: ente.name,
          url: ente.website ?? `${options.origin}/${ente.slug}/`,
          email: ente.email,
          phone: ente.phone,
          address: ente.address,
        },
        offices: service.offices.map((office) => ({
          name: office.name,
          streetAddress: office.address,
          postalCode: office.postalCode,
          locality: office.city,
          email: office.email,
          phone: office.phone,
        })),
      })
    ),
  }
}

/** A text of the scheda in the visitor's language, else in Italian, with the language it is in. */
function schedaText(service: Service, language: string) {
  const own: Scheda = service.content[language as Language] ?? {}
  const italian: Scheda = service.content.it ?? {}
  return (key: SchedaSection | 'nome') =>
    own[key]?.trim()
      ? { value: own[key], lang: language }
      : { value: italian[key]?.trim() ? italian[key] : undefined, lang: 'it' }
}

function closedNotice(service: Service, options: { language: string; now?: Date }): ClosedNotice {
  if (service.status === 'suspended') return { key: 'site.service.suspended' }
  if (service.status === 'scheduled') {
    const now = options.now ?? new Date()
    const show = (date: DateTime) =>
      date.setZone('Europe/Rome').setLocale(options.language).toFormat('dd/MM/yyyy HH:mm')
    if (service.scheduledFrom && service.scheduledFrom.toJSDate() > now)
      return { key: 'site.service.not_yet_open', values: { from: show(service.scheduledFrom) } }
    if (service.scheduledTo && service.scheduledTo.toJSDate() <= now)
      return { key: 'site.service.no_longer_open', values: { to: show(service.scheduledTo) } }
  }
  return { key: 'site.service.closed' }
}

function officeView(office: Office): OfficeView {
  return {
    name: office.name,
    description: office.description,
    street: office.address,
    place: [office.postalCode, office.city].filter(Boolean).join(' ') || null,
    hours: describeOpeningHours(office.openingHours ?? []),
    openingNotes: office.openingNotes,
    email: office.email,
    pec: office.pec,
    phone: office.phone,
  }
}
