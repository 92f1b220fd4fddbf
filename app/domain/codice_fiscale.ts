/**
 * The codice fiscale of a person (16 characters, DM 23/12/1976):
 *
 *   RSS MRA 80 A 01 H501 U
 *   |   |   |  | |  |    check character
 *   |   |   |  | |  Belfiore code of the place of birth (Z... abroad)
 *   |   |   |  | day of birth, +40 for women
 *   |   |   |  month of birth as a letter
 *   |   |   year of birth (two digits)
 *   |   three letters from the name
 *   three letters from the surname
 *
 * Omocodia: when two people would get the same code, the Agenzia delle
 * Entrate replaces digits, from the right, with letters (0→L, 1→M ... 9→V);
 * the check character is computed on the code as written. Only personal
 * codes are accepted here: the 11-digit numeric codes of companies and the
 * provisional ones are partite IVA (see partita_iva.ts).
 *
 * No imports: the forms engine serves this module to the browser as is.
 */

/** the month of birth, January to December */
export const MONTH_LETTERS = 'ABCDEHLMPRST'
const OMOCODIA_LETTERS = 'LMNPQRSTUV'
/** positions (0-based) of the digits omocodia may replace with a letter */
const OMOCODIA_POSITIONS = [6, 7, 9, 10, 12, 13, 14]

/** values of the characters in odd positions (1st, 3rd, ... counting from 1) */
// prettier-ignore
const ODD_VALUES: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  'A': 1, 'B': 0, 'C': 5, 'D': 7, 'E': 9, 'F': 13, 'G': 15, 'H': 17, 'I': 19, 'J': 21,
  'K': 2, 'L': 4, 'M': 18, 'N': 20, 'O': 11, 'P': 3, 'Q': 6, 'R': 8, 'S': 12, 'T': 14,
  'U': 16, 'V': 10, 'W': 22, 'X': 25, 'Y': 24, 'Z': 23,
}

/** letters, month letter, letters-or-digits where omocodia may apply */
const SHAPE =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/

export type CodiceFiscaleProblem = 'length' | 'format' | 'date' | 'check_character'

export type DecodedCodiceFiscale = {
  /** the code with the omocodia letters turned back into digits */
  base: string
  /** the two digits of the year: the century is not in the code */
  yearOfCentury: number
  month: number
  day: number
  gender: 'M' | 'F'
  /** the cadastral code of the municipality, or Z + country code abroad */
  belfioreCode: string
  bornAbroad: boolean
}

/**
 * The codice fiscale as typed or sent by an IdP, in the stored form: upper
 * case, without spaces, dashes or the "TINIT-" prefix of SPID/CIE.
 */
export function normaliseCodiceFiscale(value: string): string {
  return value
    .toUpperCase()
    .replace(/^\s*TINIT-/, '')
    .replace(/[\s.-]+/g, '')
}

/** The check character of the first 15 characters of a code. */
export function checkCharacter(first15: string): string {
  let sum = 0
  for (let index = 0; index < 15; index++) {
    const char = first15[index]
    // counting from 1, position index + 1 is odd when index is even
    sum += index % 2 === 0 ? ODD_VALUES[char] : evenValue(char)
  }
  return String.fromCharCode(65 + (sum % 26))
}

function evenValue(char: string) {
  return char >= '0' && char <= '9' ? Number(char) : char.charCodeAt(0) - 65
}

/** Omocodia letters back to digits, leaving the rest as it is. */
function withoutOmocodia(code: string) {
  const chars = code.split('')
  for (const position of OMOCODIA_POSITIONS) {
    const index = OMOCODIA_LETTERS.indexOf(chars[position])
    if (index >= 0) chars[position] = String(index)
  }
  return chars.join('')
}

/**
 * What is wrong with a (normalised) codice fiscale, or null when it is
 * valid: 16 characters in the right places, a real day of a month, the
 * right check character.
 */
export function codiceFiscaleProblem(code: string): CodiceFiscaleProblem | null {
  if (code.length !== 16) return 'length'
  if (!SHAPE.test(code)) return 'format'
  if (!decode(code)) return 'date'
  if (checkCharacter(code) !== code[15]) return 'check_character'
  return null
}

export function isValidCodiceFiscale(code: string): boolean {
  return codiceFiscaleProblem(code) === null
}

/**
 * What a valid codice fiscale says of its holder (gender, day and month of
 * birth, two digits of the year, place of birth); null when it is not valid.
 */
export function decodeCodiceFiscale(code: string): DecodedCodiceFiscale | null {
  return codiceFiscaleProblem(code) === null ? decode(code) : null
}

function decode(code: string): DecodedCodiceFiscale | null {
  const base = withoutOmocodia(code)
  const yearOfCentury = Number(base.slice(6, 8))
  const month = MONTH_LETTERS.indexOf(base[8]) + 1
  const dayField = Number(base.slice(9, 11))
  const gender = dayField > 40 ? 'F' : 'M'
  const day = gender === 'F' ? dayField - 40 : dayField
  // 2000 is a leap year, so 29 February is accepted here for any year
  // ending in 00 (1900 was not one: the century is not in the code)
  const leap = yearOfCentury % 4 === 0
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  if (day < 1 || day > daysInMonth) return null
  const belfioreCode = base.slice(11, 15)
  return {
    base,
    yearOfCentury,
    month,
    day,
    gender,
    belfioreCode,
    bornAbroad: belfioreCode.startsWith('Z'),
  }
}

/**
 * The full date of birth of a valid code as YYYY-MM-DD. The code has two
 * digits of the year: the latest year not after `today` is taken, so
 * someone over a hundred comes out a century too young (the IdP's
 * dateOfBirth, when present, wins over this).
 */
export function birthDateFromCodiceFiscale(code: string, today = new Date()): string | null {
  const decoded = decodeCodiceFiscale(code)
  if (!decoded) return null
  const pad = (value: number) => String(value).padStart(2, '0')
  const thisYear = today.getFullYear()
  let year = thisYear - (thisYear % 100) + decoded.yearOfCentury
  const monthDay = `${pad(decoded.month)}-${pad(decoded.day)}`
  const todayMonthDay = `${pad(today.getMonth() + 1)}-${pad(today.getDate())}`
  if (year > thisYear || (year === thisYear && monthDay > todayMonthDay)) year -= 100
  return `${year}-${monthDay}`
}
