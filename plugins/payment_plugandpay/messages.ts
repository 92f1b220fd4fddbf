import {
  child,
  children,
  el,
  isNil,
  leaf,
  optionalLeaf,
  parseXml,
  text,
  type XmlElement,
} from './xml.js'

/**
 * Plug&Pay's SOAP messages (E-Fil, "DigitBus" WCF services), as public
 * clients of them show (README.md, Sources): the service namespaces and
 * SOAP actions, the members of each request and answer, the Esito and
 * StatoPosizione values. Members are written in WCF's order: the base
 * class's first, then alphabetical.
 */
export const NS = {
  envelope: 'http://schemas.xmlsoap.org/soap/envelope/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  common: 'http://e-fil.eu/PnP/PlugAndPayCommon',
  feed: 'http://e-fil.eu/PnP/PlugAndPayFeed',
  deliver: 'http://e-fil.eu/PnP/PlugAndPayDeliver',
  payment: 'http://e-fil.eu/PnP/PlugAndPayPayment',
  generatorPdf: 'http://e-fil.eu/GeneratorPdf',
} as const

export const SERVICES = {
  feed: { namespace: NS.feed, contract: 'IPlugAndPayFeed' },
  deliver: { namespace: NS.deliver, contract: 'IPlugAndPayDeliver' },
  payment: { namespace: NS.payment, contract: 'IPlugAndPayPayment' },
  generatorPdf: { namespace: NS.generatorPdf, contract: 'IGeneratorPdfBytes' },
} as const
export type Service = keyof typeof SERVICES

export const OPERATIONS = {
  CaricaPosizione: 'feed',
  RimuoviPosizione: 'feed',
  RicercaPosizionePerIdentificavo: 'deliver',
  RicercaPosizioniPerCodiceFiscalePartitaIva: 'deliver',
  InviaCarrelloPosizioni: 'payment',
  DownloadDatiRicevuta: 'payment',
  CreatePdfAvviso: 'generatorPdf',
} as const satisfies Record<string, Service>
export type Operation = keyof typeof OPERATIONS

/** The wrapper's child that carries the request (the operation's parameter name). */
export const REQUEST_ELEMENT = 'request'

/** The code Plug&Pay gives a position whose IUV it already holds. */
export const IUV_DUPLICATO = 'IuvNonUnivoco'

export type Esito = 'Ok' | 'Nok'
export type StatoPosizione = 'NonPagata' | 'Pagata' | 'PagataParzialmente'
export type TipoPagatore = 'PersonaFisica' | 'PersonaGiuridica'

export function soapAction(operation: Operation) {
  const { namespace, contract } = SERVICES[OPERATIONS[operation]]
  return `${namespace}/${contract}/${operation}`
}

export function envelope(body: string) {
  return `<?xml version="1.0" encoding="utf-8"?>${el('s:Envelope', [el('s:Body', [body])], { 'xmlns:s': NS.envelope })}`
}

const MEMBER_NAMESPACES = { 'xmlns:c': NS.common, 'xmlns:i': NS.xsi }

export function requestEnvelope(operation: Operation, members: string[]) {
  const { namespace } = SERVICES[OPERATIONS[operation]]
  return envelope(
    el(operation, [el(REQUEST_ELEMENT, members, MEMBER_NAMESPACES)], { xmlns: namespace })
  )
}

export function answerEnvelope(operation: Operation, members: string[]) {
  const { namespace } = SERVICES[OPERATIONS[operation]]
  return envelope(
    el(`${operation}Response`, [el(`${operation}Result`, members, MEMBER_NAMESPACES)], {
      xmlns: namespace,
    })
  )
}

/** The members of a SOAP message's request or result, and its Fault when there is one. */
export function readEnvelope(xml: string) {
  const root = parseXml(xml)
  const body = child(root, 'Body')
  const wrapper = children(body)[0]
  if (!wrapper) throw new TypeError('SOAP body without content')
  if (wrapper.localName === 'Fault') {
    const detail = children(child(wrapper, 'detail'))[0]
    return {
      operation: 'Fault',
      members: undefined,
      fault: {
        faultString: text(wrapper, 'faultstring') ?? '',
        codiceErrore: text(detail, 'CodiceErrore'),
        descrizioneErrore: text(detail, 'DescrizioneErrore'),
      },
    }
  }
  return { operation: wrapper.localName, members: children(wrapper)[0], fault: undefined }
}

export function faultEnvelope(faultString: string, codice: string, descrizione: string) {
  return envelope(
    el('s:Fault', [
      leaf('faultcode', 's:Client'),
      leaf('faultstring', faultString),
      el('detail', [
        el('SoapFault', [leaf('CodiceErrore', codice), leaf('DescrizioneErrore', descrizione)], {
          xmlns: NS.feed,
        }),
      ]),
    ])
  )
}

/** A member of a data contract: a value, or an element already written. */
type Member = string | number | boolean | undefined | { xml: string }

/** WCF writes a data contract's members in ordinal order of their names; empty values are left out. */
function dataContract(name: string, members: Record<string, Member>) {
  return el(
    name,
    Object.keys(members)
      .sort()
      .map((key) => {
        const value = members[key]
        return typeof value === 'object' ? value.xml : optionalLeaf(key, value)
      })
  )
}

// ----- the data of a position -----

export interface Debitore {
  codiceFiscalePartitaIva: string
  nominativo: string
  tipoPagatore: TipoPagatore
  email?: string
}

export interface Creditore {
  codiceEnte: string
  codiceFiscalePartitaIva: string
  intestazione: string
}

/** A position as the ente loads it (Feed) and pays it (Payment). */
export interface PosizioneDati {
  /** the IUV (IdentificativoPosizione and CodiceRiferimentoCreditore) */
  iuv: string
  causale: string
  importoCents: number
  /** xs:dateTime: after it Plug&Pay no longer takes the payment */
  dataScadenza?: string
  debitore: Debitore
  creditore: Creditore
  /** the ente's "codice versamento" at Plug&Pay (Servizio/CodiceServizio, TipoRiferimentoCreditore) */
  codiceServizio: string
}

function debitore(value: Debitore) {
  return dataContract('Debitore', {
    CodiceFiscalePartitaIva: value.codiceFiscalePartitaIva,
    Email: value.email,
    Nazione: {
      xml: el('Nazione', [leaf('CodiceIsoNazione', 'IT'), leaf('NomeNazione', 'Italia')]),
    },
    // Plug&Pay takes at most 50 characters
    Nominativo: value.nominativo.slice(0, 50),
    TipoPagatore: value.tipoPagatore,
  })
}

/** The members every kind of Posizione shares. */
function posizioneMembers(posizione: PosizioneDati): Record<string, Member> {
  return {
    Causale: posizione.causale,
    CodiceRiferimentoCreditore: posizione.iuv,
    Creditore: {
      xml: dataContract('Creditore', {
        CodiceEnte: posizione.creditore.codiceEnte,
        CodiceFiscalePartitaIva: posizione.creditore.codiceFiscalePartitaIva,
        Intestazione: posizione.creditore.intestazione,
      }),
    },
    DataScadenza: posizione.dataScadenza,
    Debitore: { xml: debitore(posizione.debitore) },
    IdentificativoPosizione: posizione.iuv,
    ImportoInCentesimi: posizione.importoCents,
    // Servizio is a PlugAndPayCommon contract
    Servizio: { xml: el('Servizio', [leaf('c:CodiceServizio', posizione.codiceServizio)]) },
    TipoRiferimentoCreditore: posizione.codiceServizio,
  }
}

const NESSUN_PARAMETRO = { xml: '<ParametriPosizione/>' }

function readDebitore(node: XmlElement | undefined): Debitore {
  return {
    codiceFiscalePartitaIva: text(node, 'CodiceFiscalePartitaIva') ?? '',
    nominativo: text(node, 'Nominativo') ?? '',
    tipoPagatore: (text(node, 'TipoPagatore') ?? 'PersonaFisica') as TipoPagatore,
    email: text(node, 'Email'),
  }
}

function readCreditore(node: XmlElement | undefined): Creditore {
  return {
    codiceEnte: text(node, 'CodiceEnte') ?? '',
    codiceFiscalePartitaIva: text(node, 'CodiceFiscalePartitaIva') ?? '',
    intestazione: text(node, 'Intestazione') ?? '',
  }
}

function readPosizioneDati(node: XmlElement): PosizioneDati {
  return {
    iuv: text(node, 'IdentificativoPosizione') ?? '',
    causale: text(node, 'Causale') ?? '',
    importoCents: Number(text(node, 'ImportoInCentesimi') ?? Number.NaN),
    dataScadenza: text(node, 'DataScadenza'),
    debitore: readDebitore(child(node, 'Debitore')),
    creditore: readCreditore(child(node, 'Creditore')),
    codiceServizio: text(child(node, 'Servizio'), 'CodiceServizio') ?? '',
  }
}

// ----- Feed: CaricaPosizione, RimuoviPosizione -----

export function caricaPosizione(idApplicazione: string, posizione: PosizioneDati) {
  return requestEnvelope('CaricaPosizione', [
    leaf('IdApplicazione', idApplicazione),
    dataContract('Posizione', {
      ...posizioneMembers(posizione),
      ParametriPosizione: NESSUN_PARAMETRO,
    }),
  ])
}

export function readCaricaPosizione(members: XmlElement) {
  return {
    idApplicazione: text(members, 'IdApplicazione') ?? '',
    posizione: readPosizioneDati(child(members, 'Posizione')!),
  }
}

export interface ErroreDiValidazione {
  codice: string
  descrizione: string
}

export interface EsitoDiCaricamento {
  esito: Esito
  identificativoPosizione?: string
  errori: ErroreDiValidazione[]
}

function errori(list: ErroreDiValidazione[]) {
  return list.length
    ? el(
        'ErroriDiValidazione',
        list.map((item) =>
          el('ErroreDiValidazionePosizione', [
            leaf('Codice', item.codice),
            leaf('Descrizione', item.descrizione),
          ])
        )
      )
    : ''
}

function readErrori(node: XmlElement | undefined): ErroreDiValidazione[] {
  return children(child(node, 'ErroriDiValidazione'), 'ErroreDiValidazionePosizione').map(
    (item) => ({ codice: text(item, 'Codice') ?? '', descrizione: text(item, 'Descrizione') ?? '' })
  )
}

export function caricaPosizioneAnswer(esito: EsitoDiCaricamento) {
  return answerEnvelope('CaricaPosizione', [
    el('EsitoDiCaricamento', [
      errori(esito.errori),
      leaf('Esito', esito.esito),
      optionalLeaf('IdentificativoPosizione', esito.identificativoPosizione),
    ]),
  ])
}

export function readCaricaPosizioneAnswer(members: XmlElement): EsitoDiCaricamento {
  const node = child(members, 'EsitoDiCaricamento')
  return {
    esito: (text(node, 'Esito') ?? 'Nok') as Esito,
    identificativoPosizione: text(node, 'IdentificativoPosizione'),
    errori: readErrori(node),
  }
}

/** The three members that name a position at Plug&Pay (Rimuovi, Ricerca). */
export interface PosizioneRef {
  idApplicazione: string
  codiceEnte: string
  codiceIdentificativo: string
}

function refMembers(ref: PosizioneRef) {
  return [
    leaf('IdApplicazione', ref.idApplicazione),
    leaf('CodiceEnte', ref.codiceEnte),
    leaf('CodiceIdentificativo', ref.codiceIdentificativo),
  ]
}

export function readRef(members: XmlElement): PosizioneRef {
  return {
    idApplicazione: text(members, 'IdApplicazione') ?? '',
    codiceEnte: text(members, 'CodiceEnte') ?? '',
    codiceIdentificativo: text(members, 'CodiceIdentificativo') ?? '',
  }
}

export const rimuoviPosizione = (ref: PosizioneRef) =>
  requestEnvelope('RimuoviPosizione', refMembers(ref))

export const rimuoviPosizioneAnswer = (esito: Esito) =>
  answerEnvelope('RimuoviPosizione', [leaf('Esito', esito)])

export const readEsito = (members: XmlElement) => (text(members, 'Esito') ?? 'Nok') as Esito

// ----- Deliver: RicercaPosizionePerIdentificavo, RicercaPosizioniPerCodiceFiscalePartitaIva -----

/** A position as Plug&Pay reports it. */
export interface PosizioneRemota extends PosizioneDati {
  numeroAvviso?: string
  statoPosizione: StatoPosizione
}

function posizioneRemota(posizione: PosizioneRemota) {
  return dataContract('Posizione', {
    ...posizioneMembers(posizione),
    NumeroAvviso: posizione.numeroAvviso,
    StatoPosizione: posizione.statoPosizione,
  })
}

function readPosizioneRemota(node: XmlElement): PosizioneRemota {
  return {
    ...readPosizioneDati(node),
    numeroAvviso: text(node, 'NumeroAvviso'),
    statoPosizione: (text(node, 'StatoPosizione') ?? 'NonPagata') as StatoPosizione,
  }
}

export const ricercaPosizione = (ref: PosizioneRef) =>
  requestEnvelope('RicercaPosizionePerIdentificavo', refMembers(ref))

export function ricercaPosizioneAnswer(posizione: PosizioneRemota | null) {
  return answerEnvelope('RicercaPosizionePerIdentificavo', [
    posizione ? posizioneRemota(posizione) : '<Posizione i:nil="true"/>',
  ])
}

export function readRicercaPosizioneAnswer(members: XmlElement): PosizioneRemota | null {
  const node = child(members, 'Posizione')
  return node && !isNil(node) ? readPosizioneRemota(node) : null
}

export interface RicercaPerCodiceFiscale {
  idApplicazione: string
  codiceEnte: string
  codiceFiscale: string
  statoPosizione: 'NonPagata'
}

export function ricercaPerCodiceFiscale(input: RicercaPerCodiceFiscale) {
  return requestEnvelope('RicercaPosizioniPerCodiceFiscalePartitaIva', [
    leaf('IdApplicazione', input.idApplicazione),
    leaf('CodiceEnte', input.codiceEnte),
    leaf('CodiceFiscale', input.codiceFiscale),
    leaf('StatoPosizione', input.statoPosizione),
  ])
}

export function readRicercaPerCodiceFiscale(members: XmlElement): RicercaPerCodiceFiscale {
  return {
    idApplicazione: text(members, 'IdApplicazione') ?? '',
    codiceEnte: text(members, 'CodiceEnte') ?? '',
    codiceFiscale: text(members, 'CodiceFiscale') ?? '',
    statoPosizione: 'NonPagata',
  }
}

export const ricercaPerCodiceFiscaleAnswer = (posizioni: PosizioneRemota[]) =>
  answerEnvelope('RicercaPosizioniPerCodiceFiscalePartitaIva', [
    el('Posizioni', posizioni.map(posizioneRemota)),
  ])

export const readRicercaPerCodiceFiscaleAnswer = (members: XmlElement) =>
  children(child(members, 'Posizioni'), 'Posizione').map(readPosizioneRemota)

// ----- Payment: InviaCarrelloPosizioni, DownloadDatiRicevuta -----

export interface Carrello {
  idApplicazione: string
  posizioni: PosizioneDati[]
  /** where the citizen goes when leaving the checkout */
  urlBack: string
  /** where the citizen goes at the end, with idTransazione and stato */
  urlReturn: string
  emailInvioRicevuta?: string
}

export function inviaCarrelloPosizioni(carrello: Carrello) {
  return requestEnvelope('InviaCarrelloPosizioni', [
    leaf('IdApplicazione', carrello.idApplicazione),
    el(
      'Carrello',
      carrello.posizioni.map((posizione) =>
        dataContract('Posizione', {
          ...posizioneMembers(posizione),
          EmailInvioRicevuta: carrello.emailInvioRicevuta,
          ParametriPosizione: NESSUN_PARAMETRO,
          Spontaneo: false,
        })
      )
    ),
    leaf('UrlBack', carrello.urlBack),
    leaf('UrlReturn', carrello.urlReturn),
  ])
}

export function readInviaCarrelloPosizioni(members: XmlElement): Carrello {
  const posizioni = children(child(members, 'Carrello'), 'Posizione')
  return {
    idApplicazione: text(members, 'IdApplicazione') ?? '',
    posizioni: posizioni.map(readPosizioneDati),
    urlBack: text(members, 'UrlBack') ?? '',
    urlReturn: text(members, 'UrlReturn') ?? '',
    emailInvioRicevuta: posizioni.length ? text(posizioni[0], 'EmailInvioRicevuta') : undefined,
  }
}

export interface EsitoInvioCarrello {
  identificativoPosizione: string
  esito: Esito
  errori: ErroreDiValidazione[]
}

export interface RispostaCarrello {
  esiti: EsitoInvioCarrello[]
  idTransazione?: string
  urlRedirect?: string
}

export function inviaCarrelloAnswer(answer: RispostaCarrello) {
  return answerEnvelope('InviaCarrelloPosizioni', [
    el(
      'EsitiInvioCarrelloPosizioni',
      answer.esiti.map((item) =>
        el('EsitoInvioCarrelloPosizioni', [
          errori(item.errori),
          leaf('Esito', item.esito),
          leaf('IdentificativoPosizione', item.identificativoPosizione),
        ])
      )
    ),
    optionalLeaf('IdTransazione', answer.idTransazione),
    optionalLeaf('UrlRedirect', answer.urlRedirect),
  ])
}

export function readInviaCarrelloAnswer(members: XmlElement): RispostaCarrello {
  return {
    esiti: children(
      child(members, 'EsitiInvioCarrelloPosizioni'),
      'EsitoInvioCarrelloPosizioni'
    ).map((item) => ({
      identificativoPosizione: text(item, 'IdentificativoPosizione') ?? '',
      esito: (text(item, 'Esito') ?? 'Nok') as Esito,
      errori: readErrori(item),
    })),
    idTransazione: text(members, 'IdTransazione'),
    urlRedirect: text(members, 'UrlRedirect'),
  }
}

/** A request naming one position of a creditor (DownloadDatiRicevuta, CreatePdfAvviso). */
export interface PosizioneDelCreditore {
  idApplicazione: string
  codiceEnteCreditore: string
  identificativoPosizione: string
}

function perPosizione(
  operation: 'DownloadDatiRicevuta' | 'CreatePdfAvviso',
  input: PosizioneDelCreditore
) {
  return requestEnvelope(operation, [
    leaf('IdApplicazione', input.idApplicazione),
    leaf('CodiceEnteCreditore', input.codiceEnteCreditore),
    leaf('IdentificativoPosizione', input.identificativoPosizione),
  ])
}

export const downloadDatiRicevuta = (input: PosizioneDelCreditore) =>
  perPosizione('DownloadDatiRicevuta', input)

export const readPosizioneDelCreditore = (members: XmlElement): PosizioneDelCreditore => ({
  idApplicazione: text(members, 'IdApplicazione') ?? '',
  codiceEnteCreditore: text(members, 'CodiceEnteCreditore') ?? '',
  identificativoPosizione: text(members, 'IdentificativoPosizione') ?? '',
})

export const downloadDatiRicevutaAnswer = (esito: Esito, ricevuta?: string) =>
  answerEnvelope('DownloadDatiRicevuta', [leaf('Esito', esito), optionalLeaf('Ricevuta', ricevuta)])

export const readDownloadDatiRicevutaAnswer = (members: XmlElement) => ({
  esito: (text(members, 'Esito') ?? 'Nok') as Esito,
  ricevuta: text(members, 'Ricevuta'),
})

// ----- GeneratorPdf: CreatePdfAvviso -----

export const createPdfAvviso = (input: PosizioneDelCreditore) =>
  perPosizione('CreatePdfAvviso', input)

/** The avviso as base64 (xs:base64Binary); empty when Plug&Pay has none. */
export const createPdfAvvisoAnswer = (pdf: Buffer | null) =>
  answerEnvelope('CreatePdfAvviso', [optionalLeaf('AvvisoPdf', pdf?.toString('base64'))])

export function readCreatePdfAvvisoAnswer(members: XmlElement) {
  const content = Buffer.from(text(members, 'AvvisoPdf') ?? '', 'base64')
  return content.length ? content : null
}
