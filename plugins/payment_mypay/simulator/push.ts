import { signPushJwt } from '../push_jwt.js'
import { pagatiXml, rtXml, type Payment } from './documents.js'
import { pushAttempted, recordPush, type SimEnte } from './store.js'

/**
 * MyPay's outcome push (PushEsitoSilService): for each paid dovuto, a
 * JSON POST `{ rt, esito }` (the RT and a `Pagati` document, base64) to the
 * URL the ente set in MyPay, with `Authorization: Bearer <HS512 JWT>` when
 * the ente has a JWT key. Every push is recorded, whether it could be
 * delivered or not. Real MyPay retries with back-off; this simulator
 * delivers once (the tests resend a recorded push), so a lost one is left
 * to the landing page and the reconciliation job, as in production.
 */
export async function pushOutcome(ente: SimEnte, payment: Payment, simulatorOrigin: string) {
  const body = JSON.stringify({
    rt: Buffer.from(rtXml(ente, payment), 'utf8').toString('base64'),
    esito: Buffer.from(pagatiXml('Pagati', ente, payment), 'utf8').toString('base64'),
  })
  const authorization = ente.jwtSecret
    ? `Bearer ${signPushJwt(ente.jwtSecret, {
        kid: ente.jwtKid ?? undefined,
        sub: ente.jwtClientMail ?? undefined,
        iss: ente.jwtClientId ?? undefined,
      })}`
    : null
  // a path is the platform this simulator runs in (the demo): the same origin
  const url = ente.pushUrl ? new URL(ente.pushUrl, simulatorOrigin).toString() : null
  const id = await recordPush({
    codIpaEnte: ente.codIpaEnte,
    iud: payment.versamento.iud,
    url,
    authorization,
    body,
  })
  if (url) void deliver(id, url, authorization, body)
}

/** One delivery attempt; the caller does not wait for it (MyPay's push is a batch). */
async function deliver(id: number, url: string, authorization: string | null, body: string) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body,
      signal: AbortSignal.timeout(5_000),
    })
    await pushAttempted(id, { statusCode: response.status })
  } catch (error) {
    await pushAttempted(id, { error: String((error as Error).message ?? error) }).catch(() => {})
  }
}
