import type { HttpContext } from '@adonisjs/core/http'
import type Service from '#models/service'
import { LANGUAGES, type Language } from '#domain/languages'
import { TEMPLATE_PLACEHOLDERS, renderMessageTemplate } from '#domain/message_template'
import type { PraticaStatusCode } from '#domain/pratica_status'
import { serviceMessagesValidator, templateMessages } from '#validators/service_templates'
import { findServiceOrFail } from '#services/services/staff_services'
import { saveServiceTab } from '#services/services/update_service'
import {
  exampleValues,
  templateStates,
  withLanguageTemplates,
} from '#services/services/message_templates'
import {
  CONTENT_LANGUAGES,
  acting,
  renderTab,
  savedRedirect,
  tabUrl,
  validateTab,
  type FieldErrors,
} from '#controllers/backoffice/services/editing'

function languageOf(value: unknown): Language {
  return LANGUAGES.includes(value as Language) ? (value as Language) : 'it'
}

function origin(ctx: HttpContext) {
  return `${ctx.request.protocol()}://${ctx.request.host()}`
}

/**
 * "Messaggi": the message a citizen receives when their pratica reaches
 * each state, per language, with the placeholders and a preview ("Anteprima"
 * renders the typed text on example values, escaped, without saving).
 */
export default class MessagesController {
  async edit(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const language = languageOf(ctx.request.input('lingua'))
    const typed = Object.fromEntries(
      templateStates(service).map(({ code }) => [
        String(code),
        service.messageTemplates[String(code)]?.[language] ?? '',
      ])
    )
    return this.#render(ctx, service, language, typed)
  }

  async update(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const input = ctx.request.only(['lingua', 'messages'])
    const language = languageOf(input.lingua)
    const result = await validateTab(serviceMessagesValidator, input, templateMessages)
    if (result.errors)
      return this.#render(ctx, service, language, input.messages ?? {}, result.errors)
    const codes = templateStates(service).map(({ code }) => code)
    await saveServiceTab(
      service,
      'messaggi',
      {
        messageTemplates: withLanguageTemplates(
          service.messageTemplates,
          result.value.lingua,
          codes,
          result.value.messages ?? {}
        ),
      },
      acting(ctx)
    )
    return savedRedirect(ctx, `${tabUrl(ctx, service, 'messaggi')}?lingua=${result.value.lingua}`)
  }

  /** "Anteprima" of one state's message, from the text as typed; nothing is saved. */
  async preview(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const input = ctx.request.only(['lingua', 'messages', '_anteprima'])
    const language = languageOf(input.lingua)
    const typed: Record<string, string> = input.messages ?? {}
    const state = templateStates(service).find(
      ({ code }) => String(code) === String(input._anteprima)
    )
    const result = await validateTab(serviceMessagesValidator, input, templateMessages)
    const preview = state
      ? {
          code: state.code,
          ...renderMessageTemplate(
            typed[String(state.code)] ?? '',
            exampleValues(ctx.ente, service, state.label, origin(ctx))
          ),
        }
      : null
    return this.#render(ctx, service, language, typed, result.errors ?? {}, preview)
  }

  #render(
    ctx: HttpContext,
    service: Service,
    language: Language,
    typed: Record<string, unknown>,
    errors: FieldErrors = {},
    preview: { code: PraticaStatusCode; text: string; html: string } | null = null
  ) {
    return renderTab(ctx, service, 'messaggi', {
      language,
      languages: CONTENT_LANGUAGES,
      states: templateStates(service),
      typed,
      errors,
      preview,
      placeholders: TEMPLATE_PLACEHOLDERS.map((name) => `{{ ${name} }}`),
    })
  }
}
