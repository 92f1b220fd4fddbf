import type Ente from '#models/ente'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { enableEmail } from '#tests/functional/pratiche/helpers'
import { DIRITTI } from '#tests/functional/payments/helpers'
import { mypayFor, type MyPayOptions } from '#tests/browser/payments_area/helpers'

export interface PayingEnteOptions {
  /** where the simulated MyPay pushes outcomes; default the ente's notification route */
  pushUrl?: (ente: Ente) => string
  /** MyPay settings over the default (empty address: the simulator in the app) */
  mypay?: MyPayOptions['config']
}

/**
 * As the demo, written straight into the server's database: an ente with
 * the e-mail channel, paying through the MyPay simulator mounted in the
 * app (/_sim/payment_mypay/, its state in the same database), a service
 * with a payment at request and a citizen of the ente.
 */
export async function payingEnte(connection: string, options: PayingEnteOptions = {}) {
  const ente = await EnteFactory.connection(connection).create()
  await enableEmail(ente, connection)
  await mypayFor(ente, { connection, pushUrl: options.pushUrl?.(ente), config: options.mypay })
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
