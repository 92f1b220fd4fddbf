import { cents, euros, parseDate } from './format.js'
import { asArray, el, leaf, optionalLeaf } from './xml.js'

/**
 * The IRIS documents the ente sends and the answers it reads, as the XSDs
 * in wsdl/ define them (IRIS 1.1 "IdP" schemas, versions 01.03-0x).
 */
export const NS = {
  proxy: 'http://www.cart.rete.toscana.it/servizi/iris_1_1/proxy',
  pendenze: 'http://www.cart.rete.toscana.it/servizi/iris_1_1/IdpAllineamentoPendenze',
  header: 'http://www.cart.rete.toscana.it/servizi/iris_1_1/IdpHeader',
  include: 'http://www.cart.rete.toscana.it/servizi/iris_1_1/IdpInclude',
  esito: 'http://www.cart.rete.toscana.it/servizi/iris_1_1/IdpEsito',
  informativa: 'http://www.cart.rete.toscana.it/servizi/iris_1_1/IdpInformativaPagamento',
} as const

/** IRIS's own party in the headers (as Gruppo Init's production connector sends it). */
export const IRIS_PARTY = { id: 'iris', sys: 'SIL_iris_ITR' } as const

/** The TipoPendenza IRIS reserves for the marca da bollo digitale (CartWsImpl.verificheEBollo). */
export const E_BOLLO = 'E_BOLLO'

export type ServiceName = 'IdpAllineamentoPendenze' | 'IdpInformativaPagamento'
export interface Party {
  id: string
  sys: string
}

export interface HeaderInput {
  service: ServiceName
  msgId: string
  sender: Party
  receiver: Party
  createdAt: string
}

/** What the ente tells IRIS about one pendenza with a single payment (its IUV). */
export interface PendenzaData {
  idPendenza: string
  tipoPendenza: string
  mittente: { id: string; descrizione: string }
  debitore: { id: string; nome: string; tipo: 'F' | 'G'; email?: string }
  causale: string
  importoCents: number
  /** IdPagamento: the IUV */
  idPagamento: string
  /** xs:date */
  creataIl: string
  scadenza: string
  fineValidita: string
  /** the "dati specifici di riscossione" code of the amount's line */
  codiceVoce: string
  /** marca da bollo digitale: the document's SHA-256 in hex and the province */
  bollo?: { hashHex: string; provincia: string }
}

export interface OtfInput {
  urlBack: string
  urlCancel: string
  versante?: { tipo: 'F' | 'G'; id: string; nome: string; email?: string }
}

const max = (value: string, length: number) => value.slice(0, length)

export function header(input: HeaderInput) {
  return el('h:IdpHeader', [
    el('h:TRT', [
      leaf('h:ServiceName', input.service),
      leaf('h:MsgId', input.msgId),
      leaf('h:XMLCrtDt', input.createdAt),
      el('h:Sender', [leaf('h:SenderId', input.sender.id), leaf('h:SenderSys', input.sender.sys)]),
      el('h:Receiver', [
        leaf('h:ReceiverId', input.receiver.id),
        leaf('h:ReceiverSys', input.receiver.sys),
      ]),
    ]),
    el('h:E2E', [
      leaf('h:E2ESrvcNm', input.service),
      leaf('h:E2EMsgId', input.msgId),
      leaf('h:XMLCrtDt', input.createdAt),
      el('h:Sender', [
        leaf('h:E2ESndrId', input.sender.id),
        leaf('h:E2ESndrSys', input.sender.sys),
      ]),
      el('h:Receiver', [
        leaf('h:E2ERcvrId', input.receiver.id),
        leaf('h:E2ERcvrSys', input.receiver.sys),
      ]),
    ]),
  ])
}

function otf(input: OtfInput) {
  const versante = input.versante
  return el('h:IdpOTF', [
    leaf('h:URL_BACK', input.urlBack),
    leaf('h:URL_CANCEL', input.urlCancel),
    // a marca da bollo cannot be paid offline (A0000042): always online only
    leaf('h:OFFLINE_PAYMENT_METHODS', 'false'),
    versante &&
      el('h:DATI_VERSANTE', [
        leaf('h:TIPO_SOGGETTO', versante.tipo),
        leaf('h:ID_FISCALE', versante.id),
        leaf('h:ANAGRAFICA', max(versante.nome, 70)),
        optionalLeaf('h:E_MAIL', versante.email),
      ]),
  ])
}

/** The DatiMBD.txt attachment IRIS requires on an E_BOLLO payment (TIPO=01;PROV=..;HASH=..). */
export function datiMbd(bollo: { hashHex: string; provincia: string }) {
  return `TIPO=01;PROV=${bollo.provincia};HASH=${bollo.hashHex}`
}

export function pendenzaInsert(data: PendenzaData) {
  const importo = euros(data.importoCents)
  return el(
    'idpAP:Pendenza',
    [
      leaf('idpAP:IdPendenza', data.idPendenza),
      el('idpAP:Mittente', [
        leaf('idpAP:Id', data.mittente.id),
        leaf('idpAP:Descrizione', max(data.mittente.descrizione, 70)),
      ]),
      el('idpAP:Destinatari', [
        el(
          'idpAP:Destinatario',
          [
            leaf('idpAP:Id', data.debitore.id),
            leaf('idpAP:Descrizione', max(data.debitore.nome, 70)),
          ],
          { Tipo: 'Cittadino' }
        ),
      ]),
      el('idpAP:Insert', [
        leaf('idpAP:DescrizioneCausale', max(data.causale, 512)),
        leaf('idpAP:DataCreazione', `${data.creataIl}T00:00:00`),
        leaf('idpAP:DataEmissione', `${data.creataIl}T00:00:00`),
        leaf('idpAP:DataPrescrizione', `${prescription(data.creataIl)}T00:00:00`),
        leaf('idpAP:AnnoRiferimento', data.creataIl.slice(0, 4)),
        leaf('idpAP:Stato', 'Aperta'),
        leaf('idpAP:ImportoTotale', importo),
        leaf('idpAP:Divisa', 'EUR'),
        el(
          'idpAP:InfoPagamento',
          [
            el('idpAP:DettaglioPagamento', [
              leaf('idpAP:IdPagamento', data.idPagamento),
              leaf('idpAP:DataScadenza', data.scadenza),
              leaf('idpAP:DataInizioValidita', data.creataIl),
              leaf('idpAP:DataFineValidita', data.fineValidita),
              leaf('idpAP:Stato', 'Non Pagato'),
              leaf('idpAP:Importo', importo),
              // IRIS answers a database error when the line has no code
              // (note in Gruppo Init's IrisPayConnector): always one line
              el('idpAP:DettaglioImporto', [
                el(
                  'idpAP:Voce',
                  [
                    leaf('idpAP:Codice', max(data.codiceVoce, 35)),
                    leaf('idpAP:Descrizione', max(data.causale, 256)),
                    leaf('idpAP:Importo', importo),
                  ],
                  { Tipo: 'ONERI' }
                ),
              ]),
              data.bollo &&
                el(
                  'idpAP:Allegato',
                  [
                    leaf('i:Titolo', 'DatiMBD.txt'),
                    leaf('i:Codifica', 'TEXT'),
                    leaf('i:Contenuto', Buffer.from(datiMbd(data.bollo)).toString('base64')),
                  ],
                  { Tipo: 'Documento' }
                ),
              leaf('idpAP:CausalePagamento', max(data.causale, 256)),
            ]),
          ],
          { TipoPagamento: 'Pagamento Unico' }
        ),
      ]),
    ],
    { TipoPendenza: data.tipoPendenza, TipoOperazione: 'Insert' }
  )
}

/** Ten years, as Gruppo Init's connector sets DataPrescrizione. */
function prescription(isoDate: string) {
  return `${Number(isoDate.slice(0, 4)) + 10}${isoDate.slice(4)}`
}

const ROOT_NAMESPACES = { 'xmlns:idpAP': NS.pendenze, 'xmlns:h': NS.header, 'xmlns:i': NS.include }

/**
 * IdpAllineamentoPendenzeOTF: pendenze for one ente. With `otf` IRIS also
 * opens a payment session on its gateway (and answers IdpOTF); an Insert
 * of a pendenza IRIS already holds becomes a Replace when the ente's
 * tributo is configured so (CartWsImpl.modificaTipoOperazioneOTF).
 */
export function allineamentoPendenzeOtf(input: {
  header: HeaderInput
  pendenze: PendenzaData[]
  otf?: OtfInput
}) {
  return el(
    'idpAP:IdpAllineamentoPendenzeOTF',
    [
      header(input.header),
      input.otf && otf(input.otf),
      el('idpAP:IdpBody', input.pendenze.map(pendenzaInsert)),
    ],
    { ...ROOT_NAMESPACES, Versione: '01.03-02' }
  )
}

/** IdpAllineamentoPendenzeMultiOTF (01.03-04): several pendenze paid in one gateway session. */
export function allineamentoPendenzeMultiOtf(input: {
  header: HeaderInput
  otf: OtfInput
  items: Array<{ msgId: string; pendenza: PendenzaData }>
}) {
  const { sender, receiver } = input.header
  return el(
    'idpAP:IdpAllineamentoPendenzeMultiOTF',
    [
      el('idpAP:HeaderTRT', [
        leaf('h:ServiceName', input.header.service),
        leaf('h:MsgId', input.header.msgId),
        leaf('h:XMLCrtDt', input.header.createdAt),
        el('h:Sender', [leaf('h:SenderId', sender.id), leaf('h:SenderSys', sender.sys)]),
        el('h:Receiver', [leaf('h:ReceiverId', receiver.id), leaf('h:ReceiverSys', receiver.sys)]),
      ]),
      otf(input.otf),
      ...input.items.map((item) =>
        el('idpAP:IdpAllineamentoPendenzeOTF', [
          el('idpAP:E2ESender', [leaf('h:E2ESndrId', sender.id), leaf('h:E2ESndrSys', sender.sys)]),
          leaf('idpAP:E2EMsgId', item.msgId),
          el('idpAP:IdpBody', [pendenzaInsert(item.pendenza)]),
        ])
      ),
    ],
    { ...ROOT_NAMESPACES, Versione: '01.03-04' }
  )
}

/** IdpVerificaStatoPagamento (01.03-03: with the detailed state of each payment). */
export function verificaStatoPagamento(input: {
  header: HeaderInput
  pagamenti: Array<{ idPagamento: string; tipoPendenza: string }>
}) {
  return el(
    'ip:IdpVerificaStatoPagamento',
    [
      header(input.header),
      el('ip:IdpBody', [
        ...input.pagamenti.map((item) =>
          leaf('ip:IdPagamento', item.idPagamento, { TipoPendenza: item.tipoPendenza })
        ),
        leaf('ip:richiestaInformazioniPagamento', 'true'),
      ]),
    ],
    { 'xmlns:ip': NS.informativa, 'xmlns:h': NS.header, 'Versione': '01.03-03' }
  )
}

// ---------------------------------------------------------------------------
// Reading IRIS's answers (objects as the `soap` package parses them)
// ---------------------------------------------------------------------------

export type MessageState = 'Elaborato Correttamente' | 'Elaborato con Errori'

export interface EsitoOtf {
  stato: MessageState
  /** every Esito code, of the message and of its details (A00000xx) */
  errori: Array<{ codice: string; descrizione: string }>
  sessione?: { id: string; url: string }
}

function esiti(node: any) {
  return asArray(node?.Esiti?.Esito).map((esito: any) => ({
    codice: String(esito.Codice ?? ''),
    descrizione: String(esito.Descrizione ?? ''),
  }))
}

function readBody(body: any) {
  return [
    ...esiti(body?.InfoMessaggio),
    ...asArray(body?.InfoDettaglio?.Dettaglio).flatMap((dettaglio: any) => esiti(dettaglio)),
  ]
}

export function readEsitoOtf(result: any): EsitoOtf {
  const esito = result?.IdpEsitoOTF
  const stato = esito?.IdpBody?.InfoMessaggio?.Stato
  if (stato !== 'Elaborato Correttamente' && stato !== 'Elaborato con Errori') {
    throw new TypeError('IRIS answered without InfoMessaggio/Stato')
  }
  const session = esito.IdpOTF
  return {
    stato,
    errori: readBody(esito.IdpBody),
    sessione: session
      ? { id: String(session.IdSessioneGW), url: String(session.UrlGW) }
      : undefined,
  }
}

export function readMultiEsitoOtf(result: any): EsitoOtf {
  const esito = result?.IdpMultiEsitoOTF
  if (!esito) throw new TypeError('IRIS answered without IdpMultiEsitoOTF')
  const errori = asArray(esito.IdpEsitoOTF).flatMap((item: any) => readBody(item.IdpBody))
  const session = esito.IdpOTF
  return {
    stato: errori.length || !session ? 'Elaborato con Errori' : 'Elaborato Correttamente',
    errori,
    sessione: session
      ? { id: String(session.IdSessioneGW), url: String(session.UrlGW) }
      : undefined,
  }
}

/** The detailed states of IdpEsitoVerifica (VerificaStatoPagamentoDettagliato). */
export type StatoDettagliato =
  | 'POSIZIONE_NON_PRESENTE'
  | 'POSIZIONE_NON_PAGATA'
  | 'POSIZIONE_NON_PAGABILE'
  | 'POSIZIONE_PAGATA'
  | 'POSIZIONE_PAGATA_SBF'
  | 'POSIZIONE_CON_PAG_IN_CORSO'
  | 'POSIZIONE_CON_DOC_EMESSO'

/** A payment as IRIS describes it (ip:Pagamento), in the answer to a check or in a notification. */
export interface PagamentoIris {
  idPagamento: string
  dataOraPagamento: Date
  importoCents: number
  esito: string
  riferimentoDebitore?: string
  idTransazione?: string
  psp?: string
  iuv?: string
  allegato?: { tipo: string; codifica: string; contenuto: Buffer }
}

export interface StatoPagamento {
  idPagamento: string
  stato: StatoDettagliato
  descrizioneStato: string
  pagamento?: PagamentoIris
}

export interface EsitoVerifica {
  errore?: { codice: string; descrizione: string }
  stati: StatoPagamento[]
}

export function readPagamento(node: any): PagamentoIris {
  const transazione = node.Transazione
  const allegato = node.Allegato
  return {
    idPagamento: String(node.RiferimentoPagamento?.IdPagamento ?? ''),
    dataOraPagamento: parseDate(String(node.DataOraPagamento)),
    importoCents: cents(String(node.Importo)),
    esito: String(node.Esito ?? ''),
    riferimentoDebitore: node.RiferimentoDebitore ? String(node.RiferimentoDebitore) : undefined,
    idTransazione: transazione?.IdTransazione ? String(transazione.IdTransazione) : undefined,
    psp: transazione?.CanalePagamento?.Descrizione
      ? String(transazione.CanalePagamento.Descrizione)
      : undefined,
    iuv: node.IdentificativoUnivocoVersamento
      ? String(node.IdentificativoUnivocoVersamento)
      : undefined,
    allegato: allegato
      ? {
          tipo: String(allegato.attributes?.Tipo ?? ''),
          codifica: String(allegato.Codifica ?? ''),
          contenuto: Buffer.from(String(allegato.Contenuto ?? ''), 'base64'),
        }
      : undefined,
  }
}

export function readEsitoVerifica(result: any): EsitoVerifica {
  const body = result?.IdpEsitoVerifica?.IdpBody
  if (!body) throw new TypeError('IRIS answered without IdpEsitoVerifica/IdpBody')
  const errore = body.Esito
    ? { codice: String(body.Esito.Codice ?? ''), descrizione: String(body.Esito.Descrizione ?? '') }
    : undefined
  return {
    errore,
    stati: asArray(body.InformazioniPagamento).map((info: any) => ({
      idPagamento: String(info.IdPagamento),
      stato: String(info.Stato) as StatoDettagliato,
      descrizioneStato: String(info.DescrizioneStato ?? ''),
      pagamento: info.Pagamento ? readPagamento(info.Pagamento) : undefined,
    })),
  }
}
