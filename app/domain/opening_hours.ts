/**
 * Weekly opening hours of an office: days are ISO weekdays (1 = lunedì).
 */
export type OpeningSlot = { days: number[]; from: string; to: string }
export type OpeningHours = OpeningSlot[]

const DAY_NAMES = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica']

/**
 * Renders the hours as Italian lines, e.g. "lunedì, mercoledì: 09:00–12:30".
 */
export function describeOpeningHours(hours: OpeningHours): string[] {
  return hours.map((slot) => {
    const days = slot.days.map((day) => DAY_NAMES[day - 1]).join(', ')
    return `${days}: ${slot.from}–${slot.to}`
  })
}
