import { notifyStatusChange } from '#services/notifications/notify_status_change'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const NOTIFY_STATUS_CHANGE_JOB = 'notifications.status_change'

/** Every change of state: the applicant's notice and the operators' (see the service). */
export async function notifyPraticaStatusChange(event: StatusChanged) {
  await notifyStatusChange({
    eventId: event.eventId,
    praticaId: event.payload.praticaId,
    to: event.payload.to,
    partial: event.payload.partial,
    applicantNotified: event.payload.applicantNotified === true,
    occurredAt: event.occurredAt,
  })
}
