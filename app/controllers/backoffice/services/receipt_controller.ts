import type { HttpContext } from '@adonisjs/core/http'
import type Service from '#models/service'
import { LANGUAGES, type Language } from '#domain/languages'
import {
  DEFAULT_RECEIPT_TEMPLATE,
  TEMPLATE_PLACEHOLDERS,
  renderMessageTemplate,
} from '#domain/message_template'
import { serviceReceiptValidator, templateMessages } from '#validators/service_templates'
import { findServiceOrFail } from '#services/services/staff_services'
import { saveServiceTab } from '#services/services/update_service'
import { exampleValues } from '#services/services/message_templates'
import {
  CONTENT_LANGUAGES,
  acting,
  renderTab,
  savedRedirect,
  tabUrl,
  validateTab,
  type FieldErrors,
} from '#controllers/backoffice/services/editing'

/**
 * "Ricevuta": the text of the receipt the citizen gets when the pratica is
 * sent, per language (empty: the platform's standard text), with the same
 * placeholders and preview as the messages.
 */
export default class ReceiptController {
  async edit(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    return this.#render(ctx, service, { ...service.receiptText })
  }

  async update(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const input = ctx.request.only(['receipt'])
    const result = await validateTab(serviceReceiptValidator, input, templateMessages)
    if (result.errors) return this.#render(ctx, service, input.receipt ?? {}, result.errors)
    const receiptText = Object.fromEntries(
      LANGUAGES.map((language) => [language, result.value.receipt[language]?.trim()]).filter(
        ([, text]) => text
      )
    )
    await saveServiceTab(service, 'ricevuta', { receiptText }, acting(ctx))
    return savedRedirect(ctx, tabUrl(ctx, service, 'ricevuta'))
  }

  /** "Anteprima" of the receipt in one language (its standard text when left empty). */
  async preview(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const input = ctx.request.only(['receipt', '_anteprima'])
    const typed: Partial<Record<Language, string>> = input.receipt ?? {}
    const language = LANGUAGES.find((code) => code === input._anteprima) ?? 'it'
    const result = await validateTab(serviceReceiptValidator, input, templateMessages)
    const origin = `${ctx.request.protocol()}://${ctx.request.host()}`
    const preview = {
      language,
      ...renderMessageTemplate(
        typed[language]?.trim() || DEFAULT_RECEIPT_TEMPLATE,
        exampleValues(ctx.ente, service, 'Inviata', origin)
      ),
    }
    return this.#render(ctx, service, typed, result.errors ?? {}, preview)
  }

  #render(
    ctx: HttpContext,
    service: Service,
    typed: Record<string, unknown>,
    errors: FieldErrors = {},
    preview: { language: Language; text: string; html: string } | null = null
  ) {
    return renderTab(ctx, service, 'ricevuta', {
      languages: CONTENT_LANGUAGES,
      typed,
      errors,
      preview,
      placeholders: TEMPLATE_PLACEHOLDERS.map((name) => `{{ ${name} }}`),
      defaultText: DEFAULT_RECEIPT_TEMPLATE,
    })
  }
}
