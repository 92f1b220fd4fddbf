import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { PaymentAdapter, PositionRef } from '#extension_points/payment/contract'
import { moveDueDateToPast } from '../simulator/store.js'
import { adapterOver } from './helpers/checked_fetch.js'
import {
  checkoutForm,
  ORGANIZATION,
  startGpdSimulator,
  submitCheckout,
} from './helpers/simulator.js'

/**
 * The simulated Checkout page: the cart with its total and fee, the test
 * card, errors next to the fields with what was typed kept, a declined card
 * that charges nothing, "Annulla", notices that can no longer be paid.
 */
const { remote, config } = await startGpdSimulator()
const RETURN_URLS = {
  success: 'https://servizi.example.it/esito?stato=ok',
  cancel: 'https://servizi.example.it/esito?stato=annullato',
  error: 'https://servizi.example.it/esito?stato=errore',
}

async function cart(adapter: PaymentAdapter, count = 1) {
  const positions: PositionRef[] = []
  for (let index = 0; index < count; index++) {
    positions.push(
      await adapter.createPosition({
        idempotencyKey: `pratica:${randomUUID()}:payment:${index}`,
        payer: { fiscalCode: 'RSSMRA80A41H501Y', name: 'Maria Rossi', kind: 'person' },
        amountCents: 1000 + index * 550,
        description: `Retta asilo nido, rata ${index + 1}`,
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      })
    )
  }
  const session = await adapter.startPayment({
    positions,
    returnUrls: RETURN_URLS,
    payerEmail: 'maria.rossi@example.it',
  })
  return { positions, session }
}

async function html(url: string | URL) {
  const response = await fetch(url)
  return { status: response.status, text: await response.text() }
}

test.group('payment_pagopa_gpd Checkout page', (group) => {
  group.teardown(() => remote.stop())

  test('lists the notices, the fee and the total, with the test card ready', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const { positions, session } = await cart(adapter, 2)
    const page = await html(session.redirectUrl)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Retta asilo nido, rata 1')
    assert.include(page.text, 'Retta asilo nido, rata 2')
    const code = positions[0].noticeCode
    assert.include(page.text, `Codice avviso ${code.slice(0, 4)} ${code.slice(4, 8)}`)
    assert.include(page.text, '0,50')
    assert.include(page.text, 'Paga 26,00')
    assert.include(page.text, 'maria.rossi@example.it')
    assert.include(page.text, 'value="4242 4242 4242 4242"')
  })

  test('wrong card data: errors next to the fields, what was typed kept, nothing paid', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const { positions, session } = await cart(adapter)
    const form = await checkoutForm(session)
    const answer = await fetch(form, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        numeroCarta: '1234 5678',
        scadenza: '13/99',
        cvv: 'abc',
        azione: 'paga',
      }),
    })
    const text = await answer.text()
    assert.equal(answer.status, 422)
    assert.include(text, 'id="numeroCarta-error"')
    assert.include(text, 'Numero della carta non valido.')
    assert.include(text, 'Indica una scadenza futura nel formato MM/AA.')
    assert.include(text, 'Il codice di sicurezza ha 3 o 4 cifre.')
    assert.include(text, 'value="1234 5678"')
    assert.include(text, 'value="13/99"')
    assert.include(text, 'aria-invalid=true')
    const status = await adapter.getStatus(positions[0])
    assert.equal(status.status, 'PAYMENT_PENDING')
  })

  test('a declined card charges nothing and the citizen can try again', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const { positions, session } = await cart(adapter)
    const form = await checkoutForm(session)
    const declined = await submitCheckout(form, 'paid', '4000 0000 0000 0002')
    assert.equal(declined.status, 422)
    assert.include(await declined.text(), 'La banca ha rifiutato il pagamento')
    const pending = await adapter.getStatus(positions[0])
    assert.equal(pending.status, 'PAYMENT_PENDING')

    const approved = await submitCheckout(form, 'paid')
    assert.equal(approved.status, 303)
    assert.equal(approved.headers.get('location'), RETURN_URLS.success)
    const paid = await adapter.getStatus(positions[0])
    assert.equal(paid.status, 'COMPLETE')
  })

  test('"Annulla" goes back to the cancel address; the cart then says so', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const { positions, session } = await cart(adapter)
    const answer = await submitCheckout(await checkoutForm(session), 'cancelled')
    assert.equal(answer.status, 303)
    assert.equal(answer.headers.get('location'), RETURN_URLS.cancel)
    const page = await html(session.redirectUrl)
    assert.include(page.text, 'Pagamento annullato.')
    const status = await adapter.getStatus(positions[0])
    assert.equal(status.status, 'PAYMENT_PENDING')
  })

  test('a notice expired meanwhile: no form, the way back to the ente', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const { positions, session } = await cart(adapter)
    await moveDueDateToPast(ORGANIZATION, positions[0].positionId)
    const page = await html(session.redirectUrl)
    assert.include(page.text, 'Avviso scaduto.')
    assert.notInclude(page.text, '<form')
    assert.include(page.text, `href="${RETURN_URLS.error}"`)
  })

  test('an unknown cart is a 404 page', async ({ assert }) => {
    const page = await html(`${remote.url}/checkout/c/${randomUUID()}`)
    assert.equal(page.status, 404)
    assert.include(page.text, 'Carrello non trovato')
  })
})
