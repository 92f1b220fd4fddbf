import edge from 'edge.js'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Citizen from '#models/citizen'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import { renderMessageTemplate } from '#domain/message_template'
import { requestMessage } from '#services/messaging/request_message'
import { postMessage } from '#services/pratiche/post_message'
import type { Actor } from '#services/pratiche/change_status'
import {
  applicantContact,
  applicantLink,
  EMAIL_CHANNEL,
  hasEmailChannel,
} from '#services/pratiche/receipt'

/**
 * An e-mail to the applicant with what the office wrote (the integration
 * request, a recorded outcome), followed by the link to the pratica, in
 * the caller's transaction: sent only if the change commits. The text is
 * the operator's, escaped; `{{ link }}` is the only placeholder filled.
 */
export async function emailApplicant(
  trx: TransactionClientContract,
  ente: Ente,
  pratica: Pratica,
  message: { subject: string; text: string }
) {
  const citizen = pratica.citizenId
    ? await Citizen.query({ client: trx }).where('id', pratica.citizenId).first()
    : null
  const applicant = applicantContact(pratica, citizen)
  if (!applicant.email || !(await hasEmailChannel(ente, trx))) {
    logger.warn({ pratica: pratica.uuid }, 'no e-mail to the applicant: no address or no channel')
    return
  }
  const escapedBraces = message.text.replaceAll('{{', '{ {')
  const rendered = renderMessageTemplate(
    `${escapedBraces}\n\nPuoi vedere la pratica a questo indirizzo: {{ link }}`,
    { link: applicantLink(ente, pratica, citizen) }
  )
  const html = await edge.render('emails/pratiche/message', {
    enteName: ente.name,
    subject: message.subject,
    html: rendered.html,
    requestNumber: pratica.uuid,
  })
  await requestMessage(trx, ente, {
    channel: EMAIL_CHANNEL,
    recipient: { email: applicant.email, name: `${applicant.firstName} ${applicant.lastName}` },
    subject: message.subject,
    body: { text: rendered.text, html },
  })
}

/**
 * What the office writes to the applicant (the integration request, a
 * recorded outcome): a message of the pratica with its files, and the same
 * text by e-mail with the subject "<subject>: <servizio>".
 */
export async function writeToApplicant(
  trx: TransactionClientContract,
  ente: Ente,
  pratica: Pratica,
  message: {
    author: Actor
    subject: string
    serviceName: string
    body: string
    attachmentsFrom: string
  }
) {
  const posted = await postMessage(trx, pratica, {
    author: message.author,
    subject: message.subject,
    body: message.body,
    attachmentsFrom: message.attachmentsFrom,
  })
  await emailApplicant(trx, ente, pratica, {
    subject: `${message.subject}: ${message.serviceName}`,
    text: message.body,
  })
  return posted
}
