import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import paymentManager from '#extension_points/payment/manager'
import { formatNoticeCode } from '#extension_points/payment/notice_code'
import { PraticaStatus } from '#domain/pratica_status'
import { euro } from '#domain/payments/format'
import { amountOf } from '#domain/payments/form_amount'
import { CREATION_STATES, outcomeOf, type PaymentOutcome } from '#domain/payments/position_status'
import { latestAttemptPositions } from '#services/payments/positions'
import { paymentPaths } from '#services/payments/payment_paths'
import { atRequestItems, enteredStampsAtRequest } from '#services/payments/request_step'

/**
 * Where the payment step of a pratica goes. A service with payments (or
 * bolli) at request sends the pratica to "In attesa di pagamento" (1500)
 * instead of Inviata; the step's page ("Scegli la modalità di pagamento")
 * shows the positions of the current attempt with "Paga online" and
 * "Stampa e paga", the outcome, and "Riprova" after a refusal.
 */
export function needsPaymentAtRequest(service: Service) {
  return (
    (service.paymentSettings?.atRequest?.length ?? 0) > 0 ||
    (service.stampSettings?.atRequest?.length ?? 0) > 0
  )
}

export interface PaymentStepPosition {
  uuid: string
  causale: string
  amount: string
  statusLabel: string
  paid: boolean
  /** in groups of four; null until the intermediary created it */
  noticeCode: string | null
  iuv: string | null
  dueDate: string | null
  noticeUrl: string | null
}

export interface PaymentStep {
  positions: PaymentStepPosition[]
  /** before the positions exist: what the service asks (amount null when the form computes it and gives none) */
  planned: Array<{ causale: string; amount: string | null }>
  total: string
  outcome: PaymentOutcome
  /** the intermediary is creating the avvisi (or will retry) */
  creating: boolean
  creationFailed: boolean
  /** "Paga online" and "Stampa e paga" are offered */
  canPay: boolean
  /** "Riprova" after "Pagamento rifiutato" */
  canRetry: boolean
  /** the marche da bollo asked at request: how many, how many entered, where to enter them */
  stamps: { asked: number; entered: number; url: string } | null
  channel: { id: string; name: string } | null
  paths: ReturnType<typeof paymentPaths>
}

export async function paymentStep(
  ente: Ente,
  pratica: Pratica,
  service: Service
): Promise<PaymentStep> {
  const positions = await latestAttemptPositions(pratica.id)
  const paths = paymentPaths(ente.slug, pratica.uuid)
  const [active] = await paymentManager.allForEnte(ente)
  const statuses = positions.map((position) => position.status)
  const owesPayments = atRequestItems(service, pratica).length > 0
  const creating = owesPayments && (statuses.length === 0 || statuses.includes('CREATION_PENDING'))
  const stampsAsked = service.stampSettings?.atRequest?.length ?? 0
  const waiting =
    pratica.status === PraticaStatus.PAYMENT_PENDING ||
    pratica.status === PraticaStatus.PAYMENT_OUTCOME_PENDING
  return {
    positions: positions.map((position) => ({
      uuid: position.uuid,
      causale: position.causale,
      amount: euro(position.amountCents),
      statusLabel: position.statusLabel,
      paid: position.status === 'COMPLETE',
      noticeCode: position.noticeCode ? formatNoticeCode(position.noticeCode) : null,
      iuv: position.iuv,
      dueDate: position.dueDate?.setLocale('it').toFormat('dd/MM/yyyy') ?? null,
      noticeUrl: position.hasNotice ? paths.notice(position.uuid) : null,
    })),
    planned: (service.paymentSettings?.atRequest ?? []).map((item) => {
      const cents = amountOf(item, pratica.data ?? {})
      return { causale: item.causale, amount: cents === null ? null : euro(cents) }
    }),
    total: euro(positions.reduce((sum, position) => sum + position.amountCents, 0)),
    outcome: outcomeOf(statuses),
    creating,
    creationFailed: statuses.includes('CREATION_FAILED'),
    canPay:
      waiting &&
      positions.length > 0 &&
      !statuses.some((status) => CREATION_STATES.includes(status)) &&
      statuses.some((status) => status !== 'COMPLETE'),
    canRetry: pratica.status === PraticaStatus.PAYMENT_ERROR,
    stamps: stampsAsked
      ? {
          asked: stampsAsked,
          entered: await enteredStampsAtRequest(pratica.id),
          url: `/${ente.slug}/area-personale/pratiche/${pratica.uuid}#bolli`,
        }
      : null,
    channel: active ? { id: active.id, name: active.manifest.name } : null,
    paths,
  }
}
