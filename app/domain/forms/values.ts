import type { FieldNode, Option } from './types.js'
import { validDay } from './expression/moment_lite.js'

/**
 * Typed values from what people type: Italian numbers ("1.234,50") and
 * dates ("20/02/1980"). What cannot be read stays the typed text, so the
 * form shows it again with an error instead of losing it.
 */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '')
  if (!trimmed) return null
  const normalised = trimmed.includes(',') ? trimmed.replace(/\./g, '').replace(',', '.') : trimmed
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : null
}

/** "20/02/1980", "20-2-1980" or "1980-02-20" → { year, month, date }; null when not a real day. */
export function parseItalianDate(text: string) {
  const trimmed = text.trim()
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed)
  let parts = match ? { date: +match[1], month: +match[2], year: +match[3] } : null
  if (!parts) {
    match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed)
    parts = match ? { year: +match[1], month: +match[2], date: +match[3] } : null
  }
  return parts && validDay(parts.year, parts.month, parts.date) ? parts : null
}

const pad = (value: number, size = 2) => String(value).padStart(size, '0')

export function isoDate(day: { year: number; month: number; date: number }) {
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.date)}`
}

export function italianDate(day: { year: number; month: number; date: number }) {
  return `${pad(day.date)}/${pad(day.month)}/${pad(day.year, 4)}`
}

/** Stored date of a `datetime` field (YYYY-MM-DD) shown as dd/mm/yyyy; anything else as it is. */
export function displayDate(value: unknown) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''))
  return match ? `${match[3]}/${match[2]}/${match[1]}` : String(value ?? '')
}

export function formatNumber(value: unknown, currency = false) {
  if (typeof value !== 'number') return String(value ?? '')
  return value.toLocaleString(
    'it-IT',
    currency ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : {}
  )
}

/** The value of a select, radio or object select that an option stands for. */
export function optionValue(node: FieldNode, option: Option): unknown {
  return node.objectValue ? (option.data ?? { id: option.value, name: option.label }) : option.value
}

/** Which option a stored value is (objects are matched on id/value). */
export function optionKey(value: unknown): string {
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    return String(record.id ?? record.value ?? '')
  }
  return String(value ?? '')
}

/** Whether a stored value is this option: by value, or (objects) by id or as the same object. */
export function isOption(option: Option, value: unknown) {
  if (optionKey(value) === option.value) return true
  return (
    !!option.data &&
    !!value &&
    typeof value === 'object' &&
    JSON.stringify(option.data) === JSON.stringify(value)
  )
}
