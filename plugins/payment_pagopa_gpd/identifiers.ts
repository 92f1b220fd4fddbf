import { createHash } from 'node:crypto'
import { iuvFor, noticeCodeFromIuv, type AuxDigit } from '#extension_points/payment/notice_code'

/**
 * The identifiers of a position, all derived from the core's idempotency
 * key, so that a retried creation (after a lost answer) sends the same
 * position and GPD answers 409 instead of making a second one.
 *
 * - IUV: the creditor's reference is a hash of the key (13 digits, 15 for aux
 *   digit 2), with the mod-93 check digits. Another key may, rarely, hash to
 *   an IUV already in use: `attempt` moves on to the next candidate.
 * - IUPD (GPD's position id): `<organization fiscal code>-<IUV>`, so a
 *   receipt, which names the IUV, leads back to its position.
 * - codice avviso: aux digit (+ application code) + IUV.
 */
export interface NumberingSettings {
  organizationFiscalCode: string
  auxDigit: AuxDigit
  /** aux digit 3: the segregation code; aux digit 0: the application code */
  segregationCode?: string
}

export interface PositionIdentifiers {
  iupd: string
  iuv: string
  noticeCode: string
}

/** Candidates tried for one key before giving up (a clash is already one in 10^13). */
export const MAX_IUV_ATTEMPTS = 5

export function keyFingerprint(idempotencyKey: string) {
  return createHash('sha256').update(idempotencyKey).digest('hex')
}

function reference(idempotencyKey: string, attempt: number, digits: number) {
  const hash = createHash('sha256').update(`${idempotencyKey}#${attempt}`).digest('hex')
  return (BigInt(`0x${hash}`) % 10n ** BigInt(digits)).toString().padStart(digits, '0')
}

export function iupdOf(organizationFiscalCode: string, iuv: string) {
  return `${organizationFiscalCode}-${iuv}`
}

/** The IUV a GPD position id names, when it is one of ours. */
export function iuvOfIupd(organizationFiscalCode: string, iupd: string) {
  const prefix = `${organizationFiscalCode}-`
  return iupd.startsWith(prefix) ? iupd.slice(prefix.length) : null
}

export function noticeCodeOf(settings: NumberingSettings, iuv: string) {
  const code = noticeCodeFromIuv(iuv, { applicationCode: settings.segregationCode })
  if (!code) throw new TypeError(`IUV ${iuv} does not make a notice code`)
  return code
}

export function identifiersFor(
  settings: NumberingSettings,
  idempotencyKey: string,
  attempt = 0
): PositionIdentifiers {
  let iuv: string
  if (settings.auxDigit === '2') {
    iuv = iuvFor({ auxDigit: '2', reference: reference(idempotencyKey, attempt, 15) })
  } else if (settings.auxDigit === '3') {
    iuv = iuvFor({
      auxDigit: '3',
      segregationCode: settings.segregationCode ?? '',
      reference: reference(idempotencyKey, attempt, 13),
    })
  } else {
    iuv = iuvFor({
      auxDigit: '0',
      applicationCode: settings.segregationCode ?? '',
      reference: reference(idempotencyKey, attempt, 13),
    })
  }
  return {
    iuv,
    iupd: iupdOf(settings.organizationFiscalCode, iuv),
    noticeCode: noticeCodeOf(settings, iuv),
  }
}
