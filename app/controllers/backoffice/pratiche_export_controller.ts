import type { HttpContext } from '@adonisjs/core/http'
import { listScope } from '#services/backoffice/list_scope'
import { resolveListRequest } from '#services/backoffice/list_request'
import { exportFileName, praticheCsv } from '#services/backoffice/pratiche_export'
import { recordAudit, requestOrigin } from '#services/audit/audit_log'
import { sendCsv } from '#services/backoffice/csv_download'

/**
 * "Scarica il .csv" of the Elenco pratiche: the same filters and order,
 * streamed (the response asks for the next batch only once the previous
 * one has gone out). Exporting citizens' data is written in the audit log.
 */
export default class PraticheExportController {
  async download({ ente, auth, request, response }: HttpContext) {
    const user = auth.use('web').user!
    const scope = listScope(ente, user)
    const listRequest = await resolveListRequest(scope, request.qs())
    await recordAudit({
      action: 'pratiche_exported',
      enteId: ente.id,
      actor: user,
      metadata: { query: request.qs() },
      origin: requestOrigin(request),
    })
    sendCsv(response, exportFileName(ente.slug), praticheCsv(scope, listRequest))
  }
}
