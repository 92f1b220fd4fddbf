import type { HttpContext } from '@adonisjs/core/http'
import type { Outcome } from '#domain/pratica_work'
import { requestOrigin } from '#services/audit/audit_log'
import { ATTACHMENT_FIELD } from '#services/pratiche/messages/attachments'
import { praticaBaseUrl, staffPratica } from '#services/backoffice/pratica/pratica_scope'
import { refusalMessage } from '#services/backoffice/pratica/locked_pratica'
import { outcomeFormView } from '#services/backoffice/pratica/outcome_form'
import { decidePratica, decisionRefusal } from '#services/backoffice/pratica/outcome'

/**
 * "Approva" and "Rigetta": the page with the form (the manual's "Approva
 * pratica" / "Rigetta pratica" screen), and its "Invia". Offered only to
 * the operator in charge; anyone else is sent back to the pratica with
 * the reason.
 */
export default class PraticaOutcomeController {
  private outcome(ctx: HttpContext): Outcome {
    return ctx.route?.pattern.endsWith('/approva') ? 'approve' : 'reject'
  }

  async create(ctx: HttpContext) {
    const { ente, auth, params, session, response, view } = ctx
    const user = auth.use('web').user!
    const { pratica, service } = await staffPratica(ente, user, params.pratica)
    const refusal = await decisionRefusal(pratica, user.id)
    if (refusal) {
      session.flash('error', refusal)
      return response.redirect(praticaBaseUrl(ente, pratica))
    }
    const form = await outcomeFormView(ente, pratica, service, this.outcome(ctx), null)
    return view.render('backoffice/pratica/outcome', { title: form.title, form })
  }

  async store(ctx: HttpContext) {
    const { ente, auth, params, request, session, response, view } = ctx
    const user = auth.use('web').user!
    const { pratica, service } = await staffPratica(ente, user, params.pratica)
    const outcome = this.outcome(ctx)
    const base = praticaBaseUrl(ente, pratica)
    try {
      const result = await decidePratica(
        ente,
        pratica,
        service,
        {
          outcome,
          body: request.input('messaggio'),
          partial: request.input('parziale'),
          documentDraft: request.input('_documento'),
          attachmentsDraft: request.input('_allegati'),
          remove: request.input('rimuovi'),
          document: request.file('documento'),
          attachments: request.files(ATTACHMENT_FIELD),
        },
        { actor: user, origin: requestOrigin(request) }
      )
      if (!result.decided) {
        const form = await outcomeFormView(ente, pratica, service, outcome, result.form)
        response.status(Object.keys(result.form.errors).length > 0 ? 422 : 200)
        return view.render('backoffice/pratica/outcome', { title: form.title, form })
      }
      session.flash(
        'success',
        outcome === 'approve' ? 'La pratica è stata approvata.' : 'La pratica è stata rigettata.'
      )
    } catch (error) {
      session.flash('error', refusalMessage(error))
    }
    return response.redirect(base)
  }
}
