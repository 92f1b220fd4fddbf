import { createFaultSwitch } from '#extension_points/payment/kit/fault_switch'

/**
 * Faults of the simulated gateway (POST /_sim/payment_advanced_system/guasti):
 * a 500 is the API's error body, a lost answer the proxy's 504.
 */
export const {
  inject: injectFault,
  clear: clearFaults,
  run: underFault,
  route: faultsRoute,
} = createFaultSwitch({
  serverError: () => ({ status: 500, body: { errori: [{ codice: 'ERRORE_INTERNO' }] } }),
  lostAnswer: () => ({ status: 504, body: 'Gateway Timeout' }),
})
