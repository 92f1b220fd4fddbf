import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import DevMail from '#models/dev_mail'
import PraticaMessage from '#models/pratica_message'
import PraticaDocument from '#models/pratica_document'
import PraticaStatusChange from '#models/pratica_status_change'
import { pageText } from '#tests/functional/identity/helpers'
import {
  asCitizen,
  fillAndSubmit,
  openDraft,
  workTheQueue,
  ztlFields,
  ztlSetup,
} from './helpers.js'

async function iterOf(praticaId: number) {
  const steps = await PraticaStatusChange.query().where('pratica_id', praticaId).orderBy('id')
  return steps.map((step) => [step.toStatus, step.actorType])
}

test.group('Pratica: Riepilogo, Invia, Inviata and Acquisita', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the last step leads to the Riepilogo: every visible label and value, then "Invia"', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { base } = await openDraft(client, ente, service, citizen)
    const filled = await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .form({ ...ztlFields(citizen), _step: '3', _action: 'submit' })
      .redirects(0)
    assert.equal(filled.header('location'), `${base}/riepilogo`)

    const summary = await asCitizen(client.get(`${base}/riepilogo`), ente, citizen)
    summary.assertStatus(200)
    const html = pageText(summary)
    assert.include(html, '<h2 class="h3 mb-3">Riepilogo</h2>')
    assert.match(html, /<dt[^>]*>Targa \(1\)<\/dt>\s*<dd[^>]*>AB123CD<\/dd>/)
    assert.match(html, /<dt[^>]*>In qualità di<\/dt>\s*<dd[^>]*>[^<]+<\/dd>/)
    assert.notInclude(html, 'Beneficiario')
    assert.include(html, `action="${base}/invia"`)
    assert.include(html, '>Invia</button>')
  })

  test('"Invia": Inviata with the dates and the iter, then the job makes it Acquisita', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { pratica, base, sent } = await fillAndSubmit(client, ente, service, citizen)
    assert.equal(sent.header('location'), `${base}/ricevuta`)
    assert.equal(pratica.status, 1900)
    assert.isNotNull(pratica.submittedAt)
    assert.equal(
      pratica.responseDueAt!.diff(pratica.submittedAt!, 'days').days,
      30,
      'Riceverai risposta entro il: the service maximum days'
    )
    assert.deepEqual(await iterOf(pratica.id), [
      [1000, 'citizen'],
      [1900, 'citizen'],
    ])

    const compile = await asCitizen(client.get(`${base}/compila`), ente, citizen).redirects(0)
    assert.equal(compile.header('location'), `${base}/ricevuta`, 'a sent pratica is not compiled')
    const again = await asCitizen(client.post(`${base}/invia`), ente, citizen)
      .withCsrfToken()
      .redirects(0)
    assert.equal(again.header('location'), `${base}/ricevuta`)

    await workTheQueue()
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
    assert.deepEqual(await iterOf(pratica.id), [
      [1000, 'citizen'],
      [1900, 'citizen'],
      [2000, 'system'],
    ])

    const receipt = await asCitizen(client.get(`${base}/ricevuta`), ente, citizen)
    receipt.assertStatus(200)
    const html = pageText(receipt)
    assert.include(html, 'Richiesta inviata')
    assert.include(html, pratica.uuid)
    assert.match(
      html,
      /<strong>Bozza<\/strong>[\s\S]*<strong>Inviata<\/strong>[\s\S]*<strong>Acquisita<\/strong>/
    )
    assert.include(html, 'Richiesta presentata il:')
    assert.include(html, 'Riceverai risposta entro il:')
    assert.include(html, '(non necessario)')
    assert.include(html, `href="${base}/modulo-compilato"`)
    assert.include(html, `href="${base}/ritira"`)
  })

  test('the receipt: a message of the pratica and an e-mail, once, with the service receipt text', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup({
      receiptText: {
        it: 'Gentile {{ nome }} {{ cognome }}, la tua richiesta {{ numero_richiesta }} per {{ servizio }} è stata ricevuta. <b>{{ ente }}</b>',
      },
    })
    const { pratica } = await fillAndSubmit(client, ente, service, citizen)
    await workTheQueue()
    await workTheQueue()

    const messages = await PraticaMessage.query().where('pratica_id', pratica.id)
    assert.lengthOf(messages, 1)
    assert.equal(messages[0].authorType, 'system')
    assert.equal(
      messages[0].body,
      `Gentile ${citizen.firstName} ${citizen.lastName}, la tua richiesta ${pratica.uuid} per ${service.name} è stata ricevuta. <b>${ente.name}</b>`
    )

    const mails = await DevMail.query().where('to_addresses', 'like', `%${citizen.email}%`)
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].subject, `Richiesta ricevuta: ${service.name}`)
    assert.include(mails[0].text ?? '', `la tua richiesta ${pratica.uuid}`)
    // the admin's markup is text in the HTML e-mail
    assert.include(mails[0].html ?? '', `&lt;b&gt;${ente.name}&lt;/b&gt;`)
    assert.include(mails[0].html ?? '', `Numero richiesta: ${pratica.uuid}`)

    const documents = await PraticaDocument.query().where('pratica_id', pratica.id)
    assert.lengthOf(documents, 1)
    assert.equal(documents[0].kind, 'modulo_compilato')
  })

  test('a Riepilogo of an incomplete draft goes back to the step with the error', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { pratica, base } = await openDraft(client, ente, service, citizen)
    await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .form({ ...ztlFields(citizen, { 'vehicles/0/plate': '' }), _step: '0', _action: 'next' })

    const summary = await asCitizen(client.get(`${base}/riepilogo`), ente, citizen).redirects(0)
    assert.equal(summary.header('location'), `${base}/compila`)
    summary.assertFlashMessage(
      'error',
      'Alcuni campi non sono compilati correttamente: controlla il modulo.'
    )
    await pratica.refresh()
    assert.equal(pratica.formStep, 2, 'the Veicolo step')

    const sent = await asCitizen(client.post(`${base}/invia`), ente, citizen)
      .withCsrfToken()
      .redirects(0)
    assert.equal(sent.header('location'), `${base}/compila`)
    await pratica.refresh()
    assert.equal(pratica.status, 1000)
  })

  test('a service with a payment at request waits for it (1500) on the payment step', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup({
      paymentSettings: {
        atRequest: [{ causale: 'Diritti di segreteria', amountCents: 1600, bilancio: [] }],
        deferred: [],
      },
    })
    const { pratica, base, sent } = await fillAndSubmit(client, ente, service, citizen)
    assert.equal(sent.header('location'), `${base}/pagamento`)
    assert.equal(pratica.status, 1500)
    assert.isNull(pratica.submittedAt)

    const page = await asCitizen(client.get(`${base}/pagamento`), ente, citizen)
    page.assertStatus(200)
    const html = pageText(page)
    assert.include(html, 'Diritti di segreteria')
    assert.include(html, '16,00\u00a0€')
    assert.include(
      html,
      `Il pagamento online non è disponibile: ${ente.name} non ha attivato un sistema di pagamento pagoPA.`
    )
    const receipt = await asCitizen(client.get(`${base}/ricevuta`), ente, citizen).redirects(0)
    assert.equal(receipt.header('location'), `${base}/pagamento`)
  })
})
