import type Service from '#models/service'
import type Pratica from '#models/pratica'
import { positionsOfPratica } from '#services/payments/positions'
import { isPayableOnline } from '#services/payments/cart'
import { ensureStampsAtRequest, stampsOfPratica } from '#services/payments/stamps'
import PaymentPosition from '#models/payment_position'
import { digitalStampAvailable, digitalStampUnderway } from '#domain/payments/digital_stamp'

/**
 * The "Bolli" and "Pagamento" tabs of a pratica, shown only when its
 * service asks for bolli or payments. Until the payments issue records
 * the pratica's own bolli and pagoPA positions they show what the
 * service asks for: each bollo's causale and amount and the phase it is
 * paid in, each payment's causale and amount.
 */
export interface StampLine {
  causale: string
  amount: string
}

export interface PaymentLine {
  causale: string
  /** null: computed from the form's data */
  amount: string | null
  phase: 'at_request' | 'deferred'
}

export interface PaymentTabs {
  stamps: { atRequest: StampLine[]; atRelease: boolean } | null
  payments: PaymentLine[] | null
  /** the pratica's own positions, when the page reads them (positionViews) */
  positions?: PositionView[]
  /** the pratica's own bolli (stampViews) */
  stampRows?: StampView[]
  /** the citizen's province of residence, filled in for a marca da bollo digitale */
  stampProvince?: string | null
}

export function formatEuro(cents: number, locale = 'it') {
  return `${(cents / 100).toLocaleString(`${locale}-IT`, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`
}

export function paymentTabs(service: Service, locale = 'it'): PaymentTabs {
  const stamps = service.stampSettings ?? { atRequest: [], atRelease: false }
  const payments = service.paymentSettings ?? { atRequest: [], deferred: [] }
  const paymentLines: PaymentLine[] = [
    ...payments.atRequest.map((item) => ({ item, phase: 'at_request' as const })),
    ...payments.deferred.map((item) => ({ item, phase: 'deferred' as const })),
  ].map(({ item, phase }) => ({
    causale: item.causale,
    amount: item.amountCents === null ? null : formatEuro(item.amountCents, locale),
    phase,
  }))
  return {
    stamps:
      stamps.atRequest.length > 0 || stamps.atRelease
        ? {
            atRequest: stamps.atRequest.map((stamp) => ({
              causale: stamp.causale,
              amount: formatEuro(stamp.amountCents, locale),
            })),
            atRelease: stamps.atRelease,
          }
        : null,
    payments: paymentLines.length > 0 ? paymentLines : null,
  }
}

/** A pagoPA position of the pratica as its Pagamento tab shows it (the manual's fields). */
export interface PositionView {
  uuid: string
  status: string
  statusLabel: string
  phase: 'at_request' | 'deferred' | null
  createdAt: string
  intermediary: string
  amount: string
  causale: string
  payer: string
  payerAddress: string | null
  payerEmail: string | null
  paidAt: string | null
  method: string
  iuv: string | null
  iud: string | null
  noticeCode: string | null
  receiptUrl: string | null
  /** the citizen's "Paga online" (POST, with the position's uuid as `avviso`) and "Paga offline" */
  payOnline: string | null
  payOffline: string | null
}

const MOMENT = 'dd/MM/yyyy HH:mm:ss'

/**
 * The pratica's own pagoPA positions (newest attempt first), for the
 * Pagamento tab of the citizen's and the operator's pratica page; each
 * paid one links its receipt through `receiptUrl(uuid)` (the page's own
 * scoped route); with `payments` (the citizen's Pagamenti address) an
 * unpaid one offers "Paga online" and "Paga offline".
 */
export async function positionViews(
  praticaId: number,
  receiptUrl: ((uuid: string) => string) | null,
  payments: string | null = null
): Promise<PositionView[]> {
  const positions = await positionsOfPratica(praticaId)
  return positions.map((position) => ({
    uuid: position.uuid,
    status: position.status,
    statusLabel: position.statusLabel,
    phase: position.phase,
    createdAt: position.createdAt.setZone('Europe/Rome').toFormat(MOMENT),
    intermediary: position.pluginId.replace(/^payment_/, ''),
    amount: formatEuro(position.amountCents),
    causale: position.causale,
    payer: `${position.payer.name} - ${position.payer.fiscalCode}`,
    payerAddress: position.payer.address ?? null,
    payerEmail: position.payer.email ?? null,
    paidAt: position.paidAt ? position.paidAt.setZone('Europe/Rome').toFormat(MOMENT) : null,
    method: position.receipt?.method ?? 'PAGOPA',
    iuv: position.iuv,
    iud: position.iud,
    noticeCode: position.noticeCode,
    receiptUrl: receiptUrl && position.status === 'COMPLETE' ? receiptUrl(position.uuid) : null,
    payOnline: payments && isPayableOnline(position) ? `${payments}/paga` : null,
    payOffline:
      payments && isPayableOnline(position) ? `${payments}/${position.uuid}/avviso` : null,
  }))
}

/** A bollo of the pratica as its Bolli tab shows it. */
export interface StampView {
  uuid: string
  phase: 'at_request' | 'at_release'
  causale: string
  amount: string
  /** the typed marca's number, or the digital one's IUBD */
  number: string | null
  issuedAt: string | null
  /** where the citizen enters it, while it is missing */
  enterUrl: string | null
  /** paid (or being paid) as a marca da bollo digitale */
  digital: DigitalStampView | null
  /** "Paga con marca da bollo digitale" (POST, `provincia`), when the ente's intermediary issues them */
  digitalUrl: string | null
}

export interface DigitalStampView {
  status: string
  statusLabel: string
  /** the position is being created at the intermediary: the page reloads itself */
  creating: boolean
  documentHash: string | null
  /** the citizen's "Paga online" (POST, the position's uuid as `avviso`) */
  payOnline: string | null
  positionUuid: string
}

export interface StampUrls {
  /** "Inserisci marca" of one bollo */
  enter: (uuid: string) => string
  /** "Paga con marca da bollo digitale" of one bollo */
  digital: (uuid: string) => string
  /** whether the ente's intermediary issues marche da bollo digitali (asked only when a bollo could be) */
  issuesDigital: () => Promise<boolean>
  /** the citizen's Pagamenti (its `/paga` opens the checkout) */
  payments: string
}

/**
 * The pratica's bolli (those the service asks at request are recorded on
 * first sight), each typed or paid as a marca da bollo digitale; `urls`
 * for the citizen's page, null for the office.
 */
export async function stampViews(
  pratica: Pratica,
  service: Service,
  urls: StampUrls | null
): Promise<StampView[]> {
  await ensureStampsAtRequest(pratica, service)
  const stamps = await stampsOfPratica(pratica.id)
  const positionIds = stamps.flatMap((stamp) => (stamp.positionId ? [stamp.positionId] : []))
  const positions = positionIds.length
    ? await PaymentPosition.query().whereIn('id', positionIds)
    : []
  const digitalOffered =
    !!urls &&
    stamps.some((stamp) => !stamp.enteredAt && digitalStampAvailable(stamp.amountCents)) &&
    (await urls.issuesDigital())
  return stamps.map((stamp) => {
    const position = positions.find((item) => item.id === stamp.positionId) ?? null
    const underway = digitalStampUnderway(position?.status)
    const open = urls && !stamp.enteredAt
    return {
      uuid: stamp.uuid,
      phase: stamp.phase,
      causale: stamp.causale,
      amount: formatEuro(stamp.amountCents),
      number: stamp.number,
      issuedAt: stamp.issuedAt
        ? stamp.issuedAt.setZone('Europe/Rome').toFormat('dd/MM/yyyy HH:mm')
        : null,
      enterUrl: open && !underway ? urls.enter(stamp.uuid) : null,
      digital: position && {
        status: position.status,
        statusLabel: position.statusLabel,
        creating: position.status === 'CREATION_PENDING',
        documentHash: stamp.documentHash,
        payOnline: open && isPayableOnline(position) ? `${urls.payments}/paga` : null,
        positionUuid: position.uuid,
      },
      digitalUrl:
        open && !underway && digitalOffered && digitalStampAvailable(stamp.amountCents)
          ? urls.digital(stamp.uuid)
          : null,
    }
  })
}
