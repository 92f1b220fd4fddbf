import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import type { MessagesProviderContact } from '@vinejs/vine/types'
import type Service from '#models/service'
import { requestOrigin } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'
import { SERVICE_TABS, type ServiceTab } from '#services/services/update_service'

export type FieldErrors = Record<string, string>

/** The languages of the contents, as the (Italian) backoffice names them. */
export const CONTENT_LANGUAGES = [
  { code: 'it', label: 'Italiano' },
  { code: 'en', label: 'Inglese' },
  { code: 'de', label: 'Tedesco' },
] as const

/** The logged-in ente admin, and where the request came from (for the audit log). */
export function acting(ctx: HttpContext): Acting {
  return { actor: ctx.auth.use('web').user!, origin: requestOrigin(ctx.request) }
}

export function servicesUrl(ctx: HttpContext) {
  return `/${ctx.ente.slug}/backoffice/servizi`
}

export function tabUrl(ctx: HttpContext, service: Service, tab: ServiceTab) {
  return `${servicesUrl(ctx)}/${service.id}/${tab}`
}

interface Validator<T> {
  // VineJS validators with and without metadata
  validate(data: unknown, options: any): Promise<T>
}

/**
 * Validates a tab's input and gives its errors by field instead of the
 * usual redirect back: these forms can be long (a whole scheda, a form's
 * JSON), more than a cookie session can carry back, so a page with errors
 * is rendered again from what was posted and nothing typed is lost.
 */
export async function validateTab<T>(
  validator: Validator<T>,
  data: unknown,
  messagesProvider: MessagesProviderContact,
  meta?: Record<string, unknown>
): Promise<{ value: T; errors?: undefined } | { value?: undefined; errors: FieldErrors }> {
  try {
    return { value: await validator.validate(data, { messagesProvider, meta }) }
  } catch (error) {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    const found: FieldErrors = {}
    for (const item of error.messages as Array<{ field: string; message: string }>) {
      // "offices.2" is shown next to "offices"
      for (const key of [item.field, item.field.replace(/\.\d+$/, '')]) found[key] ??= item.message
    }
    return { errors: found }
  }
}

/** Renders one tab of "Modifica servizio" (status 422 when it carries errors). */
export function renderTab(
  ctx: HttpContext,
  service: Service,
  tab: ServiceTab,
  props: Record<string, unknown> & { errors?: FieldErrors }
) {
  if (props.errors && Object.keys(props.errors).length) ctx.response.status(422)
  const label = SERVICE_TABS.find((item) => item.id === tab)!.label
  return ctx.view.render(`pages/backoffice/services/tabs/${tab}`, {
    service,
    tab,
    tabs: SERVICE_TABS,
    title: `Modifica ${service.name} - ${label}`,
    tabLabel: label,
    baseUrl: `${servicesUrl(ctx)}/${service.id}`,
    errors: {},
    ...props,
  })
}

/** Back to the tab after a save, with the manual's confirmation. */
export function savedRedirect(ctx: HttpContext, url: string, message = 'Modifiche salvate.') {
  ctx.session.flash('success', message)
  return ctx.response.redirect(url)
}
