import { IuvLedger, keyHash } from '#extension_points/payment/kit/iuv_ledger'
import type { PendenzaData } from './documents.js'

export { keyHash }

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

export class IrisLedger {
  #ledger: IuvLedger<LedgerEntry>

  constructor(enteId: number) {
    this.#ledger = new IuvLedger<LedgerEntry>(
      {
        table: 'iris_posizioni',
        toEntry: (row) => ({
          ...JSON.parse(row.dati),
          idPendenza: row.id_pendenza,
          iuv: row.iuv,
          noticeCode: row.codice_avviso,
        }),
        toColumns: ({ idPendenza, noticeCode, pendenza, dueDate, expiresAt }) => ({
          id_pendenza: idPendenza,
          codice_avviso: noticeCode,
          dati: JSON.stringify({ pendenza, dueDate, expiresAt }),
        }),
      },
      enteId
    )
  }

  /**
   * The entry recorded for the key, or a new one: `build` receives the
   * 13-digit reference of the new IUV and returns the identifiers and the
   * entry's data.
   */
  record(idempotencyKey: string, build: (reference: string) => LedgerEntry) {
    return this.#ledger.record(idempotencyKey, (rowId) => build(String(rowId).padStart(13, '0')))
  }

  byPendenza(idPendenza: string) {
    return this.#ledger.find({ id_pendenza: idPendenza })
  }

  byIuv(iuv: string) {
    return this.#ledger.find({ iuv })
  }
}
