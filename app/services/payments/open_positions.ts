import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import type { DebtPosition } from '#extension_points/payment/contract'

/**
 * The citizen's open positions made outside the platform (a fine, a tax),
 * read from each enabled intermediary that can list them (capability
 * `openPositions`, e.g. MyPay paaSILChiediPosizioniAperte) and kept as
 * positions of no pratica, so they can be paid, join the cart and be
 * reconciled as any other. A position the platform already holds (same
 * IUV) is left alone; the same listing twice records nothing new
 * (idempotency key `open:<plugin>:<codice avviso>`).
 *
 * Answers whether every intermediary could be read: an intermediary that
 * is down leaves the page with what it already knows.
 */
export async function syncOpenPositions(ente: Ente, citizen: Citizen): Promise<boolean> {
  let complete = true
  for (const active of await paymentManager.allForEnte(ente)) {
    if (!active.manifest.capabilities.openPositions || !active.adapter.listOpenPositions) continue
    let debts: DebtPosition[]
    try {
      debts = await active.adapter.listOpenPositions(citizen.fiscalCode)
    } catch (error) {
      complete = false
      logger.warn({ err: error, plugin: active.id }, 'open positions: intermediary unreachable')
      continue
    }
    for (const debt of debts) await recordOpenPosition(ente, citizen, active.id, debt)
  }
  return complete
}

async function recordOpenPosition(
  ente: Ente,
  citizen: Citizen,
  pluginId: string,
  debt: DebtPosition
) {
  if (debt.kind !== 'pagopa' || !['PAYMENT_PENDING', 'PAYMENT_STARTED'].includes(debt.status))
    return
  // by IUV, or by the intermediary's id for a position made here whose IUV came later
  const known = await PaymentPosition.forEnte(ente)
    .where((query) =>
      query
        .where('iuv', debt.iuv)
        .orWhere((same) => same.where('plugin_id', pluginId).where('iud', debt.positionId))
    )
    .first()
  if (known) return
  // the database's own clock: a JS Date would be stored as a number by SQLite
  const now = db.knexRawQuery('CURRENT_TIMESTAMP')
  await db
    .knexQuery()
    .table(PaymentPosition.table)
    .insert({
      ente_id: ente.id,
      uuid: randomUUID(),
      pratica_id: null,
      citizen_id: citizen.id,
      idempotency_key: `open:${pluginId}:${debt.noticeCode}`,
      type: 'PAGOPA',
      status: 'PAYMENT_PENDING',
      phase: null,
      item_index: 0,
      attempt: 1,
      plugin_id: pluginId,
      amount_cents: debt.amountCents,
      causale: debt.description.slice(0, 140),
      creditor_fiscal_code: ente.codiceFiscale,
      iud: debt.positionId,
      iuv: debt.iuv,
      notice_code: debt.noticeCode,
      due_date: debt.dueDate ? debt.dueDate.toISOString().slice(0, 10) : null,
      expires_at: debt.expiresAt ? sqlMoment(debt.expiresAt) : null,
      payer: JSON.stringify({
        fiscalCode: citizen.fiscalCode,
        name: `${citizen.firstName} ${citizen.lastName}`.trim(),
        kind: 'person',
        ...(citizen.email ? { email: citizen.email } : {}),
      }),
      bilancio: null,
      taxonomy: null,
      links: JSON.stringify(debt.links ?? {}),
      created_at: now,
      updated_at: now,
    })
    .onConflict(['ente_id', 'idempotency_key'])
    .ignore()
}

function sqlMoment(date: Date) {
  return DateTime.fromJSDate(date).toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}
