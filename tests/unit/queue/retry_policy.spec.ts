import { test } from '@japa/runner'
import { retryDelayMs } from '#queue/retry_policy'
import { bullmqJobId } from '#queue/bullmq_driver'

test.group('Queue / retry policy', () => {
  test('the wait after attempt n is backoff × 2^(n-1)', ({ assert }) => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(1000, attempt)),
      [1000, 2000, 4000, 8000, 16000]
    )
  })

  test('BullMQ job ids keep keys apart and avoid what BullMQ rejects', ({ assert }) => {
    assert.equal(bullmqJobId('outbox:12:notify'), 'key-outbox%3A12%3Anotify')
    assert.notEqual(bullmqJobId('a:b'), bullmqJobId('a%3Ab'))
    assert.notMatch(bullmqJobId('42'), /^\d+$/)
  })
})
