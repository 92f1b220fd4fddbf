import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'

/**
 * The fault switch of a payment simulator, for the plugin's fault tests and
 * for trying the platform by hand (POST /_sim/<plugin>/guasti with
 * `{"tipo", "volte", "ritardoMs"}`): the next remote calls answer
 * - `errore500`: the remote's own server error, nothing done;
 * - `timeout`: only after `ritardoMs`, having done the work (the caller gave up);
 * - `rispostaPersa`: the gateway's error after doing the work (the answer was lost).
 * The queue lives in the process: one per simulator module.
 *
 * @example
 *   export const faults = createFaultSwitch({
 *     serverError: () => ({ status: 500, body: soapFault('ErroreInterno') }),
 *     lostAnswer: () => ({ status: 504, body: 'Gateway Timeout' }),
 *   })
 *   // a remote call:  handler: (request) => faults.run(() => answer(request))
 *   // the switch:     simulatorRoutes = [..., faults.route]
 */
export const FAULT_KINDS = ['errore500', 'timeout', 'rispostaPersa'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export interface FaultAnswers {
  /** what the remote answers on `errore500` */
  serverError: () => PluginHttpResponse
  /** what reaches the caller on `rispostaPersa` */
  lostAnswer: () => PluginHttpResponse
}

export function createFaultSwitch(answers: FaultAnswers) {
  const queue: Array<{ kind: FaultKind; delayMs: number }> = []

  function inject(kind: FaultKind, options: { times?: number; delayMs?: number } = {}) {
    for (let index = 0; index < (options.times ?? 1); index++) {
      queue.push({ kind, delayMs: options.delayMs ?? 30_000 })
    }
  }

  function clear() {
    queue.length = 0
  }

  /** Runs a remote call under the next fault, if one is due. */
  async function run(work: () => Promise<PluginHttpResponse>): Promise<PluginHttpResponse> {
    const fault = queue.shift()
    if (!fault) return work()
    if (fault.kind === 'errore500') return answers.serverError()
    const answer = await work()
    if (fault.kind === 'rispostaPersa') return answers.lostAnswer()
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
    return answer
  }

  const route = {
    method: 'POST' as const,
    path: '/guasti',
    csrfExempt: true,
    handler(request: PluginHttpRequest): PluginHttpResponse {
      const body = (request.body ?? {}) as { tipo?: string; volte?: number; ritardoMs?: number }
      if (!FAULT_KINDS.includes(body.tipo as FaultKind)) {
        return { status: 400, body: { errore: `tipo: uno di ${FAULT_KINDS.join(', ')}` } }
      }
      inject(body.tipo as FaultKind, { times: body.volte, delayMs: body.ritardoMs })
      return { status: 204 }
    },
  }

  return { inject, clear, run, route }
}
