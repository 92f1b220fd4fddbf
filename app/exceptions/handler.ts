import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /**
   * Styled Italian error pages (JSON requests still get JSON).
   */
  protected renderStatusPages = true

  /** Expected answers, not incidents: kept out of the error log. */
  protected ignoreStatuses = [400, 401, 404, 422]

  protected statusPages = {
    '404': (error, { view }) => view.render('pages/errors/not_found', { error }),
    // in development the detailed error page helps more than the styled one
    ...(app.inDev
      ? {}
      : { '500..599': (error, { view }) => view.render('pages/errors/server_error', { error }) }),
  } as Record<StatusPageRange, StatusPageRenderer>

  async handle(error: unknown, ctx: HttpContext) {
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
