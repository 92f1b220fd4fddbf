import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { PaymentCallbackError } from '#extension_points/payment/errors'
import { FIRMA_HEADER, STATI, type Esito } from './api.js'
import { pushSignatureMatches } from './push_signature.js'

/** A delivery signed longer ago than this (or this far ahead) is a replay, not the gateway. */
export const MAX_PUSH_AGE_MS = 10 * 60_000

function isEsito(value: any): value is Esito {
  const pagamento = value?.pagamento
  return (
    typeof value?.idEvento === 'string' &&
    value.idEvento.length > 0 &&
    typeof value.iuv === 'string' &&
    /^\d{17}$/.test(value.iuv) &&
    STATI.includes(value.stato) &&
    typeof value.inviatoIl === 'string' &&
    !Number.isNaN(Date.parse(value.inviatoIl)) &&
    (value.stato !== 'PAGATA' ||
      (typeof pagamento?.data === 'string' &&
        Number.isInteger(pagamento.importo) &&
        typeof pagamento.idRicevuta === 'string'))
  )
}

/**
 * An outcome push as the gateway signs it (api.ts `Esito`): without the
 * ente's notification key, with a missing or wrong signature, or signed
 * too long ago, it is refused before its body is read.
 */
export function readEsito(request: PluginHttpRequest, key: string | undefined, now = Date.now()) {
  const rawBody = request.rawBody ?? ''
  if (!key || !pushSignatureMatches(rawBody, request.headers[FIRMA_HEADER], key)) {
    throw new PaymentCallbackError('invalid_signature')
  }
  let esito: unknown
  try {
    esito = JSON.parse(rawBody)
  } catch (error) {
    throw new PaymentCallbackError('malformed', { cause: error })
  }
  if (!isEsito(esito)) throw new PaymentCallbackError('malformed')
  if (Math.abs(now - Date.parse(esito.inviatoIl)) > MAX_PUSH_AGE_MS) {
    throw new PaymentCallbackError('invalid_signature')
  }
  return esito
}
