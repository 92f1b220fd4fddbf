export { el, leaf, optionalLeaf } from '#extension_points/payment/kit/xml'

/**
 * IRIS documents are written in schema order with the payment kit's XML
 * writer and handed to the SOAP client as raw XML: the `soap` package
 * serialises the members of an extended XSD type out of sequence (IRIS's
 * `Pendenza` extends `HeadPendenza`); the tests validate every one with
 * xmllint against IRIS's own XSDs (wsdl/).
 */
/** The values `soap` parses: a repeated element is an array, a single one is not. */
export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}
