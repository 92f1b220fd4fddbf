import type { DateTime } from 'luxon'

/**
 * CSV files as DESIGN.md fixes them for every export: `;` between fields,
 * UTF-8 with a BOM (so that Excel reads the accents), CRLF line ends,
 * dates `dd/mm/yyyy HH:mm` in Europe/Rome and, at the end, the summary
 * rows (Somma, Media, Conta) of the columns that ask for them.
 *
 * Numbers are written the Italian way, with a decimal comma and no
 * thousands separator: the `;` separator exists for spreadsheets set to
 * Italian, which read "1234,5" as a number and "1.234,5" as text.
 * Text that a spreadsheet would run as a formula (starting with = + - @,
 * a tab or a carriage return) gets a leading apostrophe (OWASP's advice on
 * CSV injection): what citizens type is never executed by whoever opens
 * the file.
 */
export const CSV_BOM = '\uFEFF'
export const CSV_SEPARATOR = ';'
export const CSV_NEWLINE = '\r\n'
const CSV_ZONE = 'Europe/Rome'

export type CsvValue = string | number | DateTime | null | undefined

export type SummaryKind = 'sum' | 'mean' | 'count'

export const SUMMARY_LABELS: Record<SummaryKind, string> = {
  sum: 'Somma',
  mean: 'Media',
  count: 'Conta',
}

/** A column: its header and the value of a row; summaries ask for the rows at the end. */
export interface CsvColumn<Row> {
  header: string
  value: (row: Row) => CsvValue
  /**
   * The value the summaries read, when it is not the cell itself (a
   * form field shown as text but summed as a number).
   */
  raw?: (row: Row) => unknown
  summaries?: SummaryKind[]
}

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[";\r\n]/

/** One field, quoted when it holds the separator, a quote or a line break. */
export function csvField(value: CsvValue): string {
  const text = fieldText(value)
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function fieldText(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return csvNumber(value)
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value
  return csvDate(value)
}

export function csvLine(values: CsvValue[]): string {
  return values.map(csvField).join(CSV_SEPARATOR) + CSV_NEWLINE
}

/** 1234.5 → "1234,5"; float noise (0.1 + 0.2) rounded away at six decimals. */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return ''
  const rounded = Math.round(value * 1e6) / 1e6
  return String(Object.is(rounded, -0) ? 0 : rounded).replace('.', ',')
}

export function csvDate(value: DateTime): string {
  return value.setZone(CSV_ZONE).toFormat('dd/MM/yyyy HH:mm')
}

/**
 * What "Conta" counts: values somebody gave. Missing, empty text, an
 * unticked checkbox and empty lists are not counted.
 */
export function isCountable(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  return true
}

/** What "Somma" and "Media" add up: numbers only (text is not guessed at). */
export function summableNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/**
 * Writes a CSV in pieces: `start()` (BOM and header), `rows(batch)` for
 * each batch read, `end()` (the summary rows). Only the running totals of
 * the summaries are kept, so memory does not grow with the rows.
 */
export class CsvWriter<Row> {
  #totals: Array<{ sum: number; numbers: number; count: number }>

  constructor(private columns: CsvColumn<Row>[]) {
    this.#totals = columns.map(() => ({ sum: 0, numbers: 0, count: 0 }))
  }

  start(): string {
    return CSV_BOM + csvLine(this.columns.map((column) => column.header))
  }

  rows(batch: Iterable<Row>): string {
    let text = ''
    for (const row of batch) {
      const cells = this.columns.map((column, index) => {
        const cell = column.value(row)
        if (column.summaries?.length) this.#add(index, column.raw ? column.raw(row) : cell)
        return cell
      })
      text += csvLine(cells)
    }
    return text
  }

  /** The rows Somma, Media, Conta that some column asked for, the label in the first field. */
  end(): string {
    return (['sum', 'mean', 'count'] as const)
      .filter((kind) => this.columns.some((column) => column.summaries?.includes(kind)))
      .map((kind) =>
        csvLine(
          this.columns.map((column, index) => {
            const value = column.summaries?.includes(kind)
              ? summaryValue(this.#totals[index], kind)
              : null
            return index === 0 ? joinLabel(kind, value) : value
          })
        )
      )
      .join('')
  }

  #add(index: number, value: unknown) {
    const totals = this.#totals[index]
    const number = summableNumber(value)
    if (number !== null) {
      totals.sum += number
      totals.numbers++
    }
    if (isCountable(value)) totals.count++
  }
}

export function summaryValue(
  totals: { sum: number; numbers: number; count: number },
  kind: SummaryKind
): number | null {
  if (kind === 'count') return totals.count
  if (kind === 'sum') return totals.sum
  return totals.numbers ? totals.sum / totals.numbers : null
}

/** The first column carries the row's label, and its own summary after it. */
function joinLabel(kind: SummaryKind, value: number | null): string {
  return value === null ? SUMMARY_LABELS[kind] : `${SUMMARY_LABELS[kind]}: ${csvNumber(value)}`
}
