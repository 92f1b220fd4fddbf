import type Ente from '#models/ente'
import type Service from '#models/service'
import paymentManager from '#extension_points/payment/manager'

/**
 * Where the payment step of a pratica goes. A service with payments (or
 * bolli) at request sends the pratica to "In attesa di pagamento" (1500)
 * instead of Inviata; the step's page asks the payment extension point for
 * the ente's payment plugin. The payments issue fills the step in
 * (positions, checkout, notice); until then the page says what is missing.
 */
export function needsPaymentAtRequest(service: Service) {
  return (
    (service.paymentSettings?.atRequest?.length ?? 0) > 0 ||
    (service.stampSettings?.atRequest?.length ?? 0) > 0
  )
}

export interface PaymentStep {
  /** what the service asks at request; amount formatted, null when the form computes it */
  items: Array<{ causale: string; amount: string | null; kind: 'pagamento' | 'bollo' }>
  /** the ente's payment plugin, or null when none is enabled */
  channel: { id: string; name: string } | null
}

export async function paymentStep(ente: Ente, service: Service): Promise<PaymentStep> {
  const items: PaymentStep['items'] = [
    ...(service.paymentSettings?.atRequest ?? []).map((item) => ({
      causale: item.causale,
      amount: euro(item.amountCents),
      kind: 'pagamento' as const,
    })),
    ...(service.stampSettings?.atRequest ?? []).map((item) => ({
      causale: item.causale,
      amount: euro(item.amountCents),
      kind: 'bollo' as const,
    })),
  ]
  // several enabled plugins are a configuration the payments issue resolves: show the first
  const [active] = await paymentManager.allForEnte(ente)
  return { items, channel: active ? { id: active.id, name: active.manifest.name } : null }
}

const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' })

function euro(cents: number | null) {
  return cents === null ? null : EURO.format(cents / 100)
}
