import { createHash } from 'node:crypto'
import {
  ALLEGATO_MARCA_DA_BOLLO,
  PAY_I,
  VERSIONE_OGGETTO,
  clip,
  escapeXml,
  soggettoPagatoreXml,
  xmlElement,
  type VersamentoDocument,
} from '../documents.js'
import type { SimEnte } from './store.js'

/**
 * The documents the simulated MyPay answers with, shaped like MyPay's
 * (PagamentiTelematiciDovutiPagatiHelper, ChiediPosizioniAperteService):
 * dates with Italy's offset ("2026-03-04T14:10:59.000+01:00", "2026-03-04+01:00"),
 * a PSP as `istitutoAttestante`, the RT as the classic pagoPA receipt.
 */
export const SIMULATED_PSP = { code: 'ABI99999', name: 'Banca di Prova (simulatore)' }
/** the commission the test PSP applies, shown at the checkout and in the receipt */
export const PSP_COMMISSION = '0.45'

function romeParts(date: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Rome',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value])
  )
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '')
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    offset,
  }
}

export function romeDateTime(date: Date) {
  const parts = romeParts(date)
  return `${parts.day}T${parts.time}.000${parts.offset}`
}

export function romeDate(date: Date) {
  const parts = romeParts(date)
  return `${parts.day}${parts.offset}`
}

export interface Payment {
  versamento: VersamentoDocument
  iuv: string
  iur: string
  paidAt: Date
  /** 0 paid, 1 not paid */
  esito: '0' | '1'
  /** the marca da bollo digitale issued with it */
  marcaXml?: string | null
}

function hex(value: string) {
  return createHash('sha256').update(value).digest('hex').slice(0, 32)
}

/** ctAllegatoRicevuta `BD`: the marca da bollo, base64 (PagamentiTelematiciDovutiPagatiHelper). */
function allegatoRicevuta(payment: Payment) {
  if (!payment.marcaXml) return ''
  return (
    '<allegatoRicevuta>' +
    xmlElement('tipoAllegatoRicevuta', ALLEGATO_MARCA_DA_BOLLO) +
    xmlElement('testoAllegato', Buffer.from(payment.marcaXml, 'utf8').toString('base64')) +
    '</allegatoRicevuta>'
  )
}

function datiSingoloPagamento(payment: Payment, withReceipt: boolean) {
  const { versamento } = payment
  return (
    '<datiSingoloPagamento>' +
    xmlElement('identificativoUnivocoDovuto', versamento.iud) +
    xmlElement('singoloImportoPagato', versamento.amount) +
    xmlElement('esitoSingoloPagamento', 'ESEGUITO') +
    xmlElement('dataEsitoSingoloPagamento', romeDate(payment.paidAt)) +
    xmlElement('identificativoUnivocoRiscossione', payment.iur) +
    xmlElement('causaleVersamento', clip(versamento.causale, 140)) +
    xmlElement('datiSpecificiRiscossione', versamento.datiSpecificiRiscossione) +
    (withReceipt
      ? xmlElement('indiceDatiSingoloPagamento', '1') +
        xmlElement('commissioniApplicatePSP', PSP_COMMISSION) +
        allegatoRicevuta(payment)
      : '') +
    '</datiSingoloPagamento>'
  )
}

/** `Pagati` (paaSILChiediPagati, the push) or `PagatiConRicevuta` (paaSILChiediPagatiConRicevuta). */
export function pagatiXml(root: 'Pagati' | 'PagatiConRicevuta', ente: SimEnte, payment: Payment) {
  const paid = payment.esito === '0'
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<${root} xmlns="${PAY_I}">` +
    xmlElement('versioneOggetto', VERSIONE_OGGETTO) +
    `<dominio>${xmlElement('identificativoDominio', ente.codiceFiscale)}</dominio>` +
    xmlElement('identificativoMessaggioRicevuta', hex(`ricevuta:${payment.iur}`)) +
    xmlElement('dataOraMessaggioRicevuta', romeDateTime(payment.paidAt)) +
    xmlElement('riferimentoMessaggioRichiesta', hex(`richiesta:${payment.iuv}`)) +
    xmlElement('riferimentoDataRichiesta', romeDate(payment.paidAt)) +
    '<istitutoAttestante><identificativoUnivocoAttestante>' +
    xmlElement('tipoIdentificativoUnivoco', 'G') +
    xmlElement('codiceIdentificativoUnivoco', SIMULATED_PSP.code) +
    '</identificativoUnivocoAttestante>' +
    xmlElement('denominazioneAttestante', SIMULATED_PSP.name) +
    '</istitutoAttestante>' +
    '<enteBeneficiario><identificativoUnivocoBeneficiario>' +
    xmlElement('tipoIdentificativoUnivoco', 'G') +
    xmlElement('codiceIdentificativoUnivoco', ente.codiceFiscale) +
    '</identificativoUnivocoBeneficiario>' +
    xmlElement('denominazioneBeneficiario', clip(ente.name, 70)) +
    '</enteBeneficiario>' +
    soggettoPagatoreXml(payment.versamento.payer) +
    '<datiPagamento>' +
    xmlElement('codiceEsitoPagamento', payment.esito) +
    xmlElement('importoTotalePagato', paid ? payment.versamento.amount : '0.00') +
    xmlElement('identificativoUnivocoVersamento', payment.iuv) +
    xmlElement('codiceContestoPagamento', payment.iur) +
    // a payment that did not happen has no single payment (minOccurs 0)
    (paid ? datiSingoloPagamento(payment, root === 'PagatiConRicevuta') : '') +
    '</datiPagamento>' +
    `</${root}>`
  )
}

/** The receipt (RT) MyPay keeps and returns base64 in `rt`, in the classic pagoPA RT layout. */
export function rtXml(ente: SimEnte, payment: Payment) {
  const { versamento } = payment
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>' +
    '<RT xmlns="http://www.digitpa.gov.it/schemas/2011/Pagamenti/">' +
    xmlElement('versioneOggetto', '6.2.0') +
    `<dominio>${xmlElement('identificativoDominio', ente.codiceFiscale)}</dominio>` +
    xmlElement('identificativoMessaggioRicevuta', hex(`ricevuta:${payment.iur}`)) +
    xmlElement('dataOraMessaggioRicevuta', romeDateTime(payment.paidAt).slice(0, 19)) +
    '<istitutoAttestante><identificativoUnivocoAttestante>' +
    xmlElement('tipoIdentificativoUnivoco', 'G') +
    xmlElement('codiceIdentificativoUnivoco', SIMULATED_PSP.code) +
    '</identificativoUnivocoAttestante>' +
    xmlElement('denominazioneAttestante', SIMULATED_PSP.name) +
    '</istitutoAttestante>' +
    '<enteBeneficiario><identificativoUnivocoBeneficiario>' +
    xmlElement('tipoIdentificativoUnivoco', 'G') +
    xmlElement('codiceIdentificativoUnivoco', ente.codiceFiscale) +
    '</identificativoUnivocoBeneficiario>' +
    xmlElement('denominazioneBeneficiario', ente.name) +
    '</enteBeneficiario>' +
    '<soggettoPagatore><identificativoUnivocoPagatore>' +
    xmlElement('tipoIdentificativoUnivoco', versamento.payer.kind) +
    xmlElement('codiceIdentificativoUnivoco', versamento.payer.fiscalCode) +
    '</identificativoUnivocoPagatore>' +
    xmlElement('anagraficaPagatore', versamento.payer.name) +
    '</soggettoPagatore>' +
    '<datiPagamento>' +
    xmlElement('codiceEsitoPagamento', payment.esito) +
    xmlElement('importoTotalePagato', versamento.amount) +
    xmlElement('identificativoUnivocoVersamento', payment.iuv) +
    xmlElement('CodiceContestoPagamento', payment.iur) +
    '<datiSingoloPagamento>' +
    xmlElement('singoloImportoPagato', versamento.amount) +
    xmlElement('esitoSingoloPagamento', 'ESEGUITO') +
    xmlElement('dataEsitoSingoloPagamento', romeDate(payment.paidAt).slice(0, 10)) +
    xmlElement('identificativoUnivocoRiscossione', payment.iur) +
    `<causaleVersamento>${escapeXml(`/RFB/${payment.iuv}/${versamento.amount}/TXT/${clip(versamento.causale, 100)}`)}</causaleVersamento>` +
    xmlElement('datiSpecificiRiscossione', versamento.datiSpecificiRiscossione) +
    xmlElement('commissioniApplicatePSP', PSP_COMMISSION) +
    allegatoRicevuta(payment) +
    '</datiSingoloPagamento>' +
    '</datiPagamento>' +
    '</RT>'
  )
}
