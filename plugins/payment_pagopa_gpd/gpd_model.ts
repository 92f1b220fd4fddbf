import type {
  DebtPosition,
  DebtPositionInput,
  PaymentStatus,
  PositionStatus,
} from '#extension_points/payment/contract'
import { keyFingerprint, type PositionIdentifiers } from './identifiers.js'

/**
 * GPD v1 (openapi/gpd.json) as this plugin writes and reads it, and the
 * mapping onto the payment contract. Pure: no I/O.
 */

/** What every position of this ente carries (from the plugin's configuration). */
export interface CreditorSettings {
  organizationFiscalCode: string
  companyName: string
  iban: string
  /** taxonomy code for positions that name none ("dati specifici di riscossione") */
  defaultCategory: string
}

/** components.schemas.Stamp: the marca da bollo digitale a transfer asks for. */
export interface GpdStamp {
  /** base64 of the SHA-256 of the stamped document (stBase64Binary72) */
  hashDocument: string
  stampType: string
  /** sigla of the payer's province */
  provincialResidence: string
}

/** tipoBollo "01", imposta di bollo: the only value of stTipoBolloDigitale (sac-common-types) */
export const STAMP_TYPE = '01'

export interface GpdTransfer {
  idTransfer: '1' | '2' | '3' | '4' | '5'
  amount: number
  organizationFiscalCode?: string
  remittanceInformation: string
  category: string
  /** mutually exclusive with stamp: one of the two */
  iban?: string
  stamp?: GpdStamp
}

export interface GpdMetadata {
  key: string
  value: string
}

/** components.schemas.PaymentPositionModel: the body of createPosition. */
export interface GpdPositionModel {
  iupd: string
  type: 'F' | 'G'
  fiscalCode: string
  fullName: string
  email?: string
  companyName: string
  switchToExpired: boolean
  paymentOption: Array<{
    iuv: string
    nav: string
    amount: number
    description: string
    isPartialPayment: boolean
    dueDate: string
    transfer: GpdTransfer[]
    paymentOptionMetadata: GpdMetadata[]
  }>
}

/** components.schemas.PaymentPositionModelBaseResponse: what GET answers. */
export interface GpdPositionResponse {
  iupd?: string
  organizationFiscalCode?: string
  status?:
    'DRAFT' | 'PUBLISHED' | 'VALID' | 'INVALID' | 'EXPIRED' | 'PARTIALLY_PAID' | 'PAID' | 'REPORTED'
  paymentDate?: string
  paymentOption?: Array<{
    nav?: string
    iuv?: string
    amount?: number
    description?: string
    dueDate?: string
    paymentDate?: string
    idReceipt?: string
    pspCompany?: string
    status?: 'PO_UNPAID' | 'PO_PAID' | 'PO_PARTIALLY_REPORTED' | 'PO_REPORTED'
    paymentOptionMetadata?: GpdMetadata[]
    transfer?: Array<{ iban?: string; stamp?: GpdStamp }>
  }>
}

/** Metadata keys this plugin writes on its payment options (GPD keeps up to 10). */
export const METADATA = {
  /** sha256 of the idempotency key: tells our position from another one with the same IUV */
  key: 'idempotencyKeySha256',
  /** GPD's GET does not give the debtor back; the notice needs it */
  debtor: 'debtorFiscalCode',
  name: 'debtorFullName',
} as const

/** A position with no due date stays payable; GPD still wants one. */
export const DEFAULT_DUE_DAYS = 365

export function toGpdPosition(
  input: DebtPositionInput,
  ids: PositionIdentifiers,
  creditor: CreditorSettings,
  now = new Date()
): GpdPositionModel {
  // GPD expires a position (switchToExpired) at its due date: with an expiry,
  // that is the date pagoPA shows and enforces
  const dueDate =
    input.expiresAt ?? input.dueDate ?? new Date(now.getTime() + DEFAULT_DUE_DAYS * 86_400_000)
  return {
    iupd: ids.iupd,
    type: input.payer.kind === 'person' ? 'F' : 'G',
    fiscalCode: input.payer.fiscalCode,
    fullName: input.payer.name,
    ...(input.payer.email ? { email: input.payer.email } : {}),
    companyName: creditor.companyName.slice(0, 140),
    switchToExpired: input.expiresAt !== undefined,
    paymentOption: [
      {
        iuv: ids.iuv,
        nav: ids.noticeCode,
        amount: input.amountCents,
        description: input.description,
        isPartialPayment: false,
        dueDate: dueDate.toISOString(),
        transfer: [
          {
            idTransfer: '1',
            amount: input.amountCents,
            organizationFiscalCode: creditor.organizationFiscalCode,
            remittanceInformation: input.description,
            category: input.taxonomy ?? creditor.defaultCategory,
            // a marca da bollo is bought, not credited to the ente: no IBAN
            ...(input.stamp
              ? {
                  stamp: {
                    hashDocument: input.stamp.documentHash,
                    stampType: STAMP_TYPE,
                    provincialResidence: input.stamp.province,
                  },
                }
              : { iban: creditor.iban }),
          },
        ],
        paymentOptionMetadata: [
          { key: METADATA.key, value: keyFingerprint(input.idempotencyKey) },
          { key: METADATA.debtor, value: input.payer.fiscalCode },
          { key: METADATA.name, value: input.payer.name.slice(0, 140) },
        ],
      },
    ],
  }
}

export type GpdOption = NonNullable<GpdPositionResponse['paymentOption']>[number]

/** The single payment option this plugin creates per position. */
export function optionOf(position: GpdPositionResponse): GpdOption {
  const option = position.paymentOption?.[0]
  if (!option) throw new TypeError(`GPD position ${position.iupd} has no payment option`)
  return option
}

export function metadataValue(option: GpdOption, key: string) {
  return option.paymentOptionMetadata?.find((entry) => entry.key === key)?.value
}

/** Whether a position GPD holds was made for this idempotency key. */
export function madeForKey(position: GpdPositionResponse, idempotencyKey: string) {
  return metadataValue(optionOf(position), METADATA.key) === keyFingerprint(idempotencyKey)
}

/**
 * GPD's states onto the contract's. GPD does not know about checkouts
 * (PAYMENT_STARTED) or failed attempts (PAYMENT_FAILED): an unpaid position
 * is PAYMENT_PENDING until it is paid, invalidated or expired.
 */
export function statusOf(position: GpdPositionResponse): PaymentStatus {
  const option = optionOf(position)
  if (option.status && option.status !== 'PO_UNPAID') return 'COMPLETE'
  switch (position.status) {
    case 'PAID':
    case 'REPORTED':
      return 'COMPLETE'
    case 'INVALID':
      return 'CANCELED'
    case 'EXPIRED':
      return 'EXPIRED'
    default:
      return 'PAYMENT_PENDING'
  }
}

export function toPositionStatus(position: GpdPositionResponse, iupd: string): PositionStatus {
  const option = optionOf(position)
  const status = statusOf(position)
  const paidAt = option.paymentDate ?? position.paymentDate
  return {
    positionId: iupd,
    iuv: option.iuv ?? '',
    status,
    ...(status === 'COMPLETE' && paidAt ? { paidAt: new Date(paidAt) } : {}),
    ...(status === 'COMPLETE' && option.amount !== undefined
      ? { amountPaidCents: option.amount }
      : {}),
    ...(option.idReceipt ? { receiptId: option.idReceipt } : {}),
  }
}

/** Whether the position's transfer is a marca da bollo digitale. */
export function isStamp(position: GpdPositionResponse) {
  return (optionOf(position).transfer ?? []).some((transfer) => transfer.stamp)
}

export function toDebtPosition(
  position: GpdPositionResponse,
  iupd: string,
  input: Pick<DebtPositionInput, 'payer' | 'expiresAt'>
): DebtPosition {
  const option = optionOf(position)
  const dueDate = option.dueDate ? new Date(option.dueDate) : undefined
  return {
    positionId: iupd,
    iuv: option.iuv ?? '',
    noticeCode: option.nav ?? '',
    status: statusOf(position),
    amountCents: option.amount ?? 0,
    description: option.description ?? '',
    payerFiscalCode: input.payer.fiscalCode,
    // the notice shows GPD's due date, which is the expiry when there is one
    ...(dueDate ? { dueDate } : {}),
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    kind: isStamp(position) ? 'stamp' : 'pagopa',
    links: {},
  }
}
