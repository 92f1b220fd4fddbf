import edge from 'edge.js'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { formatNoticeCode, noticeCodeFromIuv } from '#extension_points/payment/notice_code'
import { parseAmount, parseVersamento } from '../documents.js'
import { PSP_COMMISSION } from './documents.js'
import { marcaDaBolloXml, newIubd } from './marca_da_bollo.js'
import { backUrlWith, paymentOf } from './mypay_service.js'
import { pushOutcome } from './push.js'
import {
  createSession,
  findDovuto,
  findDovutoBySession,
  findEnte,
  findSession,
  keepMarca,
  markPaid,
  moveSession,
  newSessionId,
  type SimDovuto,
  type SimSession,
} from './store.js'

/**
 * The checkout the citizen reaches from MyPay (paaSILVerificaAvviso, an
 * open position's payment link) or from pagoPA Checkout (a cart): what is
 * being paid, the test card, Annulla and Paga. Paying marks the dovuti
 * paid, sends MyPay's outcome push and returns to the ente's site; a
 * second submit of the same page pays nothing more.
 */
export const TEST_CARDS = {
  approved: { number: '4000 0000 0000 0119', expiry: '12/30', cvv: '123' },
  declined: { number: '4000 0000 0000 0002', expiry: '12/30', cvv: '123' },
}

const FIELDS = [
  {
    name: 'numero',
    label: 'Numero della carta',
    type: 'text',
    autocomplete: 'cc-number',
    numeric: true,
    required: true,
    help: 'Le 16 cifre sul fronte della carta',
  },
  {
    name: 'scadenza',
    label: 'Scadenza',
    type: 'text',
    autocomplete: 'cc-exp',
    numeric: true,
    required: true,
    help: 'Mese e anno, per esempio 12/30',
  },
  {
    name: 'cvv',
    label: 'Codice di sicurezza (CVV)',
    type: 'text',
    autocomplete: 'cc-csc',
    numeric: true,
    required: true,
    help: 'Le 3 cifre sul retro della carta',
  },
  {
    name: 'titolare',
    label: 'Titolare della carta',
    type: 'text',
    autocomplete: 'cc-name',
    numeric: false,
    required: true,
    help: 'Nome e cognome come sulla carta',
  },
  {
    name: 'email',
    label: 'Invia esito a',
    type: 'email',
    autocomplete: 'email',
    numeric: false,
    required: false,
    help: 'Indirizzo email a cui mandare la ricevuta',
  },
] as const

type FieldName = (typeof FIELDS)[number]['name']
type Values = Partial<Record<FieldName, string>>

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' })
const asEuro = (cents: number) => euro.format(cents / 100)

/** Where the simulator's pages hang from, from one of them. */
function baseOf(request: PluginHttpRequest, path: string) {
  const url = new URL(request.url)
  return `${url.origin}${url.pathname.slice(0, url.pathname.length - path.length)}`
}

async function page(
  template: string,
  data: Record<string, unknown>,
  status = 200
): Promise<PluginHttpResponse> {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: await edge.render(`payment_mypay::${template}`, data),
  }
}

function message(
  title: string,
  text: string,
  link: { href: string; label: string } | null,
  status = 200
) {
  return page('message', { title, message: text, link: link?.href ? link : null }, status)
}

function formOf(request: PluginHttpRequest): Record<string, string> {
  const body =
    typeof request.body === 'string'
      ? Object.fromEntries(new URLSearchParams(request.body))
      : (request.body ?? {})
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.trim() : '',
    ])
  )
}

async function dovutiOf(session: SimSession) {
  const dovuti: SimDovuto[] = []
  for (const iud of session.iuds) {
    const dovuto = await findDovuto(session.codIpaEnte, { iud })
    if (dovuto) dovuti.push(dovuto)
  }
  return dovuti
}

const PROBLEMS: Partial<Record<SimDovuto['stato'], string>> = {
  PAGATO: 'Questo avviso risulta già pagato.',
  ANNULLATO: 'Questo avviso è stato annullato dall’ente.',
  SCADUTO: 'Il termine per pagare questo avviso è scaduto.',
}

function headingOf(dovuti: SimDovuto[]) {
  if (dovuti.length > 0 && dovuti.every((dovuto) => dovuto.marcaBollo))
    return dovuti.length > 1
      ? 'Marche da bollo digitali da pagare'
      : 'Marca da bollo digitale da pagare'
  return dovuti.length > 1 ? 'Avvisi da pagare' : 'Avviso da pagare'
}

async function checkoutPage(
  request: PluginHttpRequest,
  session: SimSession,
  values: Values,
  errors: Partial<Record<FieldName, string>> = {}
) {
  const ente = await findEnte(session.codIpaEnte)
  const dovuti = await dovutiOf(session)
  const cents = dovuti.reduce((sum, dovuto) => sum + parseAmount(dovuto.amount), 0)
  const commission = parseAmount(PSP_COMMISSION)
  return page(
    'checkout',
    {
      action: `${baseOf(request, '/pagamento')}/pagamento`,
      id: session.idSession,
      heading: headingOf(dovuti),
      notices: dovuti.map((dovuto) => ({
        causale: parseVersamento(dovuto.versamentoXml).causale,
        ente: ente?.name ?? session.codIpaEnte,
        marcaBollo: dovuto.marcaBollo,
        noticeCode: formatNoticeCode(noticeCodeFromIuv(dovuto.iuv) ?? dovuto.iuv),
        amount: asEuro(parseAmount(dovuto.amount)),
        problem: PROBLEMS[dovuto.stato] ?? null,
      })),
      payable: dovuti.length > 0 && dovuti.every((dovuto) => dovuto.stato === 'DA_PAGARE'),
      amount: asEuro(cents),
      commission: asEuro(commission),
      total: asEuro(cents + commission),
      fields: FIELDS,
      values,
      errors,
      cards: TEST_CARDS,
    },
    Object.keys(errors).length ? 422 : 200
  )
}

function concluded(session: SimSession) {
  const href = session.stato === 'PAGATO' ? session.returnOk : session.returnKo
  return message(
    session.stato === 'PAGATO' ? 'Pagamento già eseguito' : 'Pagamento concluso',
    session.stato === 'PAGATO'
      ? 'Questo pagamento è già stato eseguito: non ti verrà addebitato di nuovo.'
      : 'Questa sessione di pagamento è chiusa. Per pagare, ricomincia dal sito dell’ente.',
    { href, label: 'Torna al sito dell’ente' }
  )
}

const notFound = () =>
  message(
    'Pagamento non trovato',
    'La sessione di pagamento non esiste o è scaduta. Ricomincia dal sito dell’ente.',
    null,
    404
  )

const isOpen = (session: SimSession) => session.stato === 'NUOVO' || session.stato === 'IN_CORSO'

export async function showCheckout(request: PluginHttpRequest) {
  const session = await findSession(String(request.query.id ?? ''))
  if (!session) return notFound()
  if (!isOpen(session)) return concluded(session)
  await moveSession(session.idSession, 'IN_CORSO', ['NUOVO'])
  // the test card already in the form: one click pays (the callout says how to try a refusal)
  const [first] = await dovutiOf(session)
  return checkoutPage(request, session, {
    numero: TEST_CARDS.approved.number,
    scadenza: TEST_CARDS.approved.expiry,
    cvv: TEST_CARDS.approved.cvv,
    titolare: first ? parseVersamento(first.versamentoXml).payer.name : '',
    email: session.email ?? '',
  })
}

function cardErrors(values: Values) {
  const errors: Partial<Record<FieldName, string>> = {}
  const number = (values.numero ?? '').replace(/\s+/g, '')
  const known = [TEST_CARDS.approved.number, TEST_CARDS.declined.number].map((card) =>
    card.replace(/\s+/g, '')
  )
  if (!number) errors.numero = 'Inserisci il numero della carta.'
  else if (!known.includes(number))
    errors.numero =
      'Usa una delle carte di test indicate sopra: il simulatore non accetta altre carte.'
  const expiry = /^(0[1-9]|1[0-2])\/(\d{2})$/.exec(values.scadenza ?? '')
  if (!expiry) errors.scadenza = 'Scrivi la scadenza come MM/AA, per esempio 12/30.'
  else {
    const now = new Date()
    const year = 2000 + Number(expiry[2])
    if (
      year < now.getFullYear() ||
      (year === now.getFullYear() && Number(expiry[1]) < now.getMonth() + 1)
    ) {
      errors.scadenza = 'La carta è scaduta.'
    }
  }
  if (!/^\d{3}$/.test(values.cvv ?? '')) errors.cvv = 'Il codice di sicurezza ha 3 cifre.'
  if (!values.titolare) errors.titolare = 'Inserisci il nome del titolare della carta.'
  if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))
    errors.email = 'Indirizzo email non valido.'
  return { errors, declined: number === known[1] }
}

export async function submitCheckout(request: PluginHttpRequest) {
  const form = formOf(request)
  const session = await findSession(form.id)
  if (!session) return notFound()
  if (!isOpen(session)) return concluded(session)

  if (form.azione !== 'paga') {
    await moveSession(session.idSession, 'ANNULLATO', ['NUOVO', 'IN_CORSO'])
    return leave(
      session.returnKo,
      'Pagamento annullato',
      'Hai annullato il pagamento: l’avviso resta da pagare.'
    )
  }
  const values: Values = Object.fromEntries(FIELDS.map(({ name }) => [name, form[name] ?? '']))
  const { errors, declined } = cardErrors(values)
  if (Object.keys(errors).length) return checkoutPage(request, session, values, errors)

  const dovuti = await dovutiOf(session)
  if (!dovuti.length || dovuti.some((dovuto) => dovuto.stato !== 'DA_PAGARE'))
    return checkoutPage(request, session, values)
  if (declined) {
    await moveSession(session.idSession, 'NON_PAGATO', ['NUOVO', 'IN_CORSO'])
    return leave(
      session.returnKo,
      'Pagamento rifiutato',
      'La banca ha rifiutato il pagamento: l’avviso resta da pagare.'
    )
  }
  // the guard against a second submit: only one request moves the session to PAGATO
  if (!(await moveSession(session.idSession, 'PAGATO', ['NUOVO', 'IN_CORSO'])))
    return concluded((await findSession(session.idSession))!)

  const ente = (await findEnte(session.codIpaEnte))!
  const origin = new URL(request.url).origin
  const paidAt = new Date()
  for (const dovuto of dovuti) {
    if (!(await markPaid(dovuto.id, paidAt))) continue
    if (dovuto.marcaBollo) {
      // the PSP issues the marca with the payment
      const marca = {
        iubd: newIubd(),
        paidAt,
        amount: dovuto.amount,
        marcaBollo: dovuto.marcaBollo,
      }
      await keepMarca(dovuto.id, marcaDaBolloXml(marca))
    }
    await pushOutcome(
      ente,
      paymentOf((await findDovuto(ente.codIpaEnte, { iud: dovuto.iud }))!),
      origin
    )
  }
  return leave(session.returnOk, 'Pagamento eseguito', 'Il pagamento è stato eseguito.')
}

function leave(
  href: string,
  title: string,
  text: string
): Promise<PluginHttpResponse> | PluginHttpResponse {
  return href ? { redirect: href } : message(title, text, null)
}

/**
 * MyPay's landing for an open position (paaSILChiediPosizioniAperte's
 * `urlPagamento`, LandingController "precaricato"): `id` and `backUrl`
 * required, it opens a checkout for that dovuto.
 */
export async function precaricato(request: PluginHttpRequest) {
  const dovuto = await findDovutoBySession(String(request.query.id ?? ''))
  const backUrl = String(request.query.backUrl ?? '')
  if (!dovuto || !/^https?:\/\//.test(backUrl)) {
    return {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'id and backUrl parameters are mandatory',
    }
  }
  const idSession = newSessionId()
  await createSession({
    idSession,
    codIpaEnte: dovuto.codIpaEnte,
    kind: 'avviso',
    iuds: [dovuto.iud],
    returnOk: backUrlWith(backUrl, idSession, 'OK'),
    returnKo: backUrlWith(backUrl, idSession, 'ERROR'),
    email: typeof request.query.email === 'string' ? request.query.email : null,
  })
  return { redirect: `${baseOf(request, '/precaricato')}/pagamento?id=${idSession}` }
}
