import type { Role } from '#domain/roles'

/**
 * Who may do what on the "Operatori" page. Managers and ente admins
 * manage the ente's staff; nobody locks themselves out, and a manager
 * never touches an ente admin (the ente admin is named by the platform).
 */
export type OperatorAction =
  'edit' | 'reset_password' | 'make_manager' | 'make_operator' | 'enable' | 'disable' | 'delete'

export interface StaffMember {
  id: number
  role: Role
  isEnabled: boolean
}

/**
 * not_found: the target is outside what the actor manages (answered 404,
 * as everything outside one's permissions); refused: a legitimate target,
 * but not this action now, with the reason to show.
 */
export type Refusal = { kind: 'not_found' } | { kind: 'refused'; message: string }

const MANAGEABLE_BY: Record<Role, Role[]> = {
  platform_admin: [],
  ente_admin: ['ente_admin', 'manager', 'operator'],
  manager: ['manager', 'operator'],
  operator: [],
}

/** Whether the actor may see and open the target's page at all. */
export function canManage(actor: StaffMember, target: StaffMember): boolean {
  return MANAGEABLE_BY[actor.role].includes(target.role)
}

/**
 * Why the actor may not do this to the target, or null when allowed.
 * `praticheInCharge` matters only for deletion.
 */
export function operatorActionRefusal(
  actor: StaffMember,
  target: StaffMember,
  action: OperatorAction,
  praticheInCharge = 0
): Refusal | null {
  if (!canManage(actor, target)) return { kind: 'not_found' }
  const self = actor.id === target.id

  switch (action) {
    case 'edit':
      return null
    case 'reset_password':
      return target.isEnabled
        ? null
        : refused("L'operatore è disabilitato: abilitalo prima di reimpostare la password.")
    case 'make_manager':
    case 'make_operator': {
      if (target.role === 'ente_admin') {
        return refused("Il ruolo dell'amministratore dell'ente non si cambia da questa pagina.")
      }
      if (self) return refused('Non puoi cambiare il tuo ruolo.')
      const wanted: Role = action === 'make_manager' ? 'manager' : 'operator'
      return target.role === wanted ? refused(`Il ruolo è già ${roleName(wanted)}.`) : null
    }
    case 'enable':
      return null
    case 'disable':
      return self ? refused('Non puoi disabilitare il tuo account.') : null
    case 'delete':
      if (self) return refused('Non puoi eliminare il tuo account.')
      return praticheInCharge > 0
        ? refused(
            `Non è possibile eliminare l'operatore: ha in carico ${praticheInCharge === 1 ? 'una pratica' : `${praticheInCharge} pratiche`}. ` +
              'Assegnale ad altri operatori prima di eliminarlo.'
          )
        : null
  }
}

/** The row menu of the list: the actions that make sense for this target now. */
export function availableActions(actor: StaffMember, target: StaffMember): OperatorAction[] {
  const candidates: OperatorAction[] = [
    'edit',
    'reset_password',
    target.role === 'manager' ? 'make_operator' : 'make_manager',
    target.isEnabled ? 'disable' : 'enable',
    'delete',
  ]
  return candidates.filter((action) => operatorActionRefusal(actor, target, action) === null)
}

function refused(message: string): Refusal {
  return { kind: 'refused', message }
}

function roleName(role: Role) {
  return role === 'manager' ? 'Manager' : 'Operatore'
}
