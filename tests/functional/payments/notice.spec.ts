import { mkdir } from 'node:fs/promises'
import { test } from '@japa/runner'
import { asCitizen } from '#tests/functional/pratiche/helpers'
import { payingSetup, submitAndCreate, withSimulatedMyPay } from './helpers.js'
import { readNotice } from './qr.js'

test.group('Payments at request: Stampa e paga (the avviso)', (group) => {
  const mypay = withSimulatedMyPay(group)

  test('the avviso PDF: ente, causale, importo, codice avviso in groups of four, CF ente, and a QR code that reads back the pagoPA payload', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const { positions, base } = await submitAndCreate(client, setup)
    const [position] = positions

    const response = await asCitizen(
      client.get(`${base}/pagamento/avvisi/${position.uuid}`),
      setup.ente,
      setup.citizen
    )
    response.assertStatus(200)
    assert.equal(response.header('content-type'), 'application/pdf')
    await mkdir('tmp/screenshots', { recursive: true })
    const notice = await readNotice(response.body(), { keepPngAs: 'tmp/screenshots/avviso.png' })

    assert.equal(notice.qr, `PAGOPA|002|${position.noticeCode}|${setup.ente.codiceFiscale}|1600`)
    const grouped = position.noticeCode!.replace(/(\d{4})(?=\d)/g, '$1 ')
    assert.include(notice.text, 'AVVISO DI PAGAMENTO')
    assert.include(notice.text, grouped)
    assert.include(notice.text, setup.ente.codiceFiscale)
    assert.include(notice.text, setup.ente.name)
    assert.include(notice.text, 'Diritti di segreteria permesso ZTL')
    assert.match(notice.text, /16,00\s€/)
    assert.include(notice.text, setup.citizen.fiscalCode)
    assert.match(notice.text, /entro il \d{2}\/\d{2}\/\d{4}/)
  })

  test('MyPay unreachable: the avviso is still printed from what the platform holds', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const { positions, base } = await submitAndCreate(client, setup)
    await mypay().harness.takeDown()
    try {
      const response = await asCitizen(
        client.get(`${base}/pagamento/avvisi/${positions[0].uuid}`),
        setup.ente,
        setup.citizen
      )
      response.assertStatus(200)
      const notice = await readNotice(response.body())
      assert.equal(
        notice.qr,
        `PAGOPA|002|${positions[0].noticeCode}|${setup.ente.codiceFiscale}|1600`
      )
    } finally {
      await mypay().harness.bringUp()
    }
  })
})
