import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import PasswordToken from '#models/password_token'
import { RESET_LIMITS } from '#services/auth/throttles'
import type Ente from '#models/ente'
import { auditEntries, clearRateLimits, mailsTo, passwordLinkIn, workTheQueue } from './helpers.js'

const SENT =
  "Se i dati inseriti corrispondono a un account abilitato, riceverai a breve un'e-mail con il link per reimpostare la password. Il link vale 60 minuti."

function askReset(client: any, ente: Ente | null, identifier: string) {
  return client
    .post(ente ? `/${ente.slug}/operatori/password-dimenticata` : '/admin/password-dimenticata')
    .form({ identifier })
    .withCsrfToken()
    .redirects(0)
}

test.group('Hai dimenticato la password?', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())

  test('the page follows the manual', async ({ client }) => {
    const ente = await EnteFactory.create()
    const page = await client.get(`/${ente.slug}/operatori/password-dimenticata`)
    page.assertStatus(200)
    page.assertTextIncludes('Hai dimenticato la password?')
    page.assertTextIncludes(
      'Se hai dimenticato la tua password, inserisci il tuo indirizzo email o la tua username.'
    )
    page.assertTextIncludes('Inserisci il tuo indirizzo email o la tua username')
    page.assertTextIncludes('Reimposta password')
  })

  test('the answer is the same for a username, an e-mail address and an unknown name', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const answers = []
    for (const identifier of [operator.username, operator.email.toUpperCase(), 'nessuno.qui']) {
      const response = await askReset(client, ente, identifier)
      answers.push({
        status: response.status(),
        location: response.header('location'),
        flash: response.flashMessages(),
      })
    }
    assert.deepEqual(answers[0], {
      status: 302,
      location: `/${ente.slug}/operatori/password-dimenticata`,
      flash: { success: SENT },
    })
    assert.deepEqual(answers[1], answers[0])
    assert.deepEqual(answers[2], answers[0])

    await workTheQueue()
    const mails = await mailsTo(operator.email)
    assert.lengthOf(mails, 2)
    assert.equal(mails[0].subject, `Reimposta password - ${ente.name}`)
    assert.include(mails[0].html!, 'Reimposta password')
    assert.include(mails[0].text!, 'Il link vale 60 minuti')

    const entries = await auditEntries('password_reset_requested')
    assert.deepEqual(
      entries.map((entry) => [entry.metadata.identifier, entry.subjectId]),
      [
        [operator.username, String(operator.id)],
        [operator.email, String(operator.id)],
        ['nessuno.qui', null],
      ]
    )
  })

  test('only a hash of the token is stored; the link opens "Cambia password"', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    await askReset(client, ente, operator.username)
    await workTheQueue()
    const [mail] = await mailsTo(operator.email)
    const { path, token } = passwordLinkIn(mail)
    assert.equal(path, `/${ente.slug}/operatori/password/${token}`)

    const stored = await PasswordToken.query().where('user_id', operator.id)
    assert.lengthOf(stored, 1)
    assert.equal(stored[0].tokenHash, createHash('sha256').update(token).digest('hex'))
    assert.equal(stored[0].purpose, 'reset')
    // neither the outbox nor the queue ever held it
    const outbox = await db.from('outbox_events').select('payload')
    const jobs = await db.from('queue_jobs').select('payload')
    assert.notInclude(JSON.stringify([outbox, jobs]), token)

    const page = await client.get(path)
    page.assertStatus(200)
    page.assertTextIncludes('Cambia password')
    page.assertTextIncludes('Nuova password')
    page.assertTextIncludes('Ripeti password')
    page.assertHeader('referrer-policy', 'same-origin')
  })

  test('nothing is sent to a disabled account or to the staff of another ente', async ({
    client,
    assert,
  }) => {
    const [ente, other] = await EnteFactory.createMany(2)
    const disabled = await UserFactory.apply('disabled').merge({ enteId: ente.id }).create()
    const stranger = await UserFactory.merge({ enteId: other.id }).create()

    const forDisabled = await askReset(client, ente, disabled.username)
    forDisabled.assertFlashMessage('success', SENT)
    const forStranger = await askReset(client, ente, stranger.username)
    forStranger.assertFlashMessage('success', SENT)
    await workTheQueue()

    assert.lengthOf(await mailsTo(disabled.email), 0)
    assert.lengthOf(await mailsTo(stranger.email), 0)
    assert.lengthOf(await PasswordToken.all(), 0)
  })

  test('platform admins ask at /admin and get an /admin link', async ({ client, assert }) => {
    const admin = await UserFactory.apply('platformAdmin').create()

    const asked = await askReset(client, null, admin.username)
    asked.assertHeader('location', '/admin/password-dimenticata')
    await workTheQueue()
    const [mail] = await mailsTo(admin.email)
    assert.equal(mail.subject, 'Reimposta password - Amministrazione della piattaforma')
    assert.match(passwordLinkIn(mail).path, /^\/admin\/password\//)
  })

  test('3 requests an hour per name, then 429 with the wait, whether the name exists or not', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    for (const identifier of [operator.username, 'nessuno.qui']) {
      for (let request = 1; request <= RESET_LIMITS.account.requests; request++) {
        const response = await askReset(client, ente, identifier)
        response.assertStatus(302)
      }
      const limited = await askReset(client, ente, identifier)
      limited.assertStatus(429)
      limited.assertTextIncludes('Troppe richieste di cambio password. Riprova tra 60 minuti.')
      limited.assertTextIncludes(`value="${identifier}"`)
    }

    await workTheQueue()
    assert.lengthOf(await mailsTo(operator.email), RESET_LIMITS.account.requests)
  })
})
