import type { HttpContext } from '@adonisjs/core/http'
import type Service from '#models/service'
import { findServiceOrFail } from '#services/services/staff_services'
import { ACCOUNTING_TYPES, DATI_SPECIFICI_HELP } from '#domain/payments/dati_specifici_riscossione'
import type { FieldErrors } from '#domain/payments/payment_item'
import {
  amountFieldChoices,
  applyPaymentsAction,
  checkPayments,
  paymentsInput,
  readPaymentsInput,
  savePaymentSettings,
  type PaymentsInput,
} from '#services/payments/payment_config'
import {
  applyStampsAction,
  checkStamps,
  readStampsInput,
  saveStampSettings,
  stampsInput,
  type StampsInput,
} from '#services/payments/stamps_config'
import { taxonomyChoices, taxonomyLabel } from '#services/payments/taxonomy'
import { acting, renderTab, savedRedirect, tabUrl } from '#controllers/backoffice/services/editing'

/**
 * "Pagamenti" and "Bolli" of "Modifica servizio". A posted `azione` adds
 * or removes a payment, a bilancio row or a bollo and shows the form again
 * (nothing saved); "Salva" checks everything and saves.
 */
export default class PaymentSettingsController {
  async editPayments(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    return this.#renderPayments(ctx, service, paymentsInput(service.paymentSettings))
  }

  async updatePayments(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const input = readPaymentsInput(ctx.request.only(['atRequest', 'deferred']))
    const action = ctx.request.input('azione')
    if (action) {
      applyPaymentsAction(input, String(action))
      return this.#renderPayments(ctx, service, input)
    }
    const { settings, errors } = await checkPayments(service, input)
    if (Object.keys(errors).length) return this.#renderPayments(ctx, service, input, errors)
    await savePaymentSettings(service, settings, acting(ctx))
    return savedRedirect(ctx, tabUrl(ctx, service, 'pagamenti'))
  }

  async editStamps(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    return this.#renderStamps(ctx, service, stampsInput(service.stampSettings))
  }

  async updateStamps(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const input = readStampsInput(ctx.request.only(['atRequest', 'atRelease']))
    const action = ctx.request.input('azione')
    if (action) {
      applyStampsAction(input, String(action))
      return this.#renderStamps(ctx, service, input)
    }
    const { settings, errors } = checkStamps(input)
    if (Object.keys(errors).length) return this.#renderStamps(ctx, service, input, errors)
    await saveStampSettings(service, settings, acting(ctx))
    return savedRedirect(ctx, tabUrl(ctx, service, 'bolli'))
  }

  async #renderPayments(
    ctx: HttpContext,
    service: Service,
    values: PaymentsInput,
    errors: FieldErrors = {}
  ) {
    const choices = await taxonomyChoices()
    const categories = choices.map((entry) => ({
      value: entry.code,
      label: entry.label,
    }))
    // a code saved earlier and no longer offered stays selectable
    for (const item of [...values.atRequest, ...values.deferred]) {
      const code = item.taxonomyCode
      if (code && !categories.some((category) => category.value === code)) {
        categories.push({ value: code, label: await taxonomyLabel(code) })
      }
    }
    return renderTab(ctx, service, 'pagamenti', {
      values,
      errors,
      categories,
      amountFields: await amountFieldChoices(service),
      accountingTypes: ACCOUNTING_TYPES,
      datiSpecificiHelp: DATI_SPECIFICI_HELP,
    })
  }

  #renderStamps(ctx: HttpContext, service: Service, values: StampsInput, errors: FieldErrors = {}) {
    return renderTab(ctx, service, 'bolli', { values, errors })
  }
}
