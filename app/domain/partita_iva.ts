/**
 * The partita IVA (also the codice fiscale of companies and public bodies):
 * 11 digits, the 7-digit registration number, the 3-digit code of the
 * office, and a check digit computed with the Luhn algorithm over the first
 * ten.
 *
 * No imports: the forms engine serves this module to the browser as is.
 */

export type PartitaIvaProblem = 'format' | 'check_digit'

/** As typed: without spaces, dots or the "IT" VAT prefix. */
export function normalisePartitaIva(value: string): string {
  return value
    .toUpperCase()
    .replace(/[\s.-]+/g, '')
    .replace(/^IT(?=\d{11}$)/, '')
}

/** The check digit of the first ten digits. */
export function partitaIvaCheckDigit(first10: string): string {
  let sum = 0
  for (let index = 0; index < 10; index++) {
    const digit = Number(first10[index])
    if (index % 2 === 0) {
      sum += digit
    } else {
      // digits in even positions (counting from 1) are doubled, minus 9 past 9
      const doubled = digit * 2
      sum += doubled > 9 ? doubled - 9 : doubled
    }
  }
  return String((10 - (sum % 10)) % 10)
}

/** What is wrong with a (normalised) partita IVA, or null when it is valid. */
export function partitaIvaProblem(value: string): PartitaIvaProblem | null {
  // all zeros passes the check digit but was never assigned
  if (!/^\d{11}$/.test(value) || /^0{11}$/.test(value)) return 'format'
  if (partitaIvaCheckDigit(value) !== value[10]) return 'check_digit'
  return null
}

export function isValidPartitaIva(value: string): boolean {
  return partitaIvaProblem(value) === null
}
