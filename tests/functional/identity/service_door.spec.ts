import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { AuthLevel, type AuthLevelValue } from '#domain/auth_level'
import { CitizenFactory } from '#factories/citizen_factory'
import { ServiceFactory } from '#factories/service_factory'
import { EnteFactory } from '#factories/ente_factory'
import { doorDecision } from '#services/identity/service_door'

const LEVELS = [0, 1, 2, 3] as AuthLevelValue[]
/** how the visitor comes: nobody, a citizen whose level nothing proves, a login at 1, 2, 3 */
const SESSIONS = ['anonimo', 'senza livello', 1, 2, 3] as const

test.group('Identity: the service door and step-up', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every service level against every session', async ({ client, assert }) => {
    const ente = await EnteFactory.create()
    const citizen = await CitizenFactory.merge({ enteId: ente.id }).create()

    for (const required of LEVELS) {
      const service = await ServiceFactory.merge({
        enteId: ente.id,
        minAuthLevel: required,
      }).create()
      const door = `/${ente.slug}/servizi/${service.slug}/accedi`
      for (const session of SESSIONS) {
        let request = client.get(door).redirects(0)
        if (session !== 'anonimo') request = request.withGuard('citizen').loginAs(citizen)
        if (typeof session === 'number') {
          request = request.withSession({
            citizen_identity: {
              enteId: ente.id,
              citizenId: citizen.id,
              pluginId: 'identity_spid',
              fiscalNumber: citizen.fiscalCode,
              level: session,
              source: 'spid',
            },
          })
        }
        const response = await request
        const level = typeof session === 'number' ? session : 0
        const expected =
          level >= required
            ? `/${ente.slug}/servizi/${service.slug}/compila`
            : `/${ente.slug}/accedi?livello=${required}&torna=${encodeURIComponent(door)}`
        assert.equal(response.status(), 302, `${required} / ${session}`)
        assert.equal(
          response.header('location'),
          expected,
          `service ${required}, session ${session}`
        )
      }
    }
  })

  test('the decision: anonymous passes, at or above passes, below logs in or steps up', ({
    assert,
  }) => {
    for (const required of LEVELS) {
      for (const level of LEVELS) {
        for (const loggedIn of [false, true]) {
          const decision = doorDecision(required, { loggedIn, level })
          if (level >= required) assert.deepEqual(decision, { kind: 'pass' })
          else assert.deepEqual(decision, { kind: loggedIn ? 'step_up' : 'login', level: required })
        }
      }
    }
    assert.deepEqual(doorDecision(AuthLevel.ANONYMOUS, { loggedIn: false, level: 0 }), {
      kind: 'pass',
    })
  })

  test("a suspended service sends back to its scheda; another ente's service is a 404", async ({
    client,
  }) => {
    const ente = await EnteFactory.create()
    const other = await EnteFactory.create()
    const suspended = await ServiceFactory.merge({ enteId: ente.id, status: 'suspended' }).create()
    const foreign = await ServiceFactory.merge({ enteId: other.id, minAuthLevel: 0 }).create()

    const closed = await client.get(`/${ente.slug}/servizi/${suspended.slug}/accedi`).redirects(0)
    closed.assertStatus(302)
    closed.assertHeader('location', `/${ente.slug}/servizi/${suspended.slug}`)

    const elsewhere = await client.get(`/${ente.slug}/servizi/${foreign.slug}/accedi`).redirects(0)
    elsewhere.assertStatus(404)
  })
})
