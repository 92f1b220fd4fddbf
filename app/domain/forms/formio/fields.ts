import type { FieldNode, FieldType, FieldValidation, ListName, Option } from '../types.js'
import {
  DEFAULT_FILE_TYPES,
  DEFAULT_MAX_SIZE,
  parseSize,
  patternExtensions,
} from '../rules/files.js'
import type { FormioJson } from './library.js'
import type { Importer } from './import.js'

type Where = { path: string; type: string }
type Base = {
  uid: string
  key: string
  type: string
  label: string
  conditional?: FieldNode['conditional']
}

/** OpenCity's codice fiscale block marks the field with this mask; we check the real thing instead. */
const CODICE_FISCALE_MASK = 'AAAAAA99A99A***A'
const LISTS = new Set<ListName>(['province', 'comuni'])

function optionsOf(values: unknown): Option[] {
  if (!Array.isArray(values)) return []
  return values
    .filter((entry) => entry && entry.value !== undefined && entry.value !== '')
    .map((entry) => ({ value: String(entry.value), label: String(entry.label ?? entry.value) }))
}

function numberOr(value: unknown): number | undefined {
  if (value === '' || value === null || value === undefined || value === false) return undefined
  const number = Number(value)
  return Number.isFinite(number) ? number : undefined
}

function isoDay(value: unknown): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(String(value ?? ''))
  return match ? match[1] : undefined
}

function validation(
  importer: Importer,
  component: FormioJson,
  type: FieldType,
  where: Where
): FieldValidation {
  const source = component.validate ?? {}
  const rules: FieldValidation = {
    required: source.required === true || undefined,
    pattern: typeof source.pattern === 'string' && source.pattern ? source.pattern : undefined,
    minLength: numberOr(source.minLength),
    maxLength: numberOr(source.maxLength),
    minWords: numberOr(source.minWords),
    maxWords: numberOr(source.maxWords),
    min: numberOr(source.min),
    max: numberOr(source.max),
    customMessage:
      typeof source.customMessage === 'string' && source.customMessage
        ? source.customMessage
        : undefined,
    codiceFiscale: source.codiceFiscale === true || undefined,
    partitaIva: source.partitaIva === true || undefined,
  }
  if (type === 'datetime') {
    rules.minDate = isoDay(component.datePicker?.minDate ?? component.widget?.minDate)
    rules.maxDate = isoDay(component.datePicker?.maxDate ?? component.widget?.maxDate)
  }
  const mask = typeof component.inputMask === 'string' ? component.inputMask : ''
  if (mask === CODICE_FISCALE_MASK) {
    rules.codiceFiscale = true
  } else if (mask && type !== 'phoneNumber') {
    rules.mask = mask
  } else if (mask) {
    importer.issue('adapted', {
      ...where,
      feature: 'inputMask',
      reason: 'il numero di telefono ha la sua verifica',
    })
  }
  if (source.pattern && rules.pattern) {
    try {
      new RegExp(rules.pattern)
    } catch {
      importer.issue('unsupported', {
        ...where,
        feature: 'validate.pattern',
        reason: 'espressione regolare non valida',
      })
      rules.pattern = undefined
    }
  }
  const custom = String(source.custom ?? '').trim()
  if (custom && importer.code(custom, 'validation', where, 'validate.custom')) rules.custom = custom
  if (source.json && String(source.json).trim()) {
    importer.issue('unsupported', {
      ...where,
      feature: 'validate.json',
      reason: 'validazione JSON logic non supportata',
    })
  }
  return Object.fromEntries(Object.entries(rules).filter(([, value]) => value !== undefined))
}

function selectOptions(importer: Importer, component: FormioJson, node: FieldNode, where: Where) {
  const dataSrc = String(component.dataSrc ?? 'values')
  if (dataSrc === 'values') {
    node.options = optionsOf(component.data?.values)
  } else if (dataSrc === 'list' && LISTS.has(component.data?.list)) {
    node.list = component.data.list
  } else {
    // options the platform must provide (OpenCity loads them with custom code from its API)
    node.source = `${dataSrc}:${node.key}`
    node.objectValue =
      component.dataType === 'object' || (dataSrc === 'custom' && !component.valueProperty)
    importer.issue('adapted', {
      ...where,
      feature: `dataSrc ${dataSrc}`,
      reason: `le opzioni vengono dalla piattaforma (sorgente «${node.source}»), non dal codice del modulo`,
    })
  }
  if (component.multiple) {
    importer.issue('unsupported', {
      ...where,
      feature: 'multiple',
      reason: 'scelta multipla in una select non supportata: scelta singola',
    })
  }
}

export function fieldNode(
  importer: Importer,
  component: FormioJson,
  base: Base,
  where: Where
): FieldNode | null {
  let type = base.type as FieldType | 'sdcfile' | 'password'
  if (type === 'password') {
    importer.issue('unsupported', {
      ...where,
      feature: 'password',
      reason: 'un modulo di servizio non raccoglie password',
    })
    return null
  }
  if (type === 'sdcfile') type = 'file'
  const node: FieldNode = {
    ...base,
    kind: 'field',
    type,
    validate: validation(importer, component, type, where),
  }
  if (component.description) node.description = String(component.description)
  if (component.placeholder) node.placeholder = String(component.placeholder)
  if (
    component.defaultValue !== undefined &&
    component.defaultValue !== '' &&
    component.defaultValue !== null
  ) {
    node.defaultValue = component.defaultValue
  }
  if (component.hidden === true && type !== 'hidden') node.hiddenInput = true
  if (component.disabled === true) node.readOnly = true
  if (type === 'textarea' && component.rows) node.rows = Number(component.rows) || undefined
  const calculate = String(component.calculateValue ?? '').trim()
  if (calculate && importer.code(calculate, 'calculate', where, 'calculateValue'))
    node.calculate = calculate
  if (type === 'select') selectOptions(importer, component, node, where)
  if (type === 'radio' || type === 'selectboxes') node.options = optionsOf(component.values)
  if (type === 'datetime' && component.enableTime) {
    importer.issue('adapted', {
      ...where,
      feature: 'enableTime',
      reason: 'solo la data, senza ora',
    })
  }
  if (type === 'day') {
    importer.issue('adapted', {
      ...where,
      feature: 'day',
      reason: 'una sola casella per la data (gg/mm/aaaa)',
    })
  }
  if (type === 'file') {
    node.file = {
      types: patternExtensions(component.filePattern) ?? DEFAULT_FILE_TYPES,
      maxSize: parseSize(component.fileMaxSize) ?? DEFAULT_MAX_SIZE,
      minSize: parseSize(component.fileMinSize) ?? 0,
      multiple:
        base.type === 'sdcfile' ? component.multiple !== false : component.multiple === true,
    }
  }
  return node
}
