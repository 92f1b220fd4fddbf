import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { MAX_CART_POSITIONS } from '#extension_points/payment/contract'
import { DateTime } from 'luxon'
import type { Errori, NuovaPosizione, NuovoCarrello } from '../api.js'
import {
  cancelPosition,
  createPosition,
  keyAccepted,
  openCart,
  positionByIuv,
  positionByReference,
  positionsOf,
} from './store.js'
import { pushOutcome } from './push.js'

/**
 * The simulated gateway's API (api.ts): the key, the checks on what an
 * ente sends (422 with a code per problem), and its answers.
 */
type Errore = Errori['errori'][number]

const json = (status: number, body: Record<string, unknown>): PluginHttpResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
})
const problems = (status: number, errori: Errore[]) => json(status, { errori })
const today = () => DateTime.now().setZone('Europe/Rome').toISODate()!
const isDay = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid
const isHttpUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value)

function positionErrors(nuova: Partial<NuovaPosizione>): Errore[] {
  const errori: Errore[] = []
  const add = (codice: string, descrizione: string) => errori.push({ codice, descrizione })
  if (typeof nuova.riferimento !== 'string' || !/^\S{1,35}$/.test(nuova.riferimento)) {
    add('RIFERIMENTO_NON_VALIDO', 'riferimento: da 1 a 35 caratteri senza spazi')
  }
  const debitore = nuova.debitore
  if (!debitore || !/^[A-Z0-9]{11,16}$/i.test(String(debitore.codiceFiscale))) {
    add('DEBITORE_NON_VALIDO', 'debitore.codiceFiscale: codice fiscale o partita IVA')
  }
  if (!debitore?.nominativo || !['F', 'G'].includes(debitore.tipo)) {
    add('DEBITORE_NON_VALIDO', 'debitore.nominativo e debitore.tipo (F o G) sono obbligatori')
  }
  if (typeof nuova.causale !== 'string' || !nuova.causale.trim() || nuova.causale.length > 140) {
    add('CAUSALE_NON_VALIDA', 'causale: da 1 a 140 caratteri')
  }
  if (!Number.isInteger(nuova.importo) || nuova.importo! <= 0) {
    add('IMPORTO_NON_VALIDO', 'importo: centesimi, maggiore di zero')
  }
  if (!isDay(nuova.scadenza) || !isDay(nuova.fineValidita)) {
    add('DATA_NON_VALIDA', 'scadenza e fineValidita: date aaaa-mm-gg')
  } else if (nuova.fineValidita! < today() || nuova.scadenza! > nuova.fineValidita!) {
    add('DATA_NON_VALIDA', 'fineValidita non può essere passata né precedere la scadenza')
  }
  if (!/^[0129]\/\S{1,138}$/.test(String(nuova.datiSpecificiRiscossione))) {
    add('TASSONOMIA_NON_VALIDA', 'datiSpecificiRiscossione: TIPO/CODICE, tipo 0, 1, 2 o 9')
  }
  return errori
}

async function cartErrors(codiceEnte: string, carrello: Partial<NuovoCarrello>) {
  const errori: Errore[] = []
  const iuvs = Array.isArray(carrello.iuv) ? carrello.iuv : []
  if (!iuvs.length || iuvs.length > MAX_CART_POSITIONS) {
    errori.push({ codice: 'CARRELLO_NON_VALIDO', descrizione: 'da 1 a 5 posizioni' })
  }
  if (!isHttpUrl(carrello.urlOk) || !isHttpUrl(carrello.urlKo)) {
    errori.push({ codice: 'URL_NON_VALIDO', descrizione: 'urlOk e urlKo: indirizzi http(s)' })
  }
  for (const iuv of iuvs) {
    const posizione = await positionByIuv(codiceEnte, String(iuv))
    const codice = !posizione
      ? 'POSIZIONE_INESISTENTE'
      : posizione.stato === 'DA_PAGARE'
        ? null
        : `POSIZIONE_${posizione.stato}`
    if (codice)
      errori.push({ codice, descrizione: `Posizione ${iuv} non pagabile`, iuv: String(iuv) })
  }
  return errori
}

function readJson(request: PluginHttpRequest): Record<string, any> | null {
  try {
    const parsed = JSON.parse(request.rawBody ?? '')
    return parsed && typeof parsed === 'object' ? parsed : null
  } catch {
    return null
  }
}

/** /enti/{codice}/<rest>: the ente and the remaining segments. */
function target(request: PluginHttpRequest) {
  const segments = new URL(request.url).pathname.split('/')
  const at = segments.lastIndexOf('enti')
  return { codiceEnte: decodeURIComponent(segments[at + 1] ?? ''), rest: segments.slice(at + 2) }
}

export async function handleApi(
  request: PluginHttpRequest,
  checkoutUrl: (id: string) => string
): Promise<PluginHttpResponse> {
  const { codiceEnte, rest } = target(request)
  const authorization = String(request.headers.authorization ?? '')
  const key = authorization.startsWith('Bearer ') ? authorization.slice(7) : ''
  if (!key || !(await keyAccepted(codiceEnte, key))) {
    return problems(401, [
      { codice: 'NON_AUTORIZZATO', descrizione: 'Chiave di accesso non valida' },
    ])
  }
  const [collection, iuv, action] = rest
  const body = request.method === 'POST' ? readJson(request) : {}
  if (!body)
    return problems(400, [{ codice: 'JSON_NON_VALIDO', descrizione: 'Corpo JSON illeggibile' }])

  if (collection === 'posizioni' && !iuv && request.method === 'POST') {
    const errori = positionErrors(body)
    if (errori.length) return problems(422, errori)
    const created = await createPosition(codiceEnte, body as NuovaPosizione)
    if (created) return json(201, { ...created })
    const existing = await positionByReference(codiceEnte, body.riferimento)
    return json(409, {
      errori: [{ codice: 'RIFERIMENTO_DUPLICATO', descrizione: 'Riferimento già usato' }],
      posizione: existing,
    })
  }
  if (collection === 'posizioni' && !iuv && request.method === 'GET') {
    const debitore = String(request.query.debitore ?? '')
    const stato = request.query.stato ? String(request.query.stato) : undefined
    const found = await positionsOf(codiceEnte, debitore)
    return json(200, { posizioni: found.filter((item) => !stato || item.stato === stato) })
  }
  if (collection === 'carrelli' && !iuv && request.method === 'POST') {
    const errori = await cartErrors(codiceEnte, body)
    if (errori.length) return problems(422, errori)
    const id = await openCart(codiceEnte, body as NuovoCarrello)
    return json(201, { idCarrello: id, urlPagamento: checkoutUrl(id) })
  }
  const posizione = collection === 'posizioni' && iuv ? await positionByIuv(codiceEnte, iuv) : null
  if (!posizione)
    return problems(404, [
      { codice: 'POSIZIONE_INESISTENTE', descrizione: 'Posizione sconosciuta' },
    ])
  if (!action && request.method === 'GET') return json(200, { ...posizione })
  if (action === 'ricevuta' && request.method === 'GET') {
    if (!posizione.pagamento) {
      return problems(404, [
        { codice: 'RICEVUTA_NON_DISPONIBILE', descrizione: 'Posizione non pagata' },
      ])
    }
    return json(200, {
      ...posizione.pagamento,
      iuv: posizione.iuv,
      numeroAvviso: posizione.numeroAvviso,
      codiceFiscaleDebitore: posizione.debitore.codiceFiscale,
    })
  }
  if (action === 'annullamento' && request.method === 'POST') {
    if (posizione.stato === 'PAGATA' || posizione.stato === 'IN_PAGAMENTO') {
      return problems(409, [
        { codice: `POSIZIONE_${posizione.stato}`, descrizione: 'Posizione già pagata' },
      ])
    }
    if (await cancelPosition(codiceEnte, posizione.iuv)) {
      await pushOutcome(codiceEnte, posizione.iuv, new URL(request.url).origin)
    }
    return json(200, { ...(await positionByIuv(codiceEnte, posizione.iuv)) })
  }
  return problems(404, [{ codice: 'RISORSA_INESISTENTE', descrizione: 'Indirizzo sconosciuto' }])
}
