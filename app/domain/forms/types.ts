/**
 * The form model the engine works on: what a Form.io definition becomes
 * once imported (see formio/import.ts). Plain JSON, so the very same
 * definition is embedded in the page for the browser.
 *
 * Data is nested by the keys of the data-bearing nodes: a nested form
 * (`form`) or `container` adds a level, a data grid an array of rows, an
 * address `{ mode, address: {...} }`; panels, fieldsets and columns add
 * nothing. So the OpenCity blocks give `applicant.completename.name`.
 */

export type FieldType =
  | 'textfield'
  | 'textarea'
  | 'email'
  | 'phoneNumber'
  | 'number'
  | 'currency'
  | 'datetime'
  | 'day'
  | 'select'
  | 'radio'
  | 'selectboxes'
  | 'checkbox'
  | 'file'
  | 'hidden'

/** `data`: what a select storing objects keeps (e.g. { id, name, calendar_id }) */
export type Option = { value: string; label: string; data?: Record<string, unknown> }

/** Named option lists shipped with the engine (see lists/). */
export type ListName = 'province' | 'comuni'

/** When a node is shown. `when` is a data key or dotted path, looked up row → nested form → root. */
export type Condition =
  | { kind: 'simple'; show: boolean; when: string; eq: string }
  | { kind: 'json'; logic: unknown }
  | { kind: 'code'; code: string }

export interface FieldValidation {
  required?: boolean
  pattern?: string
  minLength?: number
  maxLength?: number
  minWords?: number
  maxWords?: number
  min?: number
  max?: number
  /** ISO dates (YYYY-MM-DD) bounding a date */
  minDate?: string
  maxDate?: string
  /** Form.io input mask: 9 digit, A letter, * letter or digit */
  mask?: string
  codiceFiscale?: boolean
  partitaIva?: boolean
  /** Form.io `validate.custom`: code setting `valid` to true, false or a message */
  custom?: string
  /** replaces the message of any failed rule but `required` */
  customMessage?: string
}

export interface FileRules {
  /** allowed extensions, lower case without dot */
  types: string[]
  maxSize: number
  minSize: number
  multiple: boolean
}

interface NodeBase {
  /** unique within the definition: DOM ids and visibility are keyed on it */
  uid: string
  key: string
  /** the Form.io type it came from */
  type: string
  label: string
  conditional?: Condition
}

export interface FieldNode extends NodeBase {
  kind: 'field'
  type: FieldType
  description?: string
  placeholder?: string
  defaultValue?: unknown
  /** Form.io `calculateValue` code */
  calculate?: string
  validate: FieldValidation
  options?: Option[]
  list?: ListName
  /** options that come from the platform at render time (Form.io `dataSrc: custom/url`) */
  source?: string
  /** the value is an option object ({ id, name... }) rather than its value (Form.io dataType object) */
  objectValue?: boolean
  file?: FileRules
  rows?: number
  /** Form.io `hidden: true`: kept as a hidden input */
  hiddenInput?: boolean
  /** Form.io `disabled`: shown, not editable (typically a computed value) */
  readOnly?: boolean
}

export interface LayoutNode extends NodeBase {
  kind: 'layout'
  layout: 'panel' | 'fieldset' | 'columns' | 'column' | 'well'
  title?: string
  /** bootstrap grid width of a column (1-12) */
  width?: number
  children: FormNode[]
}

/** Adds a level to the data: a nested form (`form`, Form.io shape `{ data: {...} }`) or a `container`. */
export interface NestedNode extends NodeBase {
  kind: 'nested'
  /** a nested form: its code sees its own data as `data` */
  isForm: boolean
  title?: string
  children: FormNode[]
}

export interface GridNode extends NodeBase {
  kind: 'grid'
  addLabel: string
  minRows: number
  maxRows?: number
  children: FormNode[]
}

/** Form.io address in manual mode: `{ mode: 'manual', address: { address1, ... } }`. */
export interface AddressNode extends NodeBase {
  kind: 'address'
  description?: string
  required: boolean
  children: FieldNode[]
}

export interface ContentNode extends NodeBase {
  kind: 'content'
  /** trusted HTML written by the ente's form authors (Form.io content/htmlelement) */
  html: string
}

export type FormNode = FieldNode | LayoutNode | NestedNode | GridNode | AddressNode | ContentNode
export type ContainerNode = LayoutNode | NestedNode | GridNode

export interface FormDefinition {
  title: string
  /** top-level panels are the steps of a wizard */
  wizard: boolean
  children: FormNode[]
}

/** Something of the Form.io JSON the engine does not do, by key and type path. */
export interface ImportIssue {
  /** data path of the component, e.g. applicant.phone_number */
  path: string
  /** type path, e.g. form/phoneNumber */
  type: string
  /** what is not supported (a component type, a property) */
  feature: string
  reason: string
}

export interface ImportReport {
  unsupported: ImportIssue[]
  /** supported in an adapted way (e.g. an address always in manual mode) */
  adapted: ImportIssue[]
}

/** An upload as a file field holds it. */
export interface FileRef {
  id: string
  name: string
  size: number
  type: string
}

export type FormValues = Record<string, unknown>
