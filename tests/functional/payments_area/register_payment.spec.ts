import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import PaymentPosition from '#models/payment_position'
import PraticaMessage from '#models/pratica_message'
import AuditLog from '#models/audit_log'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { officeFixture, operatorOf, praticaUrl } from '#tests/functional/backoffice_pratica/helpers'
import { praticaIn } from '#tests/functional/personal_area/helpers'
import { createdPositions, fakePayments } from './helpers.js'

/** A pratica waiting for its payment at request (1500), its position created at the fake intermediary. */
async function waitingPratica() {
  const fixture = await officeFixture()
  const { remote, restore } = await fakePayments(fixture.ente)
  fixture.service.paymentSettings = {
    atRequest: [{ causale: 'Diritti di istruttoria', amountCents: 1600, bilancio: [] }],
    deferred: [],
  }
  await fixture.service.save()
  const pratica = await praticaIn(fixture.ente, fixture.service, fixture.citizen, 1500)
  const [position] = await createdPositions(
    fixture.ente,
    fixture.citizen,
    [{ causale: 'Diritti di istruttoria', amountCents: 1600 }],
    { praticaId: pratica.id, phase: 'at_request' }
  )
  return { ...fixture, remote, restore, pratica, position, url: praticaUrl(fixture.ente, pratica) }
}

test.group('Registra pagamento and the Pagamento tab', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Pagamento tab shows the position with the manual fields, to the operator and the citizen', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { ente, citizen, mario, pratica, position, url, restore } = await waitingPratica()
    cleanup(restore)
    const office = await client.get(url).loginAs(mario)
    office.assertStatus(200)
    for (const text of [
      'Importo: <strong>16,00',
      'Causale versamento</dt><dd class="col-sm-7">Diritti di istruttoria',
      `Intestatario</dt><dd class="col-sm-7">${citizen.fullName} - ${citizen.fiscalCode}`,
      'Data di creazione del dovuto',
      'Metodo di pagamento</dt><dd class="col-sm-7">PAGOPA',
      `<span id="iuv-${position.uuid}">${position.iuv}</span>`,
      `<span id="iud-${position.uuid}">${position.iud}</span>`,
      'data-copy-target',
      '>Registra pagamento</a>',
    ]) {
      assert.include(office.text(), text)
    }
    const area = await client
      .get(`/${ente.slug}/area-personale/pratiche/${pratica.uuid}`)
      .withGuard('citizen')
      .loginAs(citizen)
    assert.include(area.text(), `<span id="iuv-${position.uuid}">${position.iuv}</span>`)
    assert.notInclude(area.text(), 'Registra pagamento')
    // the citizen pays it from the tab too, online or with the avviso
    assert.include(area.text(), `/${ente.slug}/area-personale/pagamenti/${position.uuid}/avviso`)
    assert.include(area.text(), `name="avviso" value="${position.uuid}"`)
    assert.notInclude(office.text(), '/avviso"')
  })

  test('registers a payment made elsewhere: the position is paid, the pratica Inviata, the reason an internal note', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { mario, pratica, position, url, restore, remote, ente, citizen } = await waitingPratica()
    cleanup(restore)
    const form = await client.get(`${url}/registra-pagamento`).loginAs(mario)
    assert.include(form.text(), "l'azione è irreversibile")

    const done = await client
      .post(`${url}/registra-pagamento`)
      .form({ motivazione: 'Pagato in contanti allo sportello', destinazione: 'nota' })
      .withCsrfToken()
      .loginAs(mario)
      .redirects(0)
    done.assertStatus(302)
    assert.equal(done.flashMessages().success, 'Pagamento registrato.')

    await position.refresh()
    assert.equal(position.status, 'COMPLETE')
    assert.equal(position.receipt?.method, 'Registrato dall’operatore')
    await pratica.refresh()
    assert.equal(pratica.status, 1900)
    const note = await PraticaMessage.query().where('pratica_id', pratica.id).firstOrFail()
    assert.equal(note.visibility, 'internal')
    assert.include(note.body, 'Pagato in contanti allo sportello')
    const audit = await AuditLog.query().where('action', 'payment_registered').firstOrFail()
    assert.equal(audit.actorId, mario.id)
    // the notice is withdrawn at the intermediary: nobody pays it twice
    assert.equal(
      remote.get(position.iud!).status === 200 && (remote.get(position.iud!) as any).body.status,
      'INVALID'
    )

    const tab = await client.get(url).loginAs(mario)
    assert.include(
      tab.text(),
      'Metodo di pagamento</dt><dd class="col-sm-7">Registrato dall’operatore'
    )
    assert.include(tab.text(), 'Scarica ricevuta pagamento')
    const receipt = await client.get(`${url}/pagamenti/${position.uuid}/ricevuta`).loginAs(mario)
    receipt.assertStatus(200)
    assert.equal(receipt.header('content-type'), 'application/pdf')
    const area = await client
      .get(`/${ente.slug}/area-personale/pratiche/${pratica.uuid}`)
      .withGuard('citizen')
      .loginAs(citizen)
    assert.notInclude(area.text(), 'Pagato in contanti allo sportello')
  })

  test('a reason sent as a message reaches the citizen; without a reason nothing changes', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { mario, pratica, url, restore } = await waitingPratica()
    cleanup(restore)
    const missing = await client
      .post(`${url}/registra-pagamento`)
      .form({ motivazione: '  ', destinazione: 'messaggio' })
      .withCsrfToken()
      .loginAs(mario)
    missing.assertStatus(422)
    assert.include(missing.text(), 'Scrivi la motivazione')
    assert.include(missing.text(), 'value="messaggio" checked')
    await pratica.refresh()
    assert.equal(pratica.status, 1500)

    await client
      .post(`${url}/registra-pagamento`)
      .form({ motivazione: 'Bonifico ricevuto con altro IUV', destinazione: 'messaggio' })
      .withCsrfToken()
      .loginAs(mario)
    const message = await PraticaMessage.query().where('pratica_id', pratica.id).firstOrFail()
    assert.equal(message.visibility, 'applicant')
  })

  test('two operators at once: one registers, the other is told it is done', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { mario, giulia, pratica, url, restore } = await waitingPratica()
    cleanup(restore)
    const post = (user: typeof mario) =>
      client
        .post(`${url}/registra-pagamento`)
        .form({ motivazione: 'Contanti', destinazione: 'nota' })
        .withCsrfToken()
        .loginAs(user)
        .redirects(0)
    const answers = await Promise.all([post(mario), post(giulia)])
    const flashes = answers.map((answer) => answer.flashMessages())
    assert.sameMembers(
      flashes.map((flash) => flash.success ?? flash.error),
      ['Pagamento registrato.', 'Il pagamento di questa pratica è già stato registrato.']
    )
    const changes = await Pratica.query().where('id', pratica.id).firstOrFail()
    assert.equal(changes.status, 1900)
    const positions = await PaymentPosition.query().where('pratica_id', pratica.id)
    assert.lengthOf(positions, 1)
  })

  test('an operator of another ente or not enabled for the service: 404', async ({
    client,
    cleanup,
  }) => {
    const { ente, url, position, restore } = await waitingPratica()
    cleanup(restore)
    const stranger = await operatorOf(ente, null, 'Anna', 'Neri')
    const other = await EnteFactory.create()
    const foreign = await UserFactory.merge({ enteId: other.id }).create()
    for (const user of [stranger, foreign]) {
      for (const path of ['/registra-pagamento', `/pagamenti/${position.uuid}/ricevuta`]) {
        const answer = await client.get(`${url}${path}`).loginAs(user)
        answer.assertStatus(404)
      }
      const post = await client
        .post(`${url}/registra-pagamento`)
        .form({ motivazione: 'x', destinazione: 'nota' })
        .withCsrfToken()
        .loginAs(user)
      post.assertStatus(404)
    }
  })
})
