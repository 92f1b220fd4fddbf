const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' })

/** Euro cents as the pages print them: "16,00 €". */
export function euro(cents: number): string {
  return EURO.format(cents / 100)
}
