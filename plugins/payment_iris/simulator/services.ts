import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import soap from 'soap'
import { E_BOLLO, NS, type HeaderInput } from '../documents.js'
import { cents, isoDate } from '../format.js'
import { asArray } from '../xml.js'
import {
  esitoOtf,
  esitoVerifica,
  multiEsitoOtf,
  type Errore,
  type StatoVerifica,
} from './documents.js'
import { pagato } from './payments.js'
import {
  openSession,
  pendenzaById,
  pendenzaByPagamento,
  registerMessage,
  savePendenza,
  type NewPendenza,
} from './store.js'

/**
 * The simulated IRIS's SOAP services, from the same WSDLs as the client,
 * with the checks IRIS's own code makes (CartWsImpl, DataStorageManager:
 * the A00000xx codes).
 */
export type IrisService = 'posizioni' | 'verifica'

const WSDL_FILES: Record<IrisService, string> = {
  posizioni: fileURLToPath(
    new URL('../wsdl/ComunicazionePosizioniDebitorie.wsdl', import.meta.url)
  ),
  verifica: fileURLToPath(new URL('../wsdl/InvioNotificaPagamento.wsdl', import.meta.url)),
}

const loaded = new Map<IrisService, Promise<soap.WSDL>>()

function wsdl(service: IrisService) {
  let parsed = loaded.get(service)
  if (!parsed) {
    parsed = readFile(WSDL_FILES[service], 'utf8').then(
      (xml) =>
        new Promise<soap.WSDL>((resolve, reject) => {
          const definition = new soap.WSDL(xml, WSDL_FILES[service], {
            overrideRootElement: {
              namespace: 'proxy',
              xmlnsAttributes: [{ name: 'xmlns:proxy', value: NS.proxy }],
            },
          })
          definition.onReady((error: unknown) => (error ? reject(error) : resolve(definition)))
        })
    )
    loaded.set(service, parsed)
  }
  return parsed
}

const errore = (codice: string, descrizione: string): Errore => ({ codice, descrizione })

/** IRIS answers with the sender and receiver of the request swapped (CommonOTFWs). */
function answerHeader(request: any): HeaderInput {
  const trt = request.TRT
  const e2e = request.E2E
  return {
    service: trt.ServiceName,
    msgId: String(e2e.E2EMsgId),
    sender: { id: e2e.Receiver.E2ERcvrId, sys: e2e.Receiver.E2ERcvrSys },
    receiver: { id: e2e.Sender.E2ESndrId, sys: e2e.Sender.E2ESndrSys },
    createdAt: new Date().toISOString(),
  }
}

interface Received {
  operazione: string
  pendenza: NewPendenza
  infoPagamento: any[]
  dettagli: any[]
  inizioValidita?: string
}

function received(node: any): Received {
  const terms = node.Insert ?? node.Replace ?? {}
  const infoPagamento = asArray(terms.InfoPagamento)
  const dettagli = asArray(infoPagamento[0]?.DettaglioPagamento)
  const dettaglio = dettagli[0] ?? {}
  const destinatario = asArray(node.Destinatari?.Destinatario)[0] ?? {}
  const allegato = asArray(dettaglio.Allegato)[0]
  return {
    operazione: node.attributes?.TipoOperazione,
    infoPagamento,
    dettagli,
    inizioValidita: dettaglio.DataInizioValidita,
    pendenza: {
      idPendenza: String(node.IdPendenza),
      tipoPendenza: String(node.attributes?.TipoPendenza),
      idPagamento: String(dettaglio.IdPagamento ?? ''),
      debitore: String(destinatario.Id ?? ''),
      debitoreNome: destinatario.Descrizione ? String(destinatario.Descrizione) : null,
      causale: String(terms.DescrizioneCausale ?? ''),
      importoCents: dettaglio.Importo ? cents(String(dettaglio.Importo)) : 0,
      dataScadenza: String(dettaglio.DataScadenza ?? ''),
      dataFineValidita: String(dettaglio.DataFineValidita ?? ''),
      datiMbd: allegato
        ? Buffer.from(String(allegato.Contenuto ?? ''), 'base64').toString('utf8')
        : null,
    },
  }
}

/** CartWsImpl.verificheEBollo: the DatiMBD.txt attachment, 16.00 euros, online only. */
function bolloErrors(item: Received, offline: boolean): Errore[] {
  if (item.pendenza.tipoPendenza !== E_BOLLO) return []
  const errors: Errore[] = []
  const fields = Object.fromEntries(
    (item.pendenza.datiMbd ?? '').split(';').map((pair) => pair.split('=') as [string, string])
  )
  if (
    fields.TIPO !== '01' ||
    !/^[A-Z]{2}$/.test(fields.PROV ?? '') ||
    !/^[a-fA-F0-9]{64}$/.test(fields.HASH ?? '')
  ) {
    errors.push(
      errore(
        'A0000040',
        "Allegato non specificato correttamente in pendenza con tipoPendenza='E_BOLLO'"
      )
    )
  }
  if (item.pendenza.importoCents !== 1600)
    errors.push(errore('A0000041', 'Pendenza Importo deve essere = 16.00'))
  if (offline) {
    errors.push(
      errore(
        'A0000042',
        "IdpOTF.OFFLINE_PAYMENT_METHODS deve essere 'false' in presenza di pagamenti contenenti Marche da Bollo Digitali"
      )
    )
  }
  return errors
}

/** The checks of an Insert that opens a gateway session (CartWsImpl, phase 1). */
async function otfErrors(codiceEnte: string, item: Received, offline: boolean): Promise<Errore[]> {
  const errors = bolloErrors(item, offline)
  if (item.operazione !== 'Insert') {
    return [
      errore(
        'A0000020',
        'Sono consentite solo operazioni di inserimento (TipoOperazione = Insert)'
      ),
    ]
  }
  if (
    item.infoPagamento.length !== 1 ||
    item.infoPagamento[0].attributes?.TipoPagamento !== 'Pagamento Unico'
  ) {
    errors.push(
      errore(
        'A0000022',
        "E' obbligatorio specificare un unico elemento 'InfoPagamento' con tipo di pagamento 'Pagamento Unico'"
      )
    )
  } else if (item.dettagli.length !== 1) {
    errors.push(
      errore(
        'A0000021',
        "E' obbligatorio specificare una sola condizione di pagamento per ogni pendenza"
      )
    )
  }
  const today = isoDate(new Date())
  if (
    (item.inizioValidita && item.inizioValidita > today) ||
    item.pendenza.dataFineValidita < today
  ) {
    errors.push(
      errore(
        'A0000036',
        "Le date di validita' del pagamento devono comprendere la giornata corrente"
      )
    )
  }
  const held = await pendenzaByPagamento(codiceEnte, item.pendenza.idPagamento)
  if (held?.stato === 'pagata') errors.push(errore('A0000016', 'La posizione risulta pagata'))
  return errors
}

/** The checks of a plain Insert (no session); IRIS keeps pendenza and payment ids unique. */
async function insertErrors(codiceEnte: string, item: Received): Promise<Errore[]> {
  if (item.operazione !== 'Insert') {
    return [errore('A0000020', 'Operazione non gestita dal simulatore (solo Insert)')]
  }
  const errors = bolloErrors(item, false)
  if (await pendenzaById(codiceEnte, item.pendenza.idPendenza))
    errors.push(errore('A0000003', 'Id Pendenze non univoci'))
  const held = await pendenzaByPagamento(codiceEnte, item.pendenza.idPagamento)
  if (held && held.idPendenza !== item.pendenza.idPendenza)
    errors.push(errore('A0000017', 'Id Pagamento non univoci'))
  return errors
}

const duplicate = () => [errore('A0000035', "Messaggio gia' processato (chiave duplicata)")]

/** Every error of a message's pendenze: an Insert opening a session (otf) or a plain one. */
async function messageErrors(codiceEnte: string, items: Received[], otf?: { offline: boolean }) {
  const perItem = await Promise.all(
    items.map((item) =>
      otf ? otfErrors(codiceEnte, item, otf.offline) : insertErrors(codiceEnte, item)
    )
  )
  return perItem.flat()
}

function services(gateway: (token: string) => string) {
  return {
    ComunicazionePosizioniDebitorieOTFService: {
      ComunicazionePosizioniDebitorieOTFPort: {
        async IdpAllineamentoPendenzeEnteOTF(args: any) {
          const message = args.IdpAllineamentoPendenzeOTF
          const header = answerHeader(message.IdpHeader)
          const codiceEnte = header.receiver.id
          const items = asArray(message.IdpBody?.Pendenza).map(received)
          const otf = message.IdpOTF
          const idPendenza = items[0]?.pendenza.idPendenza ?? '000'
          const offline = String(otf?.OFFLINE_PAYMENT_METHODS) === 'true'
          const errors = (await registerMessage(codiceEnte, header.msgId))
            ? await messageErrors(codiceEnte, items, otf ? { offline } : undefined)
            : duplicate()
          if (errors.length) return { $xml: esitoOtf({ header, idPendenza, errori: errors }) }
          for (const item of items) await savePendenza(codiceEnte, item.pendenza)
          const session = otf
            ? await openSession({
                codiceEnte,
                codiceApplicazione: header.receiver.sys,
                urlBack: String(otf.URL_BACK),
                urlCancel: String(otf.URL_CANCEL),
                idPagamenti: items.map((item) => item.pendenza.idPagamento),
              })
            : undefined
          return {
            $xml: esitoOtf({
              header,
              idPendenza,
              errori: [],
              session: session ? { token: session, url: gateway(session) } : undefined,
            }),
          }
        },

        async IdpAllineamentoPendenzeMultiEnteOTF(args: any) {
          const message = args.IdpAllineamentoPendenzeMultiOTF
          const otf = message.IdpOTF
          const offline = String(otf?.OFFLINE_PAYMENT_METHODS) === 'true'
          const elements = asArray(message.IdpAllineamentoPendenzeOTF).map((element: any) => ({
            codiceEnte: String(element.E2ESender.E2ESndrId),
            codiceApplicazione: String(element.E2ESender.E2ESndrSys),
            msgId: String(element.E2EMsgId),
            item: received(asArray(element.IdpBody?.Pendenza)[0] ?? {}),
          }))
          const refused = []
          for (const element of elements) {
            const errors = !(await registerMessage(element.codiceEnte, element.msgId))
              ? duplicate()
              : await otfErrors(element.codiceEnte, element.item, offline)
            if (errors.length) {
              refused.push({
                msgId: element.msgId,
                idPendenza: element.item.pendenza.idPendenza,
                errori: errors,
              })
            }
          }
          if (refused.length) return { $xml: multiEsitoOtf({ refused }) }
          for (const element of elements)
            await savePendenza(element.codiceEnte, element.item.pendenza)
          const token = await openSession({
            codiceEnte: elements[0].codiceEnte,
            codiceApplicazione: elements[0].codiceApplicazione,
            urlBack: String(otf.URL_BACK),
            urlCancel: String(otf.URL_CANCEL),
            idPagamenti: elements.map((element) => element.item.pendenza.idPagamento),
          })
          return { $xml: multiEsitoOtf({ refused: [], session: { token, url: gateway(token) } }) }
        },
      },
    },

    VerificaStatoPagamentoService: {
      VerificaStatoPagamento: {
        async IdpVerificaStatoPagamenti(args: any) {
          const message = args.IdpVerificaStatoPagamento
          const header = answerHeader(message.IdpHeader)
          const codiceEnte = header.receiver.id
          const dettaglio = String(message.IdpBody?.richiestaInformazioniPagamento) === 'true'
          const stati: StatoVerifica[] = []
          for (const id of asArray(message.IdpBody?.IdPagamento)) {
            const idPagamento = String(typeof id === 'object' ? id.$value : id)
            const tipoPendenza = String(typeof id === 'object' ? id.attributes?.TipoPendenza : '')
            stati.push(await statoDi(codiceEnte, idPagamento, tipoPendenza, dettaglio))
          }
          return { $xml: esitoVerifica({ header, stati }) }
        },
      },
    },
  }
}

/** VerificaStatoPagamento.verificaPagamentoModel, for a pendenza with a single condition. */
async function statoDi(
  codiceEnte: string,
  idPagamento: string,
  tipoPendenza: string,
  dettaglio: boolean
): Promise<StatoVerifica> {
  const stato = (basic: string, detailed: string, descrizione = detailed) => ({
    idPagamento,
    tipoPendenza,
    stato: basic,
    dettaglio: detailed,
    descrizione,
  })
  const pendenza = await pendenzaByPagamento(codiceEnte, idPagamento)
  if (!pendenza || pendenza.tipoPendenza !== tipoPendenza) {
    return stato('Posizione non presente', 'POSIZIONE_NON_PRESENTE')
  }
  if (pendenza.stato === 'pagata') {
    return {
      ...stato('Pagamento eseguito', 'POSIZIONE_PAGATA', 'PAG_ESEGUITO_IDP'),
      pagato: dettaglio ? pagato(pendenza) : undefined,
    }
  }
  if (pendenza.dataFineValidita < isoDate(new Date())) {
    return stato('Posizione non pagabile', 'POSIZIONE_NON_PAGABILE', 'NON_PAGABILE_TERMINI')
  }
  if (pendenza.ultimoTentativo) {
    return stato('Pagamento non eseguito', 'POSIZIONE_NON_PAGATA', pendenza.ultimoTentativo)
  }
  return stato('Pagamento non eseguito', 'POSIZIONE_NON_PAGATA')
}

/** Runs one SOAP request through the service; `gateway` makes the URL of a session's page. */
export async function processSoap(
  service: IrisService,
  xml: string,
  headers: Record<string, unknown>,
  gateway: (token: string) => string
) {
  const handlers = services(gateway) as unknown as soap.IServices
  const server = new soap.Server(null, '/', handlers, await wsdl(service), {
    path: '/',
    services: handlers,
  })
  return server.processRequest(xml, { headers: headers as Record<string, string>, url: '/' })
}
