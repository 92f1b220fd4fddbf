import type { HttpContext } from '@adonisjs/core/http'
import { operatorValidator } from '#validators/operator'
import { availableActions } from '#domain/operator_rules'
import { ROLE_LABELS } from '#domain/roles'
import {
  enablementChoices,
  findOperatorOrFail,
  listOperators,
} from '#services/operators/operator_directory'
import { createOperator } from '#services/operators/create_operator'
import { updateOperator } from '#services/operators/update_operator'
import { deleteOperator } from '#services/operators/delete_operator'
import { countPraticheInCharge } from '#services/operators/pratiche_in_charge'
import { checkOperatorAction, OperatorActionRefused } from '#services/operators/operator_guard'
import { acting, backToList, operatorsUrl } from '#controllers/backoffice/operators/acting'

/**
 * The manual's "Operatori" page, for managers and ente admins: the list
 * with "Cerca", "Aggiungi" → "Crea nuovo operatore", "Modifica operatore"
 * (Dati generali, Servizi, Calendari, Uffici) and "Elimina".
 */
export default class OperatorsController {
  async index(ctx: HttpContext) {
    const { ente, request, view } = ctx
    const search = String(request.input('cerca', '')).trim().slice(0, 100)
    const { page, total } = await listOperators(ente, {
      search,
      page: Number(request.input('page', 1)) || 1,
    })
    page.baseUrl(operatorsUrl(ctx))
    page.queryString(search ? { cerca: search } : {})
    const { actor } = acting(ctx)
    return view.render('pages/backoffice/operators/index', {
      title: 'Operatori',
      operators: page,
      rows: page.all().map((operator) => ({
        operator,
        actions: availableActions(actor, operator),
      })),
      total,
      search,
      roleLabels: ROLE_LABELS,
    })
  }

  async create(ctx: HttpContext) {
    return ctx.view.render('pages/backoffice/operators/form', {
      title: 'Crea nuovo operatore',
      operator: null,
      action: operatorsUrl(ctx),
      assigned: { services: [], offices: [] },
      ...(await enablementChoices(ctx.ente)),
    })
  }

  async store(ctx: HttpContext) {
    const { ente, request, response, session } = ctx
    const input = await request.validateUsing(operatorValidator, {
      meta: { enteId: ente.id, userId: null },
    })
    const operator = await createOperator(ente, input, acting(ctx))
    session.flash(
      'success',
      `Operatore ${operator.fullName} creato: riceverà a ${operator.email} un'e-mail per impostare la password.`
    )
    return response.redirect(operatorsUrl(ctx))
  }

  async edit(ctx: HttpContext) {
    const { ente, params, view } = ctx
    const operator = await findOperatorOrFail(ente, params.operatorId)
    checkOperatorAction(acting(ctx).actor, operator, 'edit')
    await operator.load('services')
    await operator.load('offices')
    return view.render('pages/backoffice/operators/form', {
      title: `Modifica operatore: ${operator.fullName}`,
      operator,
      action: `${operatorsUrl(ctx)}/${operator.id}?_method=PUT`,
      assigned: {
        services: operator.services.map((service) => service.id),
        offices: operator.offices.map((office) => office.id),
      },
      ...(await enablementChoices(ente)),
    })
  }

  async update(ctx: HttpContext) {
    const { ente, params, request, response, session } = ctx
    const operator = await findOperatorOrFail(ente, params.operatorId)
    checkOperatorAction(acting(ctx).actor, operator, 'edit')
    const input = await request.validateUsing(operatorValidator, {
      meta: { enteId: ente.id, userId: operator.id },
    })
    await updateOperator(ente, operator, input, acting(ctx))
    session.flash('success', 'Modifiche salvate.')
    return response.redirect(`${operatorsUrl(ctx)}/${operator.id}/modifica`)
  }

  /** "Elimina" asks first, and says up front when the operator cannot go. */
  async confirmDestroy(ctx: HttpContext) {
    const operator = await findOperatorOrFail(ctx.ente, ctx.params.operatorId)
    let refusal: string | null = null
    try {
      checkOperatorAction(
        acting(ctx).actor,
        operator,
        'delete',
        await countPraticheInCharge(operator)
      )
    } catch (error) {
      if (!(error instanceof OperatorActionRefused)) throw error
      refusal = error.message
    }
    return ctx.view.render('pages/backoffice/operators/delete', {
      title: `Elimina operatore: ${operator.fullName}`,
      operator,
      refusal,
      action: `${operatorsUrl(ctx)}/${operator.id}?_method=DELETE`,
      listUrl: operatorsUrl(ctx),
    })
  }

  async destroy(ctx: HttpContext) {
    const { ente, params, response, session } = ctx
    const operator = await findOperatorOrFail(ente, params.operatorId)
    try {
      await deleteOperator(operator, acting(ctx))
    } catch (error) {
      if (!(error instanceof OperatorActionRefused)) throw error
      session.flash('error', error.message)
      return response.redirect(backToList(ctx))
    }
    session.flash('success', `Operatore ${operator.fullName} eliminato.`)
    return response.redirect(operatorsUrl(ctx))
  }
}
