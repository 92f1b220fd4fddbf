import type { HttpContext } from '@adonisjs/core/http'
import { requestOrigin } from '#services/audit/audit_log'
import {
  isReconciliationGroup,
  NothingToRetryError,
  RECONCILIATION_GROUPS,
  reconciliationReport,
  retryCreation,
} from '#services/payments/reconciliation'

/**
 * Ente admin, Impostazioni → "Riconciliazione pagamenti": the ente's
 * positions by group (creati, in attesa, pagati, falliti, scaduti) and
 * "Riprova creazione" for a failed creation.
 */
export default class ReconciliationController {
  /** GET /:ente/backoffice/impostazioni/riconciliazione-pagamenti */
  async index({ ente, request, view }: HttpContext) {
    const requested = request.input('gruppo')
    const group = isReconciliationGroup(requested) ? requested : 'creati'
    const page = Math.max(1, Number.parseInt(String(request.input('pagina', '1')), 10) || 1)
    const { counts, positions } = await reconciliationReport(ente, group, page)
    const base = `/${ente.slug}/backoffice/impostazioni/riconciliazione-pagamenti`
    const pageUrl = (number: number) => `${base}?gruppo=${group}&pagina=${number}`
    return view.render('payments/reconciliation', {
      title: 'Riconciliazione pagamenti',
      base,
      group,
      groups: RECONCILIATION_GROUPS,
      counts,
      positions: positions.all(),
      pagination: {
        page,
        previous: page > 1 ? pageUrl(page - 1) : null,
        next: page < positions.lastPage ? pageUrl(page + 1) : null,
        links: [],
      },
    })
  }

  /** POST /:ente/backoffice/impostazioni/riconciliazione-pagamenti/:position/riprova-creazione */
  async retry({ ente, auth, params, request, response, session }: HttpContext) {
    try {
      await retryCreation(
        ente,
        String(params.position),
        auth.use('web').user!,
        requestOrigin(request)
      )
      session.flash(
        'success',
        'Creazione del pagamento ripresa: l’intermediario sarà interpellato a breve.'
      )
    } catch (error) {
      if (!(error instanceof NothingToRetryError)) throw error
      session.flash('error', error.message)
    }
    return response
      .redirect()
      .toPath(`/${ente.slug}/backoffice/impostazioni/riconciliazione-pagamenti?gruppo=falliti`)
  }
}
