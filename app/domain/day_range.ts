import { isIsoDay, type IsoDay } from '#domain/periods'

/**
 * "Data di inizio" and "Data di fine" of a filter, as typed (YYYY-MM-DD
 * from a date input, or empty): each checked, then their order. A day
 * that is wrong, or a range that runs backwards, is reported next to its
 * field and not used.
 */
export interface DayRange {
  from: IsoDay | null
  to: IsoDay | null
  errors: { dal?: string; al?: string }
}

export const DAY_MESSAGES = {
  invalid: (example: string) => `Inserisci una data valida, ad esempio ${example}.`,
  backwards: 'La data di fine deve essere uguale o successiva a quella di inizio.',
}

export function checkDayRange(dal: string, al: string): DayRange {
  const errors: DayRange['errors'] = {}
  if (dal && !isIsoDay(dal)) errors.dal = DAY_MESSAGES.invalid('16/01/2025')
  if (al && !isIsoDay(al)) errors.al = DAY_MESSAGES.invalid('26/01/2025')
  const from = dal && !errors.dal ? dal : null
  const to = al && !errors.al ? al : null
  if (from && to && from > to) {
    return { from: null, to: null, errors: { al: DAY_MESSAGES.backwards } }
  }
  return { from, to, errors }
}
