import type Service from '#models/service'

/**
 * The "Bolli" and "Pagamento" tabs of a pratica, shown only when its
 * service asks for bolli or payments. Until the payments issue records
 * the pratica's own bolli and pagoPA positions they show what the
 * service asks for: each bollo's causale and amount and the phase it is
 * paid in, each payment's causale and amount.
 */
export interface StampLine {
  causale: string
  amount: string
}

export interface PaymentLine {
  causale: string
  /** null: computed from the form's data */
  amount: string | null
  phase: 'at_request' | 'deferred'
}

export interface PaymentTabs {
  stamps: { atRequest: StampLine[]; atRelease: boolean } | null
  payments: PaymentLine[] | null
}

export function formatEuro(cents: number, locale = 'it') {
  return `${(cents / 100).toLocaleString(`${locale}-IT`, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`
}

export function paymentTabs(service: Service, locale = 'it'): PaymentTabs {
  const stamps = service.stampSettings ?? { atRequest: [], atRelease: false }
  const payments = service.paymentSettings ?? { atRequest: [], deferred: [] }
  const paymentLines: PaymentLine[] = [
    ...payments.atRequest.map((item) => ({ item, phase: 'at_request' as const })),
    ...payments.deferred.map((item) => ({ item, phase: 'deferred' as const })),
  ].map(({ item, phase }) => ({
    causale: item.causale,
    amount: item.amountCents === null ? null : formatEuro(item.amountCents, locale),
    phase,
  }))
  return {
    stamps:
      stamps.atRequest.length > 0 || stamps.atRelease
        ? {
            atRequest: stamps.atRequest.map((stamp) => ({
              causale: stamp.causale,
              amount: formatEuro(stamp.amountCents, locale),
            })),
            atRelease: stamps.atRelease,
          }
        : null,
    payments: paymentLines.length > 0 ? paymentLines : null,
  }
}
