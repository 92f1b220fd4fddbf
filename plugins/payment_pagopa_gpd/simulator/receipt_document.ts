import { DateTime } from 'luxon'

/**
 * The receipt (ctReceiptV2 of wsdl/xsd/paForNode.xsd) the simulated Nodo
 * makes when a notice is paid, in its two forms:
 * - the paSendRTV2 request GPD's payments service keeps and answers on
 *   `GET /payments/{cf}/receipts/{iuv}` (root element without namespace, as
 *   pagopa-gpd-payments marshals it);
 * - the SOAP paSendRTV2 the Nodo sends to the ente's broadcast station.
 * Element order follows the XSD sequence; the tests validate the SOAP body
 * against the XSD with xmllint.
 */
export interface ReceiptData {
  idPA: string
  idBrokerPA: string
  idStation: string
  receiptId: string
  noticeNumber: string
  fiscalCode: string
  creditorReferenceId: string
  amountCents: number
  description: string
  companyName: string
  debtor: { type: 'F' | 'G'; fiscalCode: string; fullName: string; email?: string }
  transfers: Array<{
    idTransfer: string
    amountCents: number
    fiscalCodePA: string
    /** where the money goes; a marca da bollo transfer has mbdAttachment instead */
    iban?: string
    /** base64 of the marca da bollo document the PSP issued (marca_da_bollo.ts) */
    mbdAttachment?: string
    remittanceInformation: string
    transferCategory: string
  }>
  idPSP: string
  pspCompanyName: string
  idChannel: string
  channelDescription: string
  paymentMethod: string
  feeCents: number
  paidAt: Date
  metadata: Array<{ key: string; value: string }>
}

const PA_FOR_NODE_NS = 'http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd'
const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/'
const EMAIL = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*$/

export function escapeXml(value: string) {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function element(name: string, value: string | number) {
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** stAmount: digits, a dot and two decimals. */
export function euro(cents: number) {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}

function receiptElement(data: ReceiptData) {
  const rome = DateTime.fromJSDate(data.paidAt, { zone: 'Europe/Rome' })
  const debtor = [
    '<uniqueIdentifier>',
    element('entityUniqueIdentifierType', data.debtor.type),
    element('entityUniqueIdentifierValue', data.debtor.fiscalCode),
    '</uniqueIdentifier>',
    element('fullName', data.debtor.fullName.slice(0, 70)),
    data.debtor.email && EMAIL.test(data.debtor.email) ? element('e-mail', data.debtor.email) : '',
  ].join('')
  const transfers = data.transfers
    .map((transfer) =>
      [
        '<transfer>',
        element('idTransfer', transfer.idTransfer),
        element('transferAmount', euro(transfer.amountCents)),
        element('fiscalCodePA', transfer.fiscalCodePA),
        transfer.mbdAttachment
          ? element('MBDAttachment', transfer.mbdAttachment)
          : element('IBAN', transfer.iban ?? ''),
        element('remittanceInformation', transfer.remittanceInformation.slice(0, 140)),
        element('transferCategory', transfer.transferCategory),
        '</transfer>',
      ].join('')
    )
    .join('')
  const metadata = data.metadata.length
    ? `<metadata>${data.metadata
        .slice(0, 15)
        .map(
          (entry) =>
            `<mapEntry>${element('key', entry.key)}${element('value', entry.value)}</mapEntry>`
        )
        .join('')}</metadata>`
    : ''
  return [
    '<receipt>',
    element('receiptId', data.receiptId),
    element('noticeNumber', data.noticeNumber),
    element('fiscalCode', data.fiscalCode),
    element('outcome', 'OK'),
    element('creditorReferenceId', data.creditorReferenceId),
    element('paymentAmount', euro(data.amountCents)),
    element('description', data.description.slice(0, 140)),
    element('companyName', data.companyName.slice(0, 140)),
    `<debtor>${debtor}</debtor>`,
    `<transferList>${transfers}</transferList>`,
    element('idPSP', data.idPSP),
    element('PSPCompanyName', data.pspCompanyName),
    element('idChannel', data.idChannel),
    element('channelDescription', data.channelDescription),
    element('paymentMethod', data.paymentMethod),
    element('fee', euro(data.feeCents)),
    element('paymentDateTime', rome.toISO({ suppressMilliseconds: true })!),
    element('applicationDate', rome.toISODate()!),
    element('transferDate', rome.plus({ days: 1 }).toISODate()!),
    metadata,
    '</receipt>',
  ].join('')
}

function requestContent(data: ReceiptData) {
  return [
    element('idPA', data.idPA),
    element('idBrokerPA', data.idBrokerPA),
    element('idStation', data.idStation),
    receiptElement(data),
  ].join('')
}

/** What GPD keeps and answers for the receipt of an IUV. */
export function receiptDocument(data: ReceiptData) {
  return `<?xml version="1.0" encoding="UTF-8"?><PaSendRTV2Request>${requestContent(data)}</PaSendRTV2Request>`
}

/** The paSendRTV2 request's body element, qualified as the XSD wants it. */
export function paSendRtV2Element(data: ReceiptData) {
  return `<pafn:paSendRTV2Request xmlns:pafn="${PA_FOR_NODE_NS}">${requestContent(data)}</pafn:paSendRTV2Request>`
}

/** The SOAP request the Nodo sends to a station (soapAction paSendRTV2). */
export function paSendRtV2Envelope(data: ReceiptData) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}">`,
    '<soapenv:Header/>',
    `<soapenv:Body>${paSendRtV2Element(data)}</soapenv:Body>`,
    '</soapenv:Envelope>',
  ].join('')
}
