import { test } from '@japa/runner'
import { overrideEnv } from '#tests/helpers/env'
import { queue } from '#queue/queue'
import { BullmqQueueDriver } from '#queue/bullmq_driver'

test.group('Health', () => {
  test('reports database, queue and mail transport as healthy', async ({ client, assert }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    const body = response.body()
    assert.isTrue(body.isHealthy)
    assert.sameMembers(
      Object.keys(body.checks.reduce((all: any, check: any) => ({ ...all, [check.name]: 1 }), {})),
      ['Database', 'Coda dei lavori', 'Trasporto e-mail']
    )
  })

  test('answers 503 and names the failing part when the SMTP server is down', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(overrideEnv({ MAIL_TRANSPORT: 'smtp', SMTP_HOST: '127.0.0.1', SMTP_PORT: 1 }))

    const response = await client.get('/health')
    response.assertStatus(503)
    const mail = response.body().checks.find((check: any) => check.name === 'Trasporto e-mail')
    assert.equal(mail.status, 'error')
    assert.include(mail.message, 'smtp')
  })

  test('answers 503 when the queue backend cannot be reached', async ({
    client,
    assert,
    cleanup,
  }) => {
    const unreachable = new BullmqQueueDriver({
      url: 'redis://127.0.0.1:1',
      queueName: 'health-test',
      prefix: 'health-test',
      concurrency: 1,
      connectTimeoutMs: 500,
      keepCompletedSeconds: 60,
      keepFailedSeconds: 60,
      shutdownGraceMs: 100,
    })
    cleanup(queue.swap(unreachable))
    cleanup(() => unreachable.close())

    const response = await client.get('/health')
    response.assertStatus(503)
    const check = response.body().checks.find((entry: any) => entry.name === 'Coda dei lavori')
    assert.equal(check.status, 'error')
    assert.include(check.message, 'bullmq')
  })
})
