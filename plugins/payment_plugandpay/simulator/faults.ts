import { createFaultSwitch } from '#extension_points/payment/kit/fault_switch'
import { faultEnvelope } from '../messages.js'

/**
 * Faults of the simulated Plug&Pay (POST /_sim/payment_plugandpay/guasti):
 * a 500 is a SOAP Fault (ErroreInterno), a lost answer the proxy's 502.
 */
export const {
  inject: injectFault,
  clear: clearFaults,
  run: withFaults,
  route: faultsRoute,
} = createFaultSwitch({
  serverError: () => ({
    status: 500,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: faultEnvelope(
      'Errore interno',
      'ErroreInterno',
      'Servizio temporaneamente non disponibile'
    ),
  }),
  lostAnswer: () => ({
    status: 502,
    headers: { 'content-type': 'text/plain' },
    body: 'Bad Gateway',
  }),
})
