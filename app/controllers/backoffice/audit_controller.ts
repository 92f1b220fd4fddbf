import type { HttpContext } from '@adonisjs/core/http'
import { readAuditFilters } from '#services/audit/audit_filters'
import { auditCsv, auditFileName, auditPage } from '#services/audit/audit_viewer'
import { recordAudit, requestOrigin } from '#services/audit/audit_log'
import { sendCsv } from '#services/backoffice/csv_download'

/**
 * "Registro delle attività": the ente admin reads and exports the audit log
 * of the ente (the route lets only the ente admin in; anyone else: 404).
 */
export default class AuditController {
  async index({ ente, request, view }: HttpContext) {
    const auditRequest = readAuditFilters(request.qs())
    const base = `/${ente.slug}/backoffice/impostazioni/registro`
    const page = await auditPage(ente, auditRequest, base)
    return view.render('pages/backoffice/audit/index', {
      title: 'Registro delle attività',
      ...page,
      base,
      typed: auditRequest.typed,
      errors: auditRequest.errors,
    })
  }

  async download({ ente, auth, request, response }: HttpContext) {
    const { filters } = readAuditFilters(request.qs())
    await recordAudit({
      action: 'audit_exported',
      enteId: ente.id,
      actor: auth.use('web').user!,
      metadata: { query: request.qs() },
      origin: requestOrigin(request),
    })
    sendCsv(response, auditFileName(ente.slug), auditCsv(ente, filters))
  }
}
