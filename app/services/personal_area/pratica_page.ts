import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import PraticaStatusChange from '#models/pratica_status_change'
import type PraticaMessage from '#models/pratica_message'
import { PraticaStatus } from '#domain/pratica_status'
import { formatSize } from '#domain/forms/rules/files'
import type { SummarySection } from '#domain/forms/summary'
import {
  applicantMessages,
  isUnreadByCitizen,
  markReadByCitizen,
} from '#services/pratiche/messages/read_state'
import { messagingRefusal } from '#services/pratiche/messages/citizen_message'
import { attachmentFormatsHint } from '#services/pratiche/messages/attachment_types'
import { attachmentsOf, type VisibleAttachment } from '#services/personal_area/attachments'
import { latestSent, type PraticaRow } from '#services/personal_area/citizen_pratiche'
import { dayAndTime, displayDay } from '#services/personal_area/dates'
import { praticaSummary } from '#services/pratiche/pratica_form'
import { protocolOf, type ProtocolView } from '#services/personal_area/protocol'
import {
  paymentTabs,
  positionViews,
  stampViews,
  type PaymentTabs,
  type StampUrls,
} from '#services/personal_area/payment_tabs'
import {
  praticaUrls,
  type PraticaUrls,
  type PraticaVia,
} from '#services/personal_area/pratica_urls'
import {
  integrationRequestOf,
  moduloCompilato,
  withdrawalAllowed,
} from '#services/personal_area/pratica_actions'
import { canFollowUp, FOLLOW_UP_LABELS, FOLLOW_UP_RELATIONS } from '#services/pratiche/follow_up'
import { praticaPaths } from '#services/pratiche/pratica_paths'
import { digitalStampPlugin } from '#services/payments/digital_stamps'
import { typedProvince } from '#domain/payments/digital_stamp'

/**
 * Everything the pratica page shows, ready for the template: the title
 * "<Servizio> [<Stato>]", the tabs (Modulo, Allegati N, Messaggi N, and
 * Bolli, Pagamento, Appuntamenti where the service has them), the data
 * on the side (Numero richiesta, dates, Protocollo), the Iter della
 * pratica, the actions (Scarica il modulo compilato, Ritira pratica) and,
 * in the personal area, rinnovo/modifica/voltura and "Ultime pratiche
 * inviate dall'utente".
 * Building it marks the messages to the citizen read: the page shows them.
 */
type When = { date: string; time: string }

export interface AttachmentView {
  id: string
  name: string
  size: string
  when: When
  /** the message it came with; null for the form's files */
  messageWhen: When | null
  url: string
}

export interface MessageView {
  id: number
  fromCitizen: boolean
  author: string
  subject: string | null
  body: string
  when: When
  /** not read before this page was shown */
  isNew: boolean
  attachments: AttachmentView[]
}

export interface PraticaPageView {
  uuid: string
  serviceName: string
  statusLabel: string
  isDraft: boolean
  /** "Vai al pagamento": waiting for a payment that can be made (again) */
  awaitsPayment: boolean
  submittedAt: When | null
  responseDueOn: string | null
  protocol: ProtocolView
  iter: Array<{ label: string; when: When }>
  summary: SummarySection[]
  attachments: AttachmentView[]
  messages: MessageView[]
  unread: number
  messaging: { refusal: string | null; formatsHint: string }
  tabs: PaymentTabs & { appointments: boolean }
  canWithdraw: boolean
  modulo: { url: string } | null
  /** the office asked for an integration: its text, over "Rispondi alla richiesta integrazione" */
  integrationRequest: { body: string; when: When } | null
  /** rinnovo, modifica, voltura: a new pratica linked to this one (personal area only) */
  followUp: { url: string; relations: Array<{ value: string; label: string }> } | null
  latest: PraticaRow[] | null
  urls: PraticaUrls
}

export interface PraticaPageInput {
  ente: Ente
  pratica: Pratica
  /** the applicant looking at it (null: a login-free draft not yet tied to a person) */
  citizen: Citizen | null
  via: PraticaVia
  locale: string
}

/** Appointments come with the calendars: until then no service has them. */
function hasAppointments(_service: Service) {
  return false
}

export async function praticaPage(input: PraticaPageInput): Promise<PraticaPageView> {
  const { ente, pratica, citizen, via, locale } = input
  await pratica.load('service')
  const service = pratica.service
  const urls = praticaUrls(ente.slug, pratica.uuid, via)
  const when = (value: Parameters<typeof dayAndTime>[0]) => dayAndTime(value, locale)

  const messages: PraticaMessage[] = await applicantMessages(ente)
    .where('pratica_id', pratica.id)
    .orderBy('created_at')
    .orderBy('id')
  const unreadIds = new Set(messages.filter(isUnreadByCitizen).map((message) => message.id))
  await markReadByCitizen(ente, pratica.id)

  const attachmentView = ({ upload, source }: VisibleAttachment): AttachmentView => ({
    id: upload.id,
    name: upload.clientName,
    size: formatSize(upload.size),
    when: when(upload.createdAt),
    messageWhen: source.message ? when(source.message.createdAt) : null,
    url: urls.attachment(upload.id),
  })
  const visible = await attachmentsOf(ente, [pratica.id])
  const byMessage = new Map<number, AttachmentView[]>()
  for (const attachment of visible.filter((entry) => entry.source.message)) {
    const messageId = attachment.source.message!.id
    byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), attachmentView(attachment)])
  }

  const iter = await PraticaStatusChange.forEnte(ente)
    .where('pratica_id', pratica.id)
    .orderBy('created_at')
    .orderBy('id')

  return {
    uuid: pratica.uuid,
    serviceName: service.name,
    statusLabel: pratica.statusLabel,
    isDraft: pratica.status === PraticaStatus.DRAFT,
    awaitsPayment: (
      [PraticaStatus.PAYMENT_PENDING, PraticaStatus.PAYMENT_ERROR] as number[]
    ).includes(pratica.status),
    submittedAt: pratica.submittedAt ? dayAndTime(pratica.submittedAt, locale, true) : null,
    responseDueOn: pratica.responseDueAt ? displayDay(pratica.responseDueAt, locale) : null,
    protocol: protocolOf(pratica, service),
    iter: iter.map((change) => ({ label: change.label, when: when(change.createdAt) })),
    summary: pratica.formVersionId ? await praticaSummary(ente, pratica) : [],
    attachments: visible.map(attachmentView),
    messages: messages.map((message) => ({
      id: message.id,
      fromCitizen: message.authorType === 'citizen',
      author:
        message.authorType === 'citizen'
          ? (message.authorName ?? citizen?.fullName ?? '')
          : ente.name,
      subject: message.subject,
      body: message.body,
      when: when(message.createdAt),
      isNew: unreadIds.has(message.id),
      attachments: byMessage.get(message.id) ?? [],
    })),
    unread: unreadIds.size,
    messaging: {
      refusal: messagingRefusal(pratica),
      formatsHint: attachmentFormatsHint(),
    },
    tabs: {
      ...paymentTabs(service, locale),
      positions: await positionViews(
        pratica.id,
        via === 'area' ? (uuid) => `/${ente.slug}/area-personale/pagamenti/${uuid}/ricevuta` : null,
        via === 'area' ? `/${ente.slug}/area-personale/pagamenti` : null
      ),
      stampRows: await stampViews(
        pratica,
        service,
        via === 'area' ? citizenStampUrls(ente, urls.page) : null
      ),
      stampProvince: citizen?.residenceCounty || typedProvince(pratica.data),
      appointments: hasAppointments(service),
    },
    canWithdraw: citizen ? await withdrawalAllowed(pratica, service, citizen) : false,
    modulo: await moduloCompilato(ente, pratica),
    integrationRequest: await integrationRequestOf(pratica).then(
      (request) => request && { body: request.body, when: when(request.createdAt) }
    ),
    followUp:
      via === 'area' && canFollowUp(pratica) && service.availability().open
        ? {
            url: praticaPaths(ente.slug, pratica.uuid).followUp,
            relations: FOLLOW_UP_RELATIONS.map((value) => ({
              value,
              label: FOLLOW_UP_LABELS[value],
            })),
          }
        : null,
    latest: via === 'area' && citizen ? await latestSent(ente, citizen, pratica.id, locale) : null,
    urls,
  }
}

/** The Bolli tab's actions for the citizen; the digital marca only where the intermediary issues it. */
function citizenStampUrls(ente: Ente, page: string): StampUrls {
  return {
    enter: (uuid) => `${page}/bolli/${uuid}`,
    digital: (uuid) => `${page}/bolli/${uuid}/digitale`,
    issuesDigital: async () => (await digitalStampPlugin(ente)) !== null,
    payments: `/${ente.slug}/area-personale/pagamenti`,
  }
}
