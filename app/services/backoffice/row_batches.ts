import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { isPostgres } from '#services/backoffice/db_values'

/**
 * Every row of a query, a batch at a time, so that an export of a hundred
 * thousand rows never holds more than one batch. The caller asks for the
 * next batch only when it has written the previous one (backpressure).
 *
 * PostgreSQL: a server-side cursor (DECLARE ... FETCH) in a read
 * transaction: one snapshot, any ORDER BY, a connection of the pool for
 * the time of the export. SQLite (the embedded installation): LIMIT/OFFSET
 * batches, each its own query, because its single connection must stay
 * free for the other requests between two batches.
 */
export async function* rowBatches(
  query: DatabaseQueryBuilderContract,
  size = 1000
): AsyncGenerator<Record<string, any>[]> {
  yield* isPostgres() ? cursorBatches(query, size) : offsetBatches(query, size)
}

async function* cursorBatches(query: DatabaseQueryBuilderContract, size: number) {
  const { sql, bindings } = query.toSQL()
  const cursor = `rows_${randomBytes(8).toString('hex')}`
  const trx = await db.transaction()
  try {
    await trx.rawQuery(`declare ${cursor} no scroll cursor for ${sql}`, bindings as any[])
    while (true) {
      const result = await trx.rawQuery(`fetch forward ${size} from ${cursor}`)
      if (result.rows.length === 0) break
      yield result.rows as Record<string, any>[]
    }
    await trx.rawQuery(`close ${cursor}`)
    await trx.commit()
  } finally {
    // an export stopped halfway (the browser went away, an error)
    if (!trx.isCompleted) await trx.rollback()
  }
}

async function* offsetBatches(query: DatabaseQueryBuilderContract, size: number) {
  for (let offset = 0; ; offset += size) {
    const rows = await query.clone().limit(size).offset(offset)
    if (rows.length > 0) yield rows
    if (rows.length < size) return
  }
}
