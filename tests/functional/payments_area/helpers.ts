import db from '@adonisjs/lucid/services/db'
import EntePlugin from '#models/ente_plugin'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import PaymentPosition from '#models/payment_position'
import { useTestPlugins } from '#plugin_runtime/testing'
import { sealSecrets } from '#plugin_runtime/plugin_secrets'
import { FakeIntermediary } from '#tests/fixtures/plugins/payment_fake/intermediary'
import { createFakePaymentPlugin } from '#tests/fixtures/plugins/payment_fake/plugin'
import { requestPositions } from '#services/payments/positions'
import { createAtIntermediary } from '#services/payments/create_at_intermediary'
import type { PositionPhase } from '#models/payment_position'

const SECRET = 'segreto-delle-notifiche'

/**
 * The ente takes payments through the in-memory fake intermediary (cart,
 * open positions, stamps): call `restore()` in the test's cleanup.
 */
export async function fakePayments(ente: Ente) {
  const remote = new FakeIntermediary(SECRET)
  const plugins = useTestPlugins([createFakePaymentPlugin(remote)])
  await EntePlugin.create({
    enteId: ente.id,
    pluginId: 'payment_fake',
    inContract: true,
    enabled: true,
    config: {},
    secrets: sealSecrets({ notificationSecret: SECRET }, ente.id, 'payment_fake'),
  })
  return { remote, restore: plugins.restore }
}

/** Positions of the citizen created at the fake intermediary, as the creation job leaves them. */
export async function createdPositions(
  ente: Ente,
  citizen: Citizen,
  items: Array<{ causale: string; amountCents: number; dueDate?: string }>,
  options: { praticaId?: number | null; phase?: PositionPhase | null } = {}
) {
  const { DateTime } = await import('luxon')
  const rows = await db.transaction((trx) =>
    requestPositions(trx, {
      ente,
      pluginId: 'payment_fake',
      payer: { fiscalCode: citizen.fiscalCode, name: citizen.fullName, kind: 'person' },
      praticaId: options.praticaId ?? null,
      citizenId: citizen.id,
      phase: options.phase ?? null,
      attempt: 1,
      items: items.map((item, index) => ({
        causale: item.causale,
        amountCents: item.amountCents,
        dueDate: item.dueDate ? DateTime.fromISO(item.dueDate) : null,
        idempotencyKey: options.phase ? undefined : `test:${citizen.id}:${item.causale}:${index}`,
      })),
    })
  )
  for (const row of rows) await createAtIntermediary(row.id, { lastAttempt: true })
  return PaymentPosition.query()
    .whereIn(
      'id',
      rows.map((row) => row.id)
    )
    .orderBy('item_index')
}

/** The checkout id at the end of a fake checkout address. */
export function checkoutIdOf(location: string) {
  return new URL(location).pathname.split('/').pop()!
}
