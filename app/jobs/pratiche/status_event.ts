import type { OutboxJobPayload } from '#queue/outbox'
import type { PraticaStatusCode } from '#domain/pratica_status'

/** The payload of `pratica.status_changed` (app/services/pratiche/change_status.ts). */
export type StatusChanged = OutboxJobPayload<{
  praticaId: number
  from: PraticaStatusCode
  to: PraticaStatusCode
  partial: boolean
  /** the caller told the applicant itself (see StatusChange.applicantNotified) */
  applicantNotified?: boolean
}>
