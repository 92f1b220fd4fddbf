import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import AuditLog from '#models/audit_log'
import { adminWithService, reloaded } from '#tests/functional/services/helpers'

/** Page text with the apostrophes Edge escapes put back. */
function unescaped(html: string) {
  return html.replace(/&#x27;/g, "'")
}

const PAYMENT = {
  'deferred[0][causale]': 'Occupazione temporanea di suolo pubblico',
  'deferred[0][importo]': '10,00',
  'deferred[0][datiSpecificiRiscossione]': '9/0301123AP/',
  'deferred[0][taxonomyCode]': '9/0101100IM/',
  'deferred[0][bilancio][0][id]': 'c_1',
  'deferred[0][bilancio][0][codCapitolo]': 'Cap1',
  'deferred[0][bilancio][0][codUfficio]': 'Uff1',
  'deferred[0][bilancio][0][codAccertamento]': 'Acc1',
  'deferred[0][bilancio][0][importo]': '2',
  'deferred[0][bilancio][1][id]': 'c_2',
  'deferred[0][bilancio][1][codCapitolo]': 'Cap2',
  'deferred[0][bilancio][1][importo]': '8,00',
}

test.group('Modifica servizio: Pagamenti and Bolli', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the tabs show the manual fields, the taxonomy and the explanation of the four types', async ({
    client,
    assert,
  }) => {
    const { admin, base } = await adminWithService()
    const page = await client.get(`${base}/pagamenti`).loginAs(admin)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'Pagamenti in fase di richiesta (0)')
    assert.include(html, 'Pagamenti posticipati (0)')
    assert.include(html, '>Bolli</a>')

    const added = await client
      .put(`${base}/pagamenti`)
      .form({ azione: 'aggiungi:deferred' })
      .withCsrfToken()
      .loginAs(admin)
    const form = unescaped(added.text())
    assert.include(form, 'Pagamento posticipato 1')
    assert.include(form, 'Dati specifici riscossione')
    assert.include(form, "9 (Altro codice ad uso dell'amministrazione)")
    assert.include(
      form,
      '<option value="9/0101100IM/" >TRIBUTI: Rendite catastali (ICI, IMU, TUC, ecc.)</option>'
    )
    assert.include(form, '+ Aggiungi bilancio')
  })

  test('saves a deferred payment with its bilancio and audits it', async ({ client, assert }) => {
    const { admin, service, base } = await adminWithService()
    const response = await client
      .put(`${base}/pagamenti`)
      .form(PAYMENT)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `${base}/pagamenti`)
    const saved = await reloaded(service)
    assert.deepEqual(saved.paymentSettings, {
      atRequest: [],
      deferred: [
        {
          causale: 'Occupazione temporanea di suolo pubblico',
          amountCents: 1000,
          bilancio: [
            {
              id: 'c_1',
              codCapitolo: 'Cap1',
              codUfficio: 'Uff1',
              codAccertamento: 'Acc1',
              importoCents: 200,
            },
            { id: 'c_2', codCapitolo: 'Cap2', importoCents: 800 },
          ],
          taxonomyCode: '9/0101100IM/',
          datiSpecificiRiscossione: '9/0301123AP/',
        },
      ],
    })
    const audit = await AuditLog.query().where('action', 'service_updated').firstOrFail()
    assert.deepEqual(audit.metadata, { tab: 'pagamenti', fields: ['paymentSettings'] })

    const page = await client.get(`${base}/pagamenti`).loginAs(admin)
    assert.include(page.text(), 'value="Occupazione temporanea di suolo pubblico"')
    assert.include(page.text(), 'value="8,00"')
  })

  test('a wrong sum comes back with the message and everything typed', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()
    const response = await client
      .put(`${base}/pagamenti`)
      .form({
        ...PAYMENT,
        'deferred[0][bilancio][1][importo]': '7,50',
        'deferred[0][datiSpecificiRiscossione]': '7/X',
      })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    const html = unescaped(response.text())
    assert.include(
      html,
      "La somma degli importi delle voci (9,50 €) deve essere uguale all'importo totale (10,00 €)."
    )
    assert.include(html, 'Formato non valido: TIPO_CONTABILITA (0, 1, 2 o 9)')
    assert.include(html, 'value="7,50"')
    assert.include(html, 'value="Occupazione temporanea di suolo pubblico"')
    assert.include(html, 'value="7/X"')
    const after = await reloaded(service)
    assert.deepEqual(after.paymentSettings, { atRequest: [], deferred: [] })
  })

  test('Aggiungi bilancio and Elimina rebuild the form without saving', async ({
    client,
    assert,
  }) => {
    const { admin, service, base } = await adminWithService()
    const added = await client
      .put(`${base}/pagamenti`)
      .form({ ...PAYMENT, azione: 'aggiungi-bilancio:deferred:0' })
      .withCsrfToken()
      .loginAs(admin)
    assert.include(added.text(), 'name="deferred[0][bilancio][2][id]"')
    const removed = await client
      .put(`${base}/pagamenti`)
      .form({ ...PAYMENT, azione: 'elimina-bilancio:deferred:0:0' })
      .withCsrfToken()
      .loginAs(admin)
    assert.notInclude(removed.text(), 'value="Cap1"')
    assert.include(removed.text(), 'value="Cap2"')
    const gone = await client
      .put(`${base}/pagamenti`)
      .form({ ...PAYMENT, azione: 'elimina:deferred:0' })
      .withCsrfToken()
      .loginAs(admin)
    assert.include(gone.text(), 'Pagamenti posticipati (0)')
    const after = await reloaded(service)
    assert.deepEqual(after.paymentSettings, { atRequest: [], deferred: [] })
  })

  test('an amount calculated by a number field of the form', async ({ client, assert }) => {
    const { admin, service, base } = await adminWithService()
    const { saveFormVersion } = await import('#services/forms/form_versions')
    await saveFormVersion(service, {
      display: 'form',
      components: [{ type: 'number', key: 'importo_dovuto', label: 'Importo dovuto', input: true }],
    })
    const page = await client
      .put(`${base}/pagamenti`)
      .form({ azione: 'aggiungi:atRequest' })
      .withCsrfToken()
      .loginAs(admin)
    assert.include(
      page.text(),
      '<option value="importo_dovuto" >Importo dovuto (importo_dovuto)</option>'
    )
    await client
      .put(`${base}/pagamenti`)
      .form({
        'atRequest[0][causale]': 'Diritti',
        'atRequest[0][importo]': '',
        'atRequest[0][amountField]': 'importo_dovuto',
        'atRequest[0][datiSpecificiRiscossione]': '9/0301123AP/',
        'atRequest[0][taxonomyCode]': '9/0101100IM/',
      })
      .withCsrfToken()
      .loginAs(admin)
    const saved = await reloaded(service)
    assert.deepEqual(saved.paymentSettings.atRequest[0], {
      causale: 'Diritti',
      amountCents: null,
      amountField: 'importo_dovuto',
      bilancio: [],
      taxonomyCode: '9/0101100IM/',
      datiSpecificiRiscossione: '9/0301123AP/',
    })
  })

  test('Bolli: at request with causale and importo, and at release', async ({ client, assert }) => {
    const { admin, service, base } = await adminWithService()
    const bad = await client
      .put(`${base}/bolli`)
      .form({ 'atRequest[0][causale]': '', 'atRequest[0][importo]': 'sedici', 'atRelease': 'true' })
      .withCsrfToken()
      .loginAs(admin)
    bad.assertStatus(422)
    assert.include(bad.text(), 'Scrivi la causale del bollo.')
    assert.include(bad.text(), 'value="sedici"')
    assert.include(bad.text(), 'checked')

    await client
      .put(`${base}/bolli`)
      .form({
        'atRequest[0][causale]': 'Bollo sull’istanza',
        'atRequest[0][importo]': '16,00',
        'atRelease': 'true',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    const after = await reloaded(service)
    assert.deepEqual(after.stampSettings, {
      atRequest: [{ causale: 'Bollo sull’istanza', amountCents: 1600 }],
      atRelease: true,
    })
  })

  test('only the ente admin of the ente: others get 404', async ({ client }) => {
    const { operator, base } = await adminWithService()
    const other = await EnteFactory.create()
    const otherAdmin = await UserFactory.apply('enteAdmin').merge({ enteId: other.id }).create()
    const foreign = base.replace(/^\/[^/]+/, `/${other.slug}`)
    const answers = [
      await client.get(`${base}/pagamenti`).loginAs(operator),
      await client.get(`${base}/bolli`).loginAs(operator),
      await client.get(`${foreign}/pagamenti`).loginAs(otherAdmin),
      await client.put(`${foreign}/bolli`).form({}).withCsrfToken().loginAs(otherAdmin),
    ]
    for (const answer of answers) answer.assertStatus(404)
  })
})
