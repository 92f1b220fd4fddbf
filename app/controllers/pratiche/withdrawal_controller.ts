import type { HttpContext } from '@adonisjs/core/http'
import { WITHDRAWAL_REFUSALS } from '#domain/withdrawal'
import { StaleStatusError } from '#services/pratiche/change_status'
import { praticaPaths } from '#services/pratiche/pratica_paths'
import { actingCitizen, praticaWithService } from '#services/pratiche/pratica_access'
import {
  withdrawalRefusalFor,
  withdrawPratica,
  WithdrawalRefusedError,
} from '#services/pratiche/withdraw_pratica'
import { safeReturnPath } from '#services/identity/return_path'

/**
 * "Ritira pratica": a confirmation page, then the POST that withdraws
 * (Ritirata) when the manual's rules allow it, or says in Italian why not.
 * The pratica page links here with `?torna=` to come back to it.
 */
export default class WithdrawalController {
  /** GET /:ente/pratiche/:pratica/ritira */
  async confirm(ctx: HttpContext) {
    const { ente, request, view } = ctx
    const { pratica, visitor, service } = await praticaWithService(ctx)
    const refusal = await withdrawalRefusalFor(pratica, service, await actingCitizen(visitor))
    const paths = praticaPaths(ente.slug, pratica.uuid)
    return view.render('pages/pratiche/withdraw', {
      pratica,
      service,
      paths,
      refusal: refusal ? WITHDRAWAL_REFUSALS[refusal] : null,
      back: safeReturnPath(ente.slug, request.input('torna')) ?? paths.receipt,
    })
  }

  /** POST /:ente/pratiche/:pratica/ritira */
  async withdraw(ctx: HttpContext) {
    const { ente, request, response, session } = ctx
    const { pratica, visitor } = await praticaWithService(ctx)
    const back =
      safeReturnPath(ente.slug, request.input('torna')) ??
      praticaPaths(ente.slug, pratica.uuid).receipt
    try {
      await withdrawPratica(pratica.id, await actingCitizen(visitor))
      session.flash('success', 'La pratica è stata ritirata.')
    } catch (error) {
      if (!(error instanceof WithdrawalRefusedError || error instanceof StaleStatusError)) {
        throw error
      }
      session.flash('error', error.message)
    }
    return response.redirect().toPath(back)
  }
}
