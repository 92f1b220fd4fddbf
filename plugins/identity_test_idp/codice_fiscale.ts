/**
 * The check character of a codice fiscale (DM 23/12/1976): odd positions
 * (1st, 3rd...) and even ones map to values by their own tables; the sum
 * modulo 26 is the letter.
 */
// prettier-ignore
const ODD: Record<string, number> = {
  0: 1, 1: 0, 2: 5, 3: 7, 4: 9, 5: 13, 6: 15, 7: 17, 8: 19, 9: 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
}

function evenValue(char: string) {
  return /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 65
}

export function checkCharacter(first15: string): string {
  let sum = 0
  for (const [index, char] of [...first15.toUpperCase()].entries()) {
    sum += index % 2 === 0 ? ODD[char] : evenValue(char)
  }
  return String.fromCharCode(65 + (sum % 26))
}

export function isValidCodiceFiscale(value: string): boolean {
  return /^[A-Z0-9]{16}$/.test(value) && checkCharacter(value.slice(0, 15)) === value[15]
}
