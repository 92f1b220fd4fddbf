import {
  TIPO_DOVUTO_MARCA_BOLLO,
  formatAmount,
  parseDovuti,
  versamentoXml,
  type DovutiDocument,
  type DovutoItem,
} from '../documents.js'
import {
  DATI_SPECIFICI_RISCOSSIONE,
  authenticated,
  backUrlWith,
  fault,
  payerFault,
} from './mypay_service.js'
import { createSession, findDovuto, insertDovuto, newSessionId, type SimEnte } from './store.js'
import { validateWithXsd } from './xsd.js'

/**
 * paaSILInviaDovuti: dovuti to be paid now, with the checkout opened for
 * them, and the only operation that takes a marca da bollo digitale
 * (PagamentiTelematiciDovutiPagatiImpl.paaSILInviaDovuti, with its checks
 * and fault codes). MyPay keeps the basket and makes the dovuti, with
 * their IUV, when the citizen reaches its checkout; the simulator makes
 * them at once, so a second send of the same IUD is PAA_IUD_DUPLICATO.
 */
type Args = Record<string, any>
type Headers = { intestazionePPT?: { codIpaEnte?: string } } | undefined

/**
 * The importo of the ente's MARCA_BOLLO_DIGITALE tipo dovuto, which only
 * MyPay's sysadmin sets: the simulated enti have the imposta di bollo.
 */
export const IMPORTO_MARCA_BOLLO = '16.00'

/** MyPay's limit on hashDocumento, "due to a constraint of PagoPA". */
const MAX_HASH_LENGTH = 72

function itemFault(ente: SimEnte, item: DovutoItem) {
  const refuse = (code: string, text: string) => fault(ente.codIpaEnte, code, text)
  if (item.iud.startsWith('000'))
    return refuse('PAA_IUD_NON_VALIDO', `IdentificativoUnivocoDovuto non valido [${item.iud}]`)
  // every ente has MARCA_BOLLO_DIGITALE (EnteTipoDovutoService.insertDefaultSet)
  const isMarca = item.tipoDovuto === TIPO_DOVUTO_MARCA_BOLLO
  if (!isMarca && !ente.tipiDovuto.includes(item.tipoDovuto)) {
    return refuse(
      'PAA_IDENTIFICATIVO_TIPO_DOVUTO_NON_VALIDO',
      `identificativoTipoDovuto [${item.tipoDovuto}] non valido`
    )
  }
  if (isMarca) {
    if (formatAmount(item.amountCents) !== IMPORTO_MARCA_BOLLO) {
      return refuse(
        'PAA_IMPORTO_MARCA_BOLLO_DIGITALE_NON_VALIDA',
        `importoSingoloVersamento non valido per tipo dovuto ${TIPO_DOVUTO_MARCA_BOLLO}`
      )
    }
    if (!item.marcaBollo)
      return refuse(
        'PAA_MARCA_BOLLO_DIGITALE_NON_VALIDA',
        'dati marca da bollo mancanti o non validi'
      )
    if (item.marcaBollo.hashDocumento.length > MAX_HASH_LENGTH) {
      return refuse(
        'PAA_MARCA_BOLLO_DIGITALE_NON_VALIDA',
        'hashDocumento non può contenere più di 72 caratteri'
      )
    }
  } else if (item.marcaBollo) {
    return refuse(
      'PAA_MARCA_BOLLO_DIGITALE_NON_VALIDA',
      'dati marca da bollo non supportati su tipo dovuto diverso da marca da bollo'
    )
  }
  if (!DATI_SPECIFICI_RISCOSSIONE.test(item.datiSpecificiRiscossione)) {
    return refuse(
      'PAA_DATI_SPECIFICI_RISCOSSIONE_NON_VALIDO',
      `DatiSpecificiRiscossione non valido [${item.datiSpecificiRiscossione}]`
    )
  }
  return null
}

function readDovuti(xml: string): DovutiDocument | null {
  try {
    return parseDovuti(xml)
  } catch {
    return null
  }
}

export async function inviaDovuti(args: Args, headers: Headers, context: { baseUrl: string }) {
  const codIpaEnte = headers?.intestazionePPT?.codIpaEnte
  const ko = (failure: ReturnType<typeof fault>) => ({ fault: failure, esito: 'KO' })
  const login = await authenticated(codIpaEnte, args.password)
  if (login.fault) return ko(login.fault)
  const ente = login.ente
  const xml = Buffer.from(String(args.dovuti ?? ''), 'base64').toString('utf8')
  const check = await validateWithXsd(xml)
  const dovuti = check.valid ? readDovuti(xml) : null
  if (!dovuti) {
    const detail = check.errors || 'il documento non è Dovuti'
    return ko(fault(ente.codIpaEnte, 'PAA_XML_NON_VALIDO', 'XML dei dovuti non valido', detail))
  }
  if (dovuti.iuv) {
    return ko(fault(ente.codIpaEnte, 'PAA_IUV_NON_VALIDO', 'l’inserimento dello IUV è deprecato'))
  }
  const payerProblem = payerFault(ente.codIpaEnte, dovuti.payer)
  if (payerProblem) return ko(payerProblem)
  for (const item of dovuti.items) {
    const problem = itemFault(ente, item)
    if (problem) return ko(problem)
    if (await findDovuto(ente.codIpaEnte, { iud: item.iud }))
      return ko(fault(ente.codIpaEnte, 'PAA_IUD_DUPLICATO', `IUD [${item.iud}] già inviato`))
  }

  for (const item of dovuti.items) {
    const inserted = await insertDovuto({
      ente,
      iud: item.iud,
      // the simulator keeps every dovuto as the Versamento of its data
      versamentoXml: versamentoXml({ azione: 'I', payer: dovuti.payer, ...item }),
      payerKind: dovuti.payer.kind,
      payerFiscalCode: dovuti.payer.fiscalCode,
      amount: formatAmount(item.amountCents),
      dueDate: null,
      marcaBollo: item.marcaBollo,
    })
    if (!inserted)
      return ko(fault(ente.codIpaEnte, 'PAA_IUD_DUPLICATO', `IUD [${item.iud}] già inviato`))
  }
  const idSession = newSessionId()
  const backUrl = String(args.enteSILInviaRispostaPagamentoUrl ?? '')
  await createSession({
    idSession,
    codIpaEnte: ente.codIpaEnte,
    kind: 'dovuti',
    iuds: dovuti.items.map((item) => item.iud),
    returnOk: backUrlWith(backUrl, idSession, 'OK'),
    returnKo: backUrlWith(backUrl, idSession, 'ERROR'),
    email: dovuti.payer.email ?? null,
  })
  return {
    esito: 'OK',
    idSession,
    redirect: 1,
    url: `${context.baseUrl}/pagamento?id=${idSession}`,
  }
}
