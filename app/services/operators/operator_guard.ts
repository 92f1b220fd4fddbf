import type User from '#models/user'
import NotFoundException from '#exceptions/not_found_exception'
import { operatorActionRefusal, type OperatorAction } from '#domain/operator_rules'

/** An action the actor may not take on this operator now, with the reason to show. */
export class OperatorActionRefused extends Error {}

/**
 * Applies app/domain/operator_rules.ts: 404 for a target outside what the
 * actor manages, OperatorActionRefused for a refusal to explain.
 */
export function checkOperatorAction(
  actor: User,
  target: User,
  action: OperatorAction,
  praticheInCharge = 0
) {
  const refusal = operatorActionRefusal(actor, target, action, praticheInCharge)
  if (refusal?.kind === 'not_found') throw new NotFoundException()
  if (refusal?.kind === 'refused') throw new OperatorActionRefused(refusal.message)
}
