import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Citizen from '#models/citizen'
import type { EnteRef } from '#models/mixins/tenant_owned'

/**
 * Finds the ente's citizen with this (normalised) codice fiscale, or starts
 * a new one, lets `apply` change it, and saves. Two first requests of the
 * same person can race (a double click on the IdP's button): the loser of
 * the unique (ente, codice fiscale) index applies its changes to the row
 * the winner created. Each attempt runs in its own (nested) transaction,
 * so a failed insert does not spoil the caller's transaction `client`.
 */
export async function saveByFiscalCode(
  ente: EnteRef,
  fiscalCode: string,
  apply: (citizen: Citizen, isNew: boolean) => void | Promise<void>,
  client?: TransactionClientContract
): Promise<Citizen> {
  const attempt = () =>
    (client ?? db).transaction(async (trx) => {
      const existing = await Citizen.forEnte(ente)
        .useTransaction(trx)
        .where('fiscal_code', fiscalCode)
        .first()
      const citizen = existing ?? new Citizen().merge({ enteId: ente.id, fiscalCode })
      citizen.useTransaction(trx)
      await apply(citizen, !existing)
      await citizen.save()
      return citizen
    })
  try {
    return await attempt()
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return attempt()
  }
}

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string }).code
  // PostgreSQL, SQLite
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}
