import db from '@adonisjs/lucid/services/db'
import Office from '#models/office'
import User from '#models/user'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Who a pratica can be assigned to ("Assegna ad un operatore"): the
 * offices of the ente, and the enabled operators and managers who are
 * enabled for the pratica's service, each with the offices they belong to.
 */
export interface Assignee {
  id: number
  name: string
  officeIds: number[]
}

export async function assignableOffices(enteId: number, client?: TransactionClientContract) {
  return Office.query({ client }).where('ente_id', enteId).select('id', 'name').orderBy('name')
}

export async function assignableOperators(
  enteId: number,
  serviceId: number,
  client?: TransactionClientContract
): Promise<Assignee[]> {
  const users = await User.query({ client })
    .where('ente_id', enteId)
    .where('is_enabled', true)
    .whereIn('role', ['operator', 'manager'])
    .whereIn('id', db.from('operator_services').select('user_id').where('service_id', serviceId))
    .orderBy('last_name')
    .orderBy('first_name')
  const memberships = users.length
    ? await (client ?? db)
        .from('operator_offices')
        .whereIn(
          'user_id',
          users.map((user) => user.id)
        )
        .select('user_id', 'office_id')
    : []
  return users.map((user) => ({
    id: user.id,
    name: user.fullName,
    officeIds: memberships
      .filter((row) => Number(row.user_id) === user.id)
      .map((row) => Number(row.office_id)),
  }))
}

/** Whether the staff member belongs to the office. */
export async function belongsToOffice(userId: number, officeId: number) {
  const row = await db
    .from('operator_offices')
    .where('user_id', userId)
    .where('office_id', officeId)
    .first()
  return !!row
}
