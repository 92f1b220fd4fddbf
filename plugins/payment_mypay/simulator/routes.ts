import { precaricato, showCheckout, submitCheckout } from './checkout.js'
import { pagoPaCarts } from './pagopa_cart.js'
import { soapEndpoint } from './soap_endpoint.js'

/**
 * The simulated MyPay, mounted at /_sim/payment_mypay/ outside production:
 * its SOAP endpoint (the WSDL's port address /ws/pa/), its checkout page,
 * the landing of an open position's payment link, and pagoPA Checkout's
 * cart endpoint for several notices at once.
 */
export const simulatorRoutes = [
  { method: 'POST' as const, path: '/ws/pa/', csrfExempt: true, handler: soapEndpoint },
  { method: 'GET' as const, path: '/pagamento', handler: showCheckout },
  { method: 'POST' as const, path: '/pagamento', csrfExempt: true, handler: submitCheckout },
  { method: 'GET' as const, path: '/precaricato', handler: precaricato },
  {
    method: 'POST' as const,
    path: '/checkout/ec/v1/carts',
    csrfExempt: true,
    handler: pagoPaCarts,
  },
]
