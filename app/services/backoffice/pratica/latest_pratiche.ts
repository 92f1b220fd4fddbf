import { otherSentPratiche } from '#services/personal_area/citizen_pratiche'
import type Ente from '#models/ente'
import type User from '#models/user'
import type Citizen from '#models/citizen'
import { dateAndTime } from '#services/pratiche/dates'
import { enabledServiceIds, listScope } from '#services/backoffice/list_scope'
import { praticaBaseUrl } from '#services/backoffice/pratica/pratica_scope'

/**
 * "Ultime pratiche inviate dall'utente": the applicant's other sent
 * pratiche, newest first. The manual: "Se abilitato al servizio, può
 * cliccare sul titolo", so only those of services the staff member sees
 * link to their page.
 */
export interface LatestRow {
  serviceName: string
  statusLabel: string
  submittedAt: string
  url: string | null
}

export async function latestOfApplicant(
  ente: Ente,
  user: User,
  citizen: Citizen,
  except: number,
  limit = 5
): Promise<LatestRow[]> {
  const scope = listScope(ente, user)
  const pratiche = await otherSentPratiche(ente, citizen, except, limit)
  const enabled: Array<{ service_id: number }> = scope.allServices
    ? []
    : await enabledServiceIds(scope)
  const visible = scope.allServices ? null : new Set(enabled.map((row) => Number(row.service_id)))
  return pratiche.map((pratica) => ({
    serviceName: pratica.service.name,
    statusLabel: pratica.statusLabel,
    submittedAt: dateAndTime(pratica.submittedAt),
    url: !visible || visible.has(pratica.serviceId) ? praticaBaseUrl(ente, pratica) : null,
  }))
}
