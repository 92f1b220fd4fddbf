/**
 * A tiny XML writer for IRIS documents. The `soap` package serialises the
 * members of an extended XSD type out of sequence (IRIS's `Pendenza`
 * extends `HeadPendenza`), so the documents are written here in schema
 * order and handed to the SOAP client as raw XML; the tests validate every
 * one with xmllint against IRIS's own XSDs (wsdl/).
 */
type Attributes = Record<string, string | undefined>
type Child = string | false | null | undefined

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

export function escapeXml(value: string) {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character])
}

function attributes(attrs: Attributes = {}) {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value!)}"`)
    .join('')
}

/** An element whose children are elements already written. */
export function el(name: string, children: Child[], attrs?: Attributes) {
  return `<${name}${attributes(attrs)}>${children.filter(Boolean).join('')}</${name}>`
}

/** An element holding text (escaped). */
export function leaf(name: string, value: string | number | boolean, attrs?: Attributes) {
  return `<${name}${attributes(attrs)}>${escapeXml(String(value))}</${name}>`
}

/** A text element only when there is a value. */
export function optionalLeaf(name: string, value: string | number | undefined | null) {
  return value === undefined || value === null || value === '' ? '' : leaf(name, value)
}

/** The values `soap` parses: a repeated element is an array, a single one is not. */
export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}
