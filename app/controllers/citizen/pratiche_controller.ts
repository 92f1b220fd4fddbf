import type { HttpContext } from '@adonisjs/core/http'
import { listPratiche } from '#services/personal_area/citizen_pratiche'
import { citizenPratica } from '#services/personal_area/pratica_access'
import { praticaPage } from '#services/personal_area/pratica_page'
import { deleteDraft, NotADraftError } from '#services/personal_area/delete_draft'
import { emptyMessageForm } from '#services/personal_area/message_form'
import { PraticaStatus } from '#domain/pratica_status'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * "Pratiche" of the personal area: the list with its filters and
 * counters, the pratica page, and "Elimina" for a draft (a confirmation
 * page, then the POST).
 */
export default class PraticheController {
  async index({ view, ente, auth, request, i18n }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const list = await listPratiche(ente, citizen, request.qs(), i18n.locale)
    return view.render('pages/citizen/pratiche/index', list)
  }

  async show({ view, ente, auth, params, i18n }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const pratica = await citizenPratica(ente, citizen, params.pratica)
    const page = await praticaPage({ ente, pratica, citizen, via: 'area', locale: i18n.locale })
    return view.render('pages/citizen/pratiche/show', { page, form: emptyMessageForm() })
  }

  async confirmDelete({ view, ente, auth, params }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const pratica = await citizenPratica(ente, citizen, params.pratica)
    if (pratica.status !== PraticaStatus.DRAFT) throw new NotFoundException()
    await pratica.load('service')
    return view.render('pages/citizen/pratiche/delete', { pratica })
  }

  async destroy({ response, session, ente, auth, params, i18n }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const pratica = await citizenPratica(ente, citizen, params.pratica)
    const list = `/${ente.slug}/area-personale/pratiche`
    try {
      await deleteDraft(ente, pratica)
      session.flash('success', i18n.t('personal_area.pratiche.deleted'))
    } catch (error) {
      if (!(error instanceof NotADraftError)) throw error
      session.flash('error', i18n.t('personal_area.pratiche.not_a_draft'))
    }
    return response.redirect(list)
  }
}
