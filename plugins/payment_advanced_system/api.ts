/**
 * The provisional interface of Advanced System's pagoPA gateway: JSON over
 * HTTPS under /enti/{codice fiscale dell'ente}/, with an API key. No public
 * description of the real interface exists (README.md): these shapes are
 * the platform's working assumption, kept in this file and client.ts so
 * that the vendor's kit replaces them without touching the adapter's logic.
 */

/** DA_PAGARE: payable; IN_PAGAMENTO: a payment is under way at a PSP. */
export const STATI = ['DA_PAGARE', 'IN_PAGAMENTO', 'PAGATA', 'ANNULLATA', 'SCADUTA'] as const
export type StatoPosizione = (typeof STATI)[number]

export interface Debitore {
  codiceFiscale: string
  nominativo: string
  /** F: persona fisica, G: persona giuridica (pagoPA's entityUniqueIdentifierType) */
  tipo: 'F' | 'G'
  email?: string
}

export interface NuovaPosizione {
  /** the ente's reference of the position: one position per reference */
  riferimento: string
  debitore: Debitore
  causale: string
  /** euro cents */
  importo: number
  /** yyyy-mm-dd: the due date printed on the avviso */
  scadenza: string
  /** yyyy-mm-dd: the last day the position can be paid */
  fineValidita: string
  /** pagoPA "dati specifici di riscossione" */
  datiSpecificiRiscossione: string
}

export interface Pagamento {
  /** ISO 8601 date-time */
  data: string
  importo: number
  idRicevuta: string
  psp: string
}

export interface Posizione extends NuovaPosizione {
  iuv: string
  numeroAvviso: string
  stato: StatoPosizione
  pagamento?: Pagamento
}

export interface NuovoCarrello {
  iuv: string[]
  urlOk: string
  urlKo: string
  email?: string
}

export interface Carrello {
  idCarrello: string
  urlPagamento: string
}

export interface Ricevuta extends Pagamento {
  iuv: string
  numeroAvviso: string
  codiceFiscaleDebitore: string
}

/**
 * The gateway's outcome push to the ente, after a payment, a cancellation
 * or an expiry: one event per position, POSTed as JSON to the address the
 * ente set at the gateway, with FIRMA_HEADER = hex HMAC-SHA256 of the raw
 * body under the ente's notification key. The ente answers 2xx to
 * acknowledge; a delivery not acknowledged is made again later with the
 * same idEvento, signed anew (a new inviatoIl).
 */
export interface Esito {
  /** the same on every delivery of one event */
  idEvento: string
  iuv: string
  stato: StatoPosizione
  /** ISO 8601: when this delivery was signed */
  inviatoIl: string
  /** with stato PAGATA */
  pagamento?: Pagamento
}

export const FIRMA_HEADER = 'x-as-firma'

/** An error answer: a code per problem, with the IUV it concerns when there is one. */
export interface Errori {
  errori: Array<{ codice: string; descrizione: string; iuv?: string }>
}

export const path = {
  posizioni: (ente: string) => `/enti/${ente}/posizioni`,
  posizione: (ente: string, iuv: string) => `/enti/${ente}/posizioni/${iuv}`,
  ricevuta: (ente: string, iuv: string) => `/enti/${ente}/posizioni/${iuv}/ricevuta`,
  annullamento: (ente: string, iuv: string) => `/enti/${ente}/posizioni/${iuv}/annullamento`,
  carrelli: (ente: string) => `/enti/${ente}/carrelli`,
}
