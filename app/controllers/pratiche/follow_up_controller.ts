import type { HttpContext } from '@adonisjs/core/http'
import { sessionLevel, storedIdentity } from '#services/identity/citizen_session'
import { praticaPaths } from '#services/pratiche/pratica_paths'
import { praticaWithService } from '#services/pratiche/pratica_access'
import {
  FollowUpRefusedError,
  isFollowUpRelation,
  startFollowUp,
} from '#services/pratiche/follow_up'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * Rinnovo, modifica, voltura of a sent pratica: a new draft linked to it
 * (the first pratica never changes). For the citizen who logged in: the
 * new pratica is theirs and the form asks their level again.
 */
export default class FollowUpController {
  /** POST /:ente/pratiche/:pratica/nuova-richiesta (relation: rinnovo | modifica | voltura) */
  async start(ctx: HttpContext) {
    const { ente, request, response, session } = ctx
    const { pratica, visitor, service } = await praticaWithService(ctx)
    const relation = request.input('relation')
    if (!visitor.citizen || !isFollowUpRelation(relation)) throw new NotFoundException()
    const { level } = await sessionLevel(ctx)
    try {
      const draft = await startFollowUp(ente, service, pratica, relation, {
        citizen: visitor.citizen,
        authMethod: storedIdentity(ctx, visitor.citizen)?.source ?? null,
        authLevel: level,
      })
      return response.redirect().toPath(praticaPaths(ente.slug, draft.uuid).compile)
    } catch (error) {
      if (!(error instanceof FollowUpRefusedError)) throw error
      session.flash('error', error.message)
      return response.redirect().back()
    }
  }
}
