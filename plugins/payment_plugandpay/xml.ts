import { parseXml as parseDocument } from '#extension_points/payment/kit/xml'

/**
 * The payment kit's XML writer and a namespace-blind reader for Plug&Pay's SOAP
 * messages. Plug&Pay's services are WCF: every data member is an element in
 * its data contract's namespace, in alphabetical order, so the documents are
 * written here in that order and read by local name.
 */
export { el, leaf, optionalLeaf } from '#extension_points/payment/kit/xml'

export type XmlElement = {
  localName: string
  textContent: string | null
  childNodes: ArrayLike<any>
  getAttributeNS(ns: string, name: string): string | null
}

export function parseXml(xml: string) {
  return parseDocument(xml) as unknown as XmlElement
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
