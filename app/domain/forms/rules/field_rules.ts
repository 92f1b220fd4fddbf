import type { FieldNode, Option } from '../types.js'
import { isEmptyValue } from '../data_paths.js'
import { displayDate, formatNumber, isOption, parseItalianDate } from '../values.js'
import {
  isValidCodiceFiscale,
  isValidPartitaIva,
  normaliseCodiceFiscale,
  normalisePartitaIva,
} from '../checks/fiscal_codes.js'
import { MESSAGES } from './messages.js'

/**
 * The checks of one field's value, first failure wins. `required` applies
 * to an empty value; the others to a filled one. `validate.custom` runs
 * separately (see validate.ts) because it needs the form's data.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
const ITALIAN_DAY = /^\d{2}\/\d{2}\/\d{4}$/

export function isEmptyFor(node: FieldNode, value: unknown) {
  if (node.type === 'checkbox') return value !== true
  if (node.type === 'selectboxes')
    return !value || !Object.values(value as object).some((chosen) => chosen === true)
  return isEmptyValue(value)
}

export function requiredMessage(node: FieldNode) {
  if (node.type === 'checkbox') return MESSAGES.requiredCheckbox
  if (node.type === 'file') return MESSAGES.requiredFile
  return MESSAGES.required
}

/** The first failed rule's message for a filled value, or null. */
export function valueProblem(
  node: FieldNode,
  value: unknown,
  options: Option[] | undefined
): string | null {
  const rules = node.validate
  const text = typeof value === 'string' ? value : ''
  const typeProblem = typeCheck(node, value)
  if (typeProblem) return typeProblem
  if (typeof value === 'string') {
    if (rules.mask && !matchesMask(rules.mask, text)) return MESSAGES.mask(rules.mask)
    if (rules.pattern && !new RegExp(`^(?:${rules.pattern})$`).test(text)) return MESSAGES.pattern
    if (rules.minLength !== undefined && text.length < rules.minLength)
      return MESSAGES.minLength(rules.minLength)
    if (rules.maxLength !== undefined && text.length > rules.maxLength)
      return MESSAGES.maxLength(rules.maxLength)
    const words = text.trim().split(/\s+/).filter(Boolean).length
    if (rules.minWords !== undefined && words < rules.minWords)
      return MESSAGES.minWords(rules.minWords)
    if (rules.maxWords !== undefined && words > rules.maxWords)
      return MESSAGES.maxWords(rules.maxWords)
    if (rules.codiceFiscale && !isValidCodiceFiscale(normaliseCodiceFiscale(text)))
      return MESSAGES.codiceFiscale
    if (rules.partitaIva && !isValidPartitaIva(normalisePartitaIva(text)))
      return MESSAGES.partitaIva
  }
  if (typeof value === 'number') {
    const currency = node.type === 'currency'
    if (rules.min !== undefined && value < rules.min)
      return MESSAGES.min(formatNumber(rules.min, currency))
    if (rules.max !== undefined && value > rules.max)
      return MESSAGES.max(formatNumber(rules.max, currency))
  }
  if (node.type === 'datetime' && typeof value === 'string') {
    if (rules.minDate && value < rules.minDate) return MESSAGES.minDate(displayDate(rules.minDate))
    if (rules.maxDate && value > rules.maxDate) return MESSAGES.maxDate(displayDate(rules.maxDate))
  }
  if (node.type === 'file' && Array.isArray(value) && value.length > 1 && !node.file?.multiple) {
    return MESSAGES.multipleFiles
  }
  if (
    (node.type === 'select' || node.type === 'radio') &&
    options &&
    !options.some((option) => isOption(option, value))
  ) {
    return MESSAGES.option
  }
  return null
}

function typeCheck(node: FieldNode, value: unknown): string | null {
  switch (node.type) {
    case 'email':
      return EMAIL.test(String(value)) ? null : MESSAGES.email
    case 'phoneNumber': {
      const digits = String(value).replace(/\D/g, '').length
      return PHONE_CHARACTERS.test(String(value)) && digits >= 6 && digits <= 15
        ? null
        : MESSAGES.phone
    }
    case 'number':
      return typeof value === 'number' ? null : MESSAGES.number
    case 'currency':
      return typeof value === 'number' && Math.round(value * 100) === value * 100
        ? null
        : MESSAGES.currency
    case 'datetime':
      return ISO_DAY.test(String(value)) && parseItalianDate(String(value)) ? null : MESSAGES.date
    case 'day':
      return ITALIAN_DAY.test(String(value)) && parseItalianDate(String(value))
        ? null
        : MESSAGES.date
  }
  return null
}

/** Form.io input masks: 9 a digit, A a letter, * a letter or digit, anything else itself. */
export function matchesMask(mask: string, text: string) {
  if (text.length !== mask.length) return false
  return [...mask].every((symbol, index) => {
    const char = text[index]
    if (symbol === '9') return /\d/.test(char)
    if (symbol === 'A') return /[A-Za-z]/.test(char)
    if (symbol === '*') return /[A-Za-z0-9]/.test(char)
    return char === symbol
  })
}
