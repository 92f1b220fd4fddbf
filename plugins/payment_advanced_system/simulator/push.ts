import { randomUUID } from 'node:crypto'
import { FIRMA_HEADER, type Esito } from '../api.js'
import { signPush } from '../push_signature.js'
import { nextPushFault } from './faults.js'
import { expire, positionByIuv, pushSettingsOf } from './store.js'

/**
 * The simulated gateway's outcome push (api.ts `Esito`, provisional): after
 * a payment, a cancellation or an expiry, one event per position to the
 * address the ente set in its back office (store `configurePush`), signed
 * with the ente's notification key. A delivery the ente does not
 * acknowledge with a 2xx is made again after each of `pushSchedule.delaysMs`
 * (same idEvento, signed anew), then the gateway gives up: the platform's
 * polling still learns the outcome. The timers live in the process, as the
 * fault switch does.
 */
export const pushSchedule = {
  delaysMs: [5_000, 30_000, 120_000, 600_000],
  timeoutMs: 5_000,
}

type Evento = Omit<Esito, 'inviatoIl'>
interface Delivery {
  url: string
  chiave: string
  evento: Evento
}

/** `origin`: where a path-only address points (the platform this simulator runs in). */
export async function pushOutcome(codiceEnte: string, iuv: string, origin?: string) {
  // one after the other: a test database may share a single connection
  const settings = await pushSettingsOf(codiceEnte)
  const posizione = settings ? await positionByIuv(codiceEnte, iuv) : null
  if (!settings || !posizione) return
  let url: string
  try {
    url = new URL(settings.url, origin).toString()
  } catch {
    return // a path, and no platform to resolve it against
  }
  const evento: Evento = {
    idEvento: randomUUID(),
    iuv,
    stato: posizione.stato,
    pagamento: posizione.pagamento,
  }
  void deliver({ url, chiave: settings.chiave, evento }, 0)
}

/** The gateway's clock passes a position's last day: it expires and is pushed. */
export async function expireAndPush(iuv: string) {
  const codiceEnte = await expire(iuv)
  if (codiceEnte) await pushOutcome(codiceEnte, iuv)
}

async function deliver(delivery: Delivery, attempt: number) {
  const fault = nextPushFault()
  let acknowledged = fault === 'notificaPersa' ? false : await send(delivery)
  if (fault === 'notificaDoppia') acknowledged = (await send(delivery)) || acknowledged
  const delayMs = pushSchedule.delaysMs[attempt]
  if (acknowledged || delayMs === undefined) return
  setTimeout(() => void deliver(delivery, attempt + 1), delayMs).unref()
}

async function send({ url, chiave, evento }: Delivery) {
  const body = JSON.stringify({ ...evento, inviatoIl: new Date().toISOString() })
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [FIRMA_HEADER]: signPush(body, chiave) },
      body,
      signal: AbortSignal.timeout(pushSchedule.timeoutMs),
    })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}
