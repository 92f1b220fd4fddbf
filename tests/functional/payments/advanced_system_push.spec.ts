import { test } from '@japa/runner'
import { randomBytes, randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import type Ente from '#models/ente'
import EntePlugin from '#models/ente_plugin'
import OutboxEvent from '#models/outbox_event'
import PraticaStatusChange from '#models/pratica_status_change'
import { sealSecrets } from '#plugin_runtime/plugin_secrets'
import { landingOf, submitCheckout } from '#extension_points/payment/kit/testing_kit'
import { FIRMA_HEADER } from '#plugins/payment_advanced_system/api'
import { clearFaults, injectPushFault } from '#plugins/payment_advanced_system/simulator/faults'
import { configurePush } from '#plugins/payment_advanced_system/simulator/store'
import {
  forgedPush,
  paidClaim,
  startAdvancedSystem,
} from '#plugins/payment_advanced_system/tests/harness'
import { ztlSetup, workTheQueue } from '#tests/functional/pratiche/helpers'
import {
  DIRITTI,
  openCheckout,
  positionsOf,
  statusOf,
  submitAndCreate,
  useDatabaseQueue,
} from './helpers.js'

/**
 * Advanced System's outcome push (provisional interface) through the
 * core: the simulated gateway, on a port of its own, pushes to the ente's
 * real notification route on the test server, and nothing else (no
 * landing page, no reconciliation job) tells the platform the outcome.
 */
const PLUGIN = 'payment_advanced_system'
let gateway: Awaited<ReturnType<typeof startAdvancedSystem>>

interface Delivery {
  body: string
  signature: string
  /** the platform's answer */
  status: number
}

/**
 * What goes over the wire to `url` (the simulator pushes with the global
 * fetch of this process): each delivery as signed, with the platform's
 * answer. Returns the record and the function that removes the tap.
 */
function tapDeliveries(url: string) {
  const deliveries: Delivery[] = []
  const realFetch = globalThis.fetch
  globalThis.fetch = async (input, init) => {
    const answer = await realFetch(input, init)
    if (String(input) === url) {
      const headers = new Headers(init?.headers)
      deliveries.push({
        body: String(init?.body),
        signature: headers.get(FIRMA_HEADER) ?? '',
        status: answer.status,
      })
    }
    return answer
  }
  return { deliveries, untap: () => (globalThis.fetch = realFetch) }
}

async function waitUntil(done: () => boolean, what: string, withinMs = 5_000) {
  for (let waited = 0; !done(); waited += 25) {
    if (waited >= withinMs) throw new Error(`${what}: not within ${withinMs} ms`)
    await sleep(25)
  }
}

/**
 * The ZTL service with a payment at request, its ente paying through the
 * simulated gateway, which pushes outcomes to the ente's notification
 * route on this test server, signed with the ente's notification key.
 */
async function advancedSystemSetup() {
  const setup = await ztlSetup({ paymentSettings: { atRequest: [DIRITTI], deferred: [] } })
  const { apiKey, chiaveNotifiche, ...config } = gateway.config
  await EntePlugin.create({
    enteId: setup.ente.id,
    pluginId: PLUGIN,
    inContract: true,
    enabled: true,
    config,
    secrets: sealSecrets({ apiKey, chiaveNotifiche }, setup.ente.id, PLUGIN),
  })
  const notifyUrl = `http://${env.get('HOST')}:${env.get('PORT')}/${setup.ente.slug}/callbacks/${PLUGIN}/notify`
  await configurePush(config.codiceEnte, apiKey, { url: notifyUrl, chiave: chiaveNotifiche })
  return { ...setup, notifyUrl }
}

/** Sent to the route as a delivery of the gateway would be, bytes as given. */
function deliver(url: string, body: string, headers: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
}

async function iterOf(praticaId: number) {
  const iter = await PraticaStatusChange.query().where('pratica_id', praticaId).orderBy('id')
  return iter.map((step) => ({ status: step.toStatus, message: step.message ?? '' }))
}

function summaryEmails(ente: Ente) {
  return OutboxEvent.query()
    .where('enteId', ente.id)
    .where('type', 'message.requested')
    .where('payload', 'like', '%Pagamento ricevuto%')
}

test.group('Payments at request: Advanced System’s outcome push', (group) => {
  let untap = () => {}
  group.setup(async () => {
    gateway = await startAdvancedSystem()
    const restoreQueue = useDatabaseQueue()
    return async () => {
      restoreQueue()
      await gateway.remote.stop()
    }
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => {
    untap()
    clearFaults()
  })

  test('paid at the checkout: the push alone makes it COMPLETE and sends the pratica; the push doubled is acknowledged and applied once', async ({
    client,
    assert,
  }) => {
    const setup = await advancedSystemSetup()
    const { pratica, positions, base } = await submitAndCreate(client, setup)
    assert.lengthOf(positions, 1)
    assert.equal(positions[0].status, 'PAYMENT_PENDING')
    const checkoutUrl = await openCheckout(client, setup, base)
    assert.isTrue(checkoutUrl.startsWith(gateway.remote.url), 'the citizen is at the gateway')
    assert.equal(await statusOf(pratica), 1510)

    const tap = tapDeliveries(setup.notifyUrl)
    untap = tap.untap
    injectPushFault('notificaDoppia')
    // the citizen is sent back to the landing page, but never opens it
    assert.include(await landingOf(await submitCheckout(checkoutUrl, 'paid')), base)
    await waitUntil(() => tap.deliveries.length >= 2, 'the gateway pushed twice')

    const [first, second] = tap.deliveries
    assert.deepEqual(
      tap.deliveries.map((delivery) => delivery.status),
      [200, 200],
      'both deliveries acknowledged'
    )
    assert.equal(JSON.parse(second.body).idEvento, JSON.parse(first.body).idEvento, 'one event')
    const [position] = await positionsOf(pratica)
    assert.equal(position.status, 'COMPLETE')
    assert.equal(position.receipt?.receiptId, JSON.parse(first.body).pagamento.idRicevuta)
    assert.isNull(position.lastCheckedAt, 'the platform never asked the gateway')
    await pratica.refresh()
    assert.equal(pratica.status, 1900)
    assert.isNotNull(pratica.submittedAt)
    const iter = await iterOf(pratica.id)
    assert.deepEqual(
      iter.map((step) => step.status),
      [1000, 1500, 1510, 1520, 1900]
    )
    assert.include(iter[3].message, 'notifica dell’intermediario')
    assert.lengthOf(await summaryEmails(setup.ente), 1)

    // the queue afterwards (the pratica is taken in charge) sends nothing twice
    await workTheQueue()
    const after = await iterOf(pratica.id)
    assert.lengthOf(
      after.filter((step) => step.status === 1900),
      1
    )
    assert.lengthOf(await summaryEmails(setup.ente), 1)
  })

  test('a forged push answers 400 and the other, unpaid position stays payable', async ({
    client,
    assert,
  }) => {
    const setup = await advancedSystemSetup()
    const paid = await submitAndCreate(client, setup)
    const tap = tapDeliveries(setup.notifyUrl)
    untap = tap.untap
    await submitCheckout(await openCheckout(client, setup, paid.base), 'paid')
    await waitUntil(() => tap.deliveries.length >= 1, 'the gateway pushed')
    untap()
    const [genuine] = tap.deliveries
    assert.equal(genuine.status, 200)

    const unpaid = await submitAndCreate(client, setup)
    const [waiting] = unpaid.positions
    assert.equal(waiting.status, 'PAYMENT_PENDING')
    // a new event id each: a forged push must not pass as a delivery already applied
    const moved = JSON.stringify({
      ...JSON.parse(genuine.body),
      idEvento: randomUUID(),
      iuv: waiting.iuv,
    })
    const otherKey = forgedPush(paidClaim(waiting.ref!), randomBytes(32).toString('hex'))
    const forgeries: Record<string, () => Promise<Response>> = {
      'the paid push moved to the unpaid position': () =>
        deliver(setup.notifyUrl, moved, { [FIRMA_HEADER]: genuine.signature }),
      'a payment signed with another key': () =>
        deliver(setup.notifyUrl, otherKey.rawBody!, otherKey.headers as Record<string, string>),
      'no signature': () => deliver(setup.notifyUrl, otherKey.rawBody!, {}),
    }
    for (const [what, send] of Object.entries(forgeries)) {
      const answer = await send()
      assert.equal(answer.status, 400, what)
    }

    await waiting.refresh()
    assert.equal(waiting.status, 'PAYMENT_PENDING')
    assert.isNull(waiting.paidAt)
    assert.equal(await statusOf(unpaid.pratica), 1500)
    const iter = await iterOf(unpaid.pratica.id)
    assert.deepEqual(
      iter.map((step) => step.status),
      [1000, 1500]
    )
    assert.lengthOf(await summaryEmails(setup.ente), 1, 'only the real payment’s e-mail')
  })
})
