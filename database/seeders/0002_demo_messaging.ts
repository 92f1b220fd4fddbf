import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Ente from '#models/ente'
import EntePlugin from '#models/ente_plugin'
import { defineSeeder } from '#services/setup/versioned_seeders'

/**
 * Demo: the built-in e-mail channel is in both demo enti's contract and
 * enabled, on the deployment's mailer (the development mailbox).
 */
export default defineSeeder({
  demo: true,
  async run(trx) {
    await enableEmail(
      'comune-di-bugliano',
      'Comune di Bugliano',
      'noreply@comune.bugliano.pi.it',
      trx
    )
    await enableEmail('comune-di-esempio', 'Comune di Esempio', 'noreply@comune.esempio.it', trx)
  },
})

async function enableEmail(
  slug: string,
  senderName: string,
  senderAddress: string,
  trx: TransactionClientContract
) {
  const ente = await Ente.query({ client: trx }).where('slug', slug).firstOrFail()
  await EntePlugin.create(
    {
      enteId: ente.id,
      pluginId: 'messaging_email',
      inContract: true,
      enabled: true,
      config: { senderAddress, senderName, maxMessagesPerMinute: 60, smtpSecure: false },
      secrets: null,
    },
    { client: trx }
  )
}
