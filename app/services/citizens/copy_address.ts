import type Citizen from '#models/citizen'
import { ADDRESS_PARTS, addressField, type AddressKind } from '#models/citizen'

/**
 * The "Copia da residenza" / "Copia da domicilio" buttons without
 * JavaScript: the form as the citizen typed it, with the other address's
 * parts written over this one's (nothing is saved until "Salva"). A locked
 * part of the source is not in the form: its value comes from the citizen.
 */
export function copyAddressInput(
  input: Record<string, any>,
  from: AddressKind,
  citizen: Citizen
): Record<string, any> {
  const to: AddressKind = from === 'residence' ? 'domicile' : 'residence'
  const copied = { ...input }
  for (const part of ADDRESS_PARTS) {
    const source = addressField(from, part)
    copied[addressField(to, part)] =
      (citizen.isLocked(source) ? citizen[source] : input[source]) ?? null
  }
  return copied
}
