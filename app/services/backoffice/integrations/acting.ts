import type Pratica from '#models/pratica'
import type Service from '#models/service'
import type { IntegrationSubject } from '#domain/integrations'
import type User from '#models/user'
import type { Actor } from '#services/pratiche/change_status'
import type { AuditSubject, RequestOrigin } from '#services/audit/audit_log'

/** The staff member doing something to a pratica, and from where (the audit log). */
export interface StaffAct {
  operator: User
  origin: RequestOrigin
}

export function operatorActor(operator: User): Actor {
  return { type: 'operator', id: operator.id, name: operator.fullName }
}

export function praticaSubject(pratica: Pick<Pratica, 'id' | 'uuid'>): AuditSubject {
  return { type: 'pratica', id: pratica.id, label: pratica.uuid }
}

export function subjectOf(pratica: Pratica, service: Service): IntegrationSubject {
  return {
    status: pratica.status,
    operatorId: pratica.operatorId,
    allowIntegrationRequests: service.allowIntegrationRequests,
  }
}
