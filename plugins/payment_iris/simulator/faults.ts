import { createFaultSwitch } from '#extension_points/payment/kit/fault_switch'

const SOAP_FAULT =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
  '<soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Internal error</faultstring>' +
  '</soap:Fault></soap:Body></soap:Envelope>'

/**
 * Faults of the simulated IRIS (POST /_sim/payment_iris/guasti): a 500 is a
 * SOAP Fault, a lost answer the cooperation gateway's 504.
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
    body: SOAP_FAULT,
  }),
  lostAnswer: () => ({
    status: 504,
    headers: { 'content-type': 'text/plain' },
    body: 'Gateway Timeout',
  }),
})
