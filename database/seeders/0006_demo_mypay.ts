import { randomBytes } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Ente from '#models/ente'
import EntePlugin from '#models/ente_plugin'
import { sealSecrets } from '#plugin_runtime/plugin_secrets'
import { defineSeeder } from '#services/setup/versioned_seeders'
import { formatAmount, italianDate, versamentoXml } from '#plugins/payment_mypay/documents'
import { insertDovuto, registerEnte, type SimEnte } from '#plugins/payment_mypay/simulator/store'

/**
 * Demo: the Comune di Bugliano takes its payments through MyPay, the
 * simulated MyPay of this installation (empty address), so `npm start`
 * runs the real adapter: SOAP to /_sim/payment_mypay/ws/pa/, the checkout
 * page with the test card, the outcome push with its HS512 JWT to the
 * platform. The simulated MyPay gets the same password and JWT key, as an
 * ente's MyPay back office would, and holds two fines of Lorenzo Bertoli
 * (a test citizen of the IdP di test) made outside the platform, for the
 * open positions.
 */
const PLUGIN_ID = 'payment_mypay'
const TIPO_DOVUTO = 'DIRITTI_SEGRETERIA'
const FINES_PAYER = {
  kind: 'F' as const,
  fiscalCode: 'BRTLNZ85C12G702U',
  name: 'Lorenzo Bertoli',
  email: 'lorenzo.bertoli@example.it',
}

export default defineSeeder({
  demo: true,
  async run(trx) {
    const ente = await Ente.query({ client: trx }).where('slug', 'comune-di-bugliano').firstOrFail()
    const password = randomBytes(9).toString('base64url')
    const jwtSecret = randomBytes(64).toString('base64')

    await EntePlugin.create(
      {
        enteId: ente.id,
        pluginId: PLUGIN_ID,
        inContract: true,
        enabled: true,
        config: {
          tipoDovuto: TIPO_DOVUTO,
          datiSpecificiRiscossione: '9/0101108TS/',
          jwtClientId: 'stanza-del-cittadino',
        },
        secrets: sealSecrets({ password, jwtSecret }, ente.id, PLUGIN_ID),
      },
      { client: trx }
    )

    const simulated: SimEnte = {
      codIpaEnte: ente.codiceIpa!,
      codiceFiscale: ente.codiceFiscale,
      name: ente.name,
      password,
      tipiDovuto: [TIPO_DOVUTO, 'CDS'],
      segregationCode: '01',
      // a path: the platform the simulator runs in, whatever its port
      pushUrl: `/${ente.slug}/callbacks/${PLUGIN_ID}/notify`,
      jwtSecret,
      jwtKid: 'demo',
      jwtClientId: 'stanza-del-cittadino',
      jwtClientMail: 'sil@comune.bugliano.pi.it',
    }
    await registerEnte(simulated, trx)
    await addFine(
      simulated,
      'cds-xy123ab',
      4200,
      'Contravvenzione targa XY123AB - Sosta in zona a traffico limitato',
      trx
    )
    await addFine(
      simulated,
      'cds-pp313qq',
      2900,
      'Contravvenzione targa PP313QQ - Durata parcheggio oltre tempo massimo',
      trx
    )
  },
})

async function addFine(
  ente: SimEnte,
  iud: string,
  cents: number,
  causale: string,
  trx: TransactionClientContract
) {
  const dueDate = new Date(Date.now() + 60 * 86_400_000)
  const xml = versamentoXml({
    azione: 'I',
    payer: FINES_PAYER,
    iud,
    amountCents: cents,
    tipoDovuto: 'CDS',
    causale,
    datiSpecificiRiscossione: '9/0102100SA/',
    dueDate,
  })
  await insertDovuto(
    {
      ente,
      iud,
      versamentoXml: xml,
      payerKind: FINES_PAYER.kind,
      payerFiscalCode: FINES_PAYER.fiscalCode,
      amount: formatAmount(cents),
      dueDate: italianDate(dueDate),
    },
    trx
  )
}
