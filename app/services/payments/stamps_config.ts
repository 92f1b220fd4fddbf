import type Service from '#models/service'
import type { StampSettings } from '#domain/service_settings'
import { euroInput } from '#domain/payments/euro_input'
import {
  checkStampItem,
  type FieldErrors,
  type StampItemInput,
} from '#domain/payments/payment_item'
import { saveServiceTab } from '#services/services/update_service'
import type { Acting } from '#services/operators/types'
import { listOf, moveAction } from '#services/payments/config_rows'

/**
 * The "Bolli" tab of a service: the marche da bollo asked in fase di
 * richiesta (causale and importo each), and whether the operator may ask
 * for bolli in fase di rilascio (in the "Approva" dialog).
 */
export interface StampsInput {
  atRequest: StampItemInput[]
  atRelease: boolean
}

export function stampsInput(settings: StampSettings | null): StampsInput {
  return {
    atRequest: (settings?.atRequest ?? []).map((item) => ({
      causale: item.causale,
      importo: euroInput(item.amountCents),
    })),
    atRelease: settings?.atRelease === true,
  }
}

export function readStampsInput(body: Record<string, unknown>): StampsInput {
  return {
    atRequest: listOf<StampItemInput>(body.atRequest),
    atRelease: body.atRelease === 'true' || body.atRelease === true,
  }
}

/** `aggiungi` or `elimina:<index>`. */
export function applyStampsAction(input: StampsInput, action: string) {
  const [verb, index] = action.split(':')
  return moveAction(input.atRequest, verb, index, () => ({ causale: '', importo: '16,00' }))
}

export function checkStamps(input: StampsInput) {
  const errors: FieldErrors = {}
  const settings: StampSettings = { atRequest: [], atRelease: input.atRelease }
  input.atRequest.forEach((stampInput, index) => {
    const checked = checkStampItem(stampInput)
    settings.atRequest.push(checked.item)
    for (const [key, message] of Object.entries(checked.errors)) {
      errors[`atRequest.${index}.${key}`] = message
    }
  })
  return { settings, errors }
}

export async function saveStampSettings(service: Service, settings: StampSettings, by: Acting) {
  await saveServiceTab(service, 'bolli', { stampSettings: settings }, by)
}
