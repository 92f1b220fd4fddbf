import vine from '@vinejs/vine'
import { LANGUAGES } from '#domain/languages'
import { ServiceFieldMessages } from '#validators/service_labels'

/** The scheda's sections an admin writes on the "Scheda" tab (the short description is in Dati generali). */
export const SCHEDA_TAB_SECTIONS = [
  'a_chi_e_rivolto',
  'descrizione',
  'come_fare',
  'cosa_serve',
  'cosa_si_ottiene',
  'tempi_e_scadenze',
  'costi',
  'condizioni',
  'contatti',
] as const

export const SCHEDA_SECTION_LABELS: Record<(typeof SCHEDA_TAB_SECTIONS)[number], string> = {
  a_chi_e_rivolto: 'A chi è rivolto',
  descrizione: 'Descrizione',
  come_fare: 'Come fare',
  cosa_serve: 'Cosa serve',
  cosa_si_ottiene: 'Cosa si ottiene',
  tempi_e_scadenze: 'Tempi e scadenze',
  costi: 'Costi',
  condizioni: 'Condizioni di servizio',
  contatti: 'Contatti',
}

const MAX_SECTION_LENGTH = 20_000

const text = () => vine.string().trim().maxLength(MAX_SECTION_LENGTH).optional()

/** "Scheda": the sections in one language, plain text or simple HTML. */
export const serviceSchedaValidator = vine.compile(
  vine.object({
    lingua: vine.enum(LANGUAGES),
    scheda: vine.object({
      a_chi_e_rivolto: text(),
      descrizione: text(),
      come_fare: text(),
      cosa_serve: text(),
      cosa_si_ottiene: text(),
      tempi_e_scadenze: text(),
      costi: text(),
      condizioni: text(),
      contatti: text(),
    }),
  })
)

export const schedaMessages = new ServiceFieldMessages({
  lingua: 'Lingua',
  ...Object.fromEntries(
    SCHEDA_TAB_SECTIONS.map((section) => [`scheda.${section}`, SCHEDA_SECTION_LABELS[section]])
  ),
})
