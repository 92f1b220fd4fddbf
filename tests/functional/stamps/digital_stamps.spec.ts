import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import { createHash } from 'node:crypto'
import Stamp from '#models/stamp'
import Pratica from '#models/pratica'
import PaymentPosition from '#models/payment_position'
import PraticaStatusChange from '#models/pratica_status_change'
import { UserFactory } from '#factories/user_factory'
import { istanzaDigest } from '#domain/payments/digital_stamp'
import { requestStampsAtRelease } from '#services/payments/stamps'
import { documentBytes, moduloCompilatoOf } from '#services/pratiche/documents'
import { pageText } from '#tests/functional/identity/helpers'
import { asCitizen, fillAndSubmit, workTheQueue } from '#tests/functional/pratiche/helpers'
import {
  payingSetup,
  statusOf,
  withSimulatedMyPay,
  type SimulatedMyPay,
} from '../payments/helpers.js'

const BOLLO = { causale: 'Imposta di bollo sull’istanza', amountCents: 1600 }

type Setup = Awaited<ReturnType<typeof payingSetup>>

/** The ente pays through the simulated MyPay, which issues marche da bollo digitali. */
async function stampSetup(mypay: SimulatedMyPay, stamps: { atRequest: boolean }) {
  const setup = await payingSetup(mypay, { items: [] })
  setup.service.stampSettings = {
    atRequest: stamps.atRequest ? [BOLLO] : [],
    atRelease: !stamps.atRequest,
  }
  await setup.service.save()
  return setup
}

function citizenPost(client: any, setup: Setup, url: string, form: Record<string, string>) {
  return asCitizen(client.post(url), setup.ente, setup.citizen)
    .form(form)
    .withCsrfToken()
    .redirects(0)
}

function digitalErrors(response: ApiResponse) {
  return (response.flashMessages().bolloDigitale as { errors: Record<string, string> }).errors
}

/** "Paga online la marca da bollo digitale", the simulator's checkout, back to the esito page. */
async function payDigitalStamp(
  client: any,
  setup: Setup,
  mypay: SimulatedMyPay,
  position: PaymentPosition,
  outcome: 'paid' | 'cancelled' | 'declined'
) {
  const payments = `/${setup.ente.slug}/area-personale/pagamenti`
  const online = await citizenPost(client, setup, `${payments}/paga`, { avviso: position.uuid })
  const checkout = String(online.header('location'))
  if (!checkout.startsWith(mypay.remote.url)) throw new Error(`not a checkout: ${checkout}`)
  await mypay.checkout({ redirectUrl: checkout }, outcome)
  // the esito page reads which positions went to the checkout from the session
  return asCitizen(client.get(`${payments}/esito`), setup.ente, setup.citizen).withSession(
    online.session()
  )
}

test.group('Bolli: marca da bollo digitale through pagoPA (MyPay)', (group) => {
  const mypay = withSimulatedMyPay(group)

  test('at request: the citizen pays the bollo as a marca digitale bound to the istanza; paid, the pratica is Inviata and the Bolli tab shows its IUBD', async ({
    client,
    assert,
  }) => {
    const setup = await stampSetup(mypay(), { atRequest: true })
    const { pratica } = await fillAndSubmit(client, setup.ente, setup.service, setup.citizen)
    await workTheQueue()
    await pratica.refresh()
    assert.equal(pratica.status, 1500)
    const area = `/${setup.ente.slug}/area-personale/pratiche/${pratica.uuid}`
    const tab = pageText(await asCitizen(client.get(area), setup.ente, setup.citizen))
    assert.include(tab, 'Paga con marca da bollo digitale')
    assert.include(tab, 'Numero della marca da bollo (14 cifre)')
    const [stamp] = await Stamp.query().where('pratica_id', pratica.id)

    const bad = await citizenPost(client, setup, `${area}/bolli/${stamp.uuid}/digitale`, {
      provincia: 'Pisa',
    })
    assert.match(digitalErrors(bad).province, /due lettere/)
    assert.lengthOf(await PaymentPosition.query().where('pratica_id', pratica.id), 0)

    for (let twice = 0; twice < 2; twice++) {
      const asked = await citizenPost(client, setup, `${area}/bolli/${stamp.uuid}/digitale`, {
        provincia: 'pi',
      })
      asked.assertStatus(302)
    }
    const created = await PaymentPosition.query().where('pratica_id', pratica.id)
    assert.lengthOf(created, 1, 'asked twice, one position')
    assert.equal(created[0].type, 'STAMP')
    assert.deepEqual(created[0].stampRequest, {
      documentHash: istanzaDigest(pratica.uuid, pratica.data ?? {}),
      province: 'PI',
    })
    await workTheQueue()
    const [position] = await PaymentPosition.query().where('pratica_id', pratica.id)
    assert.equal(position.status, 'PAYMENT_PENDING')
    assert.isNotNull(position.iud, 'created at MyPay')

    const pagamenti = `/${setup.ente.slug}/area-personale/pagamenti`
    const toPay = pageText(await asCitizen(client.get(pagamenti), setup.ente, setup.citizen))
    assert.notInclude(toPay, BOLLO.causale, 'paid from the Bolli tab, not listed as an avviso')
    const waiting = pageText(await asCitizen(client.get(area), setup.ente, setup.citizen))
    assert.include(waiting, 'Paga online la marca da bollo digitale')
    assert.notInclude(waiting, 'Numero della marca da bollo (14 cifre)')
    const typed = await citizenPost(client, setup, `${area}/bolli/${stamp.uuid}`, {
      numero: '01234567890123',
      emissione: '2026-11-20T10:15',
    })
    assert.match(
      (typed.flashMessages().bollo as { errors: { number: string } }).errors.number,
      /marca da bollo digitale/
    )

    const outcome = await payDigitalStamp(client, setup, mypay(), position, 'paid')
    assert.include(pageText(outcome), 'Pagamento completato')
    await workTheQueue()
    const after = await Pratica.findOrFail(pratica.id)
    assert.isNotNull(after.submittedAt, 'Inviata')
    const iter = await PraticaStatusChange.query().where('pratica_id', pratica.id).orderBy('id')
    // then the office's own steps (protocol: 2000)
    assert.deepEqual(iter.map((step) => step.toStatus).slice(0, 4), [1000, 1500, 1520, 1900])
    await stamp.refresh()
    assert.match(stamp.number ?? '', /^\d{14}$/, 'the IUBD from the receipt')
    await position.refresh()
    assert.match(position.iuv ?? '', /^\d{15,25}$/, 'the IUV MyPay gave it at the checkout')
    assert.isNotNull(stamp.enteredAt)
    const paidTab = pageText(await asCitizen(client.get(area), setup.ente, setup.citizen))
    assert.include(paidTab, 'Marca da bollo digitale (pagoPA)')
    assert.include(paidTab, stamp.number!)
    assert.notInclude(paidTab, 'Paga con marca da bollo digitale')
    const paid = pageText(
      await asCitizen(client.get(`${pagamenti}?vista=pagati`), setup.ente, setup.citizen)
    )
    assert.include(paid, BOLLO.causale, 'among the Pagati')
    const receipt = await asCitizen(
      client.get(`${pagamenti}/${position.uuid}/ricevuta`),
      setup.ente,
      setup.citizen
    )
    receipt.assertStatus(200)
  })

  test('at release: bound to the modulo compilato; a 2,00 € bollo is typed, not digital; a declined card leaves the marca open (pay again, or type one); paid at the second try and the other typed, the pratica is Accettata', async ({
    client,
    assert,
  }) => {
    const setup = await stampSetup(mypay(), { atRequest: false })
    const { pratica } = await fillAndSubmit(client, setup.ente, setup.service, setup.citizen)
    await workTheQueue()
    const operator = await UserFactory.merge({ enteId: setup.ente.id }).create()
    await Pratica.query().where('id', pratica.id).update({ status: 4000, operator_id: operator.id })
    await pratica.refresh()
    const asked = await requestStampsAtRelease(
      setup.ente,
      pratica,
      {
        items: [
          { causale: 'Imposta di bollo sul rilascio', importo: '16,00' },
          { causale: 'Diritti di copia conforme', importo: '2,00' },
        ],
        message: '',
      },
      { actor: operator, origin: { ip: null, userAgent: null } }
    )
    assert.deepEqual(asked, { sent: true })
    const [stamp, copy] = await Stamp.query().where('pratica_id', pratica.id).orderBy('item_index')
    const area = `/${setup.ente.slug}/area-personale/pratiche/${pratica.uuid}`
    const notDigital = await citizenPost(client, setup, `${area}/bolli/${copy.uuid}/digitale`, {
      provincia: 'PI',
    })
    assert.match(digitalErrors(notDigital).province, /solo per l’imposta di bollo da 16,00 €/)
    await citizenPost(client, setup, `${area}/bolli/${stamp.uuid}/digitale`, { provincia: 'PI' })
    await workTheQueue()
    const [position] = await PaymentPosition.query().where('pratica_id', pratica.id)
    const modulo = await moduloCompilatoOf(pratica)
    const pdf = await documentBytes(modulo!)
    assert.equal(
      position.stampRequest?.documentHash,
      createHash('sha256').update(pdf).digest('base64'),
      'the marca is bound to the modulo compilato the citizen can download'
    )

    await payDigitalStamp(client, setup, mypay(), position, 'declined')
    await workTheQueue()
    await position.refresh()
    assert.equal(position.status, 'PAYMENT_FAILED')
    assert.equal(await statusOf(pratica), 1500)
    const again = pageText(await asCitizen(client.get(area), setup.ente, setup.citizen))
    assert.include(again, 'Paga online la marca da bollo digitale', 'pay it again')
    assert.include(again, 'Numero della marca da bollo (14 cifre)', 'or type a marca instead')

    await payDigitalStamp(client, setup, mypay(), position, 'paid')
    await workTheQueue()
    assert.equal(await statusOf(pratica), 1500, 'the 2,00 € bollo is still to type')
    const typed = await citizenPost(client, setup, `${area}/bolli/${copy.uuid}`, {
      numero: '01234567890123',
      emissione: '2026-11-20T10:15',
    })
    typed.assertFlashMessage('success', 'Marca da bollo inserita.')
    assert.equal(await statusOf(pratica), 7000)
    assert.lengthOf(
      await PaymentPosition.query().where('pratica_id', pratica.id),
      1,
      'paid on the same position'
    )
  })
})
