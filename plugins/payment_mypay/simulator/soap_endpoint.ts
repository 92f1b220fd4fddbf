import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import soap from 'soap'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { SOAP_PATH, WSDL_PATH } from '../client.js'
import { simulatorFaults } from './faults.js'
import { inviaDovuti } from './invia_dovuti.js'
import {
  chiediPagati,
  chiediPagatiConRicevuta,
  chiediPosizioniAperte,
  importaDovuto,
  verificaAvviso,
} from './mypay_service.js'

/**
 * MyPay's SOAP endpoint: a `soap.listen` server built from the same WSDL
 * as the client, without an HTTP server of its own (`soap.listen(null, ...)`):
 * the simulator route hands it each request's XML (`processRequest`) and
 * sends back what it writes. So it is served by the app under
 * /_sim/payment_mypay/ws/pa/ and by a test's SimulatorServer alike.
 * Operations the platform does not use answer a SOAP Fault.
 */
type SoapRequest = { url?: string }

/** Where the simulator's pages hang from: the SOAP URL without `/ws/pa/`. */
function baseUrlOf(request: SoapRequest) {
  return String(request.url ?? '').replace(/\/ws\/pa\/?(\?.*)?$/, '')
}

const services = {
  PagamentiTelematiciDovutiPagatiService: {
    PagamentiTelematiciDovutiPagatiPort: {
      paaSILImportaDovuto: (args: any, _callback: unknown, headers: any) =>
        importaDovuto(args, headers),
      paaSILInviaDovuti: (args: any, _callback: unknown, headers: any, request: SoapRequest) =>
        inviaDovuti(args, headers, { baseUrl: baseUrlOf(request) }),
      paaSILVerificaAvviso: (args: any, _callback: unknown, headers: any, request: SoapRequest) =>
        verificaAvviso(args, headers, { baseUrl: baseUrlOf(request) }),
      paaSILChiediPagati: (args: any) => chiediPagati(args),
      paaSILChiediPagatiConRicevuta: (args: any) => chiediPagatiConRicevuta(args),
      paaSILChiediPosizioniAperte: (
        args: any,
        _callback: unknown,
        _headers: unknown,
        request: SoapRequest
      ) => chiediPosizioniAperte(args, { baseUrl: baseUrlOf(request) }),
    },
  },
}

let server: Promise<soap.Server> | null = null

function soapServer() {
  server ??= new Promise((resolve, reject) => {
    const listening: soap.Server = soap.listen(null as never, {
      path: SOAP_PATH,
      services,
      xml: readFileSync(WSDL_PATH, 'utf8'),
      uri: WSDL_PATH,
      callback: (error: unknown) => (error ? reject(error) : resolve(listening)),
    })
  })
  return server
}

/** The operation a SOAP request calls: the first element of its Body. */
function operationOf(xml: string) {
  return /<(?:[\w-]+:)?(paaSIL\w+)[\s/>]/.exec(xml)?.[1] ?? 'unknown'
}

export async function soapEndpoint(request: PluginHttpRequest): Promise<PluginHttpResponse> {
  const xml = request.rawBody ?? ''
  const fault = simulatorFaults.take(operationOf(xml))
  if (fault === 'http500') {
    return {
      status: 500,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
    }
  }
  if (fault === 'timeout') {
    await sleep(simulatorFaults.holdMs)
    return { status: 504, body: '' }
  }
  const soapServerReady = await soapServer()
  const run = () =>
    soapServerReady.processRequest(xml, {
      method: 'POST',
      url: request.url,
      headers: request.headers as Record<string, string>,
    })
  let answer = await run()
  if (fault === 'twice') answer = await run()
  if (fault === 'lostAnswer') await sleep(simulatorFaults.holdMs)
  return {
    status: answer.statusCode,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: answer.body,
  }
}
