import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { PendenzaData } from './documents.js'

/**
 * The adapter's ledger (table iris_posizioni): per idempotency key, the
 * pendenza sent to IRIS and its IUV. The IUV is the ente's to make
 * (IRIS's connectors generate it): its 13-digit reference is the ledger
 * row's id, so a retry after a lost answer resends the same IUV and IRIS
 * recognises it instead of holding two positions.
 */
export interface LedgerEntry {
  idPendenza: string
  iuv: string
  noticeCode: string
  pendenza: PendenzaData
  dueDate?: string
  expiresAt?: string
}

const TABLE = 'iris_posizioni'

export function keyHash(idempotencyKey: string) {
  return createHash('sha256').update(idempotencyKey).digest('hex')
}

function toEntry(row: any): LedgerEntry {
  const dati = JSON.parse(row.dati)
  return {
    idPendenza: row.id_pendenza,
    iuv: row.iuv,
    noticeCode: row.codice_avviso,
    pendenza: dati.pendenza,
    dueDate: dati.dueDate,
    expiresAt: dati.expiresAt,
  }
}

/** PostgreSQL answers `[{ id }]`, SQLite `[id]`. */
function insertedId(inserted: number | { id: number }) {
  return typeof inserted === 'object' ? inserted.id : inserted
}

function isUniqueViolation(error: any) {
  return error?.code === '23505' || String(error?.code).startsWith('SQLITE_CONSTRAINT')
}

export class IrisLedger {
  constructor(private enteId: number) {}

  /**
   * The entry recorded for the key, or a new one: `build` receives the
   * 13-digit reference of the new IUV and returns the identifiers and the
   * entry's data.
   */
  async record(
    idempotencyKey: string,
    build: (reference: string) => LedgerEntry
  ): Promise<LedgerEntry> {
    const chiave = keyHash(idempotencyKey)
    const existing = await this.#byKey(chiave)
    if (existing) return existing
    try {
      return await db.transaction(async (trx) => {
        const [inserted] = await trx
          .table(TABLE)
          .insert({ ente_id: this.enteId, chiave, created_at: new Date() })
          .returning('id')
        const id = insertedId(inserted)
        const entry = build(String(id).padStart(13, '0'))
        await trx
          .from(TABLE)
          .where('id', id)
          .update({
            id_pendenza: entry.idPendenza,
            iuv: entry.iuv,
            codice_avviso: entry.noticeCode,
            dati: JSON.stringify({
              pendenza: entry.pendenza,
              dueDate: entry.dueDate,
              expiresAt: entry.expiresAt,
            }),
          })
        return entry
      })
    } catch (error) {
      // the same key recorded at the same moment by another worker
      if (!isUniqueViolation(error)) throw error
      return (await this.#byKey(chiave))!
    }
  }

  async byPendenza(idPendenza: string) {
    const row = await db
      .from(TABLE)
      .where({ ente_id: this.enteId, id_pendenza: idPendenza })
      .first()
    return row ? toEntry(row) : null
  }

  async byIuv(iuv: string) {
    const row = await db.from(TABLE).where({ ente_id: this.enteId, iuv }).first()
    return row ? toEntry(row) : null
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
