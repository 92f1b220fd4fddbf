import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Group } from '@japa/runner/core'
import EntePlugin from '#models/ente_plugin'
import Pratica from '#models/pratica'
import PaymentPosition from '#models/payment_position'
import { sealSecrets } from '#plugin_runtime/plugin_secrets'
import { registerEnte } from '#plugins/payment_mypay/simulator/store'
import { startSimulatedMyPay } from '#plugins/payment_mypay/tests/helpers/simulated_mypay'
import type { PaymentItem } from '#domain/service_settings'
import { queue } from '#queue/queue'
import { DatabaseQueueDriver } from '#queue/database_driver'
import type { QueueConfig } from '#queue/config'
import {
  asCitizen,
  fillAndSubmit,
  workTheQueue,
  ztlSetup,
} from '#tests/functional/pratiche/helpers'

/**
 * The reconciliation checks are dispatched, not recorded in the outbox:
 * keep them in the database queue that workTheQueue runs, also where the
 * suite runs on BullMQ (REDIS_URL). Returns the restore function.
 */
export function useDatabaseQueue() {
  return queue.swap(new DatabaseQueueDriver(app.config.get<QueueConfig>('queue').database))
}

export type SimulatedMyPay = Awaited<ReturnType<typeof startSimulatedMyPay>>

/**
 * The group's simulated MyPay (one per test file, on its own port), the
 * database queue, a global transaction per test. Returns its getter.
 */
export function withSimulatedMyPay(group: Group) {
  let mypay: SimulatedMyPay
  group.setup(async () => {
    mypay = await startSimulatedMyPay()
    const restoreQueue = useDatabaseQueue()
    return async () => {
      restoreQueue()
      await mypay.harness.teardown()
    }
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  return () => mypay
}

export const DIRITTI: PaymentItem = {
  causale: 'Diritti di segreteria permesso ZTL',
  amountCents: 1600,
  bilancio: [],
}

/**
 * The ZTL service with payments at request, its ente paying through the
 * simulated MyPay of the test file (the ente's codice fiscale and IPA code
 * are the simulated ente's, so the avvisi name it). `pushUrl`: where MyPay
 * pushes outcomes (null: no push, the platform learns by polling).
 */
export async function payingSetup(
  mypay: SimulatedMyPay,
  options: { items?: PaymentItem[]; pushUrl?: string | null } = {}
) {
  const setup = await ztlSetup({
    paymentSettings: { atRequest: options.items ?? [DIRITTI], deferred: [] },
  })
  const { ente } = setup
  ente.merge({ codiceFiscale: mypay.ente.codiceFiscale, codiceIpa: mypay.ente.codIpaEnte })
  await ente.save()
  await registerEnte({ ...mypay.ente, pushUrl: options.pushUrl ?? null })
  const { password, jwtSecret, ...config } = mypay.config
  await EntePlugin.create({
    enteId: ente.id,
    pluginId: 'payment_mypay',
    inContract: true,
    enabled: true,
    config,
    secrets: sealSecrets({ password, jwtSecret: jwtSecret! }, ente.id, 'payment_mypay'),
  })
  return setup
}

/** "Invia", then the queue until the positions are at MyPay. */
export async function submitAndCreate(client: any, setup: PayingSetup) {
  const sent = await fillAndSubmit(client, setup.ente, setup.service, setup.citizen)
  await workTheQueue()
  await sent.pratica.refresh()
  return { ...sent, positions: await positionsOf(sent.pratica) }
}

type PayingSetup = Awaited<ReturnType<typeof payingSetup>>

/** "Paga online" on the pratica's payment step: where the platform sends the citizen. */
export async function openCheckout(client: any, setup: PayingSetup, base: string) {
  const online = await asCitizen(client.post(`${base}/pagamento/online`), setup.ente, setup.citizen)
    .withCsrfToken()
    .redirects(0)
  return String(online.header('location'))
}

export function positionsOf(pratica: Pratica) {
  return PaymentPosition.query().where('pratica_id', pratica.id).orderBy('id')
}

export async function statusOf(pratica: Pratica) {
  const current = await Pratica.findOrFail(pratica.id)
  return current.status
}
