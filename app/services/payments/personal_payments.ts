import { DateTime } from 'luxon'
import type { Response } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import type PaymentPosition from '#models/payment_position'
import Pratica from '#models/pratica'
import paymentManager from '#extension_points/payment/manager'
import { euro } from '#domain/payments/format'
import { positionsOfCitizen } from '#services/payments/positions'
import { knownTaxonomyLabel } from '#services/payments/taxonomy'
import { renderPaymentReceipt } from '#services/pdf/payment_receipt'
import { isUuid } from '#domain/uuid'

/**
 * The personal area's "Pagamenti": the citizen's positions in the ente
 * (those of their pratiche and the open ones read from the intermediary),
 * as "Da pagare" and "Pagati", filtered by due date, with the manual's
 * fields (Importo, causale, Codice avviso, Ente creditore, Data,
 * Interessato, Categoria PA, Scadenza, Servizio).
 */
const ZONE = 'Europe/Rome'
const TO_PAY = ['CREATION_PENDING', 'PAYMENT_PENDING', 'PAYMENT_STARTED', 'PAYMENT_FAILED']

export function moment(value: DateTime | null) {
  return value ? value.setZone(ZONE).toFormat('dd/MM/yyyy HH:mm') : null
}

/** The citizen's positions among `uuids` (theirs by citizen id or as payer). */
export async function citizenPositions(ente: Ente, citizen: Citizen, uuids: string[]) {
  const wellFormed = uuids.filter(isUuid)
  if (wellFormed.length === 0) return []
  return positionsOfCitizen(ente, citizen).whereIn('uuid', wellFormed)
}

/** One of the citizen's positions, or null (never another's: the caller answers 404). */
export async function citizenPosition(ente: Ente, citizen: Citizen, uuid: string) {
  const [position] = await citizenPositions(ente, citizen, [uuid])
  return position ?? null
}

export interface DueFilter {
  /** ISO dates (yyyy-mm-dd) of the due-date range, inclusive */
  dal?: string
  al?: string
}

function validDay(value: unknown) {
  const day = DateTime.fromISO(String(value ?? ''), { zone: ZONE })
  return day.isValid ? day : null
}

export function readDueFilter(query: Record<string, unknown>): DueFilter {
  const dal = validDay(query.dal)
  const al = validDay(query.al)
  return { dal: dal?.toISODate() ?? undefined, al: al?.toISODate() ?? undefined }
}

function withinDue(position: PaymentPosition, filter: DueFilter) {
  if (!filter.dal && !filter.al) return true
  const due = position.dueDate?.toISODate()
  if (!due) return false
  return (!filter.dal || due >= filter.dal) && (!filter.al || due <= filter.al)
}

export interface PaymentCard {
  uuid: string
  pluginId: string
  causale: string
  amount: string
  amountCents: number
  status: string
  statusLabel: string
  noticeCode: string | null
  creditor: string
  createdAt: string | null
  payer: string
  category: string | null
  dueDate: string | null
  paidAt: string | null
  service: string | null
  praticaUuid: string | null
  payableOnline: boolean
  hasNotice: boolean
}

export async function paymentCards(
  ente: Ente,
  positions: PaymentPosition[]
): Promise<PaymentCard[]> {
  const praticaIds = [
    ...new Set(positions.map((p) => p.praticaId).filter((id): id is number => !!id)),
  ]
  const pratiche = praticaIds.length
    ? await Pratica.forEnte(ente).whereIn('id', praticaIds).preload('service')
    : []
  const cards: PaymentCard[] = []
  for (const position of positions) {
    const pratica = pratiche.find((item) => item.id === position.praticaId)
    cards.push({
      uuid: position.uuid,
      pluginId: position.pluginId,
      causale: position.causale,
      amount: euro(position.amountCents),
      amountCents: position.amountCents,
      status: position.status,
      statusLabel: position.statusLabel,
      noticeCode: position.noticeCode,
      creditor: `${ente.name} ${position.creditorFiscalCode}`,
      createdAt: moment(position.createdAt),
      payer: `${position.payer.name} ${position.payer.fiscalCode}`,
      category: position.taxonomy ? await knownTaxonomyLabel(position.taxonomy) : null,
      dueDate: position.dueDate ? position.dueDate.toFormat('dd/MM/yyyy') : null,
      paidAt: moment(position.paidAt),
      service: pratica?.service?.name ?? null,
      praticaUuid: pratica?.uuid ?? null,
      payableOnline:
        !!position.ref &&
        ['PAYMENT_PENDING', 'PAYMENT_STARTED', 'PAYMENT_FAILED'].includes(position.status),
      hasNotice: position.hasNotice && position.status !== 'COMPLETE',
    })
  }
  return cards
}

export async function personalPayments(ente: Ente, citizen: Citizen, filter: DueFilter) {
  const all = await positionsOfCitizen(ente, citizen)
  // a marca da bollo digitale is paid from its pratica's Bolli tab; once paid it is a payment like any other
  const positions = all.filter(
    (position) =>
      (position.type === 'PAGOPA' || position.status === 'COMPLETE') && withinDue(position, filter)
  )
  const cards = await paymentCards(ente, positions)
  return {
    toPay: cards.filter((card) => TO_PAY.includes(card.status)),
    paid: cards.filter((card) => card.status === 'COMPLETE'),
  }
}

export type ReceiptDocument = { pdf: Uint8Array } | { url: string }

/** "Scarica ricevuta pagamento": the receipt as a download, or a redirect to the intermediary's. */
export async function sendReceipt(response: Response, ente: Ente, position: PaymentPosition) {
  const document = await receiptDocument(ente, position)
  if ('url' in document) return response.redirect(document.url)
  response.header('content-type', 'application/pdf')
  response.header(
    'content-disposition',
    `attachment; filename="ricevuta-${position.iuv ?? position.uuid}.pdf"`
  )
  return response.send(Buffer.from(document.pdf))
}

/**
 * "Scarica ricevuta pagamento": the intermediary's receipt document when it
 * gives one, else the platform's PDF of the payment (also for a payment an
 * operator registered by hand, or when the intermediary is unreachable).
 */
export async function receiptDocument(
  ente: Ente,
  position: PaymentPosition
): Promise<ReceiptDocument> {
  if (position.ref && position.receipt?.method === 'PAGOPA') {
    try {
      const { adapter } = await paymentManager.forEnte(ente, position.pluginId)
      const receipt = await adapter.getReceipt(position.ref)
      if (receipt?.document && 'content' in receipt.document)
        return { pdf: receipt.document.content }
      if (receipt?.document && 'url' in receipt.document) return { url: receipt.document.url }
    } catch (error) {
      logger.warn({ err: error, position: position.uuid }, 'ricevuta: intermediary unreachable')
    }
  }
  const pdf = await renderPaymentReceipt({
    ente: { name: ente.name, codiceFiscale: ente.codiceFiscale },
    reference: position.iuv ?? position.uuid,
    generatedAt: moment(DateTime.now())!,
    rows: [
      { label: 'Causale versamento', value: position.causale },
      { label: 'Importo', value: euro(position.receipt?.amountPaidCents ?? position.amountCents) },
      { label: 'Intestatario', value: `${position.payer.name} (${position.payer.fiscalCode})` },
      { label: 'Ente creditore', value: `${ente.name} (${position.creditorFiscalCode})` },
      { label: 'Pagato il', value: moment(position.paidAt) ?? '-' },
      { label: 'Metodo', value: position.receipt?.method ?? 'pagoPA' },
      { label: 'Codice avviso', value: position.noticeCode ?? '-' },
      { label: 'IUV', value: position.iuv ?? '-' },
      { label: 'IUD', value: position.iud ?? '-' },
      ...(position.receipt?.receiptId
        ? [{ label: 'Identificativo ricevuta', value: position.receipt.receiptId }]
        : []),
      ...(position.receipt?.pspName
        ? [{ label: 'Prestatore del servizio', value: position.receipt.pspName }]
        : []),
    ],
  })
  return { pdf }
}
