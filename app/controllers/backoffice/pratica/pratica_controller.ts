import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { staffPratica } from '#services/backoffice/pratica/pratica_scope'
import { praticaPageView } from '#services/backoffice/pratica/pratica_view'
import { praticaDocument, praticaUpload } from '#services/backoffice/pratica/pratica_files'
import { sendStoredFile } from '#services/personal_area/downloads'
import { emptyMessageForm } from '#services/personal_area/message_form'

/**
 * The operator's pratica page ("Vedi dettaglio" of the Elenco pratiche)
 * and the downloads of its files, behind the same 404 rules.
 */
export default class PraticaController {
  async show({ ente, auth, params, view }: HttpContext) {
    const user = auth.use('web').user!
    const { pratica, service } = await staffPratica(ente, user, params.pratica)
    const page = await praticaPageView(ente, user, pratica, service)
    return view.render('backoffice/pratica/show', {
      title: page.serviceName,
      page,
      messageForm: emptyMessageForm(),
      assignForm: null,
    })
  }

  async attachment({ ente, auth, params, response }: HttpContext) {
    const { pratica } = await staffPratica(ente, auth.use('web').user!, params.pratica)
    const upload = await praticaUpload(pratica, params.upload)
    if (!upload) throw new NotFoundException()
    await sendStoredFile(response, {
      diskKey: upload.diskKey,
      mimeType: upload.mimeType,
      name: upload.clientName,
    })
  }

  async document({ ente, auth, params, response }: HttpContext) {
    const { pratica } = await staffPratica(ente, auth.use('web').user!, params.pratica)
    const document = await praticaDocument(pratica, params.document)
    if (!document) throw new NotFoundException()
    await sendStoredFile(response, {
      diskKey: document.diskKey,
      mimeType: document.mimeType,
      name: document.fileName,
    })
  }
}
