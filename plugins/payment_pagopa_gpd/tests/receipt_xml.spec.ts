import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import { parseReceipt, ReceiptXmlError } from '../receipt_xml.js'
import { issueMarcaDaBollo } from '../simulator/marca_da_bollo.js'
import {
  paSendRtV2Element,
  paSendRtV2Envelope,
  receiptDocument,
  type ReceiptData,
} from '../simulator/receipt_document.js'
import { XSD, xmllint as xmllintAgainst } from './helpers/xml_tools.js'

/**
 * The receipts the simulated Nodo writes are valid paSendRTV2 requests
 * (xmllint against pagoPA's paForNode.xsd), and the adapter reads back
 * what they say from both forms (GPD's document, the SOAP request), the
 * marca da bollo of a stamp transfer included.
 */

const RECEIPT: ReceiptData = {
  idPA: '80000010000',
  idBrokerPA: '80000010000',
  idStation: '80000010000_01',
  receiptId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  noticeNumber: '347000000000000123',
  fiscalCode: '80000010000',
  creditorReferenceId: '47000000000000123',
  amountCents: 105,
  description: 'Diritti <di> segreteria & bolli',
  companyName: 'Comune di Prova',
  debtor: {
    type: 'F',
    fiscalCode: 'RSSMRA80A41H501Y',
    fullName: 'Maria Rossi',
    email: 'maria.rossi@example.it',
  },
  transfers: [
    {
      idTransfer: '1',
      amountCents: 105,
      fiscalCodePA: '80000010000',
      iban: 'IT60X0542811101000000123456',
      remittanceInformation: 'Diritti di segreteria',
      transferCategory: '9/0101108TS/',
    },
  ],
  idPSP: 'SIMPSP01',
  pspCompanyName: 'Banca di prova (simulatore)',
  idChannel: 'SIMPSP01_01',
  channelDescription: 'Checkout pagoPA',
  paymentMethod: 'creditCard',
  feeCents: 50,
  paidAt: new Date('2026-03-01T09:30:00Z'),
  metadata: [{ key: 'debtorFiscalCode', value: 'RSSMRA80A41H501Y' }],
}

const xmllint = (xml: string) => xmllintAgainst(xml, XSD.paForNode)

const DOCUMENT_HASH = createHash('sha256').update('istanza di prova').digest('base64')

/** The same receipt for a marca da bollo: its transfer carries the marca instead of an IBAN. */
function stampReceipt(marca: string): ReceiptData {
  const [transfer] = RECEIPT.transfers
  return {
    ...RECEIPT,
    amountCents: 1600,
    transfers: [
      {
        idTransfer: transfer.idTransfer,
        amountCents: 1600,
        fiscalCodePA: transfer.fiscalCodePA,
        mbdAttachment: Buffer.from(marca).toString('base64'),
        remittanceInformation: 'Imposta di bollo',
        transferCategory: transfer.transferCategory,
      },
    ],
  }
}

function signedMarca() {
  return issueMarcaDaBollo({
    psp: { fiscalCode: '00000000000', name: 'Banca di prova (simulatore)' },
    iubd: '01234567890123',
    issuedAt: RECEIPT.paidAt,
    amountCents: 1600,
    stampType: '01',
    documentHash: DOCUMENT_HASH,
  })
}

test.group('payment_pagopa_gpd receipts', () => {
  test('the paSendRTV2 request validates against paForNode.xsd', async ({ assert }) => {
    assert.isNull(await xmllint(paSendRtV2Element(RECEIPT)))
  })

  test('xmllint refuses a receipt the XSD refuses', async ({ assert }) => {
    const broken = paSendRtV2Element(RECEIPT).replace(
      '<paymentAmount>1.05</paymentAmount>',
      '<paymentAmount>1.5</paymentAmount>'
    )
    assert.notEqual(broken, paSendRtV2Element(RECEIPT))
    assert.match((await xmllint(broken)) ?? '', /paymentAmount/)
  })

  test('both forms read back the same receipt', async ({ assert }) => {
    for (const xml of [receiptDocument(RECEIPT), paSendRtV2Envelope(RECEIPT)]) {
      const receipt = parseReceipt(xml)
      assert.equal(receipt.receiptId, RECEIPT.receiptId)
      assert.equal(receipt.creditorReferenceId, RECEIPT.creditorReferenceId)
      assert.equal(receipt.noticeNumber, RECEIPT.noticeNumber)
      assert.equal(receipt.amountCents, 105)
      assert.equal(receipt.description, RECEIPT.description)
      assert.equal(receipt.debtorFiscalCode, 'RSSMRA80A41H501Y')
      assert.equal(receipt.idStation, '80000010000_01')
      assert.equal(receipt.paymentDateTime?.toISOString(), '2026-03-01T09:30:00.000Z')
    }
  })

  test('a receipt with a marca da bollo validates and reads back the marca', async ({ assert }) => {
    const receipt = stampReceipt(signedMarca())
    assert.isNull(await xmllint(paSendRtV2Element(receipt)))
    assert.include(paSendRtV2Element(receipt), '<MBDAttachment>')
    assert.notInclude(paSendRtV2Element(receipt), '<IBAN>')
    for (const xml of [receiptDocument(receipt), paSendRtV2Envelope(receipt)]) {
      assert.deepEqual(parseReceipt(xml).stamp, {
        iubd: '01234567890123',
        documentHash: DOCUMENT_HASH,
        issuedAt: RECEIPT.paidAt,
      })
    }
    assert.isNull(parseReceipt(receiptDocument(RECEIPT)).stamp, 'a plain payment has no marca')
  })

  test('an MBDAttachment that is not a marca da bollo is refused', async ({ assert }) => {
    for (const attachment of [
      '<marcaDaBollo><IUBD>1</IUBD></marcaDaBollo>',
      signedMarca().replace(/<IUBD>\d+<\/IUBD>/, ''),
      'non è xml <',
    ]) {
      assert.throws(() => parseReceipt(receiptDocument(stampReceipt(attachment))), ReceiptXmlError)
    }
  })

  test('a payment time without offset is Italian local time', async ({ assert }) => {
    const xml = receiptDocument(RECEIPT).replace(
      /<paymentDateTime>[^<]+<\/paymentDateTime>/,
      '<paymentDateTime>2026-07-01T10:00:00</paymentDateTime>'
    )
    assert.equal(parseReceipt(xml).paymentDateTime?.toISOString(), '2026-07-01T08:00:00.000Z')
  })

  test('what is not a receipt is refused', async ({ assert }) => {
    const entity = '<!DOCTYPE x [<!ENTITY e "boom">]><PaSendRTV2Request>&e;</PaSendRTV2Request>'
    for (const xml of [
      '',
      'not xml <',
      entity,
      '<PaSendRTV2Request><idPA>1</idPA></PaSendRTV2Request>',
    ]) {
      assert.throws(() => parseReceipt(xml), ReceiptXmlError)
    }
  })
})
