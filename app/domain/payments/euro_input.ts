/**
 * Euro amounts as an Italian admin types them ("16", "16,00", "1.234,56",
 * "16.50") and back. Amounts are kept as integer cents.
 */
const ITALIAN = /^\d{1,3}(\.\d{3})+(,\d{1,2})?$|^\d+(,\d{1,2})?$/
const DOTTED = /^\d+\.\d{1,2}$/

/** Cents of a typed amount; null when blank; undefined when it is not an amount. */
export function parseEuroCents(text: unknown): number | null | undefined {
  const typed = String(text ?? '')
    .replace(/€|\s/g, '')
    .trim()
  if (typed === '') return null
  let normalized: string
  if (DOTTED.test(typed)) normalized = typed
  else if (ITALIAN.test(typed)) normalized = typed.replace(/\./g, '').replace(',', '.')
  else return undefined
  return Math.round(Number(normalized) * 100)
}

/** "16,00": the amount of an input, as the admin would type it. */
export function euroInput(cents: number | null | undefined) {
  if (cents === null || cents === undefined) return ''
  return (cents / 100).toFixed(2).replace('.', ',')
}
