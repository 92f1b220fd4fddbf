import { randomBytes, randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import EntePlugin from '#models/ente_plugin'
import type Ente from '#models/ente'
import type Service from '#models/service'
import type Citizen from '#models/citizen'
import { PraticaFactory } from '#factories/pratica_factory'
import { changeStatus } from '#services/pratiche/change_status'
import { sealSecrets } from '#plugin_runtime/plugin_secrets'
import { formatAmount, italianDate, versamentoXml } from '#plugins/payment_mypay/documents'
import { insertDovuto, registerEnte, type SimEnte } from '#plugins/payment_mypay/simulator/store'

export interface MyPayOptions {
  /** the database connection (a server child process's own SQLite file); default the app's */
  connection?: string
  /** where the simulated MyPay pushes outcomes; default the ente's notification route */
  pushUrl?: string
  /** MyPay settings over the default (empty address: the simulator in the app) */
  config?: { baseUrl?: string; checkoutUrl?: string }
}

/**
 * The ente takes payments through MyPay, the simulated MyPay this test
 * server mounts under /_sim/payment_mypay/ (as the demo does): the real
 * adapter, its SOAP calls and its checkout page with the test card.
 */
export async function mypayFor(ente: Ente, options: MyPayOptions = {}) {
  const { connection } = options
  const password = randomBytes(9).toString('base64url')
  const jwtSecret = randomBytes(64).toString('base64')
  const codIpaEnte = `c_b${randomBytes(4).toString('hex')}`
  ente.merge({
    codiceIpa: codIpaEnte,
    codiceFiscale: String(randomInt(10_000_000_000, 99_999_999_999)),
  })
  // a factory's model forgets its connection once created
  if (connection) ente.$setOptionsAndTrx({ connection })
  await ente.save()
  await EntePlugin.create(
    {
      enteId: ente.id,
      pluginId: 'payment_mypay',
      inContract: true,
      enabled: true,
      config: {
        tipoDovuto: 'DIRITTI_SEGRETERIA',
        datiSpecificiRiscossione: '9/0101108TS/',
        jwtClientId: 'stanza',
        ...options.config,
      },
      secrets: sealSecrets({ password, jwtSecret }, ente.id, 'payment_mypay'),
    },
    { connection }
  )
  const simulated: SimEnte = {
    codIpaEnte,
    codiceFiscale: ente.codiceFiscale,
    name: ente.name,
    password,
    tipiDovuto: ['DIRITTI_SEGRETERIA', 'CDS'],
    segregationCode: '01',
    pushUrl: options.pushUrl ?? `/${ente.slug}/callbacks/payment_mypay/notify`,
    jwtSecret,
    jwtKid: 'test',
    jwtClientId: 'stanza',
    jwtClientMail: 'sil@comune.prova.it',
  }
  await registerEnte(simulated, db.connection(connection))
  return simulated
}

/** The citizen's pratica sent (1000 → 1500): the queue then asks MyPay for its positions. */
export async function sentForPayment(
  { ente, service, citizen }: { ente: Ente; service: Service; citizen: Citizen },
  connection?: string
) {
  const factory = connection ? PraticaFactory.connection(connection) : PraticaFactory
  const pratica = await factory
    .merge({ enteId: ente.id, serviceId: service.id, citizenId: citizen.id, status: 1000 })
    .create()
  await db
    .connection(connection)
    .transaction((trx) =>
      changeStatus(trx, pratica.id, 1500, { actor: { type: 'citizen', id: citizen.id } })
    )
  return pratica
}

/** A dovuto made at MyPay outside the platform (a fine), for the payer's open positions. */
export async function dovutoAtMyPay(
  ente: SimEnte,
  payer: { fiscalCode: string; name: string },
  iud: string,
  cents: number,
  causale: string
) {
  const dueDate = new Date(Date.now() + 30 * 86_400_000)
  await insertDovuto({
    ente,
    iud,
    versamentoXml: versamentoXml({
      azione: 'I',
      payer: { kind: 'F', fiscalCode: payer.fiscalCode, name: payer.name },
      iud,
      amountCents: cents,
      tipoDovuto: 'CDS',
      causale,
      datiSpecificiRiscossione: '9/0102100SA/',
      dueDate,
    }),
    payerKind: 'F',
    payerFiscalCode: payer.fiscalCode,
    amount: formatAmount(cents),
    dueDate: italianDate(dueDate),
  })
}
