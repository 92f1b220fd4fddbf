import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { ServiceFactory } from '#factories/service_factory'
import { OfficeFactory } from '#factories/office_factory'
import User from '#models/user'
import PasswordToken from '#models/password_token'
import type Ente from '#models/ente'
import {
  auditEntries,
  clearRateLimits,
  mailsTo,
  passwordLinkIn,
  workTheQueue,
} from '../auth/helpers.js'

const list = (ente: Ente) => `/${ente.slug}/backoffice/operatori`

test.group('Operatori: list, create, edit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())

  test('managers and ente admins see the page; operators get 404', async ({ client }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    for (const user of [manager, admin]) {
      const page = await client.get(list(ente)).loginAs(user)
      page.assertStatus(200)
      for (const column of ['Nome', 'Username', 'Email', 'Ruolo', 'Abilitato', 'Aggiungi']) {
        page.assertTextIncludes(column)
      }
    }
    const listForOperator = await client.get(list(ente)).loginAs(operator)
    listForOperator.assertStatus(404)
    const createForOperator = await client.get(`${list(ente)}/nuovo`).loginAs(operator)
    createForOperator.assertStatus(404)
  })

  test('the list shows only this ente\'s staff; "Cerca" narrows it by name, username or email', async ({
    client,
    assert,
  }) => {
    const [ente, other] = await EnteFactory.createMany(2)
    const manager = await UserFactory.apply('manager')
      .merge({
        enteId: ente.id,
        firstName: 'Lorenzo',
        lastName: 'Bertoli',
        username: 'lorenzo.bertoli',
      })
      .create()
    await UserFactory.merge({
      enteId: ente.id,
      firstName: 'Lorenzo',
      lastName: 'Fabbri',
      username: 'lorenzo.fabbri',
    }).create()
    await UserFactory.merge({
      enteId: ente.id,
      firstName: 'Mario',
      lastName: 'Rossi',
      username: 'mario.rossi',
      email: 'mario.rossi@comune.example.it',
    }).create()
    await UserFactory.merge({
      enteId: other.id,
      firstName: 'Lorenzo',
      lastName: 'Estraneo',
    }).create()
    await UserFactory.apply('platformAdmin').merge({ firstName: 'Lorenzo' }).create()

    const all = await client.get(list(ente)).loginAs(manager)
    all.assertTextIncludes('Vista da 1 a 3 di 3 elementi')
    assert.notInclude(all.text(), 'Estraneo')

    const lorenzo = await client.get(list(ente)).qs({ cerca: 'lorenzo' }).loginAs(manager)
    lorenzo.assertTextIncludes('Vista da 1 a 2 di 2 elementi (filtrati da 3 elementi totali)')
    assert.notInclude(lorenzo.text(), 'mario.rossi')

    const byEmail = await client.get(list(ente)).qs({ cerca: 'ROSSI@comune' }).loginAs(manager)
    byEmail.assertTextIncludes('Vista da 1 a 1 di 1 elementi')
    byEmail.assertTextIncludes('mario.rossi')

    const fullName = await client.get(list(ente)).qs({ cerca: 'lorenzo fabbri' }).loginAs(manager)
    fullName.assertTextIncludes('Vista da 1 a 1 di 1 elementi')

    const wildcard = await client.get(list(ente)).qs({ cerca: '%' }).loginAs(manager)
    wildcard.assertTextIncludes('Nessun operatore corrisponde alla ricerca.')
  })

  test('50 a page, with Precedente and Successivo', async ({ client }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager')
      .merge({ enteId: ente.id, lastName: 'Aaa' })
      .create()
    await UserFactory.merge({ enteId: ente.id }).createMany(51)

    const first = await client.get(list(ente)).loginAs(manager)
    first.assertTextIncludes('Vista da 1 a 50 di 52 elementi')
    first.assertTextIncludes(`href="${list(ente)}?page=2"`)
    const second = await client.get(list(ente)).qs({ page: 2 }).loginAs(manager)
    second.assertTextIncludes('Vista da 51 a 52 di 52 elementi')
    second.assertTextIncludes('Precedente')
  })

  test('"Crea nuovo operatore": no password, an e-mail to set one, enablements of this ente only', async ({
    client,
    assert,
  }) => {
    const [ente, other] = await EnteFactory.createMany(2)
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const service = await ServiceFactory.merge({ enteId: ente.id }).create()
    const office = await OfficeFactory.merge({ enteId: ente.id }).create()
    const foreignService = await ServiceFactory.merge({ enteId: other.id }).create()

    const form = await client.get(`${list(ente)}/nuovo`).loginAs(manager)
    form.assertStatus(200)
    for (const text of [
      'Crea nuovo operatore',
      'Dati generali',
      'Servizi',
      'Calendari',
      'Uffici',
      service.name,
      office.name,
    ]) {
      form.assertTextIncludes(text)
    }

    const created = await client
      .post(list(ente))
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
      .form({
        'firstName': 'Mario',
        'lastName': 'Rossi',
        'username': 'Mario.Rossi',
        'email': 'mario.rossi@comune.example.it',
        'services[]': [String(service.id), String(foreignService.id)],
        'offices[]': [String(office.id)],
      })
    created.assertHeader('location', list(ente))
    created.assertFlashMessage(
      'success',
      "Operatore Mario Rossi creato: riceverà a mario.rossi@comune.example.it un'e-mail per impostare la password."
    )

    const operator = await User.query()
      .where({ ente_id: ente.id, username: 'mario.rossi' })
      .firstOrFail()
    assert.equal(operator.role, 'operator')
    assert.isNull(operator.password)
    assert.isTrue(operator.isEnabled)
    await operator.load('services')
    await operator.load('offices')
    assert.deepEqual(
      operator.services.map((s) => s.id),
      [service.id]
    )
    assert.deepEqual(
      operator.offices.map((o) => o.id),
      [office.id]
    )

    const [entry] = await auditEntries('operator_created')
    assert.equal(entry.actorId, manager.id)
    assert.equal(entry.subjectId, String(operator.id))
    assert.deepEqual(entry.metadata.services, [service.name])

    await workTheQueue()
    const [mail] = await mailsTo('mario.rossi@comune.example.it')
    assert.equal(mail.subject, `Imposta la password - ${ente.name}`)
    assert.include(mail.text!, 'La tua username è: mario.rossi')
    assert.include(mail.text!, 'Il link vale 7 giorni')
    const { path } = passwordLinkIn(mail)
    const page = await client.get(path)
    page.assertTextIncludes('Imposta la password')
    const [token] = await PasswordToken.query().where('user_id', operator.id)
    assert.equal(token.purpose, 'setup')

    const set = await client
      .post(path)
      .form({ password: 'Cielo-Sereno-2026', password_confirmation: 'Cielo-Sereno-2026' })
      .withCsrfToken()
      .redirects(0)
    set.assertFlashMessage('success', 'Password impostata: ora puoi accedere.')
    const login = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: 'mario.rossi', password: 'Cielo-Sereno-2026' })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', `/${ente.slug}/backoffice`)
  })

  test('bad input comes back with the message next to the field and nothing lost', async ({
    client,
    assert,
  }) => {
    const [ente, other] = await EnteFactory.createMany(2)
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const taken = await UserFactory.merge({ enteId: ente.id }).create()
    // the same username in another ente is no conflict
    const elsewhere = await UserFactory.merge({ enteId: other.id }).create()
    const service = await ServiceFactory.merge({ enteId: ente.id }).create()

    const refused = await client
      .post(list(ente))
      .header('referer', `${list(ente)}/nuovo`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
      .form({
        'firstName': 'Mario',
        'lastName': '',
        'username': taken.username,
        'email': 'non-una-email',
        'services[]': [String(service.id)],
      })
    refused.assertHeader('location', `${list(ente)}/nuovo`)
    const errors = refused.flashMessage('inputErrorsBag')
    assert.deepEqual(errors, {
      lastName: ['Il campo cognome è obbligatorio'],
      username: ["Questa username è già usata da un altro utente dell'ente."],
      email: ['Il campo email deve essere un indirizzo email valido'],
    })
    assert.equal(refused.flashMessage('firstName'), 'Mario')

    // the form comes back filled, the ticked service still ticked
    const back = await client
      .get(`${list(ente)}/nuovo`)
      .loginAs(manager)
      .withFlashMessages(refused.flashMessages())
    back.assertTextIncludes('value="Mario"')
    back.assertTextIncludes('Questa username è già usata da un altro utente dell&#x27;ente.')
    assert.match(back.text(), new RegExp(`value="${service.id}" checked`))

    const badUsername = await client
      .post(list(ente))
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
      .form({ firstName: 'A', lastName: 'B', username: 'con spazi', email: 'a@b.it' })
    badUsername.assertFlashMessage('inputErrorsBag', {
      username: [
        'La username può contenere solo lettere minuscole, numeri, punti, trattini e trattini bassi, e deve iniziare con una lettera o un numero',
      ],
    })

    const ok = await client
      .post(list(ente))
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
      .form({ firstName: 'A', lastName: 'B', username: elsewhere.username, email: elsewhere.email })
    ok.assertHeader('location', list(ente))
  })

  test('"Modifica operatore": tabs with what is set, changes saved and audited', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const operator = await UserFactory.merge({
      enteId: ente.id,
      firstName: 'Mario',
      lastName: 'Rossi',
    }).create()
    const [kept, dropped, added] = await ServiceFactory.merge({ enteId: ente.id }).createMany(3)
    await operator.related('services').attach([kept.id, dropped.id])

    const page = await client.get(`${list(ente)}/${operator.id}/modifica`).loginAs(manager)
    page.assertStatus(200)
    page.assertTextIncludes('Modifica operatore: Mario Rossi')
    assert.match(page.text(), new RegExp(`value="${kept.id}" checked`))
    assert.notMatch(page.text(), new RegExp(`value="${added.id}" checked`))

    const saved = await client
      .put(`${list(ente)}/${operator.id}`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
      .form({
        'firstName': 'Mario',
        'lastName': 'Rossi Bianchi',
        'username': operator.username,
        'email': operator.email,
        'services[]': [String(kept.id), String(added.id)],
      })
    saved.assertHeader('location', `${list(ente)}/${operator.id}/modifica`)
    saved.assertFlashMessage('success', 'Modifiche salvate.')

    await operator.refresh()
    assert.equal(operator.lastName, 'Rossi Bianchi')
    await operator.load('services')
    assert.sameMembers(
      operator.services.map((s) => s.id),
      [kept.id, added.id]
    )

    const [entry] = await auditEntries('operator_updated')
    assert.deepEqual(entry.metadata, {
      changes: { lastName: ['Rossi', 'Rossi Bianchi'] },
      services: { added: [added.name], removed: [dropped.name] },
      offices: { added: [], removed: [] },
    })
  })

  test('a new address for someone who never set a password gets a new "Imposta la password"', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const operator = await UserFactory.merge({ enteId: ente.id, password: null }).create()

    await client
      .put(`${list(ente)}/${operator.id}`)
      .loginAs(manager)
      .withCsrfToken()
      .form({
        firstName: operator.firstName,
        lastName: operator.lastName,
        username: operator.username,
        email: 'nuovo.indirizzo@comune.example.it',
      })
    await workTheQueue()
    const [mail] = await mailsTo('nuovo.indirizzo@comune.example.it')
    assert.equal(mail.subject, `Imposta la password - ${ente.name}`)
  })

  test("another ente's operator, a platform admin or nonsense as :id answer 404", async ({
    client,
  }) => {
    const [ente, other] = await EnteFactory.createMany(2)
    const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
    const stranger = await UserFactory.merge({ enteId: other.id }).create()
    const platformAdmin = await UserFactory.apply('platformAdmin').create()

    for (const id of [stranger.id, platformAdmin.id, 'abc', '0']) {
      for (const page of ['modifica', 'elimina']) {
        const response = await client.get(`${list(ente)}/${id}/${page}`).loginAs(admin)
        response.assertStatus(404)
      }
      for (const [method, path] of [
        ['PUT', ''],
        ['DELETE', ''],
        ['POST', '/reimposta-password'],
        ['POST', '/ruolo'],
        ['POST', '/abilitato'],
      ]) {
        const response = await client
          .request(`${list(ente)}/${id}${path}`, method as any)
          .loginAs(admin)
          .withCsrfToken()
          .redirects(0)
        response.assertStatus(404)
      }
    }
  })
})
