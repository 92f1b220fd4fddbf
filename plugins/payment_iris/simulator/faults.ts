import type { PluginHttpResponse } from '#extension_points/define_plugin'

/**
 * Faults of the simulated IRIS, for the tests and for trying the platform
 * by hand (POST /_sim/payment_iris/guasti): the next SOAP calls answer
 * - `errore500`: HTTP 500 with a SOAP Fault, nothing done;
 * - `timeout`: only after `ritardoMs`, having done the work (the caller gave up);
 * - `rispostaPersa`: HTTP 504 after doing the work (the cooperation gateway lost the answer).
 */
export type FaultKind = 'errore500' | 'timeout' | 'rispostaPersa'
export const FAULT_KINDS: FaultKind[] = ['errore500', 'timeout', 'rispostaPersa']

interface Fault {
  kind: FaultKind
  delayMs: number
}

const queue: Fault[] = []

export function injectFault(kind: FaultKind, options: { times?: number; delayMs?: number } = {}) {
  for (let index = 0; index < (options.times ?? 1); index++) {
    queue.push({ kind, delayMs: options.delayMs ?? 30_000 })
  }
}

export function clearFaults() {
  queue.length = 0
}

const SOAP_FAULT =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
  '<soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Internal error</faultstring>' +
  '</soap:Fault></soap:Body></soap:Envelope>'

/** Runs a SOAP call under the next fault, if one is due. */
export async function withFaults(
  work: () => Promise<PluginHttpResponse>
): Promise<PluginHttpResponse> {
  const fault = queue.shift()
  if (!fault) return work()
  if (fault.kind === 'errore500') {
    return { status: 500, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: SOAP_FAULT }
  }
  const answer = await work()
  if (fault.kind === 'rispostaPersa') {
    return { status: 504, headers: { 'content-type': 'text/plain' }, body: 'Gateway Timeout' }
  }
  await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
  return answer
}
