import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import Pratica from '#models/pratica'
import { MARKERS, walkFixture, type WalkFixture } from './fixture.js'

/**
 * Every /:ente/backoffice route, from the router's own table: a route added
 * tomorrow is walked too, and one with a parameter nobody taught this test
 * to fill makes it fail until a filler is added here.
 *
 * `owned`: the parameter names a record of ente A, so even on ente B's own
 * backoffice it must answer 404 (a pratica, a service, an operator...).
 */
const FILLERS: Record<string, { owned: boolean; value: (fx: WalkFixture) => string | number }> = {
  pratica: { owned: true, value: (fx) => fx.pratica.uuid },
  service: { owned: true, value: (fx) => fx.guarded.id },
  operatorId: { owned: true, value: (fx) => fx.enabled.id },
  office: { owned: true, value: (fx) => fx.office.id },
  upload: { owned: true, value: (fx) => fx.upload.id },
  document: { owned: true, value: (fx) => fx.document.id },
  message: { owned: true, value: (fx) => fx.message.id },
  position: { owned: true, value: (fx) => fx.position.uuid },
  pluginId: { owned: false, value: () => 'messaging_email' },
  action: { owned: false, value: () => 'verifica' },
}

interface Walked {
  method: string
  pattern: string
  params: string[]
}

function backofficeRoutes(): Walked[] {
  const walked: Walked[] = []
  for (const routes of Object.values(router.toJSON())) {
    for (const route of routes) {
      if (!route.pattern.startsWith('/:ente/backoffice')) continue
      const params = [...route.pattern.matchAll(/:(\w+)/g)].map((match) => match[1])
      if (route.pattern.includes('*')) params.push('*')
      for (const method of route.methods.filter((name) => name !== 'HEAD')) {
        walked.push({ method, pattern: route.pattern, params })
      }
    }
  }
  return walked
}

function unknownParams(routes: Walked[]) {
  return routes.flatMap((route) =>
    route.params
      .filter((param) => param !== 'ente' && !FILLERS[param])
      .map((param) => `${route.method} ${route.pattern}: no filler for "${param}"`)
  )
}

function fill(route: Walked, fx: WalkFixture, enteSlug: string) {
  return route.pattern.replace(/:(\w+)/g, (_, name: string) =>
    name === 'ente' ? enteSlug : encodeURIComponent(String(FILLERS[name].value(fx)))
  )
}

async function call(client: ApiClient, route: Walked, url: string, user: User) {
  const request = client
    .request(url, route.method.toLowerCase() as 'get')
    .loginAs(user)
    .redirects(0)
  return route.method === 'GET' ? request : request.withCsrfToken().form({})
}

/** The failures of one walk: anything but a 404, or a 404 that names the pratica. */
async function walk(
  client: ApiClient,
  routes: Walked[],
  fx: WalkFixture,
  user: User,
  enteSlug: string
) {
  const failures: string[] = []
  for (const route of routes) {
    const url = fill(route, fx, enteSlug)
    const response = await call(client, route, url, user)
    const body = response.text()
    const leaked = MARKERS.filter((marker) => body.includes(marker))
    if (response.status() !== 404 || leaked.length) {
      failures.push(`${route.method} ${url} → ${response.status()} ${leaked.join(', ')}`.trim())
    }
  }
  return failures
}

test.group('Authorization: every backoffice route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(120_000)

  test('the walk knows how to fill every parameter of every backoffice route', async ({
    assert,
  }) => {
    const routes = backofficeRoutes()
    assert.isAbove(routes.length, 20, 'the router table was read')
    assert.deepEqual(unknownParams(routes), [])
  })

  test("staff of another ente get 404 on ente A's backoffice, and on their own for A's records", async ({
    client,
    assert,
  }) => {
    const fx = await walkFixture()
    const routes = backofficeRoutes()
    assert.deepEqual(unknownParams(routes), [])
    const owned = routes.filter((route) => route.params.some((param) => FILLERS[param]?.owned))

    for (const user of [fx.otherAdmin, fx.otherOperator]) {
      assert.deepEqual(await walk(client, routes, fx, user, fx.ente.slug), [], user.role)
      assert.deepEqual(await walk(client, owned, fx, user, fx.other.slug), [], user.role)
    }
    const pratica = await Pratica.findOrFail(fx.pratica.id)
    assert.equal(pratica.status, 4000, 'nothing was changed')
    assert.equal(pratica.operatorId, fx.enabled.id)
  })

  test("a member of the ente not enabled for the pratica's service gets 404 on every route of the pratica", async ({
    client,
    assert,
  }) => {
    const fx = await walkFixture()
    const routes = backofficeRoutes().filter((route) => route.params.includes('pratica'))
    assert.isNotEmpty(routes, 'the pratica has routes')

    assert.deepEqual(await walk(client, routes, fx, fx.notEnabled, fx.ente.slug), [])
    const pratica = await Pratica.findOrFail(fx.pratica.id)
    assert.equal(pratica.status, 4000, 'nothing was changed')
    assert.equal(pratica.operatorId, fx.enabled.id)

    // the same addresses open for the operator enabled for the service: the fillers name real records
    const page = routes.find((route) => route.method === 'GET' && route.params.length === 2)!
    const opened = await call(client, page, fill(page, fx, fx.ente.slug), fx.enabled)
    opened.assertStatus(200)
    assert.include(opened.text(), 'Marcatorini')
  })
})
