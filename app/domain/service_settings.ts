/**
 * Typed shapes of the JSON settings of a service. Later parts of the
 * platform (payments, bolli, notifications, App IO, auto-assignment) read
 * these; the foundation only stores them.
 */
import type { Language } from '#domain/languages'

/** The sections of a scheda, as in the manual's page index. */
export const SCHEDA_SECTIONS = [
  'descrizione_breve',
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
export type SchedaSection = (typeof SCHEDA_SECTIONS)[number]
export type Scheda = Partial<Record<SchedaSection, string>> & { nome?: string }
export type ServiceContent = Partial<Record<Language, Scheda>>

export type BilancioRow = {
  /** the row's own identifier (the manual's "ID", free text; the configuration form requires it) */
  id?: string
  codCapitolo: string
  codUfficio?: string
  codAccertamento?: string
  importoCents: number
}

export type PaymentItem = {
  causale: string
  amountCents: number | null
  /** form field holding a calculated amount, used when amountCents is null */
  amountField?: string
  bilancio: BilancioRow[]
  /** pagoPA taxonomy code (Categoria) */
  taxonomyCode?: string
  /** "Dati specifici riscossione", e.g. 9/0101100IM/ */
  datiSpecificiRiscossione?: string
}

export type PaymentSettings = { atRequest: PaymentItem[]; deferred: PaymentItem[] }

export type StampItem = { causale: string; amountCents: number }
export type StampSettings = { atRequest: StampItem[]; atRelease: boolean }

/** A select or radio field of the form decides the office of a new pratica. */
export type AutoAssignment = { fieldKey: string; offices: Record<string, number> }

/** Message templates per pratica state code, per language. */
export type MessageTemplates = Record<string, Partial<Record<Language, string>>>

export type AppIoSettings = { serviceId: string; enabled: boolean }

export const WORKFLOWS = ['approval', 'forward'] as const
export type Workflow = (typeof WORKFLOWS)[number]
export const WORKFLOW_LABELS: Record<Workflow, string> = {
  approval: 'Approvazione',
  forward: 'Inoltro',
}

/**
 * The settings a new service starts with: published, SPID level 2,
 * approval workflow, no payments or bolli, withdrawal and integration
 * requests allowed. Callers override what they need.
 */
export function newServiceSettings() {
  return {
    status: 'published' as const,
    minAuthLevel: 2 as const,
    workflow: 'approval' as Workflow,
    maxResponseDays: 30 as number | null,
    protocolRequired: false,
    paymentSettings: { atRequest: [], deferred: [] } as PaymentSettings,
    stampSettings: { atRequest: [], atRelease: false } as StampSettings,
    allowWithdrawal: true,
    allowIntegrationRequests: true,
    allowPartialApproval: false,
    autoAssignment: null as AutoAssignment | null,
    messageTemplates: {} as MessageTemplates,
    receiptText: {} as Partial<Record<Language, string>>,
    appIoSettings: null as AppIoSettings | null,
  }
}
