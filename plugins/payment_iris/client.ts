import { fileURLToPath } from 'node:url'
import soap from 'soap'
import { RemoteConfigurationError, RemoteUnavailableError } from '#extension_points/payment/errors'
import {
  NS,
  readEsitoOtf,
  readEsitoVerifica,
  readMultiEsitoOtf,
  type EsitoOtf,
  type EsitoVerifica,
} from './documents.js'

/**
 * IRIS's SOAP services, from IRIS's own WSDLs (wsdl/): the pendenze
 * (ComunicazionePosizioniDebitorieOTF) and the payment check
 * (VerificaStatoPagamento). Both answer behind the regional
 * cooperation gateway (CART) with HTTP Basic credentials.
 *
 * A document goes out as written by documents.ts: the `soap` package adds
 * the envelope and the operation's wrapper element, in IRIS's `proxy`
 * namespace (the WSDL declares it as default namespace, which `soap`
 * would otherwise leave unprefixed).
 *
 * An IRIS that cannot be reached, times out or answers 5xx raises
 * RemoteUnavailableError (the core retries); refused credentials or a
 * wrong address RemoteConfigurationError.
 */
const WSDL = {
  posizioni: fileURLToPath(new URL('./wsdl/ComunicazionePosizioniDebitorie.wsdl', import.meta.url)),
  verifica: fileURLToPath(new URL('./wsdl/InvioNotificaPagamento.wsdl', import.meta.url)),
}

export interface IrisConnection {
  /** ComunicazionePosizioniDebitorieOTF endpoint */
  posizioni: string
  /** VerificaStatoPagamento endpoint */
  verifica: string
  username?: string
  password?: string
  timeoutMs: number
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ERR_CANCELED',
])

function toRemoteError(error: any): Error {
  const status: number | undefined = error?.response?.status
  if (status === 401 || status === 403) {
    return new RemoteConfigurationError({ reason: 'authentication_failed', cause: error })
  }
  if (status === 404)
    return new RemoteConfigurationError({ reason: 'endpoint_not_found', cause: error })
  if (status !== undefined && status >= 500) {
    return new RemoteUnavailableError({ reason: `http_${status}`, cause: error })
  }
  if (UNREACHABLE.has(error?.code))
    return new RemoteUnavailableError({ reason: 'unreachable', cause: error })
  // a SOAP Fault in a 200 answer: IRIS's IrisException ("Internal error")
  if (error?.root?.Envelope?.Body?.Fault)
    return new RemoteUnavailableError({ reason: 'soap_fault', cause: error })
  return new RemoteUnavailableError({ reason: 'unexpected_answer', cause: error })
}

export class IrisClient {
  #clients = new Map<keyof typeof WSDL, Promise<soap.Client>>()

  constructor(private connection: IrisConnection) {}

  /** IdpAllineamentoPendenzeEnteOTF: one ente's pendenze, with or without a gateway session. */
  async allineamentoPendenze(document: string): Promise<EsitoOtf> {
    const result = await this.#call('posizioni', 'IdpAllineamentoPendenzeEnteOTF', document)
    return this.#read(() => readEsitoOtf(result))
  }

  /** IdpAllineamentoPendenzeMultiEnteOTF: several pendenze, one gateway session. */
  async allineamentoPendenzeMulti(document: string): Promise<EsitoOtf> {
    const result = await this.#call('posizioni', 'IdpAllineamentoPendenzeMultiEnteOTF', document)
    return this.#read(() => readMultiEsitoOtf(result))
  }

  /** IdpVerificaStatoPagamenti: the state of payments by IdPagamento. */
  async verificaStatoPagamenti(document: string): Promise<EsitoVerifica> {
    const result = await this.#call('verifica', 'IdpVerificaStatoPagamenti', document)
    return this.#read(() => readEsitoVerifica(result))
  }

  async #call(service: keyof typeof WSDL, operation: string, document: string) {
    const client = await this.#client(service)
    try {
      const [result] = await (client as any)[`${operation}Async`](
        { $xml: document },
        { timeout: this.connection.timeoutMs }
      )
      return result
    } catch (error) {
      throw toRemoteError(error)
    }
  }

  /** An answer IRIS's schema does not allow is a remote failure, not a refusal. */
  #read<T>(read: () => T): T {
    try {
      return read()
    } catch (error) {
      throw new RemoteUnavailableError({ reason: 'malformed_answer', cause: error })
    }
  }

  #client(service: keyof typeof WSDL) {
    let client = this.#clients.get(service)
    if (!client) {
      client = soap
        .createClientAsync(WSDL[service], {
          endpoint: this.connection[service],
          overrideRootElement: {
            namespace: 'proxy',
            xmlnsAttributes: [{ name: 'xmlns:proxy', value: NS.proxy }],
          },
        })
        .then((created) => {
          if (this.connection.username) {
            created.setSecurity(
              new soap.BasicAuthSecurity(this.connection.username, this.connection.password ?? '')
            )
          }
          return created
        })
      this.#clients.set(service, client)
    }
    return client
  }
}
