import type { BilancioRow, PaymentItem, StampItem } from '#domain/service_settings'
import { euroInput, parseEuroCents } from '#domain/payments/euro_input'
import { isDatiSpecificiRiscossione } from '#domain/payments/dati_specifici_riscossione'

/**
 * A payment of a service (at request or deferred) and a bollo, as the
 * configuration form posts them, checked into the settings' shapes. Errors
 * are keyed by the field's path within the item ("bilancio.1.importo"),
 * in Italian, for the field they sit next to.
 */
export type FieldErrors = Record<string, string>

export interface BilancioInput {
  id?: string
  codCapitolo?: string
  codUfficio?: string
  codAccertamento?: string
  importo?: string
}

export interface PaymentItemInput {
  causale?: string
  importo?: string
  amountField?: string
  datiSpecificiRiscossione?: string
  taxonomyCode?: string
  bilancio?: BilancioInput[]
}

export interface PaymentItemRules {
  /** deferred payments may be 0 (exempt); at request a payment is > 0 */
  allowZero: boolean
  /** keys of the service form's fields that can hold a calculated amount */
  formFields: string[]
  /** codes of the pagoPA taxonomy (Categoria) */
  isTaxonomyCode: (code: string) => boolean
}

export const CAUSALE_MAX = 140
const AMOUNT_EXAMPLE = 'scrivi un importo in euro, ad esempio 16,00'

function text(value: unknown) {
  return String(value ?? '').trim()
}

/** A causale is required and fits pagoPA's 140 characters. */
function checkCausale(value: unknown, of: string, errors: FieldErrors) {
  const causale = text(value)
  if (!causale) errors.causale = `Scrivi la causale ${of}.`
  else if (causale.length > CAUSALE_MAX)
    errors.causale = `La causale può avere al massimo ${CAUSALE_MAX} caratteri.`
  return causale
}

export function checkPaymentItem(
  input: PaymentItemInput,
  rules: PaymentItemRules
): { item: PaymentItem; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const causale = checkCausale(input.causale, 'del pagamento', errors)

  const amountField = text(input.amountField)
  const amountCents = parseEuroCents(input.importo)
  if (amountCents === undefined) errors.importo = `Importo non valido: ${AMOUNT_EXAMPLE}.`
  else if (amountCents !== null && amountField)
    errors.importo =
      'Indica un importo fisso oppure il campo del modulo che lo calcola, non entrambi.'
  else if (amountCents === null && !amountField)
    errors.importo = "Indica l'importo, oppure il campo del modulo che lo calcola."
  else if (amountCents === 0 && !rules.allowZero)
    errors.importo = "L'importo di un pagamento in fase di richiesta deve essere maggiore di zero."
  if (amountField && !rules.formFields.includes(amountField))
    errors.amountField = 'Scegli un campo del modulo del servizio.'

  const datiSpecificiRiscossione = text(input.datiSpecificiRiscossione)
  if (!datiSpecificiRiscossione)
    errors.datiSpecificiRiscossione = 'Indica i dati specifici riscossione.'
  else if (!isDatiSpecificiRiscossione(datiSpecificiRiscossione))
    errors.datiSpecificiRiscossione =
      'Formato non valido: TIPO_CONTABILITA (0, 1, 2 o 9), una barra e il codice, ad esempio 9/0301123AP/.'

  const taxonomyCode = text(input.taxonomyCode)
  if (!taxonomyCode) errors.taxonomyCode = 'Scegli la categoria dalla tassonomia pagoPA.'
  else if (!rules.isTaxonomyCode(taxonomyCode))
    errors.taxonomyCode = 'Categoria sconosciuta: scegli una voce della tassonomia pagoPA.'

  const bilancio = checkBilancio(input.bilancio ?? [], amountField ? null : amountCents, errors)

  return {
    item: {
      causale,
      amountCents: amountField ? null : (amountCents ?? null),
      ...(amountField ? { amountField } : {}),
      bilancio,
      taxonomyCode,
      datiSpecificiRiscossione,
    },
    errors,
  }
}

/**
 * Bilancio rows: ID and Capitolo required, IDs unique, and the rows' amounts
 * add up to the payment's (`total`). A calculated amount (`total` null) is
 * known only per pratica: then one row at most, with no amount of its own,
 * which takes the whole amount (see `bilancioFor`).
 */
function checkBilancio(
  rows: BilancioInput[],
  total: number | null | undefined,
  errors: FieldErrors
) {
  const checked: BilancioRow[] = []
  const seen = new Set<string>()
  let sum = 0
  let amountsValid = true
  rows.forEach((row, index) => {
    const at = `bilancio.${index}`
    const id = text(row.id)
    const codCapitolo = text(row.codCapitolo)
    if (!id) errors[`${at}.id`] = "Indica l'ID della voce di bilancio."
    else if (seen.has(id)) errors[`${at}.id`] = 'Questo ID è già usato da un’altra voce.'
    seen.add(id)
    if (!codCapitolo) errors[`${at}.codCapitolo`] = 'Indica il capitolo di bilancio.'
    const cents = parseEuroCents(row.importo)
    if (total === null) {
      if (cents !== null) {
        errors[`${at}.importo`] =
          "Con l'importo calcolato dal modulo lascia vuoto: la voce prende l'intero importo."
        amountsValid = false
      }
    } else if (cents === null || cents === undefined || cents <= 0) {
      errors[`${at}.importo`] =
        cents === null ? "Indica l'importo della voce." : `Importo non valido: ${AMOUNT_EXAMPLE}.`
      amountsValid = false
    } else sum += cents
    checked.push({
      id,
      codCapitolo,
      ...(text(row.codUfficio) ? { codUfficio: text(row.codUfficio) } : {}),
      ...(text(row.codAccertamento) ? { codAccertamento: text(row.codAccertamento) } : {}),
      importoCents: cents ?? 0,
    })
  })
  if (total === null && rows.length > 1)
    errors.bilancio = "Con l'importo calcolato dal modulo indica al massimo una voce di bilancio."
  else if (typeof total === 'number' && rows.length > 0 && amountsValid && sum !== total)
    errors.bilancio = `La somma degli importi delle voci (${euroInput(sum)} €) deve essere uguale all'importo totale (${euroInput(total)} €).`
  return checked
}

/**
 * The bilancio of one position of `totalCents`: the rows as configured, or
 * the single row of a calculated amount taking the whole amount.
 */
export function bilancioFor(item: PaymentItem, totalCents: number): BilancioRow[] {
  if (item.amountCents === null && item.bilancio.length === 1) {
    return [{ ...item.bilancio[0], importoCents: totalCents }]
  }
  return item.bilancio
}

/** The form's values of a configured payment (to edit it). */
export function paymentItemInput(item: PaymentItem): PaymentItemInput {
  return {
    causale: item.causale,
    importo: euroInput(item.amountCents),
    amountField: item.amountField ?? '',
    datiSpecificiRiscossione: item.datiSpecificiRiscossione ?? '',
    taxonomyCode: item.taxonomyCode ?? '',
    bilancio: item.bilancio.map((row) => ({
      id: row.id,
      codCapitolo: row.codCapitolo,
      codUfficio: row.codUfficio ?? '',
      codAccertamento: row.codAccertamento ?? '',
      importo: item.amountCents === null ? '' : euroInput(row.importoCents),
    })),
  }
}

export interface StampItemInput {
  causale?: string
  importo?: string
}

/** A bollo asked at request: causale and a positive amount (a marca is 16,00 € usually). */
export function checkStampItem(input: StampItemInput): { item: StampItem; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const causale = checkCausale(input.causale, 'del bollo', errors)
  const amountCents = parseEuroCents(input.importo)
  if (amountCents === null) errors.importo = "Indica l'importo del bollo, ad esempio 16,00."
  else if (amountCents === undefined || amountCents <= 0)
    errors.importo = `Importo non valido: ${AMOUNT_EXAMPLE}.`
  return { item: { causale, amountCents: amountCents ?? 0 }, errors }
}
