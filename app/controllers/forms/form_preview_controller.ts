import type { HttpContext } from '@adonisjs/core/http'
import Service from '#models/service'
import ServiceFormVersion from '#models/service_form_version'
import NotFoundException from '#exceptions/not_found_exception'
import { currentFormVersion } from '#services/forms/form_versions'
import { postForm, startForm, type FormPage } from '#services/forms/form_page'
import { presentForm } from '#services/forms/form_presenter'

/**
 * Staff preview of a service's form (/:ente/servizi/:slug/anteprima-modulo):
 * the current version, or `?versione=N`, filled and validated exactly as a
 * citizen would; "Invia" shows the Riepilogo and the data a pratica would
 * store, nothing is saved but the uploads of the preview's draft.
 */
export default class FormPreviewController {
  async show({ ente, params, request, view, i18n }: HttpContext) {
    const { service, version } = await this.#find(ente, params.slug, request.input('versione'))
    if (!version) return view.render('pages/forms/preview', { service, version: null })
    return this.#render(view, service, await startForm(ente, version), i18n.locale)
  }

  async submit({ ente, params, request, response, view, i18n }: HttpContext) {
    const { service, version } = await this.#find(ente, params.slug, request.input('versione'))
    if (!version) throw new NotFoundException()
    const page = await postForm(ente, version, request)
    if (Object.keys(page.errors).length > 0) response.status(422)
    return this.#render(view, service, page, i18n.locale)
  }

  async #find(ente: HttpContext['ente'], slug: string, versionNumber: unknown) {
    const service = await Service.forEnte(ente).where('slug', String(slug)).first()
    if (!service) throw new NotFoundException()
    const number = Number(versionNumber)
    const version =
      Number.isInteger(number) && number > 0
        ? await ServiceFormVersion.forEnte(ente)
            .where('service_id', service.id)
            .where('version', number)
            .first()
        : await currentFormVersion(service)
    return { service, version }
  }

  async #render(view: HttpContext['view'], service: Service, page: FormPage, language: string) {
    return view.render('pages/forms/preview', {
      service,
      version: page.version,
      report: page.report,
      form: await presentForm(page, { language }),
      complete: page.complete,
      storedJson: page.complete ? JSON.stringify(page.complete.data, null, 2) : null,
    })
  }
}
