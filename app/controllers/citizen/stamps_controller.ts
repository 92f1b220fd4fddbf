import type { HttpContext } from '@adonisjs/core/http'
import { citizenPratica } from '#services/personal_area/pratica_access'
import { enterStamp } from '#services/payments/stamps'
import { requestDigitalStamp } from '#services/payments/digital_stamps'
import { isUuid } from '#domain/uuid'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * The citizen enters a marca da bollo of their pratica (Bolli tab): its
 * number and emission time, or asks to pay it as a marca da bollo
 * digitale; a problem comes back next to the field with what was typed.
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

  async digital({ ente, auth, params, request, session, response }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const pratica = await citizenPratica(ente, citizen, params.pratica)
    if (!isUuid(params.stamp)) throw new NotFoundException()
    const province = request.input('provincia')
    const { errors } = await requestDigitalStamp(ente, pratica, String(params.stamp), { province })
    if (Object.keys(errors).length) {
      session.flash('bolloDigitale', { uuid: params.stamp, errors, provincia: province ?? '' })
    } else {
      session.flash(
        'success',
        'Stiamo preparando la marca da bollo digitale: tra pochi secondi potrai pagarla online.'
      )
    }
    return response.redirect(`/${ente.slug}/area-personale/pratiche/${pratica.uuid}#bolli`)
  }
}
