import { isValidNoticeCode } from '#extension_points/payment/notice_code'
import { DateTime } from 'luxon'
import {
  IUV_DUPLICATO,
  OPERATIONS,
  caricaPosizioneAnswer,
  createPdfAvvisoAnswer,
  downloadDatiRicevutaAnswer,
  faultEnvelope,
  inviaCarrelloAnswer,
  readCaricaPosizione,
  readPosizioneDelCreditore,
  readEnvelope,
  readInviaCarrelloPosizioni,
  readRef,
  readRicercaPerCodiceFiscale,
  ricercaPerCodiceFiscaleAnswer,
  ricercaPosizioneAnswer,
  rimuoviPosizioneAnswer,
  soapAction,
  type ErroreDiValidazione,
  type EsitoInvioCarrello,
  type Operation,
  type PosizioneRemota,
  type Service,
} from '../messages.js'
import { child, children, text, type XmlElement } from '../xml.js'
import { avvisoPdf } from './avviso_pdf.js'
import { receiptXml } from './receipt.js'
import {
  applicationEnabled,
  loadPosizione,
  openTransazione,
  posizione,
  posizioniOf,
  removePosizione,
  type SimPosizione,
} from './store.js'

/**
 * The simulated Plug&Pay's SOAP operations: the checks it makes on what an
 * ente sends, and its answers. The codes of its validation errors other
 * than IuvNonUnivoco are the simulator's own (README.md).
 */
export interface SoapAnswer {
  status: number
  body: string
}

const ZONE = 'Europe/Rome'
const ok = (body: string): SoapAnswer => ({ status: 200, body })
const fault = (codice: string, descrizione: string): SoapAnswer => ({
  status: 500,
  body: faultEnvelope(descrizione, codice, descrizione),
})
const errore = (codice: string, descrizione: string): ErroreDiValidazione => ({
  codice,
  descrizione,
})

function isExpired(dataScadenza: string | undefined) {
  return !!dataScadenza && DateTime.fromISO(dataScadenza, { zone: ZONE }) < DateTime.now()
}

function remota(sim: SimPosizione): PosizioneRemota {
  return { ...sim.dati, numeroAvviso: `3${sim.dati.iuv}`, statoPosizione: sim.stato }
}

async function caricaPosizione(members: any) {
  const { posizione: dati } = readCaricaPosizione(members)
  const errori: ErroreDiValidazione[] = []
  if (!/^\d{17}$/.test(dati.iuv) || !isValidNoticeCode(`3${dati.iuv}`)) {
    errori.push(errore('IuvNonValido', `Lo IUV ${dati.iuv} non è valido`))
  }
  if (!Number.isInteger(dati.importoCents) || dati.importoCents <= 0) {
    errori.push(errore('ImportoNonValido', 'ImportoInCentesimi deve essere maggiore di zero'))
  }
  if (!dati.debitore.codiceFiscalePartitaIva) {
    errori.push(errore('DebitoreNonValido', 'Codice fiscale del debitore mancante'))
  }
  if (!dati.creditore.codiceEnte) errori.push(errore('EnteNonValido', 'CodiceEnte mancante'))
  if (!errori.length && !(await loadPosizione(dati.creditore.codiceEnte, dati))) {
    errori.push(errore(IUV_DUPLICATO, `Lo IUV ${dati.iuv} è già presente`))
  }
  return ok(
    caricaPosizioneAnswer({
      esito: errori.length ? 'Nok' : 'Ok',
      identificativoPosizione: dati.iuv,
      errori,
    })
  )
}

async function rimuoviPosizione(members: any) {
  const ref = readRef(members)
  const sim = await posizione(ref.codiceEnte, ref.codiceIdentificativo)
  if (sim?.rimossa) {
    return fault(
      'OperazioneNonConsentita',
      `La posizione ${ref.codiceIdentificativo} risulta già revocata`
    )
  }
  if (!sim || sim.stato !== 'NonPagata') return ok(rimuoviPosizioneAnswer('Nok'))
  await removePosizione(ref.codiceEnte, ref.codiceIdentificativo)
  return ok(rimuoviPosizioneAnswer('Ok'))
}

async function ricercaPosizione(members: any) {
  const ref = readRef(members)
  const sim = await posizione(ref.codiceEnte, ref.codiceIdentificativo)
  return ok(ricercaPosizioneAnswer(sim && !sim.rimossa ? remota(sim) : null))
}

async function ricercaPerCodiceFiscale(members: any) {
  const request = readRicercaPerCodiceFiscale(members)
  const found = await posizioniOf(request.codiceEnte, request.codiceFiscale)
  return ok(
    ricercaPerCodiceFiscaleAnswer(
      found.filter((sim) => sim.stato === request.statoPosizione).map(remota)
    )
  )
}

async function inviaCarrello(members: any, checkoutUrl: (id: string) => string) {
  const carrello = readInviaCarrelloPosizioni(members)
  const esiti: EsitoInvioCarrello[] = []
  for (const dati of carrello.posizioni) {
    const sim = await posizione(dati.creditore.codiceEnte, dati.iuv)
    const errori: ErroreDiValidazione[] = []
    if (!sim || sim.rimossa)
      errori.push(errore('PosizioneNonTrovata', `Posizione ${dati.iuv} inesistente`))
    else if (sim.stato !== 'NonPagata')
      errori.push(errore('PosizioneGiaPagata', `Posizione ${dati.iuv} già pagata`))
    else if (isExpired(sim.dati.dataScadenza))
      errori.push(errore('PosizioneScaduta', `Posizione ${dati.iuv} scaduta`))
    else if (sim.dati.importoCents !== dati.importoCents) {
      errori.push(errore('ImportoNonCoerente', `L’importo di ${dati.iuv} non corrisponde`))
    }
    esiti.push({ identificativoPosizione: dati.iuv, esito: errori.length ? 'Nok' : 'Ok', errori })
  }
  const enti = new Set(carrello.posizioni.map((dati) => dati.creditore.codiceEnte))
  if (!carrello.posizioni.length || carrello.posizioni.length > 5 || enti.size !== 1) {
    return ok(inviaCarrelloAnswer({ esiti }))
  }
  if (esiti.some((item) => item.esito !== 'Ok') || !carrello.urlReturn || !carrello.urlBack) {
    return ok(inviaCarrelloAnswer({ esiti }))
  }
  const id = await openTransazione({
    codiceEnte: [...enti][0],
    iuv: carrello.posizioni.map((dati) => dati.iuv),
    urlBack: carrello.urlBack,
    urlReturn: carrello.urlReturn,
  })
  return ok(inviaCarrelloAnswer({ esiti, idTransazione: id, urlRedirect: checkoutUrl(id) }))
}

async function downloadDatiRicevuta(members: any) {
  const request = readPosizioneDelCreditore(members)
  const sim = await posizione(request.codiceEnteCreditore, request.identificativoPosizione)
  if (!sim || sim.stato !== 'Pagata' || !sim.pagatoIl || !sim.receiptId) {
    return ok(downloadDatiRicevutaAnswer('Nok'))
  }
  return ok(
    downloadDatiRicevutaAnswer(
      'Ok',
      receiptXml({
        receiptId: sim.receiptId,
        noticeNumber: `3${sim.dati.iuv}`,
        creditorFiscalCode: sim.dati.creditore.codiceFiscalePartitaIva,
        iuv: sim.dati.iuv,
        amountCents: sim.dati.importoCents,
        description: sim.dati.causale,
        companyName: sim.dati.creditore.intestazione,
        debtorFiscalCode: sim.dati.debitore.codiceFiscalePartitaIva,
        debtorName: sim.dati.debitore.nominativo,
        paidAt: sim.pagatoIl,
      })
    )
  )
}

async function createPdfAvviso(members: any) {
  const request = readPosizioneDelCreditore(members)
  const sim = await posizione(request.codiceEnteCreditore, request.identificativoPosizione)
  return ok(createPdfAvvisoAnswer(sim && !sim.rimossa ? await avvisoPdf(sim.dati) : null))
}

/** The ente a request speaks for, wherever its operation carries it. */
function codiceEnteOf(members: XmlElement) {
  const posizioni = [
    child(members, 'Posizione'),
    ...children(child(members, 'Carrello'), 'Posizione'),
  ]
  return (
    text(members, 'CodiceEnte') ??
    text(members, 'CodiceEnteCreditore') ??
    posizioni.map((item) => text(child(item, 'Creditore'), 'CodiceEnte')).find(Boolean) ??
    ''
  )
}

/** One SOAP request to one of the services. */
export async function processSoap(
  service: Service,
  body: string,
  headers: Record<string, string | string[] | undefined>,
  checkoutUrl: (id: string) => string
): Promise<SoapAnswer> {
  let request: ReturnType<typeof readEnvelope>
  try {
    request = readEnvelope(body)
  } catch {
    return fault('ErroreDiFormato', 'La richiesta non è un messaggio SOAP valido')
  }
  const operation = request.operation as Operation
  if (OPERATIONS[operation] !== service || !request.members) {
    return fault('AzioneNonSupportata', `Operazione ${request.operation} sconosciuta`)
  }
  const action = String(headers.soapaction ?? '').replaceAll('"', '')
  if (action !== soapAction(operation)) {
    return fault('AzioneNonSupportata', `SOAPAction ${action} non corrisponde a ${operation}`)
  }
  const idApplicazione = text(request.members, 'IdApplicazione') ?? ''
  const codiceEnte = codiceEnteOf(request.members)
  if (!/\S/.test(idApplicazione) || !(await applicationEnabled(codiceEnte, idApplicazione))) {
    return fault('OperazioneProibita', 'IdApplicazione mancante o non abilitato per l’ente')
  }
  switch (operation) {
    case 'CaricaPosizione':
      return caricaPosizione(request.members)
    case 'RimuoviPosizione':
      return rimuoviPosizione(request.members)
    case 'RicercaPosizionePerIdentificavo':
      return ricercaPosizione(request.members)
    case 'RicercaPosizioniPerCodiceFiscalePartitaIva':
      return ricercaPerCodiceFiscale(request.members)
    case 'InviaCarrelloPosizioni':
      return inviaCarrello(request.members, checkoutUrl)
    case 'DownloadDatiRicevuta':
      return downloadDatiRicevuta(request.members)
    case 'CreatePdfAvviso':
      return createPdfAvviso(request.members)
  }
}
