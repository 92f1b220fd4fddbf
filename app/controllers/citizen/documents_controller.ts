import type { HttpContext } from '@adonisjs/core/http'
import { citizenDocuments } from '#services/personal_area/sections'

/** "Documenti": the documents issued to the citizen for their pratiche. */
export default class DocumentsController {
  async index({ view, ente, auth, i18n }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const documents = await citizenDocuments(ente, citizen, i18n.locale)
    return view.render('pages/citizen/documents', { documents })
  }
}
