import { fileURLToPath } from 'node:url'
import soap from 'soap'
import {
  PaymentRefusedError,
  RemoteConfigurationError,
  RemoteUnavailableError,
} from '#extension_points/payment/errors'
import { decodeDocument, encodeDocument, escapeXml, type PayerKind } from './documents.js'

/**
 * SOAP client of MyPay's `PagamentiTelematiciDovutiPagati` service for one
 * ente, built by the `soap` package from the WSDL copied in ./wsdl. The
 * XML documents travel base64-encoded in the SOAP fields.
 *
 * MyPay answers a business failure with a 200 and a `fault` bean in the
 * answer (returned here as `{ fault }`, the adapter decides what it means
 * for each operation); a transport failure (connection refused, timeout,
 * 5xx, a SOAP Fault of the server) is RemoteUnavailableError, so the
 * platform retries.
 */
export const WSDL_PATH = fileURLToPath(new URL('./wsdl/pa-per-ente.wsdl', import.meta.url))
/** The WSDL's port address, relative to MyPay's backend. */
export const SOAP_PATH = '/ws/pa/'

/** The operations that carry the SOAP header `ppthead:intestazionePPT` (binding in the WSDL). */
const WITH_HEADER = new Set([
  'paaSILInviaDovuti',
  'paaSILInviaCarrelloDovuti',
  'paaSILVerificaAvviso',
  'paaSILImportaDovuto',
])

export interface MyPayFault {
  faultCode: string
  faultString: string
  description?: string
}

export type Answer<T> =
  ({ fault: MyPayFault } & { [K in keyof T]?: undefined }) | ({ fault?: undefined } & T)

export interface MyPayConnection {
  /** MyPay's backend, e.g. https://mypay.regione.veneto.it/pa (the SOAP port is `${baseUrl}/ws/pa/`) */
  baseUrl: string
  codIpaEnte: string
  password: string
  timeoutMs: number
}

type RawAnswer = { fault?: MyPayFault } & Record<string, unknown>

export class MyPayClient {
  private constructor(
    private soapClient: soap.Client,
    private connection: MyPayConnection
  ) {}

  static async connect(connection: MyPayConnection) {
    const endpoint = `${connection.baseUrl.replace(/\/+$/, '')}${SOAP_PATH}`
    const client = await soap.createClientAsync(WSDL_PATH, { endpoint })
    const header =
      '<ppthead:intestazionePPT xmlns:ppthead="http://www.regione.veneto.it/pagamenti/ente/ppthead">' +
      `<codIpaEnte>${escapeXml(connection.codIpaEnte)}</codIpaEnte>` +
      '</ppthead:intestazionePPT>'
    client.addSoapHeader((method: { $name: string }) =>
      WITH_HEADER.has(method.$name) ? header : ''
    )
    return new MyPayClient(client, connection)
  }

  /**
   * Creates a dovuto (azione I, with `generateIuv`: MyPay gives it an IUV,
   * hence a notice) or cancels one (azione A).
   */
  async importaDovuto(
    versamentoXml: string,
    options: { generateIuv: boolean }
  ): Promise<Answer<{ iuv: string | null; urlFileAvviso: string | null }>> {
    const answer = await this.call('paaSILImportaDovuto', {
      password: this.connection.password,
      dovuto: encodeDocument(versamentoXml),
      flagGeneraIuv: options.generateIuv,
    })
    if (answer.fault) return { fault: answer.fault }
    return {
      iuv: stringOrNull(answer.identificativoUnivocoVersamento),
      urlFileAvviso: stringOrNull(answer.urlFileAvviso),
    }
  }

  /**
   * Sends dovuti to be paid now (a `Dovuti` document) and opens MyPay's
   * checkout for them: the only operation that takes a marca da bollo
   * digitale. MyPay gives them an IUV at its checkout, not here.
   */
  async inviaDovuti(
    dovutiXml: string,
    backUrl: string
  ): Promise<Answer<{ idSession: string; url: string }>> {
    const answer = await this.call('paaSILInviaDovuti', {
      password: this.connection.password,
      dovuti: encodeDocument(dovutiXml),
      enteSILInviaRispostaPagamentoUrl: backUrl,
    })
    if (answer.fault) return { fault: answer.fault }
    return sessionOf(answer)
  }

  /** Opens MyPay's checkout for the dovuti of an IUV; MyPay sends the citizen back to `backUrl`. */
  async verificaAvviso(
    iuv: string,
    backUrl: string
  ): Promise<Answer<{ idSession: string; url: string }>> {
    const answer = await this.call('paaSILVerificaAvviso', {
      password: this.connection.password,
      identificativoUnivocoVersamento: iuv,
      enteSILInviaRispostaPagamentoUrl: backUrl,
    })
    if (answer.fault) return { fault: answer.fault }
    return sessionOf(answer)
  }

  /** The outcome of a checkout session (a `Pagati` document once it has one). */
  async chiediPagati(idSession: string): Promise<Answer<{ pagati: string }>> {
    const answer = await this.call('paaSILChiediPagati', {
      codIpaEnte: this.connection.codIpaEnte,
      password: this.connection.password,
      idSession,
    })
    if (answer.fault) return { fault: answer.fault }
    return { pagati: decodeDocument(requiredString(answer.pagati)) }
  }

  /** The outcome of a dovuto by its IUD (or IUV), with the receipt (RT) once paid. */
  async chiediPagatiConRicevuta(
    key: { iud: string } | { iuv: string }
  ): Promise<Answer<{ pagati: string; rt: Buffer | null }>> {
    const answer = await this.call('paaSILChiediPagatiConRicevuta', {
      codIpaEnte: this.connection.codIpaEnte,
      password: this.connection.password,
      ...('iuv' in key
        ? { identificativoUnivocoVersamento: key.iuv }
        : { identificativoUnivocoDovuto: key.iud }),
    })
    if (answer.fault) return { fault: answer.fault }
    const rt = stringOrNull(answer.rt)
    return {
      pagati: decodeDocument(requiredString(answer.pagati)),
      rt: rt ? Buffer.from(rt, 'base64') : null,
    }
  }

  /** The payer's unpaid dovuti at this ente: one `Dovuti` document each. */
  async chiediPosizioniAperte(payer: {
    kind: PayerKind
    fiscalCode: string
  }): Promise<Answer<{ positions: Array<{ dovuti: string; urlPagamento: string | null }> }>> {
    const answer = await this.call('paaSILChiediPosizioniAperte', {
      password: this.connection.password,
      codIpaEnte: this.connection.codIpaEnte,
      identificativoUnivocoPersonaFG: {
        tipoIdentificativoUnivoco: payer.kind,
        codiceIdentificativoUnivoco: payer.fiscalCode,
      },
    })
    if (answer.fault) return { fault: answer.fault }
    const items = answer.paaSILPosizioniAperte
    const list = Array.isArray(items) ? items : items ? [items] : []
    return {
      positions: list.map((item: Record<string, unknown>) => ({
        dovuti: decodeDocument(requiredString(item.dovuti)),
        urlPagamento: stringOrNull(item.urlPagamento),
      })),
    }
  }

  private async call(operation: string, args: Record<string, unknown>): Promise<RawAnswer> {
    const method = (this.soapClient as unknown as Record<string, Function>)[`${operation}Async`]
    const send = async () => {
      const [answer] = (await method.call(this.soapClient, args, {
        timeout: this.connection.timeoutMs,
      })) as [RawAnswer | null]
      return normaliseFault(answer ?? {})
    }
    try {
      return await send()
    } catch (error) {
      // a kept-alive connection the server closed (a restart): sent again once on a new one.
      // Safe: every operation used here is idempotent (creation by IUD).
      if ((error as { code?: string; response?: unknown }).code !== 'ECONNRESET')
        throw transportError(error)
      try {
        return await send()
      } catch (again) {
        throw transportError(again)
      }
    }
  }
}

/** The checkout session of paaSILInviaDovuti and paaSILVerificaAvviso. */
function sessionOf(answer: RawAnswer) {
  const idSession = stringOrNull(answer.idSession)
  const url = stringOrNull(answer.url)
  if (!idSession || !url) throw new RemoteUnavailableError({ reason: 'unexpected_answer' })
  return { idSession, url }
}

function stringOrNull(value: unknown) {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

function requiredString(value: unknown) {
  const text = stringOrNull(value)
  if (!text) throw new RemoteUnavailableError({ reason: 'unexpected_answer' })
  return text
}

/** An answer whose fault bean is empty is not a fault. */
function normaliseFault(answer: RawAnswer): RawAnswer {
  if (answer.fault && !stringOrNull(answer.fault.faultCode)) {
    const rest = { ...answer }
    delete rest.fault
    return rest
  }
  return answer
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_CANCELED',
])

/** What a failed SOAP call means for the platform. */
export function transportError(error: unknown) {
  const failure = error as {
    code?: string
    message?: string
    response?: { status?: number }
    root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; faultstring?: string } } } }
  }
  const status = failure.response?.status
  const soapFault = failure.root?.Envelope?.Body?.Fault
  if (status === 401 || status === 403 || status === 404) {
    // credentials refused, or no MyPay service at this address: the settings need fixing
    return new RemoteConfigurationError({ reason: `http_${status}`, cause: error })
  }
  if (soapFault && /client/i.test(String(soapFault.faultcode))) {
    return new PaymentRefusedError('invalid', { detail: soapFault.faultstring, cause: error })
  }
  if (soapFault || (status !== undefined && status >= 500)) {
    return new RemoteUnavailableError({ reason: `http_${status ?? 500}`, cause: error })
  }
  if (failure.code && NETWORK_CODES.has(failure.code)) {
    return new RemoteUnavailableError({ reason: failure.code.toLowerCase(), cause: error })
  }
  // an answer that is not SOAP (a proxy's error page, a 404): the remote is not answering as MyPay
  return new RemoteUnavailableError({ reason: 'unexpected_answer', cause: error })
}
