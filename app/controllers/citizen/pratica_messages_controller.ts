import type { HttpContext } from '@adonisjs/core/http'
import { citizenPratica } from '#services/personal_area/pratica_access'
import { praticaPage } from '#services/personal_area/pratica_page'
import { praticaUrls } from '#services/personal_area/pratica_urls'
import { returnedMessageForm } from '#services/personal_area/message_form'
import { ATTACHMENT_FIELD } from '#services/pratiche/messages/attachments'
import { sendCitizenMessage } from '#services/pratiche/messages/citizen_message'

/**
 * "Invia messaggio" on a pratica of the personal area. A message with a
 * problem comes back on the same page, as typed, with the reasons.
 */
export default class PraticaMessagesController {
  async store({ request, response, view, session, ente, auth, params, i18n }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const pratica = await citizenPratica(ente, citizen, params.pratica)
    const outcome = await sendCitizenMessage(ente, pratica, citizen, {
      body: request.input('messaggio'),
      draft: request.input('_draft'),
      remove: request.input('rimuovi'),
      files: request.files(ATTACHMENT_FIELD),
    })
    if (outcome.sent) {
      session.flash('success', i18n.t('personal_area.messages.sent'))
      return response.redirect(`${praticaUrls(ente.slug, pratica.uuid, 'area').page}#messaggi`)
    }
    const page = await praticaPage({ ente, pratica, citizen, via: 'area', locale: i18n.locale })
    response.status(Object.keys(outcome.errors).length > 0 ? 422 : 200)
    return view.render('pages/citizen/pratiche/show', { page, form: returnedMessageForm(outcome) })
  }
}
