import { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { listScope } from '#services/backoffice/list_scope'
import { resolveListRequest } from '#services/backoffice/list_request'
import { exportFileName, praticheCsv } from '#services/backoffice/pratiche_export'
import { recordAudit, requestOrigin } from '#services/audit/audit_log'

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
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${exportFileName(ente.slug)}"`)
    response.header('cache-control', 'no-store')
    response.stream(Readable.from(praticheCsv(scope, listRequest), { objectMode: false }))
  }
}
