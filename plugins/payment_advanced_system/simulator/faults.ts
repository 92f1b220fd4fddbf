import type { PluginHttpResponse } from '#extension_points/define_plugin'

/**
 * Faults of the simulated gateway, for the tests and for trying the
 * platform by hand (POST /_sim/payment_advanced_system/guasti with
 * {"tipo", "volte", "ritardoMs"}): the next API calls answer
 * - `errore500`: HTTP 500, nothing done;
 * - `timeout`: only after `ritardoMs`, having done the work;
 * - `rispostaPersa`: HTTP 504 after doing the work.
 */
export const FAULT_KINDS = ['errore500', 'timeout', 'rispostaPersa'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

const pending: Array<{ kind: FaultKind; delayMs: number }> = []

export function injectFault(kind: FaultKind, options: { times?: number; delayMs?: number } = {}) {
  pending.push(
    ...Array.from({ length: options.times ?? 1 }, () => ({
      kind,
      delayMs: options.delayMs ?? 30_000,
    }))
  )
}

export function clearFaults() {
  pending.splice(0)
}

export async function underFault(
  work: () => Promise<PluginHttpResponse>
): Promise<PluginHttpResponse> {
  const fault = pending.shift()
  if (fault?.kind === 'errore500')
    return { status: 500, body: { errori: [{ codice: 'ERRORE_INTERNO' }] } }
  const answer = await work()
  if (fault?.kind === 'rispostaPersa') return { status: 504, body: 'Gateway Timeout' }
  if (fault?.kind === 'timeout') await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
  return answer
}
