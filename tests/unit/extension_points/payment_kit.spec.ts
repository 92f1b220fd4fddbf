import { test } from '@japa/runner'
import { TEST_ENTE } from '#extension_points/conformance'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { createFaultSwitch } from '#extension_points/payment/kit/fault_switch'
import { paymentReturnRoute, paymentReturnUrl } from '#extension_points/payment/kit/return_route'
import { TEST_CARD, handleTestCardForm } from '#extension_points/payment/kit/simulator_kit'
import { arriveAt } from '#extension_points/payment/kit/testing_kit'
import { el, leaf, optionalLeaf, parseXml } from '#extension_points/payment/kit/xml'

/**
 * The payment kit's pieces that hold no state: the return route's
 * redirect, the simulator's fault switch and checkout form, the XML writer.
 * The ledger and the test helpers are proved by the plugins' own suites.
 */
const routeUrl = (path: string) => `${TEST_ENTE.baseUrl}/callbacks/payment_acme${path}`
const pages = {
  ok: `${TEST_ENTE.baseUrl}/area-personale/pagamenti/esito?stato=ok`,
  ko: `${TEST_ENTE.baseUrl}/area-personale/pagamenti/esito?stato=annullato`,
}

function formPost(fields: Record<string, string>): PluginHttpRequest {
  const body = new URLSearchParams(fields).toString()
  return {
    method: 'POST',
    url: 'http://sim/pagamento',
    headers: {},
    query: {},
    body,
    rawBody: body,
  }
}

test.group('Payment kit: return route', () => {
  const route = paymentReturnRoute((query) => [query.esito === 'OK' ? query.ok : query.ko])

  test('sends the browser to the platform’s page for the outcome', async ({ assert }) => {
    const back = new URL(paymentReturnUrl(routeUrl, { ...pages, unused: undefined }))
    assert.equal(back.pathname, '/comune-di-prova/callbacks/payment_acme/ritorno')
    assert.isFalse(back.searchParams.has('unused'))
    back.searchParams.set('esito', 'OK')
    assert.deepEqual(await arriveAt(route, back.toString()), { redirect: pages.ok })
    back.searchParams.set('esito', 'KO')
    assert.deepEqual(await arriveAt(route, back.toString()), { redirect: pages.ko })
  })

  test('never outside the ente: another site, another ente, a script address', async ({
    assert,
  }) => {
    for (const elsewhere of [
      'https://evil.example/comune-di-prova',
      `${new URL(TEST_ENTE.baseUrl).origin}/comune-di-prova-bis/area-personale`,
      'javascript:alert(1)',
    ]) {
      const back = paymentReturnUrl(routeUrl, { ok: elsewhere })
      const answer = await arriveAt(route, `${back}&esito=OK`)
      assert.equal(answer.status, 400, elsewhere)
      assert.equal(answer.body, 'Indirizzo di ritorno dal pagamento non valido.')
    }
  })

  test('the first candidate inside the ente wins', async ({ assert }) => {
    const fallback = paymentReturnRoute((query) => [query.errore, query.ko])
    const back = paymentReturnUrl(routeUrl, { errore: 'https://evil.example/', ko: pages.ko })
    assert.deepEqual(await arriveAt(fallback, back), { redirect: pages.ko })
  })
})

test.group('Payment kit: fault switch', () => {
  const answers = {
    serverError: () => ({ status: 500, body: 'errore' }),
    lostAnswer: () => ({ status: 504, body: 'persa' }),
  }

  test('errore500 does nothing, rispostaPersa does the work and loses the answer, then all is well', async ({
    assert,
  }) => {
    const faults = createFaultSwitch(answers)
    let done = 0
    const work = async () => ({ status: 200, body: `fatto ${++done}` })
    faults.inject('errore500')
    faults.inject('rispostaPersa')
    assert.deepEqual(await faults.run(work), { status: 500, body: 'errore' })
    assert.equal(done, 0)
    assert.deepEqual(await faults.run(work), { status: 504, body: 'persa' })
    assert.equal(done, 1)
    assert.deepEqual(await faults.run(work), { status: 200, body: 'fatto 2' })
  })

  test('timeout answers after the delay, having done the work; clear drops what is queued', async ({
    assert,
  }) => {
    const faults = createFaultSwitch(answers)
    faults.inject('timeout', { delayMs: 120 })
    const started = Date.now()
    assert.deepEqual(await faults.run(async () => ({ status: 200 })), { status: 200 })
    assert.isAtLeast(Date.now() - started, 100)
    faults.inject('errore500', { times: 3 })
    faults.clear()
    assert.deepEqual(await faults.run(async () => ({ status: 200 })), { status: 200 })
  })

  test('the /guasti route queues a known fault and refuses another', async ({ assert }) => {
    const faults = createFaultSwitch(answers)
    const post = (body: Record<string, unknown>) => faults.route.handler({ ...formPost({}), body })
    const status = async () => {
      const answer = await faults.run(async () => ({ status: 200 }))
      return answer.status
    }
    assert.equal(post({ tipo: 'incendio' }).status, 400)
    assert.equal(post({ tipo: 'errore500', volte: 2 }).status, 204)
    assert.deepEqual([await status(), await status(), await status()], [500, 500, 200])
  })
})

test.group('Payment kit: test-card checkout form', () => {
  function checkout(state: { open: boolean; paid: number; left: number; refused: number }) {
    return {
      session: state,
      isOpen: (session: typeof state) => session.open,
      page: async (refusal?: { carta: string; error: string }) => ({
        status: refusal ? 422 : 200,
        body: refusal ? `${refusal.carta}|${refusal.error}` : 'pagina',
      }),
      async abandon(session: typeof state) {
        session.left++
        return pages.ko
      },
      async pay(session: typeof state) {
        if (!session.open) return null
        session.open = false
        session.paid++
        return pages.ok
      },
      async refused(session: typeof state) {
        session.refused++
      },
    }
  }

  test('the test card pays once and sends the citizen back; a second submission pays nothing', async ({
    assert,
  }) => {
    const state = { open: true, paid: 0, left: 0, refused: 0 }
    const pay = formPost({ azione: 'paga', carta: TEST_CARD.replaceAll(' ', '') })
    assert.deepEqual(await handleTestCardForm(pay, checkout(state)), { redirect: pages.ok })
    assert.deepEqual(await handleTestCardForm(pay, checkout(state)), {
      status: 200,
      body: 'pagina',
    })
    assert.equal(state.paid, 1)
  })

  test('another card: the page again (422) with the number typed and the test card named', async ({
    assert,
  }) => {
    const state = { open: true, paid: 0, left: 0, refused: 0 }
    const answer = await handleTestCardForm(
      formPost({ azione: 'paga', carta: '1111 2222' }),
      checkout(state)
    )
    assert.equal(answer.status, 422)
    assert.equal(
      answer.body,
      `1111 2222|La carta non è stata accettata: usa la carta di prova ${TEST_CARD}.`
    )
    assert.deepEqual([state.paid, state.refused], [0, 1])
  })

  test('annulla leaves without paying', async ({ assert }) => {
    const state = { open: true, paid: 0, left: 0, refused: 0 }
    const answer = await handleTestCardForm(formPost({ azione: 'annulla' }), checkout(state))
    assert.deepEqual(answer, { redirect: pages.ko })
    assert.deepEqual([state.paid, state.left], [0, 1])
  })
})

test.group('Payment kit: XML', () => {
  test('writes elements in the order given, escaped, empty ones left out', ({ assert }) => {
    const xml = el(
      'a:Posizione',
      [leaf('a:Causale', 'Oneri & "diritti" <2026>'), optionalLeaf('a:Note', ''), false],
      {
        'xmlns:a': 'urn:acme',
        'skip': undefined,
      }
    )
    assert.equal(
      xml,
      '<a:Posizione xmlns:a="urn:acme"><a:Causale>Oneri &amp; &quot;diritti&quot; &lt;2026&gt;</a:Causale></a:Posizione>'
    )
    assert.equal(
      parseXml(xml).getElementsByTagName('a:Causale')[0].textContent,
      'Oneri & "diritti" <2026>'
    )
  })

  test('a document that is not well formed is a TypeError saying why', ({ assert }) => {
    assert.throws(() => parseXml('<Posizione'), TypeError, /not XML: .*unexpected end of input/)
    assert.throws(() => parseXml('testo'), TypeError, /not XML: empty document/)
    assert.throws(() => parseXml(''), TypeError, /not XML/)
  })
})
