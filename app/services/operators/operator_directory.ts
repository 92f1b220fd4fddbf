import User from '#models/user'
import Service from '#models/service'
import Office from '#models/office'
import type Ente from '#models/ente'
import NotFoundException from '#exceptions/not_found_exception'
import { ENTE_STAFF_ROLES } from '#domain/roles'

/** The manual's "Visualizza 50 elementi". */
export const OPERATORS_PER_PAGE = 50

/** The ente's staff (ente admins, managers, operators), never platform admins. */
function staffOf(ente: Ente) {
  return User.query().where('ente_id', ente.id).whereIn('role', ENTE_STAFF_ROLES)
}

/**
 * "Operatori": the ente's staff by name, narrowed by "Cerca" (every word
 * must match the name, the username or the e-mail), 50 a page, with the
 * unfiltered total for "(filtrati da N elementi totali)".
 */
export async function listOperators(ente: Ente, options: { search: string; page: number }) {
  const words = options.search.toLowerCase().split(/\s+/).filter(Boolean)
  const query = staffOf(ente).orderBy('last_name').orderBy('first_name').orderBy('id')
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    query.where((match) => {
      for (const column of ['first_name', 'last_name', 'username', 'email']) {
        match.orWhereRaw(`LOWER(${column}) LIKE ? ESCAPE '\\'`, [pattern])
      }
    })
  }
  const page = await query.paginate(Math.max(1, options.page), OPERATORS_PER_PAGE)
  const total = words.length ? await countStaff(ente) : page.total
  return { page, total }
}

async function countStaff(ente: Ente) {
  const [row] = await staffOf(ente).count('* as total')
  return Number(row.$extras.total)
}

/** One of the ente's staff, or 404 (another ente's id, a platform admin, nonsense). */
export async function findOperatorOrFail(ente: Ente, id: unknown): Promise<User> {
  const numeric = Number(id)
  if (!Number.isSafeInteger(numeric) || numeric <= 0) throw new NotFoundException()
  const user = await staffOf(ente).where('id', numeric).first()
  if (!user) throw new NotFoundException()
  return user
}

/** What the Servizi and Uffici tabs offer: the ente's own services and offices. */
export async function enablementChoices(ente: Ente) {
  const [services, offices] = await Promise.all([
    Service.forEnte(ente).orderBy('name').select('id', 'name'),
    Office.forEnte(ente).orderBy('name').select('id', 'name'),
  ])
  return { services, offices }
}
