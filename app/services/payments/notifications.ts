import logger from '@adonisjs/core/services/logger'
import type Ente from '#models/ente'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { ExtensionPointError, PaymentCallbackError } from '#extension_points/payment/errors'
import { runOnce } from '#queue/run_once'
import { applyRemoteStatus } from '#services/payments/apply_status'

const TEXT = { 'content-type': 'text/plain; charset=utf-8' }

/**
 * A notification the intermediary sent to /:ente/callbacks/:plugin/notify:
 * the adapter verifies it (signature, or by asking the remote) and reads
 * the outcomes, then each position named is brought to that state, once
 * per event id (runOnce; the same push twice changes nothing). A forged or
 * unreadable notification answers 400 and changes nothing: polling still
 * learns the truth. Answers what the intermediary expects to read.
 */
export async function receiveNotification(
  ente: Ente,
  pluginId: string,
  request: PluginHttpRequest
): Promise<PluginHttpResponse> {
  const { adapter } = await paymentManager.forEnte(ente, pluginId)
  if (!adapter.parseNotification) return { status: 404, headers: TEXT, body: 'Not found' }
  let notification
  try {
    notification = await adapter.parseNotification(request)
  } catch (error) {
    if (error instanceof PaymentCallbackError) {
      logger.warn(
        { ente: ente.slug, pluginId, reason: error.reason },
        'payment notification refused'
      )
      return { status: 400, headers: TEXT, body: 'Notifica di pagamento non valida' }
    }
    if (error instanceof ExtensionPointError && error.retryable) {
      return { status: 503, headers: TEXT, body: 'Riprovare più tardi' }
    }
    throw error
  }
  await runOnce(
    `payment:${ente.id}:${pluginId}:notification:${notification.eventId}`,
    async (trx) => {
      for (const outcome of notification.outcomes) {
        const position = await PaymentPosition.query({ client: trx })
          .where('ente_id', ente.id)
          .where('plugin_id', pluginId)
          .where((query) => query.where('iud', outcome.positionId).orWhere('iuv', outcome.iuv))
          .first()
        if (!position) {
          logger.warn(
            { ente: ente.slug, iuv: outcome.iuv },
            'payment notification: unknown position'
          )
          continue
        }
        await applyRemoteStatus(position.id, outcome, 'notification', trx)
      }
    }
  )
  return notification.response ?? { status: 200, headers: TEXT, body: 'OK' }
}
