import { randomBytes, randomInt } from 'node:crypto'
import { SimulatorServer } from '#extension_points/simulator_server'
import type { CheckoutSession, PositionRef } from '#extension_points/payment/contract'
import type { PaymentHarness } from '#extension_points/payment/testing'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { TEST_ENTE } from '#extension_points/conformance'
import { parseVersamento } from '../../documents.js'
import { signPushJwt } from '../../push_jwt.js'
import { pagatiXml } from '../../simulator/documents.js'
import { simulatorFaults } from '../../simulator/faults.js'
import { TEST_CARDS } from '../../simulator/checkout.js'
import { simulatorRoutes } from '../../simulator/routes.js'
import {
  backdate,
  countDovuti,
  findDovuto,
  lastPushFor,
  registerEnte,
  type SimEnte,
} from '../../simulator/store.js'

/**
 * The simulated MyPay served on a local port for one test file, with an
 * ente of its own (unique IPA code and codice fiscale, so test files never
 * see each other's dovuti), the plugin settings that point at it, a record
 * of every SOAP request the adapter sent, and the conformance harness.
 */
export const TIPO_DOVUTO = 'DIRITTI_SEGRETERIA'
export const JWT_CLIENT_ID = 'stanza-del-cittadino'

function elevenDigits() {
  return String(randomInt(10_000_000_000, 99_999_999_999))
}

export async function startSimulatedMyPay() {
  const soapRequests: string[] = []
  const routes = simulatorRoutes.map((route) =>
    route.path === '/ws/pa/'
      ? {
          ...route,
          handler: (request: PluginHttpRequest) => {
            soapRequests.push(request.rawBody ?? '')
            return route.handler(request)
          },
        }
      : route
  )
  const remote = new SimulatorServer(routes)
  await remote.start()

  const codIpaEnte = `c_t${randomBytes(4).toString('hex')}`
  const ente: SimEnte = {
    codIpaEnte,
    codiceFiscale: elevenDigits(),
    name: 'Comune di Prova',
    password: 'Segreta.2026',
    tipiDovuto: [TIPO_DOVUTO],
    segregationCode: '01',
    pushUrl: null,
    jwtSecret: randomBytes(64).toString('base64'),
    jwtKid: 'chiave-1',
    jwtClientId: JWT_CLIENT_ID,
    jwtClientMail: 'stanza@comune.prova.it',
  }
  await registerEnte(ente)

  const enteInfo = { ...TEST_ENTE, codiceFiscale: ente.codiceFiscale, codiceIpa: codIpaEnte }
  const config = {
    baseUrl: remote.url,
    checkoutUrl: `${remote.url}/checkout/ec/v1`,
    password: ente.password,
    tipoDovuto: TIPO_DOVUTO,
    datiSpecificiRiscossione: '9/0101100IM/',
    jwtSecret: ente.jwtSecret,
    jwtClientId: JWT_CLIENT_ID,
    timeoutSeconds: 1,
  }
  // the faults that hold an answer outlast the adapter's one second
  simulatorFaults.holdMs = 1_500
  const notifyUrl = `${enteInfo.baseUrl}/callbacks/payment_mypay/notify`

  function notification(body: string, authorization: string): PluginHttpRequest {
    return {
      method: 'POST',
      url: notifyUrl,
      headers: { 'content-type': 'application/json', authorization },
      query: {},
      body: JSON.parse(body),
      rawBody: body,
    }
  }

  /** The citizen at the checkout page: the form as the page gives it, the test card, Paga or Annulla. */
  async function checkout(session: CheckoutSession, outcome: 'paid' | 'cancelled' | 'declined') {
    const page = await fetch(session.redirectUrl)
    const html = await page.text()
    const id = /name="id" value="([^"]+)"/.exec(html)?.[1]
    const action = /<form method="POST" action="([^"]+)"/.exec(html)?.[1]
    if (page.status !== 200 || !id || !action)
      throw new Error(`no checkout form (${page.status}): ${html.slice(0, 300)}`)
    const card = outcome === 'declined' ? TEST_CARDS.declined : TEST_CARDS.approved
    const answer = await fetch(action.replaceAll('&amp;', '&'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        id,
        azione: outcome === 'cancelled' ? 'annulla' : 'paga',
        numero: card.number,
        scadenza: card.expiry,
        cvv: card.cvv,
        titolare: 'Maria Rossi',
        email: 'maria.rossi@example.test',
      }),
      redirect: 'manual',
    })
    if (answer.status !== 302) {
      const text = await answer.text()
      throw new Error(`the checkout did not conclude (${answer.status}): ${text.slice(0, 300)}`)
    }
    return answer.headers.get('location')!
  }

  const harness = {
    async payAtCheckout(session: CheckoutSession, outcome: 'paid' | 'cancelled') {
      await checkout(session, outcome)
    },
    teardown: () => remote.stop(),
    async reset() {
      simulatorFaults.clear()
      await remote.start()
    },
    async notificationFor(position: PositionRef) {
      const push = await lastPushFor(codIpaEnte, position.positionId)
      if (!push) throw new Error(`MyPay sent no push for ${position.positionId}`)
      return notification(push.body, push.authorization ?? '')
    },
    /** A push claiming the position paid, signed with a key that is not the ente's. */
    async forgeNotification(position: PositionRef) {
      const dovuto = (await findDovuto(codIpaEnte, { iud: position.positionId }))!
      const body = JSON.stringify({
        rt: '',
        esito: Buffer.from(
          pagatiXml('Pagati', ente, {
            versamento: parseVersamento(dovuto.versamentoXml),
            iuv: dovuto.iuv,
            iur: randomBytes(16).toString('hex'),
            paidAt: new Date(),
            esito: '0',
          })
        ).toString('base64'),
      })
      const forger = randomBytes(64).toString('base64')
      return notification(
        body,
        `Bearer ${signPushJwt(forger, { kid: 'chiave-1', iss: JWT_CLIENT_ID })}`
      )
    },
    countPositions: () => countDovuti(codIpaEnte),
    expire: (position: PositionRef) => backdate(codIpaEnte, position.positionId),
    takeDown: () => remote.stop(),
    bringUp: () => remote.start(),
    async loseNextAnswer() {
      simulatorFaults.inject('lostAnswer', { operation: 'paaSILImportaDovuto' })
    },
  } satisfies PaymentHarness

  return { remote, ente, enteInfo, config, harness, checkout, soapRequests, notification }
}
