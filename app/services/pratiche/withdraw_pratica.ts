import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Citizen from '#models/citizen'
import Pratica from '#models/pratica'
import Service from '#models/service'
import PraticaStatusChange from '#models/pratica_status_change'
import { PraticaStatus } from '#domain/pratica_status'
import { normaliseCodiceFiscale } from '#domain/codice_fiscale'
import { WITHDRAWAL_REFUSALS, withdrawalRefusal, type WithdrawalRefusal } from '#domain/withdrawal'
import { changeStatus } from '#services/pratiche/change_status'
import { hasPositions } from '#services/payments/positions'
import { hasStamps } from '#services/payments/stamps'

/**
 * "Ritira pratica": the manual's five rules (app/domain/withdrawal.ts)
 * fed with the pratica's facts. The pratica page shows the button only
 * when `withdrawalRefusalFor` answers null; the POST asks again on the
 * locked row and withdraws (Ritirata, 20000) with the citizen as author.
 */
const PAYMENT_STATES = [
  PraticaStatus.PAYMENT_PENDING,
  PraticaStatus.PAYMENT_OUTCOME_PENDING,
  PraticaStatus.PAYMENT_SUCCESS,
  PraticaStatus.PAYMENT_ERROR,
]

/**
 * Whether a payment exists for the pratica (rule 2): a payment state in
 * its iter, or any payment position asked for it (whatever its state).
 * or any bollo (marca da bollo) asked for it.
 */
export async function praticaHasPayment(pratica: Pratica, client?: TransactionClientContract) {
  const step = await PraticaStatusChange.query({ client })
    .where('pratica_id', pratica.id)
    .whereIn('to_status', PAYMENT_STATES)
    .first()
  return (
    step !== null ||
    (await hasPositions(pratica.id, client)) ||
    (await hasStamps(pratica.id, client))
  )
}

/**
 * The citizen is the pratica's applicant (rule 3): the pratica is theirs,
 * and the Richiedente it names (when the form has one) is them, not a
 * person they filled it in for.
 */
export function isApplicant(pratica: Pratica, citizen: Citizen | null) {
  if (!citizen || citizen.id !== pratica.citizenId) return false
  const named = (pratica.data?.applicant as { fiscal_code?: { fiscal_code?: unknown } } | undefined)
    ?.fiscal_code?.fiscal_code
  return (
    typeof named !== 'string' ||
    named.trim() === '' ||
    normaliseCodiceFiscale(named) === normaliseCodiceFiscale(citizen.fiscalCode)
  )
}

export async function withdrawalRefusalFor(
  pratica: Pratica,
  service: Service,
  citizen: Citizen | null,
  client?: TransactionClientContract
): Promise<WithdrawalRefusal | null> {
  return withdrawalRefusal({
    status: pratica.status,
    service,
    hasPayment: await praticaHasPayment(pratica, client),
    isApplicant: isApplicant(pratica, citizen),
  })
}

export class WithdrawalRefusedError extends Error {
  constructor(readonly reason: WithdrawalRefusal) {
    super(WITHDRAWAL_REFUSALS[reason])
  }
}

export async function withdrawPratica(praticaId: number, citizen: Citizen | null) {
  return db.transaction(async (trx) => {
    const pratica = await Pratica.query({ client: trx })
      .where('id', praticaId)
      .forUpdate()
      .firstOrFail()
    const service = await Service.query({ client: trx })
      .where('id', pratica.serviceId)
      .firstOrFail()
    const refusal = await withdrawalRefusalFor(pratica, service, citizen, trx)
    if (refusal) throw new WithdrawalRefusedError(refusal)
    return changeStatus(trx, pratica.id, PraticaStatus.WITHDRAWN, {
      actor: { type: 'citizen', id: citizen?.id, name: citizen?.fullName },
      expectedFrom: [pratica.status],
    })
  })
}
