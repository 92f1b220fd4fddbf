import type { HttpContext } from '@adonisjs/core/http'
import Citizen from '#models/citizen'
import type Pratica from '#models/pratica'
import { praticaForVisitor } from '#services/pratiche/pratica_access'
import { praticaPage } from '#services/personal_area/pratica_page'
import { praticaUrls } from '#services/personal_area/pratica_urls'
import { emptyMessageForm, returnedMessageForm } from '#services/personal_area/message_form'
import { visibleAttachment } from '#services/personal_area/attachments'
import { sendStoredFile } from '#services/personal_area/downloads'
import { ATTACHMENT_FIELD } from '#services/pratiche/messages/attachments'
import { sendCitizenMessage } from '#services/pratiche/messages/citizen_message'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * The login-free applicant's pratica page, at the signed link of the
 * receipt e-mail (PRATICA_LINK_PATTERN): the pratica page without the
 * personal area, messages included. `praticaForVisitor` checks the link
 * and remembers it for this browser, so the downloads and "Invia
 * messaggio" under it need no signature; the pratica's own citizen,
 * logged in, is sent to the personal area's page.
 */
export default class ApplicantPraticaController {
  async show(ctx: HttpContext) {
    const { view, response, ente, params, i18n } = ctx
    const { pratica, visitor } = await praticaForVisitor(ctx, params.pratica)
    if (visitor.kind === 'citizen') {
      return response.redirect(praticaUrls(ente.slug, pratica.uuid, 'area').page)
    }
    const citizen = await applicantOf(pratica)
    const page = await praticaPage({ ente, pratica, citizen, via: 'link', locale: i18n.locale })
    return view.render('pages/citizen/pratica_link', { page, form: emptyMessageForm() })
  }

  async message(ctx: HttpContext) {
    const { request, response, view, session, ente, params, i18n } = ctx
    const { pratica, visitor } = await praticaForVisitor(ctx, params.pratica)
    const citizen = visitor.citizen ?? (await applicantOf(pratica))
    if (!citizen) throw new NotFoundException()
    const outcome = await sendCitizenMessage(ente, pratica, citizen, {
      body: request.input('messaggio'),
      draft: request.input('_draft'),
      remove: request.input('rimuovi'),
      files: request.files(ATTACHMENT_FIELD),
    })
    if (outcome.sent) {
      session.flash('success', i18n.t('personal_area.messages.sent'))
      return response.redirect(`${praticaUrls(ente.slug, pratica.uuid, 'link').page}#messaggi`)
    }
    const page = await praticaPage({ ente, pratica, citizen, via: 'link', locale: i18n.locale })
    response.status(Object.keys(outcome.errors).length > 0 ? 422 : 200)
    return view.render('pages/citizen/pratica_link', { page, form: returnedMessageForm(outcome) })
  }

  async download(ctx: HttpContext) {
    const { response, ente, params } = ctx
    const { pratica } = await praticaForVisitor(ctx, params.pratica)
    const found = await visibleAttachment(ente, [pratica.id], params.upload)
    if (!found) throw new NotFoundException()
    return sendStoredFile(response, {
      diskKey: found.upload.diskKey,
      mimeType: found.upload.mimeType,
      name: found.upload.clientName,
    })
  }
}

/** The applicant of a pratica reached by its link (none while a login-free draft is not tied to a person). */
function applicantOf(pratica: Pratica) {
  return pratica.citizenId
    ? Citizen.query().where('ente_id', pratica.enteId).where('id', pratica.citizenId).first()
    : Promise.resolve(null)
}
