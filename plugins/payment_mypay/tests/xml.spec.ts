import { createHash, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import { DOMParser, XMLSerializer } from '@xmldom/xmldom'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import type { DebtPositionInput } from '#extension_points/payment/contract'
import plugin from '../plugin.js'
import { MyPayClient } from '../client.js'
import { decodeDocument, parsePagati, versamentoXml } from '../documents.js'
import { simulatorFaults } from '../simulator/faults.js'
import { lastPushFor } from '../simulator/store.js'
import { XSD_PATH, validateWithXsd, xsdForXmllint } from '../simulator/xsd.js'
import { startSimulatedMyPay } from './helpers/simulated_mypay.js'
import { wsdlSchemas } from './helpers/wsdl_schemas.js'

/**
 * Every XML the adapter sends to MyPay, checked with xmllint: each SOAP
 * request against the schemas of pa-per-ente.wsdl, each document inside a
 * base64 field against PagInf_Dovuti_Pagati_6_2_0.xsd. The documents the
 * simulator answers with are checked the same way, its marca da bollo
 * against MarcaDaBollo.xsd.
 */
const mypay = await startSimulatedMyPay()
const MARCA_DA_BOLLO_XSD = fileURLToPath(new URL('../wsdl/MarcaDaBollo.xsd', import.meta.url))
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const DAY = 86_400_000

function input(overrides: Partial<DebtPositionInput> = {}): DebtPositionInput {
  return {
    idempotencyKey: `pratica:${randomUUID()}:pagamento:1`,
    payer: { ...TEST_PAYER },
    amountCents: 1600,
    description: 'Diritti di segreteria per il permesso ZTL <residenti> & "ospiti"',
    dueDate: new Date(Date.now() + 30 * DAY),
    taxonomy: '9/0101108TS/',
    ...overrides,
  }
}

function elements(parent: Element | null) {
  const found: Element[] = []
  for (let node = parent?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) found.push(node as Element)
  }
  return found
}

/** The SOAP request's header block, body element and base64 documents. */
function partsOf(request: string) {
  const envelope = new DOMParser().parseFromString(request, 'text/xml').documentElement!
  const [header] = Array.from(envelope.getElementsByTagNameNS(SOAP, 'Header'))
  const [body] = Array.from(envelope.getElementsByTagNameNS(SOAP, 'Body'))
  const [operation] = elements(body)
  const serializer = new XMLSerializer()
  const documents = elements(operation)
    .filter((field) => ['dovuto', 'dovuti'].includes(field.localName))
    .map((field) => Buffer.from(field.textContent ?? '', 'base64').toString('utf8'))
  return {
    name: operation.localName,
    operation: serializer.serializeToString(operation),
    header: elements(header ?? null).map((block) => serializer.serializeToString(block)),
    documents,
  }
}

async function exerciseTheAdapter() {
  const { adapter } = await createTestAdapter({
    plugin,
    config: mypay.config,
    ente: mypay.enteInfo,
  })
  const returnUrls = {
    success: `${mypay.enteInfo.baseUrl}/pagamenti/esito?stato=ok`,
    cancel: `${mypay.enteInfo.baseUrl}/pagamenti/esito?stato=annullato`,
  }
  const person = await adapter.createPosition(input())
  const organisation = await adapter.createPosition(
    input({
      payer: {
        fiscalCode: '80001230509',
        name: 'Associazione Amici di Bugliano',
        kind: 'organisation',
        email: 'segreteria@amici.example.test',
      },
      amountCents: 25_000,
    })
  )
  const recovered = input()
  simulatorFaults.inject('lostAnswer', { operation: 'paaSILImportaDovuto' })
  await adapter.createPosition(recovered).catch(() => {})
  await adapter.createPosition(recovered)

  const documentHash = createHash('sha256').update(`domanda ${randomUUID()}`).digest('base64')
  const stamp = await adapter.createPosition(
    input({
      description: 'Imposta di bollo sulla domanda di occupazione di suolo pubblico',
      stamp: { documentHash, hashAlgorithm: 'sha256', province: 'PI' },
    })
  )

  const session = await adapter.startPayment({ positions: [person], returnUrls })
  await adapter.getStatus(person)
  await mypay.harness.payAtCheckout(session, 'paid')
  await adapter.getStatus(person)
  await adapter.getReceipt(person)
  await mypay.harness.payAtCheckout(
    await adapter.startPayment({ positions: [stamp], returnUrls }),
    'paid'
  )
  const stampReceipt = await adapter.getReceipt(stamp)
  // a marca whose checkout was opened and left: MyPay lists it among the open positions
  const leftStamp = await adapter.createPosition(
    input({
      description: 'Imposta di bollo sulla domanda di contributo',
      stamp: { documentHash, hashAlgorithm: 'sha256', province: 'LU' },
    })
  )
  await adapter.startPayment({ positions: [leftStamp], returnUrls })
  await adapter.cancelPosition!(organisation)
  await adapter.listOpenPositions!(TEST_PAYER.fiscalCode)
  return { person, stamp, documentHash, stampReceipt }
}

test.group('MyPay XML, checked with xmllint against the WSDL and the XSD', (group) => {
  group.teardown(() => mypay.remote.stop())

  test('every SOAP request and every document the adapter sends is valid', async ({ assert }) => {
    mypay.soapRequests.length = 0
    await exerciseTheAdapter()
    const schemas = await wsdlSchemas()

    const operations = new Set<string>()
    let documents = 0
    for (const request of mypay.soapRequests) {
      const parts = partsOf(request)
      operations.add(parts.name)
      const body = await validateWithXsd(parts.operation, schemas.operations)
      assert.isTrue(body.valid, `${parts.name}: ${body.errors}`)
      for (const header of parts.header) {
        const check = await validateWithXsd(header, schemas.header)
        assert.isTrue(check.valid, `${parts.name} header: ${check.errors}`)
      }
      for (const document of parts.documents) {
        documents++
        const check = await validateWithXsd(document)
        assert.isTrue(check.valid, `${parts.name} document: ${check.errors}\n${document}`)
      }
    }
    assert.includeMembers(
      [...operations],
      [
        'paaSILImportaDovuto',
        'paaSILInviaDovuti',
        'paaSILVerificaAvviso',
        'paaSILChiediPagati',
        'paaSILChiediPagatiConRicevuta',
        'paaSILChiediPosizioniAperte',
      ]
    )
    assert.isAtLeast(
      documents,
      6,
      'the Versamento documents of the creations and the cancellation, the Dovuti of the stamp'
    )

    // the same check refuses a request the WSDL does not allow
    const creation = partsOf(
      mypay.soapRequests.find((request) => request.includes('paaSILImportaDovuto'))!
    )
    const misnamed = await validateWithXsd(
      creation.operation.replace('<password>', '<passwd>').replace('</password>', '</passwd>'),
      schemas.operations
    )
    assert.isFalse(misnamed.valid)
    const header = await validateWithXsd(
      creation.header[0].replace(/>c_t[0-9a-f]+</, '><'),
      schemas.header
    )
    assert.isFalse(header.valid, 'an empty codIpaEnte')
  })

  test('the documents the simulated MyPay answers with are valid', async ({ assert }) => {
    const { person } = await exerciseTheAdapter()
    const client = await MyPayClient.connect({
      baseUrl: mypay.remote.url,
      codIpaEnte: mypay.ente.codIpaEnte,
      password: mypay.ente.password,
      timeoutMs: 2000,
    })
    const paid = await client.chiediPagatiConRicevuta({ iud: person.positionId })
    assert.isUndefined(paid.fault)
    const push = (await lastPushFor(mypay.ente.codIpaEnte, person.positionId))!
    const another = await client.chiediPosizioniAperte({
      kind: 'F',
      fiscalCode: TEST_PAYER.fiscalCode,
    })
    assert.isUndefined(another.fault)
    assert.isNotEmpty(another.positions!)
    assert.isTrue(
      another.positions!.some((position) => position.dovuti.includes('<datiMarcaBolloDigitale>')),
      'an open marca da bollo among them'
    )

    const answered = [
      paid.pagati!,
      decodeDocument(JSON.parse(push.body).esito),
      ...another.positions!.map((position) => position.dovuti),
    ]
    for (const document of answered) {
      const check = await validateWithXsd(document)
      assert.isTrue(check.valid, `${check.errors}\n${document}`)
    }
  })

  test('the stamp dovuto and the marca da bollo issued for it are valid against their XSDs', async ({
    assert,
  }) => {
    mypay.soapRequests.length = 0
    const { stamp, documentHash, stampReceipt } = await exerciseTheAdapter()

    const sent = mypay.soapRequests
      .map(partsOf)
      .find((parts) => parts.name === 'paaSILInviaDovuti')!
    const [dovuti] = sent.documents
    assert.include(dovuti, '<datiMarcaBolloDigitale><tipoBollo>01</tipoBollo>')
    assert.include(dovuti, `<hashDocumento>${documentHash}</hashDocumento>`)
    assert.include(dovuti, '<provinciaResidenza>PI</provinciaResidenza>')
    assert.include(dovuti, '<identificativoTipoDovuto>MARCA_BOLLO_DIGITALE<')
    const dovutiCheck = await validateWithXsd(dovuti)
    assert.isTrue(dovutiCheck.valid, `${dovutiCheck.errors}\n${dovuti}`)

    const client = await MyPayClient.connect({
      baseUrl: mypay.remote.url,
      codIpaEnte: mypay.ente.codIpaEnte,
      password: mypay.ente.password,
      timeoutMs: 2000,
    })
    const paid = await client.chiediPagatiConRicevuta({ iud: stamp.positionId })
    const pagatiCheck = await validateWithXsd(paid.pagati!)
    assert.isTrue(pagatiCheck.valid, `${pagatiCheck.errors}\n${paid.pagati}`)
    const [item] = parsePagati(paid.pagati!).items
    assert.equal(item.allegato?.tipo, 'BD')

    const marca = Buffer.from(item.allegato!.testo, 'base64').toString('utf8')
    const marcaCheck = await validateWithXsd(marca, MARCA_DA_BOLLO_XSD)
    assert.isTrue(marcaCheck.valid, `${marcaCheck.errors}\n${marca}`)
    const iubd = /<IUBD>(\d+)<\/IUBD>/.exec(marca)?.[1]
    assert.match(iubd ?? '', /^\d{14}$/)
    assert.include(marca, '<Importo>16.00</Importo>')
    assert.include(marca, `<ds:DigestValue>${documentHash}</ds:DigestValue></ImprontaDocumento>`)
    assert.deepEqual(stampReceipt?.stamp?.iubd, iubd)
    assert.equal(stampReceipt?.stamp?.documentHash, documentHash)

    // the same check refuses a marca without its signature
    const unsigned = marca.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
    const unsignedCheck = await validateWithXsd(unsigned, MARCA_DA_BOLLO_XSD)
    assert.isFalse(unsignedCheck.valid)
  })

  test('xmllint refuses what the XSD refuses', async ({ assert }) => {
    const valid = versamentoXml({
      azione: 'I',
      payer: { kind: 'F', fiscalCode: TEST_PAYER.fiscalCode, name: TEST_PAYER.name },
      iud: 'sdc0123456789abcdef0123456789abcde',
      amountCents: 100,
      tipoDovuto: 'DIRITTI_SEGRETERIA',
      causale: 'Prova',
      datiSpecificiRiscossione: '9/0101108TS/',
    })
    const accepted = await validateWithXsd(valid)
    assert.isTrue(accepted.valid)
    const zero = await validateWithXsd(
      valid.replace('<importoSingoloVersamento>1.00<', '<importoSingoloVersamento>0.00<')
    )
    assert.isFalse(zero.valid)
    assert.include(zero.errors, 'importoSingoloVersamento')
    const taxonomy = await validateWithXsd(valid.replace('9/0101108TS/', '7/0101108TS/'))
    assert.isFalse(taxonomy.valid)
    assert.include(taxonomy.errors, 'datiSpecificiRiscossione')
  })

  test('the XSD xmllint reads is the published one with its two escaped slashes unescaped', async ({
    assert,
  }) => {
    const publishedText = await readFile(XSD_PATH, 'utf8')
    const compiledText = await readFile(await xsdForXmllint(), 'utf8')
    const published = publishedText.split('\n')
    const compiled = compiledText.split('\n')
    assert.lengthOf(compiled, published.length)
    const changed = published.flatMap((line, index) =>
      line === compiled[index] ? [] : [[line.trim(), compiled[index].trim()]]
    )
    assert.deepEqual(changed, [
      [
        '<xsd:pattern value="[0129]{1}\\/\\S{3,138}" />',
        '<xsd:pattern value="[0129]{1}/\\S{3,138}" />',
      ],
      [
        '<xsd:pattern value="9\\/\\d{2}\\d{2}\\d{3}\\w{2}\\/\\S{0,129}" />',
        '<xsd:pattern value="9/\\d{2}\\d{2}\\d{3}\\w{2}/\\S{0,129}" />',
      ],
    ])
  })
})
