import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import PraticaMessage from '#models/pratica_message'
import Upload from '#models/upload'
import { UserFactory } from '#factories/user_factory'
import { pdf } from '#tests/functional/personal_area/helpers'
import { fillAndSubmit, workTheQueue, ztlSetup } from '#tests/functional/pratiche/helpers'
import { emailsTo, iterOf, outsiders } from '#tests/functional/backoffice_integrations/helpers'
import { forwardPratica, PRATICA_FORWARDED } from '#services/backoffice/forward/forward_pratica'

/** A service with workflow "Inoltro", a pratica sent by the citizen and acquired (the jobs run). */
async function forwarded(client: any) {
  const { ente, service, citizen } = await ztlSetup({
    workflow: 'forward',
    forwardUrl: 'https://backoffice.esterno.example.it/pratiche',
  })
  const operator = await UserFactory.merge({ enteId: ente.id }).create()
  await operator.related('services').attach([service.id])
  const { pratica } = await fillAndSubmit(client, ente, service, citizen)
  await workTheQueue()
  await pratica.refresh()
  const base = `/${ente.slug}/backoffice/pratiche/${pratica.uuid}`
  return { ente, service, citizen, operator, pratica, base }
}

async function forwardedEvents() {
  const rows = await db.from('outbox_events').where('type', PRATICA_FORWARDED)
  return rows.map((row) =>
    typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload
  )
}

test.group('Workflow Inoltro', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('on acquisition the pratica is forwarded once: the event with what a back office needs, forwarded_at', async ({
    client,
    assert,
  }) => {
    const { pratica, service, citizen } = await forwarded(client)
    assert.equal(pratica.status, 2000)
    assert.isNotNull(pratica.forwardedAt)
    const events = await forwardedEvents()
    assert.lengthOf(events, 1)
    const [event] = events
    assert.equal(event.id, pratica.uuid)
    assert.equal(event.service, service.slug)
    assert.equal(event.forward_url, 'https://backoffice.esterno.example.it/pratiche')
    assert.equal(event.status, '2000')
    assert.equal(event.user.fiscal_code, citizen.fiscalCode)
    assert.deepEqual(event.data, pratica.data)
    assert.isString(event.forwarded_at)

    assert.isFalse(await forwardPratica(pratica.id))
    assert.lengthOf(await forwardedEvents(), 1)
  })

  test('an approval service is never forwarded', async ({ client, assert }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { pratica } = await fillAndSubmit(client, ente, service, citizen)
    await workTheQueue()
    await pratica.refresh()
    assert.isNull(pratica.forwardedAt)
    assert.lengthOf(await forwardedEvents(), 0)
  })

  test('the backoffice shows it read-only with "Registra esito"; Prendi in carico is refused', async ({
    client,
    assert,
  }) => {
    const { operator, base, pratica } = await forwarded(client)
    const page = await client.get(base).loginAs(operator)
    page.assertStatus(200)
    page.assertTextIncludes('Inoltrata al back office esterno il')
    page.assertTextIncludes(`${base}/registra-esito`)
    assert.notInclude(page.text(), 'Prendi in carico')
    assert.notInclude(page.text(), `${base}/approva`)

    await client.post(`${base}/prendi-in-carico`).loginAs(operator).withCsrfToken().redirects(0)
    await pratica.refresh()
    assert.isNull(pratica.operatorId)
    assert.equal(pratica.status, 2000)
  })

  test('"Registra esito" accettata: → 4000 → 7000, the message with its document, the e-mail, the audit', async ({
    client,
    assert,
  }) => {
    const { operator, base, pratica, citizen } = await forwarded(client)
    const form = await client.get(`${base}/registra-esito`).loginAs(operator)
    form.assertStatus(200)
    form.assertTextIncludes('Registra esito')

    const response = await client
      .post(`${base}/registra-esito`)
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
      .field('esito', 'accettata')
      .field('messaggio', 'Il permesso è stato rilasciato dal back office della Polizia locale.')
      .file('allegati', pdf(), { filename: 'permesso.pdf' })
    response.assertStatus(302)
    response.assertHeader('location', base)

    await pratica.refresh()
    assert.equal(pratica.status, 7000)
    const iter = await iterOf(pratica)
    assert.deepEqual(iter.slice(-2), ['4000:operator', '7000:operator'])
    const message = await PraticaMessage.query()
      .where('pratica_id', pratica.id)
      .where('subject', 'Esito della richiesta')
      .firstOrFail()
    assert.include(message.body, 'Il permesso è stato rilasciato')
    const files = await Upload.query().where('owner', message.uploadOwner)
    assert.deepEqual(
      files.map((file) => file.clientName),
      ['permesso.pdf']
    )
    const emails = await emailsTo(citizen.email!)
    assert.isTrue(
      emails.some((email) => email.body.text.includes('Il permesso è stato rilasciato'))
    )
    const audit = await db.from('audit_logs').where('action', 'pratica_outcome_recorded')
    assert.lengthOf(audit, 1)
    assert.include(audit[0].metadata, 'accettata')
  })

  test('no outcome chosen, no text: the reasons next to the fields, the rest kept; twice: one change', async ({
    client,
    assert,
  }) => {
    const { operator, base, pratica } = await forwarded(client)
    const missing = await client
      .post(`${base}/registra-esito`)
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
      .field('messaggio', 'Respinta per mancanza dei requisiti.')
    missing.assertStatus(422)
    missing.assertTextIncludes('Scegli l&#x27;esito: accettata o rifiutata.')
    missing.assertTextIncludes('Respinta per mancanza dei requisiti.')

    const reject = () =>
      client
        .post(`${base}/registra-esito`)
        .loginAs(operator)
        .withCsrfToken()
        .redirects(0)
        .form({ esito: 'rifiutata', messaggio: 'Respinta per mancanza dei requisiti.' })
    const [first, second] = await Promise.all([reject(), reject()])
    assert.deepEqual([first.status(), second.status()].sort(), [302, 422])
    const loser = first.status() === 422 ? first : second
    assert.match(
      loser.text(),
      /nel frattempo è passata allo stato|L&#x27;esito non si può registrare/
    )
    await pratica.refresh()
    assert.equal(pratica.status, 9000)
    const iter = await iterOf(pratica)
    assert.lengthOf(
      iter.filter((entry) => entry.startsWith('9000')),
      1
    )
  })

  test('404 for staff outside the service or the ente, and for a pratica of an approval service', async ({
    client,
    assert,
  }) => {
    const { ente, base, pratica } = await forwarded(client)
    for (const user of await outsiders(ente)) {
      const page = await client.get(`${base}/registra-esito`).loginAs(user)
      page.assertStatus(404)
      const post = await client
        .post(`${base}/registra-esito`)
        .loginAs(user)
        .withCsrfToken()
        .form({ esito: 'accettata', messaggio: 'x' })
      post.assertStatus(404)
    }
    const unchanged = await Pratica.findOrFail(pratica.id)
    assert.equal(unchanged.status, 2000)

    const approval = await ztlSetup()
    const operator = await UserFactory.merge({ enteId: approval.ente.id }).create()
    await operator.related('services').attach([approval.service.id])
    const sent = await fillAndSubmit(client, approval.ente, approval.service, approval.citizen)
    const other = `/${approval.ente.slug}/backoffice/pratiche/${sent.pratica.uuid}/registra-esito`
    const notForwarded = await client.get(other).loginAs(operator)
    notForwarded.assertStatus(404)
  })
})
