import { timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import soap from 'soap'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { PaymentCallbackError } from '#extension_points/payment/errors'
import { NS, readPagamento, type PagamentoIris } from './documents.js'
import { asArray } from './xml.js'

/**
 * IRIS's push to the ente: IdpInformativaPagamento on the ente's
 * InvioNotificaPagamento service (wsdl/InvioNotificaPagamento_Ente.wsdl),
 * one or more payments. It carries no signature: it reaches the ente
 * through the regional cooperation gateway, optionally with HTTP Basic
 * credentials; the adapter believes only what IRIS confirms when asked.
 */
const WSDL_FILE = fileURLToPath(new URL('./wsdl/InvioNotificaPagamento_Ente.wsdl', import.meta.url))

let enteService: Promise<soap.WSDL> | null = null

function wsdl() {
  enteService ??= readFile(WSDL_FILE, 'utf8').then(
    (xml) =>
      new Promise<soap.WSDL>((resolve, reject) => {
        const parsed = new soap.WSDL(xml, WSDL_FILE, { attributesKey: 'attributes' })
        parsed.onReady((error: unknown) => (error ? reject(error) : resolve(parsed)))
      })
  )
  return enteService
}

export interface Informativa {
  msgId: string
  pagamenti: PagamentoIris[]
}

export async function readInformativa(xml: string | null): Promise<Informativa> {
  if (!xml) throw new PaymentCallbackError('malformed')
  try {
    const service = await wsdl()
    const envelope = service.xmlToObject(xml)
    const document = envelope?.Body?.IdpInformativaPagamento?.IdpInformativaPagamento
    const msgId = document?.IdpHeader?.E2E?.E2EMsgId
    const pagamenti = asArray(document?.IdpBody?.Pagamento)
    if (!msgId || pagamenti.length === 0) throw new TypeError('not an IdpInformativaPagamento')
    return { msgId: String(msgId), pagamenti: pagamenti.map((item: any) => readPagamento(item)) }
  } catch (error) {
    throw new PaymentCallbackError('malformed', { cause: error })
  }
}

function same(a: string, b: string) {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** With configured credentials, the push must carry them (HTTP Basic). */
export function checkCredentials(
  request: PluginHttpRequest,
  credentials: { username: string; password: string } | undefined
) {
  if (!credentials) return
  const header = request.headers.authorization
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
  if (typeof header !== 'string' || !same(header, expected)) {
    throw new PaymentCallbackError('invalid_signature')
  }
}

/** IdpInformativaPagamentoResponse: the message was processed. */
export function acknowledgement(): PluginHttpResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body:
      '<?xml version="1.0" encoding="utf-8"?>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      `<proxy:IdpInformativaPagamentoResponse xmlns:proxy="${NS.proxy}"><infoMessaggio>` +
      `<e:Stato xmlns:e="${NS.esito}">Elaborato Correttamente</e:Stato>` +
      '</infoMessaggio></proxy:IdpInformativaPagamentoResponse></soap:Body></soap:Envelope>',
  }
}
