import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import db from '@adonisjs/lucid/services/db'
import type Citizen from '#models/citizen'
import type Pratica from '#models/pratica'
import { readDbTime } from '#queue/db_time'
import { AppServer } from './app_server.js'
import { CitizenBrowser } from './citizen_browser.js'
import { openEmbeddedDatabase } from './embedded_database.js'
import { HoldingRelay } from './holding_relay.js'
import { DIRITTI } from '#tests/functional/payments/helpers'
import { sentForPayment } from '#tests/browser/payments_area/helpers'
import { payingEnte } from './paying_ente.js'
import { freePort, waitUntil } from './process_helpers.js'

/**
 * Issue 6 "Fault tests": the app killed with SIGKILL and restarted around
 * a payment at request. The real server on embedded SQLite with the
 * in-process queue, the MyPay plugin against the simulator mounted in the
 * same app (its dovuti, sessions and pushes in the same database), the
 * citizen over HTTP with the session a SPID login leaves. Whatever the
 * moment of the crash, the pratica ends Inviata (1520 → 1900, then
 * Acquisita), with one avviso at MyPay, paid once, and one summary e-mail.
 */
const CONNECTION = 'payments_embedded'
const SQLITE_PATH = `tmp/embedded-payments-${process.pid}.sqlite`
// a job killed mid-run is taken again this long after it was last heard of
const LEASE_MS = 3000

test.group('Embedded / payments: kill -9 and restart (SQLite, in-process queue)', (group) => {
  const servers: AppServer[] = []
  let port: number
  let origin: string
  let server: AppServer

  const client = () => db.connection(CONNECTION)

  async function start() {
    server = new AppServer({
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: origin,
      DB_CONNECTION: 'sqlite',
      SQLITE_PATH,
      // empty wins over a REDIS_URL in .env: the in-process driver, worked by the web process
      REDIS_URL: '',
      QUEUE_IN_PROCESS_WORKER: 'true',
      QUEUE_LEASE_MS: String(LEASE_MS),
      // the embedded default: the session lives in the citizen's cookie, not in the process
      SESSION_DRIVER: 'cookie',
      MAIL_TRANSPORT: 'mailbox',
    })
    servers.push(server)
    await server.waitForHttp(port)
  }

  group.setup(async () => {
    const closeDatabase = await openEmbeddedDatabase(CONNECTION, SQLITE_PATH)
    port = await freePort()
    origin = `http://127.0.0.1:${port}`
    const stopAll = async () => {
      for (const each of servers) await each.kill()
      await closeDatabase()
    }
    await start().catch(async (error) => {
      await stopAll()
      throw error
    })
    return stopAll
  })
  group.each.setup(async () => {
    if (!server.alive) await start()
  })

  function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
    return waitUntil(condition, timeoutMs, () => `${what}:\n${server.output}`)
  }

  const positionsOf = (pratica: Pratica) =>
    client().from('payment_positions').where('pratica_id', pratica.id).orderBy('id')

  async function praticaStatus(pratica: Pratica) {
    const row = await client().from('pratiche').where('id', pratica.id).firstOrFail()
    return row.status as number
  }

  const dovutiAtMyPay = (codIpaEnte: string) =>
    client().from('mypay_sim_dovuti').where('cod_ipa_ente', codIpaEnte)

  async function waitForPosition(pratica: Pratica, status: string) {
    await waitFor(async () => {
      const positions = await positionsOf(pratica)
      return positions.length > 0 && positions.every((position) => position.status === status)
    }, `the avviso did not become ${status}`)
  }

  /** The pratica Acquisita and nothing left to do now: every duplicate would have shown. */
  async function waitUntilSettled(pratica: Pratica) {
    await waitFor(async () => {
      if ((await praticaStatus(pratica)) !== 2000) return false
      const now = Date.now()
      const due = (row: { available_at: unknown }) => readDbTime(row.available_at)!.getTime() <= now
      const events = await client().from('outbox_events').whereNull('dispatched_at')
      const jobs = await client().from('queue_jobs').whereIn('status', ['pending', 'running'])
      return !events.some(due) && !jobs.some((job) => job.status === 'running' || due(job))
    }, 'the pratica did not settle at Acquisita')
  }

  async function summaryMails(citizen: Citizen) {
    const mails = await client()
      .from('dev_mailbox_messages')
      .where('subject', `Pagamento ricevuto: ${DIRITTI.causale}`)
    return mails.filter((mail) => JSON.parse(mail.to_addresses).includes(citizen.email))
  }

  async function assertPaidOnce(
    assert: Assert,
    { pratica, citizen, codIpaEnte }: { pratica: Pratica; citizen: Citizen; codIpaEnte: string }
  ) {
    await waitUntilSettled(pratica)
    const positions = await positionsOf(pratica)
    assert.lengthOf(positions, 1, 'one avviso for the pratica')
    assert.equal(positions[0].status, 'COMPLETE')
    const dovuti = await dovutiAtMyPay(codIpaEnte)
    assert.lengthOf(dovuti, 1, 'one dovuto at MyPay')
    assert.equal(dovuti[0].stato, 'PAGATO')
    assert.equal(dovuti[0].iuv, positions[0].iuv)
    const iter = await client()
      .from('pratica_status_changes')
      .where('pratica_id', pratica.id)
      .orderBy('id')
    assert.deepEqual(
      iter.map((change) => change.to_status),
      [1500, 1510, 1520, 1900, 2000],
      'one iter entry per transition'
    )
    assert.lengthOf(await summaryMails(citizen), 1, 'one payment summary e-mail')
  }

  /** "Paga online" on the pratica's payment step: the redirect to MyPay's checkout. */
  async function payOnline(browser: CitizenBrowser, slug: string, pratica: Pratica) {
    const step = await browser.visit(`/${slug}/pratiche/${pratica.uuid}/pagamento`)
    const online = await browser.submit(step, 'Paga online')
    if (online.status !== 302 || !online.location?.includes('/_sim/payment_mypay/pagamento')) {
      throw new Error(`no redirect to the checkout (${online.status}): ${online.html}`)
    }
    return online.location
  }

  /** "Paga" at MyPay's checkout with the test card it offers: the redirect back to the ente. */
  async function payAtCheckout(browser: CitizenBrowser, checkoutUrl: string) {
    const checkout = await browser.visit(checkoutUrl)
    const paid = await browser.submit(checkout, 'Paga')
    if (paid.status !== 302 || !paid.location) {
      throw new Error(`the checkout did not send the citizen back (${paid.status}): ${paid.html}`)
    }
    return paid.location
  }

  test('killed after the redirect to the checkout: the citizen pays after the restart, the pratica is Inviata once', async ({
    assert,
  }) => {
    const setup = await payingEnte(CONNECTION)
    const pratica = await sentForPayment(setup, CONNECTION)
    await waitForPosition(pratica, 'PAYMENT_PENDING')
    const browser = await CitizenBrowser.loggedIn(origin, setup.ente, setup.citizen)
    const checkoutUrl = await payOnline(browser, setup.ente.slug, pratica)
    assert.equal(await praticaStatus(pratica), 1510)

    await server.kill()
    await start()

    const backToEnte = await payAtCheckout(browser, checkoutUrl)
    const landing = await browser.visit(backToEnte)
    assert.include(landing.url, `/${setup.ente.slug}/pratiche/${pratica.uuid}/pagamento/esito`)
    assert.include(landing.html, 'Pagamento avvenuto con successo')
    await assertPaidOnce(assert, { ...setup, pratica, codIpaEnte: setup.ente.codiceIpa! })
  })

  test('killed after the payment, before the return and the push are served: after the restart both arrive, the pratica is Inviata once', async ({
    assert,
    cleanup,
  }) => {
    // MyPay's push stops here while the server is killed; then MyPay retries it
    const pushes = new HoldingRelay({ hold: () => true })
    const pushUrl = await pushes.start()
    cleanup(() => pushes.stop())
    const setup = await payingEnte(CONNECTION, { pushUrl: () => `${pushUrl}/esito` })
    const pratica = await sentForPayment(setup, CONNECTION)
    await waitForPosition(pratica, 'PAYMENT_PENDING')
    const browser = await CitizenBrowser.loggedIn(origin, setup.ente, setup.citizen)
    const backToEnte = await payAtCheckout(
      browser,
      await payOnline(browser, setup.ente.slug, pratica)
    )
    await waitFor(async () => pushes.held !== null, 'MyPay sent no push')

    await server.kill()
    const [killedAt] = await positionsOf(pratica)
    assert.equal(killedAt.status, 'PAYMENT_STARTED', 'the platform did not know of the payment')
    assert.equal(await praticaStatus(pratica), 1510)
    await start()

    const notify = () =>
      fetch(`${origin}/${setup.ente.slug}/callbacks/payment_mypay/notify`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'authorization': pushes.held!.headers.authorization,
        },
        body: pushes.held!.body,
      })
    const [landing, pushed] = await Promise.all([browser.visit(backToEnte), notify()])
    assert.include(landing.url, `/${setup.ente.slug}/pratiche/${pratica.uuid}/pagamento/esito`)
    assert.include(landing.html, 'Pagamento avvenuto con successo')
    assert.isTrue(pushed.ok, `the push was refused (${pushed.status})`)
    const pushedAgain = await notify()
    assert.isTrue(pushedAgain.ok, `the push again was refused (${pushedAgain.status})`)
    await assertPaidOnce(assert, { ...setup, pratica, codIpaEnte: setup.ente.codiceIpa! })
  })

  test('killed while MyPay creates the avviso and its answer is on the way: after the restart the job makes no second dovuto', async ({
    assert,
    cleanup,
  }) => {
    // between the platform and the simulated MyPay: the first creation reaches MyPay, its answer never comes back
    const soap = new HoldingRelay({
      hold: (request) => request.body.includes('paaSILImportaDovuto'),
      forwardTo: (path) => `${origin}/_sim/payment_mypay${path}`,
    })
    const mypayUrl = await soap.start()
    cleanup(() => soap.stop())
    const setup = await payingEnte(CONNECTION, {
      mypay: { baseUrl: mypayUrl, checkoutUrl: `${origin}/_sim/payment_mypay/checkout/ec/v1` },
    })
    const codIpaEnte = setup.ente.codiceIpa!
    const pratica = await sentForPayment(setup, CONNECTION)
    await waitFor(async () => {
      const dovuti = await dovutiAtMyPay(codIpaEnte)
      return soap.held !== null && dovuti.length === 1
    }, 'MyPay was not asked for the avviso')

    await server.kill()
    const [killedAt] = await positionsOf(pratica)
    assert.equal(killedAt.status, 'CREATION_PENDING', 'the platform did not know of the avviso')
    const creating = await client()
      .from('queue_jobs')
      .where({ name: 'payments.create_position', status: 'running' })
    assert.lengthOf(creating, 1, 'the creation job was killed mid-run')
    await start()

    await waitForPosition(pratica, 'PAYMENT_PENDING')
    const positions = await positionsOf(pratica)
    const dovuti = await dovutiAtMyPay(codIpaEnte)
    assert.lengthOf(positions, 1)
    assert.lengthOf(dovuti, 1, 'one dovuto at MyPay')
    assert.equal(positions[0].iuv, dovuti[0].iuv)
    const creations = soap.requests.filter((request) =>
      request.body.includes('paaSILImportaDovuto')
    )
    assert.lengthOf(creations, 2, 'the job asked MyPay again after the restart')
  })
})
