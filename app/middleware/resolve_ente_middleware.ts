import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { findActiveEnteBySlug } from '#services/enti/ente_lookup'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * Resolves the `:ente` route parameter to an active ente, or answers 404.
 * Everything below it reads `ctx.ente`.
 */
export default class ResolveEnteMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const ente = await findActiveEnteBySlug(String(ctx.params.ente))
    if (!ente) {
      throw new NotFoundException()
    }
    ctx.ente = ente
    if (!ente.languages.includes(ctx.i18n.locale as any)) {
      ctx.i18n = i18nManager.locale(i18nManager.defaultLocale)
    }
    ctx.view.share({ ente, i18n: ctx.i18n })
    return next()
  }
}

declare module '@adonisjs/core/http' {
  interface HttpContext {
    ente: import('#models/ente').default
  }
}
