import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'

export const USERNAME_FORMAT = /^[a-z0-9][a-z0-9._-]*$/

interface OperatorMeta {
  enteId: number
  /** the operator being edited; null when creating */
  userId: number | null
}

/**
 * Usernames and e-mail addresses are unique among the staff of an ente:
 * the username is the login, the address receives the password links.
 */
const uniqueInEnte = vine.createRule(
  async (value, options: { column: 'username' | 'email'; message: string }, field) => {
    if (typeof value !== 'string' || !field.isValid) return
    const { enteId, userId } = field.meta as OperatorMeta
    const taken = await db
      .from('users')
      .where('ente_id', enteId)
      .whereRaw(`LOWER(${options.column}) = ?`, [value.toLowerCase()])
      .if(userId !== null, (query) => query.whereNot('id', userId!))
      .first()
    if (taken) field.report(options.message, 'uniqueInEnte', field)
  }
)

const ids = () => vine.array(vine.number().withoutDecimals().positive()).optional()

/** "Crea nuovo operatore" and "Modifica operatore": Dati generali, Servizi, Uffici. */
export const operatorValidator = vine.withMetaData<OperatorMeta>().compile(
  vine.object({
    firstName: vine.string().trim().minLength(1).maxLength(100),
    lastName: vine.string().trim().minLength(1).maxLength(100),
    username: vine
      .string()
      .trim()
      .toLowerCase()
      .minLength(3)
      .maxLength(80)
      .regex(USERNAME_FORMAT)
      .use(
        uniqueInEnte({
          column: 'username',
          message: "Questa username è già usata da un altro utente dell'ente.",
        })
      ),
    email: vine
      .string()
      .trim()
      .toLowerCase()
      .email()
      .maxLength(254)
      .use(
        uniqueInEnte({
          column: 'email',
          message: "Questo indirizzo email è già usato da un altro utente dell'ente.",
        })
      ),
    services: ids(),
    offices: ids(),
  })
)
