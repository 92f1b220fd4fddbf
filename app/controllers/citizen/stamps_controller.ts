import type { HttpContext } from '@adonisjs/core/http'
import { citizenPratica } from '#services/personal_area/pratica_access'
import { enterStamp } from '#services/payments/stamps'
import { isUuid } from '#domain/uuid'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * The citizen enters a marca da bollo of their pratica (Bolli tab): its
 * number and emission time; a problem comes back next to the field with
 * what was typed.
 */
export default class StampsController {
  async enter({ ente, auth, params, request, session, response }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const pratica = await citizenPratica(ente, citizen, params.pratica)
    if (!isUuid(params.stamp)) throw new NotFoundException()
    await pratica.load('service')
    const input = { number: request.input('numero'), issuedAt: request.input('emissione') }
    const { errors } = await enterStamp(pratica, pratica.service, String(params.stamp), input)
    if (Object.keys(errors).length) {
      session.flash('bollo', {
        uuid: params.stamp,
        errors,
        numero: input.number ?? '',
        emissione: input.issuedAt ?? '',
      })
    } else {
      session.flash('success', 'Marca da bollo inserita.')
    }
    return response.redirect(`/${ente.slug}/area-personale/pratiche/${pratica.uuid}#bolli`)
  }
}
