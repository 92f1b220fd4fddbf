import vine, { errors } from '@vinejs/vine'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { checkoutApi, checkoutPageRoutes } from './checkout.js'
import { gpdApi, receiptsApi } from './gpd_api.js'
import { apiRoutes, json } from './http.js'
import { printApi } from './print_api.js'
import { registerStation } from './store.js'

/**
 * The simulated pagoPA, mounted at /_sim/payment_pagopa_gpd/ outside
 * production (and served on a local port by the plugin's tests):
 * - /gpd/debt-positions-service/v1/...        GPD (gpd.json)
 * - /gpd/payments-receipts-service/v1/...     GPD receipts (gpd_payments.json)
 * - /checkout/ec/v2/carts                     Checkout EC API (checkout_v2.json)
 * - /checkout/c/{cart}                        the citizen's Checkout page
 * - /print-payment-notice-service/external/v1 Stampa avvisi (print-payment-notice-service.json)
 * - /backoffice/stazioni                      pagoPA's back office: the ente's station URL
 */
const stationInput = vine.compile(
  vine.object({
    organizationFiscalCode: vine.string().regex(/^\d{11}$/),
    brokerId: vine.string().maxLength(35),
    stationId: vine.string().maxLength(35),
    url: vine.string().url({ require_tld: false, require_protocol: true }),
  })
)

const backofficeRoutes = [
  {
    method: 'POST' as const,
    path: '/backoffice/stazioni',
    csrfExempt: true,
    async handler(request: PluginHttpRequest) {
      try {
        const station = await stationInput.validate(request.body)
        await registerStation(station)
        return json(200, station)
      } catch (error) {
        if (error instanceof errors.E_VALIDATION_ERROR) return json(400, { errors: error.messages })
        throw error
      }
    },
  },
]

export const simulatorRoutes = [
  ...apiRoutes(gpdApi),
  ...apiRoutes(receiptsApi),
  ...apiRoutes(checkoutApi),
  ...apiRoutes(printApi),
  ...checkoutPageRoutes,
  ...backofficeRoutes,
]
