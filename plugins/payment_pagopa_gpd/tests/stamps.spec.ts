import { createHash, randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { DebtPositionInput, PositionRef } from '#extension_points/payment/contract'
import { PaymentRefusedError } from '#extension_points/payment/errors'
import { paSendRtV2Element } from '../simulator/receipt_document.js'
import { countPositions, receiptOf } from '../simulator/store.js'
import { adapterOver, apisOf, checkedFetch } from './helpers/checked_fetch.js'
import { ORGANIZATION, payAtCheckout, startGpdSimulator } from './helpers/simulator.js'
import { XSD, xmllint, xmlsecVerify } from './helpers/xml_tools.js'

/**
 * The marca da bollo digitale end to end, the real adapter against the
 * simulator: the stamp transfer GPD receives (no IBAN, valid for the OpenAPI
 * document), Checkout's page naming it, the marca the PSP issues on payment
 * (valid for MarcaDaBollo.xsd, signed, a fresh IUBD, bound to the document)
 * inside a receipt valid for paForNode.xsd, and malformed stamps refused.
 */
const { remote, config } = await startGpdSimulator()
const RETURN_URLS = {
  success: 'https://servizi.example.it/esito?stato=ok',
  cancel: 'https://servizi.example.it/esito?stato=annullato',
}

const hashOf = (document: string) => createHash('sha256').update(document).digest('base64')

function stampInput(documentHash: string, province = 'PI'): DebtPositionInput {
  return {
    idempotencyKey: `pratica:${randomUUID()}:bollo:1`,
    payer: { fiscalCode: 'RSSMRA80A41H501Y', name: 'Maria Rossi', kind: 'person' },
    amountCents: 1600,
    description: 'Imposta di bollo sull’istanza',
    stamp: { documentHash, hashAlgorithm: 'sha256', province },
  }
}

const refOf = (position: PositionRef): PositionRef => ({
  positionId: position.positionId,
  iuv: position.iuv,
  noticeCode: position.noticeCode,
})

/** The marca da bollo document of the receipt's transfer, decoded. */
function marcaIn(receiptXml: string) {
  const attachment = /<MBDAttachment>([^<]+)<\/MBDAttachment>/.exec(receiptXml)?.[1]
  return attachment ? Buffer.from(attachment, 'base64').toString('utf8') : null
}

const elementText = (xml: string, name: string) =>
  new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1]

test.group('payment_pagopa_gpd marca da bollo digitale', (group) => {
  group.teardown(() => remote.stop())

  test('GPD receives a stamp transfer instead of an IBAN, as its OpenAPI document allows', async ({
    assert,
  }) => {
    const { transport, requests } = checkedFetch(apisOf(config))
    const { adapter, client } = await adapterOver(config, transport)
    const documentHash = hashOf('istanza di occupazione suolo pubblico')
    const position = await adapter.createPosition(stampInput(documentHash, 'LU'))
    assert.equal(position.kind, 'stamp')
    assert.deepEqual(
      requests.filter((request) => request.errors.length),
      [],
      'requests the documents refuse'
    )

    const held = await client.getPosition(ORGANIZATION, position.positionId)
    const [transfer] = (held.body as any).paymentOption[0].transfer
    assert.deepEqual(transfer.stamp, {
      hashDocument: documentHash,
      stampType: '01',
      provincialResidence: 'LU',
    })
    assert.notProperty(transfer, 'iban')
  })

  test('the paid stamp’s receipt carries a signed marca da bollo valid for MarcaDaBollo.xsd', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const documentHash = hashOf(`istanza ${randomUUID()}`)
    const position = await adapter.createPosition(stampInput(documentHash))
    const session = await adapter.startPayment({
      positions: [refOf(position)],
      returnUrls: RETURN_URLS,
    })
    const page = await fetch(session.redirectUrl)
    const html = await page.text()
    assert.include(html, 'Marca da bollo digitale')
    assert.include(html, 'provincia di residenza PI')
    const paid = await payAtCheckout(session, 'paid')
    assert.equal(paid.status, 303)

    const receipt = await adapter.getReceipt(refOf(position))
    const stamp = receipt?.stamp
    const document = receipt?.document
    if (!stamp || !document || !('content' in document)) {
      return assert.fail('the receipt carries the marca and the receipt document')
    }
    const marca = marcaIn(Buffer.from(document.content).toString('utf8'))
    if (!marca) return assert.fail('the receipt’s transfer carries MBDAttachment')
    assert.isNull(await xmllint(marca, XSD.marcaDaBollo))
    assert.isNull(await xmlsecVerify(marca), 'the PSP’s signature verifies')

    assert.match(stamp.iubd, /^\d{14}$/)
    assert.equal(elementText(marca, 'IUBD'), stamp.iubd)
    assert.equal(elementText(marca, 'DigestValue'), documentHash)
    assert.equal(stamp.documentHash, documentHash)
    assert.equal(elementText(marca, 'Importo'), '16.00')
    assert.equal(elementText(marca, 'TipoBollo'), '01')
    assert.equal(stamp.issuedAt.getTime(), receipt.paidAt.getTime())

    // the same receipt, as the Nodo sends it to the ente's station
    const stored = await receiptOf(ORGANIZATION, position.iuv)
    assert.isNull(await xmllint(paSendRtV2Element(stored!.data), XSD.paForNode))
  })

  test('each marca has its own IUBD and stamps its own document', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const hashes = [hashOf(`domanda ${randomUUID()}`), hashOf(`allegato ${randomUUID()}`)]
    const positions = []
    for (const documentHash of hashes) {
      positions.push(await adapter.createPosition(stampInput(documentHash)))
    }
    const session = await adapter.startPayment({
      positions: positions.map(refOf),
      returnUrls: RETURN_URLS,
    })
    await payAtCheckout(session, 'paid')
    const stamps = []
    for (const position of positions)
      stamps.push((await adapter.getReceipt(refOf(position)))!.stamp!)
    assert.deepEqual(
      stamps.map((stamp) => stamp.documentHash),
      hashes
    )
    assert.notEqual(stamps[0].iubd, stamps[1].iubd)
  })

  test('xmllint and xmlsec1 refuse a marca that is not the PSP’s', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const position = await adapter.createPosition(stampInput(hashOf(`atto ${randomUUID()}`)))
    const session = await adapter.startPayment({
      positions: [refOf(position)],
      returnUrls: RETURN_URLS,
    })
    await payAtCheckout(session, 'paid')
    const marca = marcaIn(await gpdReceiptOf(position.iuv))!

    const otherType = marca.replace('<TipoBollo>01</TipoBollo>', '<TipoBollo>02</TipoBollo>')
    assert.match((await xmllint(otherType, XSD.marcaDaBollo)) ?? '', /TipoBollo/)
    const cheaper = marca.replace('<Importo>16.00</Importo>', '<Importo>2.00</Importo>')
    assert.isNull(await xmllint(cheaper, XSD.marcaDaBollo), 'still valid for the XSD')
    assert.isNotNull(await xmlsecVerify(cheaper), 'but no longer the PSP’s signature')
  })

  test('a malformed stamp is refused (PaymentRefusedError), nothing is created', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const before = await countPositions()
    for (const input of [
      stampInput(hashOf('istanza'), 'Pisa'),
      stampInput(hashOf('istanza'), 'pi'),
      stampInput(hashOf('istanza'), 'PIS'),
      stampInput(''),
      stampInput('x'.repeat(65)),
      stampInput('x'.repeat(73)),
    ]) {
      const refusal = await adapter.createPosition(input).catch((error) => error)
      assert.instanceOf(refusal, PaymentRefusedError, JSON.stringify(input.stamp))
      assert.equal((refusal as PaymentRefusedError).reason, 'invalid')
    }
    assert.equal(await countPositions(), before)
  })
})

/** The receipt GPD keeps for an IUV, as its payments service answers it. */
async function gpdReceiptOf(iuv: string) {
  const answer = await fetch(`${config.receiptsBaseUrl}/payments/${ORGANIZATION}/receipts/${iuv}`, {
    headers: { 'Ocp-Apim-Subscription-Key': config.gpdSubscriptionKey },
  })
  return answer.text()
}
