import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import app from '@adonisjs/core/services/app'
import edge from 'edge.js'
import logger from '@adonisjs/core/services/logger'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Citizen from '#models/citizen'
import { runOnce } from '#queue/run_once'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { platformOrigin } from '#plugin_runtime/plugin_context'
import { DEFAULT_RECEIPT_TEMPLATE, renderMessageTemplate } from '#domain/message_template'
import { statusLabel } from '#domain/pratica_status'
import { postMessage } from '#services/pratiche/post_message'
import { requestMessage } from '#services/messaging/request_message'
import { praticaLinkUrl } from '#services/citizens/pratica_link'
import { dateAndTime } from '#services/pratiche/dates'

/**
 * The receipt of a sent pratica ("la tua richiesta ... è stata ricevuta"):
 * the service's receipt text (or the platform's) with the placeholders
 * filled, as a message of the pratica (author: the system) and as an
 * e-mail through the ente's e-mail channel, both in one transaction and
 * once. A login-free applicant's e-mail carries the signed link to follow
 * the pratica; a citizen who logged in gets the personal area's page.
 */
export const EMAIL_CHANNEL = 'messaging_email'

export function receiptSubject(serviceName: string) {
  return `Richiesta ricevuta: ${serviceName}`
}

export async function sendReceipt(praticaId: number) {
  const pratica = await Pratica.findOrFail(praticaId)
  const ente = await Ente.findOrFail(pratica.enteId)
  const service = await Service.findOrFail(pratica.serviceId)
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  const applicant = applicantContact(pratica, citizen)
  const link = applicantLink(ente, pratica, citizen)

  const template = service.receiptText?.it?.trim() || DEFAULT_RECEIPT_TEMPLATE
  const receipt = renderMessageTemplate(template, {
    nome: applicant.firstName,
    cognome: applicant.lastName,
    servizio: service.name,
    numero_richiesta: pratica.uuid,
    stato: statusLabel(pratica.status),
    data: dateAndTime(pratica.submittedAt),
    ente: ente.name,
    link,
  })
  const subject = receiptSubject(service.name)
  const emailEnabled = await hasEmailChannel(ente)
  const html = await edge.render('emails/pratiche/message', {
    enteName: ente.name,
    subject,
    html: receipt.html,
    requestNumber: pratica.uuid,
  })

  await runOnce(`pratica:${pratica.id}:receipt`, async (trx) => {
    await postMessage(trx, pratica, {
      author: { type: 'system', name: ente.name },
      subject,
      body: receipt.text,
    })
    if (!applicant.email) {
      logger.warn({ pratica: pratica.uuid }, 'receipt: the applicant has no e-mail address')
    } else if (!emailEnabled) {
      logger.warn({ ente: ente.slug }, 'receipt: the e-mail channel is not enabled for the ente')
    } else {
      await requestMessage(trx, ente, {
        channel: EMAIL_CHANNEL,
        recipient: { email: applicant.email, name: `${applicant.firstName} ${applicant.lastName}` },
        subject,
        body: { text: receipt.text, html },
      })
    }
  })
}

/**
 * Where the applicant follows the pratica: a login-free applicant's signed
 * link, else the personal area's page.
 */
export function applicantLink(ente: Ente, pratica: Pratica, citizen: Citizen | null) {
  return pratica.typedApplicant !== null && citizen
    ? praticaLinkUrl({ ente, praticaId: pratica.uuid, citizen })
    : `${platformOrigin()}/${ente.slug}/area-personale/pratiche/${pratica.uuid}`
}

/**
 * Who the receipt (and every notice to the applicant) is for: the
 * Richiedente of the form when it has one (what the applicant typed or
 * confirmed), else the citizen.
 */
export function applicantContact(pratica: Pratica, citizen: Citizen | null) {
  const data = (pratica.data?.applicant ?? {}) as {
    completename?: { name?: unknown; surname?: unknown }
    email_address?: unknown
  }
  const typed = pratica.typedApplicant
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null)
  return {
    firstName: text(data.completename?.name) ?? typed?.nome ?? citizen?.firstName ?? '',
    lastName: text(data.completename?.surname) ?? typed?.cognome ?? citizen?.lastName ?? '',
    email: text(data.email_address) ?? typed?.email ?? citizen?.email ?? null,
  }
}

export async function hasEmailChannel(ente: Ente, client?: TransactionClientContract) {
  const channels = await enabledChannels(ente, client)
  return channels.includes(EMAIL_CHANNEL)
}

/** The ids of the messaging plugins the ente has enabled (messaging_email, later App IO). */
export async function enabledChannels(
  ente: Ente,
  client?: TransactionClientContract
): Promise<string[]> {
  const settings = await app.container.make(TenantPlugins)
  const enabled = await settings.enabledOf(ente, 'messaging', client)
  return enabled.map((plugin) => plugin.manifest.id)
}
