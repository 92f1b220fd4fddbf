import type { HttpContext } from '@adonisjs/core/http'
import { requestOrigin } from '#services/audit/audit_log'
import { ATTACHMENT_FIELD } from '#services/pratiche/messages/attachments'
import { praticaBaseUrl, staffPratica } from '#services/backoffice/pratica/pratica_scope'
import { praticaPageView } from '#services/backoffice/pratica/pratica_view'
import { returnedMessageForm } from '#services/personal_area/message_form'
import { writeOnPratica } from '#services/backoffice/pratica/operator_message'

/**
 * "Invia messaggio" and "Aggiungi nota interna" on the pratica page. A
 * message with a problem comes back on the page, as typed, with the
 * reasons, on the Messaggi tab.
 */
export default class PraticaMessagesController {
  async store({ ente, auth, params, request, session, response, view }: HttpContext) {
    const user = auth.use('web').user!
    const { pratica, service } = await staffPratica(ente, user, params.pratica)
    const note = request.input('tipo') === 'nota'
    const outcome = await writeOnPratica(
      ente,
      pratica,
      service,
      {
        kind: note ? 'note' : 'message',
        body: request.input('messaggio'),
        draft: request.input('_draft'),
        remove: request.input('rimuovi'),
        files: request.files(ATTACHMENT_FIELD),
      },
      { actor: user, origin: requestOrigin(request) }
    )
    if (outcome.sent) {
      session.flash(
        'success',
        note ? 'La nota interna è stata aggiunta.' : 'Il messaggio è stato inviato.'
      )
      return response.redirect(`${praticaBaseUrl(ente, pratica)}#messaggi`)
    }
    const page = await praticaPageView(ente, user, pratica, service)
    response.status(Object.keys(outcome.errors).length > 0 ? 422 : 200)
    return view.render('backoffice/pratica/show', {
      title: page.serviceName,
      page,
      messageForm: returnedMessageForm(outcome),
      assignForm: null,
    })
  }
}
