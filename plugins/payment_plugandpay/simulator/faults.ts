import type { PluginHttpResponse } from '#extension_points/define_plugin'
import { faultEnvelope } from '../messages.js'

/**
 * Faults of the simulated Plug&Pay, for the tests and for trying the
 * platform by hand (POST /_sim/payment_plugandpay/guasti): the next SOAP
 * calls answer
 * - `errore500`: HTTP 500 with a SOAP Fault (ErroreInterno), nothing done;
 * - `timeout`: only after `ritardoMs`, having done the work (the caller gave up);
 * - `rispostaPersa`: HTTP 502 after doing the work (the answer was lost on the way).
 */
export type FaultKind = 'errore500' | 'timeout' | 'rispostaPersa'
export const FAULT_KINDS: FaultKind[] = ['errore500', 'timeout', 'rispostaPersa']

const queue: Array<{ kind: FaultKind; delayMs: number }> = []

export function injectFault(kind: FaultKind, options: { times?: number; delayMs?: number } = {}) {
  for (let index = 0; index < (options.times ?? 1); index++) {
    queue.push({ kind, delayMs: options.delayMs ?? 30_000 })
  }
}

export function clearFaults() {
  queue.length = 0
}

/** Runs a SOAP call under the next fault, if one is due. */
export async function withFaults(
  work: () => Promise<PluginHttpResponse>
): Promise<PluginHttpResponse> {
  const fault = queue.shift()
  if (!fault) return work()
  if (fault.kind === 'errore500') {
    return {
      status: 500,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: faultEnvelope(
        'Errore interno',
        'ErroreInterno',
        'Servizio temporaneamente non disponibile'
      ),
    }
  }
  const answer = await work()
  if (fault.kind === 'rispostaPersa') {
    return { status: 502, headers: { 'content-type': 'text/plain' }, body: 'Bad Gateway' }
  }
  await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
  return answer
}
