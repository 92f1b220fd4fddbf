import PraticaMessage from '#models/pratica_message'
import Upload from '#models/upload'
import type Pratica from '#models/pratica'
import { formatSize } from '#domain/forms/rules/files'
import { dateAndTime } from '#services/pratiche/dates'

/**
 * The "Messaggi" tab of the backoffice: every message of the pratica,
 * oldest first, the operators' internal notes among them (marked as such:
 * the citizen never sees them), each with its files.
 */
export interface MessageView {
  id: number
  author: string
  fromCitizen: boolean
  internal: boolean
  subject: string | null
  body: string
  when: string
  files: Array<{ name: string; size: string; url: string }>
}

const AUTHOR_FALLBACK = { citizen: 'Richiedente', operator: 'Operatore', system: 'Sistema' }

export async function praticaMessages(
  pratica: Pick<Pratica, 'id' | 'enteId'>,
  base: string
): Promise<MessageView[]> {
  const messages = await PraticaMessage.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .orderBy('created_at')
    .orderBy('id')
  const uploads = messages.length
    ? await Upload.query()
        .where('ente_id', pratica.enteId)
        .whereIn(
          'owner',
          messages.map((message) => message.uploadOwner)
        )
        .orderBy('created_at')
    : []
  return messages.map((message) => ({
    id: message.id,
    author: message.authorName ?? AUTHOR_FALLBACK[message.authorType],
    fromCitizen: message.authorType === 'citizen',
    internal: message.visibility === 'internal',
    subject: message.subject,
    body: message.body,
    when: dateAndTime(message.createdAt),
    files: uploads
      .filter((upload) => upload.owner === message.uploadOwner)
      .map((upload) => ({
        name: upload.clientName,
        size: formatSize(upload.size),
        url: `${base}/allegati/${upload.id}`,
      })),
  }))
}
