import { DOMParser } from '@xmldom/xmldom'

/**
 * A small XML writer and a namespace-blind reader for Plug&Pay's SOAP
 * messages. Plug&Pay's services are WCF: every data member is an element in
 * its data contract's namespace, in alphabetical order, so the documents are
 * written here in that order and read by local name.
 */
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

/** An element whose children are already written. */
export function el(name: string, content: Child[], attrs: Record<string, string> = {}) {
  const attributes = Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('')
  return `<${name}${attributes}>${content.filter(Boolean).join('')}</${name}>`
}

/** A text element. */
export function leaf(name: string, value: string | number | boolean) {
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** A text element only when there is a value. */
export function optionalLeaf(name: string, value: string | number | boolean | undefined | null) {
  return value === undefined || value === null || value === '' ? '' : leaf(name, value)
}

export type XmlElement = {
  localName: string
  textContent: string | null
  childNodes: ArrayLike<any>
  getAttributeNS(ns: string, name: string): string | null
}

export function parseXml(xml: string): XmlElement {
  const errors: string[] = []
  const document = new DOMParser({
    errorHandler: {
      error: (message) => errors.push(message),
      fatalError: (message) => errors.push(message),
    },
  }).parseFromString(xml, 'text/xml')
  if (errors.length || !document.documentElement) {
    throw new TypeError(`not XML: ${errors[0] ?? 'empty document'}`)
  }
  return document.documentElement as unknown as XmlElement
}

export function children(parent: XmlElement | undefined, localName?: string): XmlElement[] {
  if (!parent) return []
  return Array.from(parent.childNodes).filter(
    (node: any) => node.nodeType === 1 && (!localName || node.localName === localName)
  )
}

export function child(parent: XmlElement | undefined, localName: string) {
  return children(parent, localName)[0]
}

/** The text of a child element; undefined when absent or xsi:nil. */
export function text(parent: XmlElement | undefined, localName: string) {
  const found = child(parent, localName)
  if (!found || isNil(found)) return undefined
  return found.textContent ?? ''
}

export function isNil(element: XmlElement) {
  return element.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'nil') === 'true'
}
