/**
 * "Dati specifici riscossione" of a pagoPA payment: TIPO_CONTABILITA /
 * CODICE_CONTABILITA, as pagoPA's `datiSpecificiRiscossione` pattern
 * `[0129]{1}\/\S{3,138}` (e.g. "9/0301123AP/").
 */
export const ACCOUNTING_TYPES = [
  { code: '0', label: 'Capitolo e articolo di Entrata del Bilancio dello Stato' },
  { code: '1', label: 'Numero della contabilità speciale' },
  { code: '2', label: 'Codice SIOPE' },
  { code: '9', label: "Altro codice ad uso dell'amministrazione" },
] as const

const PATTERN = /^[0129]\/\S{3,138}$/

export function isDatiSpecificiRiscossione(value: string) {
  return PATTERN.test(value)
}

/** The manual's explanation, shown under the field. */
export const DATI_SPECIFICI_HELP =
  "Rappresenta l'indicazione dell'imputazione della specifica entrata ed è così articolato: " +
  'TIPO_CONTABILITA / CODICE_CONTABILITA, dove TIPO_CONTABILITA ha il seguente significato: ' +
  ACCOUNTING_TYPES.map((type) => `${type.code} (${type.label})`).join('; ') +
  '.'
