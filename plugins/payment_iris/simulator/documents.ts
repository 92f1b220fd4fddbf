import { header, NS, type HeaderInput } from '../documents.js'
import { euros } from '../format.js'
import { el, leaf } from '../xml.js'

/**
 * What the simulated IRIS writes: the answers to the ente's messages
 * (IdpEsitoOTF, IdpMultiEsitoOTF, IdpEsitoVerifica) and its payment push
 * (IdpInformativaPagamento), in the schemas of wsdl/.
 */
export interface Errore {
  codice: string
  descrizione: string
}

export interface Pagato {
  idPendenza: string
  tipoPendenza: string
  idPagamento: string
  debitore: string
  causale: string
  importoCents: number
  pagatoIl: string
  idTransazione: string
  psp: string
  /** the marca da bollo document, for an E_BOLLO payment */
  marcaDaBollo?: string
}

const ESITO_NAMESPACES = { 'xmlns:e': NS.esito, 'xmlns:h': NS.header }

function esiti(errori: Errore[]) {
  return el(
    'e:Esiti',
    errori.map((errore) =>
      el('e:Esito', [leaf('e:Codice', errore.codice), leaf('e:Descrizione', errore.descrizione)])
    )
  )
}

/** InfoMessaggio and, for a refused message, one Dettaglio "Scartato" per error (CartWsImpl.esitoErroreStandard). */
function esitoBody(id: string, errori: Errore[]) {
  return el('e:IdpBody', [
    el('e:InfoMessaggio', [
      leaf('e:Stato', errori.length ? 'Elaborato con Errori' : 'Elaborato Correttamente'),
    ]),
    errori.length > 0 &&
      el(
        'e:InfoDettaglio',
        errori.map((errore) =>
          el('e:Dettaglio', [leaf('e:Id', id), leaf('e:Stato', 'Scartato'), esiti([errore])])
        )
      ),
  ])
}

function sessione(session: { token: string; url: string }) {
  return el('e:IdpOTF', [leaf('e:IdSessioneGW', session.token), leaf('e:UrlGW', session.url)], {
    Versione: '01.03-02',
  })
}

export function esitoOtf(input: {
  header: HeaderInput
  idPendenza: string
  errori: Errore[]
  session?: { token: string; url: string }
}) {
  return el(
    'e:IdpEsitoOTF',
    [
      header(input.header),
      input.session && sessione(input.session),
      esitoBody(input.idPendenza, input.errori),
    ],
    { ...ESITO_NAMESPACES, Versione: '01.03-02' }
  )
}

export function multiEsitoOtf(input: {
  session?: { token: string; url: string }
  refused: Array<{ msgId: string; idPendenza: string; errori: Errore[] }>
}) {
  return el(
    'e:IdpMultiEsitoOTF',
    [
      input.session && sessione(input.session),
      ...input.refused.map((item) =>
        el('e:IdpEsitoOTF', [
          leaf('e:E2EMsgId', item.msgId),
          esitoBody(item.idPendenza, item.errori),
        ])
      ),
    ],
    { ...ESITO_NAMESPACES, Versione: '01.03-04' }
  )
}

/** ip:Pagamento (or e:Pagamento inside InformazioniPagamento: the children stay in ip). */
function pagamento(name: string, item: Pagato) {
  const importo = euros(item.importoCents)
  return el(name, [
    el('ip:RiferimentoPagamento', [leaf('ip:IdPagamento', item.idPagamento)], {
      TipoPagamento: 'Pagamento Unico',
    }),
    leaf('ip:DataOraPagamento', item.pagatoIl),
    leaf('ip:Importo', importo),
    leaf('ip:RiferimentoDebitore', item.debitore),
    leaf('ip:Esito', 'ESEGUITO'),
    el('ip:Transazione', [
      el('ip:CanalePagamento', [leaf('ip:Descrizione', item.psp)], { Tipo: 'PSP' }),
      el('ip:MezzoPagamento', [leaf('ip:Descrizione', 'Carta di pagamento')], { Tipo: 'CP' }),
      leaf('ip:IdTransazione', item.idTransazione),
      leaf('ip:DataOraTransazione', item.pagatoIl),
      leaf('ip:ImportoTransato', importo),
    ]),
    item.marcaDaBollo &&
      el(
        'ip:Allegato',
        [
          leaf('i:Titolo', 'MarcaDaBollo.xml'),
          leaf('i:Codifica', 'XML_'),
          leaf('i:Contenuto', Buffer.from(item.marcaDaBollo).toString('base64')),
        ],
        { Tipo: 'Ricevuta' }
      ),
    el('ip:RiferimentoDebito', [leaf('ip:Pendenza', item.idPendenza)], {
      TipoDebito: item.tipoPendenza,
    }),
    leaf('ip:DescrizioneCausale', item.causale.slice(0, 256)),
    leaf('ip:IdentificativoUnivocoVersamento', item.idPagamento),
  ])
}

export interface StatoVerifica {
  idPagamento: string
  tipoPendenza: string
  /** VerificaStatoPagamento: the basic state */
  stato: string
  /** VerificaStatoPagamentoDettagliato */
  dettaglio: string
  descrizione: string
  pagato?: Pagato
}

export function esitoVerifica(input: { header: HeaderInput; stati: StatoVerifica[] }) {
  return el(
    'e:IdpEsitoVerifica',
    [
      header(input.header),
      el('e:IdpBody', [
        ...input.stati.map((stato) =>
          leaf('e:StatoPagamento', stato.stato, {
            IdPagamento: stato.idPagamento,
            TipoPendenza: stato.tipoPendenza,
          })
        ),
        ...input.stati.map((stato) =>
          el('e:InformazioniPagamento', [
            leaf('e:IdPagamento', stato.idPagamento),
            leaf('e:TipoPendenza', stato.tipoPendenza),
            leaf('e:Stato', stato.dettaglio),
            leaf('e:DescrizioneStato', stato.descrizione),
            stato.pagato && pagamento('e:Pagamento', stato.pagato),
          ])
        ),
      ]),
    ],
    {
      ...ESITO_NAMESPACES,
      'xmlns:ip': NS.informativa,
      'xmlns:i': NS.include,
      'Versione': '01.03-03',
    }
  )
}

/** The push to the ente, in its SOAP envelope (the ente's InvioNotificaPagamento service). */
export function informativaEnvelope(input: { header: HeaderInput; pagati: Pagato[] }) {
  const document = el(
    'ip:IdpInformativaPagamento',
    [
      header(input.header),
      el(
        'ip:IdpBody',
        input.pagati.map((item) => pagamento('ip:Pagamento', item))
      ),
    ],
    {
      'xmlns:ip': NS.informativa,
      'xmlns:h': NS.header,
      'xmlns:i': NS.include,
      'Versione': '01.03-02',
    }
  )
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<proxy:IdpInformativaPagamento xmlns:proxy="${NS.proxy}">${document}</proxy:IdpInformativaPagamento>` +
    '</soap:Body></soap:Envelope>'
  )
}

/** The marca da bollo digitale issued for a paid E_BOLLO position (unsigned: a simulator's). */
export function marcaDaBollo(input: { iubd: string; issuedAt: string; hashHex: string }) {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    el(
      'marcaDaBollo',
      [
        el('PSP', [leaf('CodiceFiscale', '00000000000'), leaf('Denominazione', 'Banca di Prova')]),
        leaf('IUBD', input.iubd),
        leaf('OraAcquisto', input.issuedAt),
        leaf('Importo', '16.00'),
        leaf('TipoBollo', '01'),
        el('ImprontaDocumento', [
          el('DigestMethod', [], { Algorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' }),
          leaf('ds:DigestValue', Buffer.from(input.hashHex, 'hex').toString('base64')),
        ]),
      ],
      {
        'xmlns': 'http://www.agenziaentrate.gov.it/2014/MarcaDaBollo',
        'xmlns:ds': 'http://www.w3.org/2000/09/xmldsig#',
      }
    )
  )
}
