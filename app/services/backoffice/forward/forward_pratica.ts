import { DateTime } from 'luxon'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Citizen from '#models/citizen'
import { outbox } from '#queue/outbox'
import { runOnce } from '#queue/run_once'
import { platformOrigin } from '#plugin_runtime/plugin_context'
import { PraticaStatus } from '#domain/pratica_status'
import { applicantContact } from '#services/pratiche/receipt'
import { timestampBinding } from '#services/backoffice/db_values'

/**
 * Workflow "Inoltro": once acquired (→ 2000) the pratica is forwarded to
 * the external back office of the service. Forwarding is the outbox event
 * `pratica.forwarded`, written with `forwarded_at` in one transaction and
 * once per pratica (the webhook that delivers it to `service.forwardUrl`
 * subscribes to it); from then on the backoffice shows the pratica
 * read-only. The payload is what a back office needs to work it without
 * calling back: OpenCity's application fields, snake_case.
 */
export const PRATICA_FORWARDED = 'pratica.forwarded'

export async function forwardPratica(praticaId: number): Promise<boolean> {
  const pratica = await Pratica.findOrFail(praticaId)
  const service = await Service.findOrFail(pratica.serviceId)
  if (service.workflow !== 'forward' || pratica.forwardedAt) return false
  if (pratica.status !== PraticaStatus.SUBMITTED) return false
  const ente = await Ente.findOrFail(pratica.enteId)
  const payload = await forwardPayload(ente, service, pratica)

  return runOnce(`pratica:${pratica.id}:forward`, async (trx) => {
    const now = DateTime.now()
    await Pratica.query({ client: trx })
      .where('id', pratica.id)
      .whereNull('forwarded_at')
      .update({ forwarded_at: timestampBinding(now) })
    await outbox.record(trx, {
      type: PRATICA_FORWARDED,
      enteId: ente.id,
      payload: { ...payload, forwarded_at: now.toISO() },
    })
  })
}

async function forwardPayload(ente: Ente, service: Service, pratica: Pratica) {
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  const applicant = applicantContact(pratica, citizen)
  return {
    pratica_id: pratica.id,
    id: pratica.uuid,
    tenant: ente.slug,
    service: service.slug,
    service_id: service.id,
    service_name: service.name,
    forward_url: service.forwardUrl,
    status: String(pratica.status),
    submitted_at: pratica.submittedAt?.toISO() ?? null,
    protocol_number: pratica.protocolNumber,
    user: {
      name: applicant.firstName,
      surname: applicant.lastName,
      fiscal_code: citizen?.fiscalCode ?? pratica.typedApplicant?.codiceFiscale ?? null,
      email: applicant.email,
    },
    data: pratica.data,
    links: {
      backoffice: `${platformOrigin()}/${ente.slug}/backoffice/pratiche/${pratica.uuid}`,
    },
  }
}
