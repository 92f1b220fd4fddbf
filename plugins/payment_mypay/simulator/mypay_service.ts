import { createHash } from 'node:crypto'
import {
  TIPO_DOVUTO_MARCA_BOLLO,
  clip,
  dovutiXml,
  parseVersamento,
  type VersamentoDocument,
} from '../documents.js'
import { pagatiXml, rtXml, type Payment } from './documents.js'
import { isValidCodiceFiscale, isValidPartitaIva } from './fiscal_codes.js'
import {
  createSession,
  findDovuto,
  findEnte,
  findSession,
  giveSessionToDovuto,
  insertDovuto,
  newSessionId,
  setDovutoStato,
  unpaidDovutiOf,
  type SimDovuto,
  type SimEnte,
  type SimSession,
} from './store.js'
import { validateWithXsd } from './xsd.js'

/**
 * The operations of MyPay's PagamentiTelematiciDovutiPagati the platform
 * uses, with MyPay's checks, states and fault codes
 * (PagamentiTelematiciDovutiPagatiImpl, DovutoService.importDovuto,
 * ChiediPagatiConRicevutaService, ChiediPosizioniAperteService, the
 * insert_mygov_dovuto DB function). Each returns the answer object in the
 * order of the WSDL's sequence; the `soap` server writes it out.
 */
type Args = Record<string, any>
type Headers = { intestazionePPT?: { codIpaEnte?: string } } | undefined
/** the simulator's own address (what `/ws/pa/` hangs from), for the pages it links to */
type Context = { baseUrl: string }

export const DATI_SPECIFICI_RISCOSSIONE = /^[0129]\/\S{3,138}$/

export function fault(
  codIpaEnte: string | undefined,
  faultCode: string,
  faultString: string,
  description?: string
) {
  return {
    faultCode,
    faultString,
    id: codIpaEnte || 'n/a',
    ...(description ? { description } : {}),
  }
}

/** The base64 of MyPay's `pagati` fields: it base64-encodes a document already in base64. */
function twiceBase64(xml: string) {
  return Buffer.from(Buffer.from(xml, 'utf8').toString('base64'), 'utf8').toString('base64')
}

function once(xml: string) {
  return Buffer.from(xml, 'utf8').toString('base64')
}

export async function authenticated(codIpaEnte: string | undefined, password: string | undefined) {
  const ente = await findEnte(codIpaEnte)
  if (!ente)
    return {
      fault: fault(codIpaEnte, 'PAA_ENTE_NON_VALIDO', `codice IPA Ente [${codIpaEnte}] non valido`),
    }
  if (password !== ente.password) {
    return {
      fault: fault(
        codIpaEnte,
        'PAA_ENTE_NON_VALIDO',
        `Password non valida per ente [${codIpaEnte}]`
      ),
    }
  }
  return { ente }
}

export function payerFault(codIpaEnte: string, payer: VersamentoDocument['payer']) {
  if (payer.kind === 'F' && !isValidCodiceFiscale(payer.fiscalCode)) {
    return fault(
      codIpaEnte,
      'PAA_CODICE_FISCALE_NON_VALIDO',
      `paaSILImportaDovuto: Codice fiscale non valido [${payer.fiscalCode}]`
    )
  }
  if (
    payer.kind === 'G' &&
    !isValidPartitaIva(payer.fiscalCode) &&
    !isValidCodiceFiscale(payer.fiscalCode)
  ) {
    return fault(
      codIpaEnte,
      'PAA_P_IVA_NON_VALIDO',
      `paaSILImportaDovuto: P.IVA non valida [${payer.fiscalCode}]`
    )
  }
  return null
}

export function paymentOf(dovuto: SimDovuto, esito: Payment['esito'] = '0', at?: Date): Payment {
  return {
    versamento: parseVersamento(dovuto.versamentoXml),
    iuv: dovuto.iuv,
    iur:
      dovuto.iur ??
      createHash('sha256').update(`${dovuto.iud}:${at?.getTime()}`).digest('hex').slice(0, 32),
    paidAt: dovuto.paidAt ?? at ?? new Date(),
    esito,
    marcaXml: dovuto.marcaXml,
  }
}

/** MyPay appends the outcome to the SIL's back URL (LandingController). */
export function backUrlWith(backUrl: string, idSession: string, esito: 'OK' | 'ERROR') {
  if (!backUrl) return ''
  const url = new URL(backUrl)
  url.searchParams.set('idSession', idSession)
  url.searchParams.set('esito', esito)
  return url.toString()
}

export async function importaDovuto(args: Args, headers: Headers) {
  const codIpaEnte = headers?.intestazionePPT?.codIpaEnte
  const ko = (failure: ReturnType<typeof fault>) => ({ fault: failure, esito: 'KO' })
  const xml = Buffer.from(String(args.dovuto ?? ''), 'base64').toString('utf8')
  const check = await validateWithXsd(xml)
  if (!check.valid) {
    return ko(
      fault(
        codIpaEnte,
        'PAA_XML_NON_VALIDO',
        'XML dei dovuti non valido',
        check.errors.slice(0, 1000)
      )
    )
  }
  const login = await authenticated(codIpaEnte, args.password)
  if (login.fault) return ko(login.fault)
  const ente = login.ente
  const versamento = parseVersamento(xml)

  if (versamento.azione === 'A') return cancel(ente, versamento)
  if (versamento.azione !== 'I') {
    return ko(
      fault(
        ente.codIpaEnte,
        'PAA_SYSTEM_ERROR',
        `azione [${versamento.azione}] non gestita dal simulatore`
      )
    )
  }
  if (versamento.iuv || args.flagGeneraIuv !== true) {
    return ko(
      fault(
        ente.codIpaEnte,
        'PAA_IUV_NON_VALIDO',
        'il simulatore assegna sempre lo IUV (flagGeneraIuv)'
      )
    )
  }
  if (versamento.tipoDovuto === TIPO_DOVUTO_MARCA_BOLLO) {
    return ko(
      fault(
        ente.codIpaEnte,
        'PAA_IDENTIFICATIVO_TIPO_DOVUTO_NON_VALIDO',
        `Error tipo dovuto [${versamento.tipoDovuto}] non abilitato per funzione di import`
      )
    )
  }
  if (!ente.tipiDovuto.includes(versamento.tipoDovuto)) {
    return ko(
      fault(
        ente.codIpaEnte,
        'PAA_IDENTIFICATIVO_TIPO_DOVUTO_NON_VALIDO',
        `Error tipo dovuto [${versamento.tipoDovuto}] non censito per ente [${ente.codIpaEnte}]`
      )
    )
  }
  if (versamento.iud.startsWith('000')) {
    return ko(
      fault(
        ente.codIpaEnte,
        'PAA_IUD_NON_VALIDO',
        `paaSILImportaDovuto: IdentificativoUnivocoDovuto non valido: ${versamento.iud}`
      )
    )
  }
  if (!DATI_SPECIFICI_RISCOSSIONE.test(versamento.datiSpecificiRiscossione)) {
    return ko(
      fault(
        ente.codIpaEnte,
        'PAA_DATI_SPECIFICI_RISCOSSIONE_NON_VALIDO',
        `paaSILImportaDovuto: DatiSpecificiRiscossione non valido: ${versamento.datiSpecificiRiscossione}`
      )
    )
  }
  const payerProblem = payerFault(ente.codIpaEnte, versamento.payer)
  if (payerProblem) return ko(payerProblem)

  const dovuto = await insertDovuto({
    ente,
    iud: versamento.iud,
    versamentoXml: xml,
    payerKind: versamento.payer.kind,
    payerFiscalCode: versamento.payer.fiscalCode,
    amount: versamento.amount,
    dueDate: versamento.dueDate?.slice(0, 10) ?? null,
  })
  if (!dovuto) {
    return ko(
      fault(
        ente.codIpaEnte,
        'PAA_IMPORT_IUD_DUPLICATO',
        `paaSILImportaDovuto: Errore import dovuto IUV [null] e IUD [${versamento.iud}]: IUD attivo presente nel database, non si accettano dovuti duplicati`
      )
    )
  }
  return { esito: 'OK', identificativoUnivocoVersamento: dovuto.iuv }
}

async function cancel(ente: SimEnte, versamento: VersamentoDocument) {
  const dovuto = await findDovuto(ente.codIpaEnte, { iud: versamento.iud })
  const cancelled = dovuto ? await setDovutoStato(dovuto.id, 'ANNULLATO', ['DA_PAGARE']) : false
  if (!cancelled) {
    const reason = dovuto
      ? 'il dovuto non è annullabile'
      : `Dovuto non trovato per IUD [${versamento.iud}]`
    return {
      fault: fault(
        ente.codIpaEnte,
        'PAA_SYSTEM_ERROR',
        `paaSILImportaDovuto: Errore import dovuto IUD [${versamento.iud}]: ${reason}`
      ),
      esito: 'KO',
    }
  }
  return { esito: 'OK' }
}

export async function verificaAvviso(args: Args, headers: Headers, context: Context) {
  const codIpaEnte = headers?.intestazionePPT?.codIpaEnte
  const login = await authenticated(codIpaEnte, args.password)
  if (login.fault) return { fault: login.fault, esito: 'KO' }
  const iuv = String(args.identificativoUnivocoVersamento ?? '')
  const dovuto = await findDovuto(login.ente.codIpaEnte, { iuv })
  if (!dovuto) {
    return {
      fault: fault(
        codIpaEnte,
        'PAA_IUV_NON_VALIDO',
        `Error nessun dovuto trovato per IUV [${iuv}] ed ente [${codIpaEnte}]`
      ),
      esito: 'KO',
    }
  }
  if (dovuto.stato !== 'DA_PAGARE') {
    return {
      fault: fault(
        codIpaEnte,
        'PAA_IUV_NON_VALIDO',
        `non ci sono dovuti pagabili per il dato IUV [${iuv}]`
      ),
      esito: 'KO',
    }
  }
  const idSession = newSessionId()
  const backUrl = String(args.enteSILInviaRispostaPagamentoUrl ?? '')
  await createSession({
    idSession,
    codIpaEnte: login.ente.codIpaEnte,
    kind: 'avviso',
    iuds: [dovuto.iud],
    returnOk: backUrlWith(backUrl, idSession, 'OK'),
    returnKo: backUrlWith(backUrl, idSession, 'ERROR'),
    email: parseVersamento(dovuto.versamentoXml).payer.email ?? null,
  })
  return {
    esito: 'OK',
    idSession,
    redirect: 1,
    url: `${context.baseUrl}/pagamento?id=${idSession}`,
  }
}

/** The outcome of a session, as paaSILChiediPagati(ConRicevuta) tell it; null when it has one. */
async function sessionFault(ente: SimEnte, session: SimSession | null, idSession: string) {
  if (!session || session.codIpaEnte !== ente.codIpaEnte) {
    return fault(
      ente.codIpaEnte,
      'PAA_ID_SESSION_NON_VALIDO',
      `idSession [${idSession}] non valido per l Ente specificato`
    )
  }
  if (session.stato === 'NUOVO') {
    return fault(
      ente.codIpaEnte,
      'PAA_PAGAMENTO_NON_INIZIATO',
      `Pagamento non iniziato per idSession specificato [${idSession}]`
    )
  }
  if (session.stato === 'IN_CORSO') {
    return fault(
      ente.codIpaEnte,
      'PAA_PAGAMENTO_IN_CORSO',
      `Pagamento in corso per idSession specificato [${idSession}]`
    )
  }
  if (session.stato === 'ANNULLATO') {
    return fault(
      ente.codIpaEnte,
      'PAA_PAGAMENTO_ANNULLATO',
      `Pagamento annullato per idSession specificato [${idSession}]`
    )
  }
  return null
}

async function sessionPayment(ente: SimEnte, session: SimSession) {
  const dovuto = (await findDovuto(ente.codIpaEnte, { iud: session.iuds[0] }))!
  return session.stato === 'PAGATO' ? paymentOf(dovuto) : paymentOf(dovuto, '1', session.createdAt)
}

export async function chiediPagati(args: Args) {
  const login = await authenticated(args.codIpaEnte, args.password)
  if (login.fault) return { fault: login.fault }
  const idSession = String(args.idSession ?? '')
  const session = await findSession(idSession)
  const failure = await sessionFault(login.ente, session, idSession)
  if (failure) return { fault: failure }
  return {
    pagati: twiceBase64(
      pagatiXml('Pagati', login.ente, await sessionPayment(login.ente, session!))
    ),
  }
}

export async function chiediPagatiConRicevuta(args: Args) {
  const login = await authenticated(args.codIpaEnte, args.password)
  if (login.fault) return { fault: login.fault }
  const ente = login.ente
  const given = (
    ['idSession', 'identificativoUnivocoVersamento', 'identificativoUnivocoDovuto'] as const
  ).filter((name) => typeof args[name] === 'string' && args[name].trim() !== '')
  if (given.length !== 1) {
    return {
      fault: fault(
        ente.codIpaEnte,
        'PAA_SYSTEM_ERROR',
        'PAA SYSTEM ERROR',
        'Indicare uno e uno solo tra idSession, identificativoUnivocoVersamento e identificativoUnivocoDovuto.'
      ),
    }
  }
  const receipt = (payment: Payment) => ({
    pagati: twiceBase64(pagatiXml('PagatiConRicevuta', ente, payment)),
    tipoFirma: '',
    rt: once(rtXml(ente, payment)),
  })

  if (given[0] === 'idSession') {
    const session = await findSession(args.idSession)
    const failure = await sessionFault(ente, session, args.idSession)
    return failure ? { fault: failure } : receipt(await sessionPayment(ente, session!))
  }
  const byIud = given[0] === 'identificativoUnivocoDovuto'
  const key = byIud
    ? { iud: String(args.identificativoUnivocoDovuto) }
    : { iuv: String(args.identificativoUnivocoVersamento) }
  const dovuto = await findDovuto(ente.codIpaEnte, key)
  const which = byIud
    ? `IUD [ ${'iud' in key ? key.iud : ''} ]`
    : `IUV [ ${'iuv' in key ? key.iuv : ''} ]`
  if (!dovuto) {
    return {
      fault: byIud
        ? fault(
            ente.codIpaEnte,
            'PAA_IUD_NON_VALIDO',
            `IUD non valido per ente [ ${ente.codIpaEnte} ].`
          )
        : fault(
            ente.codIpaEnte,
            'PAA_IUV_NON_VALIDO',
            `IUV non valido per ente [ ${ente.codIpaEnte} ].`
          ),
    }
  }
  const failures: Record<Exclude<SimDovuto['stato'], 'PAGATO'>, [string, string]> = {
    DA_PAGARE: ['PAA_PAGAMENTO_NON_INIZIATO', 'Pagamento non iniziato'],
    PAGAMENTO_INIZIATO: ['PAA_PAGAMENTO_IN_CORSO', 'Pagamento in corso'],
    SCADUTO: ['PAA_PAGAMENTO_SCADUTO', 'Pagamento scaduto'],
    ANNULLATO: ['PAA_PAGAMENTO_ANNULLATO', 'Pagamento annullato'],
  }
  if (dovuto.stato !== 'PAGATO') {
    const [code, text] = failures[dovuto.stato]
    return {
      fault: fault(ente.codIpaEnte, code, `${text} per ente [ ${ente.codIpaEnte} ], ${which}`),
    }
  }
  return receipt(paymentOf(dovuto))
}

export async function chiediPosizioniAperte(args: Args, context: Context) {
  const login = await authenticated(args.codIpaEnte, args.password)
  if (login.fault) return { fault: login.fault }
  const person = args.identificativoUnivocoPersonaFG ?? {}
  const code = String(person.codiceIdentificativoUnivoco ?? '').toUpperCase()
  const valid =
    person.tipoIdentificativoUnivoco === 'G'
      ? isValidPartitaIva(code) || isValidCodiceFiscale(code)
      : isValidCodiceFiscale(code)
  if (!valid) {
    return {
      fault: fault(
        login.ente.codIpaEnte,
        'PAA_CODICE_FISCALE_NON_VALIDO',
        `Codice fiscale non valido [${code}]`
      ),
    }
  }
  const positions = []
  for (const dovuto of await unpaidDovutiOf(login.ente.codIpaEnte, code)) {
    let idSession = dovuto.idSession
    if (!idSession) {
      idSession = newSessionId()
      await giveSessionToDovuto(dovuto.id, idSession)
    }
    positions.push({
      codIpaEnte: login.ente.codIpaEnte,
      // the WSDL's stText100 is at most 35 characters
      deNomeEnte: clip(login.ente.name, 35),
      urlPagamento: `${context.baseUrl}/precaricato?id=${idSession}`,
      dovuti: once(openDovutoXml(dovuto)),
    })
  }
  return { paaSILPosizioniAperte: positions }
}

/** An open position's `Dovuti` document (ChiediPosizioniAperteService.mapDebitoToNewDovuti). */
function openDovutoXml(dovuto: SimDovuto) {
  const versamento = parseVersamento(dovuto.versamentoXml)
  return dovutiXml({
    payer: versamento.payer,
    iuv: dovuto.iuv,
    items: [{ ...versamento, marcaBollo: dovuto.marcaBollo }],
  })
}
