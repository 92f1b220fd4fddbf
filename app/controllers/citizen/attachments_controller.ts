import type { HttpContext } from '@adonisjs/core/http'
import { citizenAttachments } from '#services/personal_area/sections'
import { praticaIdsOf, visibleAttachment } from '#services/personal_area/attachments'
import { sendStoredFile } from '#services/personal_area/downloads'
import NotFoundException from '#exceptions/not_found_exception'

/** "Allegati": the files of all the citizen's pratiche, and their download. */
export default class AttachmentsController {
  async index({ view, ente, auth, i18n }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const files = await citizenAttachments(ente, citizen, i18n.locale)
    return view.render('pages/citizen/attachments', { files })
  }

  async download({ response, ente, auth, params }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const found = await visibleAttachment(ente, await praticaIdsOf(ente, citizen.id), params.upload)
    if (!found) throw new NotFoundException()
    const { upload } = found
    return sendStoredFile(response, {
      diskKey: upload.diskKey,
      mimeType: upload.mimeType,
      name: upload.clientName,
    })
  }
}
