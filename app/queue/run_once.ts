import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Applies an effect at most once per key: the key goes into
 * `processed_effects` in the same transaction as the effect, so either both
 * are committed or neither is.
 *
 * Delivery is at least once (a job can run again after a crash, a lost
 * lease, a retry, a callback received twice), so EVERY job handler and
 * every callback from a remote system must wrap its effect in runOnce,
 * with a key that names the effect, not the delivery:
 *
 *   await runOnce(`pratica:${id}:acquire`, async (trx) => {
 *     await pratica.useTransaction(trx).merge({ status: 2000 }).save()
 *   })
 *
 * Returns true when the effect was applied now, false when the key had
 * already been applied. A concurrent delivery with the same key waits for
 * the first transaction (unique key) and then skips; if the first one rolls
 * back, the second applies the effect.
 */
export async function runOnce(
  key: string,
  effect: (trx: TransactionClientContract) => Promise<void>
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const claimed = await trx
      .knexQuery()
      .table('processed_effects')
      .insert({ key, created_at: new Date() })
      .onConflict('key')
      .ignore()
      .returning('key')
    if (claimed.length === 0) return false
    await effect(trx)
    return true
  })
}
