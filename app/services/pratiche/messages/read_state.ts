import { DateTime } from 'luxon'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import PraticaMessage from '#models/pratica_message'
import type { EnteRef } from '#models/mixins/tenant_owned'

/**
 * What the citizen has not read yet: the messages of their pratiche
 * written to them (visibility applicant) by someone else (the office or
 * the system), still without `read_by_citizen_at`. Opening the pratica
 * page marks them read.
 */
type MessageQuery = ModelQueryBuilderContract<typeof PraticaMessage>

/** The messages the applicant sees of one or more pratiche. */
export function applicantMessages(ente: EnteRef): MessageQuery {
  return PraticaMessage.forEnte(ente).where('visibility', 'applicant')
}

function unread(query: MessageQuery) {
  return query.whereNot('author_type', 'citizen').whereNull('read_by_citizen_at')
}

/** Unread messages per pratica id, for the given pratiche. */
export async function unreadCounts(ente: EnteRef, praticaIds: number[]) {
  const counts = new Map<number, number>()
  if (praticaIds.length === 0) return counts
  const rows = await unread(applicantMessages(ente))
    .whereIn('pratica_id', praticaIds)
    .groupBy('pratica_id')
    .select('pratica_id')
    .count('* as total')
  for (const row of rows) counts.set(Number(row.praticaId), Number(row.$extras.total))
  return counts
}

/** Marks the pratica's messages to the citizen read; returns the ids it marked. */
export async function markReadByCitizen(ente: EnteRef, praticaId: number) {
  // a handful at a time: saved one by one, so the model writes the date as every other date
  const messages = await unread(applicantMessages(ente)).where('pratica_id', praticaId)
  const now = DateTime.now()
  for (const message of messages) {
    message.readByCitizenAt = now
    await message.save()
  }
  return new Set(messages.map((message) => message.id))
}

export function isUnreadByCitizen(message: PraticaMessage) {
  return message.authorType !== 'citizen' && message.readByCitizenAt === null
}
