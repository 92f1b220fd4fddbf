import edge from 'edge.js'
import { DateTime } from 'luxon'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Citizen from '#models/citizen'
import type User from '#models/user'
import { runOnce } from '#queue/run_once'
import { platformOrigin } from '#plugin_runtime/plugin_context'
import { renderMessageTemplate, type TemplateValues } from '#domain/message_template'
import { statusLabel, type PraticaStatusCode } from '#domain/pratica_status'
import {
  citizenNoticeSubject,
  citizenNoticeTemplate,
  OPERATOR_NOTICE_TEMPLATE,
  operatorNoticeSubject,
} from '#domain/state_notifications'
import { postMessage } from '#services/pratiche/post_message'
import { requestMessage } from '#services/messaging/request_message'
import { applicantContact, applicantLink, enabledChannels } from '#services/pratiche/receipt'
import { dateAndTime } from '#services/pratiche/dates'
import {
  CITIZEN_CHANNELS,
  OPERATOR_CHANNELS,
  type Contact,
  type NoticeChannel,
} from '#services/notifications/channels'
import { operatorsToNotify } from '#services/notifications/recipients'

/** One state change, as the outbox event `pratica.status_changed` tells it. */
export interface NotifiedChange {
  /** the outbox event: one per change, so it names the change in the keys */
  eventId: number
  praticaId: number
  to: PraticaStatusCode
  partial: boolean
  /** the change's own action e-mailed the applicant: no platform text on top (see the domain) */
  applicantNotified: boolean
  occurredAt: string
}

interface Notice {
  subject: string
  text: string
  html: string
}

/**
 * Tells the applicant and the operators of the service about a change of
 * state. Each recipient's notice is applied once (runOnce, keyed by the
 * pratica, the change and the recipient), so a job run again after a crash
 * sends nothing twice and a recipient already done is skipped.
 */
export async function notifyStatusChange(change: NotifiedChange) {
  const pratica = await Pratica.find(change.praticaId)
  if (!pratica) return
  const [ente, service] = await Promise.all([
    Ente.findOrFail(pratica.enteId),
    Service.findOrFail(pratica.serviceId),
  ])
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  const applicant = applicantContact(pratica, citizen)
  const channels = await enabledChannels(ente)
  const values: TemplateValues = {
    nome: applicant.firstName,
    cognome: applicant.lastName,
    servizio: service.name,
    numero_richiesta: pratica.uuid,
    stato: statusLabel(change.to, { partial: change.partial }),
    data: dateAndTime(DateTime.fromISO(change.occurredAt)),
    ente: ente.name,
  }
  const keyOf = (recipient: string) =>
    `pratica:${pratica.id}:status_notice:${change.eventId}:${recipient}`

  const template = citizenNoticeTemplate(service.messageTemplates ?? {}, change.to, {
    applicantNotified: change.applicantNotified,
  })
  if (template) {
    const link = applicantLink(ente, pratica, citizen)
    const notice = await render(ente, pratica, template, { ...values, link }, citizenNoticeSubject)
    const contact: Contact = {
      name: `${applicant.firstName} ${applicant.lastName}`.trim(),
      email: applicant.email,
      fiscalCode: citizen?.fiscalCode ?? null,
    }
    // the manual lists "le notifiche inviate all'utente" among the pratica's messages
    await runOnce(keyOf('applicant'), async (trx) => {
      await postMessage(trx, pratica, {
        author: { type: 'system', name: ente.name },
        subject: notice.subject,
        body: notice.text,
      })
      await send(trx, ente, CITIZEN_CHANNELS, channels, contact, notice)
    })
  }

  const link = `${platformOrigin()}/${ente.slug}/backoffice/pratiche/${pratica.uuid}`
  const notice = await render(
    ente,
    pratica,
    OPERATOR_NOTICE_TEMPLATE,
    { ...values, link },
    operatorNoticeSubject
  )
  for (const operator of await operatorsToNotify(pratica)) {
    await runOnce(keyOf(`user:${operator.id}`), (trx) =>
      send(trx, ente, OPERATOR_CHANNELS, channels, operatorContact(operator), notice)
    )
  }
}

async function render(
  ente: Ente,
  pratica: Pratica,
  template: string,
  values: TemplateValues,
  subjectOf: (service: string, state: string) => string
): Promise<Notice> {
  const rendered = renderMessageTemplate(template, values)
  const subject = subjectOf(values.servizio ?? '', values.stato ?? '')
  const html = await edge.render('emails/pratiche/message', {
    enteName: ente.name,
    subject,
    html: rendered.html,
    requestNumber: pratica.uuid,
  })
  return { subject, text: rendered.text, html }
}

async function send(
  trx: Parameters<typeof requestMessage>[0],
  ente: Ente,
  channels: NoticeChannel[],
  enabled: string[],
  contact: Contact,
  notice: Notice
) {
  for (const channel of channels) {
    const recipient = channel.address(contact)
    if (!recipient || !enabled.includes(channel.plugin)) continue
    await requestMessage(trx, ente, {
      channel: channel.plugin,
      recipient,
      subject: notice.subject,
      body: { text: notice.text, html: notice.html },
    })
  }
}

function operatorContact(operator: User): Contact {
  return { name: operator.fullName, email: operator.email || null, fiscalCode: null }
}
