import type { HttpContext } from '@adonisjs/core/http'
import type Service from '#models/service'
import { AUTH_LEVEL_LABELS } from '#domain/auth_level'
import { SERVICE_STATUS_LABELS, SERVICE_STATUSES } from '#domain/service_availability'
import { WORKFLOW_LABELS, WORKFLOWS } from '#domain/service_settings'
import {
  advancedMessages,
  serviceAdvancedValidator,
  serviceIntegrationsValidator,
} from '#validators/service_settings'
import { ServiceFieldMessages } from '#validators/service_labels'
import { findServiceOrFail } from '#services/services/staff_services'
import { saveServiceTab } from '#services/services/update_service'
import { advancedChoices, saveAdvancedSettings } from '#services/services/advanced_settings'
import {
  acting,
  renderTab,
  savedRedirect,
  tabUrl,
  validateTab,
  type FieldErrors,
} from '#controllers/backoffice/services/editing'

const ADVANCED_FIELDS = [
  'workflow',
  'forwardUrl',
  'maxResponseDays',
  'allowWithdrawal',
  'protocolRequired',
  'minAuthLevel',
  'status',
  'scheduledFrom',
  'scheduledTo',
  'categoryId',
  'serviceGroupId',
  'geographicAreas',
  'offices',
]

/** A date for a datetime-local input, in Italian time. */
function localInput(date: Service['scheduledFrom']) {
  return date ? date.setZone('Europe/Rome').toFormat("yyyy-MM-dd'T'HH:mm") : ''
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]
}

/** "Integrazioni" and "Impostazioni avanzate". */
export default class SettingsController {
  async editIntegrations(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    return renderTab(ctx, service, 'integrazioni', {
      values: {
        allowIntegrationRequests: service.allowIntegrationRequests,
        allowPartialApproval: service.allowPartialApproval,
      },
    })
  }

  async updateIntegrations(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const input = ctx.request.only(['allowIntegrationRequests', 'allowPartialApproval'])
    const result = await validateTab(
      serviceIntegrationsValidator,
      input,
      new ServiceFieldMessages({})
    )
    if (result.errors) {
      return renderTab(ctx, service, 'integrazioni', { values: input, errors: result.errors })
    }
    await saveServiceTab(
      service,
      'integrazioni',
      {
        allowIntegrationRequests: result.value.allowIntegrationRequests === true,
        allowPartialApproval: result.value.allowPartialApproval === true,
      },
      acting(ctx)
    )
    return savedRedirect(ctx, tabUrl(ctx, service, 'integrazioni'))
  }

  async editAdvanced(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    await service.load('offices')
    await service.load('geographicAreas')
    return this.#renderAdvanced(ctx, service, {
      workflow: service.workflow,
      forwardUrl: service.forwardUrl ?? '',
      maxResponseDays: service.maxResponseDays ?? '',
      allowWithdrawal: service.allowWithdrawal,
      protocolRequired: service.protocolRequired,
      minAuthLevel: service.minAuthLevel,
      status: service.status,
      scheduledFrom: localInput(service.scheduledFrom),
      scheduledTo: localInput(service.scheduledTo),
      categoryId: service.categoryId ?? '',
      serviceGroupId: service.serviceGroupId ?? '',
      geographicAreas: service.geographicAreas.map((area) => area.id),
      offices: service.offices.map((office) => office.id),
    })
  }

  async updateAdvanced(ctx: HttpContext) {
    const { ente, request } = ctx
    const service = await findServiceOrFail(ente, ctx.params.service)
    const posted = request.only(ADVANCED_FIELDS)
    // one ticked box may arrive as a single value
    const input = {
      ...posted,
      geographicAreas: asList(posted.geographicAreas),
      offices: asList(posted.offices),
    }
    const result = await validateTab(serviceAdvancedValidator, input, advancedMessages)
    if (result.errors) return this.#renderAdvanced(ctx, service, input, result.errors)
    const problems = await saveAdvancedSettings(ente, service, result.value, acting(ctx))
    if (problems) return this.#renderAdvanced(ctx, service, input, problems)
    return savedRedirect(ctx, tabUrl(ctx, service, 'impostazioni-avanzate'))
  }

  async #renderAdvanced(
    ctx: HttpContext,
    service: Service,
    values: Record<string, unknown>,
    errors: FieldErrors = {}
  ) {
    return renderTab(ctx, service, 'impostazioni-avanzate', {
      values: {
        ...values,
        geographicAreas: asList(values.geographicAreas).map(String),
        offices: asList(values.offices).map(String),
      },
      errors,
      ...(await advancedChoices(ctx.ente)),
      workflows: WORKFLOWS.map((value) => ({ value, label: WORKFLOW_LABELS[value] })),
      statuses: SERVICE_STATUSES.map((value) => ({ value, label: SERVICE_STATUS_LABELS[value] })),
      levels: Object.entries(AUTH_LEVEL_LABELS).map(([value, label]) => ({ value, label })),
    })
  }
}
