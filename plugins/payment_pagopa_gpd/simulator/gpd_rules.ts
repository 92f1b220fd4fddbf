/**
 * What GPD refuses beyond its OpenAPI schema (400 "Dates congruence error",
 * "Amounts congruence error", ...): the checks of DebtPositionValidation in
 * pagopa/pagopa-debt-position, on a body the schema already accepted. Pure.
 */
interface Transfer {
  amount: number
  iban?: string
  postalIban?: string
  stamp?: { hashDocument?: string; stampType?: string; provincialResidence?: string }
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

/**
 * The Stamp's bean validation (model/pd/Stamp.java): hashDocument not blank
 * and at most 64 characters, stampType two characters, provincialResidence
 * matching [A-Z]{2} as a whole (Java's @Pattern; the OpenAPI's unanchored
 * pattern lets "PIS" through). Stricter than GPD: stampType must be "01", the
 * only tipoBollo the Nodo's paGetPaymentV2 carries (stTipoBolloDigitale), so
 * a stamp pagoPA could never sell is refused here instead of at payment.
 */
function stampProblems(stamp: NonNullable<Transfer['stamp']>, iuv: string): string[] {
  const problems: string[] = []
  const hash = stamp.hashDocument?.trim() ?? ''
  if (!hash || hash.length > 64) {
    problems.push(
      `stamp.hashDocument must not be blank, size must be between 0 and 64 [iuv=${iuv}]`
    )
  }
  if (stamp.stampType !== '01') problems.push(`stamp.stampType must be 01 [iuv=${iuv}]`)
  if (!/^[A-Z]{2}$/.test(stamp.provincialResidence ?? '')) {
    problems.push(`stamp.provincialResidence must match "[A-Z]{2}" [iuv=${iuv}]`)
  }
  return problems
}

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
      if (transfer.stamp) problems.push(...stampProblems(transfer.stamp, option.iuv))
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
