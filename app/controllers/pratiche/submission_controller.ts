import type { HttpContext } from '@adonisjs/core/http'
import { PraticaStatus } from '#domain/pratica_status'
import { serviceDoorRedirect } from '#services/identity/service_door'
import { sessionLevel, storedIdentity } from '#services/identity/citizen_session'
import { reviewDraft } from '#services/pratiche/pratica_form'
import { praticaPaths } from '#services/pratiche/pratica_paths'
import { PAYMENT_STEP_STATES } from '#domain/pratica_status'
import { receiptPage } from '#services/pratiche/receipt_page'
import {
  IncompleteDraftError,
  NotADraftError,
  submitPratica,
} from '#services/pratiche/submit_pratica'
import { actingCitizen, grantDraft, praticaWithService } from '#services/pratiche/pratica_access'

/**
 * "Riepilogo" then "Invia"; after it the receipt page (Inviata, the
 * request number, the dates, the iter, the modulo compilato) or the
 * payment step when the service asks a payment at request
 * (app/controllers/payments/pratica_payment_controller.ts).
 */
export default class SubmissionController {
  /** GET /:ente/pratiche/:pratica/riepilogo */
  async review(ctx: HttpContext) {
    const { ente, response, session, view } = ctx
    const { pratica, service } = await praticaWithService(ctx)
    const paths = praticaPaths(ente.slug, pratica.uuid)
    if (pratica.status !== PraticaStatus.DRAFT) return response.redirect().toPath(paths.receipt)
    const login = await serviceDoorRedirect(ctx, service, paths.summary)
    if (login) return response.redirect().toPath(login)

    const review = await reviewDraft(ente, pratica)
    if (Object.keys(review.errors).length > 0) {
      await pratica.merge({ formStep: review.step }).save()
      session.flash('error', 'Alcuni campi non sono compilati correttamente: controlla il modulo.')
      return response.redirect().toPath(paths.compile)
    }
    return view.render('pages/pratiche/summary', { pratica, service, paths, review })
  }

  /** POST /:ente/pratiche/:pratica/invia */
  async submit(ctx: HttpContext) {
    const { ente, response, session } = ctx
    const { pratica, visitor, service } = await praticaWithService(ctx)
    const paths = praticaPaths(ente.slug, pratica.uuid)
    if (pratica.status !== PraticaStatus.DRAFT) return response.redirect().toPath(paths.receipt)
    const login = await serviceDoorRedirect(ctx, service, paths.summary)
    if (login) return response.redirect().toPath(login)

    const { level } = await sessionLevel(ctx)
    const citizen = visitor.citizen
    try {
      const submission = await submitPratica(ente, pratica.id, {
        citizen,
        authMethod: citizen ? (storedIdentity(ctx, citizen)?.source ?? undefined) : undefined,
        authLevel: citizen ? level : undefined,
      })
      // the login-free applicant keeps following the pratica, now named after its citizen
      if (!citizen) grantDraft(ctx, submission.pratica)
      return response
        .redirect()
        .toPath(submission.status === PraticaStatus.PAYMENT_PENDING ? paths.payment : paths.receipt)
    } catch (error) {
      if (error instanceof IncompleteDraftError) {
        await pratica.merge({ formStep: error.review.step }).save()
        session.flash('error', error.message)
        return response.redirect().toPath(paths.compile)
      }
      if (error instanceof NotADraftError) return response.redirect().toPath(paths.receipt)
      throw error
    }
  }

  /** GET /:ente/pratiche/:pratica/ricevuta */
  async receipt(ctx: HttpContext) {
    const { ente, response, view } = ctx
    const { pratica, visitor, service } = await praticaWithService(ctx)
    const paths = praticaPaths(ente.slug, pratica.uuid)
    if (pratica.status === PraticaStatus.DRAFT) return response.redirect().toPath(paths.compile)
    if (PAYMENT_STEP_STATES.includes(pratica.status)) {
      return response.redirect().toPath(paths.payment)
    }
    const citizen = await actingCitizen(visitor)
    return view.render('pages/pratiche/receipt', {
      ...(await receiptPage(ente, pratica, service, citizen)),
      inPersonalArea: visitor.kind === 'citizen',
    })
  }
}
