import { DOMParser } from '@xmldom/xmldom'
import { DateTime } from 'luxon'

/**
 * Reads a pagoPA receipt (ricevuta telematica, ctReceiptV2 of
 * wsdl/xsd/paForNode.xsd) from the two places it reaches the platform:
 * - GPD payments-receipts-service `GET /payments/{cf}/receipts/{iuv}`, which
 *   answers the paSendRTV2 request GPD received, as XML;
 * - a paSendRTV2 SOAP request the Nodo sends to the ente's own station.
 * Elements are matched by local name, as the request's children are
 * unqualified and the wrapper's prefix varies. A transfer that bought a
 * marca da bollo digitale carries it as MBDAttachment: the base64 of the
 * Agenzia delle Entrate's `marcaDaBollo` document (xsd-common/MarcaDaBollo.xsd),
 * read here for its IUBD, purchase time and the stamped document's digest.
 */
export class ReceiptXmlError extends Error {}

export interface ParsedReceipt {
  idPA: string
  idBrokerPA: string | null
  idStation: string | null
  receiptId: string
  noticeNumber: string
  /** the creditor's fiscal code */
  fiscalCode: string
  outcome: 'OK' | 'KO'
  /** the IUV */
  creditorReferenceId: string
  amountCents: number
  description: string
  debtorFiscalCode: string
  pspCompanyName: string
  paymentDateTime: Date | null
  /** the marca da bollo digitale the payment bought, if any */
  stamp: MarcaDaBollo | null
}

export interface MarcaDaBollo {
  /** identificativo univoco del bollo digitale */
  iubd: string
  /** ImprontaDocumento: base64 SHA-256 of the stamped document */
  documentHash: string
  /** OraAcquisto */
  issuedAt: Date
}

export const MARCA_DA_BOLLO_NS = 'http://www.agenziaentrate.gov.it/2014/MarcaDaBollo'
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#'

const MAX_BYTES = 256 * 1024

function parse(xml: string) {
  if (!xml.trim()) throw new ReceiptXmlError('empty document')
  if (Buffer.byteLength(xml) > MAX_BYTES) throw new ReceiptXmlError('document too large')
  // a receipt never carries a DOCTYPE: refusing it rules out entity expansion
  if (/<!DOCTYPE/i.test(xml)) throw new ReceiptXmlError('DOCTYPE is not allowed')
  const fail = (message: string) => {
    throw new ReceiptXmlError(message)
  }
  const document = new DOMParser({
    errorHandler: { warning: () => {}, error: fail, fatalError: fail },
  }).parseFromString(xml, 'text/xml')
  if (!document?.documentElement) throw new ReceiptXmlError('no root element')
  return document
}

function find(root: Element, localName: string): Element | null {
  const found = root.getElementsByTagNameNS('*', localName)
  return found.length ? found[0] : null
}

function child(parent: Element, localName: string): Element | null {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) return node as Element
  }
  return null
}

function text(parent: Element, localName: string) {
  return child(parent, localName)?.textContent?.trim() ?? null
}

function required(parent: Element, localName: string) {
  const value = text(parent, localName)
  if (!value) throw new ReceiptXmlError(`${localName} is missing`)
  return value
}

/** "15.50" (stAmount: digits, a dot, two decimals) → 1550. */
export function amountToCents(amount: string) {
  const match = /^(\d+)\.(\d{2})$/.exec(amount)
  if (!match) throw new ReceiptXmlError(`invalid amount "${amount}"`)
  return Number(match[1]) * 100 + Number(match[2])
}

/** xs:dateTime may come without an offset: then it is Italian local time. */
function dateTime(value: string) {
  const parsed = DateTime.fromISO(value, { zone: 'Europe/Rome' })
  if (!parsed.isValid) throw new ReceiptXmlError(`invalid date "${value}"`)
  return parsed.toJSDate()
}

/** A child in the given namespace: the MBD's elements are qualified, the receipt's are not. */
function qualifiedChild(parent: Element, namespace: string, localName: string) {
  const found = child(parent, localName)
  return found?.namespaceURI === namespace ? found : null
}

/** Reads the marca da bollo document an MBDAttachment carries (base64). */
export function parseMarcaDaBollo(attachment: string): MarcaDaBollo {
  const root = parse(Buffer.from(attachment, 'base64').toString('utf8')).documentElement!
  if (root.localName !== 'marcaDaBollo' || root.namespaceURI !== MARCA_DA_BOLLO_NS) {
    throw new ReceiptXmlError('MBDAttachment is not a marcaDaBollo')
  }
  const value = (parent: Element | null, namespace: string, localName: string) => {
    const found = parent && qualifiedChild(parent, namespace, localName)?.textContent?.trim()
    if (!found) throw new ReceiptXmlError(`marcaDaBollo: ${localName} is missing`)
    return found
  }
  // the stamped document's digest, not the signature's own DigestValue
  const imprint = qualifiedChild(root, MARCA_DA_BOLLO_NS, 'ImprontaDocumento')
  return {
    iubd: value(root, MARCA_DA_BOLLO_NS, 'IUBD'),
    documentHash: value(imprint, XMLDSIG_NS, 'DigestValue'),
    issuedAt: dateTime(value(root, MARCA_DA_BOLLO_NS, 'OraAcquisto')),
  }
}

function stampOf(receipt: Element): MarcaDaBollo | null {
  const transfers = child(receipt, 'transferList')
  for (let node = transfers?.firstChild; node; node = node.nextSibling) {
    const attachment = node.nodeType === 1 && text(node as Element, 'MBDAttachment')
    if (attachment) return parseMarcaDaBollo(attachment)
  }
  return null
}

/** Reads the paSendRTV2 request in a receipt document or a SOAP envelope. */
export function parseReceipt(xml: string): ParsedReceipt {
  const root = parse(xml).documentElement!
  const request = find(root, 'paSendRTV2Request') ?? find(root, 'PaSendRTV2Request') ?? root
  const receipt = child(request, 'receipt')
  if (!receipt) throw new ReceiptXmlError('receipt is missing')
  const debtor = child(receipt, 'debtor')
  const identifier = debtor && child(debtor, 'uniqueIdentifier')
  const outcome = required(receipt, 'outcome')
  if (outcome !== 'OK' && outcome !== 'KO') throw new ReceiptXmlError(`invalid outcome ${outcome}`)
  const paidAt = text(receipt, 'paymentDateTime')
  return {
    idPA: required(request, 'idPA'),
    idBrokerPA: text(request, 'idBrokerPA'),
    idStation: text(request, 'idStation'),
    receiptId: required(receipt, 'receiptId'),
    noticeNumber: required(receipt, 'noticeNumber'),
    fiscalCode: required(receipt, 'fiscalCode'),
    outcome,
    creditorReferenceId: required(receipt, 'creditorReferenceId'),
    amountCents: amountToCents(required(receipt, 'paymentAmount')),
    description: text(receipt, 'description') ?? '',
    debtorFiscalCode: (identifier && text(identifier, 'entityUniqueIdentifierValue')) ?? '',
    pspCompanyName: text(receipt, 'PSPCompanyName') ?? '',
    paymentDateTime: paidAt ? dateTime(paidAt) : null,
    stamp: stampOf(receipt),
  }
}

export const PA_FOR_NODE_NS = 'http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd'
export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/'

/** The station's answer to paSendRTV2 (ctResponse: outcome OK). */
export function paSendRtV2Response() {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}" xmlns:pafn="${PA_FOR_NODE_NS}">`,
    '<soapenv:Body><pafn:paSendRTV2Response><outcome>OK</outcome></pafn:paSendRTV2Response></soapenv:Body>',
    '</soapenv:Envelope>',
  ].join('')
}
