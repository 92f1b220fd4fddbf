import { createHash } from 'node:crypto'
import { UNPAID_END_STATES, type PaymentStatus } from '#domain/payments/position_status'

/**
 * A marca da bollo digitale (MBD) is bound to one document by its digest
 * (base64 SHA-256, as pagoPA's `hashDocumento`) and issued to a payer
 * resident in a province (its two-letter sigla, `provinciaResidenza`).
 */
export const PROVINCE_PATTERN = /^[A-Z]{2}$/

/**
 * pagoPA issues the marca da bollo digitale for the imposta di bollo of
 * 16,00 € (tipo bollo "01"): a bollo of another amount is typed.
 */
export const DIGITAL_STAMP_AMOUNT_CENTS = 1600

export function digitalStampAvailable(amountCents: number) {
  return amountCents === DIGITAL_STAMP_AMOUNT_CENTS
}

export function normalizeProvince(value: unknown) {
  return String(value ?? '')
    .trim()
    .toUpperCase()
}

export function provinceError(province: string): string | null {
  if (!province) return 'Indica la sigla della provincia di residenza (per esempio PI).'
  if (!PROVINCE_PATTERN.test(province))
    return 'La sigla della provincia è di due lettere (per esempio PI).'
  return null
}

/**
 * The province of residence typed in the form's Richiedente block
 * (OpenCity's `applicant.address.county`), when it is a sigla: the
 * default for a marca da bollo digitale when the profile has none.
 */
export function typedProvince(data: Record<string, unknown> | null): string | null {
  const applicant = data?.applicant as { address?: { county?: unknown } } | undefined
  const county = normalizeProvince(applicant?.address?.county)
  return PROVINCE_PATTERN.test(county) ? county : null
}

/** A document's hex SHA-256 (as kept with the pratica's documents) as pagoPA's base64 digest. */
export function base64Digest(hexSha256: string) {
  return Buffer.from(hexSha256, 'hex').toString('base64')
}

/**
 * The digest of an istanza not yet sent (its modulo PDF is made only after
 * sending): SHA-256 of the pratica's id and submitted data as canonical
 * JSON (keys sorted), so the same data always gives the same digest and an
 * auditor can recompute it from the stored pratica.
 */
export function istanzaDigest(praticaUuid: string, data: Record<string, unknown>) {
  const canonical = canonicalJson({ pratica: praticaUuid, dati: data })
  return createHash('sha256').update(canonical).digest('base64')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * Whether a bollo's digital marca is on its way (being created, to pay, at
 * the checkout, paid): the citizen may not type a marca for it, nor ask a
 * second one. A failed, expired or cancelled one can be tried again.
 */
export function digitalStampUnderway(status: PaymentStatus | null | undefined) {
  return !!status && status !== 'CREATION_FAILED' && !UNPAID_END_STATES.includes(status)
}
