import { DOMParser, XMLSerializer } from '@xmldom/xmldom'

/**
 * Small DOM helpers over @xmldom/xmldom (the parser xml-crypto and
 * node-saml use), strict where SAML needs it.
 */

export class XmlParseError extends Error {}

/** Messages larger than this are refused before parsing (a SAML response is a few KB). */
export const MAX_XML_BYTES = 512 * 1024
/** Metadata may be larger: AgID's aggregated file lists every IdP with several certificates. */
export const MAX_METADATA_BYTES = 16 * 1024 * 1024

/**
 * Parses an XML document, refusing anything a SAML message never carries:
 * a DOCTYPE (entity expansion, XXE), parse errors, empty input, more than
 * `maxBytes`.
 */
export function parseXml(xml: string, maxBytes = MAX_XML_BYTES): Document {
  if (!xml.trim()) throw new XmlParseError('empty document')
  if (Buffer.byteLength(xml) > maxBytes) throw new XmlParseError('document too large')
  if (/<!DOCTYPE/i.test(xml)) throw new XmlParseError('DOCTYPE is not allowed')
  const fail = (message: string) => {
    throw new XmlParseError(message)
  }
  const document = new DOMParser({
    errorHandler: { warning: () => {}, error: fail, fatalError: fail },
  }).parseFromString(xml, 'text/xml')
  if (!document?.documentElement) throw new XmlParseError('no root element')
  return document
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node)
}

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.nodeType === 1
}

/** The element children of `parent`, optionally only `namespace:localName` ones. */
export function childElements(parent: Node, namespace?: string, localName?: string): Element[] {
  const found: Element[] = []
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (!isElement(node)) continue
    if (namespace && node.namespaceURI !== namespace) continue
    if (localName && node.localName !== localName) continue
    found.push(node)
  }
  return found
}

/** The only `namespace:localName` child, null when absent; `'many'` when repeated. */
export function onlyChild(parent: Node, namespace: string, localName: string) {
  const found = childElements(parent, namespace, localName)
  if (found.length > 1) return 'many' as const
  return found[0] ?? null
}

/** Every descendant `namespace:localName` element of `root` (root included). */
export function descendants(root: Node, namespace: string, localName: string): Element[] {
  const found: Element[] = []
  const walk = (node: Node) => {
    if (isElement(node) && node.namespaceURI === namespace && node.localName === localName) {
      found.push(node)
    }
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child)
  }
  walk(root)
  return found
}

/** An attribute's value; null when the attribute is absent ('' when present but empty). */
export function attribute(element: Element, name: string): string | null {
  return element.getAttributeNode(name)?.value ?? null
}

/** An attribute's value, trimmed; null when absent or blank ("non specificato" = "mancante"). */
export function filledAttribute(element: Element, name: string): string | null {
  const value = attribute(element, name)?.trim()
  return value ? value : null
}

/** The element's text, trimmed; null when blank. */
export function filledText(element: Element): string | null {
  const value = element.textContent?.trim()
  return value ? value : null
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

/** Escapes text for element content and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => XML_ESCAPES[char])
}
