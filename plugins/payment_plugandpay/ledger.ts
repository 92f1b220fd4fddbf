import { IuvLedger } from '#extension_points/payment/kit/iuv_ledger'
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

export class PlugAndPayLedger {
  #ledger: IuvLedger<LedgerEntry>

  constructor(enteId: number) {
    this.#ledger = new IuvLedger<LedgerEntry>(
      {
        table: 'pnp_posizioni',
        toEntry: (row) => ({
          ...JSON.parse(row.dati),
          iuv: row.iuv,
          cancelled: row.annullata_il !== null,
        }),
        toColumns: ({ posizione, dueDate, expiresAt }) => ({
          dati: JSON.stringify({ posizione, dueDate, expiresAt }),
        }),
      },
      enteId
    )
  }

  /** The entry recorded for the key, or a new one built from the new row's id. */
  record(idempotencyKey: string, build: (rowId: number) => Omit<LedgerEntry, 'cancelled'>) {
    return this.#ledger.record(idempotencyKey, (rowId) => ({ ...build(rowId), cancelled: false }))
  }

  byIuv(iuv: string) {
    return this.#ledger.find({ iuv })
  }

  async markCancelled(iuv: string) {
    await this.#ledger
      .rows()
      .where('iuv', iuv)
      .whereNull('annullata_il')
      .update({ annullata_il: new Date() })
  }
}
