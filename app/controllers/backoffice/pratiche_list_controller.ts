import type { HttpContext } from '@adonisjs/core/http'
import { listScope } from '#services/backoffice/list_scope'
import { resolveListRequest } from '#services/backoffice/list_request'
import { listPage } from '#services/backoffice/list_page'

/**
 * "Elenco pratiche", the backoffice's starting page: the pratiche of the
 * services the staff member is enabled for, with the manual's filters,
 * sortable columns, "Risultati per pagina" and "Opzioni tabella".
 */
export default class PraticheListController {
  async index({ ente, auth, request, view }: HttpContext) {
    const scope = listScope(ente, auth.use('web').user!)
    const listRequest = await resolveListRequest(scope, request.qs())
    const page = await listPage(scope, listRequest, `/${ente.slug}/backoffice`)
    return view.render('pages/backoffice/pratiche_list/index', {
      title: 'Elenco pratiche',
      ...page,
    })
  }
}
