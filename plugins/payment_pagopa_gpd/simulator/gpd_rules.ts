/**
 * What GPD refuses beyond its OpenAPI schema (400 "Dates congruence error",
 * "Amounts congruence error", ...): the checks of DebtPositionValidation in
 * pagopa/pagopa-debt-position, on a body the schema already accepted. Pure.
 */
interface Transfer {
  amount: number
  iban?: string
  postalIban?: string
  stamp?: unknown
}

interface Option {
  iuv: string
  amount: number
  dueDate: string
  retentionDate?: string
  transfer?: Transfer[]
  paymentOptionMetadata?: Array<{ key: string }>
}

export interface PositionBody {
  validityDate?: string
  paymentOption?: Option[]
}

const MAX_TRANSFERS = 5

export function creationProblems(body: PositionBody, now: Date): string[] {
  const problems: string[] = []
  const validity = body.validityDate ? new Date(body.validityDate) : null
  if (validity && validity < now) {
    problems.push('Dates congruence error: validity_date must be >= current_date')
  }
  const options = body.paymentOption ?? []
  if (!options.length) problems.push('a debt position needs at least one payment option')

  for (const option of options) {
    const due = new Date(option.dueDate)
    if (due < (validity ?? now)) {
      problems.push(
        `Dates congruence error: due_date must be >= validity_date (if provided) or due_date must be >= current_date [iuv=${option.iuv}]`
      )
    } else if (option.retentionDate && new Date(option.retentionDate) < due) {
      problems.push(
        `Dates congruence error: retention_date must be >= due_date [iuv=${option.iuv}]`
      )
    }
    const transfers = option.transfer ?? []
    if (transfers.length > MAX_TRANSFERS) {
      problems.push(
        `Number of transfers congruence error: Each payment option must have a maximum of ${MAX_TRANSFERS} transactions [transactions found=${transfers.length}]`
      )
    }
    for (const transfer of transfers) {
      const accounts = [transfer.iban, transfer.postalIban, transfer.stamp].filter(Boolean).length
      if (accounts !== 1) {
        problems.push('Iban, postalIban and Stamp are mutually exclusive. One of them is required.')
      }
    }
    const total = transfers.reduce((sum, transfer) => sum + transfer.amount, 0)
    if (total !== option.amount) {
      problems.push(
        `Amounts congruence error: payment option amount must coincide with the total of the transfers amount [payment_option_amount(in cent)=${option.amount}; total_tranfers_amount(in cent)=${total}]`
      )
    }
    const keys = (option.paymentOptionMetadata ?? []).map((entry) => entry.key)
    if (new Set(keys).size !== keys.length) problems.push('metadata keys must be unique')
  }

  const iuvs = options.map((option) => option.iuv)
  if (new Set(iuvs).size !== iuvs.length) problems.push('the payment options have the same IUV')
  return problems
}
