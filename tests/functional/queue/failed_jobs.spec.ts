import { test } from '@japa/runner'
import { getActiveTest } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import QueueJob from '#models/queue_job'
import OutboxEvent from '#models/outbox_event'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { queue } from '#queue/queue'
import { outbox } from '#queue/outbox'
import { jobRegistry } from '#queue/job_registry'
import { DatabaseQueueDriver } from '#queue/database_driver'
import { BullmqQueueDriver } from '#queue/bullmq_driver'
import { freePort } from '#tests/embedded/process_helpers'

const PEC_JOB = 'functional_queue.send_pec'
jobRegistry.register(PEC_JOB, async () => {
  throw new Error('casella PEC del destinatario piena')
})

const driver = new DatabaseQueueDriver({
  pollIntervalMs: 1000,
  leaseMs: 30_000,
  concurrency: 2,
  shutdownGraceMs: 1000,
})

/** A job that used all its attempts. */
async function failedJob() {
  await driver.dispatch(PEC_JOB, { praticaId: 5 }, { attempts: 1, key: 'pec:5' })
  await driver.runDue()
  return QueueJob.findByOrFail('jobKey', 'pec:5')
}

/** An event the dispatcher could not hand to the queue. */
async function stuckEvent() {
  const id = await db.transaction((trx) =>
    outbox.record(trx, { type: 'pratica.submitted', payload: { praticaId: 6 } })
  )
  await db
    .from('outbox_events')
    .where('id', id)
    .update({
      attempts: 3,
      last_error: 'Coda non raggiungibile: Redis reconnecting',
      available_at: new Date(Date.now() + 3_600_000),
    })
  return OutboxEvent.findOrFail(id)
}

test.group('Admin / failed jobs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  // whatever REDIS_URL says, these tests look at the database driver
  group.each.setup(() => queue.swap(driver))

  test('a platform admin sees failed jobs and stuck outbox events', async ({ client }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    await failedJob()
    await stuckEvent()

    const page = await client.get('/admin/jobs').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes(PEC_JOB)
    page.assertTextIncludes('{&quot;praticaId&quot;:5}')
    page.assertTextIncludes('1 di 1')
    page.assertTextIncludes('casella PEC del destinatario piena')
    page.assertTextIncludes('pratica.submitted')
    page.assertTextIncludes('Coda non raggiungibile: Redis reconnecting')
    page.assertTextIncludes("name='_csrf'")
  })

  test('"Riprova" queues a failed job again with fresh attempts', async ({ client, assert }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const job = await failedJob()

    const response = await client
      .post(`/admin/jobs/${job.id}/retry`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/jobs')
    response.assertFlashMessage('success', 'Job rimesso in coda.')
    await job.refresh()
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 0)
  })

  test('"Riprova" on a stuck event makes it due now', async ({ client, assert }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const event = await stuckEvent()

    const response = await client
      .post(`/admin/jobs/outbox/${event.id}/retry`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', 'Evento rimesso in invio.')
    await event.refresh()
    assert.isAtMost(event.availableAt.toMillis(), Date.now())
  })

  test('the retry form is refused without its CSRF token', async ({ client, assert }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const job = await failedJob()

    await client.post(`/admin/jobs/${job.id}/retry`).loginAs(admin).redirects(0)
    await job.refresh()
    assert.equal(job.status, 'failed')
  })

  test('ente staff get 404, visitors are sent to the login', async ({ client }) => {
    const ente = await EnteFactory.create()
    const enteAdmin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()

    const asStaff = await client.get('/admin/jobs').loginAs(enteAdmin)
    asStaff.assertStatus(404)
    const job = await failedJob()
    const retry = await client
      .post(`/admin/jobs/${job.id}/retry`)
      .loginAs(enteAdmin)
      .withCsrfToken()
    retry.assertStatus(404)

    const anonymous = await client.get('/admin/jobs').redirects(0)
    anonymous.assertStatus(302)
    anonymous.assertHeader('location', '/admin/login')
  })

  test('with Redis down the page still opens and says why failed jobs are missing', async ({
    client,
  }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const unreachable = new BullmqQueueDriver({
      url: `redis://127.0.0.1:${await freePort()}`,
      queueName: 'jobs',
      prefix: 'functional-test',
      concurrency: 1,
      connectTimeoutMs: 1000,
      keepCompletedSeconds: 60,
      keepFailedSeconds: 60,
      shutdownGraceMs: 100,
    })
    queue.swap(unreachable)
    getActiveTest()?.cleanup(() => unreachable.close())
    await stuckEvent()

    const page = await client.get('/admin/jobs').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Non è possibile leggere i job falliti')
    page.assertTextIncludes('pratica.submitted')
  })
})
