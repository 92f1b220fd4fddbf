import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { adminWithService, reloaded } from './helpers.js'

/** The labels of the message textareas of the Messaggi tab, in order. */
function stateLabels(html: string) {
  return [...html.matchAll(/<label for="message-(\d+)" class="active">([^<]+)<\/label>/g)].map(
    (match) => `${match[1]} ${match[2]}`
  )
}

test.group('Backoffice: Messaggi and Ricevuta tabs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('offers a message for each state the service can reach', async ({ client, assert }) => {
    const { admin, service, base } = await adminWithService()
    service.merge({
      protocolRequired: false,
      allowIntegrationRequests: false,
      allowWithdrawal: true,
    })
    await service.save()

    const plainPage = await client.get(`${base}/messaggi`).loginAs(admin)
    const plain = stateLabels(plainPage.text())
    assert.deepEqual(plain, [
      '2000 Acquisita',
      '4000 In carico',
      '7000 Accettata',
      '9000 Rifiutata',
      '20000 Ritirata',
      '50000 Annullata',
    ])

    service.merge({
      protocolRequired: true,
      allowIntegrationRequests: true,
      allowWithdrawal: false,
      paymentSettings: {
        atRequest: [{ causale: 'Diritti', amountCents: 1600, bilancio: [] }],
        deferred: [],
      },
    })
    await service.save()
    const fullPage = await client.get(`${base}/messaggi`).loginAs(admin)
    const full = stateLabels(fullPage.text())
    assert.includeMembers(full, [
      '1500 In attesa di pagamento',
      '3000 Protocollata',
      '4100 Richiesta integrazioni',
      '6000 Accettata (in attesa di protocollazione del documento di esito)',
    ])
    assert.notInclude(full, '20000 Ritirata')
    assert.notInclude(full.join(), '1000 ')
    assert.notInclude(full.join(), '1900 ')
  })

  test('saves the templates of one language, keeping the others', async ({ client, assert }) => {
    const { admin, service, base } = await adminWithService()
    service.messageTemplates = { '7000': { it: 'Vecchio testo', en: 'Accepted, {{ nome }}.' } }
    await service.save()

    const response = await client
      .put(`${base}/messaggi`)
      .form({
        'lingua': 'it',
        'messages[7000]':
          'Gentile {{ nome }}, la tua richiesta {{ numero_richiesta }} è stata accettata.',
        'messages[9000]': '',
        'messages[4000]': 'Presa in carico il {{ data }}.',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `${base}/messaggi?lingua=it`)
    const saved = await reloaded(service)
    assert.deepEqual(saved.messageTemplates, {
      '7000': {
        it: 'Gentile {{ nome }}, la tua richiesta {{ numero_richiesta }} è stata accettata.',
        en: 'Accepted, {{ nome }}.',
      },
      '4000': { it: 'Presa in carico il {{ data }}.' },
    })

    const english = await client.get(`${base}/messaggi`).qs({ lingua: 'en' }).loginAs(admin)
    english.assertTextIncludes('>Accepted, {{ nome }}.</textarea>')
  })

  test('an unknown placeholder is refused next to its message, every text kept', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()

    const response = await client
      .put(`${base}/messaggi`)
      .form({
        'lingua': 'it',
        'messages[7000]': 'Ciao {{ nom }} {{ cognome }}',
        'messages[9000]': 'Rifiutata.',
      })
      .withCsrfToken()
      .loginAs(admin)

    response.assertStatus(422)
    response.assertTextIncludes(
      'Segnaposto sconosciuto: {{ nom }}. Puoi usare: {{ nome }}, {{ cognome }}'
    )
    response.assertTextIncludes('id="message-7000-error"')
    response.assertTextIncludes('>Ciao {{ nom }} {{ cognome }}</textarea>')
    response.assertTextIncludes('>Rifiutata.</textarea>')
    const unchanged = await reloaded(service)
    assert.deepEqual(unchanged.messageTemplates, {})
  })

  test('"Anteprima" renders the typed text on example values, escaped, without saving', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()
    service.name = 'Permesso <b>ZTL</b>'
    await service.save()

    const response = await client
      .post(`${base}/messaggi/anteprima`)
      .form({
        'lingua': 'it',
        '_anteprima': '7000',
        'messages[7000]':
          'Gentile {{ nome }} {{ cognome }},\n\nla richiesta per {{ servizio }} è {{ stato }}.\n<script>alert(1)</script>\nSegui: {{ link }}',
        'messages[9000]': 'Testo ancora da salvare',
      })
      .withCsrfToken()
      .loginAs(admin)

    response.assertStatus(200)
    const html = response.text()
    const preview = html.slice(html.indexOf('Anteprima con dati di esempio'))
    assert.include(preview, '<p>Gentile Mario Rossi,</p>')
    assert.include(
      preview,
      'la richiesta per Permesso &lt;b&gt;ZTL&lt;/b&gt; è Accettata.<br>&lt;script&gt;alert(1)&lt;/script&gt;'
    )
    assert.match(
      preview,
      new RegExp(`Segui: <a href="http://[^"]+/${ente.slug}/pratiche/[0-9a-f-]{36}">`)
    )
    assert.notInclude(html, '<script>alert(1)</script>')
    // the other texts stay as typed, nothing saved
    response.assertTextIncludes('>Testo ancora da salvare</textarea>')
    const unchanged = await reloaded(service)
    assert.deepEqual(unchanged.messageTemplates, {})
  })

  test('"Ricevuta" saves per language, previews the standard text when empty', async ({
    client,
    assert,
  }) => {
    const { ente, admin, service, base } = await adminWithService()

    const saved = await client
      .put(`${base}/ricevuta`)
      .form({
        'receipt[it]': 'Gentile {{ nome }}, abbiamo ricevuto la richiesta {{ numero_richiesta }}.',
        'receipt[en]': '',
        'receipt[de]': 'Danke, {{ nome }}.',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    saved.assertStatus(302)
    const withReceipt = await reloaded(service)
    assert.deepEqual(withReceipt.receiptText, {
      it: 'Gentile {{ nome }}, abbiamo ricevuto la richiesta {{ numero_richiesta }}.',
      de: 'Danke, {{ nome }}.',
    })

    const preview = await client
      .post(`${base}/ricevuta/anteprima`)
      .form({ '_anteprima': 'en', 'receipt[it]': 'Da non perdere', 'receipt[en]': '' })
      .withCsrfToken()
      .loginAs(admin)
    preview.assertTextIncludes('la tua richiesta per il servizio Permesso ZTL è stata ricevuta')
    preview.assertTextIncludes(ente.name)
    preview.assertTextIncludes('>Da non perdere</textarea>')

    const wrong = await client
      .put(`${base}/ricevuta`)
      .form({ 'receipt[it]': 'Ciao {{ codice_fiscale }}' })
      .withCsrfToken()
      .loginAs(admin)
    wrong.assertStatus(422)
    wrong.assertTextIncludes('Segnaposto sconosciuto: {{ codice_fiscale }}')
  })
})
