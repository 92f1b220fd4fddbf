import Pratica from '#models/pratica'
import type User from '#models/user'
import { FINAL_STATES } from '#domain/pratica_status'

/**
 * Pratiche the operator has in charge and still open: they block the
 * operator's deletion (the manual: "Non è possibile eliminare un operatore
 * che ha in carico delle pratiche").
 */
export async function countPraticheInCharge(operator: User): Promise<number> {
  const row = await Pratica.query()
    .where('ente_id', operator.enteId!)
    .where('operator_id', operator.id)
    .whereNotIn('status', FINAL_STATES)
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}
