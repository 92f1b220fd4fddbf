import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import EntePlugin from '#models/ente_plugin'
import type Ente from '#models/ente'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import { sealSecrets } from '#plugin_runtime/plugin_secrets'
import { registerEnte } from '#plugins/payment_mypay/simulator/store'
import { changeStatus } from '#services/pratiche/change_status'
import type { PaymentItem } from '#domain/service_settings'

export const DIRITTI: PaymentItem = {
  causale: 'Diritti di segreteria permesso ZTL',
  amountCents: 1600,
  bilancio: [],
}

export interface PayingEnteOptions {
  /** where the simulated MyPay pushes outcomes; default the ente's notification route */
  pushUrl?: (ente: Ente) => string
  /** MyPay settings over the default (empty address: the simulator in the app) */
  mypay?: { baseUrl?: string; checkoutUrl?: string }
}

/**
 * As the demo, written straight into the server's database: an ente with
 * the e-mail channel, paying through the MyPay simulator mounted in the
 * app (/_sim/payment_mypay/, its state in the same database), a service
 * with a payment at request and a citizen of the ente.
 */
export async function payingEnte(connection: string, options: PayingEnteOptions = {}) {
  const ente = await EnteFactory.connection(connection).create()
  await EntePlugin.create(
    {
      enteId: ente.id,
      pluginId: 'messaging_email',
      inContract: true,
      enabled: true,
      config: {
        senderAddress: 'noreply@comune.prova.it',
        senderName: ente.name,
        maxMessagesPerMinute: 600,
      },
    },
    { connection }
  )
  const password = randomBytes(9).toString('base64url')
  const jwtSecret = randomBytes(64).toString('base64')
  await EntePlugin.create(
    {
      enteId: ente.id,
      pluginId: 'payment_mypay',
      inContract: true,
      enabled: true,
      config: {
        tipoDovuto: 'DIRITTI_SEGRETERIA',
        datiSpecificiRiscossione: '9/0101108TS/',
        jwtClientId: 'stanza-del-cittadino',
        ...options.mypay,
      },
      secrets: sealSecrets({ password, jwtSecret }, ente.id, 'payment_mypay'),
    },
    { connection }
  )
  await registerEnte(
    {
      codIpaEnte: ente.codiceIpa!,
      codiceFiscale: ente.codiceFiscale,
      name: ente.name,
      password,
      tipiDovuto: ['DIRITTI_SEGRETERIA'],
      segregationCode: '01',
      pushUrl: options.pushUrl?.(ente) ?? `/${ente.slug}/callbacks/payment_mypay/notify`,
      jwtSecret,
      jwtKid: 'prova',
      jwtClientId: 'stanza-del-cittadino',
      jwtClientMail: 'sil@comune.prova.it',
    },
    db.connection(connection)
  )
  const service = await ServiceFactory.connection(connection)
    .merge({
      enteId: ente.id,
      name: 'Richiedere permesso di accesso ad area ZTL',
      minAuthLevel: 2,
      paymentSettings: { atRequest: [DIRITTI], deferred: [] },
    })
    .create()
  const citizen = await CitizenFactory.connection(connection).merge({ enteId: ente.id }).create()
  return { ente, service, citizen }
}

/** "Invia" (1000 → 1500): the server's queue then asks MyPay for the avviso. */
export async function sentPratica(
  connection: string,
  { ente, service, citizen }: Awaited<ReturnType<typeof payingEnte>>
) {
  const pratica = await PraticaFactory.connection(connection)
    .merge({ enteId: ente.id, serviceId: service.id, citizenId: citizen.id, status: 1000 })
    .create()
  await db
    .connection(connection)
    .transaction((trx) =>
      changeStatus(trx, pratica.id, 1500, { actor: { type: 'citizen', id: citizen.id } })
    )
  return pratica
}
