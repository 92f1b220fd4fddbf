import {
  CITIZEN_COUNTERS,
  type CitizenCounter,
  type PraticaStatusCode,
} from '#domain/pratica_status'

/**
 * The counters of "Pratiche" (In bozza, Da pagare, Inviate, ...) in the
 * manual's order, each with the slug that names it in the page's address
 * (?stato=in-bozza), and the counting of a citizen's states into them.
 */
export const COUNTER_ORDER: CitizenCounter[] = [
  'In bozza',
  'Da pagare',
  'Inviate',
  'Accettate',
  'Rifiutate',
  'Da integrare',
  'Ritirate',
  'Annullate',
]

export function counterSlug(counter: CitizenCounter) {
  return counter.toLowerCase().replace(/\s+/g, '-')
}

export function counterFromSlug(slug: unknown): CitizenCounter | null {
  return COUNTER_ORDER.find((counter) => counterSlug(counter) === slug) ?? null
}

export function counterStates(counter: CitizenCounter): PraticaStatusCode[] {
  return [...CITIZEN_COUNTERS[counter]]
}

export interface CounterView {
  counter: CitizenCounter
  slug: string
  count: number
}

/**
 * The counters to show from the number of pratiche in each state: those
 * with at least one pratica (as the manual's screens), and the one being
 * filtered by even when it is empty.
 */
export function countersFrom(
  byStatus: Map<number, number>,
  selected: CitizenCounter | null
): CounterView[] {
  return COUNTER_ORDER.map((counter) => ({
    counter,
    slug: counterSlug(counter),
    count: counterStates(counter).reduce((sum, code) => sum + (byStatus.get(code) ?? 0), 0),
  })).filter((view) => view.count > 0 || view.counter === selected)
}
