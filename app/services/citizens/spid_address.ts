/**
 * SPID's `address` attribute is the citizen's domicilio fisico in one
 * string, street first: "Via Listz 21 00144 Roma RM". The parts the
 * profile keeps separately are read from its end (province, municipality,
 * CAP, house number); what cannot be read stays whole in `address`.
 */
export type ParsedAddress = {
  address: string
  houseNumber?: string
  postalCode?: string
  municipality?: string
  county?: string
}

const FULL =
  /^(?<street>.+?)[\s,]+(?<number>\d+[A-Za-z]?(?:\/[A-Za-z0-9]+)?)[\s,]+(?<cap>\d{5})\s+(?<place>.+?)(?:\s+\(?(?<county>[A-Z]{2})\)?)?$/

export function parseSpidAddress(value: string): ParsedAddress {
  const text = value.trim().replace(/\s+/g, ' ')
  const match = FULL.exec(text)
  if (!match?.groups) return { address: text }
  const { street, number, cap, place, county } = match.groups
  return {
    address: street,
    houseNumber: number,
    postalCode: cap,
    municipality: place,
    ...(county ? { county } : {}),
  }
}
