import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ReceiptData } from './receipt_document.js'

/**
 * The simulator's storage (its own tables, migration 0001): what GPD, the
 * receipts service and Checkout keep. GPD's rules on states live here:
 * creation is DRAFT, or VALID when published at once; a VALID position with
 * switchToExpired past its due date turns EXPIRED when read (GPD checks "on
 * the fly"); only a VALID or PUBLISHED position can be invalidated.
 */
export type PositionStatus =
  'DRAFT' | 'PUBLISHED' | 'VALID' | 'INVALID' | 'EXPIRED' | 'PARTIALLY_PAID' | 'PAID' | 'REPORTED'

export interface StoredOption {
  id: number
  iuv: string
  nav: string
  amount: number
  description: string
  dueDate: Date
  status: 'PO_UNPAID' | 'PO_PAID'
  paymentDate: Date | null
  idReceipt: string | null
  pspCompany: string | null
  paymentMethod: string | null
  fee: number | null
}

export interface StoredPosition {
  id: number
  organizationFiscalCode: string
  iupd: string
  status: PositionStatus
  switchToExpired: boolean
  validityDate: Date | null
  insertedDate: Date
  publishDate: Date | null
  paymentDate: Date | null
  lastUpdatedDate: Date
  /** the PaymentPositionModel as received */
  model: Record<string, any>
  options: StoredOption[]
}

export interface NewOption {
  iuv: string
  nav: string
  amount: number
  description: string
  dueDate: Date
}

export class ConflictError extends Error {}

const date = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as string)

function toOption(row: any): StoredOption {
  return {
    id: row.id,
    iuv: row.iuv,
    nav: row.nav,
    amount: Number(row.amount),
    description: row.description,
    dueDate: new Date(row.due_date),
    status: row.status,
    paymentDate: date(row.payment_date),
    idReceipt: row.id_receipt,
    pspCompany: row.psp_company,
    paymentMethod: row.payment_method,
    fee: row.fee === null ? null : Number(row.fee),
  }
}

function toPosition(row: any, options: any[]): StoredPosition {
  return {
    id: row.id,
    organizationFiscalCode: row.organization_fiscal_code,
    iupd: row.iupd,
    status: row.status,
    switchToExpired: Boolean(row.switch_to_expired),
    validityDate: date(row.validity_date),
    insertedDate: new Date(row.inserted_date),
    publishDate: date(row.publish_date),
    paymentDate: date(row.payment_date),
    lastUpdatedDate: new Date(row.last_updated_date),
    model: JSON.parse(row.model),
    options: options.map(toOption),
  }
}

/** PostgreSQL answers `[{ id }]`, SQLite `[id]`. */
function insertedId(inserted: number | { id: number }) {
  return typeof inserted === 'object' ? inserted.id : inserted
}

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string })?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

async function load(
  client: TransactionClientContract | typeof db,
  organizationFiscalCode: string,
  iupd: string,
  forUpdate = false
) {
  const query = client
    .from('gpd_sim_positions')
    .where({ organization_fiscal_code: organizationFiscalCode, iupd })
  const row = await (forUpdate ? query.forUpdate() : query).first()
  if (!row) return null
  const options = await client
    .from('gpd_sim_payment_options')
    .where('position_id', row.id)
    .orderBy('id')
  return toPosition(row, options)
}

/** GPD's "on the fly" expiry: a VALID position with switchToExpired, past its latest due date. */
async function expireIfDue(trx: TransactionClientContract, position: StoredPosition, now: Date) {
  const maxDue = Math.max(...position.options.map((option) => option.dueDate.getTime()))
  if (position.status !== 'VALID' || !position.switchToExpired || now.getTime() <= maxDue) {
    return position
  }
  await trx
    .from('gpd_sim_positions')
    .where('id', position.id)
    .update({ status: 'EXPIRED', last_updated_date: now })
  return { ...position, status: 'EXPIRED' as const, lastUpdatedDate: now }
}

export async function createPosition(input: {
  organizationFiscalCode: string
  model: Record<string, any>
  switchToExpired: boolean
  validityDate: Date | null
  options: NewOption[]
  publish: boolean
  now: Date
}): Promise<StoredPosition> {
  const { organizationFiscalCode, now } = input
  try {
    return await db.transaction(async (trx) => {
      const taken = await trx
        .from('gpd_sim_payment_options')
        .where('organization_fiscal_code', organizationFiscalCode)
        .where((query) =>
          query
            .whereIn(
              'iuv',
              input.options.map((option) => option.iuv)
            )
            .orWhereIn(
              'nav',
              input.options.map((option) => option.nav)
            )
        )
        .first()
      const existing = await load(trx, organizationFiscalCode, input.model.iupd)
      if (taken || existing) throw new ConflictError()

      // publishing at once with no validity date makes the position VALID (GPD "Regola 3")
      const status = input.publish ? (input.validityDate ? 'PUBLISHED' : 'VALID') : 'DRAFT'
      const [inserted] = await trx
        .table('gpd_sim_positions')
        .insert({
          organization_fiscal_code: organizationFiscalCode,
          iupd: input.model.iupd,
          status,
          switch_to_expired: input.switchToExpired,
          validity_date: input.publish && !input.validityDate ? now : input.validityDate,
          inserted_date: now,
          publish_date: input.publish ? now : null,
          last_updated_date: now,
          model: JSON.stringify(input.model),
        })
        .returning('id')
      const positionId = insertedId(inserted)
      await trx.table('gpd_sim_payment_options').multiInsert(
        input.options.map((option) => ({
          position_id: positionId,
          organization_fiscal_code: organizationFiscalCode,
          iuv: option.iuv,
          nav: option.nav,
          amount: option.amount,
          description: option.description,
          due_date: option.dueDate,
          status: 'PO_UNPAID',
        }))
      )
      return (await load(trx, organizationFiscalCode, input.model.iupd))!
    })
  } catch (error) {
    // two creations racing: the unique indexes decide, as GPD's do
    if (isUniqueViolation(error)) throw new ConflictError()
    throw error
  }
}

export async function readPosition(organizationFiscalCode: string, iupd: string, now = new Date()) {
  return db.transaction(async (trx) => {
    const position = await load(trx, organizationFiscalCode, iupd, true)
    return position ? expireIfDue(trx, position, now) : null
  })
}

/** GPD's invalidate: only a PUBLISHED or VALID position (after the expiry check). */
export async function invalidatePosition(
  organizationFiscalCode: string,
  iupd: string,
  now = new Date()
): Promise<StoredPosition | 'not_found' | 'not_invalidable'> {
  return db.transaction(async (trx) => {
    const found = await load(trx, organizationFiscalCode, iupd, true)
    if (!found) return 'not_found'
    const position = await expireIfDue(trx, found, now)
    if (position.status !== 'VALID' && position.status !== 'PUBLISHED') return 'not_invalidable'
    await trx
      .from('gpd_sim_positions')
      .where('id', position.id)
      .update({ status: 'INVALID', last_updated_date: now })
    return { ...position, status: 'INVALID' as const, lastUpdatedDate: now }
  })
}

/** The position of a notice number, with the option it names (for Checkout's verification). */
export async function positionOfNotice(organizationFiscalCode: string, nav: string) {
  const option = await db
    .from('gpd_sim_payment_options')
    .where({ organization_fiscal_code: organizationFiscalCode, nav })
    .first()
  if (!option) return null
  const row = await db.from('gpd_sim_positions').where('id', option.position_id).first()
  const position = await readPosition(organizationFiscalCode, row.iupd)
  return position && { position, option: position.options.find((item) => item.nav === nav)! }
}

export interface Payment {
  organizationFiscalCode: string
  nav: string
  receiptId: string
  pspCompany: string
  paymentMethod: string
  fee: number
  paidAt: Date
  /** the receipt's content, once the paid option is known */
  receipt: (position: StoredPosition, option: StoredOption) => ReceiptData
}

/**
 * Pays the options of one checkout in a single transaction: all of them or
 * none (a notice that is no longer payable stops the whole cart). Returns
 * the receipts made.
 */
export async function payNotices(payments: Payment[]) {
  return db.transaction(async (trx) => {
    const receipts: Array<{ organizationFiscalCode: string; iuv: string; receiptId: string }> = []
    for (const payment of payments) {
      const option = await trx
        .from('gpd_sim_payment_options')
        .where({ organization_fiscal_code: payment.organizationFiscalCode, nav: payment.nav })
        .forUpdate()
        .first()
      const row =
        option && (await trx.from('gpd_sim_positions').where('id', option.position_id).first())
      const position = row && (await load(trx, payment.organizationFiscalCode, row.iupd, true))
      const current = position && (await expireIfDue(trx, position, payment.paidAt))
      if (!current || current.status !== 'VALID' || option.status !== 'PO_UNPAID') {
        throw new ConflictError(`notice ${payment.nav} is not payable`)
      }
      await trx.from('gpd_sim_payment_options').where('id', option.id).update({
        status: 'PO_PAID',
        payment_date: payment.paidAt,
        id_receipt: payment.receiptId,
        psp_company: payment.pspCompany,
        payment_method: payment.paymentMethod,
        fee: payment.fee,
      })
      await trx
        .from('gpd_sim_positions')
        .where('id', current.id)
        .update({ status: 'PAID', payment_date: payment.paidAt, last_updated_date: payment.paidAt })
      const paidOption = toOption({
        ...option,
        status: 'PO_PAID',
        payment_date: payment.paidAt,
        id_receipt: payment.receiptId,
        psp_company: payment.pspCompany,
        payment_method: payment.paymentMethod,
        fee: payment.fee,
      })
      await trx.table('gpd_sim_receipts').insert({
        organization_fiscal_code: payment.organizationFiscalCode,
        iuv: option.iuv,
        receipt_id: payment.receiptId,
        notice_number: payment.nav,
        payment_date: payment.paidAt,
        data: JSON.stringify(payment.receipt(current, paidOption)),
      })
      receipts.push({
        organizationFiscalCode: payment.organizationFiscalCode,
        iuv: option.iuv,
        receiptId: payment.receiptId,
      })
    }
    return receipts
  })
}

export async function receiptOf(organizationFiscalCode: string, iuv: string) {
  const row = await db
    .from('gpd_sim_receipts')
    .where({ organization_fiscal_code: organizationFiscalCode, iuv })
    .first()
  if (!row) return null
  const data = JSON.parse(row.data) as ReceiptData
  return {
    data: { ...data, paidAt: new Date(data.paidAt) },
    deliveryAttempts: Number(row.delivery_attempts),
    deliveredAt: date(row.delivered_at),
  }
}

export async function recordDelivery(receiptId: string, delivered: boolean, now = new Date()) {
  await db.from('gpd_sim_receipts').where('receipt_id', receiptId).increment('delivery_attempts', 1)
  if (delivered) {
    await db.from('gpd_sim_receipts').where('receipt_id', receiptId).update({ delivered_at: now })
  }
}

export interface Cart {
  id: string
  request: Record<string, any>
  status: 'open' | 'paid' | 'cancelled'
}

export async function createCart(id: string, request: Record<string, unknown>, now = new Date()) {
  await db.table('gpd_sim_carts').insert({
    id,
    request: JSON.stringify(request),
    status: 'open',
    created_at: now,
    updated_at: now,
  })
}

export async function findCart(id: string): Promise<Cart | null> {
  const row = await db.from('gpd_sim_carts').where('id', id).first()
  return row ? { id: row.id, request: JSON.parse(row.request), status: row.status } : null
}

/** Moves an open cart on; false when it was not open any more (a second submit). */
export async function closeCart(id: string, status: 'paid' | 'cancelled', now = new Date()) {
  const updated = await db
    .from('gpd_sim_carts')
    .where({ id, status: 'open' })
    .update({ status, updated_at: now })
  return Number(Array.isArray(updated) ? updated[0] : updated) > 0
}

export interface Station {
  organizationFiscalCode: string
  brokerId: string
  stationId: string
  url: string
}

/** pagoPA's back office: where the Nodo sends this ente's receipts (broadcast station). */
export async function registerStation(station: Station) {
  await db.transaction(async (trx) => {
    await trx
      .from('gpd_sim_stations')
      .where('organization_fiscal_code', station.organizationFiscalCode)
      .delete()
    await trx.table('gpd_sim_stations').insert({
      organization_fiscal_code: station.organizationFiscalCode,
      broker_id: station.brokerId,
      station_id: station.stationId,
      url: station.url,
    })
  })
}

export async function forgetStation(organizationFiscalCode: string) {
  await db
    .from('gpd_sim_stations')
    .where('organization_fiscal_code', organizationFiscalCode)
    .delete()
}

export async function stationOf(organizationFiscalCode: string): Promise<Station | null> {
  const row = await db
    .from('gpd_sim_stations')
    .where('organization_fiscal_code', organizationFiscalCode)
    .first()
  return row
    ? {
        organizationFiscalCode: row.organization_fiscal_code,
        brokerId: row.broker_id,
        stationId: row.station_id,
        url: row.url,
      }
    : null
}

// For tests and the conformance harness: what pagoPA's operators could see.

export async function countPositions() {
  const [row] = await db.from('gpd_sim_positions').count('* as total')
  return Number(row.total)
}

/**
 * Moves a position past its due date, as time would: GPD then expires it on
 * the next read, when it was created with switchToExpired.
 */
export async function moveDueDateToPast(organizationFiscalCode: string, iupd: string) {
  const row = await db
    .from('gpd_sim_positions')
    .where({ organization_fiscal_code: organizationFiscalCode, iupd })
    .first()
  if (!row) throw new Error(`no position ${iupd}`)
  const past = new Date(Date.now() - 86_400_000)
  await db.from('gpd_sim_payment_options').where('position_id', row.id).update({ due_date: past })
}
