import { field, type InferConfig } from '#extension_points/config_fields'
import type { EnteInfo } from '#extension_points/define_plugin'
import type { PagoPaEndpoints } from './client.js'
import type { GpdAdapterSettings } from './adapter.js'

/** pagoPA's production hosts (the servers of the OpenAPI documents). */
export const PAGOPA_URLS = {
  gpd: 'https://api.platform.pagopa.it/gpd/debt-positions-service/v1',
  receipts: 'https://api.platform.pagopa.it/gpd/payments-receipts-service/v1',
  checkout: 'https://api.platform.pagopa.it/checkout/ec/v2',
  print: 'https://api.platform.pagopa.it/print-payment-notice-service/external/v1',
} as const

export const gpdConfigFields = {
  organizationFiscalCode: field.text({
    label: 'Codice fiscale dell’ente creditore',
    help: 'Vuoto: il codice fiscale dell’ente',
    optional: true,
    maxLength: 11,
  }),
  auxDigit: field.select({
    label: 'Aux digit',
    help: 'Prima cifra del codice avviso, come registrata su pagoPA',
    options: [
      { value: '3', label: '3 (con codice di segregazione)' },
      { value: '0', label: '0 (con codice applicativo)' },
      { value: '2', label: '2' },
    ],
    default: '3',
  }),
  segregationCode: field.text({
    label: 'Codice di segregazione o applicativo',
    help: 'Due cifre: il codice di segregazione (aux digit 3) o il codice applicativo (aux digit 0)',
    optional: true,
    maxLength: 2,
  }),
  brokerId: field.text({
    label: 'Codice intermediario (idBrokerPA)',
    optional: true,
    maxLength: 35,
  }),
  stationId: field.text({
    label: 'Codice stazione (idStation)',
    help: 'La stazione dell’ente che riceve le ricevute (paSendRTV2); vuoto: quelle di qualsiasi stazione dell’ente',
    optional: true,
    maxLength: 35,
  }),
  iban: field.text({
    label: 'IBAN di accredito',
    maxLength: 35,
  }),
  defaultCategory: field.text({
    label: 'Codice tassonomico predefinito',
    help: 'Dati specifici di riscossione per i pagamenti che non ne indicano uno (es. 9/0101108TS/)',
    default: '9/0101108TS/',
  }),
  gpdBaseUrl: field.url({
    label: 'Indirizzo API Gestione Posizioni Debitorie',
    default: PAGOPA_URLS.gpd,
  }),
  receiptsBaseUrl: field.url({
    label: 'Indirizzo API ricevute GPD',
    default: PAGOPA_URLS.receipts,
  }),
  gpdSubscriptionKey: field.secret({ label: 'Chiave API Gestione Posizioni Debitorie' }),
  checkoutBaseUrl: field.url({
    label: 'Indirizzo API Checkout',
    default: PAGOPA_URLS.checkout,
  }),
  checkoutSubscriptionKey: field.secret({ label: 'Chiave API Checkout' }),
  printBaseUrl: field.url({
    label: 'Indirizzo API Stampa avvisi',
    help: 'Vuoto: l’avviso in PDF lo produce la piattaforma',
    optional: true,
  }),
  printSubscriptionKey: field.secret({ label: 'Chiave API Stampa avvisi', optional: true }),
  printTemplateId: field.text({
    label: 'Modello dell’avviso (templateId)',
    optional: true,
  }),
  timeoutSeconds: field.number({
    label: 'Attesa massima di una risposta (secondi)',
    min: 1,
    max: 60,
    default: 10,
  }),
}

export type GpdConfig = InferConfig<typeof gpdConfigFields>

export function endpointsOf(config: GpdConfig, transport?: typeof fetch): PagoPaEndpoints {
  return {
    gpd: { baseUrl: config.gpdBaseUrl, subscriptionKey: config.gpdSubscriptionKey },
    // the receipts service is part of GPD: same subscription
    receipts: { baseUrl: config.receiptsBaseUrl, subscriptionKey: config.gpdSubscriptionKey },
    checkout: { baseUrl: config.checkoutBaseUrl, subscriptionKey: config.checkoutSubscriptionKey },
    ...(config.printBaseUrl && config.printSubscriptionKey
      ? { print: { baseUrl: config.printBaseUrl, subscriptionKey: config.printSubscriptionKey } }
      : {}),
    timeoutMs: config.timeoutSeconds * 1000,
    ...(transport ? { fetch: transport } : {}),
  }
}

export function settingsOf(config: GpdConfig, ente: EnteInfo): GpdAdapterSettings {
  return {
    organizationFiscalCode: config.organizationFiscalCode || ente.codiceFiscale,
    companyName: ente.name,
    auxDigit: config.auxDigit,
    segregationCode: config.segregationCode || undefined,
    iban: config.iban.replace(/\s+/g, '').toUpperCase(),
    defaultCategory: config.defaultCategory,
    stationId: config.stationId || undefined,
    printTemplateId: config.printTemplateId || undefined,
  }
}

/** What the configuration form cannot check: Italian messages for the health check. */
export function settingsProblems(settings: GpdAdapterSettings): string[] {
  const problems: string[] = []
  if (!/^\d{11}$/.test(settings.organizationFiscalCode)) {
    problems.push('Il codice fiscale dell’ente creditore deve avere 11 cifre.')
  }
  if (settings.auxDigit !== '2' && !/^\d{2}$/.test(settings.segregationCode ?? '')) {
    problems.push(
      `Con aux digit ${settings.auxDigit} serve il codice di ${settings.auxDigit === '3' ? 'segregazione' : 'applicativo'} di due cifre.`
    )
  }
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(settings.iban)) {
    problems.push('L’IBAN di accredito non è valido.')
  }
  return problems
}
