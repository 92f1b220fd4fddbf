import type Citizen from '#models/citizen'
import type PraticaMessage from '#models/pratica_message'
import type { EnteRef } from '#models/mixins/tenant_owned'
import Pratica from '#models/pratica'
import { applicantMessages, isUnreadByCitizen } from '#services/pratiche/messages/read_state'
import { citizenPratiche, latestPratiche } from '#services/personal_area/citizen_pratiche'
import { dayAndTime } from '#services/personal_area/dates'

/**
 * The "Scrivania": the latest pratiche, the latest messages the office
 * wrote (the unread ones marked), how many are unread in all; payments
 * arrive with the payments issue.
 */
export const DASHBOARD_PRATICHE = 5
export const DASHBOARD_MESSAGES = 5
const EXCERPT_LENGTH = 160

export interface DashboardMessage {
  praticaUuid: string
  serviceName: string
  excerpt: string
  when: { date: string; time: string }
  isNew: boolean
}

function excerpt(body: string) {
  const text = body.replace(/\s+/g, ' ').trim()
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text
}

export async function dashboard(ente: EnteRef, citizen: Citizen, locale: string) {
  const received = () =>
    applicantMessages(ente)
      .whereNot('author_type', 'citizen')
      .whereIn('pratica_id', citizenPratiche(ente, citizen).select('id'))
  const messages: PraticaMessage[] = await received()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(DASHBOARD_MESSAGES)
  const pratiche = await Pratica.forEnte(ente)
    .whereIn(
      'id',
      messages.map((message) => message.praticaId)
    )
    .preload('service')
  const praticaOf = new Map(pratiche.map((pratica) => [pratica.id, pratica]))
  const unread = await received().whereNull('read_by_citizen_at').count('* as total').first()

  return {
    pratiche: await latestPratiche(ente, citizen, DASHBOARD_PRATICHE, locale),
    messages: messages.map((message): DashboardMessage => ({
      praticaUuid: praticaOf.get(message.praticaId)!.uuid,
      serviceName: praticaOf.get(message.praticaId)!.service.name,
      excerpt: excerpt(message.subject ? `${message.subject}: ${message.body}` : message.body),
      when: dayAndTime(message.createdAt, locale),
      isNew: isUnreadByCitizen(message),
    })),
    unread: Number(unread?.$extras.total ?? 0),
  }
}
