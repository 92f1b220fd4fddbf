import { DateTime } from 'luxon'

/**
 * A marca da bollo the citizen bought at a tobacconist's: its 14-digit
 * identificativo and the date and time printed on it (Italian time). Whether
 * the number was already used in the ente is asked of the database.
 */
export const STAMP_NUMBER_PATTERN = /^\d{14}$/

export function normalizeStampNumber(value: unknown) {
  return String(value ?? '').replace(/\s/g, '')
}

export type StampErrors = Partial<Record<'number' | 'issuedAt', string>>

/**
 * Checks a typed marca: `issuedAt` as a datetime-local input
 * ("2026-11-20T10:15"), in Europe/Rome; never after `now`.
 */
export function checkMarcaDaBollo(
  input: { number?: unknown; issuedAt?: unknown },
  now: DateTime = DateTime.now()
): { number: string; issuedAt: DateTime | null; errors: StampErrors } {
  const errors: StampErrors = {}
  const number = normalizeStampNumber(input.number)
  if (!number) errors.number = "Scrivi l'identificativo della marca da bollo."
  else if (!STAMP_NUMBER_PATTERN.test(number))
    errors.number = "L'identificativo della marca da bollo è di 14 cifre."

  const typed = String(input.issuedAt ?? '').trim()
  let issuedAt: DateTime | null = null
  if (!typed) errors.issuedAt = 'Indica la data e l’ora di emissione riportate sulla marca.'
  else {
    issuedAt = DateTime.fromISO(typed, { zone: 'Europe/Rome' })
    if (!issuedAt.isValid) {
      errors.issuedAt = 'Data e ora non valide: usa il formato gg/mm/aaaa hh:mm.'
      issuedAt = null
    } else if (issuedAt > now) errors.issuedAt = 'La data di emissione non può essere nel futuro.'
  }
  return { number, issuedAt, errors }
}

export const STAMP_USED_MESSAGE =
  'Questa marca da bollo è già stata usata per un’altra pratica: inserisci una marca nuova.'
