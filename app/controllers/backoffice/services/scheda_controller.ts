import type { HttpContext } from '@adonisjs/core/http'
import { LANGUAGES, type Language } from '#domain/languages'
import {
  SCHEDA_SECTION_LABELS,
  SCHEDA_TAB_SECTIONS,
  schedaMessages,
  serviceSchedaValidator,
} from '#validators/service_scheda'
import type Service from '#models/service'
import { findServiceOrFail } from '#services/services/staff_services'
import { saveServiceTab } from '#services/services/update_service'
import { withTexts } from '#services/services/scheda_content'
import {
  CONDITIONS_FILE_RULES,
  conditionsFileOf,
  removeConditionsFile,
  replaceConditionsFile,
} from '#services/services/conditions_file'
import { filesHint } from '#domain/forms/rules/files'
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

/**
 * "Scheda": the sections of the scheda in one language at a time (It, En,
 * De), and the "Condizioni di servizio" file citizens download.
 */
export default class SchedaController {
  async edit(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const language = languageOf(ctx.request.input('lingua'))
    const scheda = service.content[language] ?? {}
    return this.#render(ctx, service, language, {
      scheda: Object.fromEntries(SCHEDA_TAB_SECTIONS.map((key) => [key, scheda[key] ?? ''])),
    })
  }

  async update(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const input = ctx.request.only(['lingua', 'scheda'])
    const language = languageOf(input.lingua)
    const result = await validateTab(serviceSchedaValidator, input, schedaMessages)
    if (result.errors) {
      return this.#render(ctx, service, language, { scheda: input.scheda ?? {} }, result.errors)
    }
    await saveServiceTab(
      service,
      'scheda',
      { content: withTexts(service.content, result.value.lingua, result.value.scheda) },
      acting(ctx)
    )
    return savedRedirect(ctx, `${tabUrl(ctx, service, 'scheda')}?lingua=${result.value.lingua}`)
  }

  async uploadConditions(ctx: HttpContext) {
    const { ente, request } = ctx
    const service = await findServiceOrFail(ente, ctx.params.service)
    const file = request.file('condizioni')
    const outcome = file
      ? await replaceConditionsFile(ente, service, file, acting(ctx))
      : { error: 'Scegli il file delle condizioni di servizio da caricare.' }
    if ('error' in outcome) {
      const scheda = service.content.it ?? {}
      return this.#render(
        ctx,
        service,
        'it',
        { scheda: Object.fromEntries(SCHEDA_TAB_SECTIONS.map((key) => [key, scheda[key] ?? ''])) },
        { condizioni: outcome.error }
      )
    }
    return savedRedirect(
      ctx,
      `${tabUrl(ctx, service, 'scheda')}#condizioni-file`,
      'File delle condizioni di servizio caricato.'
    )
  }

  async removeConditions(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    await removeConditionsFile(service, acting(ctx))
    return savedRedirect(
      ctx,
      `${tabUrl(ctx, service, 'scheda')}#condizioni-file`,
      'File delle condizioni di servizio rimosso.'
    )
  }

  async #render(
    ctx: HttpContext,
    service: Service,
    language: Language,
    values: { scheda: Record<string, unknown> },
    errors: FieldErrors = {}
  ) {
    return renderTab(ctx, service, 'scheda', {
      language,
      languages: CONTENT_LANGUAGES,
      sections: SCHEDA_TAB_SECTIONS.map((key) => ({ key, label: SCHEDA_SECTION_LABELS[key] })),
      values,
      errors,
      conditionsFile: await conditionsFileOf(service),
      conditionsHint: filesHint(CONDITIONS_FILE_RULES),
    })
  }
}
