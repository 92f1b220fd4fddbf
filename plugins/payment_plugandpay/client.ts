import { RemoteConfigurationError, RemoteUnavailableError } from '#extension_points/payment/errors'
import { OPERATIONS, readEnvelope, soapAction, type Operation, type Service } from './messages.js'
import type { XmlElement } from './xml.js'

/**
 * Plug&Pay's SOAP services (Feed, Deliver, Payment, GeneratorPdf) over HTTP:
 * SOAP 1.1 with the WCF SOAPAction of each operation. The answer's result
 * members are handed back to messages.ts to read.
 *
 * Unreachable, a timeout, HTTP 5xx or a fault of Plug&Pay's own
 * (ErroreInterno) raise RemoteUnavailableError (retried); a refused
 * application id (OperazioneProibita, 401/403) or a wrong address
 * RemoteConfigurationError.
 */
export type Endpoints = Record<Service, string>

export class PlugAndPayFault extends Error {
  constructor(
    readonly faultString: string,
    readonly codiceErrore?: string,
    readonly descrizioneErrore?: string
  ) {
    super(`Plug&Pay: ${descrizioneErrore ?? faultString}`)
  }
}

const CONFIGURATION_FAULTS = /OperazioneProibita|Autenticazione|IdApplicazione/i
const INTERNAL_FAULTS = /ErroreInterno/i

export class PlugAndPayClient {
  constructor(
    private endpoints: Endpoints,
    private timeoutMs: number
  ) {}

  /** Sends one request; answers the members of the operation's result. */
  async call(operation: Operation, document: string): Promise<XmlElement> {
    const response = await this.#post(operation, document)
    const body = await response.text().catch((error) => {
      throw new RemoteUnavailableError({ reason: 'unreachable', cause: error })
    })
    if (response.status === 401 || response.status === 403) {
      throw new RemoteConfigurationError({ reason: 'authentication_failed' })
    }
    if (response.status === 404) {
      throw new RemoteConfigurationError({ reason: 'endpoint_not_found' })
    }
    let answer: ReturnType<typeof readEnvelope>
    try {
      answer = readEnvelope(body)
    } catch (error) {
      throw new RemoteUnavailableError({ reason: `http_${response.status}`, cause: error })
    }
    if (answer.fault) {
      const fault = new PlugAndPayFault(
        answer.fault.faultString,
        answer.fault.codiceErrore,
        answer.fault.descrizioneErrore
      )
      if (
        INTERNAL_FAULTS.test(answer.fault.codiceErrore ?? '') ||
        (response.status >= 500 && !answer.fault.codiceErrore)
      ) {
        throw new RemoteUnavailableError({ reason: `http_${response.status}`, cause: fault })
      }
      if (CONFIGURATION_FAULTS.test(answer.fault.codiceErrore ?? '')) {
        throw new RemoteConfigurationError({
          reason: 'refused',
          message: fault.message,
          cause: fault,
        })
      }
      throw fault
    }
    if (response.status >= 500 || answer.operation !== `${operation}Response` || !answer.members) {
      throw new RemoteUnavailableError({ reason: `unexpected_answer_${response.status}` })
    }
    return answer.members
  }

  async #post(operation: Operation, document: string) {
    try {
      return await fetch(this.endpoints[OPERATIONS[operation]], {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          'soapaction': `"${soapAction(operation)}"`,
        },
        body: document,
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (error) {
      throw new RemoteUnavailableError({ reason: 'unreachable', cause: error })
    }
  }
}
