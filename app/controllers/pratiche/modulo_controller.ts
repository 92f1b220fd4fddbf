import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { documentBytes, ensureModuloCompilato } from '#services/pratiche/documents'
import { praticaForVisitor } from '#services/pratiche/pratica_access'

/**
 * "Scarica il modulo compilato": the PDF kept with the sent pratica (made
 * now if its job has not run yet), to the pratica's applicant only.
 */
export default class ModuloController {
  /** GET /:ente/pratiche/:pratica/modulo-compilato */
  async download(ctx: HttpContext) {
    const { pratica } = await praticaForVisitor(ctx, ctx.params.pratica)
    if (!pratica.submittedAt) throw new NotFoundException()
    const document = await ensureModuloCompilato(pratica.id)
    ctx.response.header('content-type', document.mimeType)
    ctx.response.header('content-disposition', `attachment; filename="${document.fileName}"`)
    ctx.response.header('cache-control', 'private, no-store')
    return ctx.response.send(await documentBytes(document))
  }
}
