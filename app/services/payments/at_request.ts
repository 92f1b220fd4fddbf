import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Citizen from '#models/citizen'
import type { PositionPayer } from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import { requestPositions } from '#services/payments/positions'
import { atRequestItems, sendWhenRequestStepComplete } from '#services/payments/request_step'

/** Days a payment at request can be paid: the avviso's scadenza. */
export const AT_REQUEST_DUE_DAYS = 30

/**
 * The positions of a pratica's payments at request (the service's
 * settings, amounts from the form where it computes them), for `attempt`:
 * 1 after "Invia", the next one after "Riprova". In the caller's
 * transaction; asking again for the same attempt creates nothing. When
 * every amount is 0 the pratica has nothing to pay and is sent
 * (1500 → 1520 → 1900). Throws when the ente has no payment plugin
 * (the job retries, the pratica waits at 1500).
 */
export async function requestAtRequestPositions(praticaId: number, attempt: number) {
  const pratica = await Pratica.findOrFail(praticaId)
  const ente = await Ente.findOrFail(pratica.enteId)
  const service = await Service.findOrFail(pratica.serviceId)
  const due = dueWindow()
  const items = atRequestItems(service, pratica).map(({ item, amountCents }) => ({
    amountCents,
    causale: item.causale,
    ...due,
    bilancio: item.bilancio,
    taxonomy: item.datiSpecificiRiscossione ?? item.taxonomyCode ?? null,
  }))

  // nothing owed: sent at once, or when the last marca da bollo is entered
  if (items.length === 0) {
    await db.transaction((trx) =>
      sendWhenRequestStepComplete(trx, praticaId, service, 'Nessun importo da pagare')
    )
    return
  }
  const [plugin] = await paymentManager.allForEnte(ente)
  if (!plugin) throw new Error(`l’ente ${ente.slug} non ha un intermediario di pagamento abilitato`)
  const payer = await payerOf(pratica)
  await db.transaction(async (trx) => {
    await requestPositions(trx, {
      ente,
      pluginId: plugin.id,
      payer,
      praticaId,
      citizenId: pratica.citizenId,
      phase: 'at_request',
      attempt,
      items,
    })
  })
}

/** The scadenza of a new position at request, and its expiry at the end of that day. */
export function dueWindow() {
  const due = DateTime.now().setZone('Europe/Rome').plus({ days: AT_REQUEST_DUE_DAYS })
  return { dueDate: due.startOf('day'), expiresAt: due.endOf('day') }
}

export async function payerOf(pratica: Pratica): Promise<PositionPayer> {
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  if (citizen) {
    const street = [citizen.residenceAddress, citizen.residenceHouseNumber]
      .filter(Boolean)
      .join(' ')
    const town = [citizen.residencePostalCode, citizen.residenceMunicipality]
      .filter(Boolean)
      .join(' ')
    const county = citizen.residenceCounty ? ` (${citizen.residenceCounty})` : ''
    return {
      fiscalCode: citizen.fiscalCode,
      name: citizen.fullName,
      kind: 'person',
      email: citizen.email ?? undefined,
      address: street || town ? `${[street, town].filter(Boolean).join(', ')}${county}` : undefined,
    }
  }
  const typed = pratica.typedApplicant
  if (!typed)
    throw new Error(`pratica ${pratica.uuid}: nessun richiedente a cui intestare il pagamento`)
  return {
    fiscalCode: typed.codiceFiscale.toUpperCase(),
    name: `${typed.nome} ${typed.cognome}`,
    kind: 'person',
    email: typed.email || undefined,
  }
}
