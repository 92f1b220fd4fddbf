import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'

/**
 * The IUV of a position is often the ente's to make: a retry after a lost
 * answer must send the SAME IUV, so the remote recognises it instead of
 * holding two positions. The ledger is a plugin's own table with at least
 * `id` (increments), `ente_id`, `chiave` (SHA-256 hex of the idempotency
 * key, unique per ente), `iuv` (nullable) and `created_at`; the row's id,
 * known inside the transaction that inserts it, gives the IUV's reference.
 * The plugin passes the table's name and how its other columns map to its
 * entry.
 *
 * @example
 *   const ledger = new IuvLedger({ table: 'acme_posizioni', toEntry, toColumns }, enteId)
 *   const entry = await ledger.record(input.idempotencyKey, (rowId) => ({ iuv: makeIuv(rowId), ... }))
 */
export interface LedgerShape<Entry extends { iuv: string }> {
  table: string
  /** the entry of a row whose iuv is filled */
  toEntry(row: Record<string, any>): Entry
  /** the columns (besides `iuv`) that store a new entry */
  toColumns(entry: Entry): Record<string, unknown>
}

export function keyHash(idempotencyKey: string) {
  return createHash('sha256').update(idempotencyKey).digest('hex')
}

/** PostgreSQL answers `[{ id }]`, SQLite `[id]`. */
function insertedId(inserted: number | { id: number }) {
  return typeof inserted === 'object' ? inserted.id : inserted
}

function isUniqueViolation(error: any) {
  return error?.code === '23505' || String(error?.code).startsWith('SQLITE_CONSTRAINT')
}

export class IuvLedger<Entry extends { iuv: string }> {
  constructor(
    private shape: LedgerShape<Entry>,
    private enteId: number
  ) {}

  /** The entry recorded for the key, or a new one built from the new row's id. */
  async record(idempotencyKey: string, build: (rowId: number) => Entry): Promise<Entry> {
    const chiave = keyHash(idempotencyKey)
    const existing = await this.#byKey(chiave)
    if (existing) return existing
    try {
      return await db.transaction(async (trx) => {
        const [inserted] = await trx
          .table(this.shape.table)
          .insert({ ente_id: this.enteId, chiave, created_at: new Date() })
          .returning('id')
        const id = insertedId(inserted)
        const entry = build(id)
        await trx
          .from(this.shape.table)
          .where('id', id)
          .update({ iuv: entry.iuv, ...this.shape.toColumns(entry) })
        return entry
      })
    } catch (error) {
      // the same key recorded at the same moment by another worker
      if (!isUniqueViolation(error)) throw error
      return (await this.#byKey(chiave))!
    }
  }

  /** The ente's entry whose columns have these values. */
  async find(columns: Record<string, unknown>) {
    const row = await this.rows().where(columns).whereNotNull('iuv').first()
    return row ? this.shape.toEntry(row) : null
  }

  /** A query on the ente's rows, for the plugin's own updates. */
  rows() {
    return db.from(this.shape.table).where('ente_id', this.enteId)
  }

  #byKey(chiave: string) {
    return this.find({ chiave })
  }
}
