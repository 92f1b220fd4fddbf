import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { WORKFLOWS } from '#domain/service_settings'
import { SERVICE_STATUSES } from '#domain/service_availability'
import { ServiceFieldMessages } from '#validators/service_labels'

/** A checkbox: ticked sends its value, unticked sends nothing. */
const checkbox = () => vine.boolean().optional()
const ids = () => vine.array(vine.number().withoutDecimals().positive()).optional()

/** "Integrazioni": what an operator may do while working a pratica. */
export const serviceIntegrationsValidator = vine.compile(
  vine.object({
    allowIntegrationRequests: checkbox(),
    allowPartialApproval: checkbox(),
  })
)

/** A date and time typed in a datetime-local input, read in Italian time, kept in UTC (as stored). */
const localDateTime = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    .transform((value) => {
      const date = DateTime.fromISO(value, { zone: 'Europe/Rome' })
      return date.isValid ? date.toUTC() : null
    })
    .optional()

/**
 * "Impostazioni avanzate": workflow (approval or Inoltro with the address
 * of the back office), answer time, withdrawal, protocol, login level,
 * publication status and dates, and where the service sits (category,
 * service group, geographic areas, offices).
 */
export const serviceAdvancedValidator = vine.compile(
  vine.object({
    workflow: vine.enum(WORKFLOWS),
    forwardUrl: vine
      .string()
      .trim()
      .maxLength(2048)
      .url({ require_protocol: true, protocols: ['https', 'http'] })
      .optional()
      .requiredWhen('workflow', '=', 'forward'),
    maxResponseDays: vine.number().withoutDecimals().range([1, 365]).optional(),
    allowWithdrawal: checkbox(),
    protocolRequired: checkbox(),
    minAuthLevel: vine.number().in([0, 1, 2, 3]),
    status: vine.enum(SERVICE_STATUSES),
    scheduledFrom: localDateTime(),
    scheduledTo: localDateTime(),
    categoryId: vine.number().withoutDecimals().positive().optional(),
    serviceGroupId: vine.number().withoutDecimals().positive().optional(),
    geographicAreas: ids(),
    offices: ids(),
  })
)

export const advancedMessages = new ServiceFieldMessages(
  {
    workflow: 'Flusso di lavoro',
    forwardUrl: 'Indirizzo del back office esterno',
    maxResponseDays: 'Giorni massimi per la risposta',
    minAuthLevel: 'Livello minimo di autenticazione',
    status: 'Stato',
    scheduledFrom: 'Disponibile dal',
    scheduledTo: 'Disponibile fino al',
    categoryId: 'Categoria',
    serviceGroupId: 'Gruppo di servizi',
    geographicAreas: 'Aree geografiche',
    offices: 'Uffici',
  },
  {
    'forwardUrl.required':
      "Con il flusso Inoltro serve l'indirizzo del back office a cui inoltrare le pratiche.",
    'scheduledFrom.regex': 'Inserisci data e ora nel formato gg/mm/aaaa hh:mm.',
    'scheduledTo.regex': 'Inserisci data e ora nel formato gg/mm/aaaa hh:mm.',
  }
)
