import type { HttpContext } from '@adonisjs/core/http'
import { findOperatorOrFail } from '#services/operators/operator_directory'
import { setOperatorEnabled, setOperatorRole } from '#services/operators/operator_access'
import { checkOperatorAction, OperatorActionRefused } from '#services/operators/operator_guard'
import { sendPasswordReset } from '#services/auth/password_links'
import { acting, backToList } from '#controllers/backoffice/operators/acting'

/**
 * The actions of a row of "Operatori": "Reimposta password", "Rendi
 * manager" / "Rendi operatore", and the "Abilitato" switch. Each answers
 * with a message on the list it came from.
 */
export default class OperatorActionsController {
  async resetPassword(ctx: HttpContext) {
    return this.#act(ctx, async (operator, by) => {
      checkOperatorAction(by.actor, operator, 'reset_password')
      await sendPasswordReset(operator, by.actor, by.origin)
      return `E-mail per reimpostare la password inviata a ${operator.email}.`
    })
  }

  async role(ctx: HttpContext) {
    const role = ctx.request.input('role') === 'manager' ? 'manager' : 'operator'
    return this.#act(ctx, async (operator, by) => {
      await setOperatorRole(operator, role, by)
      return `${operator.fullName} ora è ${role === 'manager' ? 'Manager' : 'Operatore'}.`
    })
  }

  async enabled(ctx: HttpContext) {
    const enabled = ctx.request.input('enabled') === 'true'
    return this.#act(ctx, async (operator, by) => {
      await setOperatorEnabled(operator, enabled, by)
      return `${operator.fullName} ${enabled ? 'abilitato' : 'disabilitato'}.`
    })
  }

  async #act(
    ctx: HttpContext,
    action: (
      operator: Awaited<ReturnType<typeof findOperatorOrFail>>,
      by: ReturnType<typeof acting>
    ) => Promise<string>
  ) {
    const operator = await findOperatorOrFail(ctx.ente, ctx.params.operatorId)
    try {
      ctx.session.flash('success', await action(operator, acting(ctx)))
    } catch (error) {
      if (!(error instanceof OperatorActionRefused)) throw error
      ctx.session.flash('error', error.message)
    }
    return ctx.response.redirect(backToList(ctx))
  }
}
