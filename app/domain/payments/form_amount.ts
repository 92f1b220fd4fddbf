import type { PaymentItem } from '#domain/service_settings'

/**
 * The amount in cents of a configured payment for a pratica: the
 * service's amount, or the form's calculated field (euros, "12,50" or
 * 12.5) when the service leaves it to the form. Null when the form gives
 * no readable amount.
 */
export function amountOf(
  item: Pick<PaymentItem, 'amountCents' | 'amountField'>,
  data: Record<string, unknown>
) {
  if (item.amountCents !== null) return item.amountCents
  if (!item.amountField) return null
  const value = item.amountField
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      data
    )
  const euros =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+([.,]\d{1,2})?\s*$/.test(value)
        ? Number(value.trim().replace(',', '.'))
        : Number.NaN
  return Number.isFinite(euros) && euros >= 0 ? Math.round(euros * 100) : null
}
