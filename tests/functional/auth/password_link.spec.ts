import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory, TEST_PASSWORD } from '#factories/user_factory'
import User from '#models/user'
import PasswordToken from '#models/password_token'
import type Ente from '#models/ente'
import { auditEntries, clearRateLimits, mailsTo, passwordLinkIn, workTheQueue } from './helpers.js'

const NEW_PASSWORD = 'Cielo-Sereno-2026'

/** Asks "Hai dimenticato la password?" for the user and follows the e-mail. */
async function resetLinkFor(client: any, ente: Ente | null, user: User) {
  await client
    .post(ente ? `/${ente.slug}/operatori/password-dimenticata` : '/admin/password-dimenticata')
    .form({ identifier: user.username })
    .withCsrfToken()
  await workTheQueue()
  const [mail] = await mailsTo(user.email)
  return passwordLinkIn(mail).path
}

function choose(client: any, path: string, password: string, confirmation = password) {
  return client
    .post(path)
    .header('referer', path)
    .form({ password, password_confirmation: confirmation })
    .withCsrfToken()
    .redirects(0)
}

function login(client: any, ente: Ente, username: string, password: string) {
  return client
    .post(`/${ente.slug}/operatori/login`)
    .form({ username, password })
    .withCsrfToken()
    .redirects(0)
}

test.group('Password links: Cambia password', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())

  test('the new password works, the old one no longer does', async ({ client, assert }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const path = await resetLinkFor(client, ente, operator)

    const changed = await choose(client, path, NEW_PASSWORD)
    changed.assertHeader('location', `/${ente.slug}/operatori/login`)
    changed.assertFlashMessage('success', 'Password cambiata: accedi con la nuova password.')

    const withOld = await login(client, ente, operator.username, TEST_PASSWORD)
    withOld.assertFlashMessage('errors', {
      login: 'Username o password non corretti.',
    })
    const withNew = await login(client, ente, operator.username, NEW_PASSWORD)
    withNew.assertHeader('location', `/${ente.slug}/backoffice`)
    const user = await User.findOrFail(operator.id)
    assert.isTrue(await hash.verify(user.password!, NEW_PASSWORD))

    const [entry] = await auditEntries('password_changed')
    assert.equal(entry.actorId, operator.id)
    assert.equal(entry.enteId, ente.id)
    assert.deepEqual(entry.metadata, { via: 'reset' })
  })

  test('a link works once', async ({ client }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const path = await resetLinkFor(client, ente, operator)

    const changed = await choose(client, path, NEW_PASSWORD)
    changed.assertStatus(302)
    const again = await choose(client, path, 'Un-Altra-Password-1')
    again.assertStatus(404)
    again.assertTextIncludes('Link non valido o scaduto')
    const afterUse = await client.get(path)
    afterUse.assertStatus(404)
  })

  test('a link expires, and a newer one replaces it', async ({ client }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const first = await resetLinkFor(client, ente, operator)
    const second = await resetLinkFor(client, ente, operator)
    const firstLink = await client.get(first)
    firstLink.assertStatus(404)
    const secondLink = await client.get(second)
    secondLink.assertStatus(200)

    const [link] = await PasswordToken.query().where('user_id', operator.id)
    link.expiresAt = DateTime.now().minus({ minutes: 1 })
    await link.save()
    const expired = await client.get(second)
    expired.assertStatus(404)
    expired.assertTextIncludes('Richiedi un nuovo link')
  })

  test("an ente's link does not work at another ente's or at the platform's door", async ({
    client,
  }) => {
    const [ente, other] = await EnteFactory.createMany(2)
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const path = await resetLinkFor(client, ente, operator)
    const token = path.split('/').pop()

    const atOtherEnte = await client.get(`/${other.slug}/operatori/password/${token}`)
    atOtherEnte.assertStatus(404)
    const atAdmin = await client.get(`/admin/password/${token}`)
    atAdmin.assertStatus(404)
    const postedAtOtherEnte = await choose(
      client,
      `/${other.slug}/operatori/password/${token}`,
      NEW_PASSWORD
    )
    postedAtOtherEnte.assertStatus(404)
    const atOwnEnte = await client.get(path)
    atOwnEnte.assertStatus(200)
  })

  test('the password policy and "Ripeti password", with the message next to the field', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({
      enteId: ente.id,
      username: 'lorenzo.bertoli',
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
    }).create()
    const path = await resetLinkFor(client, ente, operator)

    const cases: Array<[string, string, string, string]> = [
      ['breve', 'breve', 'password', 'La password deve avere almeno 10 caratteri.'],
      [
        'lorenzo.bertoli!',
        'lorenzo.bertoli!',
        'password',
        'La password non può contenere la username.',
      ],
      [
        'Bertoli-Ufficio',
        'Bertoli-Ufficio',
        'password',
        'La password non può contenere il tuo nome o il tuo cognome.',
      ],
      [
        'qwertyuiop',
        'qwertyuiop',
        'password',
        'Questa password è troppo facile da indovinare: scegline una diversa.',
      ],
      [
        NEW_PASSWORD,
        'Cielo-Sereno-2025',
        'password_confirmation',
        'Le due password non coincidono',
      ],
    ]
    for (const [password, confirmation, field, message] of cases) {
      const response = await choose(client, path, password, confirmation)
      response.assertHeader('location', path)
      response.assertFlashMessage('inputErrorsBag', { [field]: [message] })
      // the link still works after a refused password
      const page = await client.get(path)
      page.assertStatus(200)
    }
    assert.lengthOf(await auditEntries('password_changed'), 0)
  })

  test("a change ends the account's other sessions and its Ricordami tokens", async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const loggedIn = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: operator.username, password: TEST_PASSWORD, remember: 'true' })
      .withCsrfToken()
      .redirects(0)
    const session = loggedIn.session()
    const backoffice = () =>
      client.get(`/${ente.slug}/backoffice`).withSession(session).redirects(0)
    const before = await backoffice()
    before.assertStatus(200)
    assert.lengthOf(await db.from('remember_me_tokens').where('tokenable_id', operator.id), 1)

    await choose(client, await resetLinkFor(client, ente, operator), NEW_PASSWORD)

    const ended = await backoffice()
    ended.assertStatus(302)
    ended.assertHeader('location', `/${ente.slug}/operatori/login`)
    ended.assertFlashMessage('error', 'La password è cambiata: accedi di nuovo.')
    assert.lengthOf(await db.from('remember_me_tokens').where('tokenable_id', operator.id), 0)
  })

  test('platform admins change theirs at /admin', async ({ client }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const path = await resetLinkFor(client, null, admin)

    const changed = await choose(client, path, NEW_PASSWORD)
    changed.assertHeader('location', '/admin/login')
    const loggedIn = await client
      .post('/admin/login')
      .form({ username: admin.username, password: NEW_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    loggedIn.assertHeader('location', '/admin')
  })
})
