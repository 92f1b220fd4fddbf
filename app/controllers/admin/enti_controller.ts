import type { HttpContext } from '@adonisjs/core/http'
import Ente from '#models/ente'
import { LANGUAGE_LABELS, withItalian } from '#domain/languages'
import { createEnteValidator, updateEnteValidator } from '#validators/ente'
import { createEnte } from '#services/enti/create_ente'
import { forgetEnteHosts } from '#services/enti/ente_lookup'

/**
 * Platform administration: the enti using the platform.
 */
export default class EntiController {
  async index({ view }: HttpContext) {
    const enti = await Ente.query().orderBy('name')
    return view.render('pages/admin/enti/index', { title: 'Enti', enti })
  }

  async create({ view }: HttpContext) {
    return view.render('pages/admin/enti/form', {
      title: 'Nuovo ente',
      languageLabels: LANGUAGE_LABELS,
    })
  }

  async store({ request, response, session }: HttpContext) {
    const data = await request.validateUsing(createEnteValidator)
    const ente = await createEnte(data)
    session.flash('success', `Ente "${ente.name}" creato.`)
    return response.redirect(`/admin/enti/${ente.id}/edit`)
  }

  async edit({ params, view }: HttpContext) {
    const ente = await Ente.findOrFail(params.id)
    return view.render('pages/admin/enti/form', {
      title: ente.name,
      ente,
      languageLabels: LANGUAGE_LABELS,
    })
  }

  async update({ params, request, response, session }: HttpContext) {
    const ente = await Ente.findOrFail(params.id)
    const data = await request.validateUsing(updateEnteValidator(ente.id))
    ente.merge({ ...data, languages: withItalian(data.languages), isActive: !!data.isActive })
    await ente.save()
    forgetEnteHosts()
    session.flash('success', 'Modifiche salvate.')
    return response.redirect(`/admin/enti/${ente.id}/edit`)
  }
}
