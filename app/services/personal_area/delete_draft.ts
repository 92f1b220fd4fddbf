import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import Pratica from '#models/pratica'
import PraticaMessage from '#models/pratica_message'
import Upload from '#models/upload'
import type { EnteRef } from '#models/mixins/tenant_owned'
import { PraticaStatus } from '#domain/pratica_status'

/**
 * "Elimina" of "Pratiche": a draft is removed with its files. Only a
 * draft: a pratica once sent stays (the office and the iter need it).
 * The caller has checked that it is the citizen's own.
 */
export class NotADraftError extends Error {
  constructor() {
    super('Solo le pratiche in bozza possono essere eliminate.')
  }
}

export async function deleteDraft(ente: EnteRef, pratica: Pratica) {
  const diskKeys = await db.transaction(async (trx) => {
    const locked = await Pratica.query({ client: trx })
      .where('id', pratica.id)
      .forUpdate()
      .firstOrFail()
    if (locked.status !== PraticaStatus.DRAFT) throw new NotADraftError()
    const messages = await PraticaMessage.query({ client: trx })
      .where('ente_id', ente.id)
      .where('pratica_id', pratica.id)
      .select('id')
    const owners = [`pratica:${pratica.id}`, ...messages.map((message) => message.uploadOwner)]
    const uploads = await Upload.query({ client: trx })
      .where('ente_id', ente.id)
      .whereIn('owner', owners)
    await Upload.query({ client: trx }).where('ente_id', ente.id).whereIn('owner', owners).delete()
    // the iter, messages and documents go with it (ON DELETE CASCADE)
    await locked.delete()
    return uploads.map((upload) => upload.diskKey)
  })
  // files last: a failed transaction leaves them with their rows
  for (const key of diskKeys) await drive.use().delete(key)
}
