import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { paSendRtV2Envelope } from './receipt_document.js'
import { receiptOf, recordDelivery, stationOf } from './store.js'

/**
 * The simulated Nodo's broadcast: the receipt of a paid notice goes, as a
 * paSendRTV2 SOAP request, to the ente's own station when one is registered
 * (pagoPA's back office: the station's URL). Delivery is at least once: a
 * station that does not answer OK keeps the receipt pending, and tests can
 * send it again.
 */
const DELIVERY_TIMEOUT_MS = 5000

/** The paSendRTV2 request the Nodo sends to a station for this receipt. */
export async function paSendRtV2For(
  organizationFiscalCode: string,
  iuv: string,
  station: { brokerId: string; stationId: string; url: string }
): Promise<PluginHttpRequest | null> {
  const receipt = await receiptOf(organizationFiscalCode, iuv)
  if (!receipt) return null
  const envelope = paSendRtV2Envelope({
    ...receipt.data,
    idBrokerPA: station.brokerId,
    idStation: station.stationId,
  })
  return {
    method: 'POST',
    url: station.url,
    headers: { 'content-type': 'text/xml; charset=utf-8', 'soapaction': 'paSendRTV2' },
    query: {},
    body: envelope,
    rawBody: envelope,
  }
}

/** Sends the receipt to the ente's station; null when the ente registered none. */
export async function deliverReceipt(organizationFiscalCode: string, iuv: string) {
  const station = await stationOf(organizationFiscalCode)
  if (!station) return null
  const request = await paSendRtV2For(organizationFiscalCode, iuv, station)
  if (!request) return null
  const receiptId = (await receiptOf(organizationFiscalCode, iuv))!.data.receiptId
  let delivered = false
  try {
    const response = await fetch(station.url, {
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: request.rawBody,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    })
    delivered = response.ok && /<outcome>\s*OK\s*<\/outcome>/.test(await response.text())
  } catch {
    delivered = false
  }
  await recordDelivery(receiptId, delivered)
  return { delivered }
}
