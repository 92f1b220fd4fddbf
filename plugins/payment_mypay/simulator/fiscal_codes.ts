/**
 * The payer checks MyPay makes on a dovuto (Utilities.isValidCodIdUnivocoConAnonimo):
 * a codice fiscale for a person (F), a partita IVA for an organisation (G),
 * each with its check character.
 */
const ODD = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
]
const PERSON =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/

function value(character: string) {
  const code = character.charCodeAt(0)
  return code <= 57 ? code - 48 : code - 65
}

export function isValidCodiceFiscale(code: string) {
  if (!PERSON.test(code)) return false
  let sum = 0
  for (let index = 0; index < 15; index++) {
    sum += index % 2 === 0 ? ODD[value(code[index])] : value(code[index])
  }
  return String.fromCharCode(65 + (sum % 26)) === code[15]
}

export function isValidPartitaIva(code: string) {
  if (!/^\d{11}$/.test(code)) return false
  let sum = 0
  for (let index = 0; index < 10; index++) {
    let digit = Number(code[index])
    if (index % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return (10 - (sum % 10)) % 10 === Number(code[10])
}
