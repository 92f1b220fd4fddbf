import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory, TEST_PASSWORD } from '#factories/user_factory'
import { ServiceFactory } from '#factories/service_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import User from '#models/user'
import type Ente from '#models/ente'
import { auditEntries, clearRateLimits, mailsTo, workTheQueue } from '../auth/helpers.js'

const list = (ente: Ente) => `/${ente.slug}/backoffice/operatori`

function act(
  client: any,
  actor: User,
  ente: Ente,
  path: string,
  form: Record<string, string> = {}
) {
  return client
    .post(`${list(ente)}${path}`)
    .header('referer', `${list(ente)}?cerca=rossi`)
    .form(form)
    .loginAs(actor)
    .withCsrfToken()
    .redirects(0)
}

test.group('Operatori: row actions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())

  test('"Reimposta password" e-mails the operator a reset link, back on the same list', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const response = await act(client, manager, ente, `/${operator.id}/reimposta-password`)
    response.assertHeader('location', `${list(ente)}?cerca=rossi`)
    response.assertFlashMessage(
      'success',
      `E-mail per reimpostare la password inviata a ${operator.email}.`
    )
    await workTheQueue()
    const [mail] = await mailsTo(operator.email)
    assert.equal(mail.subject, `Reimposta password - ${ente.name}`)

    const [entry] = await auditEntries('password_reset_requested')
    assert.equal(entry.actorId, manager.id)
    assert.equal(entry.subjectId, String(operator.id))
    assert.deepEqual(entry.metadata, { requestedBy: 'manager' })
  })

  test('"Rendi manager" and "Rendi operatore", audited; the list offers the right one', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const before = await client.get(list(ente)).loginAs(manager)
    before.assertTextIncludes('Rendi manager')

    const promoted = await act(client, manager, ente, `/${operator.id}/ruolo`, { role: 'manager' })
    promoted.assertFlashMessage('success', `${operator.fullName} ora è Manager.`)
    await operator.refresh()
    assert.equal(operator.role, 'manager')
    const after = await client.get(list(ente)).loginAs(manager)
    after.assertTextIncludes('Rendi operatore')

    const demoted = await act(client, manager, ente, `/${operator.id}/ruolo`, { role: 'operator' })
    demoted.assertStatus(302)
    await operator.refresh()
    assert.equal(operator.role, 'operator')

    const entries = await auditEntries('operator_role_changed')
    assert.deepEqual(
      entries.map((entry) => entry.metadata),
      [
        { from: 'operator', to: 'manager' },
        { from: 'manager', to: 'operator' },
      ]
    )
  })

  test('nobody locks themselves out: own role, disabling or deleting oneself is refused', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()

    const cases: Array<[string, Record<string, string>, string]> = [
      ['/ruolo', { role: 'operator' }, 'Non puoi cambiare il tuo ruolo.'],
      ['/abilitato', { enabled: 'false' }, 'Non puoi disabilitare il tuo account.'],
    ]
    for (const [path, form, message] of cases) {
      const response = await act(client, manager, ente, `/${manager.id}${path}`, form)
      response.assertFlashMessage('error', message)
    }
    const deleted = await client
      .delete(`${list(ente)}/${manager.id}`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    deleted.assertFlashMessage('error', 'Non puoi eliminare il tuo account.')

    await manager.refresh()
    assert.equal(manager.role, 'manager')
    assert.isTrue(manager.isEnabled)
    // the list offers none of them for oneself, but "Modifica" is there
    const page = await client.get(list(ente)).qs({ cerca: manager.username }).loginAs(manager)
    assert.notInclude(page.text(), 'Rendi operatore')
    assert.notInclude(page.text(), `${list(ente)}/${manager.id}/elimina`)
    assert.notInclude(page.text(), `${list(ente)}/${manager.id}/abilitato`)
    page.assertTextIncludes(`${list(ente)}/${manager.id}/modifica`)
  })

  test('a manager cannot touch an ente admin (404); an ente admin can', async ({ client }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
    const otherAdmin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()

    const byManager = [
      await client.get(`${list(ente)}/${admin.id}/modifica`).loginAs(manager),
      await act(client, manager, ente, `/${admin.id}/abilitato`, { enabled: 'false' }),
      await act(client, manager, ente, `/${admin.id}/reimposta-password`),
      await client.get(`${list(ente)}/${admin.id}/elimina`).loginAs(manager),
    ]
    for (const response of byManager) response.assertStatus(404)

    const byAdmin = await client.get(`${list(ente)}/${otherAdmin.id}/modifica`).loginAs(admin)
    byAdmin.assertStatus(200)
    const roleChange = await act(client, admin, ente, `/${otherAdmin.id}/ruolo`, {
      role: 'manager',
    })
    roleChange.assertFlashMessage(
      'error',
      "Il ruolo dell'amministratore dell'ente non si cambia da questa pagina."
    )
    const demoted = await act(client, admin, ente, `/${manager.id}/ruolo`, { role: 'operator' })
    demoted.assertFlashMessage('success', `${manager.fullName} ora è Operatore.`)
  })

  test('"Abilitato" off: no login, sessions end, Ricordami tokens deleted; on again', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const loggedIn = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: operator.username, password: TEST_PASSWORD, remember: 'true' })
      .withCsrfToken()
      .redirects(0)
    const session = loggedIn.session()
    assert.lengthOf(await db.from('remember_me_tokens').where('tokenable_id', operator.id), 1)

    const off = await act(client, manager, ente, `/${operator.id}/abilitato`, { enabled: 'false' })
    off.assertFlashMessage('success', `${operator.fullName} disabilitato.`)
    await operator.refresh()
    assert.isFalse(operator.isEnabled)
    assert.lengthOf(await db.from('remember_me_tokens').where('tokenable_id', operator.id), 0)

    const ended = await client.get(`/${ente.slug}/backoffice`).withSession(session).redirects(0)
    ended.assertHeader('location', `/${ente.slug}/operatori/login`)
    const login = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: operator.username, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertFlashMessage('errors', {
      login: 'Il tuo account è disabilitato: rivolgiti al manager del tuo ufficio.',
    })

    const on = await act(client, manager, ente, `/${operator.id}/abilitato`, { enabled: 'true' })
    on.assertFlashMessage('success', `${operator.fullName} abilitato.`)
    await operator.refresh()
    assert.isTrue(operator.isEnabled)
    const disabledEntries = await auditEntries('operator_disabled')
    assert.deepEqual(
      disabledEntries.map((entry) => entry.subjectId),
      [String(operator.id)]
    )
    assert.lengthOf(await auditEntries('operator_enabled'), 1)
  })

  test('a disabled operator gets no reset link from the list', async ({ client, assert }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const operator = await UserFactory.apply('disabled').merge({ enteId: ente.id }).create()

    const response = await act(client, manager, ente, `/${operator.id}/reimposta-password`)
    response.assertFlashMessage(
      'error',
      "L'operatore è disabilitato: abilitalo prima di reimpostare la password."
    )
    await workTheQueue()
    assert.lengthOf(await mailsTo(operator.email), 0)
  })

  test('"Elimina" is refused while the operator has pratiche in charge', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const service = await ServiceFactory.merge({ enteId: ente.id }).create()
    const pratiche = await PraticaFactory.merge({
      enteId: ente.id,
      serviceId: service.id,
      operatorId: operator.id,
    })
      .apply('submitted')
      .createMany(2)
    await pratiche[1].merge({ status: 4000 }).save()

    const confirm = await client.get(`${list(ente)}/${operator.id}/elimina`).loginAs(manager)
    confirm.assertTextIncludes(
      'Non è possibile eliminare l&#x27;operatore: ha in carico 2 pratiche. Assegnale ad altri operatori prima di eliminarlo.'
    )
    const refused = await client
      .delete(`${list(ente)}/${operator.id}`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      "Non è possibile eliminare l'operatore: ha in carico 2 pratiche. Assegnale ad altri operatori prima di eliminarlo."
    )
    assert.isNotNull(await User.find(operator.id))

    // closed pratiche do not hold anyone back
    for (const pratica of pratiche) await pratica.merge({ status: 7000 }).save()
    const deleted = await client
      .delete(`${list(ente)}/${operator.id}`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    deleted.assertHeader('location', list(ente))
    deleted.assertFlashMessage('success', `Operatore ${operator.fullName} eliminato.`)
    assert.isNull(await User.find(operator.id))

    const [entry] = await auditEntries('operator_deleted')
    assert.equal(entry.subjectLabel, `${operator.fullName} (${operator.username})`)
    assert.equal(entry.actorId, manager.id)
  })
})
