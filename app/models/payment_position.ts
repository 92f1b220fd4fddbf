import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, beforeSave, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'
import { timeColumn } from '#queue/db_time'
import Pratica from '#models/pratica'
import type { BilancioRow } from '#domain/service_settings'
import { POSITION_STATUS_LABELS, type PaymentStatus } from '#domain/payments/position_status'
import type { Payer, PositionRef } from '#extension_points/payment/contract'

export type PositionType = 'PAGOPA' | 'STAMP'
/** at_request: paid before the pratica is sent; deferred: at approval; null: an open position */
export type PositionPhase = 'at_request' | 'deferred'

export interface PositionPayer extends Payer {
  /** "Indirizzo pagatore" as the manual shows it */
  address?: string
}

export interface PositionLinks {
  /** the intermediary's checkout of the last "Paga online" */
  checkout?: string
  checkoutId?: string
  /** the platform's landing page after the checkout */
  landing?: string
  /** the intermediary's avviso PDF, when it has one */
  notice?: string
  receipt?: string
}

/** what the intermediary needs to issue a marca da bollo digitale (a STAMP position) */
export interface StampRequest {
  /** base64 SHA-256 of the stamped document */
  documentHash: string
  /** the payer's province of residence (sigla) */
  province: string
}

export interface PositionReceipt {
  receiptId?: string
  amountPaidCents?: number
  pspName?: string
  /** how it was paid: PAGOPA, or what "Registra pagamento" says */
  method?: string
}

/**
 * A pagoPA debt position (or digital stamp) asked of the ente's
 * intermediary. Created and changed only through app/services/payments
 * (README there). Times are stored as bound JS Dates (timeColumn: epoch ms
 * on SQLite, timestamptz on PostgreSQL), as the raw conditional updates write them.
 */
export default class PaymentPosition extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare uuid: string

  @column()
  declare praticaId: number | null

  @column()
  declare citizenId: number | null

  /** unique per ente: the same effect never makes a second position */
  @column()
  declare idempotencyKey: string

  @column()
  declare type: PositionType

  @column()
  declare status: PaymentStatus

  @column()
  declare phase: PositionPhase | null

  @column()
  declare itemIndex: number

  @column()
  declare attempt: number

  @column()
  declare pluginId: string

  @column({ consume: (value) => Number(value) })
  declare amountCents: number

  @column()
  declare causale: string

  /** the intermediary's position id (MyPay IUD, GPD iupd) */
  @column()
  declare iud: string | null

  @column()
  declare iuv: string | null

  /** codice avviso, 18 digits */
  @column()
  declare noticeCode: string | null

  @column()
  declare creditorFiscalCode: string

  @column.date()
  declare dueDate: DateTime | null

  @timeColumn()
  declare expiresAt: DateTime | null

  @jsonColumn()
  declare payer: PositionPayer

  @jsonColumn()
  declare bilancio: BilancioRow[] | null

  @column()
  declare taxonomy: string | null

  @jsonColumn()
  declare links: PositionLinks

  @timeColumn()
  declare paidAt: DateTime | null

  @jsonColumn()
  declare receipt: PositionReceipt | null

  /** for a STAMP position: what the marca is issued for */
  @jsonColumn()
  declare stampRequest: StampRequest | null

  /** the last failure talking to the intermediary, for the admin page */
  @column()
  declare lastError: string | null

  @column()
  declare creationAttempts: number

  @timeColumn()
  declare nextCheckAt: DateTime | null

  @column()
  declare checkAttempts: number

  @timeColumn()
  declare lastCheckedAt: DateTime | null

  @column()
  declare version: number

  @belongsTo(() => Pratica)
  declare pratica: BelongsTo<typeof Pratica>

  @timeColumn()
  declare createdAt: DateTime

  @timeColumn()
  declare updatedAt: DateTime

  @beforeSave()
  static touch(position: PaymentPosition) {
    position.updatedAt = DateTime.now()
  }

  get statusLabel() {
    return POSITION_STATUS_LABELS[this.status]
  }

  /** whether it has an avviso to print ("Stampa e paga"): a marca da bollo digitale is paid online */
  get hasNotice() {
    return this.type === 'PAGOPA' && !!this.iud && !!this.noticeCode
  }

  /**
   * How the adapter names it; null before the intermediary created it. IUV
   * and codice avviso may still be empty: a marca da bollo digitale at
   * MyPay gets its IUV only at the checkout.
   */
  get ref(): PositionRef | null {
    return this.iud
      ? { positionId: this.iud, iuv: this.iuv ?? '', noticeCode: this.noticeCode ?? '' }
      : null
  }
}
