import type User from '#models/user'
import type { RequestOrigin } from '#services/audit/audit_log'

/** The "Dati generali", "Servizi" and "Uffici" of an operator. */
export interface OperatorInput {
  firstName: string
  lastName: string
  username: string
  email: string
  services?: number[]
  offices?: number[]
}

/** Who acts on the Operatori page, and from where (for the audit log). */
export interface Acting {
  actor: User
  origin: RequestOrigin
}
