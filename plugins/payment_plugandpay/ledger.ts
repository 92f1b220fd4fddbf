import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { PosizioneDati } from './messages.js'

/**
 * The adapter's ledger (table pnp_posizioni): per idempotency key, the
 * position loaded on Plug&Pay and its IUV. The IUV is the ente's to make:
 * its last eleven digits are the row's id, so a retry after a lost answer
 * sends the same IUV and Plug&Pay answers IuvNonUnivoco instead of holding
 * two positions. It also remembers what Plug&Pay does not report: a
 * position removed by RimuoviPosizione, the due date shown on the avviso.
 */
export interface LedgerEntry {
  iuv: string
  posizione: PosizioneDati
  dueDate?: string
  expiresAt?: string
  cancelled: boolean
}

const TABLE = 'pnp_posizioni'

function toEntry(row: any): LedgerEntry {
  const dati = JSON.parse(row.dati)
  return {
    iuv: row.iuv,
    posizione: dati.posizione,
    dueDate: dati.dueDate,
    expiresAt: dati.expiresAt,
    cancelled: row.annullata_il !== null,
  }
}

/** PostgreSQL answers `[{ id }]`, SQLite `[id]`. */
function insertedId(inserted: number | { id: number }) {
  return typeof inserted === 'object' ? inserted.id : inserted
}

function isUniqueViolation(error: any) {
  return error?.code === '23505' || String(error?.code).startsWith('SQLITE_CONSTRAINT')
}

export class PlugAndPayLedger {
  constructor(private enteId: number) {}

  /** The entry recorded for the key, or a new one built from the new row's id. */
  async record(
    idempotencyKey: string,
    build: (rowId: number) => Omit<LedgerEntry, 'cancelled'>
  ): Promise<LedgerEntry> {
    const chiave = createHash('sha256').update(idempotencyKey).digest('hex')
    const existing = await this.#byKey(chiave)
    if (existing) return existing
    try {
      return await db.transaction(async (trx) => {
        const [inserted] = await trx
          .table(TABLE)
          .insert({ ente_id: this.enteId, chiave, created_at: new Date() })
          .returning('id')
        const entry = build(insertedId(inserted))
        const dati = {
          posizione: entry.posizione,
          dueDate: entry.dueDate,
          expiresAt: entry.expiresAt,
        }
        await trx
          .from(TABLE)
          .where('id', insertedId(inserted))
          .update({ iuv: entry.iuv, dati: JSON.stringify(dati) })
        return { ...entry, cancelled: false }
      })
    } catch (error) {
      // the same key recorded at the same moment by another worker
      if (!isUniqueViolation(error)) throw error
      return (await this.#byKey(chiave))!
    }
  }

  async byIuv(iuv: string) {
    const row = await db.from(TABLE).where({ ente_id: this.enteId, iuv }).first()
    return row ? toEntry(row) : null
  }

  async markCancelled(iuv: string) {
    await db
      .from(TABLE)
      .where({ ente_id: this.enteId, iuv })
      .whereNull('annullata_il')
      .update({ annullata_il: new Date() })
  }

  async #byKey(chiave: string) {
    const row = await db
      .from(TABLE)
      .where({ ente_id: this.enteId, chiave })
      .whereNotNull('iuv')
      .first()
    return row ? toEntry(row) : null
  }
}
