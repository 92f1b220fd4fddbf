import { DOMParser } from '@xmldom/xmldom'

/**
 * A tiny XML writer for SOAP payloads a connector must write in schema
 * order (the `soap` package may not: it serialises the members of an
 * extended XSD type out of sequence, and WCF services want their members in
 * alphabetical order), and a strict parser for what the remote answers.
 * Validate what you write against the vendor's XSDs in your tests.
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

/** An element whose children are elements already written (empty ones left out). */
export function el(name: string, children: Child[], attrs?: Attributes) {
  return `<${name}${attributes(attrs)}>${children.filter(Boolean).join('')}</${name}>`
}

/** An element holding text (escaped). */
export function leaf(name: string, value: string | number | boolean, attrs?: Attributes) {
  return `<${name}${attributes(attrs)}>${escapeXml(String(value))}</${name}>`
}

/** A text element only when there is a value. */
export function optionalLeaf(name: string, value: string | number | boolean | undefined | null) {
  return value === undefined || value === null || value === '' ? '' : leaf(name, value)
}

/** The root element of a well-formed document; anything else throws a TypeError saying why. */
export function parseXml(xml: string) {
  const errors: string[] = []
  const parser = new DOMParser({
    errorHandler: {
      error: (message) => errors.push(message),
      fatalError: (message) => errors.push(message),
    },
  })
  let document
  try {
    document = parser.parseFromString(xml, 'text/xml')
  } catch (error) {
    // xmldom throws its ParseError on some fatal errors whatever the handler
    errors.push((error as Error).message)
  }
  if (errors.length || !document?.documentElement) {
    throw new TypeError(`not XML: ${errors[0] ?? 'empty document'}`)
  }
  return document.documentElement
}
