import type { HttpContext } from '@adonisjs/core/http'
import { StaffSessionController } from '#controllers/auth/staff_session_controller'

/**
 * "Accesso riservato al personale autorizzato" → "Gestisci i servizi
 * digitali": operators, managers and ente admins of this ente.
 */
export default class OperatorSessionController extends StaffSessionController {
  protected title = 'Accesso riservato al personale autorizzato'
  protected disabledMessage = 'Il tuo account è disabilitato: rivolgiti al manager del tuo ufficio.'

  protected door(ctx: HttpContext) {
    return ctx.ente
  }
}
