/**
 * pagoPA notice numbers (codice avviso, "NAV") and IUVs, as the pagoPA
 * "Specifiche attuative dei codici identificativi di versamento" define
 * them. Pure functions, shared by the core (avviso PDF, QR code) and the
 * payment plugins (which receive an IUV from their intermediary).
 *
 * A notice number has 18 digits: the aux digit, then
 * - aux 0: the 2-digit application code and a 15-digit IUV (13 + 2 check digits);
 * - aux 2: a 17-digit IUV (15 + 2 check digits);
 * - aux 3: a 17-digit IUV (2-digit segregation code + 13 + 2 check digits).
 * The check digits are the remainder, divided by 93, of the number made of
 * the aux digit, the application code (aux 0) and the IUV without them.
 * Aux digit 1 (IUV without check digits) is obsolete and not accepted.
 */
export type AuxDigit = '0' | '2' | '3'

export interface NoticeCodeParts {
  auxDigit: AuxDigit
  iuv: string
  /** aux digit 0: the station's application code */
  applicationCode?: string
  /** aux digit 3: the creditor's segregation code (first two digits of the IUV) */
  segregationCode?: string
}

const DIGITS = /^\d+$/

/** The two check digits of a number given as a string of digits (remainder mod 93). */
export function checkDigits(digits: string): string {
  if (!DIGITS.test(digits)) throw new TypeError(`not a string of digits: "${digits}"`)
  return String(BigInt(digits) % 93n).padStart(2, '0')
}

function requireDigits(value: string, length: number, what: string) {
  if (value.length !== length || !DIGITS.test(value)) {
    throw new TypeError(`${what} must be ${length} digits, got "${value}"`)
  }
}

/**
 * Makes an IUV with its check digits from the creditor's own reference.
 *
 * @example
 *   iuvFor({ auxDigit: '3', segregationCode: '01', reference: '0000000000042' }) // '01000000000004219'
 */
export function iuvFor(
  input:
    | { auxDigit: '3'; segregationCode: string; reference: string }
    | { auxDigit: '0'; applicationCode: string; reference: string }
    | { auxDigit: '2'; reference: string }
): string {
  if (input.auxDigit === '3') {
    requireDigits(input.segregationCode, 2, 'segregation code')
    requireDigits(input.reference, 13, 'reference')
    const base = `${input.segregationCode}${input.reference}`
    return `${base}${checkDigits(`3${base}`)}`
  }
  if (input.auxDigit === '0') {
    requireDigits(input.applicationCode, 2, 'application code')
    requireDigits(input.reference, 13, 'reference')
    return `${input.reference}${checkDigits(`0${input.applicationCode}${input.reference}`)}`
  }
  requireDigits(input.reference, 15, 'reference')
  return `${input.reference}${checkDigits(`2${input.reference}`)}`
}

/**
 * Reads a notice number; null when it is not a valid one (length, digits,
 * aux digit, check digits).
 */
export function parseNoticeCode(code: string): NoticeCodeParts | null {
  const compact = code.replace(/\s+/g, '')
  if (compact.length !== 18 || !DIGITS.test(compact)) return null
  const auxDigit = compact[0]
  if (auxDigit === '0') {
    const applicationCode = compact.slice(1, 3)
    const iuv = compact.slice(3)
    const valid = checkDigits(`0${applicationCode}${iuv.slice(0, 13)}`) === iuv.slice(13)
    return valid ? { auxDigit, applicationCode, iuv } : null
  }
  if (auxDigit === '2' || auxDigit === '3') {
    const iuv = compact.slice(1)
    const valid = checkDigits(`${auxDigit}${iuv.slice(0, 15)}`) === iuv.slice(15)
    if (!valid) return null
    return auxDigit === '3'
      ? { auxDigit, iuv, segregationCode: iuv.slice(0, 2) }
      : { auxDigit, iuv }
  }
  return null
}

export function isValidNoticeCode(code: string): boolean {
  return parseNoticeCode(code) !== null
}

/**
 * The notice number of an IUV an intermediary gave. A 17-digit IUV tells
 * its aux digit by which check digits it satisfies (3, else 2); a 15-digit
 * one needs the application code (aux 0). Null when no valid notice number
 * can be made (wrong check digits, letters: an RF creditor reference).
 *
 * @example
 *   noticeCodeFromIuv('01000000000004219') // '301000000000004219'
 */
export function noticeCodeFromIuv(
  iuv: string,
  options: { applicationCode?: string } = {}
): string | null {
  if (!DIGITS.test(iuv)) return null
  if (iuv.length === 17) {
    for (const auxDigit of ['3', '2'] as const) {
      if (checkDigits(`${auxDigit}${iuv.slice(0, 15)}`) === iuv.slice(15))
        return `${auxDigit}${iuv}`
    }
    return null
  }
  if (iuv.length === 15 && options.applicationCode !== undefined) {
    return isValidNoticeCode(`0${options.applicationCode}${iuv}`)
      ? `0${options.applicationCode}${iuv}`
      : null
  }
  return null
}

/** The notice number as the avviso prints it: groups of four digits ("3010 0000 0000 0042 19"). */
export function formatNoticeCode(code: string): string {
  return code.replace(/\s+/g, '').replace(/(\d{4})(?=\d)/g, '$1 ')
}

/**
 * The content of the avviso's QR code (pagoPA "Avviso di pagamento"
 * guidelines): `PAGOPA|002|<notice number>|<creditor fiscal code>|<amount in cents>`.
 */
export function noticeQrPayload(input: {
  noticeCode: string
  creditorFiscalCode: string
  amountCents: number
}): string {
  if (!isValidNoticeCode(input.noticeCode)) {
    throw new TypeError(`invalid notice code "${input.noticeCode}"`)
  }
  if (!/^\d{11}$/.test(input.creditorFiscalCode)) {
    throw new TypeError(
      `the creditor fiscal code must be 11 digits, got "${input.creditorFiscalCode}"`
    )
  }
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) {
    throw new TypeError(`the amount must be a positive number of cents, got ${input.amountCents}`)
  }
  return `PAGOPA|002|${input.noticeCode}|${input.creditorFiscalCode}|${input.amountCents}`
}
