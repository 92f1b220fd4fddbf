import { randomBytes, randomInt } from 'node:crypto'
import EntePlugin from '#models/ente_plugin'
import type Ente from '#models/ente'
import { sealSecrets } from '#plugin_runtime/plugin_secrets'
import { formatAmount, italianDate, versamentoXml } from '#plugins/payment_mypay/documents'
import { insertDovuto, registerEnte, type SimEnte } from '#plugins/payment_mypay/simulator/store'

/**
 * The ente takes payments through MyPay, the simulated MyPay this test
 * server mounts under /_sim/payment_mypay/ (as the demo does): the real
 * adapter, its SOAP calls and its checkout page with the test card.
 */
export async function mypayFor(ente: Ente) {
  const password = randomBytes(9).toString('base64url')
  const jwtSecret = randomBytes(64).toString('base64')
  const codIpaEnte = `c_b${randomBytes(4).toString('hex')}`
  ente.merge({
    codiceIpa: codIpaEnte,
    codiceFiscale: String(randomInt(10_000_000_000, 99_999_999_999)),
  })
  await ente.save()
  await EntePlugin.create({
    enteId: ente.id,
    pluginId: 'payment_mypay',
    inContract: true,
    enabled: true,
    config: {
      tipoDovuto: 'DIRITTI_SEGRETERIA',
      datiSpecificiRiscossione: '9/0101108TS/',
      jwtClientId: 'stanza',
    },
    secrets: sealSecrets({ password, jwtSecret }, ente.id, 'payment_mypay'),
  })
  const simulated: SimEnte = {
    codIpaEnte,
    codiceFiscale: ente.codiceFiscale,
    name: ente.name,
    password,
    tipiDovuto: ['DIRITTI_SEGRETERIA', 'CDS'],
    segregationCode: '01',
    pushUrl: `/${ente.slug}/callbacks/payment_mypay/notify`,
    jwtSecret,
    jwtKid: 'test',
    jwtClientId: 'stanza',
    jwtClientMail: 'sil@comune.prova.it',
  }
  await registerEnte(simulated)
  return simulated
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
