import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import {
  FAULT_KINDS,
  createFaultSwitch,
  type FaultKind,
} from '#extension_points/payment/kit/fault_switch'

/**
 * Faults of the simulated gateway (POST /_sim/payment_advanced_system/guasti
 * with `{"tipo", "volte", "ritardoMs"}`): on its API the kit's
 * `errore500` (the API's error body), `timeout`, `rispostaPersa` (the
 * proxy's 504); on its outcome push `notificaPersa` (the next delivery is
 * lost on the way: the gateway sees no acknowledgement and tries again
 * later) and `notificaDoppia` (the next delivery arrives twice).
 */
const api = createFaultSwitch({
  serverError: () => ({ status: 500, body: { errori: [{ codice: 'ERRORE_INTERNO' }] } }),
  lostAnswer: () => ({ status: 504, body: 'Gateway Timeout' }),
})

export const PUSH_FAULTS = ['notificaPersa', 'notificaDoppia'] as const
export type PushFault = (typeof PUSH_FAULTS)[number]
const pushFaults: PushFault[] = []

export const injectFault = api.inject
export const underFault = api.run

export function injectPushFault(kind: PushFault, times = 1) {
  for (let index = 0; index < times; index++) pushFaults.push(kind)
}

/** The fault of the next delivery of a push, if one is due. */
export function nextPushFault() {
  return pushFaults.shift()
}

export function clearFaults() {
  api.clear()
  pushFaults.length = 0
}

export const faultsRoute = {
  ...api.route,
  handler(request: PluginHttpRequest): PluginHttpResponse {
    const body = (request.body ?? {}) as { tipo?: string; volte?: number }
    if (PUSH_FAULTS.includes(body.tipo as PushFault)) {
      injectPushFault(body.tipo as PushFault, body.volte)
      return { status: 204 }
    }
    if (!FAULT_KINDS.includes(body.tipo as FaultKind)) {
      return {
        status: 400,
        body: { errore: `tipo: uno di ${[...FAULT_KINDS, ...PUSH_FAULTS].join(', ')}` },
      }
    }
    return api.route.handler(request)
  },
}
