import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import { parseReceipt, ReceiptXmlError } from '../receipt_xml.js'
import {
  paSendRtV2Element,
  paSendRtV2Envelope,
  receiptDocument,
  type ReceiptData,
} from '../simulator/receipt_document.js'

/**
 * The receipts the simulated Nodo writes are valid paSendRTV2 requests
 * (xmllint against pagoPA's paForNode.xsd), and the adapter reads back
 * what they say from both forms (GPD's document, the SOAP request).
 */
const XSD = fileURLToPath(new URL('../wsdl/xsd/paForNode.xsd', import.meta.url))
const run = promisify(execFile)

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

async function xmllint(xml: string) {
  const dir = await mkdtemp(join(tmpdir(), 'gpd-xsd-'))
  try {
    const file = join(dir, 'message.xml')
    await writeFile(file, xml)
    await run('xmllint', ['--noout', '--schema', XSD, file])
    return null
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
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
